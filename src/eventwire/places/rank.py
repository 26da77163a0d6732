"""Ranking a name's gazetteer entries: which of the places called "Springfield" the article means.

Each entry the name may denote is described by the features below (its kind and population, whether the
article's countries, its admin context, its named states and its other towns agree with it, whether the name
is the entry's own name or only an alternative one). A conditional logit model, trained on three corpora of
news with GeoNames-labelled toponyms (`eventwire train places`, see places/train.py), weighs them; the entry
of highest weight is chosen. The weights ship in the package (model/ranker.json); `EVENTWIRE_PLACE_RANKER=off`
ranks by the hand-set weights of `score` instead (the rules-only baseline), a path uses another trained file.
"""

from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy

from .. import choice_models, settings
from . import gazetteer
from .gazetteer import ADMIN1, COUNTRY, ID, KIND, LAT, LON, NAME, POP, Entry
from .rules import fire, on, step

MODEL_FILE = "ranker.json"

# A landmark of the data file ("Heathrow") ranks above a small town of its name (Heathrow, Florida).
KIND_SCORE = {"country": 9.0, "region": 8.0, "admin1": 7.6, "admin2": 6.0, "facility": 6.0}
CONTEXT_BONUS = 1.5
OTHER_NAME_PENALTY = 2.0
# A town within NEAR_KM of another town the article names gets NEAR_BONUS (half of it within twice that):
# "Millby" in an article on Dunmore and Thornby is the Millby near them.
NEAR_KM = 60.0
NEAR_BONUS = 2.0
WITHIN_KM = 75.0  # a town this close to the point of the region or county named after it is in it (half
# the bonus within twice that), as much as a town in the admin1 named after it
WITHIN_BONUS = 4.0
STATE_BONUS = 2.0  # a town in a state the article names anywhere ("Shelby" in an article on Montana)
# What nearness and named states choose among: towns, and counties of one name ("Orange County").
LOCAL_KINDS = frozenset({"city", "village", "admin2"})
# A city this big is named far beyond its area, and beats the admin division of the same name ("New York").
BIG_CITY = 300_000

SAINT = re.compile(r"^st\.?\s+")


@dataclass
class Clues:
    """What the text says about where its places are."""

    countries: set[str] = field(default_factory=set)  # the article's countries
    admin_countries: set[str] = field(default_factory=set)  # from the admin context of this mention
    admin1: set[tuple[str, str]] = field(default_factory=set)  # (country, admin1 code) from that context
    name: str = ""  # the name looked up: a city known by it only as a former or other name ranks lower
    near: list[tuple[float, float]] = field(default_factory=list)  # the article's other towns
    states: set[tuple[str, str]] = field(default_factory=set)  # (country, admin1) the article names anywhere
    # Points of the regions and counties named right after the mention, which have no admin1 code to match:
    # "Ashwell, Hertfordshire" is the Ashwell near Hertfordshire's point.
    within: list[tuple[float, float]] = field(default_factory=list)
    # The names (folded) through which the article knows each of its countries: an actor's mentions, a place
    # resolved to it. A country known only through the name in question is no context for that name.
    support: dict[str, set[str]] = field(default_factory=dict)
    span: tuple[int, int] | None = None  # where the mention is (recorded with training candidates)
    # Where the article's other names may be: for each (country, admin1) and each grid cell of CELL_DEG
    # degrees, the names (bare) with a candidate entry there. Several ambiguous names that share one state
    # or one area point to it ("Athens", "Monroe" and "Walton County" are all in Georgia).
    areas: dict[tuple[str, str], dict[str, float]] = field(default_factory=dict)
    cells: dict[tuple[int, int], dict[str, float]] = field(default_factory=dict)
    names: int = 0  # how many names those maps hold


def score(e: Entry, clues: Clues) -> float:
    """How likely the entry is meant: kind and population, plus bonuses for the context."""
    base = KIND_SCORE.get(e[KIND], math.log10(max(e[POP], 1)))
    if e[LAT] is None:
        base -= 5
    if clues.name and _other_name(e, clues.name):
        base -= OTHER_NAME_PENALTY  # "Salisbury" is Harare's colonial name, but first of all an English city
    if e[COUNTRY] in clues.countries:
        base += CONTEXT_BONUS if e[KIND] != "country" else 1.5
    elif e[KIND] in ("admin1", "admin2") and clues.countries:
        # a county or state of another country than the article's: "Newport" in Tipperary, "Manchester"
        # (Jamaica's parish) in New Hampshire
        base -= CONTEXT_BONUS
    if e[COUNTRY] in clues.admin_countries:
        base += 4
    if (e[COUNTRY] or "", e[ADMIN1] or "") in clues.admin1:
        base += 4
    local = e[KIND] in LOCAL_KINDS
    if clues.states and local and (e[COUNTRY] or "", e[ADMIN1] or "") in clues.states:
        base += STATE_BONUS
    if local and e[LAT] is not None:
        base += _nearness(e, clues.within, WITHIN_KM, WITHIN_BONUS) + _nearness(
            e, clues.near, NEAR_KM, NEAR_BONUS
        )
    return base


