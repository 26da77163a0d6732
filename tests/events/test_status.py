"""Status: what is asserted, and what is only asked, forecast, habitual, conditional or denied (sentences
written for these tests; lexicon rules only, see conftest.py)."""

from __future__ import annotations

import pytest

from eventwire.api import code_text

pytestmark = pytest.mark.model


def coded(text: str):
    record = code_text(text, published="2023-03-15")
    codes = {a.id: (a.country or a.org) for a in record.actors}
    return [(e.type, e.status, sorted(codes[x] for x in e.actors)) for e in record.events]


def statuses(text: str, etype: str) -> list[str]:
    """The statuses of the events and set-aside candidates of one type."""
    record = code_text(text, published="2023-03-15")
    return [e.status for e in (*record.events, *record.event_candidates) if e.type == etype]


def test_a_question_is_not_an_assertion():
    found = coded("Will Chile send troops to the Bolivian border?")
    assert found and all(status == "hypothetical" for _, status, _ in found)
    assert "AGREE" not in [t for t, _, _ in found]  # no intent is derived from a question


@pytest.mark.parametrize("modal", ["could", "might", "may"])
def test_modals_of_possibility_are_hypothetical(modal):
    found = coded(f"Iran {modal} attack the tankers in the Gulf, officials in Oman said.")
    assert ("ASSAULT", "hypothetical", ["IRN"]) in found


@pytest.mark.parametrize(
    "text",
    [
        "Chile's president is looking forward to meeting the Bolivian envoy.",
        "Chile awaits the withdrawal of Bolivian troops from the border.",
    ],
)
def test_an_anticipated_act_is_not_asserted(text):
    found = coded(text)
    assert found and all(status == "hypothetical" for _, status, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "Chile's president invited the Bolivian envoy to visit Santiago.",
        "Chile encouraged Bolivia to hold talks with Peru.",
    ],
)
def test_an_act_someone_is_invited_or_encouraged_to_do_is_not_asserted(text):
    assert statuses(text, "CONSULT") == ["hypothetical"]


@pytest.mark.parametrize(
    ("text", "etype", "status"),
    [
        ("Chile's envoy said possible sanctions against Bolivia were discussed.", "SANCTION", "hypothetical"),
        ("Chile faces a threatened boycott by Bolivian unions.", "REJECT", "hypothetical"),
        ("Chile announced the planned withdrawal of its troops from Bolivia.", "RETREAT", "planned"),
    ],
)
def test_a_nominal_event_modified_as_a_prospect_or_a_plan(text, etype, status):
    assert [s for t, s, _ in coded(text) if t == etype] == [status]


@pytest.mark.parametrize(
    "text",
    [
        "Chile's army has not commented on the Bolivian attack on the border post.",
        "Officials in Chile said the Bolivian attack on the border post may have been a mistake.",
    ],
)
def test_a_definite_nominal_event_is_presupposed_whatever_its_clause(text):
    assert [s for t, s, _ in coded(text) if t == "ASSAULT"] == ["asserted"]


@pytest.mark.parametrize(
    ("text", "etype", "status"),
    [
        ("Bolivia did not attack the border post in Chile.", "ASSAULT", "negated"),
        ("Bolivia might attack the border post in Chile.", "ASSAULT", "hypothetical"),
        ("Chile wants the withdrawal of Bolivian troops from the border.", "RETREAT", "hypothetical"),
        ("Bolivia is not going to pull its soldiers out of the border zone.", "RETREAT", "negated"),
        ("Bolivia never agreed to withdraw the soldiers it sent to the border.", "RETREAT", "negated"),
        ("Chile is not at any stage of negotiations with Bolivia.", "CONSULT", "negated"),
        ("Lawyers in Chile said the decree could be used to detain Bolivians.", "COERCE", "hypothetical"),
        ("The Bolivian army will deploy troops to attack the rebels in Chile.", "ASSAULT", "planned"),
        ("A Chilean decree allows the police to detain Bolivian traders.", "COERCE", "hypothetical"),
    ],
)
def test_verbs_and_requested_acts_keep_their_clause_status(text, etype, status):
    found = statuses(text, etype)
    assert found and found[0] == status


def test_what_is_likely_to_happen_is_a_forecast():
    assert statuses("Chilean officials are likely to face charges from Peru.", "ACCUSE") == ["hypothetical"]


def test_what_is_to_be_done_is_planned_and_states_no_intent():
    found = coded("The Chilean government is to hold talks with Bolivia.")
    assert [s for t, s, _ in found if t == "CONSULT"] == ["planned"]
    assert "AGREE" not in [t for t, _, _ in found]  # the report's arrangement, not the actor's pledge


def test_looking_at_something_is_no_anticipation():
    found = coded("Chile's president looked at the report and met the Bolivian envoy.")
    assert [s for t, s, _ in found if t == "CONSULT"] == ["asserted"]


def test_a_habit_is_generic_and_not_counted():
    found = coded("Kenyan police routinely detain opposition activists in Nairobi.")
    assert [s for t, s, _ in found if t == "COERCE"] == ["generic"]


def test_a_forecast_by_others_is_no_threat():
    found = coded("Analysts in Paris said Algeria would close the border if the talks failed.")
    assert "THREATEN" not in [t for t, _, _ in found]
    assert all(status != "asserted" for _, status, _ in found)


def test_the_actor_stating_its_own_conditional_act_threatens():
    found = coded("Algeria said it would close its border with Morocco if the raids continued.")
    assert ("THREATEN", "asserted", ["DZA"]) in found


