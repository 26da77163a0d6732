"""The DuckDB store: schema, the single writer, failures, runs, and exports.

Each article is written in one transaction: its old rows in every table are deleted and the new ones
inserted, so a crash never leaves half an article and re-coding the same article replaces it. Articles are
keyed by `id` (the input's own id, else the content hash). The `failures` table holds the items that are
failing now, keyed by (source, item): a later success of the same item removes its failure row.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from .errors import StoreError
from .pipeline import Failure
from .records import Record

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
    sentence_end INTEGER, quote VARCHAR, confidence DOUBLE, rule VARCHAR);
CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR, id VARCHAR, text VARCHAR, span_start INTEGER, span_end INTEGER, speaker VARCHAR,
    speaker_text VARCHAR, cue VARCHAR, direct BOOLEAN, date_value VARCHAR, date_precision VARCHAR);
CREATE TABLE IF NOT EXISTS times (
    article_id VARCHAR, text VARCHAR, span_start INTEGER, span_end INTEGER, value VARCHAR,
    precision VARCHAR, anchor VARCHAR);
CREATE TABLE IF NOT EXISTS places (
    article_id VARCHAR, id VARCHAR, text VARCHAR, span_start INTEGER, span_end INTEGER, name VARCHAR,
    kind VARCHAR, country VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE, geonames_id BIGINT);
CREATE TABLE IF NOT EXISTS failures (
    source VARCHAR, item VARCHAR, code VARCHAR, reason VARCHAR, run_id VARCHAR, failed_at TIMESTAMP);
"""

# Columns added after a table was first released: added to older files on open. New columns always go at
# the end of their table, so that positional inserts stay right for old and new files alike.
ADDED_COLUMNS = (("actors", "how", "VARCHAR[]"),)

ARTICLE_TABLES = ("actors", "events", "quotes", "times", "places")
TABLES = ("articles", *ARTICLE_TABLES, "failures", "runs")
EXPORT_FORMATS = ("jsonl", "csv", "parquet")
# Statuses counted by default in summaries and exports (DESIGN section 3).
COUNTED_STATUSES = ("asserted", "planned")


def _span(span: list[int] | None) -> tuple[int | None, int | None]:
    return (span[0], span[1]) if span else (None, None)


def _rows(record: Record) -> dict[str, list[tuple]]:
    aid = record.article.id
    rows: dict[str, list[tuple]] = {t: [] for t in ARTICLE_TABLES}
    for a in record.actors:
        rows["actors"].append((aid, a.id, a.name, a.country, a.sector, a.org, a.role, a.mentions, a.how))
    for e in record.events:
        d = e.date
        rows["events"].append(
            (
                aid,
                e.id,
                e.type,
                e.mode,
                e.context,
                e.actors,
                e.recipients,
                e.status,
                d.value if d else None,
                d.precision if d else None,
                d.text if d else None,
                e.place,
                e.cameo,
                e.quad_class,
                e.goldstein,
                e.trigger.text,
                *_span(e.trigger.span),
                e.sentence.text,
                *_span(e.sentence.span),
                e.quote,
                e.confidence,
                e.rule,
            )
        )
    for q in record.quotes:
        rows["quotes"].append(
            (
                aid,
                q.id,
                q.text,
                *_span(q.span),
                q.speaker,
                q.speaker_text,
                q.cue,
                q.direct,
                q.date.value if q.date else None,
                q.date.precision if q.date else None,
            )
        )
    for t in record.times:
        rows["times"].append((aid, t.text, *_span(t.span), t.value, t.precision, t.anchor))
    for p in record.places:
        rows["places"].append(
            (
                aid,
                p.id,
                p.text,
                *_span(p.span),
                p.name,
                p.kind,
                p.country,
                p.admin1,
                p.lat,
                p.lon,
                p.geonames_id,
            )
        )
    return rows


class Store:
    """One DuckDB file, one writer. Use as a context manager."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        import duckdb

        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such database", "run `eventwire code ... --db PATH` first")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            raise StoreError(
                f"{self.path}: cannot open the database ({str(exc).splitlines()[0]})",
                "close the other program using it, or choose another --db",
            ) from None
        except duckdb.Error as exc:
            raise StoreError(
                f"{self.path}: not a DuckDB database ({str(exc).splitlines()[0]})", "choose another --db path"
            ) from None
        if not read_only:
            self.con.execute(SCHEMA_SQL)
            self._add_missing_columns()

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
        self.con.close()

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
        art = record.article
        con = self.con
        con.begin()
        try:
            # The primary-key lookup is cheap; the child-table deletes scan, so skip them for new articles.
            if con.execute("SELECT 1 FROM articles WHERE id = ?", [art.id]).fetchone():
                con.execute("DELETE FROM articles WHERE id = ?", [art.id])
                for table in ARTICLE_TABLES:
                    con.execute(f"DELETE FROM {table} WHERE article_id = ?", [art.id])
            con.execute(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    art.id,
                    art.hash,
                    art.source,
                    art.url,
                    art.title,
                    art.outlet,
                    art.byline,
                    art.credits,
                    art.published,
                    art.published_inferred,
                    art.language,
                    art.text,
                    art.captions,
                    art.removed,
                    run_id,
                    datetime.now(UTC).replace(tzinfo=None),
                    record.to_json(),
                ],
            )
            for table, rows in _rows(record).items():
                _insert_rows(con, table, rows)
            source, item = _split_source(art.source)
            con.execute(
                "DELETE FROM failures WHERE source = ? AND item IS NOT DISTINCT FROM ?", [source, item]
            )
            con.commit()
        except Exception:
            con.rollback()
            raise

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

    # --- reading ---------------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}

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
        order = "id" if table in ("runs",) else ("source, item" if table == "failures" else "article_id")
        return f"SELECT * FROM {table} ORDER BY {order}", []

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
    (which releases the GIL) overlaps with parsing. Items are written in the order they were put; an error
    in the writer is raised again by the next `put` or by `close`.

        with BackgroundWriter(store, run_id) as writer:
            for outcome in outcomes:
                writer.put(outcome)
    """

    QUEUE_SIZE = 64

    def __init__(self, store: Store, run_id: str | None = None) -> None:
        import queue
        import threading

        self.store = store
        self.run_id = run_id
        self.queue: queue.Queue[Record | Failure | None] = queue.Queue(self.QUEUE_SIZE)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="eventwire-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (item := self.queue.get()) is not None:
            if self.error is not None:
                continue  # drain after a failure; the error is raised in the caller's thread
            try:
                if isinstance(item, Failure):
                    self.store.record_failure(item, self.run_id)
                else:
                    self.store.write(item, self.run_id)
            except BaseException as exc:
                self.error = exc

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


# Rows per multi-row INSERT: DuckDB's executemany runs one statement per row (about 1 ms each), one
# statement with many VALUES tuples is several times faster.
INSERT_CHUNK = 256


def _insert_rows(con: Any, table: str, rows: list[tuple]) -> None:
    for start in range(0, len(rows), INSERT_CHUNK):
        chunk = rows[start : start + INSERT_CHUNK]
        one = "(" + ", ".join("?" * len(chunk[0])) + ")"
        con.execute(
            f"INSERT INTO {table} VALUES {', '.join([one] * len(chunk))}", [v for r in chunk for v in r]
        )


def _split_source(source: str) -> tuple[str, str | None]:
    """Article.source is 'path' or 'path:line' for a JSONL line; failures are keyed the same way."""
    head, sep, tail = source.rpartition(":")
    return (head, tail) if sep and tail.isdigit() else (source, None)


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
