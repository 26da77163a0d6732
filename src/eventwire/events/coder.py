"""The `events` stage: PLOVER 2.0 events from the dependency parse, the lexicon and the resolved actors.

For every trigger the lexicon matches (verbs first, then nouns not already part of a verb's pattern):
  1. actors      the subject (a passive's "by" phrase), inherited through infinitives and coordinated verbs
                 ("agreed to withdraw"); a pronoun in reported speech is the reporting subject ("Peru said
                 it was moving troops"); for a noun, the subject of the verb it is the object of ("held
                 talks"), a possessive ("Russia's deployment"), an adjective ("Russian invasion") or "by";
                 the speaker of the reporting clause for threats stated about the recipient ("X would face
                 a heavy price"). Every actor whose mention lies in that phrase counts, so compound
                 subjects stay lists.
  2. recipients  the object (when the entry says the object is a party) and the entry's prepositions.
  3. status      status.py: negated, hypothetical, conditional, planned or asserted.
  4. threat      a material-conflict event stated as the consequence of a condition ("would retaliate if")
                 is a THREATEN by its actor.
  5. evidence    trigger and sentence spans, the lexicon entry id, the clause's date (times.clause_time), the
                 quote holding the trigger, CAMEO code, quad class and Goldstein score (ontology.py), and a
                 confidence (see `confidence`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy

from ..pipeline import Context, stage
from ..quotes import cues
from ..records import Actor, Event, TextSpan
from ..times import clause_time
from . import ontology
from .lexicon import Entry, Lexicon, NounPattern, VerbPattern, load
from .status import event_status, is_conditional_consequence, is_obligation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

OBJECT_DEPS = ("dobj", "attr", "acomp", "oprd", "dative")
SUBJECT_DEPS = ("nsubj", "csubj")
# Heads an infinitive or coordinated verb inherits its subject from.
INHERIT_DEPS = ("xcomp", "conj", "advcl", "acomp")
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their"})
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
# Planned acts of these types are threats ("will impose a curfew"); planned drills or marches are not.
THREAT_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION"})
# Prepositions whose objects are the recipients of a nominal event: "invasion of X", "attack on X".
NOUN_PREPS = ("of", "on", "against")
# Prepositions that place an event: "talks in Paris", "troops to Belarus".
PLACE_PREPS = frozenset({"in", "at", "to", "into", "near", "inside", "outside", "across", "along", "on"})
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


@dataclass
class Match:
    token: Token
    entry: Entry
    pattern: VerbPattern | NounPattern
    words: list[Token]  # the trigger's words: the verb and its pattern's objects and particles


# --- matching ------------------------------------------------------------------------------------------
def find_matches(doc: Doc, lexicon: Lexicon) -> list[Match]:
    lemmas = list(lexicon.verbs.keys() | lexicon.nouns.keys())
    wanted = numpy.array([doc.vocab.strings.add(x) for x in lemmas], dtype="uint64")
    candidates = [doc[int(i)] for i in numpy.flatnonzero(numpy.isin(doc.to_array("LEMMA"), wanted))]
    matches, used = [], set()
    for tok in candidates:
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
                if words is not None:
                    matches.append(Match(tok, pattern.entry, pattern, words))
                    used.update(w.i for w in words)
                    break
    for tok in candidates:
        if tok.pos_ in ("NOUN", "PROPN") and tok.i not in used:
            for pattern in lexicon.nouns.get(tok.lemma_, ()) or lexicon.nouns.get(tok.lower_, ()):
                if all(any(c.lower_ == m or c.lemma_ == m for c in tok.children) for m in pattern.modifiers):
                    matches.append(Match(tok, pattern.entry, pattern, [tok]))
                    break
    return sorted(matches, key=lambda m: m.token.i)


def _noun_is_more_specific(objects: list[Token], lexicon: Lexicon) -> bool:
    for obj in objects:
        for pattern in lexicon.nouns.get(obj.lemma_, ()):
            if pattern.modifiers and all(any(c.lower_ == w for c in obj.children) for w in pattern.modifiers):
                return True
    return False


def _match_verb(verb: Token, p: VerbPattern) -> list[Token] | None:
    words = [verb]
    scope = [verb, *(c for c in verb.children if c.dep_ in (*OBJECT_DEPS, "prep", "prt"))]
    for obj in p.objects:
        hit = next((t for s in scope[1:] for t in s.subtree if t.lemma_ == obj or t.lower_ == obj), None)
        if hit is None:
            hit = next((c for c in verb.children if c.dep_ == "prt" and c.lower_ == obj), None)
        if hit is None:
            return None
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
            return None
        words.append(hit)
    if p.infinitive:
        comp = next((c for s in scope for c in s.children if c.dep_ == "xcomp"), None)
        if comp is None or (p.infinitive_verb and comp.lemma_ != p.infinitive_verb):
            return None
        words.append(comp)
    return words


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

    def __init__(self, actors: list[Actor]) -> None:
        super().__init__(actors)
        self.by_id = {a.id: a for a in actors}
        self.by_start: dict[int, list[str]] = {}
        for a in actors:
            for s, _ in a.mentions:
                ids = self.by_start.setdefault(s, [])
                if a.id not in ids:
                    ids.append(a.id)


def actors_at(head: Token | None, actors: IndexedActors) -> list[str]:
    if head is None:
        return []
    found: list[str] = []
    for start in sorted(phrase_starts(head)):
        for actor_id in actors.by_start.get(start, ()):
            if actor_id not in found:
                found.append(actor_id)
    return _drop_covered(found, actors)


def _drop_covered(ids: list[str], actors: IndexedActors) -> list[str]:
    """'officials from Russia' gives RUS.GOV; the bare country RUS mentioned in the same words goes."""
    by_id = actors.by_id
    sectors = {by_id[i].country for i in ids if by_id[i].sector and by_id[i].country}
    return [i for i in ids if not (by_id[i].sector is None and by_id[i].country in sectors)]


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """The verb's agent and whether it came from a passive's "by" phrase."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child, False
        if child.dep_ == "agent":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj, True
    if verb.dep_ == "relcl":
        return verb.head, False
    if verb.dep_ in INHERIT_DEPS and verb.head.i != verb.i:
        return subject_of(verb.head)
    return None, False


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
        objects = [c for c in tok.children if c.dep_ in ("dobj", "dative") and c not in m.words]
        patient = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if patient is not None:  # "X was attacked (by Y)": the event is done to X
            objects = [patient]
        if entry.speaker:
            return actors_at(speaker_of(tok), actors), actors_at(subject, actors)
        actor_ids = actors_at(subject, actors)
        recipients = [] if entry.object == "none" else [a for o in objects for a in actors_at(o, actors)]
        if entry.group and not actor_ids:
            actor_ids = [a for o in objects for a in actors_at(o, actors)]
        heads = [tok, *(w for w in m.words if w.dep_ in OBJECT_DEPS)]
    else:
        actor_ids = _noun_actors(tok, entry, actors)
        recipients = []
        heads = [tok]
        if tok.dep_ in ("dobj", "pobj") and tok.head.pos_ in ("VERB", "AUX"):
            heads.append(tok.head)
            # "give Tanzania a grant": the verb's indirect object receives the noun's event
            recipients += [
                a for c in tok.head.children if c.dep_ in ("dative", "iobj") for a in actors_at(c, actors)
            ]
    for head in heads:
        preps = entry.preps if head.pos_ in ("VERB", "AUX") else (*entry.preps, *NOUN_PREPS)
        if entry.group and head.pos_ not in ("VERB", "AUX"):
            preps = tuple(p for p in preps if p != "of")  # "deployment of troops": the troops act
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in preps):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                recipients += actors_at(pobj, actors)
    if not recipients and ontology.quad_class(entry.type) == 3 and isinstance(m.pattern, VerbPattern):
        # "demanded that the U.S. match ...": the one asked, accused or warned is the clause subject
        for comp in (c for c in tok.children if c.dep_ == "ccomp"):
            recipients += actors_at(subject_of(comp)[0], actors)
    recipients = [r for r in dict.fromkeys(recipients) if r not in actor_ids]
    return actor_ids, recipients


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
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head  # "took part in talks"
    if noun.dep_ in ("dobj", "pobj", "attr") and head.pos_ in ("VERB", "AUX"):
        subject, _ = subject_of(head)
        return actors_at(resolve_pronoun(subject, actors), actors)
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


