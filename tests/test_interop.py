"""The GDELT and POLECAT exports, read back the way users of those formats read them."""

from __future__ import annotations

import csv
import io

import duckdb
import pytest

from eventwire import interop
from eventwire.interop import (
    GDELT_COLUMNS,
    GDELT_TYPES,
    POLECAT_COLUMNS,
    gdelt_event_id,
    write_gdelt,
    write_polecat,
)
from eventwire.records import Actor, Article, Event, Place, Record, TextSpan, TimeRef, validate
from eventwire.store import Store

TEXT = (
    "Russian troops shelled Ukraine's Kharkiv on Tuesday.\n\n"
    'In Paris, Sergey Lavrov will hold talks with the "Quartet"\tenvoys of\nNATO.\n\n'
    "NATO mobilised forces last week. Russia did not invade. Russia might attack."
)


def span(text: str, words: str, after: int = 0) -> list[int]:
    start = text.index(words, after)
    return [start, start + len(words)]


def event(eid: str, type_: str, text: str, trigger: str, sentence: str, **kw: object) -> Event:
    return Event(
        id=eid,
        type=type_,
        trigger=TextSpan(trigger, span(text, trigger)),
        sentence=TextSpan(sentence, span(text, sentence)),
        confidence=0.8,
        **kw,
    )


def article_one() -> Record:
    art = Article(
        id="a1",
        hash="a1",
        source="feed.jsonl:1",
        text=TEXT,
        url="https://example.org/news/1",
        outlet="Example\tWire",
        published="2022-01-26",
        language="en",
    )
    actors = [
        Actor(
            "RUS.MIL", "Russian troops", "RUS", "MIL", role="troops", mentions=[span(TEXT, "Russian troops")]
        ),
        Actor("UKR", "Ukraine", "UKR", mentions=[span(TEXT, "Ukraine")]),
        Actor(
            "rus.lavrov",
            "Sergey Lavrov",
            "RUS",
            "GOV",
            role="foreign minister",
            mentions=[span(TEXT, "Sergey Lavrov")],
        ),
        # A tab and quotes in a name, and a mention running over a line break, as messy input gives them.
        Actor(
            "NATO",
            'North Atlantic\tTreaty "Organization"',
            None,
            "IGO",
            org="NATO",
            mentions=[span(TEXT, "envoys of\nNATO")],
        ),
        Actor("RUS", "Russia", "RUS", mentions=[span(TEXT, "Russia did")]),
    ]
    places = [
        Place(
            "P1",
            "Kharkiv",
            span(TEXT, "Kharkiv"),
            name="Kharkiv",
            kind="city",
            country="UKR",
            admin1="Kharkiv Oblast",
            lat=49.98081,
            lon=36.25272,
            geonames_id=706483,
        ),
        Place(
            "P2",
            "Paris",
            span(TEXT, "Paris"),
            name="Paris",
            kind="city",
            country="FRA",
            admin1="11",
            lat=48.85341,
            lon=2.3488,
            geonames_id=2988507,
        ),
    ]
    first, second, _ = TEXT.split("\n\n")
    day = TimeRef("on Tuesday", span(TEXT, "on Tuesday"), "2022-01-25", "day", "published")
    week = TimeRef("last week", span(TEXT, "last week"), "2022-W03", "week", "published")
    events = [
        event(
            "E1",
            "ASSAULT",
            TEXT,
            "shelled",
            first,
            actors=["RUS.MIL"],
            recipients=["UKR"],
            date=day,
            place="P1",
            cameo="190",
            quad_class=4,
            goldstein=-10.0,
            num_mentions=2,
        ),
        event(
            "E2",
            "CONSULT",
            TEXT,
            "hold talks",
            second,
            actors=["rus.lavrov"],
            recipients=["NATO"],
            status="planned",
            place="P2",
            cameo="040",
            quad_class=1,
            goldstein=1.0,
        ),
        event(
            "E3",
            "MOBILIZE",
            TEXT,
            "mobilised",
            "NATO mobilised forces last week.",
            actors=["NATO"],
            context=["military"],
            date=week,
            cameo="150",
            quad_class=4,
            goldstein=-7.2,
        ),
        event(
            "E4",
            "ASSAULT",
            TEXT,
            "invade",
            "Russia did not invade.",
            actors=["RUS"],
            recipients=["UKR"],
            status="negated",
            cameo="190",
            quad_class=4,
            goldstein=-10.0,
        ),
        event(
            "E5",
            "ASSAULT",
            TEXT,
            "attack",
            "Russia might attack.",
            actors=["RUS"],
            recipients=["UKR"],
            status="hypothetical",
            cameo="190",
            quad_class=4,
            goldstein=-10.0,
        ),
    ]
    return Record(article=art, actors=actors, events=events, places=places)


def article_two() -> Record:
    text = "Belarus sent aid last month."
    art = Article(id="a2", hash="a2", source="inbox/a2.txt", text=text, language="en")
    month = TimeRef("last month", span(text, "last month"), "2021-12", "month", "published")
    return Record(
        article=art,
        actors=[Actor("BLR", "Belarus", "BLR", mentions=[span(text, "Belarus")])],
        events=[
            event(
                "E1",
                "AID",
                text,
                "sent aid",
                text,
                actors=["BLR"],
                date=month,
                cameo="070",
                quad_class=2,
                goldstein=7.0,
            )
        ],
    )


