"""Who a quotation's speaker is, decided over the whole article (step 3 of the quotes stage).

The attribution gives the speaker's words: "Jane Roe", "Roe", "he", "the former minister", "his wife Susan",
"a voice". They become an actor of the record, or stay unresolved, and `quotes[].speaker_how` says which way:

  named           an actor has a mention on the phrase's head ("Jane Roe said"; "Roe said" once the article
                  named Jane Roe: the actors stage links the surname)
  surname         a name with no actor of its own that is the surname of a person the article names in full
                  ("Okafor said" when the parser did not tag Okafor a person)
  name in phrase  the phrase holds a person's name beside a common noun: "his wife Susan", "critics like Jane
                  Roe", "the union's leader, John Doe,"; or a name the entity recogniser fused with the
                  country of a title ("the Ambassador to Peru Oskar Brandt"): the name, never the country;
                  or a person the actors stage found in the apposition whatever the name's entity label
  pronoun         he/she/they (or him/her/them: "the Herald quoted him as saying"): the person named last
                  before it, at most PRONOUN_REACH characters back, never the subject of the object
                  pronoun's own clause nor a name that only modifies a noun ("the Lund family"); farther
                  back, the last person of its gender when all named after are of the other gender
  role            a definite description ("the minister", "the former president", "the bank's spokeswoman",
                  "the 37-year-old", a title in capitals: "the Prime Minister"): the person the article names
                  with that word in a title or apposition ("Finance Minister Jane Roe", "John Doe, the bank's
                  spokesman", "John Doe, 37,"), nearest to the quote
  document        a document that speaks ("the report said", "the statement reads"): its author, named in
                  its own phrase ("an AEW press release") or, for "the report", at the nearest earlier
                  mention of that document ("a report released by X", "X published a report", "In a
                  report issued today, X warned")
  group           an organisation or role group on the phrase ("the ministry", "police", "a UN spokesman")
  generic         "one", "a voice", "officials", "a fellow protester", "sources": words that name nobody; left
                  unresolved rather than guessed
  words only      a name or phrase with no actor behind it (the words are kept in speaker_text); a name with
                  no actor of its own is never given the actor of its modifier ("the Lagorian Workers
                  Union's Ana Roe": the union or its country is her affiliation, not the speaker)
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from .lookups.cues import cues
from .lookups.kb import load_kb
from .lookups.words import words as shared_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from .records import Actor

PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you", "him", "her", "them", "me", "us"})
# An object pronoun speaks too ("the Herald quoted him as saying"): it is resolved as its subject form.
SUBJECT_FORM = {"him": "he", "her": "she", "them": "they", "me": "i", "us": "we"}
# A pronoun speaker is linked to a person named at most this many characters before it.
PRONOUN_REACH = 600
# A role description is linked to a person named with that role at most this far before the quote, or
# this far after it ("the minister said" in a lede, "Finance Minister Jane Roe" in the next paragraph).
ROLE_REACH_BEFORE = 3000
ROLE_REACH_AFTER = 600
# Heads of a description of an organization: "the company said", "the union added" name the organization
# the article named last before the quote.
ORG_DESCRIPTIONS = frozenset(
    {"company", "firm", "union", "corporation", "charity", "association", "organisation", "organization"}
)
# Heads that never name a speaker on their own.
GENERIC_HEADS = frozenset(
    {
        "one",
        "someone",
        "somebody",
        "anyone",
        "another",
        "others",
        "voice",
        "voices",
        "source",
        "sources",
        "that",
        "this",
        "which",
        "who",
        "what",
        "some",
        "many",
        "most",
        "several",
        "people",
        "person",
    }
)
PRONOUN_GENDER = {"he": "m", "she": "f"}
INDEFINITE = frozenset({"a", "an", "one", "some", "another", "any", "several", "many", "other", "few"})
DEFINITE = frozenset({"the", "this", "that"})
YEAR_OLD = re.compile(r"^(\d{1,3})-year-old$")


def is_person(actor: Actor) -> bool:
    return actor.is_person


def resolve(
    speaker: Span, actors: list[Actor], quote_at: int, quoted: list[tuple[int, int]] = ()
) -> tuple[Actor | None, str]:
    """The actor the speaker's words stand for (or None) and how it was decided (`speaker_how`). `quoted`
    holds the character spans of the article's quotations: a person named inside one is no antecedent of a
    pronoun outside it."""
    head = speaker.root
    on_head = _actor_on(actors, head.idx, head.idx + len(head.text))
    if on_head is not None and not is_person(on_head) and _is_definite(head):
        person = _person_with_role(actors, head, quote_at)  # "the former President" after "President Roe"
        if person is not None:
            return person, f"role: {speaker.text!r} -> the person the article names as {head.lower_}"
    if on_head is not None and is_person(on_head) and head.lower_ in PRONOUNS:
        # the actors stage linked the pronoun to the last person named as a subject; saying so lets the
        # quotes stage prefer the speaker of the quote just before ("“A,” Roe said. (...) He added, “B.”")
        return on_head, f"pronoun: {head.text} -> {on_head.name}, the person named as a subject before it"
    if on_head is not None and (is_person(on_head) or head.pos_ == "PROPN"):
        return on_head, "named"
    if on_head is None and head.pos_ == "PROPN":
        person = _person_by_surname(actors, head.text, quote_at)
        if person is not None:
            return person, f"surname: {head.text} -> {person.name}"
    name = _name_in_phrase(speaker)
    if name is not None:
        found = _actor_on(actors, name.start_char, name.end_char)
        fused = name[0].ent_iob_ == "I"  # cut from an entity that opens with a place
        if found is None or (fused and not _named_as(found, name)):
            found = _person_by_surname(actors, name[-1].text, quote_at, avoid=found) or found
        if found is not None:
            return found, f"name in phrase: {name.text}"
        if fused:
            # the place fused into the name is no speaker: say the name's words rather than the place
            return None, f"name in phrase: {name.text}, no actor for it"
    if head.lower_ in PRONOUNS:
        pronoun = SUBJECT_FORM.get(head.lower_, head.lower_)
        if pronoun in ("he", "she", "they"):
            person = _last_person_before(
                actors, head.idx, quoted, pronoun, head.doc.text, _clause_subject(head), head.doc
            )
            if person is not None:
                return person, f"pronoun: {head.text} -> the person named last before it"
        return None, f"pronoun: {head.text}, no person named before it"
    if on_head is None:
        author = _author_named_before(head, actors)
        if author is not None:
            return author, f"document: {speaker.text!r} -> {author.name}, its author"
    named = _partitive_name(head, actors)
    if named is not None:
        return named, f"name in phrase: {named.name}"
    if _is_generic(speaker):
        return None, f"generic: {speaker.text!r} names nobody"
    if (head.pos_ == "NOUN" or (on_head is None and _capitalised_role(head))) and _is_definite(head):
        person = _person_with_role(actors, head, quote_at)
        if person is not None:
            return person, f"role: {speaker.text!r} -> the person the article names as {head.lower_}"
        # "the company": the organization named before, rather than a role group "company" of the country
        if (
            not (on_head is not None and _is_organization(on_head))
            and head.lemma_.lower() in ORG_DESCRIPTIONS
        ):
            org = _last_organization(actors, quote_at)
            if org is not None:
                return (
                    org,
                    f"description: {speaker.text!r} -> {org.name}, the organization named last before it",
                )
    person = _person_in_apposition(actors, speaker)
    if person is not None:
        return person, f"name in phrase: {person.name}"
    if on_head is None and head.pos_ == "PROPN":
        # "the Lagorian Rights Fund's Ana Roe" with no actor for Ana Roe: the fund (or the country in its
        # name) is her affiliation, not the speaker; her name stays in speaker_text
        return None, "words only: a name with no actor for it"
    group = on_head or _actor_on(actors, speaker.start_char, speaker.end_char)
    if group is not None:
        return group, "group" if not is_person(group) else "named"
    return None, "words only: no actor for them"


def _actor_on(actors: list[Actor], lo: int, hi: int) -> Actor | None:
    for actor in actors:
        for s, e in actor.mentions:
            if s < hi and lo < e:
                return actor
    return None


def _person_in_apposition(actors: list[Actor], speaker: Span) -> Actor | None:
    """A person the actors stage found inside the phrase as its apposition or its head, whatever label the
    entity recogniser gave the name ("Lagoria's defence minister, Emre Arslan" with the name tagged ORG);
    never a possessor or a prepositional object ("Roe's spokesman", "critics of Roe")."""
    for actor in actors:
        if not is_person(actor):
            continue
        for s, e in actor.mentions:
            if not (speaker.start_char <= s and e <= speaker.end_char):
                continue
            mention = speaker.doc.char_span(s, e, alignment_mode="expand")
            if mention is not None and (mention.root.dep_ == "appos" or mention.root == speaker.root):
                return actor
    return None


def _author_named_before(head: Token, actors: list[Actor]) -> Actor | None:
    """ "The report said" where the article named the report's author before: "a report released by the
    Lagorian Bar", "the Bar's report", "In a report issued today, the Lagorian Bar warned ...". The nearest
    earlier mention of the same document noun with an author gives it."""
    word = head.lemma_.lower()
    if word not in cues().documents or head.pos_ != "NOUN":
        return None
    own = document_authors(head)  # "an AEW press release": its own author, not an earlier one
    if own or not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children):
        return _first_actor(own, actors)
    for tok in reversed(head.doc[: head.i]):
        if tok.lemma_.lower() == word and tok.pos_ == "NOUN":
            found = _first_actor(document_authors(tok), actors)
            if found is not None:
                return found
    return None


def _first_actor(tokens: list[Token], actors: list[Actor]) -> Actor | None:
    """The actor of the first of these phrase heads that has one."""
    for tok in tokens:
        # the actor named by the phrase's head before one in its modifiers ("the U.S. Department of X")
        found = _actor_on(actors, tok.idx, tok.idx + len(tok.text)) or _actor_on(
            actors, tok.left_edge.idx, tok.idx + len(tok.text)
        )
        if found is not None:
            return found
    return None


# Verbs whose subject has a document without having written it: "the paper obtained a memo", "aides read
# the letter", "the agency has seen the report".
READERS = frozenset(
    {
        "obtain",
        "receive",
        "get",
        "see",
        "read",
        "review",
        "acquire",
        "leak",
        "cite",
        "quote",
        "find",
        "examine",
    }
)


def document_authors(doc_noun: Token) -> list[Token]:
    """Who wrote a document, by the phrase around its noun (nearest first): its possessor or name modifier,
    the agent of a participle ("released by X"), "by/from X", the subject of the verb it is the object of
    ("X published a report") or of the verb of saying an "In a report," opens."""
    out = [c for c in doc_noun.children if c.dep_ == "poss" and c.tag_ != "PRP$"]
    out += [c for c in doc_noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    for c in doc_noun.children:
        if c.dep_ == "acl":
            out += [g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            out += [g for g in c.children if g.dep_ == "pobj"]
    # "Amnesty published a report"
    if doc_noun.dep_ == "dobj" and doc_noun.head.lemma_.lower() not in READERS:
        out += [c for c in doc_noun.head.children if c.dep_ == "nsubj"]
    prep = doc_noun.head
    if (  # "In a report released today, X found ...", not "In a report, Wikinews has obtained ..."
        doc_noun.dep_ == "pobj"
        and prep.lower_ in ("in", "through")
        and prep.head.pos_ in ("VERB", "AUX")
        and prep.head.lemma_ in cues().any
    ):
        out += [c for c in prep.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return out


def _partitive_name(head: Token, actors: list[Actor]) -> Actor | None:
    """ "one of the study's authors Ana Roe" (or "..., Ana Roe,"): the person the "of" phrase names; "one of
    her aides" names nobody."""
    if head.lower_ not in GENERIC_HEADS:
        return None
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for tok in (pobj, *(c for c in pobj.children if c.dep_ == "appos")):
                found = _actor_on(actors, tok.idx, tok.idx + len(tok.text)) if tok.pos_ == "PROPN" else None
                if found is not None and is_person(found):
                    return found
    return None


