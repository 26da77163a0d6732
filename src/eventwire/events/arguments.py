"""The parties of an event (the second step of the `events` stage, coder.py): who acts and who is acted on.

`arguments` reads a match's actors from its subject (a passive's "by" phrase, inherited through infinitives
and coordinated verbs, a reporting verb's subject for a pronoun) and its recipients from its object and the
entry's prepositions; for a noun, from the verb it is the object of, a possessive, an adjective or "by".
`IndexedActors` answers "which actors are named in these words" from the record's mentions.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..lookups.cues import cues
from ..lookups.kb import load_kb
from ..lookups.lexicon import Entry, Match, VerbPattern
from ..records import Actor, Place
from . import ontology
from .matching import CLAUSE_DEPS, OBJECT_DEPS, antecedent

if TYPE_CHECKING:
    from spacy.tokens import Token

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
# Participles that tie an unnamed group to the organization it acts for ("workers affiliated with X").
AFFILIATION_VERBS = frozenset({"affiliate", "link", "belong", "loyal", "tie", "allied", "ally"})
# Prepositions whose objects are the recipients of a nominal event: "invasion of X", "attack on X".
NOUN_PREPS = ("of", "on", "against")
PATRON_SUFFIX = re.compile(r"-(?:backed|sponsored|funded|supported|allied)\b", re.IGNORECASE)
MODIFIER_DEPS = ("amod", "compound", "nmod", "poss")
# Prepositions on the verb carrying a nominal event that name its target: "launched an inquiry against X".
NOUN_VERB_PREPS = ("on", "against")
# Nouns that measure or count a nominal event ("ten days of war games", "a new round of talks"): the verb
# above them carries the event.
MEASURE_NOUNS = frozenset(
    {"day", "week", "month", "hour", "night", "round", "series", "wave", "spate", "string", "bout", "set"}
)
# Participles that list the parties of a nominal event: "talks involving X, Y and Z".
PARTICIPANT_VERBS = frozenset({"involve", "include", "bring", "gather", "unite"})
# Sub-phrases that do not belong to an argument: "troops, who had crossed ..." is only "troops".
CUT_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "parataxis", "appos"})


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
