"""Second look: article-level consistency, once every mention has its entry. Streets, buildings and local
names no gazetteer knows are placed where the article puts them (the town their name begins or ends with,
the place named right after them, the town the article is about); towns chosen without admin context are
chosen again near the article's other towns."""

from __future__ import annotations

import re
from collections import Counter

from ..records import Place
from . import gazetteer
from .common import POSSESSIVE, SAINT_NAME, Mention, _compass_name, _facility_kind, _place, choose, usage
from .facilities import _kind_word
from .gazetteer import ADMIN1, COUNTRY, KIND, LAT, LON, POP
from .names import (
    _an_affiliation,
    _capital,
    _country_named_first,
    _home_town,
    _named_as_a_place,
    _national,
    _town_at_end,
    _town_in_name,
)
from .rank import BIG_CITY, LOCAL_KINDS, NEAR_KM, Clues, _bare, _km
from .rules import cite, mark, nothing, on, rule, since, step
from .usage import SEATS, _admin_clues, _town_noun_of, _unit_after


def _locate_facilities(
    places: list[Place], mentions: list[Mention], text: str, gaz: gazetteer.Gazetteer, clues: Clues, how: dict
) -> None:
    """A street or building is placed where it is: the town its name begins with ("Manila Cathedral"), the
    place named right after it ("the Barclays Center in Brooklyn", "Dunmore Park, Cheshire"), else the one
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


@rule("second-look.near-towns", off=nothing)
def _second_look(
    mentions: list[Mention],
    places: list[Place],
    text: str,
    clues_all: Clues,
    gaz: gazetteer.Gazetteer,
    how: dict[str, str],
) -> None:
    """Towns chosen without admin context are chosen again with the article's other towns as context: of
    several towns of one name, the one near the others is meant."""
    # Towns, not big cities: every article may name its capital ("Washington"), which says little about
    # which "Cambridge" is meant.
    towns, states = [], set()
    for m, p in zip(mentions, places, strict=True):
        entry = next((e for e in m.entries if (e[LAT], e[LON]) == (p.lat, p.lon)), None)
        if entry is not None and p.kind in ("city", "village") and entry[POP] < BIG_CITY:
            towns.append((p.name, p.lat, p.lon))
        if entry is not None and entry[KIND] == "admin1" and entry[ADMIN1]:
            states.add((entry[COUNTRY] or "", entry[ADMIN1]))  # "Montana ..." anywhere in the article
    if not towns and not states:
        return
    for i, (m, place) in enumerate(zip(mentions, places, strict=True)):
        towns_here = [e for e in m.entries if e[KIND] in LOCAL_KINDS and e[LAT] is not None]
        rule = place.rule or ""
        if (
            not towns_here
            or (place.kind not in LOCAL_KINDS and place.kind is not None)
            or rule.startswith("admin")
        ):
            continue  # a country, region or admin unit chosen over towns stays: nearness only ranks towns
        if place.lat is not None and len(towns_here) < 2:
            continue
        chosen = next((e for e in towns_here if (e[LAT], e[LON]) == (place.lat, place.lon)), None)
        if chosen is not None and chosen[POP] >= BIG_CITY:
            continue  # "Louisville" is the big one, whatever small namesake lies in a state the article names
        clues = _admin_clues(m, mentions[i + 1 : i + 4], text, clues_all)
        clues.name = _bare(POSSESSIVE.sub("", m.name))
        clues.span = (m.start, m.end)
        clues.near = [(lat, lon) for name, lat, lon in towns if name != place.name and lat is not None]
        clues.states = states
        # A town was chosen: towns are compared, not the county named after one ("Newport" of Wales).
        town = place.kind in ("city", "village")
        began = mark()
        entry, reason = choose([e for e in m.entries if not town or e[KIND] != "admin2"], clues)
        if entry is None or (entry[LAT], entry[LON]) == (place.lat, place.lon):
            continue
        in_state = (entry[COUNTRY] or "", entry[ADMIN1] or "") in states
        near = (
            bool(clues.near) and min(_km(entry[LAT], entry[LON], a, b) for a, b in clues.near) <= 2 * NEAR_KM
        )
        if not (near or in_state):
            continue  # neither nearness nor a state the article names chose it
        new = _place(place.id, m, entry, gaz, text)
        new.rules = [*place.rules]
        cite(new.rules, ["second-look.near-towns", *since(began)])
        why = "near the article's other towns" if near else "in a state the article names"
        new.rule = f"{why}, then {reason}"
        how[place.id] = f"{m.name.casefold()}: {new.rule}"
        places[i] = new
