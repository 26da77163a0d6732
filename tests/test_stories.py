"""Story events across articles (stories.py) on records written here: invented reports of invented places."""

from __future__ import annotations

import json

from eventwire.records import Actor, Article, Event, Place, Record, TextSpan, TimeRef
from eventwire.store import Store


def report(
    aid: str,
    published: str,
    text: str,
    etype: str,
    actor: tuple,
    recipient: tuple | None,
    outlet: str | None = None,
    place: tuple | None = None,
    confidence: float = 0.8,
) -> Record:
    """One article with one event: `actor`/`recipient` are (id, name, country, org)."""
    trigger = text.split()[1]
    at = text.index(trigger)
    actors = [Actor(id=actor[0], name=actor[1], country=actor[2], org=actor[3], mentions=[[0, 5]])]
    recipients = []
    if recipient:
        actors.append(
            Actor(
                id=recipient[0],
                name=recipient[1],
                country=recipient[2],
                org=recipient[3],
                mentions=[[at + len(trigger) + 1, at + len(trigger) + 6]],
            )
        )
        recipients = [recipient[0]]
    places = []
    if place:
        places = [
            Place(
                id="P1",
                text=place[0],
                span=[len(text) - len(place[0]) - 1, len(text) - 1],
                name=place[0],
                country=place[1],
            )
        ]
    event = Event(
        id="E1",
        type=etype,
        trigger=TextSpan(trigger, [at, at + len(trigger)]),
        sentence=TextSpan(text, [0, len(text)]),
        actors=[actor[0]],
        recipients=recipients,
        date=TimeRef(None, None, published, "day", "published"),
        place="P1" if place else None,
        quad_class=4,
        goldstein=-9.0,
        confidence=confidence,
    )
    art = Article(id=aid, hash=aid, source=f"{aid}.txt", text=text, published=published, outlet=outlet)
    return Record(article=art, actors=actors, events=[event], places=places)


NORTH = ("NTH.MIL", "Northland's army", "NTH", None)
SOUTH = ("STH", "Southland", "STH", None)
EAST = ("EST", "Eastland", "EST", None)


def one_strike_two_reports(first: str | None = "One", second: str | None = "Two") -> tuple[Record, Record]:
    """Two outlets' reports of one shelling, a day apart."""
    a = report(
        "a", "2024-03-11", "Northland shelled Southland's border town.", "ASSAULT", NORTH, SOUTH, outlet=first
    )
    b = report(
        "b",
        "2024-03-12",
        "Northland shelled Southland's border town, witnesses say.",
        "ASSAULT",
        NORTH,
        SOUTH,
        outlet=second,
    )
    return a, b


def stored(tmp_path, records):
    store = Store(tmp_path / "s.duckdb")
    store.write_many(records)
    store.update_stories([r.article.id for r in records])
    return store


def stories_of(store):
    rows = store.con.execute(
        "SELECT s.type, s.num_articles, s.num_sources, s.confidence, "
        "list(e.article_id ORDER BY e.article_id), s.id "
        "FROM stories s JOIN story_events e ON e.story_id = s.id GROUP BY ALL "
        "ORDER BY s.type, s.num_articles, s.id"
    ).fetchall()
    return [r[:5] for r in rows]


def test_two_outlets_reporting_one_strike_make_one_story(tmp_path):
    a = report(
        "a",
        "2024-03-11",
        "Northland shelled Southland's border town on Monday.",
        "ASSAULT",
        NORTH,
        SOUTH,
        outlet="Daily North",
    )
    b = report(
        "b",
        "2024-03-12",
        "Northland's shelling of Southland killed four people, officials said.",
        "ASSAULT",
        NORTH,
        SOUTH,
        outlet="Southern Post",
    )
    c = report("c", "2024-03-12", "Eastland shelled Southland's harbour.", "ASSAULT", EAST, SOUTH, outlet="X")
    with stored(tmp_path, [a, b, c]) as store:
        got = stories_of(store)
    assert [(t, n, s, arts) for t, n, s, _, arts in got] == [
        ("ASSAULT", 1, 1, ["c"]),
        ("ASSAULT", 2, 2, ["a", "b"]),
    ]
    assert got[1][3] == round(1 - 0.2**2, 3)  # two independent sources: more confident than one


def test_a_wire_copy_is_not_an_independent_source(tmp_path):
    text = "Northland shelled Southland's border town on Monday, killing four people and wounding nine."
    a = report("a", "2024-03-11", text, "ASSAULT", NORTH, SOUTH, outlet="Wire")
    b = report("b", "2024-03-11", text, "ASSAULT", NORTH, SOUTH, outlet="Local paper")
    with stored(tmp_path, [a, b]) as store:
        ((_, n_articles, n_sources, _, _),) = stories_of(store)
        copy = store.con.execute("SELECT copy_of FROM story_events WHERE article_id = 'b'").fetchone()[0]
    assert (n_articles, n_sources, copy) == (2, 1, "a")


def test_different_type_far_dates_other_place_or_other_parties_stay_apart(tmp_path):
    base = report(
        "a",
        "2024-03-11",
        "Northland shelled Southland's town of Kessel.",
        "ASSAULT",
        NORTH,
        SOUTH,
        place=("Kessel", "STH"),
    )
    later = report("b", "2024-03-20", "Northland shelled Southland again.", "ASSAULT", NORTH, SOUTH)
    other_type = report("c", "2024-03-11", "Northland threatened Southland.", "THREATEN", NORTH, SOUTH)
    elsewhere = report(
        "d",
        "2024-03-11",
        "Northland shelled Southland's positions in Ardia.",
        "ASSAULT",
        NORTH,
        SOUTH,
        place=("Ardia", "ARD"),
    )
    other_target = report("e", "2024-03-11", "Northland shelled Eastland.", "ASSAULT", NORTH, EAST)
    with stored(tmp_path, [base, later, other_type, elsewhere, other_target]) as store:
        got = stories_of(store)
    assert all(n == 1 for _, n, _, _, _ in got) and len(got) == 5


