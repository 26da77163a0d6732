"""Benchmark of the dashboard's API (`eventwire serve`) on a store of at least 100,000 events.

    python scripts/bench_serve.py [--source STORE] [--events 100000] [--db BIG.duckdb] [--repeat 5]
                                  [--browser]

Builds a big store by copying every row of a real store (by default the 230 Wikinews articles of
/tmp/diag/dev_stories.duckdb) as many times as it takes to pass --events, each copy with new article and
story ids (SQL INSERT ... SELECT, so the copies keep the real texts, spans, actors, places and stories), and
the copies' dates moved by whole years so the timeline spreads. Then starts the dashboard's server on a free
port of 127.0.0.1 and times each API call the pages make, over HTTP as the browser makes it (gzip accepted),
with the server's answer cache off: the first call (cold), then the median and the slowest of --repeat more;
and the median of --repeat calls answered from the cache (a view opened again).
With --browser, also the time headless Chromium takes to show each view, from navigation until the view says
it is ready (every request it makes, the drawing included), with the answer cache off.
With --db and an existing file, that store is used as is. This is a measurement: nothing asserts on time.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

SOURCE = "/tmp/diag/dev_stories.duckdb"
CHILDREN = ("actors", "events", "quotes", "times", "places")


def build(source: str, target: str, min_events: int) -> dict[str, int]:
    """Copy every row of `source` into a new store at `target` until it has at least `min_events` events."""
    import duckdb

    from eventwire.store import Store

    Store(target).close()  # the schema, as the coder makes it
    con = duckdb.connect(target, config={"enable_progress_bar": False})
    con.execute(f"ATTACH '{source}' AS src (READ_ONLY)")
    n_events = con.execute("SELECT count(*) FROM src.events").fetchone()[0]
    copies = max(1, -(-min_events // max(1, n_events)))
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    src_tables = {
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'src'"
        ).fetchall()
    }
    copy = "(SELECT range AS k FROM range(?))"
    con.begin()
    # Copy k keeps the ids of the source when k = 0, so the real articles stay reachable by their own ids.
    new_id = "CASE WHEN k = 0 THEN {c} ELSE {c} || '~' || k END"
    shift = "CAST({c} + INTERVAL (k % 12) YEAR AS DATE)"
    con.execute(
        f"""INSERT INTO articles SELECT * EXCLUDE (k) REPLACE (
                {new_id.format(c="id")} AS id,
                {shift.format(c="published")} AS published,
                json_merge_patch(record, json_object('article', json_object(
                    'id', {new_id.format(c="id")},
                    'published', CAST({shift.format(c="published")} AS VARCHAR))))::VARCHAR AS record)
            FROM (SELECT * FROM src.articles CROSS JOIN {copy})""",
        [copies],
    )
    for table in CHILDREN:
        replace = f"{new_id.format(c='article_id')} AS article_id"
        if table in ("events", "quotes"):
            # Dated values move with their article: "2008-05-01" of copy 3 becomes "2011-05-01".
            replace += (
                ", CASE WHEN date_value SIMILAR TO '[0-9]{4}.*' THEN "
                "CAST(CAST(left(date_value, 4) AS INTEGER) + k % 12 AS VARCHAR) || date_value[5:] "
                "ELSE date_value END AS date_value"
            )
        con.execute(
            f"INSERT INTO {table} SELECT * EXCLUDE (k) REPLACE ({replace}) "
            f"FROM (SELECT * FROM src.{table} CROSS JOIN {copy})",
            [copies],
        )
    if {"stories", "story_events"} <= src_tables and {"stories", "story_events"} <= tables:
        con.execute(
            f"""INSERT INTO stories SELECT * EXCLUDE (k) REPLACE ({new_id.format(c="id")} AS id,
                    {shift.format(c="date")} AS date, {shift.format(c="first_seen")} AS first_seen,
                    {shift.format(c="last_seen")} AS last_seen)
                FROM (SELECT * FROM src.stories CROSS JOIN {copy})""",
            [copies],
        )
        con.execute(
            f"""INSERT INTO story_events SELECT * EXCLUDE (k) REPLACE (
                    {new_id.format(c="story_id")} AS story_id, {new_id.format(c="article_id")} AS article_id)
                FROM (SELECT * FROM src.story_events CROSS JOIN {copy})""",
            [copies],
        )
    con.commit()
    con.execute("DETACH src")
    con.execute("CHECKPOINT")
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", *CHILDREN)}
    con.close()
    return counts


def timed_get(base: str, path: str) -> tuple[float, int, int]:
    """One request as the browser makes it (gzip accepted): seconds, HTTP status, bytes sent."""
    request = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as resp:
        body = resp.read()
        status = resp.status
    return time.perf_counter() - start, status, len(body)


def calls(db: str) -> list[tuple[str, str]]:
    """The API calls the pages make, with values taken from the store so they hit real rows."""
    import duckdb

    con = duckdb.connect(db, read_only=True)
    try:
        article = con.execute(
            "SELECT article_id FROM events GROUP BY article_id ORDER BY count(*) DESC, article_id LIMIT 1"
        ).fetchone()[0]
        speaker = con.execute(
            "SELECT s.name FROM quotes q JOIN actors s ON s.article_id = q.article_id AND s.id = q.speaker "
            "GROUP BY s.name ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
        pair = con.execute(
            "SELECT a.country, r.country FROM events e "
            "JOIN actors a ON a.article_id = e.article_id AND list_contains(e.actors, a.id) "
            "JOIN actors r ON r.article_id = e.article_id AND list_contains(e.recipients, r.id) "
            "WHERE a.country IS NOT NULL AND r.country IS NOT NULL AND a.country <> r.country "
            "GROUP BY ALL ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    q = urllib.parse.quote
    return [
        ("summary (every page)", "/api/summary"),
        ("events, first page", "/api/events?limit=50"),
        ("events, next page", "/api/events?limit=50&offset=50"),
        ("events, actor + type filter", f"/api/events?actor={q(pair[0])}&type=ASSAULT&limit=50"),
        ("events, text filter", "/api/events?text=police&limit=50"),
        ("events, count of a filter", f"/api/events/count?actor={q(pair[0])}"),
        ("timeline, top pairs", "/api/timeline?period=month"),
        ("timeline, one pair", f"/api/timeline?actor={q(pair[0])}&recipient={q(pair[1])}&period=month"),
        ("map places (all)", "/api/places"),
        ("map places (quad 4)", "/api/places?quad=4"),
        ("country outlines", "/api/countries"),
        ("article", f"/api/article/{q(article, safe='')}"),
        ("speakers", "/api/speakers"),
        ("quotes of a speaker", f"/api/quotes?speaker={q(speaker)}&limit=50"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", default=SOURCE, help="the store whose rows are copied")
    parser.add_argument("--events", type=int, default=100_000, help="at least this many events")
    parser.add_argument("--db", help="where the big store is (kept); default: a temporary file")
    parser.add_argument("--repeat", type=int, default=5, help="timed calls of each request")
    parser.add_argument("--browser", action="store_true", help="also time whole views in headless Chromium")
    args = parser.parse_args(argv)

    from eventwire.serve.server import make_server

    tmp = tempfile.TemporaryDirectory()
    db = args.db or str(Path(tmp.name) / "big.duckdb")
    if not Path(db).exists():
        t0 = time.perf_counter()
        counts = build(args.source, db, args.events)
        print(
            f"built {db} in {time.perf_counter() - t0:.1f} s: "
            + ", ".join(f"{v:,} {k}" for k, v in counts.items())
        )
    else:
        print(f"using {db}")
    import duckdb

    con = duckdb.connect(db, read_only=True)
    n_events, n_articles = con.execute(
        "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM articles)"
    ).fetchone()
    con.close()
    todo = calls(db)
    article = next(path for name, path in todo if name == "article").rsplit("/", 1)[1]

    from eventwire.serve import outlines

    t0 = time.perf_counter()
    outlines.geojson()  # built once per process (the server starts it in the background): not timed beside
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    server = make_server(db, "127.0.0.1", 0, warm=False)
    started = time.perf_counter() - t0
    server.quiet = True
    server.cache.limit = 0  # cold: every call asks the store
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    rows = []
    try:
        for name, path in todo:
            first, status, size = timed_get(base, path)  # warm-up: DuckDB's caches, the outlines
            times = [timed_get(base, path)[0] for _ in range(args.repeat)]
            server.cache.limit = 256
            timed_get(base, path)
            cached = statistics.median(timed_get(base, path)[0] for _ in range(args.repeat))
            server.cache.limit = 0
            rows.append((name, path, status, size, first, statistics.median(times), max(times), cached))
        pages = time_pages(base, article, args.repeat, server.cache) if args.browser else []
    finally:
        server.shutdown()
        server.server_close()
        tmp.cleanup()

    print(
        f"\n{n_events:,} events in {n_articles:,} articles; {platform.processor() or platform.machine()}, "
        f"{_cores()} cores; Python {platform.python_version()}; outlines built in {built:.1f} s, "
        f"server started in {started:.2f} s; "
        f"{args.repeat} timed calls each after one warm-up call\n"
    )
    print("| call | HTTP | bytes (gzip) | first call ms | median ms | slowest ms | cached, median ms |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, path, status, size, first, median, slowest, cached in rows:
        ms = " | ".join(f"{t * 1000:.0f}" for t in (first, median, slowest))
        print(f"| {name} (`{path}`) | {status} | {size:,} | {ms} | {cached * 1000:.1f} |")
    if pages:
        print("\n| view in Chromium | first load ms | median ms | slowest ms | cached, median ms |")
        print("| --- | --- | --- | --- | --- |")
        for name, *times in pages:
            print(f"| {name} | " + " | ".join(f"{t:.0f}" for t in times) + " |")
    print(json.dumps({row[0]: round(row[5] * 1000, 1) for row in rows}), flush=True)
    return 0


def time_pages(base: str, article: str, repeat: int, cache) -> list[tuple[str, float, float, float, float]]:
    """Milliseconds from navigation start until the view is drawn (its data-ready-at: the browser's own
    performance.now() when the view finished, every request and the drawing included), per view: the first
    load, the median and the slowest of `repeat` more with the answer cache off, and the median of `repeat`
    with it on (each load from about:blank, so the page and its scripts load every time)."""
    from selenium.webdriver.common.by import By

    from screenshots import chromium, wait_ready

    views = [
        ("events", "#/events"),
        ("events, filtered", "#/events?quad=4&sort=-date"),
        ("timeline, all pairs", "#/timeline"),
        ("map", "#/map"),
        ("quotes", "#/quotes"),
        ("article", f"#/article/{article}"),
    ]
    out = []
    with tempfile.TemporaryDirectory() as profile:
        driver = chromium(profile)
        try:

            def load(fragment: str) -> float:
                driver.get("about:blank")
                driver.get(base + "/" + fragment)
                if wait_ready(driver, timeout=120) != "ready":
                    raise RuntimeError(f"{fragment} failed to load")
                return float(driver.find_element(By.ID, "view").get_attribute("data-ready-at"))

            for name, fragment in views:
                cache.limit = 0
                times = [load(fragment) for _ in range(repeat + 1)]
                cache.limit = 256
                load(fragment)
                cached = statistics.median(load(fragment) for _ in range(repeat))
                cache.limit = 0
                out.append((name, times[0], statistics.median(times[1:]), max(times[1:]), cached))
        finally:
            driver.quit()
    return out


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    raise SystemExit(main())
