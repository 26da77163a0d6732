"""The actor knowledge base, model-free: lookups by name and by office on a date."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from eventwire.lookups.kb import load_kb

from .test_actor_data import DATA, ROLE_KEYS


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def first(kb, text, on=None):
    found = kb.lookup(text, on)
    assert found, f"{text!r} not found"
    return found[0]


def test_person_resolves_with_the_office_of_the_day(kb):
    lavrov = first(kb, "Lavrov", date(2022, 1, 26))
    assert (lavrov.id, lavrov.country, lavrov.sector, lavrov.role) == (
        "rus.lavrov",
        "RUS",
        "GOV",
        "foreign minister",
    )
    putin_2007 = first(kb, "Vladimir Putin", date(2007, 3, 1))
    putin_2010 = first(kb, "Vladimir Putin", date(2010, 3, 1))
    assert (putin_2007.role, putin_2010.role) == ("president", "prime minister")
    assert {putin_2007.country, putin_2010.country} == {"RUS"}


@pytest.mark.parametrize("spelling", ["Zelenskiy", "Zelensky", "Zelenskyy", "Volodymyr Zelenskiy"])
def test_transliteration_variants(kb, spelling):
    assert first(kb, spelling, date(2022, 1, 26)).id == "ukr.zelenskyy"


@pytest.mark.parametrize("spelling", ["Sergey Lavrov", "Sergei Lavrov"])
def test_given_name_variants(kb, spelling):
    assert first(kb, spelling).id == "rus.lavrov"


def test_same_office_two_dates(kb):
    biden, _ = kb.holder("USA.president", date(2022, 1, 26))
    later, _ = kb.holder("USA.president", date(2026, 1, 26))
    assert biden.name == "Joe Biden"
    assert later.name != "Joe Biden"


def test_concurrent_spokespeople_are_ambiguous_not_guessed(kb):
    assert kb.holder("RUS.spokesperson", date(2022, 1, 26)) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the Kremlin", ("RUS.GOV", "RUS", "GOV")),
        ("Moscow", ("RUS.GOV", "RUS", "GOV")),
        ("the Pentagon", ("USA.MIL", "USA", "MIL")),
        ("Russian", ("RUS", "RUS", None)),
        ("U.S.", ("USA", "USA", None)),
        ("Belarusian", ("BLR", "BLR", None)),
    ],
)
def test_countries_demonyms_and_metonyms(kb, text, expected):
    r = first(kb, text)
    assert (r.id, r.country, r.sector) == expected


def test_organizations_and_regions(kb):
    nato = first(kb, "NATO")
    assert (nato.id, nato.sector) == ("NATO", "IGO")
    assert first(kb, "Organization for Security and Cooperation in Europe").id == "OSCE"
    assert first(kb, "Western nations").id == "WST"
    assert first(kb, "the West").id == "WST"
    assert first(kb, "Associated Press").sector == "MED"


def test_short_capitals_aliases_keep_their_case(kb):
    assert kb.lookup("who") == [] or all(r.id != "WHO" for r in kb.lookup("who"))
    assert first(kb, "WHO").id == "WHO"


def test_office_titles_name_role_keys_that_exist():
    titles = yaml.safe_load((DATA / "offices.yaml").read_text())
    for row in titles:
        keys = row["office"] if isinstance(row["office"], list) else [row["office"]]
        assert set(keys) <= ROLE_KEYS, row


def test_roma_is_no_alias_of_rome(kb):
    # English news writes Rome; "Roma" are the Romani people, a football club, a town of Lesotho.
    assert [e.key for e in kb.entries("Roma")] == []
    assert {e.key for e in kb.entries("Rome")} >= {"ITA"}
