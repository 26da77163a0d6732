"""The `events` stage: PLOVER 2.0 events from the dependency parse, the lexicon and the resolved actors.

For every trigger the lexicon matches (verbs first, then nouns not already part of a verb's pattern):
  1. actors      the subject (a passive's "by" phrase), inherited through infinitives and coordinated verbs
                 ("agreed to withdraw"); a pronoun in reported speech is the reporting subject ("Peru said
                 it was moving troops"); for a noun, the subject of the verb it is the object of ("held
                 talks"), a possessive ("Russia's deployment"), an adjective ("Russian invasion") or "by";
                 the speaker of the reporting clause for threats stated about the recipient ("X would face
                 a heavy price"). Every actor whose mention lies in that phrase counts, so compound
                 subjects stay lists.
                 An ethnic group is coded by where it lives ("ethnic Serbs in Croatia"); a subject naming no
                 actor gives its apposition's, else its place's country ("a car bomb in Mosul"); a patron
                 in a modifier ("pro-Turkish", "Rwandan-backed") is never a party.
  2. recipients  the object (when the entry says the object is a party) and the entry's prepositions; an
                 object naming only a place gives that place's country ("shelled the town of X"); a threat or
                 demand without one takes the subject of its clause or condition; then (after the parties a
                 complement or purpose clause names) the country of the event's place, and for an act of
                 conflict still without one the actor's own country (a domestic act).
  3. status      status.py: negated, hypothetical, conditional, planned or asserted.
  4. threat      a material-conflict event stated as the consequence of a condition ("would retaliate if")
                 is a THREATEN by its actor.
  5. evidence    trigger and sentence spans, the lexicon entry id, the clause's date (lookups.clauses), the
                 quote holding the trigger, CAMEO code, quad class and Goldstein score (ontology.py), and a
                 confidence (see `confidence`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from ..lookups.clauses import clause_time
from ..lookups.cues import cues
from ..lookups.kb import load_kb
from ..lookups.lexicon import Entry, Match, NounPattern, VerbPattern, load
from ..records import Actor, Event, Place, Quote, TextSpan
from ..registry import Context, stage
from . import ontology
from .classify import classify
from .matching import CLAUSE_DEPS, OBJECT_DEPS, antecedent, find_matches
from .merge import codes, merge_mentions, split_partyless
from .performative import add_performative_speakers
from .status import (
    by_future_aux,
    event_status,
    is_arranged,
    is_conditional_consequence,
    is_obligation,
    is_refused_subject,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SUBJECT_DEPS = ("nsubj", "csubj")
# Heads an infinitive or coordinated verb inherits its subject from.
INHERIT_DEPS = ("xcomp", "conj", "advcl", "acomp")
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their"})
# Verbs whose object is an event the subject speaks of, judges or watches, not one it does: "Turkey
# condemned the attack", "the minister welcomed the agreement", "officials feared a new offensive".
STANCE_VERBS = frozenset(
    "condemn denounce criticize criticise deplore decry blame welcome praise hail applaud commend fear deny "
    "dismiss reject oppose protest mourn regret lament report describe discuss investigate probe witness "
    "watch see predict expect await demand urge seek request want cover".split()
)
# Verbs whose subject undergoes the event named by their object: "Iran faces new sanctions", "the town
# suffered heavy shelling", "the region received aid".
UNDERGO_VERBS = frozenset("face suffer endure undergo survive receive experience escape".split())
# Planned acts of these types are threats ("will impose a curfew"); planned drills or marches are not.
THREAT_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION"})
# Participles that tie an unnamed group to the organization it acts for ("workers affiliated with X").
AFFILIATION_VERBS = frozenset({"affiliate", "link", "belong", "loyal", "tie", "allied", "ally"})
# Prepositions whose objects are the recipients of a nominal event: "invasion of X", "attack on X".
NOUN_PREPS = ("of", "on", "against")
PATRON_SUFFIX = re.compile(r"-(?:backed|sponsored|funded|supported|allied)\b", re.IGNORECASE)
MODIFIER_DEPS = ("amod", "compound", "nmod", "poss")
# Prepositions on the verb carrying a nominal event that name its target: "launched an inquiry against X".
NOUN_VERB_PREPS = ("on", "against")
# Types whose place, when no party is named, is what the act is done to ("police raided homes in Basra",
# "troops deployed to Belarus"); the place of talks or of a statement is only where they happen.
PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "AID", "SANCTION"})
# Acts of force and coercion with no target named are done at home ("police detained dozens of miners"), and
# a protest or strike with none is aimed at its own country's authorities (PLOVER: "directed toward ...
# government authorities"); a denial or a deployment without a target is not done to the actor's own country.
DOMESTIC_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST"})
# Prepositions that place an event: "talks in Paris", "troops to Belarus".
PLACE_PREPS = frozenset({"in", "at", "to", "into", "near", "inside", "outside", "across", "along", "on"})
# Nouns that measure or count a nominal event ("ten days of war games", "a new round of talks"): the verb
# above them carries the event.
MEASURE_NOUNS = frozenset(
    {"day", "week", "month", "hour", "night", "round", "series", "wave", "spate", "string", "bout", "set"}
)
# Military exercises (entry ids): one country's are a show of force (MOBILIZE), those of several countries
# are military cooperation (COOPERATE), as PLOVER codes "joint military games and maneuvers".
EXERCISE, JOINT_EXERCISE = "mobilize.exercise", "cooperate.exercise"
# Prepositions naming a partner in a joint act: "drills with Belarus", "exercises alongside U.S. troops".
PARTNER_PREPS = frozenset({"with", "alongside"})
# Participles that list the parties of a nominal event: "talks involving X, Y and Z".
PARTICIPANT_VERBS = frozenset({"involve", "include", "bring", "gather", "unite"})
# Sub-phrases that do not belong to an argument: "troops, who had crossed ..." is only "troops".
CUT_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "parataxis", "appos"})
# Confidence: a transparent sum, capped at 1 (documented in the README).
CONF_BASE = 0.4
CONF_VERB = 0.15  # a verb trigger (a noun's roles are less certain)
CONF_PATTERN_WORD = 0.05  # per extra word of the pattern (object, particle, infinitive), at most 3
CONF_ACTOR = 0.25
CONF_RECIPIENT = 0.15


# --- arguments -----------------------------------------------------------------------------------------
def phrase_starts(head: Token) -> set[int]:
    """Where the words of an argument start: the head's subtree without relative, adverbial or appositive
    parts ("Andriy Yermak, chief of staff to President X," is Yermak only)."""
    starts, stack = set(), [head]
    while stack:
        t = stack.pop()
        starts.add(t.idx)
        stack.extend(c for c in t.children if c.dep_ not in CUT_DEPS)
    return starts


class IndexedActors(list):
    """The record's actors with two lookups built once per article: mention start -> actor ids, id -> actor
    (the coder asks "which actors are named in these words" thousands of times per article)."""

    def __init__(self, actors: list[Actor], text: str = "", places: list[Place] | None = None) -> None:
        super().__init__(actors)
        self.record_actors = actors
        # places with a country, by start and by id: "where" is a party when no actor is named
        self.places = {
            p.span[0]: p for p in places or () if p.country and p.lat is not None and p.use != "embedded"
        }
        self.place_by_id = {p.id: p for p in self.places.values()}
        self.by_id = {a.id: a for a in actors}
        self.by_start: dict[int, list[str]] = {}
        for a in actors:
            for s, e in a.mentions:
                if _names_a_patron(text, s, e):
                    continue
                ids = self.by_start.setdefault(s, [])
                if a.id not in ids:
                    ids.append(a.id)

    def country_of(self, place: Place | None) -> list[str]:
        """The country of a place, as an actor."""
        if place is None or not place.country:
            return []
        return self.country(place.country, place.span, f"the country of the place {place.id} ({place.text})")

    def country(self, code: str, span: list[int], why: str) -> list[str]:
        """The country `code` as an actor; made when the article names it only through a place or a group."""
        found = self.by_id.get(code)
        if found is None:
            country = load_kb().countries.get(code)
            if country is None:
                return []
            found = Actor(
                id=code, name=country.name, country=code, mentions=[list(span)], how=[f"events: {why}"]
            )
            self.record_actors.append(found)
            self.append(found)
            self.by_id[found.id] = found
        return [found.id]


def _names_a_patron(text: str, start: int, end: int) -> bool:
    """ "pro-Turkish militia", "Rwandan-backed rebels": the country named is the group's patron, not a
    party to what the group does."""
    return text[max(0, start - 4) : start].lower() == "pro-" or PATRON_SUFFIX.match(text, end) is not None


def actors_at(head: Token | None, actors: IndexedActors) -> list[str]:
    if head is None:
        return []
    found: list[str] = []
    for start in sorted(phrase_starts(head)):
        for actor_id in actors.by_start.get(start, ()):
            if actor_id not in found:
                found.append(actor_id)
    return _drop_covered(found, actors)


def targets_at(head: Token, actors: IndexedActors) -> list[str]:
    """The parties an object names, else the country of the place it names: "shelled the town of X",
    "arrested Darfur rebels" are done to the country of X and of Darfur."""
    found = actors_at(head, actors)
    if found or not actors.places:
        return found
    place = next((actors.places[s] for s in sorted(phrase_starts(head)) if s in actors.places), None)
    return actors.country_of(place)


def agent_actors(head: Token | None, actors: IndexedActors) -> list[str]:
    """The actors a subject names; for a name the knowledge base does not know, those of its apposition:
    "the agency, a U.N. body, said" is the U.N."""
    found = actors_at(head, actors)
    if found:
        return _residents(head, found, actors)
    if head is None:
        return found
    for appos in (c for c in head.children if c.dep_ == "appos"):
        found = actors_at(appos, actors)
        if found:
            return found
    for acl in (c for c in head.children if c.dep_ == "acl" and c.lemma_ in AFFILIATION_VERBS):
        found = actors_at(acl, actors)  # "workers affiliated with the X union", "militants linked to Y"
        if found:
            return found
    return []


def _residents(head: Token, found: list[str], actors: IndexedActors) -> list[str]:
    """An ethnic group is coded by the country it lives in, named in its phrase or where its clause takes
    place: "ethnic Serbs in Croatia", "ethnic Uzbek militias operating in Kyrgyzstan", "ethnic Greeks
    marched in Albania" are Croatian, Kyrgyz and Albanian actors."""
    doc, subtree = head.doc, list(head.subtree)
    ethnic = {
        a
        for t in subtree
        if t.lower_ == "ethnic" and t.i + 1 < len(doc)
        for a in actors.by_start.get(doc[t.i + 1].idx, ())
    }
    if head.tag_ == "NNPS" and any(c.dep_ == "prep" and c.lower_ in ("in", "of") for c in head.children):
        ethnic.update(actors.by_start.get(head.idx, ()))  # "the Hungarians of Romania", "Tamils in India"
    if not ethnic:
        return found
    origins = {actors.by_id[e].country for e in ethnic}
    if head.dep_ == "nsubj":
        subtree += [t for p in head.head.children if p.dep_ == "prep" and p.lower_ == "in" for t in p.subtree]
    homes = [
        a
        for t in subtree
        for a in actors.by_start.get(t.idx, ())
        if actors.by_id[a].country and actors.by_id[a].country not in origins
    ]
    if not homes:
        return found
    return list(dict.fromkeys([a for a in found if a not in ethnic] + homes))


