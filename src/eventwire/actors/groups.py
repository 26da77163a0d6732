"""Group phrases of the actors stage: a demonym or country with a role word ("Russian troops" -> RUS.MIL,
"officials from Russia and France" -> RUS.GOV and FRA.GOV), a singular title of one country ("the U.S.
president") -> the office holder on the day, and the country a modifier names ("the New Mexico governor"
names no Mexico). The role groups whose phrase names no country are returned for the home country
(actors/home.py)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..lookups.kb import KnowledgeBase, RoleWord
from ..lookups.words import words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from .resolve import Builder


def group_phrases(
    doc: Doc, roles: dict, kb: KnowledgeBase, b: Builder, on: date | None, taken: set[int]
) -> list[tuple[Span, RoleWord]]:
    """'Russian troops' -> RUS.MIL; 'officials from Russia and France' -> RUS.GOV and FRA.GOV; a singular
    title of one country or organization ("the U.S. president") -> the office holder on that date. Returns
    the role groups whose phrase names no country ("police", "the ministry"), for the home country."""
    unplaced: list[tuple[Span, RoleWord]] = []
    for _start, (rspan, entry) in roles.items():
        head = rspan[-1]
        if head.ent_type_ == "PERSON" or head.tag_ not in ("NNS", "NNPS", "NN", "NNP"):
            continue
        if _is_title(rspan):
            continue
        countries: list[tuple[str, Span | Token]] = []
        for child in head.children:
            if child.dep_ in ("amod", "compound", "nmod", "poss") and child.i < rspan.start:
                key = country_of(child, kb, orgs=True)
                if key:
                    countries.append((key, child))
            if child.dep_ == "prep" and child.lower_ in ("from", "of"):
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    for tok in [pobj, *_conjuncts(pobj)]:
                        key = country_of(tok, kb, orgs=True)
                        if key:
                            countries.append((key, tok))
        if any(t.ent_type_ == "PERSON" for t in head.subtree):
            continue
        if not countries and entry.sector and not any(i in taken for i in range(rspan.start, rspan.end)):
            unplaced.append((rspan, entry))
        if len(countries) == 1 and _office_holder(rspan, countries[0], kb, b, on):
            continue
        for key, tok in countries:
            role = rspan.text.lower()
            name = f"{tok.text} {role}" if tok.i < rspan.start else f"{role} {tok.head.text} {tok.text}"
            if tok.dep_ == "conj":  # "officials from Russia, Ukraine and France": name each by its country
                name = f"{role} from {tok.text}"
            where = (tok.idx, tok.idx + len(tok.text))  # the country's own words; the role is in `role`
            b.add(
                f"{key}.{entry.sector}",
                name,
                where,
                f"group phrase: {key} + roles.yaml:{entry.id}",
                country=key if key in kb.countries else None,
                sector=entry.sector,
                role=rspan.text.lower(),
            )
    return unplaced


def _office_holder(
    rspan: Span, modifier: tuple[str, Token], kb: KnowledgeBase, b: Builder, on: date | None
) -> bool:
    """'the U.S. president' / "Russia's foreign minister" / 'the NATO secretary general' -> the holder."""
    head = rspan[-1]
    keys = kb.titles.get(rspan.text.casefold())
    if not keys or head.tag_ not in ("NN", "NNP"):
        return False
    code, tok = modifier
    for key in keys:
        found = kb.holder(f"{code}.{key}", on)
        if found is None:
            continue
        person, office = found
        start = min(tok.left_edge.idx, rspan.start_char)
        when = on.isoformat() if on else "today"
        title = rspan.doc[min(tok.left_edge.i, rspan.start) : rspan.end].text
        aid = b.add(
            person.id,
            person.name,
            (start, rspan.end_char),
            f"title '{title}' -> {office.office} holder on {when}",
            country=office.country,
            sector=office.sector,
            org=office.org,
            role=office.role,
            gender=person.gender,
        )
        b.note_subject(rspan, aid)
        return True
    return False


def _is_title(rspan: Span) -> bool:
    """A role word in front of a name ("Foreign Minister Sergey Lavrov") is the person's title."""
    doc = rspan.doc
    after = doc[rspan.end] if rspan.end < len(doc) else None
    head = rspan[-1]
    return (after is not None and after.ent_type_ == "PERSON") or (
        head.dep_ in ("compound", "appos") and head.head.ent_type_ == "PERSON"
    )


def _conjuncts(tok: Token) -> list[Token]:
    return [t for t in tok.subtree if t.dep_ == "conj" and t.i != tok.i]


def country_of(tok: Token, kb: KnowledgeBase, orgs: bool = False) -> str | None:
    """The country (or region, or with orgs=True organization) code a modifier names: the token itself
    or its whole phrase ("United States", "Russia's")."""
    doc = tok.doc
    if part_of_a_longer_name(doc[tok.i : tok.i + 1], kb):
        return None  # "the New Mexico governor" is no Mexican official
    phrase = doc[tok.left_edge.i : tok.i + 1].text
    for text in (tok.text, phrase, phrase.removeprefix("the ").removeprefix("The ")):
        for entry in kb.entries(text):
            if entry.kind in ("country", "demonym", "region"):
                return entry.key
            if orgs and entry.kind == "org":
                return entry.key
    return None


# "New" begins other places' names with a country's: "New Mexico", "New Jersey", "New South Wales", "New
# Guinea". A compass word alone names a part of the country ("South Lebanon" is Lebanon's).
NEW = frozenset({"new", "nova"})
COMPASS_WORDS = words().compass_points


def part_of_a_longer_name(span: Span, kb: KnowledgeBase) -> bool:
    """The span ends another name, begun with "New", that the knowledge base does not know: "Mexico" in
    "New Mexico", "Wales" in "New South Wales" (not "Zealand" in "New Zealand", which it knows)."""
    doc = span.doc
    i = span.start
    while i > 0 and doc[i - 1].lower_ in NEW | COMPASS_WORDS and doc[i - 1].text[:1].isupper():
        i -= 1
        if doc[i].lower_ in NEW:
            return not kb.entries(doc[i : span.end].text)
    return False
