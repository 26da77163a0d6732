"""Data checks for `places/data/subdivision_names.yaml` (English names of ISO 3166-2 subdivisions in news).

Model-free and offline: the file loads and is not empty, every key is given once and is a pycountry
subdivision code (first level, or a province of Indonesia), every value a non-empty list of distinct,
stripped, Latin-script names; no name repeats pycountry's own name of its code, and no name is given for two
codes of one country (nor is pycountry's name of another code of that country). A few names news uses must
be there.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import cache
from pathlib import Path

import pycountry
import pytest
import yaml

DATA_DIR = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "places" / "data"
DATA = DATA_DIR / "subdivision_names.yaml"

# pycountry's first level of Indonesia is seven island groups: its provinces (second level) may be named too.
SECOND_LEVEL_COUNTRIES = {"ID"}
# Names that are also pycountry's name of another code of the same country, because the two cover the same
# land: the autonomous community of Asturias (ES-AS) is the one province of Asturias (ES-O).
SHARED_WITH_COEXTENSIVE: set[tuple[str, str]] = {("ES-AS", "Asturias")}
# Characters other than (Latin) letters that a name may hold.
PUNCTUATION = set(" -'.,")
BRACKETED = re.compile(r"\s*\[([^\]]+)\]")

SPOT_CHECKS = [
    ("DE-BY", "Bavaria"),
    ("ES-CT", "Catalonia"),
    ("CN-GD", "Guangdong"),
    ("CN-NM", "Inner Mongolia"),
    ("BE-WAL", "Wallonia"),
    ("CD-NK", "North Kivu"),
    ("ET-AM", "Amhara"),
    ("RU-MOS", "Moscow Oblast"),
]


@cache
def names() -> dict[str, list[str]]:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


@cache
def subdivisions() -> dict[str, pycountry.db.Record]:
    return {s.code: s for s in pycountry.subdivisions}


def own_names(code: str) -> set[str]:
    """pycountry's name of a code, casefolded, whole and without or as its bracketed parts (the gazetteer
    reads "Catalunya [Cataluña]" as both "Catalunya" and "Cataluña")."""
    name = subdivisions()[code].name
    return {n.casefold() for n in (name, BRACKETED.sub("", name).strip(), *BRACKETED.findall(name))}


def test_file_loads_and_keys_are_pycountry_codes() -> None:
    data = names()
    assert isinstance(data, dict) and data, "subdivision_names.yaml is empty or not a mapping"
    keys = re.findall(r"^([A-Z0-9]+-[A-Z0-9]+):", DATA.read_text(encoding="utf-8"), flags=re.MULTILINE)
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    assert not repeated, f"codes given twice (YAML keeps only the last): {repeated}"
    unknown = sorted(set(data) - set(subdivisions()))
    assert not unknown, f"not pycountry subdivision codes: {unknown}"
    deeper = sorted(
        code
        for code in data
        if subdivisions()[code].parent_code is not None
        and subdivisions()[code].country_code not in SECOND_LEVEL_COUNTRIES
    )
    assert not deeper, f"not first-level subdivisions: {deeper}"


def test_values_are_lists_of_clean_latin_names() -> None:
    for code, value in names().items():
        assert isinstance(value, list) and value, f"{code}: not a non-empty list"
        for name in value:
            assert isinstance(name, str), f"{code}: {name!r} is not a string"
            assert name and name == name.strip(), f"{code}: {name!r} is empty or not stripped"
            assert len(name) >= 4, f"{code}: {name!r} is shorter than 4 characters"
            assert unicodedata.normalize("NFC", name) == name, f"{code}: {name!r} is not NFC"
            for ch in name:
                if ch.isalpha():
                    assert unicodedata.name(ch, "").startswith("LATIN"), f"{code}: {name!r} is not Latin"
                else:
                    assert ch in PUNCTUATION, f"{code}: {name!r} holds {ch!r}"
        folded = [n.casefold() for n in value]
        assert len(set(folded)) == len(folded), f"{code}: duplicate names in {value}"


def test_no_name_repeats_pycountrys_own_name() -> None:
    repeats = [
        f"{code}: {name!r}"
        for code, value in names().items()
        for name in value
        if name.casefold() in own_names(code)
    ]
    assert not repeats, f"names that repeat pycountry's own name: {repeats}"


def test_no_name_for_two_codes_of_one_country() -> None:
    given: dict[tuple[str, str], str] = {}
    for code, value in names().items():
        country = subdivisions()[code].country_code
        for name in value:
            other = given.setdefault((country, name.casefold()), code)
            assert other == code, f"{name!r} is given for both {other} and {code}"


def test_no_name_is_pycountrys_name_of_another_code_of_the_country() -> None:
    pycountry_names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for code, s in subdivisions().items():
        for name in own_names(code):
            pycountry_names[(s.country_code, name)].add(code)
    clashes = [
        f"{code}: {name!r} is pycountry's name of {sorted(others)}"
        for code, value in names().items()
        for name in value
        if (code, name) not in SHARED_WITH_COEXTENSIVE
        and (others := pycountry_names[(subdivisions()[code].country_code, name.casefold())] - {code})
    ]
    assert not clashes, f"names of other subdivisions: {clashes}"


def test_coextensive_exceptions_are_used() -> None:
    for code, name in SHARED_WITH_COEXTENSIVE:
        assert name in names().get(code, []), f"{code}: {name!r} is listed as an exception but not given"


@pytest.mark.parametrize(("code", "name"), SPOT_CHECKS)
def test_spot_check(code: str, name: str) -> None:
    assert code in subdivisions(), f"{code} is not a pycountry subdivision code"
    assert name in names().get(code, []), f"{code}: {name!r} missing"