def _name_in_phrase(speaker: Span) -> Span | None:
    """A person's name inside a phrase headed by a common noun or a title: "his wife Susan", "critics like
    Jane Roe", "the Ambassador to Peru Ann Roe"; or in an apposition to it: "Chile's envoy, Ann Roe, said"."""
    root = speaker.root
    if root.pos_ == "PROPN" and root.ent_type_ == "PERSON":
        return None  # the phrase is a name itself
    names = [t for t in speaker if t.pos_ == "PROPN" and (t.ent_type_ == "PERSON" or is_after_place(t))]
    if not names:
        # The parse often hangs the apposition on the phrase's last noun ("envoy to Kenya, Ann Roe,").
        names = [
            c
            for c in root.subtree
            if c.dep_ == "appos" and c.i >= speaker.end and c.pos_ == "PROPN" and c.ent_type_ == "PERSON"
        ][:1]
        speaker = speaker.doc[speaker.start : names[-1].i + 1] if names else speaker
    if not names:
        return None
    doc = speaker.doc
    tok = names[-1]
    start = tok.i
    while (
        start > speaker.start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].ent_type_ == tok.ent_type_
    ):
        start -= 1
        place = _place_len(doc, start)
        if place is not None and tok.i + 1 - (start + place) >= 2:
            return doc[start + place : tok.i + 1]  # "Peru Oskar Brandt" -> "Oskar Brandt"
    return doc[start : tok.i + 1]


