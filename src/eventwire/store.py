"""The DuckDB store: schema, the single writer, failures, runs, and exports.

Each article is written in one transaction: its old rows in every table are deleted and the new ones
inserted, so a crash never leaves half an article and re-coding the same article replaces it. Articles are
keyed by `id` (the input's own id, else the content hash). The `failures` table holds the items that are
failing now, keyed by (source, item): a later success of the same item removes its failure row.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from . import duplicates, stories
from .errors import StoreError
from .records import Failure, Record

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS runs (
    id VARCHAR PRIMARY KEY, started TIMESTAMP, finished TIMESTAMP, version VARCHAR, model VARCHAR,
    stages VARCHAR[], args VARCHAR, n_coded INTEGER, n_failed INTEGER);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, hash VARCHAR, source VARCHAR, url VARCHAR, title VARCHAR, outlet VARCHAR,
    byline VARCHAR, credits VARCHAR[], published DATE, published_inferred BOOLEAN, language VARCHAR,
    text VARCHAR, captions VARCHAR[], removed VARCHAR[], run_id VARCHAR, coded_at TIMESTAMP, record VARCHAR);
CREATE TABLE IF NOT EXISTS actors (
    article_id VARCHAR, id VARCHAR, name VARCHAR, country VARCHAR, sector VARCHAR, org VARCHAR, role VARCHAR,
    mentions INTEGER[][], how VARCHAR[]);
CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR, id VARCHAR, type VARCHAR, mode VARCHAR, context VARCHAR[], actors VARCHAR[],
    recipients VARCHAR[], status VARCHAR, date_value VARCHAR, date_precision VARCHAR, date_text VARCHAR,
    place VARCHAR, cameo VARCHAR, quad_class INTEGER, goldstein DOUBLE, trigger_text VARCHAR,
    trigger_start INTEGER, trigger_end INTEGER, sentence_text VARCHAR, sentence_start INTEGER,
    sentence_end INTEGER, quote VARCHAR, confidence DOUBLE, rule VARCHAR, num_mentions INTEGER, score DOUBLE);
CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR, id VARCHAR, text VARCHAR, span_start INTEGER, span_end INTEGER, speaker VARCHAR,
    speaker_text VARCHAR, cue VARCHAR, direct BOOLEAN, date_value VARCHAR, date_precision VARCHAR,
    speaker_how VARCHAR);
CREATE TABLE IF NOT EXISTS times (
    article_id VARCHAR, text VARCHAR, span_start INTEGER, span_end INTEGER, value VARCHAR,
    precision VARCHAR, anchor VARCHAR);
CREATE TABLE IF NOT EXISTS places (
    article_id VARCHAR, id VARCHAR, text VARCHAR, span_start INTEGER, span_end INTEGER, name VARCHAR,
    kind VARCHAR, country VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE, geonames_id BIGINT, use VARCHAR,
    rule VARCHAR, caption INTEGER, rules VARCHAR[]);
CREATE TABLE IF NOT EXISTS failures (
    source VARCHAR, item VARCHAR, code VARCHAR, reason VARCHAR, run_id VARCHAR, failed_at TIMESTAMP);
"""

# Columns added after a table was first released: added to older files on open. New columns always go at
# the end of their table, so that positional inserts stay right for old and new files alike.
ADDED_COLUMNS = (
    ("actors", "how", "VARCHAR[]"),
    ("places", "use", "VARCHAR"),
    ("places", "rule", "VARCHAR"),
    ("places", "caption", "INTEGER"),
    ("events", "num_mentions", "INTEGER"),
    ("events", "score", "DOUBLE"),
    ("quotes", "speaker_how", "VARCHAR"),
    ("articles", "duplicate_of", "VARCHAR"),
    ("places", "rules", "VARCHAR[]"),
)