def _drop_covered(ids: list[str], actors: IndexedActors) -> list[str]:
    """'officials from Russia' gives RUS.GOV; the bare country RUS mentioned in the same words goes."""
    by_id = actors.by_id
    sectors = {by_id[i].country for i in ids if by_id[i].sector and by_id[i].country}
    return [i for i in ids if not (by_id[i].sector is None and by_id[i].country in sectors)]


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """The verb's agent and whether it came from a passive's "by" phrase."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return antecedent(child), False
        if child.dep_ == "agent":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj, True
    if verb.dep_ == "relcl":
        return verb.head, False
    if verb.dep_ in INHERIT_DEPS and verb.head.i != verb.i:
        return subject_of(verb.head)
    return None, False


def controller(verb: Token) -> tuple[Token | None, bool]:
    """The unexpressed subject of a gerund or participle after a preposition, and whether the verb is
    passive: in "the mayor resigned after being accused of fraud" the mayor is the one accused (the
    patient); in "troops began the pull-out by delivering notices" the troops deliver (the agent). It is
    the subject of the clause the preposition hangs on, whatever that clause's voice."""
    if verb.dep_ != "pcomp" or verb.tag_ not in ("VBG", "VBN") or verb.head.dep_ != "prep":
        return None, False
    if any(c.dep_ in (*SUBJECT_DEPS, "nsubjpass") for c in verb.children):
        return None, False
    governor = verb.head.head
    if governor.pos_ not in ("VERB", "AUX"):
        return None, False
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    own = next((c for c in governor.children if c.dep_ in (*SUBJECT_DEPS, "nsubjpass")), None)
    return (own if own is not None else subject_of(governor)[0]), passive