def _place_len(doc: Doc, i: int) -> int | None:
    """The number of tokens of a country's name starting at token i that the entity recogniser fused with
    the words after it ("the Ambassador to Peru Oskar Brandt": one entity "Peru Oskar Brandt"), else None."""
    for n in (3, 2, 1):
        end = i + n
        if end >= len(doc) or doc[end].ent_iob_ != "I" or doc[i].ent_iob_ != "B":
            continue
        if any(e.kind == "country" for e in load_kb().entries(doc[i:end].text)):
            return n
    return None


def is_after_place(tok: Token) -> bool:
    """A proper noun of an entity that opens with a country's name, at least two words after it: a person's
    name the entity recogniser fused with the place before it (and tagged ORG or GPE)."""
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    place = _place_len(doc, start)
    if place is None:
        return False
    end = tok.i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    return start + place <= tok.i and end + 1 - (start + place) >= 2 and doc[start + place].pos_ == "PROPN"


def _capitalised_role(head: Token) -> bool:
    """A title written with capitals and used as a description ("the Prime Minister said", "the Chancellor
    added"): the parser takes it for a name, but it is a role word of the knowledge base."""
    return head.pos_ == "PROPN" and head.lower_ in _role_words()


@functools.cache
def _role_words() -> frozenset[str]:
    """The knowledge base's role words, built once (the knowledge base makes the mapping anew each call)."""
    return frozenset(load_kb().role_words())