ARTICLE_TABLES = ("actors", "events", "quotes", "times", "places")
# The source of one line of a JSON Lines file: "feed.jsonl:12".
_JSONL_ITEM = re.compile(r":\d+$")
TABLES = ("articles", *ARTICLE_TABLES, "failures", "runs", "stories", "story_events")
EXPORT_FORMATS = ("jsonl", "csv", "parquet")
# Statuses counted by default in summaries and exports (DESIGN section 3).
COUNTED_STATUSES = ("asserted", "planned")


# The child rows of articles are unpacked from their record JSON by DuckDB itself (C++), so Python builds
# and converts no per-value rows: $1 is the list of article ids, $2 the list of record JSONs.
_SPAN = '["INTEGER"]'
_TIME = '{"text":"VARCHAR","span":' + _SPAN + ',"value":"VARCHAR","precision":"VARCHAR","anchor":"VARCHAR"}'
_TEXT_SPAN = '{"text":"VARCHAR","span":' + _SPAN + "}"
CHILD_TYPES = {
    "actors": '{"id":"VARCHAR","name":"VARCHAR","country":"VARCHAR","sector":"VARCHAR","org":"VARCHAR",'
    '"role":"VARCHAR","mentions":[' + _SPAN + '],"how":["VARCHAR"]}',
    "events": '{"id":"VARCHAR","type":"VARCHAR","mode":"VARCHAR","context":["VARCHAR"],"actors":["VARCHAR"],'
    '"recipients":["VARCHAR"],"status":"VARCHAR","date":' + _TIME + ',"place":"VARCHAR","cameo":"VARCHAR",'
    '"quad_class":"INTEGER","goldstein":"DOUBLE","trigger":' + _TEXT_SPAN + ',"sentence":' + _TEXT_SPAN + ","
    '"quote":"VARCHAR","confidence":"DOUBLE","rule":"VARCHAR","num_mentions":"INTEGER","score":"DOUBLE"}',
    "quotes": '{"id":"VARCHAR","text":"VARCHAR","span":'
    + _SPAN
    + ',"speaker":"VARCHAR","speaker_text":"VARCHAR",'
    '"cue":"VARCHAR","direct":"BOOLEAN","date":' + _TIME + ',"speaker_how":"VARCHAR"}',
    "times": _TIME,
    "places": '{"id":"VARCHAR","text":"VARCHAR","span":' + _SPAN + ',"name":"VARCHAR","kind":"VARCHAR",'
    '"country":"VARCHAR","admin1":"VARCHAR","lat":"DOUBLE","lon":"DOUBLE","geonames_id":"BIGINT",'
    '"use":"VARCHAR","rule":"VARCHAR","caption":"INTEGER","rules":["VARCHAR"]}',
}
CHILD_COLUMNS = {
    "actors": "x.id, x.name, x.country, x.sector, x.org, x.role, x.mentions, x.how",
    "events": "x.id, x.type, x.mode, x.context, x.actors, x.recipients, x.status, x.date.value, "
    "x.date.precision, x.date.text, x.place, x.cameo, x.quad_class, x.goldstein, x.trigger.text, "
    "x.trigger.span[1], x.trigger.span[2], x.sentence.text, x.sentence.span[1], x.sentence.span[2], x.quote, "
    "x.confidence, x.rule, x.num_mentions, x.score",
    "quotes": "x.id, x.text, x.span[1], x.span[2], x.speaker, x.speaker_text, x.cue, x.direct, x.date.value, "
    "x.date.precision, x.speaker_how",
    "times": "x.text, x.span[1], x.span[2], x.value, x.precision, x.anchor",
    "places": "x.id, x.text, x.span[1], x.span[2], x.name, x.kind, x.country, x.admin1, x.lat, x.lon, "
    "x.geonames_id, x.use, x.rule, x.caption, x.rules",
}
CHILD_SQL = {
    table: f"INSERT INTO {table} SELECT aid, {CHILD_COLUMNS[table]} FROM (SELECT aid, unnest(from_json("
    f"json_extract(j::JSON, '$.{table}'), '[{CHILD_TYPES[table]}]')) AS x "
    "FROM (SELECT unnest($1) AS aid, unnest($2) AS j))"
    for table in ARTICLE_TABLES
}
# Caption places go to the places table too (their `caption` column says which caption their span is in).
CHILD_SQL["caption_places"] = CHILD_SQL["places"].replace("'$.places'", "'$.caption_places'")


