"""The `places` stage: place names of an article (the model's GPE/LOC/FAC entities), each resolved to one
gazetteer entry, or kept without coordinates when no entry is supported by the text.

A country or city that the actors stage took as an actor ("Russia said", "Moscow warned") is a place only
when used locatively ("talks in Moscow"); demonyms ("Russian") never are. Resolution, in order:
  (a) admin context right after the name ("Sataniv village in Khmelnytskyi district, Khmelnytskyi region,
      western Ukraine"; "Paris, Texas");
  (b) the article's countries (of its actors, and of places already resolved) give a bonus;
  (c) feature kind (country > region > admin1 > admin2 > city) and population.
A city or village below `MIN_POPULATION` is chosen only when its country or admin1 is in the context.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy

from ..lookups.kb import load_kb
from ..lookups.words import words
from ..records import Place
from ..registry import Context, stage
from . import gazetteer, rank
from .gazetteer import ADMIN1, COUNTRY, ID, KIND, LAT, LON, NAME, POP, Entry
from .rank import (
    BIG_CITY,
    LOCAL_KINDS,
    NEAR_KM,
    WITHIN_KM,
    Clues,
    _bare,
    _km,
    _other_name,
    score,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Doc, Span, Token

LABELS = frozenset({"GPE", "LOC", "FAC"})
NAME_TYPES = frozenset({"GPE", "LOC", "FAC", "NORP", "ORG"})
# True: an actor mention is a place only in a locative phrase ("talks in Moscow"). False: also when it is not
# the subject, agent or possessor of its clause ("flights to and from China", "China is a big market").
STRICT_LOCATIVE = False
LOCATIVE_PREPS = words().locative_prepositions | {"off", "along"}
REPORTING_LEMMAS = words().reporting_verbs
MIN_POPULATION = 15_000
MILLION = 1_000_000
SAME_AREA_KM = 60  # a city-state's point and its city's are this close
SAME_SITE_KM = 50.0  # landmark entries of one name this close are one site
POSSESSIVE = re.compile(r"\s*['’]s$")  # "New York's" is looked up and compared as "New York"
TYPE_WORDS = frozenset({"village", "town", "city", "district", "region", "oblast", "province", "county"})
# An admin unit in the words after a name, when the model did not tag it: ", Donetsk region", ", Texas".
ADMIN_NEXT = re.compile(
    r"\s*(?:village|town|city|district|region|oblast|province|county)?\s*(?:,|\bin\b)\s*(?:the\s+)?"
    r"(?:(?:north|south|east|west|central)(?:ern)?\s+)?"
    r"([A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)*(?:\s(?:region|oblast|province|district|county|state))?)"
)
LIST_GOES_ON = re.compile(r"\s+(?:and|or)\s+[A-Z]")
ADMIN_WORDS = ("region", "oblast", "province", "governorate", "district", "county", "state", "prefecture")
# Text between a name and the admin unit that locates it: ", ", " in ", " village in ", ", eastern ".
ADMIN_GAP = re.compile(
    r"^(?:\s+(?:village|town|city|district|region|oblast|province|county|state|area))?\s*(?:,|\bin\b|\bof\b)"
    r"\s*(?:the\s+)?(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)"
    r"(?:ern)?\s+)?$",
    re.IGNORECASE,
)


@dataclass
class Candidate:
    """One gazetteer entry, as `lookup` returns it."""

    id: int | str
    name: str
    kind: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int

    @classmethod
    def of(cls, e: Entry, gaz: gazetteer.Gazetteer) -> Candidate:
        admin1 = e[NAME] if e[KIND] == "admin1" else gaz.admin1_name(e[COUNTRY], e[ADMIN1]) or e[ADMIN1]
        return cls(e[ID], e[NAME], e[KIND], e[COUNTRY], admin1, e[LAT], e[LON], e[POP])

    def describe(self) -> str:
        where = f"{self.lat:.4f}, {self.lon:.4f}" if self.lat is not None else "no coordinates"
        parts = [self.kind, self.country or "-", self.admin1 or "-", where]
        pop = f", population {self.population:,}" if self.population and self.kind != "country" else ""
        return f"{self.name} ({', '.join(parts)}{pop}) [{self.id}]"


def lookup(name: str, country: str | None = None) -> list[Candidate]:
    """Gazetteer entries named `name` (case-insensitive), best first; only those of `country` if given."""
    gaz = gazetteer.load()
    entries = _entries(gaz, name)
    if country:
        entries = [e for e in entries if e[COUNTRY] == country.upper()]
    clues = Clues(countries={country.upper()} if country else set(), name=_bare(name))
    entries = sorted(entries, key=lambda e: -score(e, clues))
    return [Candidate.of(e, gaz) for e in entries]


def _entries(gaz: gazetteer.Gazetteer, name: str) -> list[Entry]:
    name = name.strip().removesuffix("'s").removesuffix("’s").strip()
    found = gaz.get(name)
    if not found and name.lower().startswith("the "):
        found = gaz.get(name[4:])
    if not found and re.match(r"(?i)st\.?\s", name):
        found = gaz.get(re.sub(r"(?i)^st\.?\s", "Saint ", name))
    return found


# Capitalized words of faith and myth that an untagged name in a locative phrase may be, and that match a
# town only by folding ("from God": Göd, Hungary; "in Heaven": Heaven, a hamlet).
# Heavenly bodies: tagged as places by the model, and namesakes of small towns ("Earth", Texas).
NOT_ON_EARTH = frozenset(
    {"earth", "mars", "moon", "venus", "jupiter", "saturn", "mercury", "neptune", "uranus", "pluto", "sun"}
)
UNTAGGED_NON_PLACES = frozenset(
    {"god", "heaven", "hell", "paradise", "lord", "christ", "allah", "hades", "eden"}
)


def choose(entries: list[Entry], clues: Clues) -> tuple[Entry | None, str]:
    """The entry meant, and why; None when no entry is supported well enough."""
    usable = [e for e in entries if e[LAT] is not None and _plausible(e, clues)]
    if not usable:
        return None, "no gazetteer entry supported by the context" if entries else "not in the gazetteer"
    inside = [e for e in usable if e[KIND] in LOCAL_KINDS and _within(e, clues.within)]
    if inside:
        # Named with the region or county it is in ("Ashwell, Hertfordshire"): only the towns near that
        # unit's point are candidates, whatever their size.
        usable = inside
    best = rank.best(usable, clues)
    if best[KIND] == "facility" and any(
        e[KIND] == "facility" and _km(best[LAT], best[LON], e[LAT], e[LON]) > SAME_SITE_KM for e in usable
    ):
        # Many "St Mary's Church" in an imported GeoNames dump: the name alone does not say which.
        return None, "several landmarks of this name"
    town = best[KIND] in ("city", "village")
    if town and clues.admin_countries and best[COUNTRY] not in clues.admin_countries:
        # "Rockingham, Northamptonshire": no Rockingham in England here, so not the Australian one either.
        return None, "no gazetteer entry in the admin unit named after it"
    if clues.name and _other_name(best, clues.name) and best[POP] < BIG_CITY:
        # Known by this name only as another name of a mid-sized city: a place that bears it is meant.
        own = [
            e
            for e in entries
            if e[LAT] is not None
            and not _other_name(e, clues.name)
            # A saint's parish or village needs its country ("pupils at St Andrew's" in Navan)
            and (
                _plausible(e, clues) or (e[KIND] in ("city", "village") and not SAINT_NAME.match(clues.name))
            )
        ]
        if own:
            best = rank.best(own, clues)
            return best, f"own name, then {_reason(best, clues)}"
        if SAINT_NAME.match(clues.name):
            return None, "no gazetteer entry supported by the context"  # a church or school of the saint
    if best[KIND] in ("admin1", "admin2"):
        # A county's town is meant by its bare name ("Cork", "Derby"); a state's only when it is big.
        least = BIG_CITY if best[KIND] == "admin1" else MIN_POPULATION
        city = _big_namesake(usable, best, least, clues.name)
        if city is not None:
            return city, f"city of over {least:,} named like the {best[KIND]}"
    return best, _reason(best, clues)


def _within(e: Entry, points: list[tuple[float, float]]) -> bool:
    return any(_km(e[LAT], e[LON], lat, lon) <= WITHIN_KM for lat, lon in points)


def _plausible(e: Entry, clues: Clues) -> bool:
    compass = _compass_name(e[NAME]) or (
        e[KIND] == "region" and bool(clues.name) and _compass_name(clues.name)
    )
    saint = e[KIND] in ("admin1", "admin2") and SAINT_NAME.match(clues.name or e[NAME]) is not None
    generic = e[KIND] in ("admin1", "admin2") and _generic_unit(clues.name or e[NAME])
    if (e[KIND] in ("admin1", "admin2", "region") and compass) or saint or generic:
        # "the National Capital Region" of an Ottawa report is not the Philippines' capital region
        # "St Andrew's" in an Irish town is a church or school, not the parish of Jamaica
        # "West", "Centre", "West Coast": regions of Cameroon, Burkina Faso, New Zealand only in their
        # context; "the South" is the American South only in an article about the United States
        return e[COUNTRY] in clues.countries | clues.admin_countries
    if e[KIND] not in ("city", "village") or e[POP] >= MIN_POPULATION:
        return True
    return e[COUNTRY] in clues.countries | clues.admin_countries


SAINT_NAME = re.compile(r"(?i)^(?:st\.?|saint)\s")
COMPASS_NAME = re.compile(
    r"(?i)^(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?|central|centre|center|(?:north|south)-?(?:east|west)"
    r"(?:ern)?)(?:\s+(?:coast|region|province|district|department|state|area))?$"
)


UNIT_WORDS = frozenset({"capital", "region", "territory", "area", "province", "district", "zone"})


def _generic_unit(name: str) -> bool:
    """A unit's name made of common words only ("National Capital Region", "Capital District")."""
    words = name.lower().removeprefix("the ").split()
    return len(words) > 1 and all(w in GENERIC_NAME_WORDS or w in UNIT_WORDS for w in words)


def _compass_name(name: str) -> bool:
    return bool(COMPASS_NAME.match(name))


def _big_namesake(usable: list[Entry], admin: Entry, least: int, name: str) -> Entry | None:
    for e in usable:
        if e[KIND] != "city" or e[POP] < least or e[COUNTRY] != admin[COUNTRY]:
            continue
        if least >= BIG_CITY and (not name or _state_city(e, admin, name)):
            return e
        if least < BIG_CITY and (not name or not _other_name(e, name)):
            return e
    return None


def _state_city(city: Entry, state: Entry, name: str) -> bool:
    """The city is what a state's bare name means: it bears that name ("Berlin", "Lagos"), or is a city of a
    million named after its state ("New York" City) or is the district that names it ("Washington D.C."), or
    is the city-state itself under another spelling ("Kiev", "Moskva"). "Oklahoma" is the state, not Oklahoma
    City; "Bahia" and "Henan" are states, not Salvador and Hengyang that GeoNames lists under those names."""
    own = _bare(city[NAME])
    if own == name or own.removesuffix(" d.c.") == name:
        return True
    if own.startswith(name + " "):
        return city[POP] >= MILLION
    return _km(city[LAT], city[LON], state[LAT], state[LON]) <= SAME_AREA_KM


def _reason(e: Entry, clues: Clues) -> str:
    if (e[COUNTRY] or "", e[ADMIN1] or "") in clues.admin1:
        return f"admin context: {e[COUNTRY]}/{e[ADMIN1]}"
    if e[COUNTRY] in clues.admin_countries:
        return f"admin context: {e[COUNTRY]}"
    learned = rank.ranker() is not None
    if e[COUNTRY] in clues.countries and e[KIND] != "country":
        return f"article country {e[COUNTRY]}, then {'learned ranker' if learned else 'kind and population'}"
    return f"learned ranker: {e[KIND]}" if learned else f"kind {e[KIND]} and population"