def test_would_of_others_is_hypothetical_but_of_the_actor_planned():
    def withdrawal(text: str) -> list[str]:
        record = code_text(text, published="2023-03-15")
        return [
            e.status for e in record.events if e.trigger.text.startswith("withdraw") and "+" not in e.rule
        ]

    assert withdrawal("Observers in Geneva said Peru would withdraw its envoy from Quito.") == [
        "hypothetical"
    ]
    assert withdrawal("Peru said it would withdraw its envoy from Quito.") == ["planned"]


def test_negation_of_a_complement_does_not_negate_the_request():
    found = coded("Serbia has sought assurances that Kosovo will not join the alliance.")
    assert [s for t, s, _ in found if t == "REQUEST"] == ["asserted"]


def test_a_denied_act_is_negated_and_the_denial_is_a_rejection():
    record = code_text(
        "Rwanda denied that Rwandan troops had attacked the town of Goma.", published="2023-03-15"
    )
    statuses = {(e.type, e.status) for e in [*record.events, *record.event_candidates]}
    assert ("REJECT", "asserted") in statuses
    assert ("ASSAULT", "negated") in statuses


def test_an_event_noun_with_no_is_negated():
    found = coded("Ecuador has given no assurances to Peru about the border.")
    assert [s for t, s, _ in found if t == "AGREE" and s != "asserted"] == ["negated"]


def test_what_is_insisted_on_has_not_happened():
    record = code_text("Peru insisted on an apology from Chile.", published="2023-03-15")
    statuses = {(e.type, e.status) for e in record.events}
    assert ("REQUEST", "asserted") in statuses and ("SUPPORT", "hypothetical") in statuses


def test_an_act_a_verb_of_prevention_keeps_from_happening_is_not_asserted():
    def assaults(text: str) -> list[str]:
        record = code_text(text, published="2023-03-15")
        return [e.status for e in [*record.events, *record.event_candidates] if e.type == "ASSAULT"]

    assert assaults("Chad deployed troops to prevent attacks by Sudanese militias on the camps.") == [
        "negated"
    ]
    assert assaults("Nigerian troops attacked a militia camp to prevent further raids.")[0] == "asserted"


def test_a_negative_quantifier_subject_negates_the_act():
    record = code_text("Kenyan police raided the camp, but no one was arrested.", published="2023-03-15")
    statuses = {e.trigger.text: e.status for e in [*record.events, *record.event_candidates]}
    assert statuses.get("arrested") == "negated"
    record = code_text("Nobody attacked the Chilean convoy.", published="2023-03-15")
    found = [*record.events, *record.event_candidates]
    assert [e.status for e in found if e.type == "ASSAULT"] == ["negated"]


def test_an_act_named_with_any_is_no_specific_happening():
    # "any attack", "any military action": a kind of act, not one that took place
    found = coded("Chile said it opposes any military attack on Bolivian territory.")
    assert ("ASSAULT", "asserted") not in [(t, s) for t, s, _ in found]
    found = coded("Chilean jets carried out an attack on Bolivian territory.")
    assert ("ASSAULT", "asserted") in [(t, s) for t, s, _ in found]


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("Chile said there is no evidence that Bolivian troops attacked the border post.", "ASSAULT"),
        ("Chile has no timetable for a withdrawal of the soldiers it sent to the border.", "RETREAT"),
        ("Peru says there is no order that permits firing on protesters.", "ASSAULT"),
    ],
)
def test_what_a_noun_with_no_is_about_is_negated_and_no_refusal(text, etype):
    record = code_text(text, published="2023-03-15")
    assert [e.status for e in (*record.events, *record.event_candidates) if e.type == etype] == ["negated"]
    assert not [e for e in record.events if e.rule.endswith("+refusal")]


@pytest.mark.parametrize(
    "text",
    [
        "There is still no word on why Chile refused the offer from Peru.",  # a question about the act
        "Chile says Peru has no right to demand a withdrawal of its troops.",  # the statement is the act
    ],
)
def test_a_noun_with_no_leaves_presupposed_acts_and_statements_alone(text):
    record = code_text(text, published="2023-03-15")
    found = [e.status for e in (*record.events, *record.event_candidates) if e.type in ("REJECT", "REQUEST")]
    assert found and "negated" not in found


@pytest.mark.parametrize(
    "text",
    [
        "A bus crash on the highway to Mombasa killed six Kenyan soldiers.",
        "Floods destroyed a Kenyan police station near Garissa.",
    ],
)
def test_an_accident_or_a_disaster_is_no_party_acting(text):
    record = code_text(text, published="2023-03-15")
    assert not record.events
    assert any("accident" in (c.dropped or "") for c in record.event_candidates)


def test_coordinated_infinitives_share_the_permission():
    found = statuses("A Chilean decree allows the police to search and detain Bolivian traders.", "COERCE")
    assert found and set(found) == {"hypothetical"}


@pytest.mark.parametrize(
    "text, etype, status",
    [
        # the second verb of a request shares it: withdrawing is asked for, not done
        (
            "Chile urged Bolivia to recall its envoy and withdraw its troops from the border.",
            "RETREAT",
            "hypothetical",
        ),
        # the second verb after "will" is planned with the first
        ("Chile will close the border and expel the Bolivian consul.", "COERCE", "planned"),
    ],
)
def test_a_later_bare_verb_shares_the_status_of_the_first_conjunct(text, etype, status):
    found = statuses(text, etype)
    assert found and set(found) == {status}


def test_a_later_verb_with_its_own_tense_keeps_its_own_status():
    found = statuses("Chile would recall its envoy, and expelled the Bolivian consul on Monday.", "COERCE")
    assert found == ["asserted"]
