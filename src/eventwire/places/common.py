"""What the places modules share: the mention record, gazetteer lookups and the choice among entries,
and the word lists of place-like phrases (see `resolve.py` for the stage)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..lookups.kb import load_kb
from ..lookups.words import words
from ..records import Place
from . import gazetteer, rank
from .gazetteer import ADMIN1, COUNTRY, ID, KIND, LAT, LON, NAME, POP, Entry
from .rank import (
    BIG_CITY,
    Clues,
    _bare,
    _km,
    _other_name,
    score,
)
from .rules import fire, none_found, on, rule, step

if TYPE_CHECKING:
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


SEVERAL_LANDMARKS = step(
    "rank.several-landmarks", "a landmark's name shared by far-apart landmarks places none"
)
OUTSIDE_UNIT = step(
    "rank.outside-named-unit", "a town named with an admin unit has no namesake elsewhere: none is chosen"
)
OWN_NAME = step(
    "rank.own-name", "a place that bears the name beats a mid-sized city known by it as another name"
)
NAMED_LIKE_UNIT = step(
    "rank.city-named-like-unit", "a county's bare name means its big town; a state's only its very big city"
)


def choose(entries: list[Entry], clues: Clues) -> tuple[Entry | None, str]:
    """The entry meant, and why; None when no entry is supported well enough."""
    usable = _small_towns_in_context(
        _generic_names_in_context([e for e in entries if e[LAT] is not None], clues), clues
    )
    if not usable:
        return None, "no gazetteer entry supported by the context" if entries else "not in the gazetteer"
    best = rank.best(usable, clues)
    if (
        best[KIND] == "facility"
        and on(SEVERAL_LANDMARKS)
        and any(
            e[KIND] == "facility" and _km(best[LAT], best[LON], e[LAT], e[LON]) > SAME_SITE_KM for e in usable
        )
    ):
        # Many "St Anne's Church" in an imported GeoNames dump: the name alone does not say which.
        fire(SEVERAL_LANDMARKS)
        return None, "several landmarks of this name"
    town = best[KIND] in ("city", "village")
    if town and clues.admin_countries and best[COUNTRY] not in clues.admin_countries and on(OUTSIDE_UNIT):
        # "Rockby, Northamptonshire": no Rockby in England here, so not the Australian one either.
        fire(OUTSIDE_UNIT)
        return None, "no gazetteer entry in the admin unit named after it"
    if clues.name and _other_name(best, clues.name) and best[POP] < BIG_CITY and on(OWN_NAME):
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
            fire(OWN_NAME)
            best = rank.best(own, clues)
            return best, f"own name, then {_reason(best, clues)}"
        if SAINT_NAME.match(clues.name):
            fire(OWN_NAME)
            return None, "no gazetteer entry supported by the context"  # a church or school of the saint
    if best[KIND] in ("admin1", "admin2") and on(NAMED_LIKE_UNIT):
        # A county's town is meant by its bare name ("Cork", "Derby"); a state's only when it is big.
        least = BIG_CITY if best[KIND] == "admin1" else MIN_POPULATION
        city = _big_namesake(usable, best, least, clues.name)
        if city is not None:
            fire(NAMED_LIKE_UNIT)
            return city, f"city of over {least:,} named like the {best[KIND]}"
    return best, _reason(best, clues)


def _plausible(e: Entry, clues: Clues) -> bool:
    return (not on(GENERIC_NAMES) or _generic_in_context(e, clues)) and (
        not on(SMALL_TOWNS) or _small_in_context(e, clues)
    )


GENERIC_NAMES = "rank.generic-name-in-context"
SMALL_TOWNS = "rank.small-town-in-context"


@rule(GENERIC_NAMES, keep=0)
def _generic_names_in_context(entries: list[Entry], clues: Clues) -> list[Entry]:
    """A unit named by compass or common words, or after a saint, only in a country of the article."""
    return [e for e in entries if _generic_in_context(e, clues)]


@rule(SMALL_TOWNS, keep=0)
def _small_towns_in_context(entries: list[Entry], clues: Clues) -> list[Entry]:
    """A town below MIN_POPULATION only in a country of the article or of its admin context."""
    return [e for e in entries if _small_in_context(e, clues)]


def _generic_in_context(e: Entry, clues: Clues) -> bool:
    compass = _compass_name(e[NAME]) or (
        e[KIND] == "region" and bool(clues.name) and _compass_name(clues.name)
    )
    saint = e[KIND] in ("admin1", "admin2") and SAINT_NAME.match(clues.name or e[NAME]) is not None
    generic = e[KIND] in ("admin1", "admin2") and _generic_unit(clues.name or e[NAME])
    if (e[KIND] in ("admin1", "admin2", "region") and compass) or saint or generic:
        # "the National Capital Region" of a report on one capital is not another country's capital region
        # "St Andrew's" in an Irish town is a church or school, not a parish abroad
        # "West", "Centre", "West Coast": regions of some countries only in their context; "the South" is
        # the American South only in an article about the United States
        return e[COUNTRY] in clues.countries | clues.admin_countries
    return True


def _small_in_context(e: Entry, clues: Clues) -> bool:
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


@dataclass
class Mention:
    span: Span
    start: int
    end: int
    name: str  # what is looked up (may include a following admin word: "Donetsk region")
    entries: list[Entry]
    use: str = "name"  # name | demonym | dateline | untagged (how the mention was found)
    rules: list[str] = field(default_factory=list)  # the ids of the rules that found it (places/rules.py)


def _place(pid: str, m: Mention, e: Entry | None, gaz: gazetteer.Gazetteer, article_text: str) -> Place:
    text = article_text[m.start : m.end]
    if e is None:
        return Place(id=pid, text=text, span=[m.start, m.end], use=m.use)
    c = Candidate.of(e, gaz)
    gid = c.id if isinstance(c.id, int) else None
    return Place(pid, text, [m.start, m.end], c.name, c.kind, c.country, c.admin1, c.lat, c.lon, gid, m.use)


@rule("candidates.no-town-after-the", keep=1)
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


@rule("candidates.with-article", off=none_found)
def _with_article(doc: Doc, first: int, name: str, gaz: gazetteer.Gazetteer) -> list[Entry]:
    """Entries of a data-file region or landmark named with its article: "the Thames" is the river, while
    "Thames" alone is a town in New Zealand."""
    if not name.lower().startswith("the ") and (first == 0 or doc[first - 1].lower_ != "the"):
        return []
    full = name if name.lower().startswith("the ") else f"the {name}"
    return [e for e in gaz.get(full) if e[KIND] in ("region", "facility")]


def _lookup(gaz: gazetteer.Gazetteer, doc, name: str, after: int) -> list[Entry]:
    """Entries for a name; "Donetsk region" first as a whole, then the bare name."""
    nxt = doc[after] if after < len(doc) else None
    entries: list[Entry] = []
    if nxt is not None and nxt.lower_ in ADMIN_WORDS:
        entries = _entries(gaz, f"{name} {nxt.text}")
    return entries or _entries(gaz, name) or _unit_word(gaz, name)


@rule("candidates.unit-word", off=none_found)
def _unit_word(gaz: gazetteer.Gazetteer, name: str) -> list[Entry]:
    """A name with a unit word before or after it is that unit ("County Kerry", "Suffolk County"), never a
    town; with "village", "town" or "city" after it, a populated place ("Sataniv village")."""
    county = re.match(r"(?:County|Co\.?)\s+(?=[A-Z])", name)
    entries: list[Entry] = []
    if county:
        kinds = ("admin1", "admin2", "region")
        entries = [e for e in _entries(gaz, name[county.end() :]) if e[KIND] in kinds]
    last = name.rsplit(" ", 1)[-1].lower()
    if not entries and last in TYPE_WORDS:
        kinds = ("city", "village") if last in ("village", "town", "city") else ("admin1", "admin2", "region")
        entries = [e for e in _entries(gaz, name.rsplit(" ", 1)[0]) if e[KIND] in kinds]
        if not entries and last in SEAT_NAMED:
            entries = _seat_named(gaz, name)
    return entries


# Units commonly named after their seat ("Borova district", "Bakhmut raion"): with no entry of their own,
# placed at the seat's point, as an admin2 of that name.
SEAT_NAMED = frozenset({"district", "raion", "rayon"})


@rule("candidates.seat-named", off=none_found)
def _seat_named(gaz: gazetteer.Gazetteer, name: str) -> list[Entry]:
    """A district or raion no gazetteer knows is placed at the town it is named after, as an admin2."""
    seat = name.rsplit(" ", 1)[0]
    return [
        (f"seat:{e[ID]}", name, "admin2", e[COUNTRY], e[ADMIN1], e[LAT], e[LON], 0)
        for e in _entries(gaz, seat)
        if e[KIND] in ("city", "village") and not _other_name(e, _bare(seat))
    ]


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


def _facility_kind(last: Token) -> str | None:
    word = last.lower_
    if word in usage().street_words:
        return "street"
    return "building" if word in usage().building_words else None


OTHER_HOME_TIMES = (
    5  # a town named this often, and twice as often as the dateline's, is what a report is about
)

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


@dataclass(frozen=True)
class Usage:
    """Word lists that tell a place from an actor at work (data/usage.yaml)."""

    state_verbs: frozenset[str]  # their subject is a place: "Chile will have the largest ..."
    phase_verbs: frozenset[str]  # "continued to", "is starting to": the verb they govern decides
    agency_nouns: frozenset[str]  # their possessor or modifier is an actor: "Moscow's demands"
    people_nouns: frozenset[str]  # "a Ukrainian serviceman": the demonym makes an actor
    located_nouns: frozenset[str]  # their possessor is a place: "Cyprus's banking services"
    agent_participles: frozenset[str]  # "Russia-backed": the name is who backs
    street_words: frozenset[str]  # "Royal Street": placed at its town
    facility_prefixes: frozenset[str]  # "Rue Garibaldi", "Hotel Kyiv": a street or building word first
    building_words: frozenset[str]  # "Manila Cathedral": placed at the town in its name, else its town
    local_bodies: frozenset[str]  # "the Hartwell Fire Rescue Service": the town it begins with is a place
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