# --- the stage ----------------------------------------------------------------------------------------------
@dataclass
class Mention:
    span: Span
    start: int
    end: int
    name: str  # what is looked up (may include a following admin word: "Donetsk region")
    entries: list[Entry]
    use: str = "name"  # name | demonym | dateline | untagged (how the mention was found)


@stage("places", requires=["doc", "actors"], assigns=["places", "caption_places"])
def resolve_places(ctx: Context) -> None:
    gaz = gazetteer.load()
    if rank.COLLECT is not None:
        rank.COLLECT_ARTICLE = ctx.article.id
    actor_spans = [(s[0], s[1]) for a in ctx.record.actors for s in a.mentions]
    actor_countries = {a.country for a in ctx.record.actors if a.country}
    mentions = find_mentions(ctx.doc, actor_spans, gaz, countries=actor_countries)
    clues_all = Clues(countries=_article_countries(ctx.record.actors, mentions))
    clues_all.support = _country_support(ctx.record.actors, mentions, ctx.article.text)
    for name in {_bare(POSSESSIVE.sub("", m.name)): m.entries for m in mentions}.items():
        rank.add_area(clues_all, *name)
    how: dict[str, str] = {}
    ctx.record.places = _resolve(mentions, ctx.article.text, clues_all, gaz, how, 1)
    _locate_facilities(ctx.record.places, mentions, ctx.article.text, gaz, clues_all, how)
    if ctx.parse is not None:
        ctx.record.caption_places = _caption_places(ctx, gaz, clues_all, how)
    ctx.notes["places.how"] = how


def _caption_places(ctx: Context, gaz: gazetteer.Gazetteer, clues: Clues, how: dict[str, str]) -> list[Place]:
    """Places named in the photo captions ("... in Sataniv village, Khmelnytskyi region"), with the article's
    countries as context. Their spans point into the caption; any country or city in a caption that is the
    subject or possessor of a verb of doing or saying is taken as an actor."""
    assert ctx.parse is not None
    out: list[Place] = []
    for index, caption in enumerate(ctx.article.captions):
        doc = ctx.parse(caption)
        ents = [(e.start_char, e.end_char) for e in doc.ents]
        mentions = find_mentions(doc, ents, gaz, datelines=False, countries=clues.countries)
        places = _resolve(mentions, caption, clues, gaz, how, len(ctx.record.places) + len(out) + 1)
        for place in places:
            place.caption = index
        out += places
    return out


def _resolve(
    mentions: list[Mention],
    text: str,
    clues_all: Clues,
    gaz: gazetteer.Gazetteer,
    how: dict[str, str],
    first: int,
) -> list[Place]:
    """One place per mention, numbered from P<first>; each confident country adds to the context."""
    cache: dict[tuple, tuple[Entry | None, str]] = {}
    places = []
    states, state_countries = _named_states(mentions)
    for i, m in enumerate(mentions):
        clues = _admin_clues(m, mentions[i + 1 : i + 4], text, clues_all)
        clues.admin_countries |= _states_listed_with(mentions, i, text)
        fold_key = m.name.casefold()
        clues.name = _bare(POSSESSIVE.sub("", m.name))
        clues.span = (m.start, m.end)
        known = clues.countries | state_countries  # "Georgia" before "Virginia and Colorado" too
        dropped = _known_only_by(m, fold_key, known, clues_all.support)
        if dropped:
            clues.countries = (clues.countries - dropped) | {
                e[COUNTRY] for e in m.entries if e[KIND] == "admin1" and e[COUNTRY] in known
            }
        key = (fold_key, frozenset(clues.admin_countries), frozenset(clues.admin1))
        if key not in cache:
            found = _states_by_their_last_words(m, states, clues_all.countries)
            if len(found) == 1:
                cache[key] = (found[0], "the state the article names in full")
            elif found:  # "Carolina voters" in a report on both Carolinas
                cache[key] = (None, "several states the article names end with this name")
            else:
                cache[key] = choose(m.entries, clues)
        entry, reason = cache[key]
        if entry is not None and str(entry[ID]).startswith("seat:"):
            reason += "; the point of the town it is named after"
        if entry is not None and entry[COUNTRY] and (entry[KIND] != "village" or clues.admin1):
            clues_all.countries.add(entry[COUNTRY])  # resolved with confidence: context for the rest
            clues_all.support.setdefault(entry[COUNTRY], set()).add(fold_key)
        place = _place(f"P{first + len(places)}", m, entry, gaz, text)
        place.rule = reason
        how[place.id] = f"{fold_key}: {reason}"
        places.append(place)
    _second_look(mentions, places, text, clues_all, gaz, how)
    return places


def _named_states(mentions: list[Mention]) -> tuple[dict[str, Entry], set[str]]:
    """In one pass over the mentions: the states or provinces the article names with two words or more
    ("South Carolina"), by name; and the countries two of whose states it names by names no country bears."""
    full: dict[str, Entry] = {}
    names: dict[str, set[str]] = {}
    for m in mentions:
        if not m.entries or m.entries[0][KIND] != "admin1":
            continue
        if " " in m.name.strip():
            full[_bare(m.name)] = m.entries[0]
        if not any(e[KIND] == "country" for e in m.entries):
            names.setdefault(m.entries[0][COUNTRY], set()).add(m.name.casefold())
    return full, {country for country, named in names.items() if len(named) >= 2}


def _states_by_their_last_words(m: Mention, states: dict[str, Entry], countries: set[str]) -> list[Entry]:
    """The states the article names in full (of its countries) whose names end with the mention's name, when
    the name is no country, region or sizeable place of the article's countries: "Carolina" after "South
    Carolina" is that state, not Carolina in Puerto Rico; "Mexico" after "New Mexico" is no state."""
    for e in m.entries:
        town = e[KIND] in ("city", "village")
        if e[KIND] in ("country", "region") or (
            e[COUNTRY] in countries and (not town or e[POP] >= MIN_POPULATION)
        ):
            return []
    name = _bare(POSSESSIVE.sub("", m.name))
    found = {e[ID]: e for full, e in states.items() if full.endswith(" " + name) and e[COUNTRY] in countries}
    return list(found.values())


LIST_GAP = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def _states_listed_with(mentions: list[Mention], i: int, text: str) -> set[str]:
    """The country of the states or provinces a name is listed with ("Alabama, Arkansas, Georgia and
    Tennessee"), when the name may be one of them: in such a list Georgia is the state."""
    m = mentions[i]
    if not any(e[KIND] == "admin1" for e in m.entries):
        return set()
    out: set[str] = set()
    for j in (i - 1, i + 1):
        if not 0 <= j < len(mentions):
            continue
        other = mentions[j]
        gap = text[other.end : m.start] if j < i else text[m.end : other.start]
        if not LIST_GAP.fullmatch(gap):
            continue
        kinds = {e[KIND] for e in other.entries}
        countries = {e[COUNTRY] for e in other.entries if e[KIND] == "admin1"}
        if "country" not in kinds and len(countries) == 1:
            out |= countries  # "Tennessee": a state, and of one country only
    return out & {e[COUNTRY] for e in m.entries if e[KIND] == "admin1"}


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
        why = "near the article's other towns" if near else "in a state the article names"
        new.rule = f"{why}, then {reason}"
        how[place.id] = f"{m.name.casefold()}: {new.rule}"
        places[i] = new


def _place(pid: str, m: Mention, e: Entry | None, gaz: gazetteer.Gazetteer, article_text: str) -> Place:
    text = article_text[m.start : m.end]
    if e is None:
        return Place(id=pid, text=text, span=[m.start, m.end], use=m.use)
    c = Candidate.of(e, gaz)
    gid = c.id if isinstance(c.id, int) else None
    return Place(pid, text, [m.start, m.end], c.name, c.kind, c.country, c.admin1, c.lat, c.lon, gid, m.use)


def find_mentions(
    doc: Doc,
    actor_spans: list[tuple[int, int]],
    gaz: gazetteer.Gazetteer,
    datelines: bool = True,
    countries: frozenset[str] | set[str] = frozenset(),
) -> list[Mention]:
    """Candidate place names, in text order: the model's GPE/LOC/FAC entities that are not actors at work,
    country demonyms that modify a thing ("the Greek islands"), datelines, and names the model missed or
    mislabelled that the gazetteer knows and the syntax puts in a locative phrase ("stores in Nitra")."""
    from spacy.tokens import Span as SpacySpan

    kb = load_kb()
    taken: set[int] = set()
    text = doc.text  # joined from the tokens on every access: once per article
    in_actor = bytearray(len(text) + 1)  # 1 where an actor mention covers the character
    for s, e in actor_spans:
        in_actor[s:e] = b"\x01" * (e - s)
    ents = [e for e in doc.ents if e.label_ not in NOT_NAMES]  # dates and numbers never name a place
    person_words = {t.text for e in ents if e.label_ == "PERSON" for t in e if t.text[:1].isupper()}
    out: list[Mention] = _datelines(doc, text, gaz, taken) if datelines else []
    out += _numbered_streets(doc, text, taken)
    streets: dict[str, Mention] = {}  # the names naming phrases gave streets and buildings
    for ent in ents:
        after = doc[ent.end] if ent.end < len(doc) else None
        if len(ent) > 1 and ent[-1].tag_ == "POS" and (after is None or not after.text[:1].isupper()):
            # "the Riffe Center Complex's cooling towers": the name without the possessive, with its label
            ent = SpacySpan(doc, ent.start, ent.end - 1, label=ent.label)
        start, end, name = ent.start_char, ent.end_char, ent.text
        if name.lower().startswith("the "):
            start, name = start + 4, name[4:]
        if any(i in taken for i in range(ent.start, ent.end)):
            continue
        if name.islower():
            continue  # "fine china", "a turkey": news writes a place's name with a capital
        if name.casefold() in NOT_ON_EARTH and not _admin_after(ent, text):
            taken.update(range(ent.start, ent.end))
            continue  # "a probe to Mars", "back to Earth"; not "Mars, Pennsylvania"
        kinds = {e.kind for e in kb.entries(name)}
        if kinds == {"person"} and not _plain_locative(ent):
            taken.update(range(ent.start, ent.end))
            continue  # a person the knowledge base knows: "when it came to Rubio", not Rubio, Venezuela
        renamed = _renamed([ent], taken, gaz)  # "the avenue was later called Jackson": a street
        if not renamed and name in streets and not is_agent(ent) and _naming_verb(ent.root) is None:
            # named again ("north of Jackson"); not as the name given to another ("the boy was named ...")
            renamed = [Mention(ent, start, end, name, streets[name].entries, "facility")]
            taken.update(range(ent.start, ent.end))
        if renamed:
            out += renamed
            streets[name] = renamed[0]
            continue
        if (kinds and kinds <= {"demonym"}) or (ent.label_ == "NORP" and name in usage().region_adjectives):
            mention = _demonym(ent, name, kb, gaz, actor_spans)
            if mention is not None:
                out.append(mention)
                taken.update(range(mention.span.start, mention.span.end))
            continue
        label = ent.label_
        if label == "ORG" and (_world_region(name, gaz, kb) or _big_place_as_object(ent, kinds, gaz)):
            label = "LOC"  # "Africa", "The News & Observer of Raleigh": the model's mistake
        if label in ("ORG", "EVENT"):
            mention = _embedded(doc, ent, start, name, gaz)
            if mention is None and not kinds and _unit_after(ent, text):
                # The small model tags many a bare place name ORG: "Kirkbrae Forest, Fife" is a place in Fife.
                mention = Mention(ent, start, end, name, _lookup(gaz, doc, name, ent.end), "name")
            # A venue ("the CHU in Nantes"), or a name before a building word ("the Paramount cinema")
            venue = not (len(ent) > 2 and ent[1].tag_ == "POS") and _venue(ent, text, gaz, kb)
            venue = venue or (not kinds and _named_before_its_kind(ent, gaz, known=True))
            venue = venue or (
                _named_as_a_place(ent) and bool(_tail_town(name, gaz)[1])
            )  # "at the Embassy Oslo"
            if mention is None and (venue or _organisation_as_a_place(ent, text)):
                known = [e for e in _entries(gaz, name) if e[KIND] == "facility"]  # a landmark of the data
                mention = Mention(ent, start, end, name, known, "facility")
            if mention is None:
                mention = _named_for_a_place(doc, ent, gaz)  # "the Kidney Foundation of Canada"
            if mention is not None:
                out.append(mention)
                taken.update(range(mention.span.start, mention.span.end))
            continue
        if label == "LAW":
            mention = _named_for_a_place(doc, ent, gaz)  # "the Investment Plan for Europe"
            if mention is not None:
                out.append(mention)
                taken.update(range(mention.span.start, mention.span.end))
            continue
        if label == "PERSON" and _where_after(ent) and not kinds:
            # "at Kirkbrae Park, where ...": a place, though the model took it for a person
            out.append(Mention(ent, start, end, name, _lookup(gaz, doc, name, ent.end), "name"))
            taken.update(range(ent.start, ent.end))
            continue
        if label not in LABELS:
            continue
        longer = _longer_name(doc, ent, start, text, gaz)
        if longer is not None:  # the model stopped short: "Boa" + "Vista", "St. Peter's" + "Basilica"
            ent = longer
            end, name = ent.end_char, text[start : ent.end_char]
        parts = _comma_parts(doc, gaz, start, name) if ", " in name else []
        if len(parts) == 1 and parts[0].use == "facility":
            out += parts  # "the Galway Cathedral, Cardinal Kelly said": the building, not who spoke in it
            taken.update(range(parts[0].span.start, parts[0].span.end))
            continue
        is_actor = 1 in in_actor[start:end]
        # An actor at work: an actor the actors stage found, or any GPE or FAC ("Villanova won"), as the
        # subject of a verb of doing; not before "-based" ("The Dayton, Ohio-based firm").
        tagged = is_actor or ent.label_ in ("GPE", "FAC")
        at_work = tagged and not BASED_AFTER.match(text, end) and is_agent(ent)
        if at_work and _world_region(name, gaz, kb):
            at_work = _region_at_work(ent)  # "Asia's longest-serving leader", "Europe added 24 GW": places
        named_actor = _names_an_actor(ent) and not _town_of_its_police(ent, gaz)
        if at_work or named_actor or _a_persons_name(ent, person_words, gaz):
            taken.update(range(ent.start, ent.end))  # an actor at work: neither a place nor a candidate
            continue
        if parts:
            out += parts  # "Donington Park, Leicestershire" tagged as one name: a place and its county
            taken.update(range(ent.start, ent.end))
            continue
        entries = _with_article(doc, ent.start, name, gaz) or _no_town_after_the(
            ent, _lookup(gaz, doc, name, ent.end)
        )
        facility = _facility_name(ent)
        if facility and not any(_big_own(e, name) for e in entries):
            entries = []  # "Washington Square" is a square, not a hamlet of the same name elsewhere
        use = "facility" if (facility or _venue(ent, text, gaz, kb)) and not entries else "name"
        out.append(Mention(ent, start, end, name, entries, use))
        taken.update(range(ent.start, ent.end))
    out += _untagged_demonyms(doc, kb, gaz, actor_spans, taken)
    out += _roads(doc, text, taken)
    names = list(_proper_names(doc, taken))  # once: facilities take some, untagged names look at the rest
    out += _renamed(names, taken, gaz)
    out += _facilities(names, taken, text, gaz, kb)
    starts = {sent.start for sent in doc.sents}  # once: untagged and repeated names both need them
    untaken = [n for n in names if n.start not in taken]
    out += _untagged(doc, text, gaz, kb, untaken, out, set(countries), starts)
    out += _repeated(names, out, starts)
    out.sort(key=lambda m: m.start)
    return [m for m in _joined(doc, text, out, gaz) if _worth_keeping(m, text)]