@pytest.fixture
def con(tmp_path):
    with Store(tmp_path / "t.duckdb") as store:
        for rec in (article_one(), article_two()):
            validate(rec.to_dict())  # the fixtures keep the record contract
            store.write(rec)
        yield store.con


def read_gdelt(path) -> list[dict]:
    rel = duckdb.read_csv(str(path), delimiter="\t", header=False, columns=GDELT_TYPES)
    return [dict(zip(GDELT_COLUMNS, row, strict=True)) for row in rel.fetchall()]


def by_key(rows: list[dict], url: str, code: str) -> dict:
    (row,) = [r for r in rows if r["SOURCEURL"] == url and r["EventCode"] == code]
    return row


def test_gdelt_reads_back_with_duckdb(con, tmp_path):
    out = tmp_path / "events.gdelt.tsv"
    assert write_gdelt(con, out) == 4  # the negated and the hypothetical event are not counted
    assert not out.read_text(encoding="utf-8").startswith("GlobalEventID")  # no header, as GDELT's files
    rows = read_gdelt(out)
    assert len(rows) == 4
    url = "https://example.org/news/1"
    assault = by_key(rows, url, "190")
    assert (assault["Day"], assault["MonthYear"], assault["Year"]) == (20220125, 202201, 2022)
    assert assault["FractionDate"] == pytest.approx(2022.0685)
    assert (assault["Actor1Code"], assault["Actor1CountryCode"], assault["Actor1Type1Code"]) == (
        "RUSMIL",
        "RUS",
        "MIL",
    )
    assert (assault["Actor2Code"], assault["Actor2CountryCode"], assault["Actor2Type1Code"]) == (
        "UKR",
        "UKR",
        None,
    )
    assert assault["IsRootEvent"] == 1 and assault["QuadClass"] == 4 and assault["GoldsteinScale"] == -10.0
    assert (assault["NumMentions"], assault["NumSources"], assault["NumArticles"]) == (2, 1, 1)
    assert assault["AvgTone"] is None and assault["Actor1EthnicCode"] is None
    assert (assault["ActionGeo_Lat"], assault["ActionGeo_Long"]) == (49.98081, 36.25272)
    assert assault["ActionGeo_FeatureID"] == "706483" and assault["ActionGeo_Type"] == 4
    assert assault["ActionGeo_FullName"] == "Kharkiv, Kharkiv Oblast, Ukraine"
    assert assault["ActionGeo_CountryCode"] == "UKR" and assault["Actor1Geo_Type"] is None
    assert len(str(assault["DATEADDED"])) == 14

    talks = by_key(rows, url, "040")  # the leading zero survives
    assert (talks["EventBaseCode"], talks["EventRootCode"]) == ("040", "04")
    assert talks["Day"] == 20220126  # no date of its own: the publication date
    assert talks["Actor1Code"] == "RUSGOV" and talks["Actor1Name"] == "Sergey Lavrov"
    assert talks["Actor2Code"] == "IGONATO" and talks["Actor2KnownGroupCode"] == "NATO"
    assert talks["Actor2Name"] == 'North Atlantic Treaty "Organization"'  # tab gone, quotes kept
    assert talks["IsRootEvent"] == 0 and talks["ActionGeo_FullName"] == "Paris, France"

    week = by_key(rows, url, "150")
    assert week["Day"] == 20220117  # the Monday of ISO week 2022-W03
    assert week["Actor2Code"] is None and week["ActionGeo_Lat"] is None

    other = by_key(rows, "inbox/a2.txt", "070")  # no URL: the source
    assert other["Day"] == 20211201 and other["Actor1Code"] == "BLR"


def test_gdelt_event_ids_are_unique_and_stable(con, tmp_path):
    write_gdelt(con, tmp_path / "one.tsv")
    con.execute("DELETE FROM events WHERE article_id = 'a2'")  # another export of another set of events
    write_gdelt(con, tmp_path / "two.tsv")
    one = {(r["SOURCEURL"], r["EventCode"]): r["GlobalEventID"] for r in read_gdelt(tmp_path / "one.tsv")}
    two = {(r["SOURCEURL"], r["EventCode"]): r["GlobalEventID"] for r in read_gdelt(tmp_path / "two.tsv")}
    assert len(set(one.values())) == len(one) == 4
    assert len(two) == 3 and all(one[k] == v for k, v in two.items())
    assert one[("https://example.org/news/1", "190")] == gdelt_event_id("a1", "E1")
    assert all(0 <= v < 2**53 for v in one.values())


def test_gdelt_ids_stay_unique_when_hashes_clash(con, monkeypatch):
    monkeypatch.setattr(interop, "gdelt_event_id", lambda article_id, event_id, attempt=0: 7 + attempt)
    out = io.StringIO()
    assert write_gdelt(con, out) == 4
    ids = [int(line.split("\t")[0]) for line in out.getvalue().splitlines()]
    assert sorted(ids) == [7, 8, 9, 10]


