"""Names the model did not tag as places, and buildings and streets: untagged names in place-like phrases,
facilities located at the town named with them or before them."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from ..records import Place
from . import gazetteer
from .common import (
    COMPASS,
    MIN_POPULATION,
    SAINT_NAME,
    UNTAGGED_NON_PLACES,
    Mention,
    _compass_name,
    _entries,
    _facility_kind,
    _lookup,
    _no_town_after_the,
    _with_article,
    usage,
)
from .gazetteer import COUNTRY, KIND, POP, Entry
from .names import (
    _an_affiliation,
    _capital,
    _closes_an_address,
    _country_named_first,
    _home_town,
    _named_as_a_place,
    _national,
    _part_of_longer_name,
    _town_at_end,
    _town_in_name,
)
from .rank import (
    BIG_CITY,
    LOCAL_KINDS,
    Clues,
    _bare,
    _other_name,
)
from .rules import cite, fire, mark, none_found, nothing, on, rule, since, step
from .usage import (
    SEATS,
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
        if not place_like:  # "Brands Hatch Indy, Kent.": only a county, state or region closes an address
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
            continue  # "a note sent to Carson" after "Ben Carson"; "aide Graham" after "Lindsey Graham"
        if (
            len(name_span) == 1
            and not any(e[POP] >= MIN_POPULATION for e in entries)
            and _common_word(doc, name)
        ):
            continue  # "a Country at War": a word also written in lower case, not War, West Virginia
        if not any(_big_enough(e) for e in entries):
            # A village or small town only with its admin unit after it ("Ashwell, Hertfordshire"), or in a
            # locative phrase when its country is the article's ("moved to Thornhill").
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
    of them is the person ("Graham said" after "Lindsey Graham")."""
    full = [e for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2 and all(t.is_title for t in e)]
    return {t.text.casefold() for e in full for t in (e[0], e[-1])}


@rule("recognise.common-word")
def _common_word(doc: Doc, name: str) -> bool:
    """The article also writes the word in lower case as a word of its own (looked up in the ORTH array,
    not by a Python loop over every token)."""
    from spacy.attrs import ORTH

    low = name.lower()
    if low == name or low not in doc.vocab.strings:
        return False
    key = "eventwire.places.orths"
    if key not in doc.user_data:  # the words of the doc, once per doc (asked for every untagged name)
        doc.user_data[key] = frozenset(int(x) for x in doc.to_array(ORTH))
    return doc.vocab.strings[low] in doc.user_data[key]


@rule("recognise.facility-name")
def _facility_name(span: Span) -> bool:
    """The name of a street or building: it ends in a street or building word, or in one and a compass
    word ("Eglinton Avenue West"), or begins with a street or building word, mostly of another language
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
    knowledge base knows, and that name no person ("Tiger Woods")."""
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


