"""The query commands (`events`, `dyads`, `quotes`, `show`, `sql`) on a small store of records written here.

The articles are invented: two reports of a strike by Northland on Southland and a protest in Northland.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from eventwire.records import Actor, Article, Event, Place, Quote, Record, TextSpan, TimeRef
from eventwire.store import Store

TEXT_A = (
    "Northland's army shelled the border town of Kessel on Monday, Southland said. "
    "Southland's president Ana Ruiz condemned the attack. “This is a crime,” Ruiz said."
)
TEXT_B = "Thousands protested in Northland's capital on Friday against the war."


def _span(text: str, words: str) -> list[int]:
    at = text.index(words)
    return [at, at + len(words)]


def _event(
    eid, etype, text, trigger, actors, recipients, date, quad, goldstein, status="asserted", place=None
):
    sentence_end = text.index(".", text.index(trigger)) + 1
    return Event(
        id=eid,
        type=etype,
        trigger=TextSpan(trigger, _span(text, trigger)),
        sentence=TextSpan(text[:sentence_end], [0, sentence_end]),
        actors=actors,
        recipients=recipients,
        status=status,
        date=TimeRef(None, None, date, "day", "published"),
        quad_class=quad,
        goldstein=goldstein,
        cameo="195" if etype == "ASSAULT" else "111",
        place=place,
    )


def records() -> list[Record]:
    a = Record(
        article=Article(
            id="north-1",
            hash="h1",
            source="a.txt",
            text=TEXT_A,
            title="Border town shelled",
            published="2024-03-11",
            url="https://example.org/a",
        ),
        actors=[
            Actor(
                id="NTH.MIL",
                name="Northland's army",
                country="NTH",
                sector="MIL",
                mentions=[_span(TEXT_A, "Northland's army")],
            ),
            Actor(
                id="STH",
                name="Southland",
                country="STH",
                mentions=[_span(TEXT_A, "Southland")],
            ),
            Actor(
                id="person:ana-ruiz",
                name="Ana Ruiz",
                country="STH",
                role="president",
                mentions=[_span(TEXT_A, "Ana Ruiz")],
            ),
        ],
        events=[
            _event(
                "E1", "ASSAULT", TEXT_A, "shelled", ["NTH.MIL"], ["STH"], "2024-03-11", 4, -9.0, place="P1"
            ),
            _event(
                "E2", "ACCUSE", TEXT_A, "condemned", ["person:ana-ruiz"], ["NTH.MIL"], "2024-03-11", 3, -2.0
            ),
            _event(
                "E3",
                "ASSAULT",
                TEXT_A,
                "attack",
                ["NTH.MIL"],
                ["STH"],
                "2024-03-11",
                4,
                -9.0,
                status="hypothetical",
            ),
        ],
        quotes=[
            Quote(
                id="Q1",
                text="This is a crime,",
                span=_span(TEXT_A, "This is a crime,"),
                speaker="person:ana-ruiz",
                speaker_text="Ruiz",
                cue="said",
                speaker_how="named",
            )
        ],
        places=[
            Place(
                id="P1",
                text="Kessel",
                span=_span(TEXT_A, "Kessel"),
                name="Kessel",
                kind="town",
                country="STH",
                lat=50.0,
                lon=10.0,
            )
        ],
    )
    b = Record(
        article=Article(
            id="north-2", hash="h2", source="b.txt", text=TEXT_B, title="Protest", published="2024-03-15"
        ),
        actors=[Actor(id="NTH", name="Northland", country="NTH", mentions=[_span(TEXT_B, "Northland")])],
        events=[_event("E1", "PROTEST", TEXT_B, "protested", ["NTH"], ["NTH"], "2024-03-15", 3, -6.5)],
    )
    return [a, b]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "q.duckdb"
    with Store(path) as store:
        for r in records():
            store.write(r)
    return str(path)


def rows_json(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_events_by_actor_and_type_leave_out_uncounted_statuses(run_cli, db):
    code, out, _ = run_cli("events", "--db", db, "--actor", "NTH", "--type", "assault", "--format", "json")
    assert code == 0
    rows = rows_json(out)
    assert [(r["article_id"], r["event_id"]) for r in rows] == [("north-1", "E1")]
    assert rows[0]["place"] == "Kessel" and rows[0]["recipient"] == "STH" and rows[0]["date"] == "2024-03-11"
    code, out, _ = run_cli(
        "events", "--db", db, "--actor", "NTH", "--status", "hypothetical", "--format", "json"
    )
    assert [r["event_id"] for r in rows_json(out)] == ["E3"]


def test_events_actor_matches_a_name_and_filters_combine(run_cli, db):
    _, out, _ = run_cli("events", "--db", db, "--actor", "ruiz", "--format", "json")
    assert [r["type"] for r in rows_json(out)] == ["ACCUSE"]
    _, out, _ = run_cli("events", "--db", db, "--party", "NTH", "--since", "2024-03-12", "--format", "json")
    assert [r["type"] for r in rows_json(out)] == ["PROTEST"]
    _, out, _ = run_cli("events", "--db", db, "--quad", "4", "--place", "kessel", "--format", "json")
    assert [r["event_id"] for r in rows_json(out)] == ["E1"]
    _, out, _ = run_cli("events", "--db", db, "--text", "thousands", "--format", "json")
    assert [r["article_id"] for r in rows_json(out)] == ["north-2"]
    _, out, _ = run_cli("events", "--db", db, "--sort", "-goldstein", "--format", "json")
    assert [r["goldstein"] for r in rows_json(out)] == [-2.0, -6.5, -9.0]


def test_events_csv_and_table_output(run_cli, db):
    code, out, _ = run_cli("events", "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 3 and rows[0]["trigger"] == "shelled"
    code, out, err = run_cli("events", "--db", db)
    assert code == 0 and out.splitlines()[0].split()[:3] == ["date", "type", "actor"]
    assert "\x1b[" not in out and "(3 rows)" in err


def test_dyads_count_pairs_per_period(run_cli, db):
    code, out, _ = run_cli("dyads", "--db", db, "--period", "month", "--format", "json")
    assert code == 0
    got = {(r["actor"], r["recipient"]): (r["events"], r["mean_goldstein"]) for r in rows_json(out)}
    assert got == {("NTH", "STH"): (1, -9.0), ("STH", "NTH"): (1, -2.0), ("NTH", "NTH"): (1, -6.5)}
    assert {r["period"] for r in rows_json(out)} == {"2024-03-01"}


def test_quotes_by_speaker(run_cli, db):
    code, out, _ = run_cli("quotes", "--db", db, "--speaker", "Ruiz", "--format", "json")
    (q,) = rows_json(out)
    assert code == 0 and q["speaker"] == "Ana Ruiz" and q["text"] == "This is a crime,"
    _, out, _ = run_cli("quotes", "--db", db, "--speaker", "Nobody", "--format", "json")
    assert out == ""


def test_show_lists_the_facts_and_colours_only_on_a_terminal(run_cli, db):
    code, out, _ = run_cli("show", "north-1", "--db", db)
    assert code == 0 and TEXT_A in out and "\x1b[" not in out
    assert "ASSAULT" in out and "Ana Ruiz (STH): This is a crime," in out and "Kessel -> Kessel, STH" in out
    from eventwire.show import highlighted

    coloured = highlighted(json.loads(records()[0].to_json()))
    assert "\x1b[" in coloured and "shelled" in coloured


def test_sql_is_read_only_and_errors_are_one_line(run_cli, db):
    code, out, _ = run_cli("sql", "SELECT count(*) AS n FROM events", "--db", db, "--format", "csv")
    assert code == 0 and out.splitlines() == ["n", "4"]
    code, _, err = run_cli("sql", "DELETE FROM events", "--db", db)
    assert code == 1 and err.startswith("eventwire: the query failed") and "Traceback" not in err
    code, _, err = run_cli("show", "north-9", "--db", db)
    assert code == 1 and "no article 'north-9'" in err and "north-1" in err


def test_bad_dates_and_missing_store_are_usage_lines(run_cli, db, tmp_path):
    code, _, err = run_cli("events", "--db", db, "--since", "2024-02-30")
    assert code == 2 and "is not a date" in err
    code, _, err = run_cli("events", "--db", str(tmp_path / "none.duckdb"))
    assert code == 1 and "no such database" in err
