"""The speaker of a quotation is the actor of what it does by being said: "We condemn ...", "I urge ..."
(sentences written for these tests)."""

from __future__ import annotations

import pytest

from eventwire.api import code_text

pytestmark = pytest.mark.model

INTRO = "Kenyan Foreign Minister Amina Odhiambo spoke in Nairobi on Monday. "


def events_of(text: str) -> list[tuple[str, str, list[str], list[str]]]:
    record = code_text(INTRO + text, published="2022-01-26")
    return [(e.type, e.trigger.text, e.actors, e.recipients) for e in record.events]


def test_a_performative_in_a_quotation_is_the_speakers_act():
    found = events_of('"We condemn the attack on the port by Somalia," Odhiambo said.')
    assert any(t == "ACCUSE" and w == "condemn" and a == ["person:amina-odhiambo"] for t, w, a, _ in found)


def test_a_performative_after_the_attribution_that_interrupts_a_quotation():
    found = events_of('"The port is calm," Odhiambo said. "We condemn the attack on it by Somalia."')
    assert any(t == "ACCUSE" and a == ["person:amina-odhiambo"] for t, _, a, _ in found)


@pytest.mark.parametrize(
    "quote",
    [
        '"We will condemn any attack by Somalia," Odhiambo said.',  # a modal: a statement about an act
        '"Do we condemn the attack by Somalia?" Odhiambo asked.',  # a question
        '"If Somalia attacks, we condemn it," Odhiambo said.',  # a condition
        '"They said that we condemn Somalia," Odhiambo said.',  # a subordinate clause
    ],
)
def test_first_person_statements_that_do_not_perform_the_act_are_no_performatives(quote):
    from eventwire.events.performative import is_performative_subject
    from eventwire.nlp import load

    doc = load()(INTRO + quote)
    quoted = (doc.text.index('"'), doc.text.rindex('"'))
    we = [t for t in doc if t.lower_ == "we"]
    assert we and not any(is_performative_subject(t, quoted) for t in we)


@pytest.mark.parametrize(
    ("quote", "status"),
    [
        ('"We will condemn any attack by Somalia," Odhiambo said.', "planned"),
        ('"If Somalia attacks, we condemn it," Odhiambo said.', "conditional"),
    ],
)
def test_a_first_person_statement_about_an_act_keeps_the_status_of_its_clause(quote, status):
    record = code_text(INTRO + quote, published="2022-01-26")
    assert [e.status for e in record.events if e.type == "ACCUSE"] == [status]