def _is_definite(head: Token) -> bool:
    return any(
        (c.dep_ == "det" and c.lower_ in DEFINITE)
        or c.dep_ == "poss"
        or (c.dep_ == "compound" and c.pos_ == "PROPN")
        for c in head.children
    )


def _is_generic(speaker: Span) -> bool:
    """Words that name nobody: an indefinite or bare plural common noun with no name in the phrase ("a voice",
    "officials", "a fellow protester"), or a pronoun-like head ("one", "someone", "that")."""
    head = speaker.root
    if head.lower_ in GENERIC_HEADS:
        return True
    if head.pos_ != "NOUN" or any(
        t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE", "ORG") for t in speaker
    ):
        return False
    dets = [c.lower_ for c in head.children if c.dep_ in ("det", "nummod", "amod") and c.lower_ in INDEFINITE]
    has_definite = _is_definite(head)
    return bool(dets) or (head.tag_ == "NNS" and not has_definite)


def _named_as(actor: Actor, name: Span) -> bool:
    """The actor has a mention that is exactly these words."""
    return any(s == name.start_char and e == name.end_char for s, e in actor.mentions)


def _person_by_surname(actors: list[Actor], word: str, at: int, avoid: Actor | None = None) -> Actor | None:
    """The person whose name ends in `word` ("Okafor" -> "Maria Okafor"), the one named nearest `at`."""
    word = word.casefold()
    found = [
        (abs(s - at), a)
        for a in actors
        if is_person(a) and a is not avoid and a.name.split()[-1].casefold() == word
        for s, _ in a.mentions
    ]
    return min(found, key=lambda pair: pair[0])[1] if found else None