def clause_subject(verb: Token) -> Token | None:
    """The verb's agent, or the agent its gerund or participle form takes from the clause above."""
    subject, _ = subject_of(verb)
    if subject is None:
        ctrl, passive = controller(verb)
        subject = None if passive else ctrl
    return subject


def resolve_pronoun(subject: Token | None, actors: list[Actor]) -> Token | None:
    """'Peru said it was moving troops': 'it' is the subject of the reporting verb above."""
    if subject is None or subject.lower_ not in PRONOUNS or actors_at(subject, actors):
        return subject
    for ancestor in subject.head.ancestors:
        candidate, _ = subject_of(ancestor)
        if candidate is not None and candidate.i != subject.i and candidate.lower_ not in PRONOUNS:
            return candidate
    return subject


def speaker_of(token: Token) -> Token | None:
    """The subject of the nearest reporting verb above the token ("the minister said they would pay ...")."""
    reporting = cues().any
    for ancestor in token.ancestors:
        if ancestor.lemma_ in reporting and ancestor.pos_ in ("VERB", "AUX"):
            return subject_of(ancestor)[0]
    return None


def condition_subjects(token: Token, actors: list[Actor]) -> list[str]:
    """The subject of the "if" clause of a threat: whom the threat is addressed to."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    for clause in (c for c in verb.children if c.dep_ == "advcl"):
        subject, _ = subject_of(clause)
        found = actors_at(subject, actors)
        if found:
            return found
    return []


def arguments(m: Match, actors: list[Actor]) -> tuple[list[str], list[str]]:
    tok, entry = m.token, m.entry
    if isinstance(m.pattern, VerbPattern):
        subject, _ = subject_of(tok)
        subject = resolve_pronoun(subject, actors)
        objects = [antecedent(c) for c in tok.children if c.dep_ in ("dobj", "dative") and c not in m.words]
        # the pattern's own object names a party by its modifiers only: "expelled three Iranian envoys"
        objects += [c for w in m.words[1:] if w.dep_ == "dobj" for c in w.children if c.dep_ in MODIFIER_DEPS]
        patient = next((antecedent(c) for c in tok.children if c.dep_ == "nsubjpass"), None)
        if patient is None:  # "after being accused of fraud (by X)", "by delivering notices"
            ctrl, passive = controller(tok)
            if passive:
                patient = ctrl
            elif subject is None and ctrl is not None:
                subject = resolve_pronoun(ctrl, actors)
        if patient is not None and subject is None and _statal_commitment(m):
            subject, patient = patient, None  # "Chile is committed to ...": Chile commits itself
        if patient is not None:  # "X was attacked (by Y)": the event is done to X
            objects = [patient]
        if entry.speaker:
            return actors_at(speaker_of(tok), actors), actors_at(subject, actors)
        actor_ids = agent_actors(subject, actors)
        recipients = [] if entry.object == "none" else [a for o in objects for a in targets_at(o, actors)]
        if (entry.group or (entry.object == "none" and patient is not None)) and not actor_ids:
            # "troops were withdrawn": with no agent, what the event moves is the party that does it
            actor_ids = [a for o in objects for a in agent_actors(o, actors)]
        heads = [tok, *(w for w in m.words if w.dep_ in OBJECT_DEPS)]
    else:
        actor_ids = _noun_actors(tok, entry, actors)
        recipients = []
        heads = [tok]
        if tok.dep_ in ("dobj", "pobj") and tok.head.pos_ in ("VERB", "AUX"):
            heads.append(tok.head)
            if tok.head.lemma_ in UNDERGO_VERBS:  # "Iran faces new sanctions": Iran is their target
                recipients += agent_actors(resolve_pronoun(subject_of(tok.head)[0], actors), actors)
            # "give Tanzania a grant": the verb's indirect object receives the noun's event
            recipients += [
                a for c in tok.head.children if c.dep_ in ("dative", "iobj") for a in actors_at(c, actors)
            ]
    for head in heads:
        preps = _recipient_preps(m, head)
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in preps):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                recipients += targets_at(pobj, actors)
    if not recipients and ontology.quad_class(entry.type) == 3 and isinstance(m.pattern, VerbPattern):
        recipients = _addressees(tok, actors)
    recipients = [r for r in dict.fromkeys(recipients) if r not in actor_ids]
    return actor_ids, recipients


def _addressees(verb: Token, actors: IndexedActors) -> list[str]:
    """Whom a demand, accusation or threat with no object is addressed to: the subject of its clause
    ("demanded that the U.S. match ..."), the subject of its condition ("threatened to strike unless Sudan
    withdraws"), else the parties its complement's object names ("threatened to renew raids in Kenya")."""
    found: list[str] = []
    for comp in (c for c in verb.children if c.dep_ == "ccomp" or _marked_for(c)):
        found += actors_at(subject_of(comp)[0], actors)
    clauses = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
    for clause in (c for v in clauses for c in v.children if c.dep_ == "advcl" and _is_condition(c)):
        found += actors_at(subject_of(clause)[0], actors) if not found else []
    for comp in clauses[1:] if not found else ():
        found += [a for c in comp.children if c.dep_ == "dobj" for a in actors_at(c, actors)]
    return found


def _marked_for(clause: Token) -> bool:
    """ "pressed for Syria to withdraw": a clause of what is asked of its subject."""
    return clause.dep_ in CLAUSE_DEPS and any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children)


