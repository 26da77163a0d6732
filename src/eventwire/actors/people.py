"""People the knowledge base does not hold, from the model's PERSON entities: a later mention by surname links
to the earlier one, and so does a lone word that is the first word of exactly one earlier full name (names
written family name first, "Chen Wei ... Chen said", or a person called by a given name, "Sir Tomas"); a
title or apposition gives country, sector, role and organization ("Belgian Foreign Minister Anna Maes", "Omar
Haddad, an adviser to the Jordanian king", "Jane Roe, the United Nations relief coordinator"); an honorific
gives the gender the pronouns need ("Mrs Dube")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..lookups.kb import KnowledgeBase, RoleWord
from ..lookups.words import words
from .groups import part_of_a_longer_name

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from .resolve import Builder


def slug(text: str) -> str:
    """An id-safe form of a name: "Maria Okafor" -> "maria-okafor"."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def _context_of(span: Span, roles: dict, kb: KnowledgeBase) -> tuple[str | None, RoleWord | None, str | None]:
    """Country, role entry and role text for a person: from its title (the tokens of its noun phrase before
    the name; the role word nearest the name is the title's head: 'Deputy Interior Minister X'), else from
    its apposition ('X, an adviser to the Ukrainian defense minister': the role at the apposition's head)."""
    root = span.root
    left = [t for t in root.subtree if t.i < span.start]
    appos = next((c for c in root.children if c.dep_ == "appos"), None)
    country = _first_country(left, kb)
    in_left = [(rspan, entry) for s, (rspan, entry) in roles.items() if left and left[0].i <= s <= left[-1].i]
    if in_left:
        rspan, entry = max(in_left, key=lambda pair: pair[0].start)
        return country, entry, rspan.text.lower()
    titled = _title_above(span, roles, kb)  # "Chad's defence minister Ali Saleh"
    if titled is not None:
        return titled
    if appos is None:
        return country, None, None
    window = list(appos.subtree)
    country = country or _first_country(window, kb)
    in_appos = sorted(
        (s, rspan, entry) for s, (rspan, entry) in roles.items() if window[0].i <= s <= window[-1].i
    )
    for _, rspan, entry in in_appos:
        if rspan.start <= appos.i < rspan.end:
            return country, entry, rspan.text.lower()
    if in_appos:
        _, rspan, entry = in_appos[0]
        return country, entry, rspan.text.lower()
    return country, None, None


def _title_above(span: Span, roles: dict, kb: KnowledgeBase) -> tuple[str | None, RoleWord, str] | None:
    """The parser often takes a lower-case title for the head and the name for its apposition ("Chad's
    defence minister Ali Saleh", "the envoy Ana Ruiz"): the role is the head's, the country the first one in
    the head's phrase before the name."""
    root = span.root
    if root.dep_ != "appos" or root.head.i >= span.start:
        return None
    head = root.head
    for rspan, entry in roles.values():
        if rspan.start <= head.i < rspan.end:
            title = [t for t in head.subtree if t.i < span.start]
            return _first_country(title, kb), entry, rspan.text.lower()
    return None


def _first_country(tokens: list[Token], kb: KnowledgeBase) -> str | None:
    for tok in tokens:
        if part_of_a_longer_name(tok.doc[tok.i : tok.i + 1], kb):
            continue  # "New Jersey Gov. Chris Christie" is no official of Jersey
        for entry in kb.entries(tok.text):
            if entry.kind in ("demonym", "country"):
                return entry.key.partition(".")[0]
    return None


FIRST_WORD = "first word of an earlier full name (family name first)"


