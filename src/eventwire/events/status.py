"""Event status: asserted, planned, conditional, hypothetical, generic or negated (DESIGN section 3).

Checked in this order on the trigger's clause (the trigger, and for a noun the verb it depends on):
  negated       a negation ("did not attack", also on the verb an infinitive depends on: "is not going to
                attack", or on the verb a chain of prepositions leads to: "is not at any stage of talks
                with them"), what a noun with "no" is about ("no evidence that troops attacked", "no timetable
                for a withdrawal"), or under a verb of denial or refusal ("denies it has plans", "refused to
                withdraw")
  conditional   inside an "if"/"unless" clause ("if it invades"), or a consequence of such a clause stated
                with would/will ("the rebels would pay a heavy price if they attack") or in the simple
                present ("if they attack, we respond")
  hypothetical  a modal of possibility (could, may, might), a noun of prospect ("the prospect of an
                invasion", "fears of war"), or under a verb of wish, threat or request ("threatened to
                impose sanctions", "called on them to withdraw")
  hypothetical  also: a question ("Will Russia invade?")
  generic       an adverb of habit on the clause ("police routinely detain protesters")
  planned       will/shall/going to, or under a verb of intent or plan ("agreed to withdraw", "prepare to
                hold drills"); "would" of reported intent (the coder makes it hypothetical unless the actor
                itself says so: `by_future_aux`)
  asserted      otherwise
A later one of coordinated bare verbs with no subject or auxiliary of its own takes the status of the first
("urged them to disarm and withdraw", "will close the border and expel the consul").
The words are data (STATUS_WORDS) so that other languages can bring their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

STATUS_WORDS = {
    "negators": frozenset({"not", "n't", "never", "no"}),
    "denial_verbs": frozenset(
        {
            "deny",
            "refuse",
            "reject",
            "decline",
            "rule",
            "dismiss",
            "fail",
            "avoid",
            "stop",
            "halt",
            "cancel",
            "abandon",
            "postpone",
        }
    ),
    # verbs whose object is an act kept from happening: "troops were sent to prevent attacks on the border",
    # "talks to avert a strike", "measures to deter raids"
    "prevention_verbs": frozenset(
        {"prevent", "avert", "thwart", "deter", "forestall", "preempt", "pre-empt"}
    ),
    # predicates that refuse what their subject names: "lifting the ban is out of the question"
    "refusal_predicates": frozenset({"out of the question", "off the table"}),
    # modifiers that make a nominal event a prospect ("possible charges", "a threatened boycott") or a plan
    # ("the planned withdrawal", "the upcoming talks"), not a happening
    "prospect_modifiers": frozenset(
        {"possible", "potential", "likely", "prospective", "eventual", "hypothetical", "threatened", "feared"}
    ),
    "plan_modifiers": frozenset({"planned", "proposed", "scheduled", "upcoming", "forthcoming", "impending"}),
    "condition_marks": frozenset({"if", "unless", "should"}),
    "consequence_modals": frozenset({"would", "will", "'ll", "wo", "may", "might", "could"}),
    "possibility_modals": frozenset({"could", "may", "might", "can", "ca"}),
    "prospect_nouns": frozenset(
        {
            "prospect",
            "possibility",
            "fear",
            "threat",
            "risk",
            "danger",
            "likelihood",
            "chance",
            "specter",
            "spectre",
            "rumor",
            "rumour",
            "speculation",
            "warning",
            "plan",
            "plans",
            "idea",
            "scenario",
        }
    ),
    "hypothetical_verbs": frozenset(
        {
            "threaten",
            "warn",
            "fear",
            "want",
            "hope",
            "wish",
            "consider",
            "weigh",
            "mull",
            "urge",
            "ask",
            "call",
            "demand",
            "request",
            "press",
            "appeal",
            "seek",
            "propose",
            "suggest",
            "recommend",
            "tell",
            "order",
            "push",
            "predict",
            "expect",
            "risk",
            "could",
            "allege",
            "claim",
            "worry",
            "insist",
            "likely",  # adjectives of likelihood: "likely to face charges" is a forecast
            "unlikely",
            "invite",  # verbs of inviting and persuading: the act they ask for is not done
            "encourage",
            "persuade",
            "anticipate",  # verbs of anticipation: what is awaited has not happened
            "await",
        }
    ),
    # Verbs of permission: the act they permit is not reported as done ("a decree permitting troops to search
    # homes", "authorised the army to use force"). Only their to-infinitive: a noun object ("allowed two
    # visits") keeps its own status.
    "permission_verbs": frozenset(
        {"allow", "permit", "authorize", "authorise", "empower", "enable", "entitle"}
    ),
    # Accidents, disasters and illnesses: as the subject of an event verb they are the cause, and no party
    # acts ("a landslide killed twelve villagers", "the storm destroyed the bridge", "a virus hit the army").
    "non_agent_causes": frozenset(
        {
            "accident",
            "crash",
            "collision",
            "pileup",
            "derailment",
            "blaze",
            "wildfire",
            "storm",
            "hurricane",
            "typhoon",
            "cyclone",
            "tornado",
            "flood",
            "flooding",
            "earthquake",
            "quake",
            "aftershock",
            "tsunami",
            "landslide",
            "mudslide",
            "avalanche",
            "eruption",
            "lightning",
            "heatwave",
            "drought",
            "disease",
            "virus",
            "illness",
            "infection",
            "outbreak",
            "epidemic",
            "pandemic",
        }
    ),
    "planning_verbs": frozenset(
        {
            "agree",
            "offer",
            "pledge",
            "promise",
            "vow",
            "plan",
            "prepare",
            "intend",
            "schedule",
            "aim",
            "decide",
            "commit",
            "set",
            "resolve",
            "arrange",
            "ready",
            "willing",
            "prepared",
            "due",
            "expect",
        }
    ),
    "future_aux": frozenset({"will", "shall", "'ll", "wo", "would"}),
    # adverbs of habit: "police routinely detain protesters" tells what happens, not that it happened
    "habitual_adverbs": frozenset(
        {
            "routinely",
            "often",
            "usually",
            "regularly",
            "frequently",
            "always",
            "typically",
            "generally",
            "habitually",
            "traditionally",
            "customarily",
            "sometimes",
            "occasionally",
            "rarely",
            "seldom",
        }
    ),
    "obligation_aux": frozenset({"must", "should", "ought"}),
}
# How many heads up from the trigger the governing verbs are looked for.
MAX_UP = 4


def lemma_in(token: Token, words: frozenset[str]) -> bool:
    """The lemma, or a plain inflection of the word, is listed (the small model lemmatizes "hopes" as
    "hop")."""
    low = token.lower_
    forms = {
        token.lemma_,
        low,
        low[:-1] if low.endswith("s") else low,
        low[:-1] if low.endswith("ed") else low,
        low[:-2] if low.endswith("ed") else low,
    }
    return bool(forms & words)


def _clause_verbs(token: Token) -> list[Token]:
    """The trigger and, for a noun, the verb (and preposition chain) it hangs on."""
    chain = [token]
    t = token
    for _ in range(2):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            break
        t = t.head
        chain.append(t)
    return chain


def _governors(token: Token) -> list[Token]:
    """Verbs and adjectives above the trigger's clause, nearest first, within MAX_UP steps."""
    out, t = [], token
    for _ in range(MAX_UP):
        if t.head.i == t.i:
            break
        t = t.head
        if t.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            out.append(t)
    return out