def _is_condition(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause.children)


def _statal_commitment(m: Match) -> bool:
    """ "is committed to", "is pledged to": a passive of intent that states the subject's own commitment."""
    return m.entry.type == "AGREE" and "to" in getattr(m.pattern, "particles", ())


def _recipient_preps(m: Match, head: Token) -> tuple[str, ...]:
    """The prepositions on `head` whose objects are recipients: the entry's, a verb pattern's own particle
    ("set fire to X", "lash out at X"), and for a nominal event "of/on/against" on the noun and "against/on"
    on the verb that carries it ("launched an inquiry against X": the parse hangs it on the verb)."""
    entry = m.entry
    if head.pos_ not in ("VERB", "AUX"):
        preps = (*entry.preps, *NOUN_PREPS)
        return tuple(p for p in preps if p != "of") if entry.group else preps  # "deployment of troops"
    if isinstance(m.pattern, VerbPattern):
        return (*entry.preps, *m.pattern.particles)
    return (*entry.preps, *NOUN_VERB_PREPS)


def _noun_actors(noun: Token, entry: Entry, actors: list[Actor]) -> list[str]:
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ in ("amod", "compound", "nmod") and actors_at(child, actors)):
            found = actors_at(child, actors)
            if found:
                return found
        if child.dep_ == "prep" and child.lower_ == "by":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return actors_at(pobj, actors)
        if entry.group and child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            found = actors_at(pobj, actors) if pobj is not None else []
            if found:
                return found
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
        noun = noun.head  # "began delivering eviction notices": the notices' deliverer evicts
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head  # "took part in talks"
    if head.lemma_ in MEASURE_NOUNS and head.dep_ in ("dobj", "attr") and noun.head.lower_ == "of":
        # "launched ten days of war games", "held a round of talks": the verb above the measure carries it
        found = agent_actors(resolve_pronoun(subject_of(head.head)[0], actors), actors)
        if found:
            return found
    elif noun.dep_ in ("dobj", "pobj", "attr") and head.pos_ in ("VERB", "AUX"):
        if head.lemma_ in STANCE_VERBS or head.lemma_ in UNDERGO_VERBS:
            return []  # "Turkey condemned the attack": Turkey did not attack; "Iran faces sanctions"
        return agent_actors(resolve_pronoun(clause_subject(head), actors), actors)
    for child in noun.children:  # "talks between X and Y"
        if child.dep_ == "prep" and child.lower_ in ("between", "among"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            return actors_at(pobj, actors)
    return _participants(noun, actors)


def _participants(noun: Token, actors: list[Actor]) -> list[str]:
    """ "talks involving X, Y and Z": the participle may hang on the noun or on the verb above it."""
    t = noun
    while True:
        for child in t.children:
            if child.dep_ in ("acl", "advcl") and child.lemma_ in PARTICIPANT_VERBS:
                obj = next((c for c in child.children if c.dep_ == "dobj"), None)
                found = actors_at(obj, actors)
                if found:
                    return found
        if t.pos_ in ("VERB", "AUX") or t.dep_ not in ("pobj", "prep", "dobj", "attr") or t.head.i == t.i:
            return []
        t = t.head  # up through "rounds of talks" to the verb, never from a subject


# --- the stage -----------------------------------------------------------------------------------------
def confidence(m: Match, actor_ids: list[str], recipients: list[str]) -> float:
    """CONF_BASE, plus CONF_VERB for a verb trigger, CONF_PATTERN_WORD per extra pattern word (at most 3),
    CONF_ACTOR when an actor was found, CONF_RECIPIENT when a recipient was; at most 1."""
    extra = min(3, m.pattern.size - 1)
    score = CONF_BASE + CONF_PATTERN_WORD * extra
    score += CONF_VERB if isinstance(m.pattern, VerbPattern) else 0.0
    score += CONF_ACTOR if actor_ids else 0.0
    score += CONF_RECIPIENT if recipients else 0.0
    return round(min(1.0, score), 3)


@stage(
    "events",
    requires=["doc", "actors"],
    assigns=["events", "event_candidates", "actors"],  # adds the parties only the syntax names
    reads=["times", "article.published", "quotes", "places"],
)
def code_events(ctx: Context) -> None:
    doc = ctx.doc
    actors = IndexedActors(ctx.record.actors, ctx.article.text, ctx.record.places)
    add_performative_speakers(actors, doc, ctx.record.quotes)
    events: list[Event] = []
    mentions_only: list[Event] = []
    seen: set[tuple[str, int]] = set()
    lexicon = load(ctx.article.language or "en")
    matches, rejected = classify(ctx, find_matches(doc, lexicon), actors)
    set_aside: list[Event] = []
    for m, why in rejected:
        event = _event(ctx, m, m.entry.type, m.entry.mode, event_status(m.token), [], [])
        event.dropped, event.score = why, m.score
        set_aside.append(event)
    for m in matches:
        if (m.entry.type, m.token.i) in seen:
            continue
        seen.add((m.entry.type, m.token.i))
        actor_ids, recipients = arguments(m, actors)
        if m.entry.id == EXERCISE and JOINT_EXERCISE in lexicon.entries:
            partners = _exercise_partners(m, actor_ids, actors)
            if partners is not None:  # "French and Egyptian warships held war games": joint, cooperative
                m = Match(m.token, lexicon.entries[JOINT_EXERCISE], m.pattern, m.words)
                recipients = list(dict.fromkeys([*recipients, *partners]))
        etype, mode = m.entry.type, m.entry.mode
        if not actor_ids and isinstance(m.pattern, VerbPattern):
            actor_ids = _located_actor(m, actors)
        if not actor_ids and not recipients and isinstance(m.pattern, NounPattern) and not _done(m.token):
            # a nominal event with no party ("the meeting follows") is a mention, not an event
            mentions_only.append(_event(ctx, m, m.entry.type, m.entry.mode, event_status(m.token), [], []))
            continue
        status = event_status(m.token)
        own = _said_by_actor(ctx, m, actor_ids, actors)
        if status == "planned" and by_future_aux(m.token) and not own:
            status = "hypothetical"  # "analysts said Russia would invade": a forecast, not an intent
        if status == "conditional" and is_conditional_consequence(m.token) and own:
            if ontology.quad_class(etype) == 4:
                etype, mode = "THREATEN", None  # "would retaliate if ...": a threat
            if etype == "THREATEN":
                status = "asserted"  # the threat is made; what is threatened stays conditional
                recipients = recipients or [
                    a for a in condition_subjects(m.token, actors) if a not in actor_ids
                ]
        event = _event(ctx, m, etype, mode, status, actor_ids, recipients)
        event.score = m.score
        events.append(event)
        speech_act = _speech_act(m, event, actors, own)
        if speech_act is not None and not _said_already(doc, speech_act, m.token, events):
            events.append(speech_act)
    # Parties named by a complement come first ("threatened to shell Iraqi towns"), then the place of
    # the event; an intent or refusal without a place then takes its complement's place-given target.
    _inherit_parties(doc, events)
    for event in events:
        if not event.recipients and event.place is not None and event.type in PLACE_TARGET_TYPES:
            event.recipients = _place_recipient(event, actors)
    _inherit_parties(doc, events)
    for event in events:
        if not event.recipients and event.type in DOMESTIC_TYPES:
            event.recipients = _home_country(event, actors)
    kept, dropped = split_partyless(events + mentions_only, actors.by_id)
    kept = merge_mentions(kept, actors.by_id, _references(doc, kept))
    for i, event in enumerate(kept, start=1):
        event.id = f"E{i}"
    dropped = sorted(dropped + set_aside, key=lambda e: e.trigger.span[0])
    for i, event in enumerate(dropped, start=1):
        event.id = f"C{i}"
    ctx.record.events = kept
    ctx.record.event_candidates = dropped


REFERRING_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})