def test_stories_follow_new_and_recoded_articles(tmp_path):
    a = report("a", "2024-03-11", "Northland shelled Southland's border town.", "ASSAULT", NORTH, SOUTH)
    with stored(tmp_path, [a]) as store:
        _, b = one_strike_two_reports(second="Other")
        store.write(b)
        store.update_stories(["b"])
        assert [arts for *_, arts in stories_of(store)] == [["a", "b"]]
        # b recoded: it now reports a protest, not the strike; the story loses it, nothing is duplicated
        store.write(
            report("b", "2024-03-12", "Southland protested Northland's strike.", "PROTEST", SOUTH, NORTH)
        )
        store.update_stories(["b"])
        assert [(t, arts) for t, _, _, _, arts in stories_of(store)] == [
            ("ASSAULT", ["a"]),
            ("PROTEST", ["b"]),
        ]
        assert store.con.execute("SELECT count(*) FROM story_events").fetchone()[0] == 2


def test_events_command_shows_a_story_once_with_its_article_count(tmp_path, run_cli):
    a, b = one_strike_two_reports()
    stored(tmp_path, [a, b]).close()
    db = str(tmp_path / "s.duckdb")
    _, out, _ = run_cli("events", "--db", db, "--actor", "NTH", "--type", "ASSAULT", "--format", "csv")
    lines = out.splitlines()
    assert len(lines) == 2 and ",2,2," in lines[1]
    _, out, _ = run_cli("events", "--db", db, "--actor", "NTH", "--each", "--format", "csv")
    assert len(out.splitlines()) == 3


def test_gdelt_export_has_one_row_per_story_with_its_counts(tmp_path):
    import duckdb

    from eventwire.interop import GDELT_COLUMNS, GDELT_TYPES, write_gdelt

    a, b = one_strike_two_reports()
    c = report("c", "2024-03-12", "Eastland shelled Southland's harbour.", "ASSAULT", EAST, SOUTH, outlet="X")
    out = tmp_path / "events.tsv"
    with stored(tmp_path, [a, b, c]) as store:
        assert write_gdelt(store.con, out) == 2
    rel = duckdb.read_csv(str(out), delimiter="\t", header=False, columns=GDELT_TYPES)
    rows = [dict(zip(GDELT_COLUMNS, r, strict=True)) for r in rel.fetchall()]
    counts = sorted((r["Actor1CountryCode"], r["NumArticles"], r["NumSources"]) for r in rows)
    assert counts == [("EST", 1, 1), ("NTH", 2, 2)]


def test_an_edited_article_leaves_no_member_behind_in_a_story(tmp_path):
    a, b = one_strike_two_reports()
    with stored(tmp_path, [a, b]) as store:
        edited = report(
            "b2", "2024-03-12", "Southland protested Northland's strike.", "PROTEST", SOUTH, NORTH
        )
        edited.article.source = "b.txt"  # the same file, edited: its content hash, so its id, changed
        store.write(edited)
        store.update_stories(["b2"])
        assert [(t, arts) for t, _, _, _, arts in stories_of(store)] == [
            ("ASSAULT", ["a"]),
            ("PROTEST", ["b2"]),
        ]


WIRE = (
    "Northland's artillery shelled the Southland border town of Kessel on Monday, killing four civilians "
    "and wounding nine, local officials said. The shelling began before dawn and lasted three hours, "
    "witnesses told reporters, and hit the market square and a school. Southland's government called the "
    "attack a war crime and summoned Northland's ambassador."
)


def test_a_wire_copy_is_marked_and_counted_once(tmp_path, run_cli):
    first = report("w1", "2024-03-11", WIRE, "ASSAULT", NORTH, SOUTH, outlet="Wire")
    copy = report(
        "w2",
        "2024-03-11",
        WIRE.replace("Monday", "Monday morning"),
        "ASSAULT",
        NORTH,
        SOUTH,
        outlet="Local Paper",
    )
    other = report(
        "o1",
        "2024-03-11",
        "Northland shelled Southland's harbour town of Mira on Monday, officials said." * 5,
        "ASSAULT",
        NORTH,
        EAST,
        outlet="Other",
    )
    with stored(tmp_path, [first, copy, other]) as store:
        marks = dict(store.con.execute("SELECT id, duplicate_of FROM articles").fetchall())
        record = json.loads(store.con.execute("SELECT record FROM articles WHERE id = 'w2'").fetchone()[0])
        ((n_articles, n_sources),) = store.con.execute(
            "SELECT num_articles, num_sources FROM stories WHERE list_contains(recipients, 'STH')"
        ).fetchall()
    assert marks == {"w1": None, "w2": "w1", "o1": None}
    assert record["article"]["duplicate_of"] == "w1"
    assert (n_articles, n_sources) == (2, 1)  # two articles, one source: the copy adds no source
    _, out, _ = run_cli("dyads", "--db", str(tmp_path / "s.duckdb"), "--format", "json")
    counts = {(r["actor"], r["recipient"]): r["events"] for r in map(json.loads, out.splitlines())}
    assert counts[("NTH", "STH")] == 1  # the copy's event is not counted twice