def _locate_facilities(
    places: list[Place], mentions: list[Mention], text: str, gaz: gazetteer.Gazetteer, clues: Clues, how: dict
) -> None:
    """A street or building is placed where it is: the town its name begins with ("Manila Cathedral"), the
    place named right after it ("the Barclays Center in Brooklyn", "Oulton Park, Cheshire"), else the one
    town the article is about (its dateline, or the only town it names twice or more). Its kind is
    `facility`; the coordinates are those of that place, and `rule` says which."""
    home = _home_town(places)
    # The towns the article names itself: a building is not named after a small town far from all of them
    towns = [(p.lat, p.lon) for p in places if p.kind == "city" and p.lat is not None and p.use != "embedded"]
    pending: list[int] = []  # local names no rule placed, for a last look once the others are placed
    for i, (place, m) in enumerate(zip(places, mentions, strict=True)):
        # A name no gazetteer knows, in a place's position: "a shack in Zinkwazi", "Chez Marcel".
        # Or one whose namesakes are all small towns elsewhere ("pitches in Novoselivka and Harrogate"), not a
        # compass name ("the Centre" is India's government).
        unsupported = (place.rule or "").startswith("no gazetteer entry supported")
        unsupported = unsupported and not _compass_name(m.name)
        # Or one whose namesakes all lie outside the county or state named after it ("Hobart,
        # Northamptonshire" with only the Australian Hobart in the data).
        outside_its_unit = (place.rule or "").startswith("no gazetteer entry in the admin unit")
        unknown = outside_its_unit or (
            (not m.entries or unsupported)
            and (
                (m.use == "name" and (_named_as_a_place(m.span) or _unit_after(m.span, text)))
                or (m.use == "untagged" and (_town_noun_of(m.span) or _unit_after(m.span, text)))
            )
        )
        shared = _shared_building(places, mentions, i, text)  # "St Anne's and St Bride's Church in Ashby"
        if shared is not None and place.lat is not None and SAINT_NAME.match(m.name):
            # a church's saint, not the gazetteer's village of the name
            place.name = place.kind = place.country = place.admin1 = place.lat = place.lon = None
            place.geonames_id = None
        unknown = unknown or (shared is not None and m.use != "facility")
        if (m.use != "facility" and not unknown) or place.lat is not None:
            continue
        where, why, rid = (None, "", "")
        if shared is not None:
            where, why, rid = shared, "one building with the name after it", SHARED_BUILDING_RULE
        named_after_a_town = unknown and m.span[-1].lower_ in usage().feature_words  # "the Kelby Canal"
        if _facility_kind(m.span[-1]) == "building" or named_after_a_town:
            where = _town_in_name(m, text, gaz, clues, towns) if on(TOWN_IN_NAME) else None
            why, rid = "the place its name begins with", TOWN_IN_NAME
        elif on(TOWN_AT_END) and (at_end := _town_at_end(m, text, gaz, clues)) is not None:
            where, why, rid = at_end, "the city its name ends with", TOWN_AT_END  # "the Grand Hotel Oslo"
        if where is None and i + 1 < len(places) and places[i + 1].lat is not None and on(PLACE_AFTER):
            gap = text[m.end : mentions[i + 1].start]
            kind = re.match(r"\s+([a-z]+)\b", gap)  # "the Regal cinema in Dunmore"
            if kind and _kind_word(kind.group(1)):
                gap = gap[kind.end() :]
            if re.fullmatch(r",\s*(?:near\s+)?|\s+(?:in|at|on|near|,)\s+(?:the\s+)?", gap):
                where, why, rid = places[i + 1], "the place named after it", PLACE_AFTER
        if where is None and i > 0 and places[i - 1].lat is not None and on(POSSESSOR):
            gap = text[mentions[i - 1].end : m.start]
            if re.fullmatch(r"\s*['’]s?\s+", gap):
                where, why, rid = (
                    places[i - 1],
                    "the place it belongs to",
                    POSSESSOR,
                )  # "Harare's Third Street"
        seat = m.span[-1].lower_ in SEATS
        own = _country_named_first(m.name) if seat and on(CAPITAL_OF_BODY) else None
        if where is None and own is not None:  # "the Velmoran Foreign Ministry"
            where, why = _capital(own, gaz, clues), "the capital of the country it belongs to"
            rid = CAPITAL_OF_BODY
        elif where is None and home is not None and (_national(m.name) or seat) and on(NATIONAL_CAPITAL):
            where, why = _capital(home.country, gaz, clues), "the capital of the country the article is about"
            rid = NATIONAL_CAPITAL
        elif where is None and home is not None and not _an_affiliation(m.name) and on(HOME_TOWN):
            where, why, rid = home, "the town the article is about", HOME_TOWN
        if where is None and not _an_affiliation(m.name) and on(TOWN_BEFORE):
            # A building or street is in the last town named before it, in the paragraph or, in a local
            # report, paragraphs before ("a show comes to Clacby ... at the Princes Theatre"); a name no
            # gazetteer knows, or a country's own body ("the Senate"), only near a town.
            national = _national(m.name) or seat
            near = FACILITY_NEAR_CHARS if m.use == "facility" and not national else NEAR_CHARS
            where, why = _town_before(places, i, m.start, near), "the town named just before it"
            rid = TOWN_BEFORE
        if where is None:
            if unknown and not _an_affiliation(m.name):
                pending.append(i)
            continue
        main = _main_country(places) if unknown and why.startswith("the town") else None
        if main is not None and where.country != main and on(MAIN_COUNTRY):
            # A name no gazetteer knows, in an article mostly about another country than its town's (a
            # village at the front in a report datelined from a capital far away): no guess.
            cite(place.rules, [MAIN_COUNTRY])
            continue
        place.country, place.admin1, place.lat, place.lon = where.country, where.admin1, where.lat, where.lon
        cite(place.rules, [rid])
        if unknown:
            first = "not in the gazetteer" if not m.entries else "no namesake in the gazetteer fits"
            place.rule = f"{first}; {why}: {where.name}"
            how[place.id] = f"{m.name.casefold()}: {place.rule}"
            continue
        place.kind, place.name = "facility", m.name
        place.rule = f"{why}: {where.name}"
        how[place.id] = f"{m.name.casefold()}: {place.rule}"
    _placed_elsewhere(places, mentions, how)
    for i in pending:
        # Still unplaced: a local name right after another the article placed ("tomorrow at Kirkbrae Hatch
        # ... into Kirkbrae Bend"), both unknown to the gazetteer.
        place, m = places[i], mentions[i]
        before = _local_name_before(places, mentions, i) if on(LOCAL_NAME_BEFORE) else None
        if place.lat is None and before is not None:
            cite(place.rules, [LOCAL_NAME_BEFORE])
            place.country, place.admin1, place.lat, place.lon = (
                before.country,
                before.admin1,
                before.lat,
                before.lon,
            )
            place.rule = f"not in the gazetteer; the local name just before it: {before.text}"
            how[place.id] = f"{m.name.casefold()}: {place.rule}"