def test_gdelt_header_on_request_and_all_statuses(con, tmp_path):
    out = tmp_path / "with-header.tsv"
    assert write_gdelt(con, str(out), header=True, all_statuses=True) == 6
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == list(GDELT_COLUMNS) and len(lines) == 7
    rel = duckdb.read_csv(str(out), delimiter="\t", header=True, columns=GDELT_TYPES)
    assert rel.columns == list(GDELT_COLUMNS)


def test_no_value_breaks_the_rows(con):
    for write, n_columns, header in ((write_gdelt, 61, 0), (write_polecat, 40, 1)):
        out = io.StringIO()
        n = write(con, out)
        text = out.getvalue()
        assert text.count("\n") == n + header  # one line per event, nothing else
        rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
        assert all(len(row) == n_columns for row in rows)
        assert not any("\t" in v or "\n" in v for row in rows for v in row)


def test_polecat_reads_back_with_duckdb(con, tmp_path):
    out = tmp_path / "events.polecat.tsv"
    assert write_polecat(con, out) == 4
    rel = duckdb.read_csv(str(out), delimiter="\t", header=True, all_varchar=True)
    assert rel.columns == list(POLECAT_COLUMNS)
    rows = {r[0]: dict(zip(POLECAT_COLUMNS, r, strict=True)) for r in rel.fetchall()}
    assert sorted(rows) == ["a1_E1", "a1_E2", "a1_E3", "a2_E1"]
    assault = rows["a1_E1"]
    assert (assault["Event Date"], assault["Event Type"], assault["Quad Code"]) == (
        "2022-01-25",
        "ASSAULT",
        "MATERIAL CONFLICT",
    )
    assert (assault["Actor Name"], assault["Actor Country"], assault["Primary Actor Sector"]) == (
        "Russian troops",
        "RUS",
        "MIL",
    )
    assert assault["Recipient Country"] == "UKR" and assault["Event Intensity"] is None
    assert (assault["Placename"], assault["City"], assault["Province"], assault["Country"]) == (
        "Kharkiv",
        "Kharkiv",
        "Kharkiv Oblast",
        "UKR",
    )
    assert (assault["Latitude"], assault["Longitude"], assault["GeoNames ID"]) == (
        "49.98081",
        "36.25272",
        "706483",
    )
    assert assault["Source"] == "Example Wire" and assault["Publication Date"] == "2022-01-26"
    assert assault["Story People"] == "Sergey Lavrov"
    assert assault["Story Organizations"] == 'North Atlantic Treaty "Organization"'
    assert assault["Story Locations"] == "Kharkiv; Paris"
    assert assault["Language"] == "en" and assault["Version"].startswith("eventwire ")
    talks = rows["a1_E2"]
    assert talks["Actor Title"] == "foreign minister" and talks["Recipient Name Raw"] == "envoys of NATO"
    assert talks["Province"] is None  # "11" is a code, not a province's name
    assert rows["a1_E3"]["Contexts"] == "military" and rows["a1_E3"]["Event Date"] == "2022-01-17"
    assert rows["a2_E1"]["Publication Date"] is None and rows["a2_E1"]["Source"] == "inbox/a2.txt"


def test_undated_events_and_older_stores(tmp_path):
    rec = article_two()
    rec.events[0].date = None  # and the article has no publication date
    with Store(tmp_path / "old.duckdb") as store:
        store.write(rec)
        store.con.execute("ALTER TABLE events DROP COLUMN num_mentions")  # as a store of an older version
        out = tmp_path / "old.tsv"
        assert write_gdelt(store.con, out) == 1
    (row,) = read_gdelt(out)
    assert row["Day"] is None and row["FractionDate"] is None and row["NumMentions"] == 1


def test_gdelt_reads_back_with_pandas(con, tmp_path):
    pd = pytest.importorskip("pandas")
    out = tmp_path / "events.gdelt.tsv"
    write_gdelt(con, out)
    dtypes = {
        "GlobalEventID": "int64",
        "Day": "int64",
        "EventCode": str,
        "EventBaseCode": str,
        "EventRootCode": str,
        "GoldsteinScale": float,
        "ActionGeo_Lat": float,
        "ActionGeo_Long": float,
    }
    df = pd.read_csv(out, sep="\t", header=None, names=list(GDELT_COLUMNS), dtype=dtypes)
    assert len(df) == 4 and df["GlobalEventID"].is_unique
    talks = df[df["EventCode"] == "040"].iloc[0]
    assert talks["EventRootCode"] == "04" and talks["Day"] == 20220126
    assert talks["Actor2Name"] == 'North Atlantic Treaty "Organization"'
    assault = df[df["EventCode"] == "190"].iloc[0]
    assert (assault["ActionGeo_Lat"], assault["ActionGeo_Long"]) == (49.98081, 36.25272)
    assert pd.isna(assault["AvgTone"]) and assault["Actor1CountryCode"] == "RUS"