def _references(doc: Doc, events: list[Event]) -> frozenset[int]:
    """Trigger starts of nominal mentions that refer back to a happening: "the attack", "this meeting"."""
    out = set()
    for e in events:
        span = doc.char_span(*e.trigger.span, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        if head.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ in ("det", "poss") and c.lower_ in REFERRING_DETERMINERS for c in head.children
        ):
            out.add(e.trigger.span[0])
    return frozenset(out)


def _exercise_partners(m: Match, actor_ids: list[str], actors: IndexedActors) -> list[str] | None:
    """The partners of a joint military exercise, or None for one country's own: joint when its actors are of
    two countries or more, or a "with"/"alongside" phrase on the exercise or the verb carrying it names one
    (the partners then are recipients)."""
    countries = {actors.by_id[a].country or a for a in actor_ids}
    heads = [m.token, *([m.token.head] if m.token.dep_ in ("dobj", "pobj", "attr") else [])]
    if heads[-1].dep_ == "prep":
        heads.append(heads[-1].head)  # "days of war games": up to the verb
        if heads[-1].dep_ in ("dobj", "attr"):
            heads.append(heads[-1].head)
    partners = [
        a
        for h in heads
        for prep in h.children
        if prep.dep_ == "prep" and prep.lower_ in PARTNER_PREPS
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for a in actors_at(pobj, actors)
        if a not in actor_ids
    ]
    if partners or len(countries) > 1:
        return partners
    return None


