"""Finding the lexicon's triggers in a parsed sentence (the first step of the `events` stage, coder.py).

Verbs are matched against the lexicon's verb patterns (the lemma, then the pattern's objects, particles and
infinitive complement, which must hang on the verb), nouns against its noun patterns (not the object of a
light verb whose noun decides, nor a noun ruled out by its modifiers or the verb's object). `antecedent`
reads a relative pronoun as the noun its clause describes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy

from ..lookups.lexicon import Entry, Lexicon, Match, VerbPattern

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

OBJECT_DEPS = ("dobj", "attr", "acomp", "oprd", "dative")
RELATIVE_TAGS = frozenset({"WP"})  # who, whom
# Clauses under a verb whose mark may be a pattern's particle ("pushed for X to ...").
CLAUSE_DEPS = ("advcl", "ccomp")
# Verbs that only carry a nominal event ("hold drills", "launch an attack"): the noun decides its type.
LIGHT_VERBS = frozenset(
    {
        "hold",
        "stage",
        "conduct",
        "carry",
        "launch",
        "have",
        "take",
        "make",
        "begin",
        "start",
        "continue",
        "mount",
        "organize",
        "organise",
    }
)
# Pattern objects that name a project when they take "on" ("work on the dam"), not the act itself.
PROJECT_OBJECTS = frozenset({"work"})


# --- matching ------------------------------------------------------------------------------------------
def find_matches(doc: Doc, lexicon: Lexicon) -> list[Match]:
    lemmas = list(lexicon.verbs.keys() | lexicon.nouns.keys())
    wanted = numpy.array([doc.vocab.strings.add(x) for x in lemmas], dtype="uint64")
    candidates = [doc[int(i)] for i in numpy.flatnonzero(numpy.isin(doc.to_array("LEMMA"), wanted))]
    matches, used = [], set()
    for tok in candidates:
        if tok.pos_ in ("VERB", "AUX") and _a_figure_moves(tok):
            continue  # "arrests fell to 412", "the index ended 1.4 per cent higher": a statistic
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "xcomp")):
            for pattern in lexicon.verbs.get(tok.lemma_, ()):
                words = _match_verb(tok, pattern)
                light = tok.lemma_ in LIGHT_VERBS
                if (
                    words is not None
                    and light
                    and _noun_is_more_specific(words[1 : 1 + len(pattern.objects)], lexicon)
                ):
                    continue  # "hold joint exercises": the noun pattern "joint exercise" says more
                if words is not None and _object_rules_out(tok, pattern.entry):
                    continue  # "released the jobs figures": data, not prisoners
                if words is not None:
                    matches.append(Match(tok, pattern.entry, pattern, words))
                    used.update(w.i for w in words)
                    break
    for tok in candidates:
        if tok.pos_ in ("NOUN", "PROPN") and tok.i not in used:
            for pattern in lexicon.nouns.get(tok.lemma_, ()) or lexicon.nouns.get(tok.lower_, ()):
                if _modifier_rules_out(tok, pattern.entry):
                    continue  # "a press conference": no meeting between parties
                if _modifies_a_thing(tok, lexicon):
                    break  # "riot police", "a detention centre", "a stabbing injury": a kind of thing
                if all(any(c.lower_ == m or c.lemma_ == m for c in tok.children) for m in pattern.modifiers):
                    matches.append(Match(tok, pattern.entry, pattern, [tok]))
                    break
    return sorted(matches, key=lambda m: m.token.i)


# Nouns whose modifier names the event they are an instance, a stretch or a record of: "an assassination
# attempt", "a bombing campaign", "the withdrawal process", "a resignation letter", "an impeachment hearing".
EVENT_FRAMES = frozenset(
    {"attempt", "campaign", "operation", "process", "effort", "drive", "wave", "spree", "series", "plot"}
    | {"bid", "incident", "hearing", "decision", "letter", "statement"}
)


def _modifies_a_thing(noun: Token, lexicon: Lexicon) -> bool:
    """An event noun used as the modifier of another noun names a kind of thing ("riot police", "a detention
    centre", "aid workers", "a stabbing injury"), unless that noun is an event word itself ("a protest
    march", "a bomb explosion") or a frame of one (EVENT_FRAMES)."""
    if noun.dep_ != "compound" or noun.head.i == noun.i or noun.head.pos_ not in ("NOUN", "PROPN"):
        return False
    head = noun.head
    return not (
        head.lemma_.lower() in EVENT_FRAMES or head.lemma_ in lexicon.nouns or head.lower_ in lexicon.nouns
    )


def _modifier_rules_out(noun: Token, entry: Entry) -> bool:
    """A modifier of the noun that the entry names as another sense ("press conference")."""
    return bool(entry.not_modifiers) and any(
        c.dep_ in ("compound", "amod", "nmod") and c.lower_ in entry.not_modifiers for c in noun.children
    )


def _patient(verb: Token) -> Token | None:
    """What a passive verb is done to: its passive subject, or the noun a passive participle describes."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is not None:
        return antecedent(subject)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head
    return None


def _object_rules_out(verb: Token, entry: Entry) -> bool:
    """The verb's complement makes it another act than the entry's: a direct object the entry names ("release
    data", "strike a deal"), a clause after a verb of yielding ("conceded that ..."), any object or clause
    after a verb that is the event only on its own ("demonstrated its resolve", "demonstrate how")."""
    if entry.only_objects:
        thing = next((c for c in verb.children if c.dep_ == "dobj"), None) or _patient(verb)
        if thing is not None and thing.tag_ != "PRP" and not _is_one_of(thing, entry.only_objects):
            return True  # "signed a contract", "the petition was signed by thousands"
    if entry.not_objects and _patient(verb) is not None:
        patient = _patient(verb)
        if patient.lemma_ in entry.not_objects or patient.lower_ in entry.not_objects:
            return True  # "a statement was released", "the letter, released to the press"
    for c in verb.children:
        if c.dep_ == "dobj" and (c.lemma_ in entry.not_objects or c.lower_ in entry.not_objects):
            return True
        if c.dep_ == "ccomp" and (entry.no_clause or entry.intransitive):
            return True
        if c.dep_ == "dobj" and entry.intransitive:
            return True
    return False


def _is_one_of(noun: Token, lemmas: frozenset[str]) -> bool:
    """The noun, or the noun and the word before it ("peace deal" is a deal), is one of the lemmas."""
    return noun.lemma_.lower() in lemmas or noun.lower_ in lemmas


FIGURES = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL"})
MOVES_TO = frozenset({"to", "by", "from"})


def _figure(tok: Token) -> bool:
    return tok.ent_type_ in FIGURES or tok.like_num


def _a_figure_moves(verb: Token) -> bool:
    """The verb tells how a figure moved, not what a party did: its measure is an amount ("rallied 5%",
    "ended 1.4 per cent higher") or it goes to, by or from a number ("fell to 412"). A verb with an
    object does something to it, whatever the figures ("raised tariffs to 25%")."""
    if any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return False
    for c in verb.children:
        if c.dep_ == "npadvmod" and c.ent_type_ in FIGURES - {"CARDINAL"}:
            return True
        if (
            c.dep_ == "advmod"
            and c.lower_ in ("higher", "lower")
            and any(g.dep_ == "npadvmod" and g.ent_type_ in FIGURES for g in c.children)
        ):
            return True
        if (
            c.dep_ == "prep"
            and c.lower_ in MOVES_TO
            and any(g.dep_ == "pobj" and _figure(g) for g in c.children)
        ):
            return True
    return False


def _noun_is_more_specific(objects: list[Token], lexicon: Lexicon) -> bool:
    for obj in objects:
        for pattern in lexicon.nouns.get(obj.lemma_, ()):
            if pattern.modifiers and all(any(c.lower_ == w for c in obj.children) for w in pattern.modifiers):
                return True
    return False


# Prepositional verbs that keep their preposition next to them: with a direct object between, the verb has
# another sense ("call for reforms" demands; "call the race for Roe" declares, "call the reporter for an
# interview" summons), whereas "ask Peru for help" still asks.
INSEPARABLE = frozenset(
    {("call", "for"), ("push", "for"), ("appeal", "for"), ("lobby", "for"), ("plead", "for")}
)


def _match_verb(verb: Token, p: VerbPattern) -> list[Token] | None:
    words = [verb]
    scope = [verb, *(c for c in verb.children if c.dep_ in (*OBJECT_DEPS, "prep", "prt"))]
    for obj in p.objects:
        hit = next((t for s in scope[1:] for t in s.subtree if t.lemma_ == obj or t.lower_ == obj), None)
        if hit is None:
            hit = next((c for c in verb.children if c.dep_ == "prt" and c.lower_ == obj), None)
        if hit is None or (obj in PROJECT_OBJECTS and any(c.lower_ == "on" for c in hit.children)):
            return None  # "stopped work on the dam" halts a project; "stopped work" is a strike
        words.append(hit)
    for particle in p.particles:
        hit = next(
            (
                c
                for s in scope
                for c in s.children
                if c.lower_ == particle and c.dep_ in ("prep", "prt", "aux", "dative")
            ),
            None,
        )
        if hit is None and particle == "to":
            hit = next((c for c in verb.children if c.dep_ == "xcomp"), None)  # "threaten to", "refuse to"
        if hit is None:
            hit = _clause_mark(verb, particle)  # "pushed for the U.N. to act": "for" marks the clause
        if hit is None:
            return None
        if (p.lemma, particle) in INSEPARABLE and any(
            c.dep_ == "dobj" and c.i < hit.i for c in verb.children
        ):
            return None  # "called the election for Roe", "called the reporter for a second interview"
        words.append(hit)
    if p.infinitive:
        comp = next((c for s in scope for c in s.children if c.dep_ == "xcomp"), None)
        if comp is None or (p.infinitive_verb and comp.lemma_ != p.infinitive_verb):
            return None
        words.append(comp)
    return words


def _clause_mark(verb: Token, word: str) -> Token | None:
    """The word as the mark of a clause under the verb: "called for the army to withdraw" is often parsed
    with "for" introducing an adverbial clause, not as a preposition on "called"."""
    return next(
        (
            m
            for c in verb.children
            if c.dep_ in CLAUSE_DEPS
            for m in c.children
            if m.dep_ == "mark" and m.lower_ == word
        ),
        None,
    )


def antecedent(tok: Token) -> Token:
    """A relative pronoun stands for the noun its clause describes: in "the union, which has urged both
    sides to talk" the union urges; in "the engineers whom gunmen seized" the engineers are seized. Any
    other token stands for itself."""
    clause = tok.head
    if tok.tag_ in RELATIVE_TAGS and clause.dep_ == "relcl" and clause.head.i != clause.i:
        return clause.head
    return tok
