from __future__ import annotations

import csv
import json
import time

import duckdb
import pytest

from eventwire.pipeline import Failure
from eventwire.records import Actor, Article, Place, Record
from eventwire.store import Store


def record(aid: str = "a1", text: str = "Russia and France met.", actors: int = 2) -> Record:
    art = Article(id=aid, hash=aid, source=f"{aid}.txt", text=text, title="T", credits=["Reuters"])
    names = [("RUS", "Russia", [0, 6]), ("FRA", "France", [11, 17])][:actors]
    return Record(article=art, actors=[Actor(id=i, name=n, country=i, mentions=[m]) for i, n, m in names])


def test_rewrite_replaces_never_duplicates(tmp_path):
    db = tmp_path / "t.duckdb"
    with Store(db) as store:
        store.write(record())
        store.write(record())
        assert store.counts()["articles"] == 1
        assert store.counts()["actors"] == 2
        store.write(record(actors=1))  # a later coding with fewer actors leaves no stale rows
        assert store.counts()["actors"] == 1


def test_caption_places_are_stored_with_their_caption(tmp_path):
    rec = record()
    rec.article.captions = ["Smoke rises over Lviv."]
    rec.places = [Place(id="P1", text="France", span=[11, 17], name="France", kind="country", country="FRA")]
    rec.caption_places = [Place(id="P2", text="Lviv", span=[17, 21], name="Lviv", kind="city", caption=0)]
    with Store(tmp_path / "t.duckdb") as store:
        store.write(rec)
        store.write(rec)
        rows = store.con.execute("SELECT id, text, caption FROM places ORDER BY id").fetchall()
    assert rows == [("P1", "France", None), ("P2", "Lviv", 0)]


def test_failed_write_leaves_the_previous_version(tmp_path, monkeypatch):
    from eventwire import store as store_module

    db = tmp_path / "t.duckdb"
    with Store(db) as store:
        store.write(record())
        monkeypatch.setitem(store_module.CHILD_SQL, "actors", "SELECT error('disk full') WHERE $1 <> $2")
        with pytest.raises(duckdb.Error):
            store.write(record(actors=1))  # fails after the article row and the deletes
        assert store.counts()["articles"] == 1 and store.counts()["actors"] == 2
        stored = json.loads(store.con.execute("SELECT record FROM articles").fetchone()[0])
        assert stored["actors"][0]["mentions"] == [[0, 6]]


def test_failures_are_kept_once_and_cleared_by_success(tmp_path):
    with Store(tmp_path / "t.duckdb") as store:
        fail = Failure("a1.txt", None, "a1.txt: is empty; pass a file", "E102")
        store.record_failure(fail)
        store.record_failure(fail)
        assert store.counts()["failures"] == 1
        store.write(record())  # the same source now codes fine
        assert store.counts()["failures"] == 0


def test_runs_are_recorded(tmp_path):
    with Store(tmp_path / "t.duckdb") as store:
        run = store.begin_run("0.1", "blank", ["parse"], {"paths": ["x"]})
        store.end_run(run, 3, 1)
        assert store.con.execute("SELECT n_coded, n_failed FROM runs").fetchone() == (3, 1)


def test_exports(tmp_path):
    db = tmp_path / "t.duckdb"
    with Store(db) as store:
        store.write(record("a1"))
        store.write(record("a2"))
        out = tmp_path / "records.jsonl"
        assert store.export("jsonl", "records", str(out)) == 2
        lines = [json.loads(line) for line in out.read_text().splitlines()]
        assert {r["article"]["id"] for r in lines} == {"a1", "a2"}
        csv_out = tmp_path / "actors.csv"
        assert store.export("csv", "actors", str(csv_out)) == 4
        rows = list(csv.DictReader(csv_out.open()))
        assert rows[0]["mentions"] == "[[0, 6]]"
        pq = tmp_path / "articles.parquet"
        assert store.export("parquet", "articles", str(pq)) == 2
        assert duckdb.connect().execute(f"SELECT count(*) FROM '{pq}'").fetchall() == [(2,)]


