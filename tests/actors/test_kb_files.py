"""The organisation files beside organizations.yaml (parties, companies, other bodies): they load, no alias
names two entries, and a party or a company named in a sentence becomes a coded actor."""

from __future__ import annotations

import pycountry
import pytest

from eventwire.lookups.kb import ORG_FILES, Org, alias_clashes, load_kb, org_surfaces, read_orgs, surface_key

ORG_KINDS = {"IGO", "NGO", "REB", "PTY", "MED", "BUS", "GOV"}
SECTORS = set("GOV MIL LEG JUD COP SPY OPP PTY REB INS BUS MED CVL REF EDU REL HLH LAB NGO IGO".split())
NEW_FILES = ("parties.yaml", "companies.yaml", "bodies.yaml")


def _iso3(code: str) -> bool:
    return code == "XKX" or pycountry.countries.get(alpha_3=code) is not None


@pytest.fixture(scope="module")
def orgs() -> list[Org]:
    return read_orgs()


def test_every_listed_file_is_read(orgs):
    assert set(NEW_FILES) <= set(ORG_FILES)
    by_file = {name: [o for o in orgs if o.source == name] for name in ORG_FILES}
    assert all(by_file[name] for name in ORG_FILES), {k: len(v) for k, v in by_file.items()}
    assert len({o.code for o in orgs}) == len(orgs), "an organisation code is used twice"
    assert len({o.id for o in orgs}) == len(orgs), "an organisation id is used twice"


def test_parties_and_companies_have_their_kind_and_a_country(orgs):
    for org in orgs:
        assert org.kind in ORG_KINDS and org.sector in SECTORS, org.id
        assert org.country is None or _iso3(org.country), org.id
        if org.source == "parties.yaml":
            assert (org.kind, org.sector) == ("PTY", "PTY") and org.country, org.id
        if org.source == "companies.yaml":
            assert (org.kind, org.sector) == ("BUS", "BUS") and org.country, org.id


def test_no_code_is_a_country_code(orgs):
    """An organisation's code is its actor id: a code equal to a country's would merge the two actors."""
    assert [o.code for o in orgs if _iso3(o.code)] == []


def test_a_code_is_an_alias_on_purpose_or_matches_no_text(orgs):
    """Codes are matched like aliases: a code that is neither the name nor an alias ("APPLE") must not
    look like a word of the text; a hyphened key ("BUS-APPLE", "GBR-LAB") does not."""
    loose = [
        o.code
        for o in orgs
        if o.source in NEW_FILES and o.code not in (o.name, *o.aliases) and "-" not in o.code
    ]
    assert loose == []


def test_an_alias_two_organisations_share_is_caught():
    a = Org("zz_lab", "ZZA-LAB", "Labour Party (Zedland)", ("Labour Party",), "PTY", "PTY", "ATA")
    b = Org("yy_lab", "YYB-LAB", "Labour Party (Wyland)", ("labour party",), "PTY", "PTY", "BVT")
    c = Org("yy_co", "YYCO", "Wyland Motor Works", ("WMW",), "BUS", "BUS", "BVT")
    clashes = alias_clashes([a, b, c])
    assert len(clashes) == 1 and "labour party" in clashes[0] and "YYB-LAB" in clashes[0]


def test_the_data_files_share_no_alias(orgs):
    assert alias_clashes(orgs) == []


def test_a_new_alias_means_nothing_else_in_the_knowledge_base(orgs):
    """A party's or company's name is no country's, person's or place's name too."""
    kb = load_kb()
    clashes = []
    for org in orgs:
        if org.source not in NEW_FILES:
            continue
        for surface in org_surfaces(org):
            key = surface_key(surface)
            found = kb.exact.get(key, []) + kb.folded.get(key, [])
            if any(not (e.kind == "org" and e.key == org.code) for e in found):
                clashes.append((org.code, surface))
    assert clashes == []


def test_ambiguous_party_names_are_no_aliases():
    """Names several countries' parties bear, and the US plural shared with other countries' parties."""
    kb = load_kb()
    shared = ("Labour Party", "Conservative Party", "Labor Party", "Social Democrats", "Democrats", "Labour")
    for name in shared:
        assert not [e for e in kb.entries(name) if e.kind == "org"], name


@pytest.mark.model
def test_a_party_and_a_company_named_in_sentences_are_coded_actors():
    from eventwire.api import CodeOptions, code_text

    text = (
        "The Scottish National Party accused the Bharatiya Janata Party of ignoring the report. "
        "Volkswagen and Petrobras signed a supply deal on Tuesday, and the Likud welcomed it."
    )
    record = code_text(text, published="2024-05-02", options=CodeOptions(stages=["actors"]))
    coded = {a.name: (a.country, a.sector) for a in record.actors}
    assert coded["Scottish National Party"] == ("GBR", "PTY")
    assert coded["Bharatiya Janata Party"] == ("IND", "PTY")
    assert coded["Volkswagen"] == ("DEU", "BUS")
    assert coded["Petrobras"] == ("BRA", "BUS")
    assert coded["Likud"] == ("ISR", "PTY")


@pytest.mark.model
def test_an_agency_and_a_federation_are_coded_with_country_or_sector():
    from eventwire.api import CodeOptions, code_text

    text = "FIFA suspended the federation after the FBI arrested two of its officials in Zurich."
    record = code_text(text, published="2015-05-27", options=CodeOptions(stages=["actors"]))
    coded = {a.name: (a.country, a.sector) for a in record.actors}
    assert coded["FIFA"] == (None, "NGO")
    assert coded["Federal Bureau of Investigation"] == ("USA", "COP")
