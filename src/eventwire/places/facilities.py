"""Names the model did not tag as places, and buildings and streets: untagged names in place-like phrases,
facilities located at the town named with them or before them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import gazetteer
from .common import (
    COMPASS,
    MIN_POPULATION,
    UNTAGGED_NON_PLACES,
    Mention,
    _entries,
    _facility_kind,
    _lookup,
    _no_town_after_the,
    _with_article,
    usage,
)
from .gazetteer import COUNTRY, KIND, POP, Entry
from .names import (
    _closes_an_address,
    _part_of_longer_name,
)
from .rank import (
    BIG_CITY,
    _bare,
    _other_name,
)
from .rules import fire, mark, none_found, on, rule, since, step
from .usage import (
    _admin_after,
    _admin_entries,
    _motion_phrase,
    _place_like,
    _plain_locative,
    _residence,
    _town_noun_of,
    _unit_after,
    is_agent,
    is_locative,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@rule("recognise.untagged-name", off=none_found)
def _untagged(
    doc: Doc,
    text: str,
    gaz: gazetteer.Gazetteer,
    kb,
    names: list[Span],
    found: list[Mention],
    article_countries: set[str],
    starts: set[int],
) -> list[Mention]:
    """Proper names the model did not tag as places but the gazetteer knows, in a locative phrase ("in
    Dewsbury", "the cities of Ashwell and Hartwell"), before an admin unit ("Boise, Idaho") or coordinated
    with a place already found. A person or organization the knowledge base knows is never one."""
    placed = {t.i for m in found for t in m.span}
    # The article's countries: its actors', those it names, and those of the places it names that are in
    # one country only ("Blackpool").
    countries = article_countries | {
        m.entries[0][COUNTRY]
        for m in found
        if m.entries and (m.entries[0][KIND] == "country" or len({e[COUNTRY] for e in m.entries}) == 1)
    }
    out = []
    people = _people_names(doc)
    for name_span in names:
        name = name_span.text
        if _part_of_longer_name(name_span, starts):
            continue
        began = mark()
        compound = _hyphen_compound(name_span) if on(HYPHEN_COMPOUND) else name_span
        if compound.start < name_span.start or compound.end > name_span.end:
            fire(HYPHEN_COMPOUND)
            if any(t.i in placed for t in compound):
                continue  # the compound is found already, from its other part
            if _entries(gaz, compound.text):
                name_span, name = compound, compound.text  # "KwaZulu-Natal", "Stratford-upon-Avon"
            elif compound.start < name_span.start or any(
                t.text[:1].isupper() for t in doc[name_span.end : compound.end]
            ):
                continue  # part of a longer name ("Therm-a-Rest"), not Natal in Brazil; "Muscat-based" stays
        place_like = _place_like(name_span, placed, text)
        if not place_like and not _closes_an_address(name_span, text):
            continue
        entries = _with_article(doc, name_span.start, name, gaz) or _no_town_after_the(
            name_span, _lookup(gaz, doc, name, name_span.end)
        )
        if not entries and (_town_noun_of(name_span) or _unit_after(name_span, text)):
            # "the suburb of Zarqa", "Kelby Forest, Fife": a place no gazetteer knows, placed as such
            out.append(
                Mention(
                    name_span, name_span.start_char, name_span.end_char, name, [], "untagged", since(began)
                )
            )
            placed.update(t.i for t in name_span)
            continue
        if not place_like:  # "Brands Close, Kent.": only a county, state or region closes an address
            entries = [e for e in entries if e[KIND] in ("admin1", "admin2", "region") and e[COUNTRY]]
        bare = _bare(name)
        # A name the model did not tag is a place by its own name, not as another name of a town ("Google"
        # was once a joke name of Topeka).
        entries = [e for e in entries if not _other_name(e, bare) or e[POP] >= BIG_CITY]
        if name.casefold() in UNTAGGED_NON_PLACES:
            continue  # "come from God" is no "Göd" in Hungary
        if name.isupper() and len(name) <= 5 and not any(e[KIND] in ("country", "region") for e in entries):
            continue  # an acronym ("TNA") is not a town that happens to be spelled so
        known = {e.kind for e in kb.entries(name)}
        if known and not (
            (known <= {"capital", "metonym"} and "capital" in known)  # "Harare", not "Congress"
            or (known <= {"org"} and is_locative(name_span) and any(e[KIND] == "region" for e in entries))
        ):
            continue  # a person or organization, unless a union of states named as a place: "in the EU"
        if name.casefold() in people and not any(e[POP] >= BIG_CITY for e in entries):
            continue  # "a note sent to Carson" after "Ada Carson"; "aide Graham" after "Ada Graham"
        if not any(_big_enough(e) for e in entries):
            # A village or small town only with its admin unit after it ("Ashwell, Hertfordshire"), or in a
            # locative phrase when its country is the article's ("moved to Thornby").
            admin = {e[COUNTRY] for e in _admin_after(name_span, text)}
            near = _plain_locative(name_span) or _motion_phrase(name_span) or _residence(name_span)
            if not any(e[COUNTRY] in admin or (near and e[COUNTRY] in countries) for e in entries):
                continue
        out.append(
            Mention(
                name_span, name_span.start_char, name_span.end_char, name, entries, "untagged", since(began)
            )
        )
        placed.update(t.i for t in name_span)
    return out


HYPHEN_COMPOUND = step(
    "recognise.hyphen-compound", "a name hyphenated onto others without spaces is looked up whole"
)

HYPHENS = frozenset({"-", "‑", "–"})


def _hyphen_compound(span: Span) -> Span:
    """The span with the words hyphenated onto it without a space: "KwaZulu-Natal" for "Natal"."""
    doc = span.doc
    start, end = span.start, span.end

    def glued(i: int) -> bool:  # doc[i] is a hyphen with words on both sides and no space around it
        return (
            0 < i < len(doc) - 1
            and doc[i].text in HYPHENS
            and not doc[i - 1].whitespace_
            and not doc[i].whitespace_
            and doc[i - 1].is_alpha
            and doc[i + 1].is_alpha
        )

    while glued(start - 1):
        start -= 2
    while glued(end):
        end += 2
    return doc[start:end]


def _people_names(doc: Doc) -> set[str]:
    """The words of the names the model tagged as persons (folded): a name the model did not tag that is one
    of them is the person ("Graham said" after "Ada Graham")."""
    full = [e for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2 and all(t.is_title for t in e)]
    return {t.text.casefold() for e in full for t in (e[0], e[-1])}


@rule("recognise.facility-name")
def _facility_name(span: Span) -> bool:
    """The name of a street or building: it ends in a street or building word, or in one and a compass
    word ("Harlow Avenue West"), or begins with a street or building word, mostly of another language
    ("Rue Garibaldi", "Faubourg Saint-Antoine", "Hotel Kyiv")."""
    if len(span) > 1 and span[0].lower_ == "the":
        span = span[1:]
    if _facility_kind(span[-1]) is not None:
        return True
    if len(span) >= 2 and span[0].lower_ in usage().facility_prefixes:
        return True
    return len(span) >= 3 and span[-1].lower_ in COMPASS and _facility_kind(span[-2]) is not None


def _big_enough(e: Entry) -> bool:
    return e[KIND] != "village" and (e[KIND] != "city" or e[POP] >= MIN_POPULATION)


def _kind_word(word: str) -> bool:
    words = usage()
    return word in words.building_words or word in words.street_words


# Prefixes of buildings' names; the other facility prefixes begin the names of streets and quarters.
BUILDING_PREFIXES = frozenset(
    {"hotel", "stade", "estadio", "palacio", "palazzo", "château", "chateau", "schloss", "museo", "musée"}
)


def _a_street(span: Span) -> bool:
    """A street's or quarter's name ("Royal Street", "Rue Garibaldi", "Faubourg Saint-Antoine"): it never
    names an actor, whatever the parse."""
    if _facility_kind(span[-1]) == "street":
        return True
    first = span[0].lower_
    return len(span) >= 2 and first in usage().facility_prefixes and first not in BUILDING_PREFIXES


@rule("recognise.facility", off=none_found)
def _facilities(names: list[Span], taken: set[int], text: str, gaz: gazetteer.Gazetteer, kb) -> list[Mention]:
    """Names of streets and buildings the model did not tag as places ("Royal Street", "Manila Cathedral"):
    capitalized words ending in a street or building word, outside the tokens already taken; and a venue
    named as where something is, with its town after it ("a gig at Bar Bola in Accra")."""
    out = []
    for span in names:
        if any(t.i in taken for t in span):
            continue  # a name a naming phrase gave a street
        began = mark()
        if not _a_street(span) and is_agent(span):
            continue  # "The White House announced", "a Special Tribunal convicted him" (a street only runs)
        if (
            _named_before_its_kind(span, gaz)
            or (len(span) >= 2 and _facility_name(span))
            or STREETS_AFTER.match(text, span.end_char)
            or _venue(span, text, gaz, kb)
        ):
            known = [e for e in _entries(gaz, span.text) if e[KIND] == "facility"]  # a landmark of the data
            out.append(
                Mention(span, span.start_char, span.end_char, span.text, known, "facility", since(began))
            )
            taken.update(range(span.start, span.end))
        elif _unknown_feature(span, gaz, kb):
            # "the Kelby Plantation", "the Kelby Canal": a feature no gazetteer knows, placed as such
            out.append(Mention(span, span.start_char, span.end_char, span.text, [], "name", since(began)))
            taken.update(range(span.start, span.end))
    return out


@rule("recognise.unknown-feature")
def _unknown_feature(span: Span, gaz: gazetteer.Gazetteer, kb) -> bool:
    """Capitalized words ending in a feature word ("Plantation", "Canal", "Creek") that no gazetteer or
    knowledge base knows, and that name no person ("Ada Woods")."""
    if len(span) < 2 or span[-1].lower_ not in usage().feature_words or not span[-1].text[:1].isupper():
        return False
    if any(t.ent_type_ in ("PERSON", "NORP") for t in span):
        return False
    return not _entries(gaz, span.text) and not kb.entries(span.text)


NAMING_VERBS = frozenset({"name", "call", "rename", "know", "dub", "christen"})

# What is named: its name is a street's or a building's ("the avenue was renamed Lincoln").
NAMED_THINGS = frozenset(
    {"street", "avenue", "road", "lane", "square", "boulevard", "bridge", "park", "quarter", "neighborhood",
     "neighbourhood", "district", "area", "suburb", "faubourg", "plaza", "station", "building", "church",
     "hotel", "stadium", "arena", "hall", "school", "hospital", "canal", "plantation", "estate"}
)  # fmt: skip


@rule("recognise.renamed-street", off=none_found)
def _renamed(names: list[Span], taken: set[int], gaz: gazetteer.Gazetteer) -> list[Mention]:
    """The names a street, square or building bears in a naming phrase: "the avenue was later called Jackson
    and then Monroe", "Originally named Rue Royale, the street ...", "the square, known as Place Carnot":
    facilities, whatever the model took the name for (it often tags such names as people)."""
    out = []
    for span in names:
        if any(t.i in taken for t in span):
            continue
        verb = _naming_verb(span.root)
        if verb is None or _named_thing(verb) is None:
            continue
        known = [e for e in _entries(gaz, span.text) if e[KIND] == "facility"]
        out.append(Mention(span, span.start_char, span.end_char, span.text, known, "facility"))
        taken.update(range(span.start, span.end))
    return out


def _naming_verb(tok: Token) -> Token | None:
    """The verb of naming whose name `tok` is: its object complement ("called Jackson"), a name joined to
    one ("and then Monroe"), or the object of "as" after "known"."""
    while tok.dep_ == "conj" and tok.head.i != tok.i and tok.head.pos_ == "PROPN":
        tok = tok.head  # "Jackson and Monroe"
    if tok.dep_ == "pobj" and tok.head.lower_ == "as":
        verb = tok.head.head
        return verb if verb.lemma_.lower() == "know" else None
    verb = tok.head
    if verb.lemma_.lower() not in NAMING_VERBS - {"know"}:
        return None
    passive = any(c.dep_ == "auxpass" for c in verb.children)  # "was called Jackson", parsed as an object
    return verb if tok.dep_ in ("oprd", "attr", "conj") or (tok.dep_ == "dobj" and passive) else None


def _named_thing(verb: Token) -> Token | None:
    """The street or building a verb of naming names: its passive subject, the subject of the clause it
    hangs from ("Originally named X, the street was ..."), or the noun it describes ("the square, known
    as X")."""
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")]
        if subjects:  # the model may give it two: "SAVANNAH - ... the avenue was called ..."
            return next((c for c in subjects if c.lemma_.lower() in NAMED_THINGS), None)
        if verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
            return verb.head if verb.head.lemma_.lower() in NAMED_THINGS else None
        if verb.dep_ not in ("advcl", "pcomp", "conj", "prep", "xcomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


# "down Ash and Birch streets", "at Main and Elm Streets": names before a plural street word.
STREETS_AFTER = re.compile(
    r"(?:\s+(?:and|&)\s+[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)?)?\s+(?i:streets|avenues|roads|boulevards)\b"
)


@rule("recognise.name-before-kind")
def _named_before_its_kind(span: Span, gaz: gazetteer.Gazetteer, known: bool = False) -> bool:
    """A name no gazetteer knows before a lowercase street word ("the Air Balloon roundabout") or, after
    "the", a building word ("the Regal cinema"). With `known`, a name the gazetteer knows too (the model
    tagged it an organisation, not a town: "the Paramount cinema")."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is None or not nxt.is_lower:
        return False
    building = span.start > 0 and doc[span.start - 1].lower_ == "the" and nxt.lower_ in usage().building_words
    if nxt.lower_ not in usage().street_words and nxt.lower_ not in CROSSINGS and not building:
        return False
    return known or not _entries(gaz, span.text)


# Where streets meet: "the Elm Avenue intersection", "the Oak/Elm corner" (a name before one is a street's).
CROSSINGS = frozenset({"intersection", "corner", "crossroads"})

# Last words of the names of contests and companies: held or based somewhere, not a place ("second at the
# Junior Piano Prize in Poland", "a trader at Acme Holdings in London").
CONTEST_WORDS = frozenset({"competition", "championship", "championships", "contest", "prize", "award"})

COMPANY_WORDS = frozenset(
    {"inc", "ltd", "llc", "plc", "corp", "corporation", "co", "company", "group", "holdings", "ag", "sa",
     "gmbh", "bank", "partners", "capital", "securities", "investments", "fund", "limited", "lp", "llp", "nv",
     "bv"}
)  # fmt: skip

WORK_WORDS = frozenset({"work", "job", "employ", "intern", "career", "position", "post", "serve", "study"})

VENUE_PREPS = frozenset({"at", "in", "inside", "outside", "into", "to"})

IN_TOWN = re.compile(r"\s+in\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,2})")


@rule("recognise.venue")
def _venue(span: Span, text: str, gaz: gazetteer.Gazetteer, kb) -> bool:
    """A name no gazetteer or knowledge base knows, the object of "at", "in" or "to", followed by "in" and
    a town, state or country: "a reading at Café Nuba in Lagos", "dinner at Chez Marcel in New
    York"."""
    tok = span.root
    if tok.dep_ != "pobj" or tok.head.lower_ not in VENUE_PREPS or any(t.ent_type_ == "PERSON" for t in span):
        return False
    if span[-1].lower_.rstrip(".") in COMPANY_WORDS | CONTEST_WORDS:
        return False  # "a trader at Granite Holdings in London", "second at the Liszt Prize in Hungary"
    if tok.head.head.lemma_.lower() in WORK_WORDS:
        return False  # an employer, not a venue: "works at Google in London"
    town = IN_TOWN.match(text, span.end_char, span.end_char + 60)
    if town is None or kb.entries(span.text):
        return False
    words = town.group(1).split()  # "in St. Louis", "in Lagos. The ...": the longest run that is a place
    towns = [
        e for n in range(len(words), 0, -1) for e in _admin_entries(gaz, " ".join(words[:n]).rstrip("."))
    ]
    countries = {e[COUNTRY] for e in towns if _big_enough(e)}
    # A place of the name in the town's country is that place ("at Wembley in London"); namesakes elsewhere
    # do not count ("the CHU in Nantes" is no town in Vietnam).
    return bool(countries) and not any(e[COUNTRY] in countries for e in _entries(gaz, span.text))