def test_export_errors_are_explained(tmp_path):
    from eventwire.errors import StoreError

    with Store(tmp_path / "t.duckdb") as store:
        with pytest.raises(StoreError, match="choose one of"):
            store.export("jsonl", "nope", None)
        with pytest.raises(StoreError, match="--format jsonl"):
            store.export("csv", "records", None)
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_not_a_database(tmp_path):
    from eventwire.errors import StoreError

    bad = tmp_path / "notes.duckdb"
    bad.write_text("this is not a database file at all " * 200)
    with pytest.raises(StoreError, match=r"notes\.duckdb"):
        Store(bad)


def test_an_older_file_gets_new_columns_on_open(tmp_path):
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute(
        "CREATE TABLE actors (article_id VARCHAR, id VARCHAR, name VARCHAR, country VARCHAR, sector VARCHAR,"
        " org VARCHAR, role VARCHAR, mentions INTEGER[][])"
    )
    con.execute("INSERT INTO actors VALUES ('old', 'RUS', 'Russia', 'RUS', NULL, NULL, NULL, [[0, 6]])")
    con.close()
    with Store(db) as store:
        store.write(record("a1"))
        rows = store.con.execute("SELECT article_id, how FROM actors ORDER BY article_id, id").fetchall()
    assert rows[-1] == ("old", None)
    assert ("a1", []) in rows


def test_background_writer_writes_in_order_and_reports_errors(tmp_path, monkeypatch):
    from eventwire import store as store_module
    from eventwire.store import BackgroundWriter

    with Store(tmp_path / "t.duckdb") as store:
        with BackgroundWriter(store, "run-1") as writer:
            for i in range(10):
                writer.put(record(f"a{i}"))
            writer.put(Failure("bad.txt", None, "bad.txt: is empty", "E102"))
        assert store.counts()["articles"] == 10 and store.counts()["failures"] == 1
        monkeypatch.setitem(store_module.CHILD_SQL, "actors", "SELECT error('disk full') WHERE $1 <> $2")
        writer = BackgroundWriter(store)
        writer.put(record("z"))
        with pytest.raises(duckdb.Error):
            writer.close()
        assert store.counts()["articles"] == 10


READER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print(con.execute("SELECT count(*) FROM articles").fetchone()[0])
"""

HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
"""


def test_a_sharing_writer_lets_other_processes_read_between_transactions(tmp_path):
    import subprocess
    import sys

    from eventwire.store import BackgroundWriter

    path = tmp_path / "shared.duckdb"
    with Store(path) as store, BackgroundWriter(store, share=True) as writer:
        writer.put(record("a1"))
        writer.put(record("a2"))
        deadline = time.monotonic() + 20
        seen = None
        while time.monotonic() < deadline:  # another process reads what the run has stored so far
            run = subprocess.run([sys.executable, "-c", READER, str(path)], capture_output=True, text=True)
            if run.returncode == 0 and run.stdout.strip() == "2":
                seen = 2
                break
            time.sleep(0.2)
        assert seen == 2
        # A reader holding the file for a moment: the writer waits for it, then writes.
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path), "1.5"], stdout=subprocess.PIPE, text=True
        )
        assert holder.stdout.readline().strip() == "holding"
        writer.put(record("a3"))
    holder.wait()
    with Store(path, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 3


def test_without_sharing_the_writer_keeps_the_file(tmp_path):
    import subprocess
    import sys

    from eventwire.store import BackgroundWriter

    path = tmp_path / "kept.duckdb"
    with Store(path) as store, BackgroundWriter(store) as writer:
        writer.put(record("a1"))
        time.sleep(1.0)  # flushed by now (FLUSH_SECONDS 0.5), but the connection stays open
        run = subprocess.run([sys.executable, "-c", READER, str(path)], capture_output=True, text=True)
        assert run.returncode != 0 and "lock" in run.stderr.lower()