def _nearness(e: Entry, points: list[tuple[float, float]], km: float, bonus: float) -> float:
    """The bonus for an entry within `km` of one of the points, half of it within twice that."""
    if not points:
        return 0.0
    closest = min(_km(e[LAT], e[LON], lat, lon) for lat, lon in points)
    return bonus if closest <= km else bonus / 2 if closest <= 2 * km else 0.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance on the sphere, by the equirectangular approximation: within 1% of the great circle at the
    few hundred kilometres where nearness counts, and much cheaper."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


@functools.lru_cache(maxsize=65536)
def _bare(name: str) -> str:
    """Folded and without accents, to compare a name with an entry's: "Kosice" is "Košice"."""
    decomposed = unicodedata.normalize("NFKD", gazetteer.fold(name))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return SAINT.sub("saint ", bare)


def _other_name(e: Entry, name: str) -> bool:
    """The entry is a town known by `name` only as another name ("Salisbury" of Harare); its own name without
    the Arabic article is its own ("Qamishli" of "Al Qāmishlī")."""
    if e[KIND] not in ("city", "village") or _bare(e[NAME]).startswith(name):
        return False
    bare = gazetteer.ARABIC_ARTICLE.match(e[NAME])
    return bare is None or not _bare(bare.group(1)).startswith(name)


# The features of an entry, in the order of the model's weights. Every one is general: none names a place.
FEATURES = (
    "kind=country",
    "kind=region",
    "kind=admin1",
    "kind=admin2",
    "kind=city",
    "kind=village",
    "kind=facility",
    "log population (towns)",
    "log population (admin units)",
    "largest population of its kind",
    "population share of the largest",
    "known by this name only as another name",
    "own name, exactly",
    "in a country of the article",
    "a country the article names",
    "admin unit of a country not the article's",
    "in the country of its admin context",
    "in the admin1 of its admin context",
    "in a state the article names",
    "within 75 km of the unit named after it",
    "within 150 km of the unit named after it",
    "within 60 km of the article's other towns",
    "within 120 km of the article's other towns",
    "log km to the article's nearest other town",
    "names through which the article knows its country",
    "in the article's most named country",
    "share of the article's other names with an entry in its admin1",
    "share of the article's other names with an entry within about 100 km",
)
CELL_DEG = 1.0
KIND_ORDER = ("country", "region", "admin1", "admin2", "city", "village", "facility")
TOWN_KINDS = frozenset({"city", "village", "facility"})


def features(e: Entry, clues: Clues, group: list[Entry]) -> list[float]:
    """The feature vector of entry `e` among the entries `group` of the same name."""
    kind = e[KIND]
    pop = max(e[POP] or 0, 0)
    same_kind = [max(g[POP] or 0, 0) for g in group if (g[KIND] in TOWN_KINDS) == (kind in TOWN_KINDS)]
    most = max(same_kind, default=0)
    local = kind in LOCAL_KINDS and e[LAT] is not None
    support = {c: len(names) for c, names in clues.support.items()}
    main = max(support, key=lambda c: (support[c], c)) if support else None
    within = _closest(e, clues.within) if local else None
    near = _closest(e, clues.near) if local else None
    place = (e[COUNTRY] or "", e[ADMIN1] or "")
    return [
        *(float(kind == k) for k in KIND_ORDER),
        math.log10(pop + 1) / 7 if kind in TOWN_KINDS else 0.0,
        math.log10(pop + 1) / 7 if kind not in TOWN_KINDS and kind != "country" else 0.0,
        float(pop > 0 and pop == most),
        pop / most if most else 0.0,
        float(bool(clues.name) and _other_name(e, clues.name)),
        float(bool(clues.name) and _bare(e[NAME]) == clues.name),
        float(e[COUNTRY] in clues.countries),
        float(kind == "country" and e[COUNTRY] in clues.countries),
        float(kind in ("admin1", "admin2") and bool(clues.countries) and e[COUNTRY] not in clues.countries),
        float(e[COUNTRY] in clues.admin_countries),
        float(place in clues.admin1),
        float(local and place in clues.states),
        float(within is not None and within <= WITHIN_KM),
        float(within is not None and within <= 2 * WITHIN_KM),
        float(near is not None and near <= NEAR_KM),
        float(near is not None and near <= 2 * NEAR_KM),
        math.log10(1 + near) / 4 if near is not None else 0.0,
        math.log1p(support.get(e[COUNTRY] or "", 0)),
        float(main is not None and e[COUNTRY] == main),
        *_shared_area(e, clues),
    ]


