"""Model-free consistency checks for the actor data files in eventwire.actors.data."""

from __future__ import annotations

import datetime as dt
import itertools
import pathlib
from collections import defaultdict

import pycountry
import pytest
import yaml

DATA = pathlib.Path(__file__).parents[2] / "src/eventwire/lookups/kb_data"

SECTORS = {
    "GOV",
    "MIL",
    "LEG",
    "JUD",
    "COP",
    "SPY",
    "OPP",
    "PTY",
    "REB",
    "INS",
    "BUS",
    "MED",
    "CVL",
    "REF",
    "EDU",
    "REL",
    "HLH",
    "LAB",
    "NGO",
    "IGO",
}
# Codes that are not ISO 3166 alpha-3 in pycountry but are used on purpose.
EXTRA_COUNTRY_CODES = {"XKX"}  # Kosovo (user-assigned code, also used by the EU/IMF)
ROLE_KEYS = {
    "president",
    "king",
    "queen",
    "emir",
    "supreme_leader",
    "emperor",
    "crown_prince",
    "prime_minister",
    "chancellor",
    "premier",
    "vice_president",
    "foreign_minister",
    "defense_minister",
    "spokesperson",
    "chief_of_staff",
    "secretary_general",
    "high_representative",
    "chief_of_defence",
}
# Offices that legitimately have several holders at once (e.g. the rotating
# spokespeople of the Chinese foreign ministry, or a presidential spokesman and
# a foreign-ministry spokeswoman of the same state); the optional ``body`` field
# disambiguates them, and the overlap check is keyed on (office, body) and
# skipped for these role keys.
MULTI_HOLDER_ROLES = {"spokesperson"}
# The 193 UN member states (un.org/en/about-us/member-states).
UN_MEMBERS = frozenset(
    " ".join(
        [
            "AFG AGO ALB AND ARE ARG ARM ATG AUS AUT AZE BDI BEL BEN BFA BGD",
            "BGR BHR BHS BIH BLR BLZ BOL BRA BRB BRN BTN BWA CAF CAN CHE CHL",
            "CHN CIV CMR COD COG COL COM CPV CRI CUB CYP CZE DEU DJI DMA DNK",
            "DOM DZA ECU EGY ERI ESP EST ETH FIN FJI FRA FSM GAB GBR GEO GHA",
            "GIN GMB GNB GNQ GRC GRD GTM GUY HND HRV HTI HUN IDN IND IRL IRN",
            "IRQ ISL ISR ITA JAM JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO",
            "LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAR MCO MDA MDG MDV MEX",
            "MHL MKD MLI MLT MMR MNE MNG MOZ MRT MUS MWI MYS NAM NER NGA NIC",
            "NLD NOR NPL NRU NZL OMN PAK PAN PER PHL PLW PNG POL PRK PRT PRY",
            "QAT ROU RUS RWA SAU SDN SEN SGP SLB SLE SLV SMR SOM SRB SSD STP",
            "SUR SVK SVN SWE SWZ SYC SYR TCD TGO THA TJK TKM TLS TON TTO TUN",
            "TUR TUV TZA UGA UKR URY USA UZB VCT VEN VNM VUT WSM YEM ZAF ZMB",
            "ZWE",
        ]
    ).split()
)
ORG_KINDS = {"IGO", "NGO", "REB", "PTY", "MED", "BUS", "GOV"}  # GOV: state organs (IRGC)