def _place_recipient(event: Event, actors: IndexedActors) -> list[str]:
    """An event with no named target is done to the country where it happens, as PLOVER codes it: "troops
    deployed in Mogadishu", "police raided homes in Basra" (IRQ)."""
    return actors.country_of(actors.place_by_id.get(event.place or ""))


def _home_country(event: Event, actors: IndexedActors) -> list[str]:
    """A conflictual act with no target named outside the actor's country is domestic, and PLOVER codes its
    target as that country: "Peruvian police detained dozens of miners" is PER against PER."""
    parties = [actors.by_id[a] for a in event.actors]
    countries = {a.country for a in parties}
    if len(countries) != 1 or None in countries:
        return []
    (code,) = countries
    span = parties[0].mentions[0] if parties[0].mentions else [0, 0]
    return actors.country(code, span, "the actor's own country, target of a domestic act")


def _located_actor(m: Match, actors: IndexedActors) -> list[str]:
    """A subject that names no actor but where it is ("a car bomb near the market of Y killed ...",
    "a militia based in X seized ...") is coded, as PLOVER does, to the country of that place; a relative
    clause on the subject says what it did, not where it is ("gunmen who seized two Danish aid workers")."""
    subject, _ = subject_of(m.token)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN") or not actors.places:
        return []
    own = [t for t in subject.subtree if not any(a.dep_ == "relcl" for a in _path_to(t, subject))]
    return actors.country_of(next((actors.places[t.idx] for t in own if t.idx in actors.places), None))