def _children_words(tokens: list[Token]) -> set[str]:
    return {c.lower_ for t in tokens for c in t.children}


def event_status(token: Token) -> str:
    shared = _shared_conjunct(token)
    if shared is not None:
        return event_status(shared)  # "urged them to disarm and withdraw": withdraw is urged too
    words = STATUS_WORDS
    clause = _clause_verbs(token)
    child_words = _children_words(clause)
    governors = _governors(clause[-1])
    gov0_hypothetical = bool(governors) and lemma_in(governors[0], words["hypothetical_verbs"])
    gov0_planning = bool(governors) and lemma_in(governors[0], words["planning_verbs"])
    # "the attack", "Iran's attack": a definite nominal event is presupposed; the clause around it does not
    # negate it or make it possible ("The ministry has not commented on the attack", "the raid may have
    # angered them"). Requests, conditions and questions still do ("demanded the release").
    presupposed = _presupposed(token)
    negated_clause = child_words & words["negators"] and any(
        c.dep_ == "neg" for t in clause for c in t.children
    )
    if negated_clause and not presupposed:
        return "negated"
    if not presupposed and _negated_through_prepositions(clause[-1]):
        return "negated"  # "we are not at any stage of talks with them"
    if _negated_governor(clause[-1]):
        return "negated"  # "the rebels are not going to disarm", "Chad never agreed to pull out its units"
    if token.pos_ in ("NOUN", "PROPN") and _with_no(token):
        return "negated"  # "gave no assurances", "no talks took place"
    if is_negated_by_a_noun(token):
        return "negated"  # "no evidence that troops attacked", "no timetable for a withdrawal"
    if _nobody_subject(clause[0]):
        return "negated"  # "no one was arrested", "nobody attacked the convoy", "no shots were fired"
    if not presupposed and any(
        g.lemma_ in words["denial_verbs"] and _denied_by(clause[-1], g) for g in governors[:2]
    ):
        return "negated"
    if _refused_subject(token, clause):
        return "negated"
    if _prevented(clause, governors):
        return "negated"
    if _in_condition(clause):
        return "conditional"
    if _consequence_of_condition(clause):
        return "conditional"
    if child_words & (words["possibility_modals"] | words["obligation_aux"]) and not presupposed:
        return "hypothetical"
    if _in_question(token):
        return "hypothetical"
    if _infinitive_of_modal_verb(clause[-1], words["possibility_modals"] | words["obligation_aux"]):
        return "hypothetical"  # "the law could be used to arrest critics", "may try to block the vote"
    if token.pos_ in ("NOUN", "PROPN"):
        mods = {c.lower_ for c in token.children if c.dep_ in ("amod", "compound")}
        if mods & words["prospect_modifiers"]:
            return "hypothetical"  # "possible charges", "a threatened boycott"
        if mods & words["plan_modifiers"]:
            return "planned"  # "the planned withdrawal", "upcoming talks"
    if token.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "det" and c.lower_ == "any" for c in token.children):
        return "hypothetical"  # "any attack on them would be answered", "opposes any military action"
    if any(
        c.dep_ == "advmod" and c.lower_ in words["habitual_adverbs"]
        for t in (*clause, *governors[:1])
        for c in t.children
    ):
        return "generic"  # also on the verb above a nominal event: "has often been the target of protests"
    if any(t.lemma_ in words["prospect_nouns"] for t in (*clause[1:], *governors[:2]) if t.pos_ == "NOUN"):
        return "hypothetical"
    if len(clause) > 1 and lemma_in(clause[-1], words["hypothetical_verbs"]):
        return "hypothetical"  # a noun under a verb of wish or request: "hopes for a settlement"
    if gov0_hypothetical and (clause[-1].dep_ in ("xcomp", "ccomp") or _marked_for(clause[-1])):
        return "hypothetical"  # "urged them to withdraw", "called for them to withdraw"
    if _permitted(clause[-1]):
        return "hypothetical"  # "the decree allows the police to detain suspects for a week"
    if governors and _looks_forward(governors[0]):
        return "hypothetical"  # "looks forward to meeting the envoy": anticipated, not done
    if (
        governors
        and clause[-1].dep_ in ("csubj", "nsubj")
        and any(
            c.lower_ in words["possibility_modals"] | {"would"}
            for c in governors[0].children
            if c.dep_ == "aux"
        )
    ):
        return "hypothetical"  # "lifting the ban would be a mistake"
    if child_words & words["future_aux"] or _going_to(clause[-1]):
        return "planned"
    if _infinitive_of_modal_verb(clause[-1], words["future_aux"]):
        return "planned"  # "the navy will send ships to blockade the port"
    if gov0_planning and clause[-1].dep_ in ("xcomp", "ccomp", "acomp"):
        return "planned"
    if governors and governors[0].lemma_ == "be" and _to_infinitive(clause[-1]) and not presupposed:
        return "planned"  # "the government is to investigate", "the aim is to hold talks": arranged
    return "asserted"