def _worth_keeping(m: Mention, text: str) -> bool:
    """A name the model tagged as a place that no gazetteer knows is kept, unplaced or placed by its
    surroundings, only where places stand ("in Zinkwazi", "Kirkbrae Forest, Fife", "the Mandela Canal"). The
    rest are the model's mistakes ("Formaldehyde", "AI", "T*SOL", "Haydn"): no place at all. Nor is an
    acronym no gazetteer knows, taken for a building or not."""
    if m.entries or m.use not in ("name", "facility"):
        return True
    if ACRONYM.fullmatch(m.name):
        # "leave RPA", "in RPA platforms": an acronym no gazetteer knows names a thing, a body or a technique,
        # unless a place follows it ("the CHU in Nantes")
        return _unit_after(m.span, text) or (
            m.use == "facility" and PLACE_AFTER.match(text, m.end) is not None
        )
    return m.use == "facility" or _named_as_a_place(m.span) or _unit_after(m.span, text)


ACRONYM = re.compile(r"[A-Z]{2,5}s?")
PLACE_AFTER = re.compile(r",?\s+(?:in|at|near)\s+(?:the\s+)?[A-Z]")


def _joined(doc: Doc, text: str, mentions: list[Mention], gaz: gazetteer.Gazetteer) -> list[Mention]:
    """Two names side by side that are one place the model split: "Baja" + "California" is Baja California."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and text[prev.end : m.start] == " " and prev.use != "dateline":
            name = f"{prev.name} {m.name}"
            entries = [e for e in _entries(gaz, name) if _big_own(e, name)]
            if entries:
                span = doc[prev.span.start : m.span.end]
                out[-1] = Mention(span, prev.start, m.end, name, entries, "name")
                continue
        out.append(m)
    return out


ROAD_NUMBER = re.compile(
    r"\b(?:[AM]\d{1,4}(?:\(M\))?|B\d{4}|N\d{1,2}|I-\d{1,3}|Interstate \d{1,3}"
    r"|(?:U\.S\. |US |State )?(?:Route|Highway) \d{1,4})\b"
)


# Streets numbered in words or figures: "Fifth street", "14th St. South", "Sixth Avenue".
ORDINAL_STREET = re.compile(
    r"\b(?:\d{1,3}(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh"
    r"|Twelfth)\s+(?:[Ss]treet|[Aa]venue|St\.|Ave\.)(?:\s+(?:North|South|East|West|NW|NE|SW|SE)\b)?"
)


def _numbered_streets(doc: Doc, text: str, taken: set[int]) -> list[Mention]:
    """Streets numbered in words or figures ("Fifth street", "410 14th St. South"), before the model's
    entities, which often hold only part of them."""
    out = []
    for match in ORDINAL_STREET.finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and not any(t.i in taken for t in span):
            out.append(Mention(span, match.start(), match.end(), match.group(), [], "facility"))
            taken.update(range(span.start, span.end))
    return out


def _roads(doc: Doc, text: str, taken: set[int]) -> list[Mention]:
    """Road numbers ("the A417", "I-95", "Route 66") in a sentence about roads: streets, placed like them."""
    out = []
    words = usage().road_words
    for match in ROAD_NUMBER.finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or any(t.i in taken for t in span):
            continue
        if not any(t.lower_ in words for t in span.sent):
            continue  # "an N95 mask", "the M1 chip"
        out.append(Mention(span, match.start(), match.end(), match.group(), [], "facility"))
        taken.update(range(span.start, span.end))
    return out


def _repeated(names: list[Span], found: list[Mention], starts: set[int]) -> list[Mention]:
    """Other mentions of a name already found as a place in the article ("Toronto" again, where the model
    did not tag it), unless they are an actor at work or part of a longer name."""
    known = {
        m.name: m
        for m in found
        if m.use in ("name", "untagged", "dateline") and any(_big_own(e, m.name) for e in m.entries)
    }
    # A street or building named again: "Drayton" after "the avenue was renamed Drayton".
    # Not a body named as where ("in Congress"), which acts elsewhere ("told Congress").
    facilities = {
        m.name: m
        for m in found
        if m.use == "facility"
        and m.name not in known
        and m.span[-1].lower_ not in SEATS
        and not load_kb().entries(m.name)
    }
    if not known and not facilities:
        return []
    at = {t.i for m in found for t in m.span}
    people = {e.text for e in names[0].doc.ents if e.label_ == "PERSON" and len(e) > 1} if names else set()
    out = []
    for span in names:
        first = known.get(span.text) or facilities.get(span.text)
        if first is None or any(t.i in at for t in span) or _part_of_longer_name(span, starts):
            continue
        if first.use == "facility":
            # The model tags many a street named after someone as a person; not when it is part of a name
            # the model gives a person ("Benjamin Drayton"), nor the name given to another ("the boy was
            # named Jackson").
            if any(span.text in p and span.text != p for p in people) or _naming_verb(span.root) is not None:
                continue
        else:
            # The model took it for a person or team ("Haydn", "Liverpool won the game"), or it is a person's
            # surname ("Rubio lags behind", after "Marco Rubio"): unless it is a country, region or state
            # found as a place ("the Sicily hotspot").
            other_tag = any(t.ent_type_ not in ("", "GPE", "LOC", "FAC") for t in span)
            surname = any(span.text in p.split() for p in people)
            if (other_tag or surname) and not _area_taken_for_a_person(span, first, people):
                continue
        if any(c.dep_ == "det" for c in span.root.children) and first.use != "facility":
            continue  # "the Centre" (India's government), not a region of that name
        if is_agent(span) or _names_an_actor(span):
            continue  # "Karnataka wants ...", "Oregon's Guard"
        use = "facility" if first.use == "facility" else "repeated"
        out.append(Mention(span, span.start_char, span.end_char, span.text, first.entries, use))
        at.update(t.i for t in span)
    return out


def _area_taken_for_a_person(span: Span, first: Mention, people: set[str]) -> bool:
    """A country, region or state found as a place elsewhere in the article, that the model tags a person
    here ("the Sicily hotspot"), and that names no person of the article ("Chad Smith")."""
    if any(t.ent_type_ not in ("", "PERSON", "GPE", "LOC", "FAC") for t in span):
        return False
    if not any(e[KIND] in ("country", "region", "admin1") for e in first.entries):
        return False
    return not any(span.text in p.split() for p in people)


def _no_town_after_the(span: Span, entries: list[Entry]) -> list[Entry]:
    """After "the", a name is a country, region or unit, not a town of that name: "the West" is no village
    in Texas, "the Republic" no town in Missouri (towns named with their article, "The Hague", stay)."""
    doc = span.doc
    the = span[0].lower_ == "the" or (span.start > 0 and doc[span.start - 1].lower_ == "the")
    if not the or not entries:
        return entries
    tok = span[-1]
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    # "the" may be the larger phrase's: "the Birmingham festival", "the Abu Dhabi-based agency", "the
    # Pittsburgh, Pennsylvania-based company".
    if tok.dep_ in ("compound", "amod", "nmod", "npadvmod", "poss"):
        return entries
    state = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
    if after is not None and (
        after.text == "-" or (after.text == "," and state is not None and state.pos_ == "PROPN")
    ):
        return entries
    return [e for e in entries if e[KIND] not in ("city", "village") or e[NAME].lower().startswith("the ")]


def _longer_name(doc: Doc, ent: Span, start: int, text: str, gaz: gazetteer.Gazetteer) -> Span | None:
    """The entity with the capitalized words right after it, when the model stopped short of a longer name:
    a building word ("St. Peter's Basilica"), or words that make a name the gazetteer knows ("Boa Vista")."""
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if nxt is None or not nxt.text[:1].isupper() or (nxt.pos_ != "PROPN" and _facility_kind(nxt) is None):
        return None
    if _facility_kind(nxt) is not None:
        return doc[ent.start : ent.end + 1]
    for n in (2, 1):
        if ent.end + n > len(doc) or not all(t.text[:1].isupper() for t in doc[ent.end : ent.end + n]):
            continue
        name = text[start : doc[ent.end + n - 1].idx + len(doc[ent.end + n - 1].text)]
        if any(_big_own(e, name) for e in _entries(gaz, name)):
            return doc[ent.start : ent.end + n]
    return None


def _with_article(doc: Doc, first: int, name: str, gaz: gazetteer.Gazetteer) -> list[Entry]:
    """Entries of a data-file region or landmark named with its article: "the Thames" is the river, while
    "Thames" alone is a town in New Zealand."""
    if not name.lower().startswith("the ") and (first == 0 or doc[first - 1].lower_ != "the"):
        return []
    full = name if name.lower().startswith("the ") else f"the {name}"
    return [e for e in gaz.get(full) if e[KIND] in ("region", "facility")]


def _embedded(doc: Doc, ent: Span, start: int, name: str, gaz: gazetteer.Gazetteer) -> Mention | None:
    """The town, state or region a local body's name begins with ("the Winnipeg Fire Paramedic Service",
    "the Karnataka Assembly", "Dubai Police"): an `embedded` place. Countries are left out: "the British
    Embassy" and "the Russian Foreign Ministry" are the country's, not places in it."""
    words = name.split()
    bodies = [i for i, w in enumerate(words) if i > 0 and w.lower() in usage().local_bodies]
    if not bodies:
        return None  # "the Montana Department of Corrections" counts, "Manchester United" does not
    for n in range(min(bodies[0], 3), 0, -1):
        prefix = " ".join(words[:n])
        if n == 1 and (prefix.lower() in COMPASS or prefix.lower() in INSTITUTION_WORDS):
            continue  # "the Federal Election Commission" is no body of Federal, Argentina
        entries = [e for e in _entries(gaz, prefix) if _big_own(e, prefix) and e[KIND] != "country"]
        if entries:
            span = doc.char_span(start, start + len(prefix), alignment_mode="expand")
            if span is None:
                return None
            return Mention(span, start, start + len(prefix), prefix, entries, "embedded")
    return None