def _article_row(r: Record, run_id: str | None, now: datetime, record_json: str) -> tuple:
    a = r.article
    return (
        a.id,
        a.hash,
        a.source,
        a.url,
        a.title,
        a.outlet,
        a.byline,
        a.credits,
        a.published,
        a.published_inferred,
        a.language,
        a.text,
        a.captions,
        a.removed,
        run_id,
        now,
        record_json,
        a.duplicate_of,
    )


class Store:
    """One DuckDB file, one writer. Use as a context manager."""

    # How long opening waits for another process's lock: a run writing the file releases it between its
    # transactions (see release), a reader holds it while its query runs.
    READ_WAIT_SECONDS = 15.0
    WRITE_WAIT_SECONDS = 600.0

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._copies: duplicates.Index | None = None
        if read_only and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such database", "run `eventwire code ... --db PATH` first")
        self._con: Any = self._connect(self.READ_WAIT_SECONDS)
        if not read_only:
            self.con.execute(SCHEMA_SQL)
            self.con.execute(stories.SCHEMA_SQL)
            self.con.execute(duplicates.SCHEMA_SQL)
            self._add_missing_columns()

    def _connect(self, wait: float) -> Any:
        """A connection to the file, waiting up to `wait` seconds while another process holds its lock."""
        import duckdb

        deadline = time.monotonic() + wait
        while True:
            try:
                con = duckdb.connect(self.path, read_only=self.read_only)
                break
            except duckdb.IOException as exc:
                if "lock" in str(exc).lower() and time.monotonic() < deadline:
                    time.sleep(0.2)
                    continue
                raise StoreError(
                    f"{self.path}: cannot open the database ({str(exc).splitlines()[0]})",
                    "close the other program using it, or choose another --db",
                ) from None
            except duckdb.Error as exc:
                raise StoreError(
                    f"{self.path}: not a DuckDB database ({str(exc).splitlines()[0]})",
                    "choose another --db path",
                ) from None
        if not self.read_only:
            # One DuckDB thread: the writer runs beside parsing, and parallel scans of a few rows gain nothing
            # while taking a core from the parser.
            con.execute("SET threads = 1")
        return con

    @property
    def con(self) -> Any:
        """The connection, opened again if it was released."""
        if self._con is None:
            self._con = self._connect(self.WRITE_WAIT_SECONDS)
        return self._con

    def release(self) -> None:
        """Close the connection, and the file's lock with it, until the store is next used: between the
        transactions of a run, other processes can read the file (`eventwire events`, `export`)."""
        if self._con is not None:
            self._con.close()
            self._con = None

    def _add_missing_columns(self) -> None:
        for table, column, sql_type in ADDED_COLUMNS:
            present = self.con.execute(
                "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = ?",
                [table, column],
            ).fetchone()[0]
            if not present:
                self.con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.release()

    # --- writing ---------------------------------------------------------------------------------------
    def begin_run(self, version: str, model: str, stages: list[str], args: dict[str, Any]) -> str:
        started = datetime.now(UTC).replace(tzinfo=None)
        run_id = started.strftime("%Y%m%dT%H%M%S.%f")
        self.con.execute(
            "INSERT INTO runs VALUES (?, ?, NULL, ?, ?, ?, ?, 0, 0)",
            [run_id, started, version, model, stages, json.dumps(args, default=str)],
        )
        return run_id

    def end_run(self, run_id: str, n_coded: int, n_failed: int) -> None:
        self.con.execute(
            "UPDATE runs SET finished = ?, n_coded = ?, n_failed = ? WHERE id = ?",
            [datetime.now(UTC).replace(tzinfo=None), n_coded, n_failed, run_id],
        )

    def write(self, record: Record, run_id: str | None = None) -> None:
        """Replace everything stored for this article, in one transaction."""
        self.write_many([record], run_id)

    def write_many(self, records: list[Record], run_id: str | None = None) -> None:
        """Replace everything stored for these articles, in one transaction of whole articles (a crash keeps
        all of them or none). Each statement handles all the articles at once: DuckDB's cost is per
        statement, not per row."""
        if not records:
            return
        records = list({r.article.id: r for r in records}.values())  # the last coding of an id wins
        ids = [r.article.id for r in records]
        signatures = self._mark_copies(records)
        jsons = [r.to_json() for r in records]
        con = self.con
        con.begin()
        try:
            con.execute("DELETE FROM article_signatures WHERE id IN (SELECT unnest($1))", [ids])
            if signatures:
                con.executemany("INSERT INTO article_signatures VALUES (?, ?, ?)", signatures)
            old = [
                row[0]
                for row in con.execute(
                    "SELECT id FROM articles WHERE id IN (SELECT unnest($1))", [ids]
                ).fetchall()
            ]
            old += self._earlier_versions(records)
            if old:  # the child-table deletes scan, so they run only when an article is coded again
                con.execute("DELETE FROM articles WHERE id IN (SELECT unnest($1))", [old])
                for table in ARTICLE_TABLES:
                    con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest($1))", [old])
            now = datetime.now(UTC).replace(tzinfo=None)
            columns = list(
                zip(
                    *(_article_row(r, run_id, now, j) for r, j in zip(records, jsons, strict=True)),
                    strict=True,
                )
            )
            unnest = ", ".join(f"unnest(${i + 1})" for i in range(len(columns)))
            con.execute(f"INSERT INTO articles SELECT {unnest}", [list(c) for c in columns])
            for table in (*ARTICLE_TABLES, "caption_places"):
                if any(getattr(r, table) for r in records):
                    con.execute(CHILD_SQL[table], [ids, jsons])
            keys = [_failure_key(*_split_source(r.article.source)) for r in records]
            con.execute(
                "DELETE FROM failures WHERE source || chr(31) || coalesce(item, '') IN (SELECT unnest($1))",
                [keys],
            )
            con.commit()
        except Exception:
            con.rollback()
            self._copies = None  # rebuilt from the table on the next write
            raise

    def _mark_copies(self, records: list[Record]) -> list[tuple]:
        """Set `article.duplicate_of` of the records that repeat a stored article (duplicates.py); return the
        rows of their signatures."""
        if self._copies is None:
            self._copies = duplicates.Index(self.con)
        rows: list[tuple] = []
        for r in records:
            a = r.article
            m = duplicates.signature(a.text)
            a.duplicate_of = self._copies.first_copy(a.id, m, a.published or "") if m is not None else None
            rows += self._copies.add(a.id, m, a.published or "")
        return rows

    def _earlier_versions(self, records: list[Record]) -> list[str]:
        """Stored articles that an edited file replaces: same source (a file of one article, not a JSON Lines
        line), no id given by the input (id = content hash) on either side, other content. Re-coding an edited
        page replaces it instead of adding a second copy whose events would count twice."""
        files = [
            (r.article.source, r.article.id)
            for r in records
            if r.article.id == r.article.hash
            and r.article.source not in ("-", "<text>")
            and not _JSONL_ITEM.search(r.article.source)
        ]
        if not files:
            return []
        rows = self.con.execute(
            "SELECT a.id FROM articles a JOIN (SELECT unnest($1) AS source, unnest($2) AS id) f "
            "ON a.source = f.source AND a.id <> f.id AND a.id = a.hash",
            [[s for s, _ in files], [i for _, i in files]],
        ).fetchall()
        return [r[0] for r in rows]

    def record_failure(self, failure: Failure, run_id: str | None = None) -> None:
        con = self.con
        con.begin()
        try:
            con.execute(
                "DELETE FROM failures WHERE source = ? AND item IS NOT DISTINCT FROM ?",
                [failure.source, failure.item],
            )
            con.execute(
                "INSERT INTO failures VALUES (?, ?, ?, ?, ?, ?)",
                [
                    failure.source,
                    failure.item,
                    failure.code,
                    failure.reason,
                    run_id,
                    datetime.now(UTC).replace(tzinfo=None),
                ],
            )
            con.commit()
        except Exception:
            con.rollback()
            raise

    def update_stories(self, article_ids: list[str] | None = None) -> int:
        """Rebuild the story tables for these (new or recoded) articles, or all of them; one transaction."""
        self.con.begin()
        try:
            n = stories.rebuild(self.con, article_ids)
            self.con.commit()
        except Exception:
            self.con.rollback()
            raise
        return n

    # --- reading ---------------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        present = {
            r[0] for r in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        }
        return {
            t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES if t in present
        }

    def article_files(self) -> dict[str, tuple[str, str]]:
        """For each stored article id: its content hash and the file it came from (without a JSONL line)."""
        rows = self.con.execute("SELECT id, hash, source FROM articles").fetchall()
        return {aid: (digest, source_file(source)) for aid, digest, source in rows}

    def coded_articles(self, version: str | None = None) -> frozenset[tuple[str, str]]:
        """(id, content hash) of the stored articles, or of those coded by runs of this pipeline version."""
        if version is None:
            return frozenset(self.con.execute("SELECT id, hash FROM articles").fetchall())
        rows = self.con.execute(
            "SELECT a.id, a.hash FROM articles a JOIN runs r ON r.id = a.run_id WHERE r.version = ?",
            [version],
        ).fetchall()
        return frozenset(rows)

    def records(self) -> Iterator[dict[str, Any]]:
        for (text,) in self.con.execute("SELECT record FROM articles ORDER BY coded_at, id").fetchall():
            yield json.loads(text)

    def select(self, table: str, all_statuses: bool = False) -> tuple[str, list[Any]]:
        if table not in TABLES:
            raise StoreError(f"no table {table!r}", f"choose one of: records, {', '.join(TABLES)}")
        if table == "articles":
            return "SELECT * EXCLUDE (record) FROM articles ORDER BY coded_at, id", []
        if table == "events" and not all_statuses:
            marks = ", ".join("?" * len(COUNTED_STATUSES))
            return f"SELECT * FROM events WHERE status IN ({marks}) ORDER BY article_id, id", list(
                COUNTED_STATUSES
            )
        order = {
            "runs": "id",
            "stories": "date, id",
            "story_events": "story_id, article_id",
            "failures": "source, item",
        }
        order_by = order.get(table, "article_id")
        return f"SELECT * FROM {table} ORDER BY {order_by}", []

    def export(self, fmt: str, table: str, out: TextIO | str | None, all_statuses: bool = False) -> int:
        """Write a table (or `records`, the full JSON records) as jsonl, csv or parquet; return the rows."""
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}", f"choose one of: {', '.join(EXPORT_FORMATS)}")
        if table == "records":
            if fmt != "jsonl":
                raise StoreError("the records table holds nested JSON", "export it with --format jsonl")
            return _write_lines((json.dumps(r, ensure_ascii=False) for r in self.records()), out)
        sql, params = self.select(table, all_statuses)
        if fmt == "parquet":
            if not isinstance(out, str):
                raise StoreError(
                    "parquet is a binary format", "give an output file with --output FILE.parquet"
                )
            self.con.execute(f"COPY ({_inline(sql, params)}) TO '{_quote(out)}' (FORMAT parquet)")
            return self.con.execute(f"SELECT count(*) FROM ({_inline(sql, params)})").fetchone()[0]
        cur = self.con.execute(sql, params)
        names = [d[0] for d in cur.description]
        rows = cur.fetchall()
        if fmt == "jsonl":
            lines = (
                json.dumps(dict(zip(names, r, strict=True)), ensure_ascii=False, default=str) for r in rows
            )
            return _write_lines(lines, out)
        return _write_csv(names, rows, out)