@stage("events", requires=["doc", "actors"], assigns=["events"], after=["times", "quotes", "places"])
def code_events(ctx: Context) -> None:
    doc = ctx.doc
    actors = IndexedActors(ctx.record.actors)
    events: list[Event] = []
    seen: set[tuple[str, int]] = set()
    for m in find_matches(doc, load(ctx.article.language or "en")):
        etype, mode = m.entry.type, m.entry.mode
        if (etype, m.token.i) in seen:
            continue
        seen.add((etype, m.token.i))
        actor_ids, recipients = arguments(m, actors)
        if not actor_ids and not recipients and isinstance(m.pattern, NounPattern) and not _done(m.token):
            continue  # a nominal event with no party ("the meeting follows") is a mention, not an event
        status = event_status(m.token)
        if status == "conditional" and is_conditional_consequence(m.token):
            if ontology.quad_class(etype) == 4:
                etype, mode = "THREATEN", None  # "would retaliate if ...": a threat
            if etype == "THREATEN":
                status = "asserted"  # the threat is made; what is threatened stays conditional
                recipients = recipients or [
                    a for a in condition_subjects(m.token, actors) if a not in actor_ids
                ]
        event = _event(ctx, m, etype, mode, status, actor_ids, recipients)
        events.append(event)
        speech_act = _speech_act(m, event, actors)
        if speech_act is not None and not _said_already(doc, speech_act, m.token, events):
            events.append(speech_act)
    _inherit_parties(doc, events)
    for i, event in enumerate(events, start=1):
        event.id = f"E{i}"
    ctx.record.events = events