NAMED_FOR = re.compile(r"\s(?:of|for)\s(?:the\s)?([A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2})$")


def _named_for_a_place(doc: Doc, ent: Span, gaz: gazetteer.Gazetteer) -> Mention | None:
    """The country, region, state or city an organisation's or a law's name ends with, after "of" or "for"
    ("the University of Alberta", "the Investment Plan for Europe"): an `embedded` place."""
    match = NAMED_FOR.search(ent.text)
    if match is None:
        return None
    name = match.group(1)
    kinds = ("country", "region", "admin1")
    # Cities of 100,000 or more only: "the Inspector General of Police" is not Police, Poland
    entries = [
        e for e in _entries(gaz, name) if e[KIND] in kinds or (e[KIND] == "city" and e[POP] >= 100_000)
    ]
    if not entries:
        return None
    start = ent.start_char + match.start(1)
    span = doc.char_span(start, ent.end_char, alignment_mode="expand")
    return None if span is None else Mention(span, start, ent.end_char, name, entries, "embedded")


# Words that begin the names of institutions and also name a town somewhere ("Federal", Argentina).
INSTITUTION_WORDS = frozenset(
    {"federal", "national", "state", "central", "regional", "general", "royal", "supreme", "international",
     "united", "public", "civil", "independent", "metropolitan", "municipal", "provincial", "republican",
     "democratic", "liberal", "conservative", "social", "popular", "union"}
)  # fmt: skip


def _comma_parts(doc: Doc, gaz: gazetteer.Gazetteer, start: int, name: str) -> list[Mention]:
    """A name the model tagged together with the admin unit after its comma ("Oulton Park, Cheshire", "Paris,
    Texas"): one mention each, when the gazetteer knows the last part as a country, state or region."""
    pieces = name.split(", ")
    last = pieces[-1]
    if not any(e[KIND] in ("country", "admin1", "admin2", "region") for e in _entries(gaz, last)):
        # A building and whatever the model ran on into ("the Galway Cathedral, Bishop Byrne said"): the
        # building alone.
        span = doc.char_span(start, start + len(pieces[0]), alignment_mode="expand")
        if span is None or len(span) < 2 or _facility_kind(span[-1]) != "building":
            return []
        return [
            Mention(
                span,
                start,
                start + len(pieces[0]),
                pieces[0],
                _lookup(gaz, doc, pieces[0], span.end),
                "facility",
            )
        ]
    out, at = [], start
    for piece in pieces:
        span = doc.char_span(at, at + len(piece), alignment_mode="expand")
        if span is None or not piece.strip():
            return []
        entries = _lookup(gaz, doc, piece, span.end)
        use = "facility" if not entries and _facility_kind(span[-1]) is not None else "name"
        if entries or use == "facility" or piece is last:
            out.append(Mention(span, at, at + len(piece), piece, entries, use))
        at += len(piece) + 2
    return out


def _lookup(gaz: gazetteer.Gazetteer, doc, name: str, after: int) -> list[Entry]:
    """Entries for a name; "Donetsk region" first as a whole, then the bare name."""
    nxt = doc[after] if after < len(doc) else None
    entries: list[Entry] = []
    if nxt is not None and nxt.lower_ in ADMIN_WORDS:
        entries = _entries(gaz, f"{name} {nxt.text}")
    entries = entries or _entries(gaz, name)
    county = re.match(r"(?:County|Co\.?)\s+(?=[A-Z])", name)
    if not entries and county:
        # "County Tipperary", "Co. Kerry": the admin unit of that name, never a town.
        kinds = ("admin1", "admin2", "region")
        entries = [e for e in _entries(gaz, name[county.end() :]) if e[KIND] in kinds]
    last = name.rsplit(" ", 1)[-1].lower()
    if not entries and last in TYPE_WORDS:
        # "Suffolk County" is an admin unit, never the city of Suffolk; "Sataniv village" a populated place.
        kinds = ("city", "village") if last in ("village", "town", "city") else ("admin1", "admin2", "region")
        entries = [e for e in _entries(gaz, name.rsplit(" ", 1)[0]) if e[KIND] in kinds]
        if not entries and last in SEAT_NAMED:
            entries = _seat_named(gaz, name)
    return entries


# Units commonly named after their seat ("Yasynuvata district", "Bakhmut raion"): with no entry of their own,
# placed at the seat's point, as an admin2 of that name.
SEAT_NAMED = frozenset({"district", "raion", "rayon"})


def _seat_named(gaz: gazetteer.Gazetteer, name: str) -> list[Entry]:
    seat = name.rsplit(" ", 1)[0]
    return [
        (f"seat:{e[ID]}", name, "admin2", e[COUNTRY], e[ADMIN1], e[LAT], e[LON], 0)
        for e in _entries(gaz, seat)
        if e[KIND] in ("city", "village") and not _other_name(e, _bare(seat))
    ]


def _demonym(
    span: Span, name: str, kb, gaz: gazetteer.Gazetteer, actor_spans: list[tuple[int, int]]
) -> Mention | None:
    """A country's demonym that modifies a thing, not people ("the Greek islands", "Syrian jails"): the
    country as a place. Demonyms of people or groups ("Russian troops", "Americans") are actors."""
    tok = span.root
    doc = span.doc
    if (
        span.end + 1 < len(doc)
        and doc[span.end].text == "-"
        and doc[span.end + 1].lower_ in ("language", "speaking")
    ):
        return None  # "Spanish-language television": a language, not a country
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.text[:1].isupper() and nxt.lower_ in NAMED_PARTS:
        # The first word of a name: "the Latin Quarter", "the Jewish Quarter" is a quarter of its town.
        whole = doc[span.start : span.end + 1]
        start = whole.start_char + len(span.text) - len(name)
        full = doc.text[start : whole.end_char]
        known = [e for e in _entries(gaz, full) if e[KIND] != "country"]
        if not known and nxt.lower_ not in TOWN_PARTS:
            return None  # "the French Alps" no gazetteer knows: not a building of the article's town
        return Mention(whole, start, whole.end_char, full, known, "name" if known else "facility")
    head = tok.head
    while (
        head.dep_ == "amod"
        and head.i > head.head.i - 3
        and {e.kind for e in kb.entries(head.text)} == {"demonym"}
    ):
        head = head.head  # "the Iraqi-Syrian border": the border is what both name
    if tok.dep_ not in ("amod", "compound", "nmod") and _noun_after(tok, nxt):
        tok, head = nxt, nxt  # the parse missed the modifier: "languish in Azerbaijani jails"
    elif tok.dep_ not in ("amod", "compound", "nmod") or head.pos_ not in ("NOUN", "PROPN"):
        return None
    if head.ent_type_ in ("PERSON", "ORG", "NORP") or head.lemma_.lower() in usage().people_nouns:
        return None
    where = _facility_kind(head) is not None or head.lemma_.lower() in PLACE_NOUNS
    if not where and any(s <= head.idx < e for s, e in actor_spans):
        return None  # the actors stage took the phrase for a group: "Russian troops" (not "Syrian jails")
    region = usage().region_adjectives.get(name)
    if region is not None:  # "the European economy": Europe
        entries = [e for e in gaz.get(region) if e[KIND] in ("region", "admin1")]
    else:
        codes = {e.key for e in kb.entries(name) if e.kind == "demonym"}
        if len(codes) != 1:
            return None
        entries = _country_entries(gaz, codes.pop())
    if not entries:
        return None
    return Mention(
        span, span.start_char + len(span.text) - len(name), span.end_char, name, entries, "demonym"
    )


def _noun_after(tok: Token, nxt: Token | None) -> bool:
    """The common noun a demonym parsed as an object modifies, right after it: a noun, or a plural the
    tagger took for a verb ("in Azerbaijani jails")."""
    if nxt is None or not nxt.is_lower or tok.dep_ not in ("pobj", "dobj"):
        return False  # "The Irish need 85 points": the demonym is the subject, a people
    return nxt.pos_ == "NOUN" or (nxt.pos_ == "VERB" and nxt.tag_ == "VBZ")


# Words that end the names of quarters and features, and make a demonym before them part of a name.
NAMED_PARTS = frozenset({"quarter", "village", "town", "riviera", "alps", "hills", "valley", "coast", "sea"})
TOWN_PARTS = frozenset({"quarter", "village", "town"})  # the others are a region's features


def _untagged_demonyms(doc: Doc, kb, gaz: gazetteer.Gazetteer, actor_spans, taken: set[int]) -> list[Mention]:
    """Demonyms the model left untagged before a thing: "along the Iraqi-Syrian border" ("Syrian")."""
    from spacy.attrs import POS
    from spacy.parts_of_speech import IDS

    out = []
    for i in numpy.flatnonzero(doc.to_array([POS]) == IDS["ADJ"]).tolist():  # the adjectives only
        tok = doc[i]
        if i in taken or tok.ent_type_ or not tok.text[:1].isupper():
            continue
        known = {e.kind for e in kb.entries(tok.text)}
        if (known and known <= {"demonym"}) or tok.text in usage().region_adjectives:
            mention = _demonym(doc[tok.i : tok.i + 1], tok.text, kb, gaz, actor_spans)
            if mention is not None:
                out.append(mention)
                taken.add(tok.i)
    return out


def _country_entries(gaz: gazetteer.Gazetteer, code: str) -> list[Entry]:
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return []
    return [e for e in gaz.get(country.name) if e[KIND] == "country" and e[COUNTRY] == code]


# A dateline: "BEIRUT (AP) —", "RALEIGH, N.C. (AP) -", "NEW DELHI:", "MANILA, Philippines –": a name in
# capitals at the start of a line or after a sentence (captures often run paragraphs together), an optional
# state or country, then an agency in brackets, a dash or a colon. At the start of a line the name may be in
# title case: "Muscat: ...", "Beijing (AsiaNews) ...".
_DAY = r"(?:,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})?"  # "Dec. 11" (UPI)
_DATELINE_TAIL = (
    r"(?:,\s*([A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2}))?"
    + _DAY
    + r"\s*(?:\([A-Za-z][\w .]{0,24}\)|[—–:]|--?\s|--\()"
)
DATELINES = (
    re.compile(r"(?:^|\n|[.!?\"”]\s+|\s{2,})([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})" + _DATELINE_TAIL),
    re.compile(r"(?:^|\n)\s*([A-Z][a-z]+(?: [A-Z][a-z]+){0,2})" + _DATELINE_TAIL),
    re.compile(
        r"\b([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})(?:,\s*([A-Z][A-Za-z.]+))?\s*\((?:AP|Reuters|AFP|UPI)\)"
    ),
)