class BackgroundWriter:
    """The store's single writer on a thread of its own, fed through a bounded queue, so that DuckDB's work
    (which releases the GIL) overlaps with parsing. Items are written in the order they were put, the
    articles waiting at a time together in one transaction of whole articles; an error in the writer is
    raised again by the next `put` or by `close`.

        with BackgroundWriter(store, run_id) as writer:
            for outcome in outcomes:
                writer.put(outcome)
    """

    QUEUE_SIZE = 64
    # Articles written in one transaction at most, and how long the writer gathers them: DuckDB's cost is
    # mostly per statement, so a few large transactions cost far less CPU than many small ones.
    BATCH = 32
    FLUSH_SECONDS = 0.5

    def __init__(self, store: Store, run_id: str | None = None, share: bool = False) -> None:
        import queue
        import threading

        self.store = store
        self.run_id = run_id
        self.share = share  # release the file between transactions, so that other processes can read it
        self.queue: queue.Queue[Record | Failure | None] = queue.Queue(self.QUEUE_SIZE)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="eventwire-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        import queue

        done = False
        while not done:
            batch = [self.queue.get()]
            deadline = time.monotonic() + self.FLUSH_SECONDS
            while batch[-1] is not None and len(batch) < self.BATCH:  # gather up to BATCH or FLUSH_SECONDS
                try:
                    batch.append(self.queue.get(timeout=max(0.0, deadline - time.monotonic())))
                except queue.Empty:
                    break
            if batch[-1] is None:
                batch.pop()
                done = True
            if self.error is None:  # after a failure, drain; the error is raised in the caller's thread
                try:
                    self._write(batch)
                    if self.share:
                        self.store.release()
                except BaseException as exc:
                    self.error = exc

    def _write(self, batch: list[Record | Failure]) -> None:
        records: list[Record] = []
        for item in batch:
            if isinstance(item, Failure):
                self.store.write_many(records, self.run_id)
                records = []
                self.store.record_failure(item, self.run_id)
            else:
                records.append(item)
        self.store.write_many(records, self.run_id)

    def put(self, item: Record | Failure) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put(item)

    def close(self) -> None:
        if self.thread.is_alive():
            self.queue.put(None)
            self.thread.join()
        if self.error is not None:
            raise self.error

    def __enter__(self) -> BackgroundWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _failure_key(source: str, item: str | None) -> str:
    return f"{source}\x1f{item or ''}"


