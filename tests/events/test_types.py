"""Event types and statuses for constructions the PLOVER 2.0 definitions decide (sentences written for these
tests; installed spaCy pipeline)."""

from __future__ import annotations

import pytest

from .test_coder import events, first

pytestmark = pytest.mark.model


def types_of(text: str) -> list[tuple[str, str, str]]:
    found, _ = events(text)
    return [(f[0], f[1], f[4].trigger.text) for f in found]


# --- requests whose "for" the parser makes the mark of a clause ---------------------------------------
def test_a_request_for_a_party_to_act_is_a_request_to_that_party():
    _, status, actors, recipients, _ = first(
        "Britain is pressing for the United Nations to impose sanctions on Syria.", "REQUEST"
    )
    assert status == "asserted" and actors == ["GBR"] and "UN" in recipients


def test_what_is_called_for_is_hypothetical():
    _, status, actors, _, _ = first("Germany called for Russia to withdraw its troops.", "RETREAT")
    assert status == "hypothetical" and actors == ["RUS"]


def test_calling_for_an_act_is_a_request():
    found = types_of("France called for new elections in Chad.")
    assert ("REQUEST", "asserted") in [(t, s) for t, s, _ in found]


@pytest.mark.parametrize(
    "text",
    [
        "Reuters called the race for the incumbent governor of Chile on Monday.",  # a projection
        "The Chilean minister called the reporter for a second interview.",  # a summons
    ],
)
def test_call_with_its_object_before_for_is_no_request(text):
    assert "REQUEST" not in [t for t, _, _ in types_of(text)]


# --- military exercises: one country's are MOBILIZE, several countries' COOPERATE ----------------------
def test_war_games_of_two_countries_are_cooperation():
    _, status, actors, _, event = first(
        "Chinese and Russian navies began two weeks of war games in the Sea of Japan.", "COOPERATE"
    )
    assert status == "asserted" and actors == ["CHN", "RUS"] and "military" in event.context


def test_war_games_of_one_country_are_a_mobilization():
    found = types_of("Pakistan staged war games near the border on Monday.")
    assert [t for t, _, _ in found] == ["MOBILIZE"]


def test_drills_with_a_partner_are_cooperation_with_it():
    _, _, actors, recipients, _ = first("Russia held military drills with Belarus on Monday.", "COOPERATE")
    assert actors == ["RUS"] and recipients == ["BLR"]


def test_a_nominal_event_counted_in_days_takes_the_subject_of_the_verb():
    _, _, actors, _, _ = first("India began three days of war games near the border.", "MOBILIZE")
    assert actors == ["IND"]


# --- requests and refusals --------------------------------------------------------------------------------
def test_a_reminder_is_a_request():
    _, status, _, recipients, _ = first(
        "The Canadian prime minister sent a sharp reminder to Serbia that it must respect the border.",
        "REQUEST",
    )
    assert status == "asserted" and recipients == ["SRB"]


def test_removing_trade_barriers_is_a_concession():
    _, status, actors, _, _ = first("Japan must remove barriers to American cars, officials said.", "CONCEDE")
    assert status == "hypothetical" and actors == ["JPN"]
    _, status, _, recipients, _ = first("The European Union removed sanctions on Belarus.", "CONCEDE")
    assert status == "asserted" and recipients == ["BLR"]


def test_an_act_said_to_be_out_of_the_question_is_refused_by_the_speaker():
    text = "Russia said withdrawing its troops from the border is out of the question."
    _, record = events(text)
    # the refused withdrawal names no party of its own: it is kept only as a candidate, negated
    assert ("RETREAT", "negated", "withdrawing its troops") in [
        (c.type, c.status, c.trigger.text) for c in record.event_candidates
    ]
    _, status, actors, _, _ = first(text, "REJECT")
    assert status == "asserted" and actors == ["RUS"]


def test_an_act_said_not_to_be_out_of_the_question_is_not_refused():
    found = types_of("Russia said withdrawing its troops from the border is not out of the question.")
    assert all(status != "negated" for _, status, _ in found)
    assert "REJECT" not in [t for t, _, _ in found]


# --- strikes ----------------------------------------------------------------------------------------------
def test_stopping_work_is_a_strike_against_the_home_country():
    text = "Thousands of dockworkers in Chile stopped work on Tuesday to protest against a new pension law."
    _, status, actors, recipients, event = first(text, "PROTEST")
    assert status == "asserted" and actors == ["CHL"] and recipients == ["CHL"]
    assert event.mode == "strike"
    # the purpose of stopping work is not negated by "stop"
    assert all(status != "negated" for _, status, _ in types_of(text))


def test_stopping_work_on_a_project_is_not_a_strike():
    assert "PROTEST" not in [t for t, _, _ in types_of("Iran stopped work on its nuclear plant in Arak.")]


def test_workers_affiliated_with_a_union_act_for_it():
    text = "Thousands of workers affiliated with the Chilean Workers' Union stopped work on Tuesday."
    _, _, actors, _, _ = first(text, "PROTEST")
    assert actors == ["CHL"]


def test_a_circumstance_of_a_stoppage_is_not_negated():
    text = (
        "Some 2,000 nurses in Peru stopped work on Monday in protest at a health accord signed by the"
        " Peruvian health minister."
    )
    found = types_of(text)
    assert ("SUPPORT", "asserted", "signed") in found and "REJECT" not in [t for t, _, _ in found]


# --- access, aid, return ----------------------------------------------------------------------------------
def test_receiving_observers_is_a_retreat_giving_access():
    _, status, _, recipients, event = first(
        "On Monday the Belarusian president received OSCE election observers in Minsk.", "RETREAT"
    )
    assert status == "asserted" and event.mode == "access" and "OSCE" in recipients


def test_receiving_an_envoy_is_still_a_consultation():
    assert [t for t, _, _ in types_of("The minister received the Chinese ambassador.")] == ["CONSULT"]


def test_handing_over_medicine_is_aid_and_handing_over_prisoners_is_not():
    _, _, _, recipients, _ = first(
        "Japanese volunteers handed over ten tons of medicine to the Red Cross in Haiti.", "AID"
    )
    assert recipients
    assert "AID" not in [t for t, _, _ in types_of("Rebels handed over two prisoners to the Red Cross.")]


def test_returning_somewhere_is_not_returning_something():
    found = types_of("Iranian and Iraqi diplomats return to Vienna next week for talks on the border.")
    assert [t for t, _, _ in found] == ["CONSULT"]
    returned = types_of("Iraq returned the bodies of 20 Kuwaiti soldiers to Kuwait.")
    assert "CONCEDE" in [t for t, _, _ in returned]


def test_a_measured_event_without_a_named_subject_keeps_its_participants():
    _, _, actors, _, _ = first(
        "The summit follows two rounds of talks last month involving Kenya and Ethiopia.", "CONSULT"
    )
    assert actors == ["ETH", "KEN"]


def test_an_act_beside_a_refusal_is_not_refused():
    text = "Chile rejected the Bolivian proposal, urging Bolivia to return to the negotiating table."
    _, status, _, _, _ = first(text, "REQUEST")
    assert status == "asserted"