# A town in capitals opening the text with no mark after it ("DENVER Mayor Ann Lee said ..."): a
# dateline only when it names a city of MIN_POPULATION or more.
BARE_DATELINE = re.compile(r"^\s*([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})() (?=[A-Z][a-z])")  # no state
# A byline with the reporter's town opening the text ("By Ada Obi, Kano.", "Ada Obi,Kano"): the same.
BYLINE_TOWN = re.compile(
    r"^\s*(?:By:?\s+)?[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2}\s*,\s*([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)()\s*(?:\.|\n|$)"
)


# A press release's dateline: one or more towns, then the date ("LEEDS & YORK, May 2, 2019 --",
# "Leeds and York, 4 May 2018 /PRNewswire/ --").
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[A-Za-z]*\.?"
_TOWN = r"[A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+){0,3}"
DATED_DATELINE = re.compile(
    rf"(?:^|\n)\s*({_TOWN}(?:\s*(?:&|and|AND|/)\s*{_TOWN})*)\s*,+\s*"
    rf"(?:(?i:{_MONTH})\s+\d{{1,2}}|\d{{1,2}}\s+(?i:{_MONTH})),?\s+\d{{4}}\s*(?:--?|[—–:/])"
)
TOWN_JOINS = re.compile(r"\s*(?:&|\band\b|\bAND\b|/)\s*")


def _dated_datelines(doc: Doc, text: str, gaz: gazetteer.Gazetteer, taken: set[int]) -> list[Mention]:
    """The towns of a press release's dateline, each a town of MIN_POPULATION, a state or a country."""
    out = []
    for match in DATED_DATELINE.finditer(text):
        start = match.start(1)
        for part in TOWN_JOINS.split(match.group(1)):
            begin = text.index(part, start)
            start = begin + len(part)
            span = doc.char_span(begin, start, alignment_mode="expand")
            if span is None or any(t.i in taken for t in span):
                continue
            name = part.title() if part.isupper() else part
            entries = [e for e in _entries(gaz, name) if e[KIND] != "village" and _big_enough(e)]
            if entries:
                out.append(Mention(span, begin, start, name, entries, "dateline"))
                taken.update(range(span.start, span.end))
    return out


def _datelines(doc: Doc, text: str, gaz: gazetteer.Gazetteer, taken: set[int]) -> list[Mention]:
    out = _dated_datelines(doc, text, gaz, taken)
    bare = BARE_DATELINE.match(text) or BYLINE_TOWN.match(text)
    for match in [*(m for pattern in DATELINES for m in pattern.finditer(text)), *([bare] if bare else [])]:
        start, end = match.span(1)
        name = match.group(1).title()
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or any(t.i in taken for t in span) or len(name.replace(".", "")) < 3:
            continue
        named = _entries(gaz, name)
        entries = [e for e in named if e[KIND] != "village"]
        if match.re is DATELINES[1]:
            # In title case, a headline's speaker looks like a dateline ("Poll: ...", "Brooks: ..."): a
            # dateline only when a town of MIN_POPULATION, a state or a country bears the name.
            entries = [e for e in entries if _big_enough(e)]
        if match is bare:  # a city, and not the first word of a name ("WASHINGTON Post reporters")
            nxt = doc[span.end].text if span.end < len(doc) else ""
            longer = bool(load_kb().entries(f"{name} {nxt}")) or bool(load_kb().entries(f"The {name} {nxt}"))
            entries = [e for e in entries if e[KIND] == "city" and e[POP] >= MIN_POPULATION and not longer]
        scope = _dateline_scope(doc, gaz, match, taken) if named else None
        if scope is not None:
            # In the state or country the dateline names, a village of the name will do: "GREENVILLE, Calif."
            keys = {(e[COUNTRY], e[ADMIN1] if e[KIND] != "country" else None) for e in scope.entries}
            entries = [
                e for e in named if (e[COUNTRY], e[ADMIN1]) in keys or (e[COUNTRY], None) in keys
            ] or entries
        if entries:
            out.append(Mention(span, start, end, name, entries, "dateline"))
            taken.update(range(span.start, span.end))
            if scope is not None:
                out.append(scope)
                taken.update(range(scope.span.start, scope.span.end))
    return out


def _dateline_scope(doc: Doc, gaz: gazetteer.Gazetteer, match: re.Match, taken: set[int]) -> Mention | None:
    """The state or country of a dateline ("N.C." in "RALEIGH, N.C. (AP)", "Philippines" in "MANILA,
    Philippines –"), a place of its own when the gazetteer knows it as a state, region or country."""
    if not match.group(2):
        return None
    start, end = match.span(2)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or any(t.i in taken for t in span):
        return None
    areas = ("country", "admin1", "admin2", "region")
    entries = [e for e in _entries(gaz, match.group(2)) if e[KIND] in areas]
    if not entries:
        return None
    return Mention(span, start, start + len(match.group(2)), match.group(2), entries, "dateline")


# Nouns after which "of X" names a place: "the city of Suwon", "the state of Roraima".
PLACE_NOUNS = frozenset(
    {
        "city",
        "town",
        "village",
        "capital",
        "suburb",
        "state",
        "province",
        "region",
        "county",
        "district",
        "island",
        "port",
        "municipality",
        "neighbourhood",
        "neighborhood",
        "area",
        "outskirts",
        "centre",
        "center",
        "border",
        "borders",
        "frontier",
        "territory",
        "territories",
        "enclave",
        "soil",
        "waters",
        "airspace",
        "coast",
        "coastline",
        "countryside",
        "mainland",
        "heartland",
    }
)
UNTAGGED_PREPS = LOCATIVE_PREPS | {
    "from",
    "to",
    "across",
    "throughout",
    "around",
    "between",
    "up",
    "down",
    "on",
}


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
    Dewsbury", "the cities of Suwon and Incheon"), before an admin unit ("Boise, Idaho") or coordinated
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
        compound = _hyphen_compound(name_span)
        if compound.start < name_span.start or compound.end > name_span.end:
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
            # "the suburb of Zahraa", "Kirkbrae Forest, Fife": a place no gazetteer knows, placed as such
            out.append(Mention(name_span, name_span.start_char, name_span.end_char, name, [], "untagged"))
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
        out.append(Mention(name_span, name_span.start_char, name_span.end_char, name, entries, "untagged"))
        placed.update(t.i for t in name_span)
    return out


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


def _facility_kind(last: Token) -> str | None:
    word = last.lower_
    if word in usage().street_words:
        return "street"
    return "building" if word in usage().building_words else None


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


def _facilities(names: list[Span], taken: set[int], text: str, gaz: gazetteer.Gazetteer, kb) -> list[Mention]:
    """Names of streets and buildings the model did not tag as places ("Royal Street", "Manila Cathedral"):
    capitalized words ending in a street or building word, outside the tokens already taken; and a venue
    named as where something is, with its town after it ("a gig at Bar Bola in Accra")."""
    out = []
    for span in names:
        if any(t.i in taken for t in span):
            continue  # a name a naming phrase gave a street
        if not _a_street(span) and is_agent(span):
            continue  # "The White House announced", "a Grave Crimes Court convicted him" (a street only runs)
        if (
            _named_before_its_kind(span, gaz)
            or (len(span) >= 2 and _facility_name(span))
            or STREETS_AFTER.match(text, span.end_char)
            or _venue(span, text, gaz, kb)
        ):
            known = [e for e in _entries(gaz, span.text) if e[KIND] == "facility"]  # a landmark of the data
            out.append(Mention(span, span.start_char, span.end_char, span.text, known, "facility"))
            taken.update(range(span.start, span.end))
        elif _unknown_feature(span, gaz, kb):
            # "the Kilcolman Plantation", "the Kilcolman Canal": a feature no gazetteer knows, placed as such
            out.append(Mention(span, span.start_char, span.end_char, span.text, [], "name"))
            taken.update(range(span.start, span.end))
    return out


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


# "down Bourbon and Dauphine streets", "at Main and Elm Streets": names before a plural street word.
STREETS_AFTER = re.compile(
    r"(?:\s+(?:and|&)\s+[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)?)?\s+(?i:streets|avenues|roads|boulevards)\b"
)


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
        shared = _shared_building(places, mentions, i, text)  # "St Mary's and St Fintan's Church in Kells"
        if shared is not None and place.lat is not None and SAINT_NAME.match(m.name):
            # a church's saint, not the gazetteer's village of the name
            place.name = place.kind = place.country = place.admin1 = place.lat = place.lon = None
            place.geonames_id = None
        unknown = unknown or (shared is not None and m.use != "facility")
        if (m.use != "facility" and not unknown) or place.lat is not None:
            continue
        where, why = (shared, "one building with the name after it") if shared is not None else (None, "")
        named_after_a_town = unknown and m.span[-1].lower_ in usage().feature_words  # "the Galway Canal"
        if _facility_kind(m.span[-1]) == "building" or named_after_a_town:
            where, why = _town_in_name(m, text, gaz, clues, towns), "the place its name begins with"
        elif (at_end := _town_at_end(m, text, gaz, clues)) is not None:
            where, why = at_end, "the city its name ends with"  # "the British Embassy Tokyo"
        if where is None and i + 1 < len(places) and places[i + 1].lat is not None:
            gap = text[m.end : mentions[i + 1].start]
            kind = re.match(r"\s+([a-z]+)\b", gap)  # "the Paramount cinema in Halifax"
            if kind and _kind_word(kind.group(1)):
                gap = gap[kind.end() :]
            if re.fullmatch(r",\s*(?:near\s+)?|\s+(?:in|at|on|near|,)\s+(?:the\s+)?", gap):
                where, why = places[i + 1], "the place named after it"
        if where is None and i > 0 and places[i - 1].lat is not None:
            gap = text[mentions[i - 1].end : m.start]
            if re.fullmatch(r"\s*['’]s?\s+", gap):
                where, why = places[i - 1], "the place it belongs to"  # "Harare's Third Street"
        own = _country_named_first(m.name) if m.span[-1].lower_ in SEATS else None
        if where is None and own is not None:  # "the Russian Foreign Ministry"
            where, why = _capital(own, gaz, clues), "the capital of the country it belongs to"
        elif where is None and home is not None and (_national(m.name) or m.span[-1].lower_ in SEATS):
            where, why = _capital(home.country, gaz, clues), "the capital of the country the article is about"
        elif where is None and home is not None and not _an_affiliation(m.name):
            where, why = home, "the town the article is about"
        if where is None and not _an_affiliation(m.name):
            # A building or street is in the last town named before it, in the paragraph or, in a local
            # report, paragraphs before ("a show comes to Clacton ... at the Princes Theatre"); a name no
            # gazetteer knows, or a country's own body ("the Senate"), only near a town.
            national = _national(m.name) or m.span[-1].lower_ in SEATS
            near = FACILITY_NEAR_CHARS if m.use == "facility" and not national else NEAR_CHARS
            where, why = _town_before(places, i, m.start, near), "the town named just before it"
        if where is None:
            if unknown and not _an_affiliation(m.name):
                pending.append(i)
            continue
        main = _main_country(places) if unknown and why.startswith("the town") else None
        if main is not None and where.country != main:
            # A name no gazetteer knows, in an article mostly about another country than its town's (a
            # village at the front in a report datelined WASHINGTON): no guess.
            continue
        place.country, place.admin1, place.lat, place.lon = where.country, where.admin1, where.lat, where.lon
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
        before = _local_name_before(places, mentions, i)
        if place.lat is None and before is not None:
            place.country, place.admin1, place.lat, place.lon = (
                before.country,
                before.admin1,
                before.lat,
                before.lon,
            )
            place.rule = f"not in the gazetteer; the local name just before it: {before.text}"
            how[place.id] = f"{m.name.casefold()}: {place.rule}"


