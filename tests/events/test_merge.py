"""What counts as an event: the no-party rule and the merging of restatements (sentences written for these
tests)."""

from __future__ import annotations

import pytest

from eventwire.api import code_text
from eventwire.events.merge import (
    NO_COUNTERPART,
    NO_PARTY,
    NO_POLITICAL_PARTY,
    merge_mentions,
    split_partyless,
)
from eventwire.records import Actor, Event, TextSpan, TimeRef


def actor(i: str, country: str | None = None, org: str | None = None, sector: str | None = None) -> Actor:
    return Actor(id=i, name=i, country=country, org=org, sector=sector)


ACTORS = {
    "A1": actor("A1", "TCD", sector="MIL"),
    "A2": actor("A2", "TCD", sector="GOV"),
    "A3": actor("A3", "SDN"),
    "A4": actor("A4", "NER"),
    "A5": actor("A5"),  # "a gunman": no code
    "A6": actor("A6", org="UNO", sector="IGO"),
    "B1": actor("B1", "TCD", org="BUS-ACME", sector="BUS"),  # a carmaker
    "B2": actor("B2", "SDN", org="MED-DAILY", sector="MED"),  # a newspaper
    "b3": actor("b3", "SDN", sector="MED"),  # one of its reporters (a person: lower-case id)
}


def event(at: int, etype: str = "ASSAULT", actors=(), recipients=(), status="asserted", date=None) -> Event:
    span = TextSpan("x", [at, at + 1])
    when = TimeRef(date, [0, 1], date, "day", "explicit") if date else None
    return Event(
        id="",
        type=etype,
        trigger=span,
        sentence=span,
        actors=list(actors),
        recipients=list(recipients),
        status=status,
        date=when,
    )


def test_an_event_without_a_coded_party_is_a_candidate_only():
    kept, dropped = split_partyless(
        [event(0, actors=["A5"]), event(5), event(9, actors=["A6"]), event(12, recipients=["A3"])], ACTORS
    )
    assert [e.trigger.span[0] for e in kept] == [9, 12]
    assert [e.trigger.span[0] for e in dropped] == [0, 5]
    assert all(e.dropped == NO_PARTY for e in dropped)


def test_companies_and_media_acting_among_themselves_are_no_political_event():
    kept, dropped = split_partyless(
        [
            event(0, "ACCUSE", actors=["B1"], recipients=["B2"]),  # the carmaker sued the newspaper
            event(5, "AGREE", actors=["B1"]),  # the carmaker agreed to buy a supplier
            event(9, "COERCE", recipients=["B2"]),  # the newspaper was banned (by someone unnamed)
            event(12, "ACCUSE", actors=["B1"], recipients=["A2"]),  # the carmaker sued the government
            event(15, "CONSULT", actors=["b3"], recipients=["B1"]),  # a reporter met the carmaker's chief
        ],
        ACTORS,
    )
    assert [e.trigger.span[0] for e in kept] == [9, 12, 15]
    assert [(e.trigger.span[0], e.dropped) for e in dropped] == [
        (0, NO_POLITICAL_PARTY),
        (5, NO_POLITICAL_PARTY),
    ]


def test_a_consultation_needs_a_counterpart():
    one_side = event(0, "CONSULT", actors=["A1", "A2"])  # "Chad's army chief and its minister discussed it"
    two_sides = event(5, "CONSULT", actors=["A1", "A3"])  # "Chad and Sudan held talks"
    with_recipient = event(9, "CONSULT", actors=["A1"], recipients=["A4"])  # "Chad's general visited Niger"
    body = event(12, "CONSULT", actors=["A6"])  # "the UN council met"
    other_type = event(15, "ACCUSE", actors=["A1"])
    kept, dropped = split_partyless([one_side, two_sides, with_recipient, body, other_type], ACTORS)
    assert [e.trigger.span[0] for e in kept] == [5, 9, 12, 15]
    assert [(e.trigger.span[0], e.dropped) for e in dropped] == [(0, NO_COUNTERPART)]


@pytest.mark.model
def test_a_spokesman_discussing_a_situation_is_no_consultation():
    record = code_text(
        "On Monday a Chadian government spokesman discussed the situation in the capital with reporters.",
        published="2023-03-15",
    )
    assert not [e for e in record.events if e.type == "CONSULT"]
    assert ("CONSULT", NO_COUNTERPART) in [(c.type, c.dropped) for c in record.event_candidates]