def unknown_people(doc: Doc, taken: set[int], roles: dict, kb: KnowledgeBase, b: Builder) -> None:
    surnames: dict[str, str] = {}
    first_words: dict[str, set[str]] = {}  # first word of each full name -> the people named so
    for actor_id, actor in b.actors.items():
        if actor_id.count(".") and actor.name:
            surnames.setdefault(actor.name.split()[-1].casefold(), actor_id)
    for ent in person_entities(doc):
        if any(i in taken for i in range(ent.start, ent.end)):
            continue
        name = ent.text.strip()
        where = (ent.start_char, ent.end_char)
        bare = _without_honorific(ent)  # "Ms Roe" after "Jane Roe" is a later mention by surname too
        key = bare.text.casefold()
        if len(bare) == 1 and (key in surnames or len(first_words.get(key, ())) == 1):
            # a later mention by surname; or by the first word of one earlier full name, for names written
            # family name first ("Chen Wei ... Chen said")
            aid = surnames[key] if key in surnames else next(iter(first_words[key]))
            why = "surname of an earlier mention" if key in surnames else FIRST_WORD
            b.add(aid, b.actors[aid].name, where, why, gender=_honorific_gender(ent))
            b.note_subject(ent, aid)
            continue
        country, role_entry, role_text = _context_of(ent, roles, kb)
        how = "PERSON entity, title/apposition"
        org = _title_org(ent, kb)
        if org is not None and country is None:  # "Jane Roe, the United Nations relief coordinator"
            how += f"; organization in the title: {org.code}"
        statal = role_entry is not None and role_entry.sector in ("GOV", "MIL", "LEG")
        if country is None and org is None and statal:
            country = _sentence_country(ent, kb)
            how += f"; country from the only country named in the sentence: {country}" if country else ""
        aid = b.add(
            f"person:{slug(name)}",
            name,
            where,
            how,
            country=country or (org.country if org else None),
            sector=(org.sector if org and country is None else None)
            or (role_entry.sector if role_entry else None),
            org=(org.parent or org.code) if org else None,
            role=role_text,
            gender=_honorific_gender(ent),
        )
        b.note_subject(ent, aid)
        surnames.setdefault(name.split()[-1].casefold(), aid)
        if len(name.split()) > 1:
            first_words.setdefault(name.split()[0].casefold(), set()).add(aid)


def _without_honorific(ent: Span) -> Span:
    """The name without the honorifics the model took into the entity ("Ms Roe", "Dr. Roe" -> "Roe")."""
    honorifics = words().honorifics
    start = ent.start
    while start < ent.end - 1 and (
        ent.doc[start].lower_.rstrip(".") in honorifics or ent.doc[start].text == "."
    ):
        start += 1
    return ent.doc[start : ent.end]


def _honorific_gender(ent: Span) -> str | None:
    """The gender an honorific right before a name, or first in the model's entity, gives ("Mr. Okafor",
    "Mrs Dube"), for the pronouns."""
    honorifics = words().honorifics
    first = honorifics.get(ent[0].lower_.rstrip("."))
    if first is not None or ent.start == 0:
        return first
    return honorifics.get(ent.doc[ent.start - 1].lower_.rstrip("."))


def _title_org(ent: Span, kb: KnowledgeBase):
    """An organisation of the knowledge base named in a person's title or apposition ("Jane Roe, the United
    Nations relief coordinator", "Ali Noor, Al Jazeera's bureau chief"): the person's affiliation."""
    root = ent.root
    window = [t for t in root.subtree if t.i < ent.start]
    for child in root.children:
        if child.dep_ == "appos":
            window += list(child.subtree)
    if not window:
        return None
    phrase = ent.doc[min(t.i for t in window) : max(t.i for t in window) + 1]
    for e in phrase.ents:
        name = e[:-1].text if e[-1].tag_ == "POS" and len(e) > 1 else e.text  # "Al Jazeera's manager"
        for entry in kb.entries(name):
            if entry.kind == "org":
                return kb.orgs[entry.key]
    return None


def _sentence_country(ent: Span, kb: KnowledgeBase) -> str | None:
    """An office holder the knowledge base does not know ("President Jane Roe") belongs to the country the
    sentence names, when it names exactly one."""
    found = set()
    for e in ent.sent.ents:
        if e.label_ in ("GPE", "NORP"):
            for entry in kb.entries(e.text):
                if entry.kind in ("country", "demonym", "capital"):
                    found.add(entry.key.partition(".")[0])
    return found.pop() if len(found) == 1 else None


def person_entities(doc: Doc) -> list[Span]:
    """PERSON entities, with adjacent ones joined (the small model splits "Petar Ivanchev | Marinov")."""
    people: list[Span] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        if people and people[-1].end == ent.start:
            people[-1] = doc[people[-1].start : ent.end]
        else:
            people.append(ent)
    return people