def _load(name: str):
    with (DATA / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def people():
    return _load("people.yaml")


@pytest.fixture(scope="module")
def roles():
    return _load("roles.yaml")


@pytest.fixture(scope="module")
def orgs():
    return _load("organizations.yaml")


@pytest.fixture(scope="module")
def countries():
    return _load("countries_extra.yaml")


def _valid_iso3(code: str) -> bool:
    return code in EXTRA_COUNTRY_CODES or pycountry.countries.get(alpha_3=code) is not None


def _assert_unique(values, what):
    seen, dups = set(), set()
    for v in values:
        (dups if v in seen else seen).add(v)
    assert not dups, f"duplicate {what}: {sorted(dups)}"


def _overlap(a_start, a_end, b_start, b_end) -> bool:
    far = dt.date.max
    return a_start < (b_end or far) and b_start < (a_end or far)


# --------------------------------------------------------------------------- people


def test_people_ids_unique(people):
    assert isinstance(people, list) and people
    _assert_unique([p["id"] for p in people], "people ids")
    for p in people:
        assert p["id"] == p["id"].lower(), p["id"]
        assert p["name"], p["id"]
        assert p["gender"] in {"m", "f"}, p["id"]
        assert isinstance(p.get("aliases", []), list), p["id"]
        assert p["offices"], p["id"]


def test_people_offices_well_formed(people, orgs):
    org_codes = {o["code"] for o in orgs}
    for p in people:
        for o in p["offices"]:
            where = f"{p['id']} {o.get('office')}"
            prefix, _, role_key = o["office"].partition(".")
            assert role_key in ROLE_KEYS, where
            assert o["sector"] in SECTORS, where
            assert o.get("role"), where
            country, org = o.get("country"), o.get("org")
            if org is not None:
                assert org in org_codes, f"{where}: unknown org {org}"
                assert prefix == org, where
            else:
                assert country is not None, where
                assert prefix == country, where
            if country is not None:
                assert _valid_iso3(country), f"{where}: bad country {country}"
            start, end = o["start"], o.get("end")
            assert isinstance(start, dt.date), where
            assert end is None or isinstance(end, dt.date), where
            assert end is None or start <= end, where
            assert o.get("approx", False) in {True, False}, where


def test_office_tenures_do_not_overlap(people):
    by_office = defaultdict(list)
    for p in people:
        for o in p["offices"]:
            if o["office"].split(".", 1)[1] in MULTI_HOLDER_ROLES:
                continue
            by_office[(o["office"], o.get("body"))].append((o["start"], o.get("end"), p["id"]))
    problems = []
    for key, terms in by_office.items():
        terms.sort(key=lambda t: t[0])
        for (s0, e0, p0), (s1, e1, p1) in itertools.pairwise(terms):
            if e0 is None or s1 < e0:
                problems.append(f"{key}: {p0} ({s0}..{e0}) vs {p1} ({s1}..{e1})")
    assert not problems, "\n".join(problems)


def test_aliases_unambiguous_within_office(people):
    entries = defaultdict(list)  # (alias, office) -> [(start, end, person)]
    for p in people:
        names = {p["name"].lower(), *(a.lower() for a in p.get("aliases", []))}
        for o in p["offices"]:
            for n in names:
                entries[(n, o["office"])].append((o["start"], o.get("end"), p["id"]))
    problems = []
    for key, terms in entries.items():
        for i, (s0, e0, p0) in enumerate(terms):
            for s1, e1, p1 in terms[i + 1 :]:
                if p0 != p1 and _overlap(s0, e0, s1, e1):
                    problems.append(f"{key}: {p0} / {p1}")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- roles


def test_roles(roles):
    assert isinstance(roles, list) and roles
    _assert_unique([r["id"] for r in roles], "role ids")
    words = []
    for r in roles:
        assert r["sector"] in SECTORS, r["id"]
        assert r.get("role"), r["id"]
        assert r["words"], r["id"]
        words += [w.lower() for w in r["words"]]
    _assert_unique(words, "role words")


# --------------------------------------------------------------------------- organizations


def test_organizations(orgs):
    assert isinstance(orgs, list) and orgs
    _assert_unique([o["id"] for o in orgs], "organization ids")
    _assert_unique([o["code"] for o in orgs], "organization codes")
    codes = {o["code"] for o in orgs}
    for o in orgs:
        assert o["kind"] in ORG_KINDS, o["id"]
        assert o["sector"] in SECTORS, o["id"]
        assert o["name"], o["id"]
        if o.get("country") is not None:
            assert _valid_iso3(o["country"]), o["id"]
        for m in o.get("members") or []:
            assert _valid_iso3(m) or m in codes, f"{o['id']}: bad member {m}"
    for kind in ("MED",):
        for o in orgs:
            if o["kind"] == kind:
                assert o["sector"] == "MED", o["id"]


# --------------------------------------------------------------------------- countries


def test_countries_extra(countries):
    rows = countries["countries"]
    _assert_unique([c["iso3"] for c in rows], "country iso3")
    for c in rows:
        assert _valid_iso3(c["iso3"]), c["iso3"]
        assert c["names"], c["iso3"]
        for key in ("demonyms", "capital_aliases", "government_metonyms"):
            assert isinstance(c.get(key, []), list), (c["iso3"], key)
    # every UN member state is present, plus the documented non-members
    present = {c["iso3"] for c in rows}
    assert len(UN_MEMBERS) == 193
    missing = (UN_MEMBERS | {"TWN", "PSE", "XKX", "VAT"}) - present
    assert not missing, sorted(missing)
    # a name must not point at two countries
    _assert_unique([n.lower() for c in rows for n in c["names"]], "country names")


def test_regions(countries):
    regions = countries["regions"]
    _assert_unique([r["code"] for r in regions], "region codes")
    for r in regions:
        assert not _valid_iso3(r["code"]), f"region code {r['code']} collides with a country"
        assert r["words"], r["code"]
    _assert_unique([w.lower() for r in regions for w in r["words"]], "region words")


def test_peoples_name_real_countries_once():
    rows = _load("peoples.yaml")
    codes = {c.alpha_3 for c in pycountry.countries}
    names = [n.casefold() for r in rows for n in r["names"]]
    assert rows and all(r["iso3"] in codes for r in rows)
    assert len(names) == len(set(names))