def test_restatements_of_one_happening_are_one_event_with_its_mentions():
    merged = merge_mentions(
        [
            event(40, actors=["A2"], recipients=["A3"]),  # later: the government's attack on Sudan
            event(0, actors=["A1"], recipients=["A3"]),  # headline
            event(20, recipients=["A3"]),  # "the attack on Sudanese villages"
        ],
        ACTORS,
        references=frozenset({20, 40}),  # both later mentions refer back ("the attack")
    )
    assert len(merged) == 1
    (e,) = merged
    assert e.trigger.span == [0, 1] and e.num_mentions == 3
    assert [m.trigger.span[0] for m in e.mentions] == [0, 20, 40]
    assert e.actors == ["A1", "A2"] and e.recipients == ["A3"]


@pytest.mark.parametrize(
    "other",
    [
        event(30, "CONSULT", actors=["A1"], recipients=["A3"]),  # another type
        event(30, actors=["A4"], recipients=["A3"]),  # another actor
        event(30, actors=["A1"], recipients=["A4"]),  # another recipient
        event(30, actors=["A1"], recipients=["A3"], status="hypothetical"),  # not stated as fact
        event(30, actors=["A1"], recipients=["A3"], date="2023-03-02"),  # another day
        event(30, actors=["A6"]),  # no party in common
    ],
)
def test_other_happenings_stay_apart(other):
    first = event(0, actors=["A1"], recipients=["A3"], date="2023-03-01")
    assert len(merge_mentions([first, other], ACTORS, references=frozenset({30}))) == 2


def test_a_new_clause_in_another_sentence_is_a_new_event_unless_it_refers_back():
    first, again = event(0, actors=["A1"], recipients=["A3"]), event(30, actors=["A1"], recipients=["A3"])
    assert len(merge_mentions([first, again], ACTORS)) == 2  # "... shelled Vesna again on Friday"
    assert len(merge_mentions([first, again], ACTORS, references=frozenset({30}))) == 1  # "the shelling"


def test_a_planned_and_an_asserted_mention_merge_as_asserted():
    (e,) = merge_mentions(
        [event(0, actors=["A1"], status="planned"), event(9, actors=["A1"])],
        ACTORS,
        references=frozenset({9}),
    )
    assert e.status == "asserted" and e.mentions[0].status == "planned"


def test_nested_party_lists_are_one_meeting():
    back = frozenset({9})
    merged = merge_mentions(
        [event(0, "CONSULT", actors=["A1", "A3"]), event(9, "CONSULT", actors=["A2", "A3", "A4"])],
        ACTORS,
        back,
    )
    assert len(merged) == 1
    merged = merge_mentions(
        [event(0, "CONSULT", actors=["A1", "A3"]), event(9, "CONSULT", actors=["A3", "A4"])], ACTORS, back
    )
    assert len(merged) == 2


@pytest.mark.model
def test_a_meeting_nobody_is_named_at_is_no_event():
    record = code_text("A meeting was held on Tuesday afternoon behind closed doors.", published="2023-03-15")
    assert record.events == []
    assert [(c.type, c.dropped) for c in record.event_candidates] == [("CONSULT", NO_PARTY)]


@pytest.mark.model
def test_an_attack_and_the_reference_back_to_it_are_one_event_and_a_new_attack_another():
    text = (
        "Chadian troops attacked rebel positions near Abeche on Monday.\n\n"
        "The army said the attack by Chadian troops began at dawn.\n\n"
        "Chadian troops attacked the positions again on Friday, residents said."
    )
    record = code_text(text, published="2023-03-15")
    assaults = [e for e in record.events if e.type == "ASSAULT"]
    assert [e.num_mentions for e in assaults] == [2, 1]
    assert assaults[0].trigger.text == "attacked"
    assert assaults[0].mentions[1].trigger.text == "attack"


@pytest.mark.model
def test_two_verbs_of_one_attack_in_one_sentence_are_one_event():
    record = code_text(
        "Chadian troops attacked and shelled a rebel camp near Abeche on Monday.", published="2023-03-15"
    )
    assaults = [e for e in record.events if e.type == "ASSAULT"]
    assert [e.num_mentions for e in assaults] == [2]