SHARED_BUILDING = re.compile(r"(?:['’]s)?\s+(?:and|&)\s+")
IN_IT = re.compile(r"\s+(?:in|at)\s+(?:the\s+)?")


def _shared_building(places: list[Place], mentions: list[Mention], i: int, text: str) -> Place | None:
    """The town of the building place i shares with the name after it: "St Mary's and St Fintan's Church in
    Kells" (one church of two saints), not the gazetteer's St Mary."""
    if i + 2 >= len(places) or places[i + 2].lat is None or places[i + 2].kind not in LOCAL_KINDS:
        return None
    building, town = mentions[i + 1], mentions[i + 2]
    if _facility_kind(building.span[-1]) != "building" or not SHARED_BUILDING.fullmatch(
        text, mentions[i].end, building.start
    ):
        return None
    return places[i + 2] if IN_IT.fullmatch(text, building.end, town.start) else None


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
        place.rule = f"not in the gazetteer; where the article places {other.text}"
        how[place.id] = f"{m.name.casefold()}: {place.rule}"


def _main_country(places: list[Place]) -> str | None:
    """The country most of the article's placed names are in (None on a tie)."""
    counts = Counter(p.country for p in places if p.country and p.lat is not None)
    top = counts.most_common(2)
    return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None


NEAR_CHARS = 300  # a local name and the town named before it: within a paragraph or two sentences
OTHER_HOME_TIMES = (
    5  # a town named this often, and twice as often as the dateline's, is what a report is about
)
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


def _person_words(doc: Doc) -> frozenset[str]:
    """The words of the doc's PERSON entities, worked out once per doc (asked for every candidate name)."""
    key = "eventwire.places.person_words"
    if key not in doc.user_data:
        doc.user_data[key] = frozenset(t.text for e in doc.ents if e.label_ == "PERSON" for t in e)
    return doc.user_data[key]


def _named_as_a_place(span: Span) -> bool:
    """A name that stands where places stand: after a locative preposition ("in Ballinree", "at the National
    Concert Hall") or a place noun ("the village of Kilbarron"), or ending in a feature word ("Ballinree
    Canal"). The model's own FAC or LOC label is not enough: it gives it to people too; nor are acronyms,
    codes and lowercase words ("in OT", "competed in GT3", "informants in a mosque")."""
    text = span.text[4:] if span.text.lower().startswith("the ") else span.text
    if not text[:1].isupper() or any(c.isdigit() for c in text) or (text.isupper() and len(text) < 5):
        return False
    words = usage()
    if span[-1].lower_ in words.feature_words | words.street_words | words.building_words:
        return True  # "the Mandela Canal", though named after a person
    if load_kb().entries(text):
        return False  # an actor the knowledge base knows: "a story in Politico"
    if _where_after(span):
        return True  # "at Kirkbrae Park, where the champion ...", whatever the model tagged it
    people = _person_words(span.doc)
    if any(t.text in people for t in span if t.text[:1].isupper()):
        return False  # a person the model tags elsewhere: "a jab at Marco Rubio"
    tok, doc = span.root, span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ == "the" and span.start > 1:
        before = doc[span.start - 2]
    after_preposition = before is not None and before.i == tok.head.i and tok.dep_ == "pobj"
    if after_preposition and before.lower_ in LOCATIVE_PREPOSITIONS:
        # "to" and "from" after a verb ("moved to Ballinree") or a noun of going ("a trip to Ballinree");
        # not "a response to the Great Recession", "a letter from Kunz".
        head = before.head
        return (
            before.lower_ not in ("to", "from", "into")
            or head.pos_ in ("VERB", "AUX", "ADV")
            or (head.lemma_.lower() in JOURNEYS)
        )
    return _town_noun_of(span) or (
        span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in TYPE_WORDS
    )


# The locative prepositions that put a place itself in the sentence (not a direction or a span).
LOCATIVE_PREPOSITIONS = words().locative_prepositions - {"toward", "towards", "within", "over"}


def _capital(country: str | None, gaz: gazetteer.Gazetteer, clues: Clues) -> Place | None:
    """The capital city of a country (from the actor knowledge base), as a place."""
    kbc = load_kb().countries.get(country or "")
    if kbc is None or not kbc.capitals:
        return None
    entries = [e for e in _entries(gaz, kbc.capitals[0]) if e[COUNTRY] == country and e[KIND] == "city"]
    entry, _ = choose(entries, Clues(countries={country or ""}, name=_bare(kbc.capitals[0])))
    if entry is None:
        return None
    c = Candidate.of(entry, gaz)
    return Place("", c.name, [0, 0], c.name, c.kind, c.country, c.admin1, c.lat, c.lon)


def _an_affiliation(name: str) -> bool:
    """A university or institute is named for who speaks from it, wherever it is ("a professor at Cornell
    University"): not placed at the article's town."""
    return bool(AFFILIATIONS & set(name.lower().split()))


AFFILIATIONS = frozenset({"university", "college", "institute", "polytechnic"})


def _country_named_first(name: str) -> str | None:
    """The country a body's name begins with, by its name or demonym: "Russian" in "the Russian Foreign
    Ministry", "Kenya" in "the Kenya Parliament"."""
    kb = load_kb()
    first = name.split()[0] if name.split() else ""
    if first.lower() == "the" and len(name.split()) > 1:
        first = name.split()[1]
    codes = {e.key for e in kb.entries(first) if e.kind in ("demonym", "country")}
    return codes.pop() if len(codes) == 1 else None


def _national(name: str) -> bool:
    """A country's own institution ("the Supreme Court", "the White House"), wherever the article is."""
    words, national = name.lower().split(), usage().national_words
    return bool(words) and (words[0] in national or " ".join(words[:2]) in national)


def _town_at_end(m: Mention, text: str, gaz: gazetteer.Gazetteer, clues: Clues) -> Place | None:
    """The town a building's name ends with, after its building word: "the British Embassy Tokyo", "the
    Grand Hotel Oslo". Only a town of MIN_POPULATION or more."""
    town, entries = _tail_town(m.name, gaz)
    entry, _ = choose(entries, Clues(countries=clues.countries, name=_bare(town)))
    return None if entry is None else _place("", m, entry, gaz, text)


def _tail_town(name: str, gaz: gazetteer.Gazetteer) -> tuple[str, list[Entry]]:
    """The words after the last building word of a name, and the towns of MIN_POPULATION they name."""
    words = name.split()
    kinds = [i for i, w in enumerate(words) if w.lower() in usage().building_words]
    if not kinds or kinds[-1] == 0 or not 1 <= len(words) - kinds[-1] - 1 <= 3:
        return "", []  # "Hotel Kyiv" is named after the city, wherever it stands
    town = " ".join(words[kinds[-1] + 1 :])
    return town, [e for e in _entries(gaz, town) if e[KIND] == "city" and e[POP] >= MIN_POPULATION]


def _town_in_name(
    m: Mention, text: str, gaz: gazetteer.Gazetteer, clues: Clues, towns: list[tuple[float, float]] = ()
) -> Place | None:
    """The town or region a building's name begins with: "Manila Cathedral", "Illinois State Armory"; not a
    town under a big city's size far from every town the article names ("the Lakeside Arena" of a report
    on Chicago is not in Lakeside, Florida)."""
    words = m.name.split()
    words_of_places = usage().building_words | usage().street_words
    for n in range(len(words) - 1, 0, -1):
        prefix = " ".join(words[:n])
        if n == 1 and (prefix.lower() in COMPASS or prefix.lower() in words_of_places):
            continue  # "South Ossett Church", "Airport Courthouse": no town of that name is meant
        if words[n].lower() in usage().street_words:
            continue  # "Washington Square Park" is named after the square, not the city
        named_otherwise = any(w.lower() not in words_of_places | GENERIC_NAME_WORDS for w in words[n:-1])
        entries = [e for e in _entries(gaz, prefix) if e[KIND] != "village"]
        if named_otherwise:
            # "Sandy Hook Elementary School" is named after Sandy Hook, not Sandy (Utah); a big city begins
            # such names as itself ("the London Conservatoire School")
            entries = [e for e in entries if e[KIND] != "city" or e[POP] >= BIG_CITY]
        entry, _ = choose(entries, Clues(countries=clues.countries, name=_bare(prefix)))
        if entry is None or _other_name(entry, _bare(prefix)):
            continue  # "Crossroads" is another name of some town, not what "Crossroads Center" is named after
        far = (
            entry[KIND] == "city"
            and entry[POP] < BIG_CITY
            and bool(towns)
            and min(_km(entry[LAT], entry[LON], lat, lon) for lat, lon in towns) > FAR_FROM_TOWNS_KM
        )
        if far:
            continue
        if entry[KIND] != "city" or entry[POP] >= MIN_POPULATION:
            return _place("", m, entry, gaz, text)
    return None


FAR_FROM_TOWNS_KM = 300.0


COMPASS = words().compass_words
# Words between a town's name and a building word that keep the town the name's namesake: "the Illinois
# State Armory", "the Leeds General Infirmary", "the Springfield High School".
GENERIC_NAME_WORDS = COMPASS | frozenset(
    {"state", "city", "county", "town", "district", "regional", "national", "general", "royal", "memorial",
     "public", "community", "municipal", "metropolitan", "international", "elementary", "primary", "high",
     "middle", "junior", "senior", "secondary", "grammar", "catholic", "christian", "methodist", "baptist",
     "presbyterian", "episcopal", "lutheran", "anglican", "orthodox", "islamic", "jewish", "grand", "civic",
     "law", "medical", "business", "art", "arts", "science", "music", "technical", "federal", "crown",
     "magistrates", "magistrates'", "police", "fire", "ambulance", "children's", "women's", "university",
     "college", "institute", "academy", "new", "old", "main", "union"}
)  # fmt: skip


def _big_own(e: Entry, name: str) -> bool:
    """An admin unit, or a town of MIN_POPULATION or more, that bears the name itself."""
    return e[KIND] not in ("city", "village") or (
        e[POP] >= MIN_POPULATION and not _other_name(e, _bare(name))
    )


def _small(p: Place) -> bool:
    """A town below MIN_POPULATION (looked up again: a Place does not carry its population)."""
    entry = next((e for e in gazetteer.load().get(p.name or "") if e[ID] == p.geonames_id), None)
    return entry is None or entry[POP] < MIN_POPULATION


def _home_town(places: list[Place]) -> Place | None:
    """The town the article is about: its dateline, else the town named most often (twice at least; of two
    named as often, the one in the country the article names most), else the only town it names at all (in
    a body's name too: "the Winnipeg Fire Paramedic Service")."""
    dateline = next((p for p in places if p.use == "dateline" and p.kind == "city"), None)
    counts: dict[str, list[Place]] = {}
    for p in places:
        if p.kind == "city" and p.name and (p.use != "name" or not _small(p)):
            counts.setdefault(p.name, []).append(p)
    if dateline is not None:
        # Where the reporter files from, unless the report is about another town it names far more often
        # (a wire report filed from Washington on the race for mayor of Chicago, Chicago named twenty times).
        top = max(counts.values(), key=len)
        if len(top) >= OTHER_HOME_TIMES and len(top) > 2 * len(counts.get(dateline.name or "", [])):
            return top[0]
        return dateline
    if len(counts) == 1:
        return next(iter(counts.values()))[0]
    # The town named most often; of towns named as often, the one in the country the article names most.
    in_country = Counter(p.country for p in places if p.country and p.lat is not None)
    ranked = sorted(
        ((len(v), in_country[v[0].country], v[0]) for v in counts.values() if len(v) >= 2),
        key=lambda t: t[:2],
        reverse=True,
    )
    if not ranked or (len(ranked) > 1 and ranked[0][:2] == ranked[1][:2]):
        return None
    return ranked[0][2]