NOBODY = frozenset({"nobody", "none", "nothing", "noone"})


def _to_infinitive(verb: Token) -> bool:
    """An infinitive complement: "to" on a bare verb that is the complement of the word above."""
    return (
        verb.dep_ in ("xcomp", "ccomp", "advcl")
        and verb.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def _first_conjunct(verb: Token) -> Token:
    """The first of coordinated verbs, which carries what they share: "allowed them to view and talk"."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb


def _shared_conjunct(verb: Token) -> Token | None:
    """The first of coordinated verbs when `verb` is a later one that shares its subject and auxiliaries: a
    bare verb with no subject or auxiliary of its own ("asked them to resign or leave", "will travel to Rome
    and meet the pope", "did not arrest or charge anyone"). A verb in a tense of its own is a clause of its
    own ("would resign, and left": left happened)."""
    if verb.dep_ != "conj" or verb.pos_ != "VERB" or verb.tag_ != "VB":
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg") for c in verb.children):
        return None
    first = _first_conjunct(verb)
    return first if first.i != verb.i and first.pos_ in ("VERB", "AUX") else None


def _infinitive_of_modal_verb(verb: Token, modals: frozenset[str]) -> bool:
    """A to-infinitive whose governing verb carries a modal of possibility or obligation: the modal's scope
    takes in the infinitive ("the powers might be used to detain reporters": no one was detained)."""
    verb = _first_conjunct(verb)
    if not _to_infinitive(verb) or verb.head.i == verb.i:
        return False
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in modals for c in verb.head.children)


def _permitted(verb: Token) -> bool:
    """The to-infinitive (or one coordinated with it) of a verb of permission."""
    first = _first_conjunct(verb)
    return (
        _to_infinitive(first)
        and first.head.i != first.i
        and lemma_in(first.head, STATUS_WORDS["permission_verbs"])
    )


DEFINITE = frozenset({"the", "this", "these", "that", "those"})


def _presupposed(token: Token) -> bool:
    """A nominal trigger with a definite determiner or a possessor: "the attack", "this kidnapping", "Iran's
    raid", "his arrest" (not "an attack", "any attack", "no attack")."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    return any((c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in token.children)


def _looks_forward(verb: Token) -> bool:
    """ "look forward to": the phrase of anticipation (its object has not happened yet)."""
    return verb.lemma_ == "look" and any(c.lower_ == "forward" for c in verb.children)


def _nobody_subject(verb: Token) -> bool:
    """The clause's subject is a negative quantifier: "nobody", "none", "no one", "no protesters"."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in NOBODY or _with_no(c)) for c in verb.children
    )


def _prevented(clause: list[Token], governors: list[Token]) -> bool:
    """The act is what a verb of prevention keeps from happening: its object ("to prevent attacks") or the
    clause under it ("to stop them from attacking" is not listed; "to prevent them from attacking" is)."""
    words = STATUS_WORDS["prevention_verbs"]
    if len(clause) > 1 and clause[0].dep_ in ("dobj", "nsubjpass") and lemma_in(clause[-1], words):
        return True
    return bool(governors) and lemma_in(governors[0], words) and _denied_by(clause[-1], governors[0])


def _refused_subject(token: Token, clause: list[Token]) -> bool:
    """The trigger is the subject of a predicate of refusal: "lifting the sanctions is out of the question",
    "talks are off the table" (not when the predicate is negated: "force is not off the table")."""
    if token.dep_ in ("csubj", "nsubj"):
        copula = token.head
    elif len(clause) > 1 and clause[0].dep_ in ("csubj", "nsubj"):
        copula = clause[-1]
    else:
        return False
    if copula.lemma_ != "be" or any(c.dep_ == "neg" for c in copula.children):
        return False
    phrases = STATUS_WORDS["refusal_predicates"]
    return any(
        " ".join(t.lower_ for t in c.subtree) in phrases
        for c in copula.children
        if c.dep_ in ("prep", "attr", "acomp")
    )


def _denied_by(verb: Token, denial: Token) -> bool:
    """The trigger's clause is what the verb of denial denies ("refused to withdraw", "denied that it
    attacked", "halted plans to attack"), not a purpose or circumstance beside it ("stopped work to protest",
    "stopped work over a bill signed by X")."""
    t = verb
    while t.i != denial.i and t.head.i != t.i:
        if t.dep_ in ("advcl", "relcl") or (t.head.i == denial.i and t.dep_ in ("prep", "npadvmod")):
            return False
        t = t.head
    return True


def is_refused_subject(token: Token) -> bool:
    """ "lifting the ban is out of the question": the act is refused by whoever says so."""
    return _refused_subject(token, _clause_verbs(token))


def _marked_for(verb: Token) -> bool:
    """ "called for Russia to withdraw": the parse often makes the wished-for act a clause marked "for"."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children)


def _in_condition(clause: list[Token]) -> bool:
    for t in (clause[-1], *clause[-1].ancestors):
        if t.dep_ == "advcl" and any(
            c.lower_ in STATUS_WORDS["condition_marks"] for c in t.children if c.dep_ == "mark"
        ):
            return True
        if t.dep_ in ("ROOT", "ccomp"):
            break
    return False


def _consequence_of_condition(clause: list[Token]) -> bool:
    verb = clause[-1]
    has_if = any(
        c.dep_ == "advcl" and any(m.lower_ in STATUS_WORDS["condition_marks"] for m in c.children)
        for c in verb.children
    )
    modal = any(c.lower_ in STATUS_WORDS["consequence_modals"] for c in verb.children if c.dep_ == "aux")
    # the simple present states a rule as well: "if they attack, we respond" (not the past: "if they
    # came, police turned them away" tells what used to happen)
    present = verb.tag_ in ("VBP", "VBZ") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    return has_if and (modal or present)


def is_conditional_consequence(token: Token) -> bool:
    """True for the consequence clause of a condition ("would retaliate if ..."), not for the "if" clause."""
    clause = _clause_verbs(token)
    return _consequence_of_condition(clause) and not _in_condition(clause)


def is_obligation(token: Token) -> bool:
    """ "X must withdraw", "Y should be ready to talk": a demand when someone says it."""
    clause = _clause_verbs(token)
    return bool(_children_words(clause + _governors(clause[-1])[:2]) & STATUS_WORDS["obligation_aux"])


def _in_question(token: Token) -> bool:
    """The trigger's sentence asks: it ends with a question mark (before any closing quote)."""
    sent = token.sent
    tail = [t.text for t in sent[-3:] if not t.is_space]
    return "?" in tail


def by_future_aux(token: Token) -> bool:
    """The clause is planned by a would (not will, going to or a verb of intent): what is said to be
    going to happen, which is the actor's intent only when the actor says it."""
    clause = _clause_verbs(token)
    return any(c.lower_ == "would" for t in clause for c in t.children if c.dep_ == "aux")


def is_arranged(token: Token) -> bool:
    """The clause is planned by "is to" ("the government is to investigate"): an arrangement the report
    states, the actor's intent only when the actor says it (as a would)."""
    verb = _clause_verbs(token)[-1]
    return _to_infinitive(verb) and verb.head.lemma_ == "be"


# The links by which a noun governs what it is about: its clause ("no sign that they attacked"), its
# relative clause ("no policy that allows raids"), its prepositional phrase ("no plans for a withdrawal").
ABOUT_DEPS = frozenset({"acl", "relcl", "ccomp", "prep", "pobj", "pcomp", "xcomp", "dobj", "compound"})


def _under_a_negated_noun(token: Token) -> bool:
    """The trigger lies in what a noun with "no" is about: "there is no evidence that the army attacked",
    "no confirmation that the leaders were killed", "no timetable for an Iraqi withdrawal"."""
    t = token
    for _ in range(MAX_UP):
        if t.head.i == t.i or t.dep_ not in ABOUT_DEPS or _to_infinitive_of_noun(t) or _wh_clause(t):
            return False  # "no right to demand": a statement, whose act is its own; "no word on why they
            # refused": the refusal is presupposed
        t = t.head
        if t.pos_ in ("NOUN", "PROPN") and _with_no(t):
            return True
    return False


def _with_no(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def is_negated_by_a_noun(token: Token) -> bool:
    """The act is negated only as what a noun with "no" is about ("no evidence of talks"): nobody refuses
    anything."""
    return not _presupposed(token) and _under_a_negated_noun(token)


def _to_infinitive_of_noun(verb: Token) -> bool:
    return verb.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _wh_clause(verb: Token) -> bool:
    """ "why they refused", "how the raid began": a clause that asks about an act presupposes it."""
    return any(c.tag_ == "WRB" and c.lower_ != "whether" for c in verb.children)


def _negated_through_prepositions(noun: Token) -> bool:
    """A nominal event deep in a chain of prepositional phrases of a negated verb: "we are not at any stage
    of talks with them"."""
    t = noun
    for _ in range(MAX_UP):
        if t.dep_ not in ("pobj", "prep") or t.head.i == t.i:
            return False
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return any(c.dep_ == "neg" for c in t.children)
    return False


def _negated_governor(verb: Token) -> bool:
    """An infinitive complement of a negated verb: "the rebels are not going to disarm", "Chad never agreed to
    resign", "Iran does not want to talk": what the negated verb would lead to is not asserted either."""
    head = verb.head
    return (
        verb.dep_ == "xcomp"
        and head.i != verb.i
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and any(c.dep_ == "neg" for c in head.children)
    )


def _going_to(verb: Token) -> bool:
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_ == "go" and head.tag_ == "VBG"


def caused_by_nature(token: Token) -> bool:
    """The event verb's subject is an accident, a disaster or an illness: a cause, not a party acting ("a
    crash on the highway killed four people", "floods destroyed the camp")."""
    if token.pos_ != "VERB":
        return False
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lemma_.lower() in STATUS_WORDS["non_agent_causes"]