def add_area(clues: Clues, name: str, entries: list[Entry]) -> None:
    """Record where one of the article's names may be (see Clues.areas), each entry weighted by how likely
    it is before any context (its kind and population): a name counts for an area by the weight of its
    entries there, so that small namesakes of a county's towns elsewhere do not outvote the county."""
    clues.names += 1
    if not entries:
        return
    prior = numpy.array([KIND_SCORE.get(e[KIND], math.log10(max(e[POP] or 0, 1))) for e in entries])
    weights = numpy.exp(prior - prior.max())
    weights /= weights.sum()
    for e, w in zip(entries, weights, strict=True):
        if (e[POP] or 0) >= BIG_CITY:
            continue  # a big city is named in reports from all over its state: no sign of a neighbour
        if e[KIND] in ("admin1", *LOCAL_KINDS) and e[COUNTRY]:
            area = clues.areas.setdefault((e[COUNTRY], e[ADMIN1] or ""), {})
            area[name] = min(1.0, area.get(name, 0.0) + float(w))
        if e[KIND] in LOCAL_KINDS and e[LAT] is not None:
            cell = clues.cells.setdefault(_cell(e[LAT], e[LON]), {})
            cell[name] = min(1.0, cell.get(name, 0.0) + float(w))


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL_DEG), math.floor(lon / CELL_DEG)


def _shared_area(e: Entry, clues: Clues) -> tuple[float, float]:
    others = clues.names - 1
    if others <= 0 or e[KIND] not in LOCAL_KINDS:
        return 0.0, 0.0
    area = clues.areas.get((e[COUNTRY] or "", e[ADMIN1] or ""), {})
    in_area = sum(w for n, w in area.items() if n != clues.name)
    near: dict[str, float] = {}
    if e[LAT] is not None:
        lat, lon = _cell(e[LAT], e[LON])
        for dlat in (-1, 0, 1):
            for dlon in (-1, 0, 1):
                for n, w in clues.cells.get((lat + dlat, lon + dlon), {}).items():
                    if n != clues.name:
                        near[n] = min(1.0, near.get(n, 0.0) + w)
    # One more than the other names: one other name sharing an area is weaker evidence than five of six.
    return in_area / (others + 1), sum(near.values()) / (others + 1)


def _closest(e: Entry, points: list[tuple[float, float]]) -> float | None:
    if not points or e[LAT] is None:
        return None
    return min(_km(e[LAT], e[LON], lat, lon) for lat, lon in points)


@dataclass
class Ranker:
    """A trained conditional logit: one weight per feature."""

    weights: numpy.ndarray
    about: dict[str, Any] = field(default_factory=dict)

    def scores(self, entries: list[Entry], clues: Clues) -> numpy.ndarray:
        x = numpy.array([features(e, clues, entries) for e in entries], dtype=float)
        return x @ self.weights

    def to_json(self) -> str:
        weights = {name: round(float(w), 6) for name, w in zip(FEATURES, self.weights, strict=True)}
        return json.dumps({"features": weights, "about": self.about}, indent=1, sort_keys=False) + "\n"


def read(path: Path | Any) -> Ranker:
    """A ranker file written by `eventwire train places`."""
    data = json.loads(path.read_text(encoding="utf-8"))
    weights = data["features"]
    missing = [name for name in FEATURES if name not in weights]
    if missing:
        raise ValueError(f"no weight for {missing[0]!r}")
    return Ranker(numpy.array([float(weights[name]) for name in FEATURES]), data.get("about", {}))


@functools.cache
def _ranker(choice: str) -> Ranker | None:
    return choice_models.load(
        choice,
        "eventwire.places",
        MODEL_FILE,
        "place ranker",
        "EVENTWIRE_PLACE_RANKER",
        "eventwire train places",
        read,
    )


LEARNED = step(
    "rank.learned",
    "the learned ranker weighs a name's entries (switched off: the hand-set weights of `score`)",
)


def ranker() -> Ranker | None:
    """The ranker the settings choose, or None for the hand-set weights (always while collecting training
    choices, so that the training data never depends on an earlier model)."""
    if COLLECT is not None or not on(LEARNED):
        return None
    return _ranker(str(settings.get("place_ranker")))


# Training: while COLLECT is a list, every choice among entries is appended to it (see places/train.py).
COLLECT: list[dict[str, Any]] | None = None
COLLECT_ARTICLE = ""
# Explaining: while TRACE is a list, every choice is appended to it with its features and weights
# (`eventwire places explain`).
TRACE: list[dict[str, Any]] | None = None


def best(entries: list[Entry], clues: Clues) -> Entry:
    """The entry meant among `entries` (not empty): highest weight, then population."""
    if COLLECT is not None:
        rules = max(range(len(entries)), key=lambda i: (score(entries[i], clues), entries[i][POP]))
        COLLECT.append(
            {
                "article": COLLECT_ARTICLE,
                "span": clues.span,
                "name": clues.name,
                "x": [features(e, clues, entries) for e in entries],
                "ids": [e[ID] for e in entries],
                "points": [(e[LAT], e[LON]) for e in entries],
                "rules": rules,
            }
        )
    model = ranker()
    if model is None or len(entries) == 1:
        weights = numpy.array([score(e, clues) for e in entries])
    else:
        weights = model.scores(entries, clues)
        fire(LEARNED)
    chosen = max(range(len(entries)), key=lambda i: (weights[i], entries[i][POP]))
    if TRACE is not None:
        TRACE.append(
            {
                "span": clues.span,
                "entries": entries,
                "features": [features(e, clues, entries) for e in entries],
                "weights": [float(w) for w in weights],
                "chosen": chosen,
                "by": "hand-set weights" if model is None else "learned ranker",
            }
        )
    return entries[chosen]
