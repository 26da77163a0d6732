"""Actors the article names without a nationality, organs of organisations and affiliations in a person's
apposition (sentences written for these tests)."""

from __future__ import annotations

import pytest

from eventwire.actors.home import home_country
from eventwire.api import code_text
from eventwire.records import Actor

pytestmark = pytest.mark.model


def actors(text: str):
    return {a.name: a for a in code_text(text, published="2023-03-15").actors}


def test_police_and_people_of_a_one_country_report_belong_to_it():
    found = actors(
        "Police in Peru detained a union leader on Monday. Peru's government said the strike was illegal. "
        "Juan Quispe, the leader's lawyer, said the arrest was political."
    )
    assert found["Juan Quispe"].country == "PER"
    assert any(a.country == "PER" and a.sector == "COP" for a in found.values())
    assert any("country of the article: PER" in h for a in found.values() for h in a.how)


def test_no_home_country_when_two_countries_are_named_as_often():
    found = actors("Chile and Peru traded accusations on Monday. Officials met Ana Rojas in the afternoon.")
    assert found["Ana Rojas"].country is None


def test_an_office_holder_takes_the_only_country_named_even_once():
    found = actors(
        "Kenyan President Amos Kiprono opened the new port on Monday. "
        "Interior minister Ruth Wanjiru said the road to it would be finished in May."
    )
    assert found["Ruth Wanjiru"].country == "KEN"
    assert any("office holder" in h for h in found["Ruth Wanjiru"].how)


def test_police_take_the_only_country_named_even_once():
    found = code_text(
        "Kenyan President Amos Kiprono opened the new port on Monday. Police arrested twelve dock workers.",
        published="2023-03-15",
    ).actors
    assert any(a.id == "KEN.COP" and "official role group" in a.how[0] for a in found)


def test_a_private_person_does_not_take_a_country_named_only_once():
    found = actors("Kenyan President Amos Kiprono opened the new port. Ruth Wanjiru, a fisher, watched it.")
    assert found["Ruth Wanjiru"].country is None


def test_an_organ_of_the_un_is_coded_un_and_keeps_its_own_id():
    found = code_text("The UN Security Council condemned the shelling of the port.", published="2023-03-15")
    council = next(a for a in found.actors if a.id == "UNSC")
    assert council.org == "UN" and "part of UN" in council.how[0]


def test_an_outlet_in_an_apposition_is_the_persons_affiliation():
    found = actors("Omar Nasser, Al Jazeera's bureau chief, criticised the new press law in Cairo.")
    assert found["Omar Nasser"].org == "ALJAZEERA" and found["Omar Nasser"].country == "QAT"


def test_an_officials_organisation_is_not_replaced_by_the_country_of_the_sentence():
    found = actors("Lena Berg, a spokeswoman for the World Health Organization, criticized Brazil on Monday.")
    assert found["Lena Berg"].org == "UN" and found["Lena Berg"].country is None


def _actor(code: str, mentions: int) -> Actor:
    return Actor(id=code, name=code, country=code, mentions=[[i, i + 1] for i in range(mentions)])


@pytest.mark.parametrize(
    ("counts", "home"),
    [
        ({"KEN": 3}, "KEN"),  # one country only
        ({"KEN": 4, "UGA": 2, "TZA": 2}, "KEN"),  # half of the mentions and more than any other
        ({"KEN": 3, "UGA": 3}, None),  # a tie: two countries named as often, no home
        ({"KEN": 2, "UGA": 2, "TZA": 1}, None),  # a tie at the top, whatever the share
        ({"KEN": 2, "UGA": 1, "TZA": 1, "ETH": 1}, None),  # 2 of 5 is not more than the minimum share
        ({"KEN": 1}, None),  # a single mention
    ],
)
def test_the_home_country_is_the_one_named_most_and_often_enough(counts, home):
    assert home_country([_actor(code, n) for code, n in counts.items()])[0] == home
