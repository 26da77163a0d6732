from __future__ import annotations

import json

import pytest

from eventwire.errors import ContractError
from eventwire.records import (
    SCHEMA,
    Actor,
    Article,
    Event,
    Place,
    Quote,
    Record,
    TextSpan,
    TimeRef,
    validate,
)

TEXT = "Officials from Russia and France met in Paris on Wednesday. “Good talks,” he said."


def full_record() -> Record:
    article = Article(
        id="a1",
        hash="h1",
        source="x.txt",
        text=TEXT,
        title="T",
        credits=["Reuters"],
        published="2022-01-26",
        language="en",
    )
    wed = TimeRef(text="Wednesday", span=[48, 57], value="2022-01-26", precision="day", anchor="published")
    return Record(
        article=article,
        actors=[
            Actor(id="RUS", name="Russia", country="RUS", sector="GOV", mentions=[[15, 21]]),
            Actor(id="FRA", name="France", country="FRA", sector="GOV", mentions=[[26, 32]]),
        ],
        places=[
            Place(
                id="p1",
                text="Paris",
                span=[40, 45],
                name="Paris",
                kind="city",
                country="FRA",
                lat=48.85,
                lon=2.35,
                geonames_id=2988507,
            )
        ],
        quotes=[
            Quote(
                id="q1",
                text="Good talks,",
                span=[60, 71],
                speaker="RUS",
                speaker_text="he",
                cue="said",
                date=wed,
            )
        ],
        times=[wed],
        events=[
            Event(
                id="e1",
                type="CONSULT",
                trigger=TextSpan("met", [33, 36]),
                sentence=TextSpan(TEXT[:58], [0, 58]),
                actors=["RUS", "FRA"],
                date=wed,
                place="p1",
                cameo="040",
                quad_class=1,
                goldstein=1.0,
                confidence=0.9,
                rule="en.consult.meet",
            )
        ],
    )


def test_round_trip_is_exact():
    rec = full_record()
    again = Record.from_json(rec.to_json())
    assert again == rec
    assert json.loads(rec.to_json())["schema"] == SCHEMA


def test_record_keys_follow_the_contract():
    data = full_record().to_dict()
    assert list(data) == [
        "schema",
        "article",
        "actors",
        "events",
        "quotes",
        "times",
        "places",
        "caption_places",
        "event_candidates",
    ]
    for key in (
        "id",
        "hash",
        "source",
        "title",
        "outlet",
        "byline",
        "credits",
        "published",
        "published_inferred",
        "language",
        "text",
        "captions",
        "removed",
    ):
        assert key in data["article"]
    assert set(data["events"][0]) >= {
        "id",
        "type",
        "mode",
        "context",
        "actors",
        "recipients",
        "status",
        "date",
        "place",
        "cameo",
        "quad_class",
        "goldstein",
        "trigger",
        "sentence",
        "quote",
        "confidence",
        "rule",
    }


def test_unknown_keys_are_accepted_for_forward_compatibility():
    data = full_record().to_dict()
    data["article"]["added_later"] = 1
    assert Record.from_dict(data).article.id == "a1"


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d.update(schema="eventwire.record/9"), "schema"),
        (lambda d: d["article"].pop("text"), "article.text is missing"),
        (lambda d: d["events"][0].update(status="rumoured"), "status"),
        (lambda d: d["events"][0].update(type="INVADE"), "type"),
        (lambda d: d["events"][0]["trigger"].update(span=[33, 999]), "not a span inside"),
        (lambda d: d["events"][0].update(actors=["XYZ"]), "not in record.actors"),
        (lambda d: d["events"][0].update(quad_class=7), "quad_class"),
        (lambda d: d["times"][0].update(precision="hour"), "precision"),
        (lambda d: d["quotes"][0].update(direct="yes"), "direct must be bool"),
        (lambda d: d["places"][0].update(lat="48.8"), "lat must be a number"),
        (
            lambda d: d.update(caption_places=[{**d["places"][0], "caption": 5}]),
            "not an index of article.captions",
        ),
        (
            lambda d: d.update(caption_places=[{**d["places"][0], "caption": None}]),
            "not an index of article.captions",
        ),
    ],
)
def test_validate_names_the_problem(mutate, message):
    data = full_record().to_dict()
    mutate(data)
    with pytest.raises(ContractError, match=message):
        validate(data)


@pytest.mark.model
def test_a_coded_record_with_a_back_reference_reads_back():
    from eventwire.api import code_text

    rec = code_text(
        "The council met on March 3, 2021. The following month, it voted to close the bridge.",
        id="backref",
        published="2021-06-01",
    )
    assert any(t.anchor == "text" for t in rec.times)  # "the following month", counted from March 3
    assert Record.from_json(rec.to_json()) == rec