def _clause_subject(pronoun: Token) -> tuple[int, int] | None:
    """The character span of the subject of the clause an object pronoun stands in: "the Herald quoted him"
    -> "Herald", which "him" cannot stand for (a reflexive would be needed)."""
    if pronoun.dep_ in ("nsubj", "nsubjpass"):
        return None
    subject = next((c for c in pronoun.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    return subject.left_edge.idx, subject.idx + len(subject.text)


def _last_person_before(
    actors: list[Actor],
    at: int,
    quoted: list[tuple[int, int]],
    pronoun: str = "",
    text: str = "",
    not_in: tuple[int, int] | None = None,
    doc: Doc | None = None,
) -> Actor | None:
    """The person named last before `at` (outside quotations and outside `not_in`, the subject of an object
    pronoun's own clause), of the pronoun's gender where it is known. A name that only modifies a common
    noun ("the Lund family", "Basque fishing towns") names no one a pronoun can stand for."""
    want = PRONOUN_GENDER.get(pronoun.lower())
    lo, hi = not_in or (0, 0)
    people = [
        (s, a)
        for a in actors
        if is_person(a) and (want is None or gender_of(a, text) in (want, None))
        for s, e in a.mentions
        if at - PRONOUN_REACH <= s < at
        and not any(qs <= s < qe for qs, qe in quoted)
        and not lo <= s < hi
        and not (doc is not None and _modifies_noun(doc, s, e))
    ]
    if people:
        return max(people, key=lambda pair: pair[0])[1]
    return _only_one_of_gender(actors, at, quoted, want, text, doc) if want else None


def _only_one_of_gender(
    actors: list[Actor], at: int, quoted: list[tuple[int, int]], want: str, text: str, doc: Doc | None
) -> Actor | None:
    """Farther back than PRONOUN_REACH: the last person of the pronoun's gender (known) when every person
    named after that one is known to be of the other gender ("Mrs Roe ... Mr Doe ... Mr Lund ... she")."""
    mentions = sorted(
        (s, a)
        for a in actors
        if is_person(a)
        for s, e in a.mentions
        if at - ROLE_REACH_BEFORE <= s < at
        and not any(qs <= s < qe for qs, qe in quoted)
        and not (doc is not None and _modifies_noun(doc, s, e))
    )
    for _, actor in reversed(mentions):
        gender = gender_of(actor, text)
        if gender == want:
            return actor
        if gender is None:
            return None
    return None


def _modifies_noun(doc: Doc, start: int, end: int) -> bool:
    """The mention is a modifier of a common noun: "Kowal family", "Basque and Breton towns"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head  # "Basque and Breton towns": Breton is a conjunct of the modifier Basque
    return root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ == "NOUN" and root.head.i >= span.end


def gender_of(actor: Actor, text: str = "") -> str | None:
    """A person's grammatical gender when something says it: the knowledge base (public figures), else an
    honorific before a mention ("Mrs Roe", "Sir John Doe"); None when nothing does."""
    person = load_kb().people.get(actor.id)
    if person is not None and person.gender in ("m", "f"):
        return person.gender
    for s, e in actor.mentions:
        words = text[max(0, s - 6) : e].split()  # an honorific just before the name, or inside it
        honorifics = shared_words().honorifics
        for w in words[:2]:
            gender = honorifics.get(w.lower().rstrip("."))
            if gender is not None:
                return gender
    return None


def _is_organization(actor: Actor) -> bool:
    """A named organization: one the knowledge base holds (its `org` code) or one it does not ("org:")."""
    return not actor.is_person and bool(actor.org or actor.id.startswith("org:"))


def _last_organization(actors: list[Actor], at: int) -> Actor | None:
    """The organization (not a person, a country or a group of one) named last before `at`, within
    ROLE_REACH_BEFORE characters."""
    best: tuple[int, Actor] | None = None
    for actor in actors:
        if not _is_organization(actor):
            continue
        for s, _ in actor.mentions:
            if at - ROLE_REACH_BEFORE <= s < at and (best is None or s > best[0]):
                best = (s, actor)
    return best[1] if best else None


def _person_with_role(actors: list[Actor], head: Token, at: int) -> Actor | None:
    """The person named with the description's head word as a title or apposition, nearest to `at`."""
    doc = head.doc
    word = head.lemma_.lower()
    age = YEAR_OLD.match(head.lower_)
    best: tuple[int, Actor] | None = None
    for actor in actors:
        if not is_person(actor):
            continue
        for s, e in actor.mentions:
            if not (at - ROLE_REACH_BEFORE <= s <= at + ROLE_REACH_AFTER):
                continue
            words = role_words(doc, s, e) | set((actor.role or "").lower().split())
            if (age and age.group(1) in words) or (not age and word in words):
                distance = at - s if s <= at else (s - at) * 2  # a name before the quote is likelier
                if best is None or distance < best[0]:
                    best = (distance, actor)
    return best[1] if best else None


def role_words(doc: Doc, start: int, end: int) -> set[str]:
    """The title and apposition words around one mention of a person: "Finance Minister Jane Roe" ->
    {finance, minister}; "John Doe, 37, the bank's spokesman" -> {37, bank, spokesman}."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return set()
    root = span.root
    window = [t for t in root.subtree if t.i < span.start]
    for child in root.children:
        if child.dep_ in ("appos", "npadvmod") or (child.dep_ == "amod" and child.i > span.end):
            window += list(child.subtree)
    found = {
        t.lemma_.lower() if t.pos_ != "NUM" else t.text
        for t in window
        if t.pos_ in ("NOUN", "PROPN", "NUM", "ADJ") and not (span.start <= t.i < span.end)
    }
    # "Gov. Ana Roe": the title word the abbreviation stands for (the parse may fold it into the name)
    before = [t for t in window if t.i < span.start] + [t for t in span if t.text.endswith(".")]
    abbreviations = shared_words().title_abbreviations
    return found | {
        abbreviations[t.lower_.rstrip(".")] for t in before if t.lower_.rstrip(".") in abbreviations
    }