def _part_of_longer_name(span: Span, sent_starts: set[int]) -> bool:
    """ "Vista" in "Boa Vista", "University" in "University of St. Thomas": not a name of its own."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.is_alpha and before.text[:1].isupper() and before.i not in sent_starts:
        return True
    after = doc[span.end : span.end + 2]
    return len(after) == 2 and after[0].lower_ == "of" and after[1].text[:1].isupper()


def _proper_names(doc: Doc, taken: set[int]) -> Iterator[Span]:
    """Runs of capitalized proper nouns (at most four), outside the tokens already taken. Only the proper
    nouns are looked at (found in the POS array), not every token of the article."""
    from spacy.attrs import POS
    from spacy.parts_of_speech import IDS

    wanted = []
    for i in numpy.flatnonzero(doc.to_array([POS]) == IDS["PROPN"]).tolist():
        tok = doc[i]
        if i not in taken and tok.text[:1].isupper() and tok.ent_type_ not in NOT_NAMES:
            wanted.append(i)
    run: list[int] = []
    for i in [*wanted, -2]:
        if run and i == run[-1] + 1:
            run.append(i)
            continue
        if run and i == run[-1] + 2 and i not in taken:
            between = doc[i - 1]
            owner = (
                between.tag_ == "POS"
                and run[-1] == run[0]
                and not _entries(gazetteer.load(), doc[run[0]].text)
            )
            if between.lower_ in NAME_PARTICLES or owner:
                # "Palais des Nations", "Caesar's Palace" are one name; "Derry's Altnagelvin Hospital" two
                run += [i - 1, i]
                continue
        if run and len(run) <= 5:
            yield doc[run[0] : run[-1] + 1]
        run = [i]


# Lowercase words inside a proper name ("Palais des Nations", "Rio de Janeiro", "Costa del Sol").
NAME_PARTICLES = frozenset({"de", "des", "du", "la", "le", "del", "della", "di", "da", "do", "dos", "das"})


NOT_NAMES = frozenset({"DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY"})


ADDRESS_BEFORE = re.compile(r"[A-Z][\w'’.-]*,\s+$")


def _closes_an_address(span: Span, text: str) -> bool:
    """The last part of "name, unit" at the end of a phrase: "Brands Hatch Indy, Kent." """
    before = ADDRESS_BEFORE.search(text, max(0, span.start_char - 40), span.start_char)
    return before is not None and (span.end_char == len(text) or text[span.end_char] in ".,;:)\n")


def _place_like(span: Span, placed: set[int], text: str) -> bool:
    if BASED.match(text, span.end_char):
        return True  # "the Leeds-based firm", "US-based Chevron"
    tok = span.root
    if tok.dep_ in ("compound", "nmod"):
        head = tok.head
        while head.dep_ == "compound" and head.head.i > head.i:
            head = head.head
        if _facility_kind(head) is not None:
            return True  # "the Harrogate police station", "the M62 Huddersfield junction"
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        if tok.head.i in placed:
            return True
        tok = tok.head
    if tok.dep_ == "pobj":
        prep = tok.head
        if prep.lower_ in UNTAGGED_PREPS:
            return prep.head.lower_ != "according"  # "according to Davis" names a source
        if prep.lower_ == "of" and (prep.head.lemma_.lower() in PLACE_NOUNS or _residence(span)):
            return True
    if tok.dep_ == "poss" and _possessed_is_located(tok.head):
        # "Harare's Third Street"; "Samos's economy" only for a region, country or big city (a person's
        # name may be a small town's: "Tyler's lawyer", "Young's 32 points").
        if _facility_kind(tok.head) is not None or tok.head.lemma_.lower() in PLACE_NOUNS:
            return True
        entries = _entries(gazetteer.load(), span.text)
        return any(e[KIND] in ("country", "region") or e[POP] >= BIG_CITY for e in entries)
    return bool(_admin_after(span, text))


# "the visa office of the Foreign Ministry in Ankara": the organisation's premises.
PARTS_OF_PREMISES = frozenset(
    {"office", "headquarters", "building", "premises", "gate", "entrance", "campus", "ground", "compound"}
)
IN_A_PLACE = re.compile(r"\s+in\s+(?:the\s+)?[A-Z]")


def _organisation_as_a_place(span: Span, text: str) -> bool:
    """An organisation named as where someone is, with the place that holds it: "a lecturer at the
    University of Ghana in Accra", "the visa office of the Foreign Ministry in Ankara"; or a legislature or
    ministry in a locative phrase ("doubts in Congress", "summoned to the Foreign Ministry"), which is at its
    country's capital."""
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i >= 0 and doc[i].lower_ in ("in", "at", "before", "inside", "outside") and span[-1].lower_ in SEATS:
        return True
    buildings = usage().building_words
    if not any(t.lower_ in buildings for t in span) or (len(span) > 2 and span[1].tag_ == "POS"):
        return False  # a venue without a building word is _venue's; "Derry's Altnagelvin Hospital"
    if i < 0 or doc[i].lower_ not in ("at", "to", "from", "of", "inside", "outside"):
        return False
    if not IN_A_PLACE.match(text, span.end_char):
        return False
    return doc[i].lower_ != "of" or doc[i - 1].lemma_.lower() in PARTS_OF_PREMISES


# Last words of the names of bodies that sit in their country's capital.
SEATS = frozenset({"congress", "parliament", "senate", "duma", "bundestag", "knesset", "ministry", "majlis"})
BASED = re.compile(r"-(?:based|born|headquartered)\b")
BASED_AFTER = re.compile(r"(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)?)?-(?:based|born|headquartered)\b")


TOWN_NOUNS = frozenset(
    {"village", "town", "city", "suburb", "township", "hamlet", "neighbourhood", "neighborhood"}
)


def _town_noun_of(span: Span) -> bool:
    """The name after "the village of", "the suburb of": a town, whatever the gazetteer says."""
    doc = span.doc
    return (
        span.start >= 2
        and doc[span.start - 1].lower_ == "of"
        and doc[span.start - 2].lower_ in TOWN_NOUNS
        and span.text[:1].isupper()
        and not any(c.isdigit() for c in span.text)
    )


def _where_after(span: Span) -> bool:
    """After a locative preposition and before ", where": a place ("the season opens at Kirkbrae Park, where
    ...")."""
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    after = doc[span.end : span.end + 2]
    return (
        i >= 0
        and doc[i].lower_ in ("in", "at", "near", "to", "from")
        and len(after) == 2
        and after[0].text == ","
        and after[1].lower_ == "where"
    )


def _unit_after(span: Span, text: str) -> bool:
    """A state, county or region of a country named after a comma right after the name ("Kirkbrae Forest,
    Fife"): the name is a place in it. A person's name is not ("Tom Brady, Massachusetts", tagged PERSON)."""
    if any(t.ent_type_ in ("PERSON", "NORP") for t in span):
        return False
    if not any(e[KIND] != "country" for e in _admin_after(span, text)):
        return False  # the common case, decided before the document's entities are built
    people = [e for e in span.doc.ents if e.label_ == "PERSON" and len(e) > 1]
    # not "Christie, New Jersey's governor" after "Chris Christie"
    return span.text not in {e[-1].text for e in people} | {e.text for e in people}


JOURNEYS = frozenset(
    {"trip", "visit", "journey", "flight", "road", "route", "way", "return", "move", "voyage", "drive",
     "walk", "ride", "tour", "mission", "deportation", "transfer", "exodus", "ferry", "train", "bus"}
)  # fmt: skip


def _residence(span: Span) -> bool:
    """A town after a person's name and "of": where the person lives ("Tom and Ann Baker of Massapequa")."""
    tok = span.root
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.ent_type_ == "PERSON"


def _admin_after(span: Span, text: str) -> list[Entry]:
    """The country, state, county or region named after a comma right after the name ("Boise, Idaho",
    "Ashwell, Hertfordshire")."""
    nxt = ADMIN_NEXT.match(text, span.end_char, span.end_char + 40)
    if not nxt or text[span.end_char : nxt.start(1)].strip() != ",":
        return []
    entries = _admin_entries(gazetteer.load(), nxt.group(1))
    return [
        e
        for e in entries
        if e[KIND] in ("country", "admin1", "admin2") or (e[KIND] == "region" and e[COUNTRY])
    ]


# Verbs of moving: "to X" and "from X" after them are places ("moved to Thornhill", "fled from Aleppo").
MOTION_VERBS = frozenset(
    {"move", "go", "travel", "return", "come", "fly", "drive", "relocate", "head", "walk", "switch", "flee",
     "emigrate", "migrate", "sail", "ride", "commute", "evacuate", "transfer", "retire"}
)  # fmt: skip


def _plain_locative(span: Span) -> bool:
    """A bare name after "in", "at" or "near" ("lives in Portroe"; not "in your Congress", "at K-Mart")."""
    tok, doc = span.root, span.doc
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("in", "at", "near", "outside", "around", "inside"):
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    return (before is None or before.i == tok.head.i) and not any(
        c.dep_ in ("det", "poss") for c in tok.children
    )


def _motion_phrase(span: Span) -> bool:
    tok, doc = span.root, span.doc
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("to", "from") or span.start == 0:
        return False
    return doc[span.start - 1].i == tok.head.i and tok.head.head.lemma_.lower() in MOTION_VERBS


@dataclass(frozen=True)
class Usage:
    """Word lists that tell a place from an actor at work (data/usage.yaml)."""

    state_verbs: frozenset[str]  # their subject is a place: "China will have the most ..."
    phase_verbs: frozenset[str]  # "continued to", "is starting to": the verb they govern decides
    agency_nouns: frozenset[str]  # their possessor or modifier is an actor: "Moscow's demands"
    people_nouns: frozenset[str]  # "a Ukrainian serviceman": the demonym makes an actor
    located_nouns: frozenset[str]  # their possessor is a place: "Cyprus's banking services"
    agent_participles: frozenset[str]  # "Russia-backed": the name is who backs
    street_words: frozenset[str]  # "Royal Street": placed at its town
    facility_prefixes: frozenset[str]  # "Rue Garibaldi", "Hotel Kyiv": a street or building word first
    building_words: frozenset[str]  # "Manila Cathedral": placed at the town in its name, else its town
    local_bodies: frozenset[str]  # "the Winnipeg Fire Paramedic Service": the town it begins with is a place
    road_words: frozenset[str]  # a sentence about roads: "the A417" in it is a road
    feature_words: frozenset[str]  # "Ballinree Canal": a name no gazetteer knows is placed where it is
    region_adjectives: dict[str, str]  # "European" -> "Europe": a demonym of a region, a place before a thing
    national_words: frozenset[str]  # "the Supreme Court": not placed at the article's town
    # Nouns of the event lexicon: their possessor is an actor ("Russia's invasion"); a name that modifies
    # them is where they happen ("the Paris talks").
    act_nouns: frozenset[str]
    act_verbs: frozenset[str]  # verbs of the event lexicon: their subject acts ("Europe condemned ...")


@functools.cache
def usage() -> Usage:
    from ..lookups.lexicon import load as load_lexicon

    raw = gazetteer._data("usage.yaml")
    # The head word of each role: "minister" of "foreign minister", "secretary" of "secretary of war"
    roles = {re.split(r" (?:of|for) ", w)[0].split()[-1] for w in load_kb().role_words()}
    nouns = frozenset(set(raw["agency_nouns"]) | roles)
    return Usage(
        frozenset(raw["state_verbs"]),
        frozenset(raw["phase_verbs"]),
        nouns,
        frozenset(raw["people_nouns"]) | nouns,
        frozenset(raw["located_nouns"]),
        frozenset(raw["agent_participles"]),
        frozenset(raw["street_words"]),
        frozenset(raw["facility_prefixes"]),
        frozenset(raw["building_words"]),
        frozenset(raw["local_bodies"]),
        frozenset(raw["road_words"]),
        frozenset(raw["feature_words"]),
        dict(raw["region_adjectives"]),
        frozenset(raw["national_words"]),
        frozenset(load_lexicon().nouns),
        frozenset(load_lexicon().verbs),
    )


