"""The dashboard's server (`eventwire.serve`): its JSON API over a small store of records written here, its
headers, its errors, and the country outlines. tests/test_browser.py drives the pages in Chromium.

The articles are invented: Northland shells a Southland border town, Southland's president condemns it,
a protest in Northland, a later agreement between the two, and an article whose text holds HTML.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from eventwire import query
from eventwire.errors import StoreError
from eventwire.records import Actor, Article, Event, Place, Quote, Record, TextSpan, TimeRef
from eventwire.serve import data, server
from eventwire.store import Store

STATIC = Path(server.__file__).parent / "static"

TEXT_A = (
    "Northland's army shelled the border town of Kessel on Monday, Southland said. "
    "Southland's president Ana Ruiz condemned the attack. “This is a crime,” Ruiz said."
)
TEXT_B = "Thousands protested in Northland's capital on Friday against the war."
TEXT_C = "Northland and Southland signed a ceasefire agreement in Geneva on Tuesday."
TEXT_D = "Northland sent aid to Southland.\n\nThe aid reached Kessel, Southland said."
TEXT_HTML = (
    "Rebels <b>x</b> attacked Oldtown, officials said. "
    '"<script>alert(1)</script> is what they wrote," Mayor Bo Lind said. <img src=x onerror="alert(2)">'
)


def _span(text: str, words: str, start: int = 0) -> list[int]:
    at = text.index(words, start)
    return [at, at + len(words)]


def _event(
    eid, etype, text, trigger, actors, recipients, date, quad, goldstein, status="asserted", place=None
):
    at = text.index(trigger)
    start = text.rfind(". ", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.index(".", at) + 1
    return Event(
        id=eid,
        type=etype,
        trigger=TextSpan(trigger, [at, at + len(trigger)]),
        sentence=TextSpan(text[start:end], [start, end]),
        actors=actors,
        recipients=recipients,
        status=status,
        date=TimeRef(None, None, date, "day", "published"),
        quad_class=quad,
        goldstein=goldstein,
        cameo={"ASSAULT": "195", "ACCUSE": "111", "PROTEST": "141", "AGREE": "057", "AID": "070"}[etype],
        place=place,
    )


def _actor(aid, name, text, words, country=None, org=None, role=None):
    return Actor(id=aid, name=name, country=country, org=org, role=role, mentions=[_span(text, words)])


def _place(pid, text, words, country, lat, lon, name=None):
    return Place(
        id=pid,
        text=words,
        span=_span(text, words),
        name=name or words,
        kind="city",
        country=country,
        lat=lat,
        lon=lon,
    )


def dashboard_records() -> list[Record]:
    north_army = _actor("NTH.MIL", "Northland's army", TEXT_A, "Northland's army", country="NTH")
    a = Record(
        article=Article(
            id="north-1",
            hash="h1",
            source="a.txt",
            text=TEXT_A,
            title="Border town shelled",
            published="2024-03-11",
            url="https://example.org/a",
            outlet="Example News",
        ),
        actors=[
            north_army,
            Actor(id="STH", name="Southland", country="STH", mentions=[_span(TEXT_A, "Southland")]),
            _actor("person:ana-ruiz", "Ana Ruiz", TEXT_A, "Ana Ruiz", country="STH", role="president"),
        ],
        events=[
            _event(
                "E1", "ASSAULT", TEXT_A, "shelled", ["NTH.MIL"], ["STH"], "2024-03-11", 4, -9.0, place="P1"
            ),
            _event(
                "E2", "ACCUSE", TEXT_A, "condemned", ["person:ana-ruiz"], ["NTH.MIL"], "2024-03-11", 3, -2.0
            ),
            _event(
                "E3", "ASSAULT", TEXT_A, "attack", ["NTH.MIL"], ["STH"], "2024-03-11", 4, -9.0, "hypothetical"
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
        places=[_place("P1", TEXT_A, "Kessel", "STH", 50.0, 10.0)],
    )
    b = Record(
        article=Article(
            id="north-2", hash="h2", source="b.txt", text=TEXT_B, title="Protest", published="2024-03-15"
        ),
        actors=[Actor(id="NTH", name="Northland", country="NTH", mentions=[_span(TEXT_B, "Northland")])],
        events=[_event("E1", "PROTEST", TEXT_B, "protested", ["NTH"], ["NTH"], "2024-03-15", 3, -6.5)],
    )
    c = Record(
        article=Article(
            id="north-3", hash="h3", source="c.txt", text=TEXT_C, title="Ceasefire", published="2024-05-07"
        ),
        actors=[
            Actor(id="NTH", name="Northland", country="NTH", mentions=[_span(TEXT_C, "Northland")]),
            Actor(id="STH", name="Southland", country="STH", mentions=[_span(TEXT_C, "Southland")]),
        ],
        events=[_event("E1", "AGREE", TEXT_C, "signed", ["NTH"], ["STH"], "2024-05-07", 1, 8.0, place="P1")],
        places=[_place("P1", TEXT_C, "Geneva", "CHE", 46.2, 6.15)],
    )
    d = Record(
        article=Article(
            id="north-4", hash="h4", source="d.txt", text=TEXT_D, title="Aid arrives", published="2024-05-20"
        ),
        actors=[
            Actor(id="NTH", name="Northland", country="NTH", mentions=[_span(TEXT_D, "Northland")]),
            Actor(id="STH", name="Southland", country="STH", mentions=[_span(TEXT_D, "Southland")]),
        ],
        events=[_event("E1", "AID", TEXT_D, "sent aid", ["NTH"], ["STH"], "2024-05-20", 2, 7.0, place="P1")],
        places=[_place("P1", TEXT_D, "Kessel", "STH", 50.02, 10.01)],
    )
    html = Record(
        article=Article(
            id="html-5",
            hash="h5",
            source="e.txt",
            text=TEXT_HTML,
            title='<img src=x onerror="alert(3)"> <b>Rebels</b> attack',
            published="2024-06-01",
            url="javascript:alert(4)",
            outlet="<i>Outlet</i>",
        ),
        actors=[
            _actor("REB", "<b>Rebels</b>", TEXT_HTML, "Rebels", country="STH"),
            _actor("person:bo-lind", "Bo Lind", TEXT_HTML, "Mayor Bo Lind", country="STH", role="mayor"),
        ],
        events=[
            _event("E1", "ASSAULT", TEXT_HTML, "attacked", ["REB"], [], "2024-06-01", 4, -9.0, place="P1"),
        ],
        quotes=[
            Quote(
                id="Q1",
                text="<script>alert(1)</script> is what they wrote,",
                span=_span(TEXT_HTML, "<script>alert(1)</script> is what they wrote,"),
                speaker="person:bo-lind",
                speaker_text="Mayor Bo Lind",
                cue="said",
            )
        ],
        places=[_place("P1", TEXT_HTML, "Oldtown", "STH", 48.0, 12.0, name="<i>Oldtown</i>")],
    )
    return [a, b, c, d, html]


def build_store(path: Path, stories: bool = True) -> str:
    with Store(path) as store:
        records = dashboard_records()
        store.write_many(records)
        store.update_stories([r.article.id for r in records])
        if not stories:
            store.con.execute("DROP TABLE story_events")
            store.con.execute("DROP TABLE stories")
    return str(path)


class Running:
    """A dashboard server on a free port of 127.0.0.1, answering from a thread."""

    def __init__(self, db: str) -> None:
        self.server = server.make_server(db, "127.0.0.1", 0)
        self.server.quiet = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def get(self, path: str, headers: dict[str, str] | None = None, method: str = "GET"):
        """(status, headers, body bytes), whatever the status."""
        request = urllib.request.Request(self.base + path, headers=headers or {}, method=method)
        try:
            with urllib.request.urlopen(request, timeout=30) as resp:
                return resp.status, resp.headers, resp.read()
        except urllib.error.HTTPError as err:
            return err.code, err.headers, err.read()

    def json(self, path: str):
        status, headers, body = self.get(path)
        assert headers["Content-Type"].startswith("application/json"), path
        return status, json.loads(body)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return build_store(tmp_path_factory.mktemp("serve") / "dash.duckdb")


@pytest.fixture(scope="module")
def app(db):
    running = Running(db)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def app_without_stories(tmp_path_factory):
    running = Running(build_store(tmp_path_factory.mktemp("old") / "old.duckdb", stories=False))
    yield running
    running.stop()


def _ok(app, path):
    status, body = app.json(path)
    assert status == 200, (path, body)
    return body


# --- events -------------------------------------------------------------------------------------------
def test_events_page_has_the_rows_of_query_events(app, db):
    rows = _ok(app, "/api/events")["rows"]
    with Store(db, read_only=True) as store:
        names, expected = query.events(store.con, query.EventFilter(limit=50))
    assert [(r["article_id"], r["event_id"]) for r in rows] == [
        (e[names.index("article_id")], e[names.index("event_id")]) for e in expected
    ]
    first = rows[0]
    assert first["date"] == "2024-03-11" and first["type"] == "ASSAULT" and first["trigger"] == "shelled"
    assert first["actor"] == "NTH" and first["recipient"] == "STH" and first["place"] == "Kessel"
    s, e = first["trigger_span"]
    assert first["sentence"][s:e] == "shelled"


@pytest.mark.parametrize(
    "params, f",
    [
        ("", {}),
        ("actor=NTH&type=assault", {"actor": "NTH", "type": "assault"}),
        ("actor=ruiz", {"actor": "ruiz"}),
        ("party=NTH&since=2024-03-12", {"party": "NTH", "since": "2024-03-12"}),
        ("quad=4&place=kessel", {"quad": 4, "place": "kessel"}),
        ("text=thousands", {"text": "thousands"}),
        ("sort=-goldstein", {"sort": "-goldstein"}),
        ("sort=type&each=1", {"sort": "type", "each": True}),
        ("sort=-date&until=2024-05-10", {"sort": "-date", "until": "2024-05-10"}),
        ("status=hypothetical,asserted", {"status": ("hypothetical", "asserted")}),
        ("status=hypothetical&status=planned", {"status": ("hypothetical", "planned")}),
        ("country=STH&recipient=STH", {"country": "STH", "recipient": "STH"}),
        ("article=north-1&sort=article", {"article": "north-1", "sort": "article"}),
    ],
)
@pytest.mark.parametrize("stories", [True, False])
def test_events_filters_answer_as_eventwire_events(app, app_without_stories, params, f, stories):
    """The dashboard's two-step events query gives query.events' rows, columns and order exactly, on a store
    with story tables (one row per story) and on one written before them."""
    running = app if stories else app_without_stories
    rows = _ok(running, "/api/events?" + params)["rows"]
    with Store(running.server.db, read_only=True) as store:
        names, expected = query.events(store.con, query.EventFilter(limit=50, **f))
    want = [dict(zip(names, r, strict=True)) for r in expected]
    for w in want:
        w["date"] = w["date"].isoformat() if w["date"] else None
    assert [{k: r[k] for k in names} for r in rows] == want
    assert rows


def test_events_paging_and_count(app):
    every = _ok(app, "/api/events?each=1&limit=500")["rows"]
    assert len(every) == 6 and _ok(app, "/api/events/count?each=1")["count"] == 6
    first = _ok(app, "/api/events?each=1&limit=4")
    second = _ok(app, "/api/events?each=1&limit=4&offset=4")
    assert first["more"] is True and second["more"] is False
    assert first["rows"] + second["rows"] == every
    assert _ok(app, "/api/events/count?actor=NTH&type=ASSAULT")["count"] == 1


def test_a_filter_changes_the_rows(app):
    all_rows = _ok(app, "/api/events")["rows"]
    assault = _ok(app, "/api/events?type=ASSAULT")["rows"]
    assert len(assault) < len(all_rows) and {r["type"] for r in assault} == {"ASSAULT"}


@pytest.mark.parametrize(
    "path, words",
    [
        ("/api/events?since=2024-13-01", "is not a date"),
        ("/api/events?until=yesterday", "is not a date"),
        ("/api/events?since=2024-05-01&until=2024-04-01", "is after"),
        ("/api/events?since=0099-01-01", "1000-9000"),
        ("/api/events?quad=5", "out of range"),
        ("/api/events?quad=x", "whole number"),
        ("/api/events?limit=0", "out of range"),
        ("/api/events?limit=100000", "out of range"),
        ("/api/events?offset=-1", "out of range"),
        ("/api/events?sort=price", "is not one of"),
        ("/api/events?status=rumoured", "is not one of"),
        ("/api/events?each=maybe", "yes or no"),
        ("/api/events?colour=red", "unknown parameter"),
        ("/api/events?text=" + "x" * 300, "longer than"),
        ("/api/events/count?since=2024-02-30", "is not a date"),
        ("/api/timeline?period=decade", "is not one of"),
        ("/api/timeline?pair=NTH", "two codes"),
        ("/api/places?until=2024-99-01", "is not a date"),
        ("/api/quotes?limit=-3", "out of range"),
        ("/api/speakers?q=x&page=2", "unknown parameter"),
        ("/api/countries?x=1", "no parameters"),
        ("/api/article/north-1?x=1", "unknown parameter"),
    ],
)
def test_bad_parameters_answer_400_with_one_line_of_json(app, path, words):
    status, headers, body = app.get(path)
    assert status == 400
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    text = body.decode("utf-8")
    assert "\n" not in text.strip() and "Traceback" not in text
    assert words in json.loads(text)["error"]


def test_unknown_things_answer_404(app):
    status, body = app.json("/api/article/no-such-article")
    assert status == 404 and "no article 'no-such-article'" in body["error"]
    assert app.json("/api/nothing")[0] == 404
    for path in ("/static/../server.py", "/static/server.py", "/static/%2e%2e/data.py", "/etc/passwd"):
        status, _, body = app.get(path)
        assert status == 404 and b"import" not in body, path


def test_a_failure_answers_500_without_details(app, monkeypatch, capsys):
    def broken(con):
        raise RuntimeError("secret detail /home/someone")

    monkeypatch.setattr(data, "summary", broken)
    monkeypatch.setattr(app.server.cache, "limit", 0)  # not the answer kept from before
    status, _, body = app.get("/api/summary")
    assert status == 500 and b"secret" not in body and b"Traceback" not in body
    assert json.loads(body) == {"error": "internal error; the server's log has the details"}
    assert "secret detail" in capsys.readouterr().err  # the traceback is for the server's console


def test_writes_are_refused_and_the_host_is_checked(app):
    status, _, body = app.get("/api/events", method="POST")
    assert status == 405 and "read-only" in json.loads(body)["error"]
    status, _, _ = app.get("/api/events", headers={"Host": "attacker.example:80"})
    assert status == 403
    assert app.get("/api/summary", headers={"Host": "localhost:1234"})[0] == 200


def test_security_headers_and_content_types(app):
    for path in ("/", "/api/events", "/api/article/north-1", "/static/app.js", "/api/nothing"):
        _, headers, _ = app.get(path)
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe" not in csp, path
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
    assert app.get("/")[1]["Content-Type"] == "text/html; charset=utf-8"
    assert app.get("/static/app.js")[1]["Content-Type"] == "text/javascript; charset=utf-8"
    assert app.get("/static/style.css")[1]["Content-Type"] == "text/css; charset=utf-8"
    assert app.get("/api/events")[1]["Content-Type"] == "application/json; charset=utf-8"
    assert app.get("/favicon.svg")[1]["Content-Type"] == "image/svg+xml"


def test_answers_are_kept_and_given_again_whatever_the_order_of_the_parameters(app):
    first = app.get("/api/events?type=ASSAULT&limit=5&sort=-date")[2]
    key = ("/api/events", (("limit", ("5",)), ("sort", ("-date",)), ("type", ("ASSAULT",))))
    assert app.server.cache.get(key) == first
    assert app.get("/api/events?sort=-date&limit=5&type=ASSAULT")[2] == first
    assert app.get("/api/events?type=ASSAULT&limit=5&sort=-date&text=")[2] == first  # blank is absent


def test_answers_are_gzipped_when_the_browser_asks(app):
    plain = app.get("/api/article/north-1")[2]
    status, headers, body = app.get("/api/article/north-1", headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == plain


# --- article, timeline, places, quotes -----------------------------------------------------------------
def test_article_is_the_stored_record_with_its_text_as_is(app):
    record = _ok(app, "/api/article/html-5")
    assert record["article"]["text"] == TEXT_HTML  # escaping is the page's job (textContent)
    assert record["article"]["title"].startswith("<img")
    assert {a["id"] for a in record["actors"]} == {"REB", "person:bo-lind"}
    assert _ok(app, "/api/article/north-1")["quotes"][0]["text"] == "This is a crime,"


def test_timeline_of_a_pair_counts_by_quad_class_and_period(app):
    body = _ok(app, "/api/timeline?actor=NTH&recipient=STH&period=month")
    assert body["pair"] == ["NTH", "STH"]
    series = {r["period"]: r for r in body["series"]}
    assert set(series) == {"2024-03-01", "2024-05-01"}
    assert series["2024-03-01"]["material_conflict"] == 1 and series["2024-03-01"]["events"] == 1
    may = series["2024-05-01"]
    assert (may["verbal_coop"], may["material_coop"], may["events"], may["mean_goldstein"]) == (1, 1, 2, 7.5)
    with Store(app.server.db, read_only=True) as store:
        names, rows = query.dyads(
            store.con, "month", query.EventFilter(actor="NTH", recipient="STH", limit=None)
        )
    assert sum(r["events"] for r in body["series"]) == sum(
        r[names.index("events")] for r in rows if r[1:3] == ("NTH", "STH")
    )


def test_dyads_are_the_rows_of_eventwire_dyads(app):
    body = _ok(app, "/api/dyads?period=month&since=2024-03-01")
    with Store(app.server.db, read_only=True) as store:
        names, rows = query.dyads(store.con, "month", query.EventFilter(since="2024-03-01", limit=None))
    want = [dict(zip(names, r, strict=True)) for r in rows]
    for w in want:
        w["period"] = w["period"].isoformat()
    assert body == {"period": "month", "rows": want} and len(want) == 5


def test_timeline_without_a_filter_lists_pairs_and_takes_the_one_asked(app):
    body = _ok(app, "/api/timeline?period=year")
    pairs = {(p["actor"], p["recipient"]): p["events"] for p in body["pairs"]}
    assert pairs[("NTH", "STH")] == 3 and ("STH", "NTH") in pairs
    assert body["pair"] == ["NTH", "STH"]  # the biggest pair with a recipient
    chosen = _ok(app, "/api/timeline?period=year&pair=STH,NTH")
    assert chosen["pair"] == ["STH", "NTH"] and chosen["series"][0]["verbal_conflict"] == 1
    assert _ok(app, "/api/timeline?actor=nobody")["pair"] is None


def test_places_are_dots_with_counts(app):
    body = _ok(app, "/api/places")
    dots = {(p["lat"], p["lon"]): p for p in body["points"]}
    kessel = dots[(50.0, 10.0)]  # two events 2 km apart are one dot
    assert kessel["events"] == 2 and kessel["name"] == "Kessel" and kessel["country"] == "STH"
    assert (46.2, 6.2) in dots or (46.2, 6.1) in dots
    assert body["unplaced"] == body["events"] - sum(p["events"] for p in body["points"])
    quad4 = _ok(app, "/api/places?quad=4")
    assert {(p["name"], p["events"]) for p in quad4["points"]} == {("Kessel", 1), ("<i>Oldtown</i>", 1)}


def test_quotes_by_speaker_and_the_speakers(app):
    body = _ok(app, "/api/quotes?speaker=Ruiz")
    assert [(q["speaker"], q["text"]) for q in body["rows"]] == [("Ana Ruiz", "This is a crime,")]
    assert body["rows"][0]["article_id"] == "north-1" and body["more"] is False
    assert _ok(app, "/api/quotes?speaker=Nobody")["rows"] == []
    speakers = {r["speaker"]: r["quotes"] for r in _ok(app, "/api/speakers")["rows"]}
    assert speakers == {"Ana Ruiz": 1, "Bo Lind": 1}
    assert [r["speaker"] for r in _ok(app, "/api/speakers?q=lind")["rows"]] == ["Bo Lind"]
    page = _ok(app, "/api/quotes?limit=1")
    assert len(page["rows"]) == 1 and page["more"] is True
    assert _ok(app, "/api/quotes?limit=1&offset=1")["more"] is False


def test_summary_offers_the_filters_choices(app):
    body = _ok(app, "/api/summary")
    assert body["articles"] == 5 and body["events"] == 7 and body["quotes"] == 2
    assert body["types"] == ["ACCUSE", "AGREE", "AID", "ASSAULT", "PROTEST"]
    assert body["codes"][0] == "STH" and "NTH" in body["codes"]
    assert (body["first"], body["last"]) == ("2024-03-11", "2024-06-01")


# --- outlines -------------------------------------------------------------------------------------------
def test_country_outlines_load_with_iso_codes(app):
    status, headers, body = app.get("/api/countries", headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Type"] == "application/geo+json"
    collection = json.loads(gzip.decompress(body))
    assert collection["type"] == "FeatureCollection" and "Natural Earth" in collection["source"]
    features = collection["features"]
    codes = {f["properties"]["iso_a3"] for f in features}
    assert len(features) > 200 and {"FRA", "NOR", "UKR", "RUS", "USA", "CHN", "BRA", "XKX"} <= codes
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in codes if c is not None)
    assert sum(f["properties"]["iso_a3"] is None for f in features) < 10  # bases, reefs, Bir Tawil
    france = next(f for f in features if f["properties"]["adm0_a3"] == "FRA")
    assert france["properties"]["iso_a3"] == "FRA"  # Natural Earth writes -99 there; its _EH column has it
    assert france["geometry"]["type"] == "MultiPolygon"
    lons = [pt[0] for poly in france["geometry"]["coordinates"] for ring in poly for pt in ring]
    assert -6 < min(x for x in lons if x > -10) < 0  # Brittany's tip; the overseas parts are further out
    assert len(body) < 400_000  # simplified: the map loads fast


# --- the pages ------------------------------------------------------------------------------------------
class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.inline: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))
            self.in_script = True
        for name, _ in attrs:
            assert not name.startswith("on"), f"inline handler {name}"
        if tag == "style" or any(name == "style" for name, _ in attrs):
            self.inline.append(tag)

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, text):
        if self.in_script and text.strip():
            self.inline.append(text)


def test_pages_have_no_inline_script_and_fetch_nothing_from_elsewhere(app):
    parser = _Scripts()
    parser.feed(app.get("/")[2].decode("utf-8"))
    assert parser.scripts == [{"type": "module", "src": "/static/app.js"}] and parser.inline == []
    names = sorted(p.name for p in STATIC.iterdir())
    assert {"index.html", "app.js", "style.css", "events.js", "article.js", "map.js", "quotes.js"} <= set(
        names
    )
    for path in STATIC.iterdir():
        text = path.read_text(encoding="utf-8")
        # The only addresses in the pages: the SVG namespace, and the test that an article's link is http(s).
        rest = text.replace('"http://www.w3.org/2000/svg"', "").replace(r"/^https?:\/\//i", "")
        assert "http:" not in rest and "https:" not in rest and "//" + "cdn" not in rest, path.name
        assert "innerHTML" not in text and "insertAdjacentHTML" not in text and "document.write" not in text
        assert "eval(" not in text and "new Function" not in text, path.name
        status, _, body = app.get(f"/static/{path.name}")
        assert status == 200 and body == path.read_bytes()


def test_missing_store_is_not_created(tmp_path):
    with pytest.raises(StoreError):
        server.make_server(str(tmp_path / "none.duckdb"), "127.0.0.1", 0)
    assert not (tmp_path / "none.duckdb").exists()


def test_the_server_binds_loopback_by_default_and_serves_many_threads(db):
    import inspect

    assert inspect.signature(server.run).parameters["host"].default == "127.0.0.1"
    assert inspect.signature(server.make_server).parameters["host"].default == "127.0.0.1"
    running = Running(db)
    try:
        assert running.server.server_address[0] == "127.0.0.1"
        results: list[int] = []

        def ask() -> None:
            for path in (
                "/api/events",
                "/api/timeline",
                "/api/places",
                "/api/quotes",
                "/api/article/north-1",
            ):
                results.append(running.get(path)[0])

        threads = [threading.Thread(target=ask) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert results == [200] * 40
    finally:
        running.stop()


def test_a_port_in_use_is_one_line(tmp_path, run_cli):
    import socket

    db = tmp_path / "busy.duckdb"
    build_store(db)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = run_cli("serve", "--db", str(db), "--port", str(port))
    assert code == 1 and "cannot listen on 127.0.0.1" in err and "Traceback" not in err
