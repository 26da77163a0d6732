"""Organizations the knowledge base does not hold.

News names bodies the knowledge base cannot list: unions, parliaments' chambers, regional councils,
companies, militias ("the Prison Officers' Association called off the strike", "the Federal Court ruled").
Each ORG entity of the model that no actor already covers becomes an actor `org:<slug>`:
  - a country named inside the name gives it that country ("the Kenyan Teachers Union" -> KEN);
  - otherwise it has no country here, and the article's home country (actors/home.py) may give it one.
Not made actors:
  - a name the knowledge base holds: the actors stage already decided it ("talks at the Pentagon" is a
    place there);
  - a news outlet named as the report's source ("the Gazette reported");
  - a name with a digit, which names a thing rather than a body ("a MiG-29", "Channel 4" aside);
  - one word that is the surname of a person named before: a mention of that person ("Christie's plan"
    after "Chris Christie"), whatever label the model gave it ("Rossi offered to resign" tagged GPE);
  - one word that is the object of "of" in a longer capitalised name: part of a title or body the model
    cut short ("Secretary of State", "the Minister of Defence").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .people import slug

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..lookups.kb import KnowledgeBase

HOW = "ORG entity the knowledge base does not hold"
SURNAME = "surname of an earlier mention (a {label} entity of the model)"
# Labels the small model gives a surname alone ("Rossi offered to resign" tagged GPE): PERSON entities are
# linked in people.py, these here.
SURNAME_LABELS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"})
# A name of at least one capitalised word, not a bare acronym of one or two letters.
NAME = re.compile(r"[A-Z][\w'’.&-]*(?:\s+[\w'’.&-]+)*")


def _covered(ent: Span, builder: Any) -> bool:
    """Some actor already has a mention overlapping the entity."""
    for actor in builder.actors.values():
        for start, end in actor.mentions:
            if start < ent.end_char and ent.start_char < end:
                return True
    return False


def _name_of(ent: Span) -> str:
    """The entity without a leading "the" or trailing possessive: "the Federal Court's" -> "Federal Court"."""
    tokens = list(ent)
    while tokens and tokens[0].lower_ == "the":
        tokens = tokens[1:]
    while tokens and tokens[-1].tag_ == "POS":
        tokens = tokens[:-1]
    if not tokens:
        return ""
    return re.sub(r"['’]s$", "", ent.doc[tokens[0].i : tokens[-1].i + 1].text)


def _country_inside(ent: Span, country_of: Callable[[Token], str | None]) -> str | None:
    """A country or demonym word inside the name: "the Kenyan Teachers Union" -> KEN."""
    for tok in ent:
        if tok.text[:1].isupper() and (code := country_of(tok)):
            return code
    return None


def person_by_surname(name: str, builder: Any) -> str | None:
    """The person the article named before whose surname the one-word name is."""
    if " " in name:
        return None
    for actor_id, actor in builder.actors.items():
        if actor.is_person and actor.name and actor.name.split()[-1].casefold() == name.casefold():
            return actor_id
    return None


UNTAGGED = "surname of an earlier mention (no entity of the model)"


def untagged_surnames(doc: Doc, builder: Any) -> None:
    """A capitalised proper noun the model tagged as no entity at all that is the surname of a person named
    before it is that person ("Ada Kelby said ... Kelby apologised to the board"): a lone word, not part of a
    longer name ("Kelby Street", "Tom Kelby" of another person)."""
    for tok in doc:
        if tok.ent_type_ or tok.pos_ != "PROPN" or len(tok.text) < 3 or not tok.text[:1].isupper():
            continue
        if any(n.pos_ == "PROPN" for n in (doc[tok.i - 1] if tok.i else None, _next(tok)) if n is not None):
            continue
        person = person_by_surname(tok.text, builder)
        if person is None or min(s for s, _ in builder.actors[person].mentions) >= tok.idx:
            continue
        where = (tok.idx, tok.idx + len(tok.text))
        if not any(s < where[1] and where[0] < e for a in builder.actors.values() for s, e in a.mentions):
            builder.add(person, builder.actors[person].name, where, UNTAGGED)
            builder.note_subject(doc[tok.i : tok.i + 1], person)


def _next(tok: Token) -> Token | None:
    return tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None


def _cut_from_a_title(ent: Span) -> bool:
    """One word after "of" that ends a capitalised phrase: "State" in "Secretary of State"."""
    if len(ent) != 1 or ent.start < 2:
        return False
    before = ent.doc[ent.start - 1]
    return before.lower_ == "of" and ent.doc[ent.start - 2].text[:1].isupper()


def unknown_orgs(
    doc: Doc,
    kb: KnowledgeBase,
    builder: Any,
    is_news_source: Callable[[Span], bool],
    country_of: Callable[[Token], str | None],
) -> None:
    """Add an actor for each ORG entity that no actor covers (see the module's docstring). `country_of`
    reads the country a word names, as the actors stage does ("New Mexico" names no Mexico)."""
    for ent in doc.ents:
        if ent.label_ not in SURNAME_LABELS or _covered(ent, builder):
            continue
        name = _name_of(ent)
        if len(name) < 3 or not NAME.fullmatch(name) or any(c.isdigit() for c in name) or kb.entries(name):
            continue
        person = person_by_surname(name, builder)
        if person is not None:  # "Christie's plan" tagged ORG after "Chris Christie": the person
            where = (ent.start_char, ent.end_char)
            builder.add(person, builder.actors[person].name, where, SURNAME.format(label=ent.label_))
            builder.note_subject(ent, person)  # "Christie said ...": whom a later "he said" means
            continue
        if ent.label_ != "ORG" or _cut_from_a_title(ent) or is_news_source(ent):
            continue
        country = _country_inside(ent, country_of)
        how = HOW + (f"; country named in it: {country}" if country else "")
        builder.add(f"org:{slug(name)}", name, (ent.start_char, ent.end_char), how, country=country)