def is_agent(span: Span) -> bool:
    """An actor mention used as an actor, not as a place: the subject or agent of a verb of doing or saying
    ("Russia said", "the U.S. approved a sale"), the possessor or modifier of what an actor is, says or does
    ("Moscow's demands", "U.S. officials"). The subject of a verb of being or having ("China will have
    ...", "London is starting to look ..."), other possessors ("China's economy") and any locative phrase
    are places. With STRICT_LOCATIVE, anything but a locative phrase is an actor."""
    if is_locative(span):
        return False
    if STRICT_LOCATIVE:
        return True
    tok = _top(span.root)
    words = usage()
    if tok.dep_ in ("nsubj", "csubj", "agent"):
        verb = tok.head.head if tok.dep_ == "agent" else tok.head
        return tok.dep_ == "agent" or not _stative(verb, words)
    possessive = tok.dep_ == "poss" or (span.end < len(span.doc) and span.doc[span.end].tag_ == "POS")
    if possessive:
        head, lemma = tok.head, tok.head.lemma_.lower()
        if _facility_kind(head) is not None or lemma in PLACE_NOUNS:
            return False  # "Harare's Third Street", "Cairo's gated suburb": where it is
        if lemma in words.located_nouns:
            # "Cyprus's banking services" are there; "Russia's security services arrested him" act for it
            acting = head.dep_ == "nsubj" and not _stative(head.head, words)
            return acting and lemma in words.people_nouns
        if any(c.dep_ == "amod" and c.lower_ in WITHIN_WORDS for c in head.children):
            return False  # "Yemen's civil war", "Libya's internal conflict": fought in it, not by it
        return head.ent_type_ in ("PERSON", "ORG") or lemma in words.people_nouns or lemma in words.act_nouns
    return _names_an_actor(span)


# Adjectives that put an act inside the place that possesses it ("Yemen's civil war").
WITHIN_WORDS = frozenset({"civil", "internal", "domestic", "sectarian", "tribal"})


def _big_place_as_object(ent: Span, kinds: set[str], gaz: gazetteer.Gazetteer) -> bool:
    """One word the model tagged ORG that only names a big city or a state, as a preposition's object ("the
    News & Observer of Raleigh"): the place."""
    if len(ent) != 1 or kinds or ent.root.dep_ != "pobj":
        return False
    entries = _entries(gaz, ent.text)
    return any(e[KIND] == "admin1" or (e[KIND] == "city" and e[POP] >= BIG_CITY) for e in entries)


def _world_region(name: str, gaz: gazetteer.Gazetteer, kb) -> bool:
    """A continent or world region ("Asia", "the Middle East"): no state's territory, no organisation."""
    kinds = {e.kind for e in kb.entries(name)}
    if kinds != {"region"}:
        return False
    return any(e[KIND] == "region" and not e[COUNTRY] for e in _entries(gaz, name))


def _region_at_work(span: Span) -> bool:
    """A world region acts only through a verb of the event lexicon or of saying with what it says ("Europe
    condemned the strike", "Asia said it would ..."); it has no government, so its leaders, output and
    growth are what is in it ("Asia's longest-serving leader", "Europe added 24 GW"): a place. An act it
    possesses stays an actor's ("Europe's sanctions")."""
    tok = _top(span.root)
    words = usage()
    if tok.dep_ in ("nsubj", "csubj", "agent"):
        verb = tok.head.head if tok.dep_ == "agent" else tok.head
        lemma = verb.lemma_.lower()
        if lemma in words.act_verbs:
            return True
        return lemma in REPORTING_LEMMAS and any(c.dep_ == "ccomp" for c in verb.children)
    if tok.dep_ == "poss" or (span.end < len(span.doc) and span.doc[span.end].tag_ == "POS"):
        return tok.head.lemma_.lower() in words.act_nouns
    return True


def _possessed_is_located(head: Token) -> bool:
    """What a place name possesses is somewhere, not someone or some act: a street or building ("Harare's
    Third Street"), a place noun ("Cairo's suburbs") or any thing that is not a person, group or act ("Samos's
    economy"; not "Jordan's husband", "Moscow's demands")."""
    lemma, words = head.lemma_.lower(), usage()
    if _facility_kind(head) is not None or lemma in PLACE_NOUNS or lemma in words.located_nouns:
        return True
    return head.ent_type_ != "PERSON" and lemma not in words.people_nouns and lemma not in words.act_nouns


def _a_persons_name(span: Span, person_words: set[str], gaz: gazetteer.Gazetteer) -> bool:
    """A name the article also gives a person ("Helen" after "Helen Kunz", "Salah" after "Mohamed Salah"),
    unless it is used locatively ("in Samos") or names a country or a region of one."""
    if is_locative(span) or not all(t.text in person_words for t in span if t.text[:1].isupper()):
        return False
    return not any(e[KIND] in ("country", "admin1", "region") for e in _entries(gaz, span.text))


def _town_of_its_police(span: Span, gaz: gazetteer.Gazetteer) -> bool:
    """A town before its police, fire service or council ("a Saskatoon police officer"): the town is where
    they serve, a place, though they are the actor. A country or state before them is the actor's name."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].lower_ not in usage().local_bodies:
        return False
    kinds = {e[KIND] for e in _entries(gaz, span.text)}
    return bool(kinds & {"city", "village"}) and not kinds & {"country", "admin1", "region"}


def _names_an_actor(span: Span) -> bool:
    """A name in the title of a person or group ("U.S. President Joe Biden", "Syrian army officers"), or
    who backs or leads ("Russia-backed separatists"). A street never is ("Rebecca Street East and Carlos
    Drive", whatever the parse)."""
    doc = span.doc
    last = span[-2] if len(span) >= 3 and span[-1].lower_ in COMPASS else span[-1]
    if _facility_kind(last) == "street":
        return False
    if span.end + 1 < len(doc) and doc[span.end].text == "-":
        return doc[span.end + 1].lemma_.lower() in usage().agent_participles
    tok = span.root
    if tok.dep_ not in ("compound", "amod", "nmod") or is_locative(span):
        return False
    head, words = tok.head, usage()
    bodies = []  # "police" in "the New York City police shooting"
    while head.dep_ == "compound" and head.head.i != head.i:
        if head.lemma_.lower() in words.agency_nouns:
            if head.lower_ not in words.local_bodies:
                return True
            bodies.append(head)
        head = head.head
    if bodies and head.lemma_.lower() in words.act_nouns:
        return False  # an act of a town's police or fire service: where it happened
    return bool(bodies) or head.ent_type_ == "PERSON" or head.lemma_.lower() in words.agency_nouns


def _top(tok: Token) -> Token:
    """The first of a list of names ("Canada" in "the United States, Canada and Australia"); the climb stops
    at a word that is not a name, which the parser sometimes takes for the list's head."""
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i and tok.head.ent_type_ in NAME_TYPES:
        tok = tok.head
    return tok


ELECTIONS = frozenset({"election", "vote", "referendum", "poll", "primary", "ballot", "runoff", "plebiscite"})


def _stative(verb: Token, words: Usage) -> bool:
    """The verb says what its subject is or has ("China will have ..."), possibly through a phase verb
    ("Brazil continued to account for ...")."""
    lemma = verb.lemma_.lower()
    if lemma == "have" and any(c.dep_ == "xcomp" for c in verb.children):
        return False  # "China had to initiate ...": an obligation of an actor
    if lemma in words.state_verbs:
        return True
    if lemma == "hold" and any(c.dep_ == "dobj" and c.lemma_.lower() in ELECTIONS for c in verb.children):
        return True  # "Azerbaijan is holding a snap election": the vote happens there
    if lemma in words.phase_verbs:
        return any(c.dep_ == "xcomp" and c.lemma_.lower() in words.state_verbs for c in verb.children)
    return False


def is_locative(span: Span) -> bool:
    tok = span.root
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS


def _country_support(actors: list, mentions: list[Mention], text: str) -> dict[str, set[str]]:
    """The names through which the article knows each country: its actors' mentions and its country names."""
    support: dict[str, set[str]] = {}
    for a in actors:
        if a.country:
            support.setdefault(a.country, set()).update(text[s[0] : s[1]].casefold() for s in a.mentions)
    for m in mentions:
        if m.entries and m.entries[0][KIND] == "country" and m.entries[0][COUNTRY]:
            support.setdefault(m.entries[0][COUNTRY], set()).add(m.name.casefold())
    return support


def _known_only_by(m: Mention, fold_key: str, countries: set[str], support: dict[str, set[str]]) -> set[str]:
    """Countries the name may be whose only support in the article is this very name, when it may also be a
    state of another of the article's countries: "primaries in Georgia" of a US campaign report is the state,
    though the name alone made Georgia an actor."""
    states_of = {e[COUNTRY] for e in m.entries if e[KIND] == "admin1"} & countries
    out = set()
    for e in m.entries:
        c = e[COUNTRY]
        if e[KIND] != "country" or c not in countries or not states_of - {c}:
            continue
        names = support.get(c)
        if names is not None and names <= {fold_key, fold_key.removeprefix("the ")}:
            out.add(c)
    return out


def _article_countries(actors: list, mentions: list[Mention]) -> set[str]:
    """Countries of the actors, and countries named as places."""
    countries = {a.country for a in actors if a.country}
    for m in mentions:
        if m.entries and m.entries[0][KIND] == "country" and m.entries[0][COUNTRY]:
            countries.add(m.entries[0][COUNTRY])
    return countries


def _text_clues(text: str, end: int, clues: Clues) -> None:
    """Admin units in the few words after a name, tagged by the model or not."""
    gaz = gazetteer.load()
    for _ in range(3):
        match = ADMIN_NEXT.match(text, end, end + 80)
        if not match:
            return
        if LIST_GOES_ON.match(text, match.end()):
            return  # "Washington, New York and Boston": a list of places, not a place and its state
        _add_admin(_admin_entries(gaz, match.group(1)), clues)
        end = match.end()


def _admin_entries(gaz: gazetteer.Gazetteer, name: str) -> list[Entry]:
    """Entries of an admin unit's name as the words after a place give it: "N.C." keeps its dot, the full
    stop of "Paris, Texas." goes."""
    if re.fullmatch(r"[A-Z]{2}", name):
        return _us_state(gaz, name)  # "Berea, OH": a US state's postal code
    return _entries(gaz, name) or (_entries(gaz, name.rstrip(".")) if name.endswith(".") else [])


def _us_state(gaz: gazetteer.Gazetteer, code: str) -> list[Entry]:
    import pycountry

    state = pycountry.subdivisions.get(code=f"US-{code}")
    return [] if state is None else [e for e in _entries(gaz, state.name) if e[ID] == f"US-{code}"]


def _add_admin(entries: list[Entry], clues: Clues) -> None:
    for e in entries:
        if e[KIND] in ("country", "admin1", "admin2") or (e[KIND] == "region" and (e[ADMIN1] or e[COUNTRY])):
            if e[COUNTRY]:
                clues.admin_countries.add(e[COUNTRY])
            if e[KIND] != "country" and e[ADMIN1]:
                clues.admin1.add((e[COUNTRY] or "", e[ADMIN1]))
            elif e[KIND] in ("region", "admin2") and e[LAT] is not None:
                clues.within.append((e[LAT], e[LON]))


def _admin_clues(m: Mention, following: list[Mention], text: str, base: Clues) -> Clues:
    """Admin units named right after the mention ("X, Texas"; "X in Y district, Z region, Ukraine")."""
    clues = Clues(
        countries=set(base.countries),
        support=base.support,
        areas=base.areas,
        cells=base.cells,
        names=base.names,
    )
    _text_clues(text, m.end, clues)
    end = m.end
    for nxt in following:
        if not ADMIN_GAP.match(text[end : nxt.start]) or LIST_GOES_ON.match(text, nxt.end):
            break
        _add_admin(nxt.entries, clues)
        end = nxt.end
        nxt_word = re.match(r"\s+(\w+)", text[end:])
        if nxt_word and nxt_word.group(1).lower() in ADMIN_WORDS:
            end += nxt_word.end()
    return clues