def _inherit_parties(doc: Doc, events: list[Event]) -> None:
    """An event of intent or request takes the parties its complement names: "offered to hand over to
    Britain" has Britain as the recipient of the offer; "promised to continue aid to X" likewise."""
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
        for comp in (c for t in span for c in t.children if c.dep_ in ("xcomp", "ccomp")):
            inner = [by_token[t.i] for t in comp.subtree if t.i in by_token and by_token[t.i] is not e]
            for other in inner:
                e.recipients = e.recipients or [r for r in other.recipients if r not in e.actors]
                e.actors = e.actors or list(other.actors)
            if inner:
                break


def _said_already(doc: Doc, derived: Event, token: Token, events: list[Event]) -> bool:
    """ "agreed to share data" is one AGREE: no second one for the planned sharing under it."""
    above = {t.idx for t in token.ancestors}
    return any(e.type == derived.type and e.trigger.span[0] in above for e in events)


def _done(noun: Token) -> bool:
    """A noun that is the object of a verb is something done ("launched war games"), even by no one named."""
    return noun.dep_ in ("dobj", "attr") and noun.head.pos_ == "VERB"


def _speech_act(m: Match, event: Event, actors: list[Actor]) -> Event | None:
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
    if event.status == "planned" and quad in (1, 2) and event.type != "AGREE":
        etype, rule = "AGREE", "intent"
    elif event.status == "planned" and event.type in THREAT_TYPES:
        etype, rule = "THREATEN", "intent"
    elif event.status == "negated" and quad in (1, 2):
        etype, rule = "REJECT", "refusal"
    elif event.status == "conditional" and quad in (1, 2) and is_conditional_consequence(m.token):
        etype, rule = "AGREE", "conditional-offer"  # "would meet the mediator if ...": an offer
    if rule is None:
        return None
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
                hit = next((p for p in places if p.lat is not None and lo <= p.span[0] < hi), None)
                if hit is not None:
                    return hit.id
    return None


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
    sent = m.token.sent
    mode = mode if mode in ontology.modes(etype) else None
    info = ontology.describe(etype, mode)
    quote = next((q.id for q in ctx.record.quotes if q.span[0] <= m.token.idx < q.span[1]), None)
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
        sentence=TextSpan(sent.text, [sent.start_char, sent.end_char]),
        cameo=info["cameo"],
        quad_class=info["quad_class"],
        goldstein=info["goldstein"],
        quote=quote,
        confidence=confidence(m, actor_ids, recipients),
        rule=m.entry.id,
    )