TOWN_IN_NAME = step("second-look.town-in-name", "a building is in the town or region its name begins with")
TOWN_AT_END = step("second-look.town-at-end", "a building is in the city its name ends with")
PLACE_AFTER = step("second-look.place-after", "a street or building is in the place named right after it")
POSSESSOR = step("second-look.possessor-place", "a street or building is in the place that possesses it")
CAPITAL_OF_BODY = step(
    "second-look.capital-of-body", "a legislature or ministry named with its country is in that capital"
)
NATIONAL_CAPITAL = step(
    "second-look.national-capital", "a national institution is in the capital of the article's country"
)
HOME_TOWN = step("second-look.home-town", "a street or building is in the town the article is about")
TOWN_BEFORE = step("second-look.town-before", "a street or building is in the town named shortly before it")
MAIN_COUNTRY = step(
    "second-look.main-country",
    "a name no gazetteer knows is not placed at a town outside the country the article is mostly about",
)
LOCAL_NAME_BEFORE = step(
    "second-look.local-name-before", "an unplaced local name is where the local name just before it is"
)
SHARED_BUILDING_RULE = "second-look.shared-building"

SHARED_BUILDING = re.compile(r"(?:['’]s)?\s+(?:and|&)\s+")

IN_IT = re.compile(r"\s+(?:in|at)\s+(?:the\s+)?")


@rule(SHARED_BUILDING_RULE, off=nothing)
def _shared_building(places: list[Place], mentions: list[Mention], i: int, text: str) -> Place | None:
    """The town of the building place i shares with the name after it: "St Anne's and St Brigid's Church in
    Ashwell" (one church of two saints), not the gazetteer's St Anne."""
    if i + 2 >= len(places) or places[i + 2].lat is None or places[i + 2].kind not in LOCAL_KINDS:
        return None
    building, town = mentions[i + 1], mentions[i + 2]
    if _facility_kind(building.span[-1]) != "building" or not SHARED_BUILDING.fullmatch(
        text, mentions[i].end, building.start
    ):
        return None
    return places[i + 2] if IN_IT.fullmatch(text, building.end, town.start) else None


@rule("second-look.placed-elsewhere", off=nothing)
def _placed_elsewhere(places: list[Place], mentions: list[Mention], how: dict) -> None:
    """A name no gazetteer knows, left unplaced here, is where the article places it elsewhere, by itself or
    in a longer form ("at Kirkbrae Park, where ..." and later "Kirkbrae Park Stadium, Fife")."""
    placed = [
        p for p, m in zip(places, mentions, strict=True) if p.lat is not None and not m.entries and p.text
    ]
    if not placed:
        return
    for place, m in zip(places, mentions, strict=True):
        if place.lat is not None or m.entries or m.use not in ("name", "untagged"):
            continue
        other = next((p for p in placed if p.text == m.name or p.text.startswith(m.name + " ")), None)
        if other is None:
            continue
        place.country, place.admin1, place.lat, place.lon = other.country, other.admin1, other.lat, other.lon
        cite(place.rules, ["second-look.placed-elsewhere"])
        place.rule = f"not in the gazetteer; where the article places {other.text}"
        how[place.id] = f"{m.name.casefold()}: {place.rule}"


def _main_country(places: list[Place]) -> str | None:
    """The country most of the article's placed names are in (None on a tie)."""
    counts = Counter(p.country for p in places if p.country and p.lat is not None)
    top = counts.most_common(2)
    return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None


NEAR_CHARS = 300  # a local name and the town named before it: within a paragraph or two sentences

FACILITY_NEAR_CHARS = 3000  # a building or street and the town named before it: within a short report


def _local_name_before(places: list[Place], mentions: list[Mention], i: int) -> Place | None:
    """The closest place named before place i, within NEAR_CHARS, if it is a local name the gazetteer does not
    know, placed by its surroundings."""
    for p, m in zip(reversed(places[:i]), reversed(mentions[:i]), strict=True):
        if places[i].span[0] - p.span[1] > NEAR_CHARS:
            return None
        if p.lat is not None:
            return p if not m.entries and p.kind is None and p.use == "name" else None
    return None


def _town_before(places: list[Place], i: int, start: int, near: int = NEAR_CHARS) -> Place | None:
    """The closest town or district named before place i, within `near` characters: local names come in
    clusters ("40 in Thurles; a dozen more in Templemore")."""
    for p in reversed(places[:i]):
        if start - p.span[1] > near:
            return None
        if p.lat is not None and p.kind in LOCAL_KINDS and p.use != "facility":
            return p
    return None