def _path_to(tok: Token, top: Token) -> list[Token]:
    """The tokens from `tok` up to, not including, its ancestor `top`."""
    path = []
    while tok.i != top.i and tok.head.i != tok.i:
        path.append(tok)
        tok = tok.head
    return path


def _inherit_parties(doc: Doc, events: list[Event]) -> None:
    """An event of intent or request takes the parties its complement names: "offered to hand over to
    Britain" has Britain as the recipient of the offer; "promised to continue aid to X" likewise. A protest
    or other act done to obtain something is aimed at whom its purpose names: "held a sit-in to seek the
    recall of the Bolivian governor"."""
    by_token = {}
    for e in events:
        span = doc.char_span(*e.trigger.span, alignment_mode="expand")
        if span is not None:
            by_token.setdefault(span[0].i, e)
    for e in events:
        if e.recipients and e.actors:
            continue
        span = doc.char_span(*e.trigger.span, alignment_mode="expand")
        if span is None:
            continue
        for comp in _complements(span):
            inner = [by_token[t.i] for t in comp.subtree if t.i in by_token and by_token[t.i] is not e]
            for other in inner:
                e.recipients = e.recipients or [r for r in other.recipients if r not in e.actors]
                e.actors = e.actors or list(other.actors)
            if inner:
                break


def _complements(span: Span) -> list[Token]:
    """The complements and infinitival purpose clauses of a trigger (for a nominal trigger, of the verb that
    carries it: "held a rally to seek ...")."""
    heads = list(span)
    if span.root.dep_ in ("dobj", "attr") and span.root.head.pos_ == "VERB":
        heads.append(span.root.head)
    return [
        c
        for t in heads
        for c in t.children
        if c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "advcl" and any(a.lower_ == "to" for a in c.children))
    ]


def _said_already(doc: Doc, derived: Event, token: Token, events: list[Event]) -> bool:
    """ "agreed to share data" is one AGREE: no second one for the planned sharing under it."""
    above = {t.idx for t in token.ancestors}
    return any(e.type == derived.type and e.trigger.span[0] in above for e in events)


def _done(noun: Token) -> bool:
    """A noun that is the object of a verb is something done ("launched war games"), even by no one named."""
    return noun.dep_ in ("dobj", "attr") and noun.head.pos_ == "VERB"


def _quote_at(ctx: Context, offset: int) -> Quote | None:
    """The quote whose span holds this character offset."""
    return next((q for q in ctx.record.quotes if q.span[0] <= offset < q.span[1]), None)


def _said_by_actor(ctx: Context, m: Match, actor_ids: list[str], actors: IndexedActors) -> bool:
    """The statement is the actor's own: the subject of the reporting verb above the trigger, or the speaker
    of the quote holding it, shares a country or organisation with the actor ("Lavrov said Russia would
    retaliate if ...", not "analysts said Russia would invade if ...")."""
    if not actor_ids:
        return False
    speakers = actors_at(speaker_of(m.token), actors)
    quote = _quote_at(ctx, m.token.idx)
    if quote is not None and quote.speaker:
        speakers.append(quote.speaker)
    return bool(codes(speakers, actors.by_id) & codes(actor_ids, actors.by_id))