def _split_source(source: str) -> tuple[str, str | None]:
    """Article.source is 'path' or 'path:line' for a JSONL line; failures are keyed the same way."""
    head, sep, tail = source.rpartition(":")
    return (head, tail) if sep and tail.isdigit() else (source, None)


def source_file(source: str) -> str:
    """The file of an article's source ('path:line' of a JSONL line is 'path')."""
    return _split_source(source)[0]


def _quote(text: str) -> str:
    return text.replace("'", "''")


def _inline(sql: str, params: list[Any]) -> str:
    """COPY takes no parameters: inline the fixed status names (never user input)."""
    for p in params:
        sql = sql.replace("?", f"'{_quote(str(p))}'", 1)
    return sql


def _open_out(out: TextIO | str | None) -> tuple[TextIO, bool]:
    if out is None or out == "-":
        return sys.stdout, False
    if isinstance(out, str):
        return open(out, "w", encoding="utf-8", newline=""), True
    return out, False


def _write_lines(lines: Iterator[str], out: TextIO | str | None) -> int:
    fh, close = _open_out(out)
    n = 0
    try:
        for n, line in enumerate(lines, start=1):  # noqa: B007
            fh.write(line + "\n")
    finally:
        if close:
            fh.close()
    return n


def _write_csv(names: list[str], rows: list[tuple], out: TextIO | str | None) -> int:
    fh, close = _open_out(out)
    try:
        writer = csv.writer(fh)
        writer.writerow(names)
        for row in rows:
            writer.writerow([json.dumps(v, default=str) if isinstance(v, list | dict) else v for v in row])
    finally:
        if close:
            fh.close()
    return len(rows)