def _speech_act(m: Match, event: Event, actors: list[Actor], own: bool) -> Event | None:
    """What a statement about an event does, in PLOVER's terms: a planned cooperative act is an AGREE (intent
    to cooperate), a planned act of force a THREATEN, a refused cooperative act a REJECT, and "X must do Y"
    said by someone a REQUEST by the speaker, a cooperative act promised under a condition an AGREE. The event
    itself stays, with its own status."""
    quad = ontology.quad_class(event.type)
    rule = None
    if event.status != "negated" and is_obligation(m.token):
        speaker = actors_at(speaker_of(m.token), actors)
        if speaker:
            return _derived(event, "REQUEST", "obligation", speaker, event.actors)
    # An intent or offer stated with will/would is the actor's only when the actor says it; one under a
    # verb of intent ("agreed to withdraw") is the actor's own act.
    stated = own or not (by_future_aux(m.token) or is_arranged(m.token))
    if event.status == "planned" and quad in (1, 2) and event.type != "AGREE" and stated:
        etype, rule = "AGREE", "intent"
    elif event.status == "planned" and event.type in THREAT_TYPES and stated:
        etype, rule = "THREATEN", "intent"
    elif event.status == "negated" and quad in (1, 2):
        etype, rule = "REJECT", "refusal"
    elif event.status == "conditional" and quad in (1, 2) and is_conditional_consequence(m.token) and own:
        etype, rule = "AGREE", "conditional-offer"  # "would meet the mediator if ...": an offer
    if rule is None:
        return None
    if rule == "refusal" and not event.actors and is_refused_subject(m.token):
        # "X said lifting the sanctions is out of the question": the speaker refuses
        return _derived(event, etype, rule, actors_at(speaker_of(m.token), actors), event.recipients)
    return _derived(event, etype, rule, event.actors, event.recipients)


def _derived(event: Event, etype: str, rule: str, actor_ids: list[str], recipients: list[str]) -> Event:
    info = ontology.describe(etype, None)
    return Event(
        id="",
        type=etype,
        mode=None,
        context=list(event.context),
        actors=list(actor_ids),
        recipients=[r for r in recipients if r not in actor_ids],
        status="asserted",
        date=event.date,
        place=event.place,
        trigger=event.trigger,
        sentence=event.sentence,
        cameo=info["cameo"],
        quad_class=info["quad_class"],
        goldstein=info["goldstein"],
        quote=event.quote,
        confidence=round(event.confidence * 0.9, 3),
        rule=f"{event.rule}+{rule}",
    )


def event_place(m: Match, places: list) -> str | None:
    """The place named in the event's own clause: a locative phrase on the trigger, its words or (for a noun)
    the verb it depends on: "talks in Paris", "troops to Belarus". Never the dateline or a place elsewhere."""
    if not places:
        return None
    heads = [*m.words]
    tok = m.token
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj", "nsubj") and tok.head.pos_ == "VERB":
        heads.append(tok.head)
    for head in heads:
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                lo, hi = pobj.left_edge.idx, pobj.right_edge.idx + len(pobj.right_edge.text)
                hit = next(
                    (p for p in places if p.lat is not None and p.use != "embedded" and lo <= p.span[0] < hi),
                    None,
                )  # a town in a body's name ("the Winnipeg Fire Service") is not where the event is
                if hit is not None:
                    return hit.id
    return None


def _sentence(ctx: Context, token: Token) -> TextSpan:
    """The token's sentence (sentence bounds found once per article: `token.sent` walks the parse)."""
    bounds = ctx.notes.get("events.sentences")
    if bounds is None:
        sents = list(ctx.doc.sents)
        bounds = ([s.start for s in sents], [(s.start_char, s.end_char) for s in sents])
        ctx.notes["events.sentences"] = bounds
    start, end = bounds[1][bisect_right(bounds[0], token.i) - 1]
    return TextSpan(ctx.article.text[start:end], [start, end])


def _event(
    ctx: Context,
    m: Match,
    etype: str,
    mode: str | None,
    status: str,
    actor_ids: list[str],
    recipients: list[str],
) -> Event:
    words = sorted(m.words, key=lambda t: t.i)
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    mode = mode if mode in ontology.modes(etype) else None
    info = ontology.describe(etype, mode)
    held = _quote_at(ctx, m.token.idx)
    quote = held.id if held is not None else None
    place = event_place(m, ctx.record.places)
    return Event(
        id="",
        type=etype,
        mode=mode,
        context=[m.entry.context] if m.entry.context else [],
        actors=actor_ids,
        recipients=recipients,
        status=status,
        date=clause_time(ctx, m.token.i),
        place=place,
        trigger=TextSpan(ctx.article.text[start:end], [start, end]),
        sentence=_sentence(ctx, m.token),
        cameo=info["cameo"],
        quad_class=info["quad_class"],
        goldstein=info["goldstein"],
        quote=quote,
        confidence=confidence(m, actor_ids, recipients),
        rule=m.entry.id,
    )
