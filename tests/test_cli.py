"""The command line, model-free (`--model blank:en`): every bad input gets one line naming the input and the
fix, a batch goes on past it, the exit code says something failed, and what was stored before is intact."""

from __future__ import annotations

import json

import pytest

from eventwire.records import validate
from eventwire.store import Store

BLANK = ["--model", "blank:en"]
GOOD = (
    "Ministers from both countries met in Geneva on Monday to discuss a ceasefire along the front line.\n\n"
    "The talks lasted four hours, officials said, and will continue later this month in the same city.\n"
)


@pytest.fixture
def stored(tmp_path, run_cli):
    """A DuckDB file that already holds one good article; returns (db path, its counts, its record)."""
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    db = tmp_path / "t.duckdb"
    code, _, err = run_cli("code", str(good), "--db", str(db), *BLANK)
    assert code == 0, err
    with Store(db, read_only=True) as store:
        return db, store.counts(), next(store.records())


def assert_intact(db, counts, record, allow_failures: int):
    with Store(db, read_only=True) as store:
        now = store.counts()
        assert next(store.records()) == record
    assert {k: v for k, v in now.items() if k not in ("failures", "runs")} == {
        k: v for k, v in counts.items() if k not in ("failures", "runs")
    }
    assert now["failures"] == counts["failures"] + allow_failures


def bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "doc.pdf.txt").write_bytes(b"%PDF-1.4 binary stuff")
    (tmp_path / "blank.html").write_text("<html><body><div></div></body></html>")
    (tmp_path / "bad.jsonl").write_text('{"text": \n')
    (tmp_path / "notext.jsonl").write_text('{"title": "x"}\n')
    (tmp_path / "emptydir").mkdir()
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.write(b"word " * 10_000_000)  # 50 MB
    return [
        (str(tmp_path / "missing.txt"), "missing.txt: does not exist; check the path"),
        (str(tmp_path / "empty.txt"), "empty.txt: is empty; pass a file that contains an article"),
        (str(tmp_path / "binary.txt"), "binary.txt: looks like a binary file"),
        (str(tmp_path / "doc.pdf.txt"), "doc.pdf.txt: is a PDF, not text"),
        (str(tmp_path / "blank.html"), "blank.html: has no article text in its HTML"),
        (str(tmp_path / "bad.jsonl"), "bad.jsonl line 1: is not valid JSON"),
        (str(tmp_path / "notext.jsonl"), "notext.jsonl line 1: has no 'text' or 'html' field"),
        (str(tmp_path / "emptydir"), "emptydir: is a directory with no article files"),
        (str(big), "big.txt: is 50.0 MB, over the 20.0 MB limit for one article"),
    ]


def test_each_bad_input_gets_one_clear_line_and_nothing_stored_is_lost(tmp_path, run_cli, stored):
    db, counts, record = stored
    cases = bad_inputs(tmp_path)
    for i, (path, message) in enumerate(cases, start=1):
        code, _, err = run_cli("code", path, "--db", str(db), *BLANK)
        assert code == 1, (path, err)
        error_lines = [line for line in err.splitlines() if line.startswith("eventwire: ")]
        assert len(error_lines) == 1, err
        assert message in error_lines[0]
        assert "Traceback" not in err
        assert_intact(db, counts, record, allow_failures=i)


def test_a_batch_goes_on_past_bad_items(tmp_path, run_cli):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text("")
    (tmp_path / "c.txt").write_text(GOOD + "Another paragraph here.")
    db = tmp_path / "t.duckdb"
    code, out, err = run_cli("code", str(tmp_path), "--db", str(db), "--json", *BLANK)
    assert code == 1
    assert len(out.splitlines()) == 2
    assert "b.txt: is empty" in err
    assert "coded 2 article(s), 1 failed" in err
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 2 and store.counts()["failures"] == 1


def test_non_utf8_input_is_decoded_not_refused(tmp_path, run_cli):
    f = tmp_path / "latin.txt"
    f.write_bytes(GOOD.replace("Geneva", "Genève").encode("cp1252"))
    code, out, err = run_cli("code", str(f), "--json", "--no-store", *BLANK)
    assert code == 0, err
    assert "Genève" in json.loads(out)["article"]["text"]


def test_unknown_option_and_bad_values_are_one_line(run_cli, sample_path):
    code, _, err = run_cli("code", str(sample_path), "--frobnicate")
    assert code == 2
    (line,) = err.strip().splitlines()
    assert line.startswith("eventwire code: No such option") and "--frobnicate" in line
    assert line.endswith("(see 'eventwire code --help')")
    code, _, err = run_cli("code", str(sample_path), "--published", "2022-13-45")
    assert code == 2 and "not a real calendar date" in err and len(err.strip().splitlines()) == 1
    code, _, err = run_cli("code", str(sample_path), "--model", "en_no_such_model", "--no-store")
    assert code == 1 and "spaCy model 'en_no_such_model' is not installed" in err


def test_json_output_validates_and_rerun_keeps_counts(tmp_path, run_cli, sample_path):
    db = tmp_path / "t.duckdb"
    code, out, _ = run_cli("code", str(sample_path), "--db", str(db), "--json", *BLANK)
    assert code == 0
    validate(json.loads(out))
    with Store(db, read_only=True) as store:
        first = store.counts()
    run_cli("code", str(sample_path), "--db", str(db), *BLANK)
    with Store(db, read_only=True) as store:
        second = store.counts()
    assert {k: v for k, v in first.items() if k != "runs"} == {k: v for k, v in second.items() if k != "runs"}
    assert second["runs"] == first["runs"] + 1


def test_export_command(tmp_path, run_cli, sample_path):
    db = tmp_path / "t.duckdb"
    run_cli("code", str(sample_path), "--db", str(db), *BLANK)
    code, out, err = run_cli("export", "--db", str(db), "--format", "jsonl")
    assert code == 0 and json.loads(out)["article"]["title"]
    out_csv = tmp_path / "a.csv"
    code, _, err = run_cli(
        "export", "--db", str(db), "--format", "csv", "--table", "articles", "-o", str(out_csv)
    )
    assert code == 0 and "exported 1 row(s) of articles" in err
    code, _, err = run_cli("export", "--db", str(tmp_path / "none.duckdb"))
    assert code == 1 and "no such database" in err


def test_every_command_has_help_with_an_example(run_cli):
    for cmd in ([], ["code"], ["export"]):
        code, out, _ = run_cli(*cmd, "--help")
        assert code == 0
        assert "Example" in out
    code, out, _ = run_cli("--version")
    assert code == 0 and out.startswith("eventwire, version ")


def test_actors_lookup(run_cli):
    code, out, _ = run_cli("actors", "lookup", "Lavrov", "--date", "2022-01-26")
    assert code == 0
    assert "rus.lavrov" in out and "country=RUS" in out and "role=foreign minister" in out
    code, _, err = run_cli("actors", "lookup", "Nobody Atall")
    assert code == 1 and "not in the actor knowledge base" in err


# --- one clear line instead of a traceback -----------------------------------------------------------------
@pytest.mark.parametrize("date", ["9999-12-31", "0999-01-01", "2022-02-30"])
def test_a_publication_date_out_of_range_is_a_usage_error(run_cli, tmp_path, date):
    page = tmp_path / "a.txt"
    page.write_text("Peru and Chile held talks in Lima on Monday.\n", encoding="utf-8")
    code, _, err = run_cli("code", str(page), "--no-store", "--published", date, *BLANK)
    assert code == 2 and "between the years 1000 and 9000" in err and "Traceback" not in err


def test_a_feed_date_out_of_range_is_read_as_no_date(run_cli, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "1", "text": "Peru and Chile met.", "published": "9999-12-31"}) + "\n")
    code, out, _ = run_cli("code", str(feed), "--no-store", "--json", *BLANK)
    assert code == 0 and json.loads(out)["article"]["published"] != "9999-12-31"


@pytest.mark.parametrize("content", ["not json at all", "[1, 2]", '{"events": []}'])
def test_eval_article_with_a_file_that_is_no_gold_is_one_line(run_cli, tmp_path, content):
    gold, page = tmp_path / "gold.json", tmp_path / "a.txt"
    gold.write_text(content, encoding="utf-8")
    page.write_text("Peru and Chile held talks in Lima on Monday.\n", encoding="utf-8")
    code, _, err = run_cli("eval", "article", str(gold), str(page))
    assert code == 1 and "is not an article gold file" in err and len(err.strip().splitlines()) == 1


def test_eval_plover_with_a_file_that_is_no_gold_is_one_line(run_cli, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"text": "Peru met Chile."}\n', encoding="utf-8")
    code, _, err = run_cli("eval", "plover", str(gold))
    assert code == 1 and "line 1: is not a PLOVER gold record (no 'event' field)" in err


def test_a_model_name_with_a_dot_is_not_installed_not_a_traceback(run_cli, tmp_path):
    page = tmp_path / "a.txt"
    page.write_text("Peru and Chile held talks in Lima on Monday.\n", encoding="utf-8")
    code, _, err = run_cli("code", str(page), "--no-store", "--model", "foo.bar")
    assert code == 1 and "'foo.bar' is not installed" in err and "Traceback" not in err


def test_damaged_and_truncated_gzip_feeds_keep_what_could_be_read(run_cli, tmp_path):
    import gzip

    lines = b"".join(
        b'{"id": "%d", "text": "Peru and Chile met in Lima on day %d."}\n' % (i, i) for i in range(40)
    )
    packed = gzip.compress(lines)
    (tmp_path / "a-truncated.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    damaged = bytearray(packed)
    damaged[30:40] = b"0123456789"
    (tmp_path / "b-damaged.jsonl.gz").write_bytes(bytes(damaged))
    (tmp_path / "c-good.jsonl").write_text(
        '{"id": "good", "text": "Chile and Peru met."}\n', encoding="utf-8"
    )
    db = tmp_path / "t.duckdb"
    code, _, err = run_cli("code", str(tmp_path), "--db", str(db), *BLANK)
    assert code == 1 and "Traceback" not in err and "interrupted" not in err
    assert "a-truncated.jsonl.gz line" in err and "it ends early" in err
    assert "b-damaged.jsonl.gz line 1: cannot be read at all" in err
    with Store(db) as store:
        ids = {r[0] for r in store.con.execute("SELECT id FROM articles").fetchall()}
        failures = store.con.execute("SELECT count(*) FROM failures").fetchone()[0]
    assert "good" in ids and len(ids) > 2  # the good file and the truncated file's readable lines
    assert failures == 2


def test_export_into_a_missing_directory_or_onto_a_directory_is_one_line(run_cli, tmp_path):
    db = tmp_path / "t.duckdb"
    page = tmp_path / "a.txt"
    page.write_text("Peru and Chile held talks in Lima on Monday.\n", encoding="utf-8")
    assert run_cli("code", str(page), "--db", str(db), *BLANK)[0] == 0
    code, _, err = run_cli("export", "--db", str(db), "--format", "csv", "-o", str(tmp_path / "no" / "x.csv"))
    assert code == 1 and "does not exist" in err and "Traceback" not in err
    code, _, err = run_cli("export", "--db", str(db), "--format", "csv", "-o", str(tmp_path))
    assert code == 1 and "is a directory" in err


def test_gazetteer_import_of_a_file_that_is_no_dump_is_one_line_and_keeps_nothing(
    run_cli, tmp_path, monkeypatch
):
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path / "cache"))
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 8)
    code, _, err = run_cli("gazetteer", "import", str(junk))
    assert code == 1 and "holds no GeoNames places" in err
    assert not any((tmp_path / "cache").glob("*extra*"))


def test_a_lone_surrogate_in_a_feed_is_replaced_with_a_warning(run_cli, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "s", "text": "Peru met Chile \\ud800 in Lima."}\n', encoding="utf-8")
    code, out, err = run_cli("code", str(feed), "--no-store", "--json", *BLANK)
    assert code == 0 and "warning" in err and "lone surrogate" in err and "bug in eventwire" not in err
    assert "\ufffd" in json.loads(out)["article"]["text"]


def test_a_rerun_skips_what_is_stored_unless_the_content_changed_or_recode(tmp_path, run_cli):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Ministers of Ruritania and Borduria met in Geneva on Monday to talk.\n")
    (inbox / "b.txt").write_text("Protesters marched through the capital of Eastland on Tuesday.\n")
    db = str(tmp_path / "t.duckdb")
    code, _, err = run_cli("code", str(inbox), "--db", db, *BLANK)
    assert code == 0 and "coded 2 article(s)" in err
    code, _, err = run_cli("code", str(inbox), "--db", db, *BLANK)
    assert code == 0 and "coded 0 article(s), 0 failed, 2 skipped" in err
    (inbox / "b.txt").write_text("Protesters marched through the capital of Eastland on Wednesday.\n")
    code, _, err = run_cli("code", str(inbox), "--db", db, *BLANK)
    assert "coded 1 article(s), 0 failed, 1 skipped" in err  # the edited file is new content
    code, _, err = run_cli("code", str(inbox), "--db", db, "--recode", *BLANK)
    assert "coded 2 article(s), 0 failed" in err and "skipped" not in err


def test_an_edited_file_replaces_its_earlier_version(tmp_path, run_cli):
    page = tmp_path / "report.txt"
    page.write_text("Ministers of Ruritania and Borduria met in Geneva on Monday to talk.\n")
    db = str(tmp_path / "t.duckdb")
    run_cli("code", str(page), "--db", db, *BLANK)
    page.write_text("Ministers of Ruritania and Borduria met in Geneva on Tuesday to talk.\n")
    code, _, err = run_cli("code", str(page), "--db", db, *BLANK)
    assert code == 0 and "coded 1 article(s)" in err
    with Store(db, read_only=True) as store:
        rows = store.con.execute("SELECT text FROM articles").fetchall()
    assert len(rows) == 1 and "Tuesday" in rows[0][0]


def test_two_feeds_with_the_same_id_do_not_replace_each_other_silently(tmp_path, run_cli):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(json.dumps({"id": "1", "text": "Ministers of Ruritania met in Geneva on Monday."}) + "\n")
    b.write_text(json.dumps({"id": "1", "text": "Protesters marched in Eastland on Tuesday."}) + "\n")
    db = str(tmp_path / "t.duckdb")
    code, _, err = run_cli("code", str(a), str(b), "--db", db, *BLANK)
    assert code == 1 and "id '1' is already used in this run by" in err and "a.jsonl" in err
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT text FROM articles").fetchall() == [
            ("Ministers of Ruritania met in Geneva on Monday.",)
        ]
        assert store.counts()["failures"] == 1


def test_articles_coded_by_another_pipeline_version_are_coded_again(tmp_path, run_cli):
    page = tmp_path / "a.txt"
    page.write_text("Ministers of Ruritania and Borduria met in Geneva on Monday to talk.\n")
    db = str(tmp_path / "t.duckdb")
    run_cli("code", str(page), "--db", db, *BLANK)
    with Store(db) as store:
        store.con.execute("UPDATE runs SET version = '0.0.1+older'")  # as if an earlier eventwire coded it
    code, _, err = run_cli("code", str(page), "--db", db, *BLANK)
    assert code == 0 and "coded 1 article(s)" in err and "skipped" not in err
    code, _, err = run_cli("code", str(page), "--db", db, *BLANK)
    assert "coded 0 article(s), 0 failed, 1 skipped" in err


def test_progress_lines_give_done_total_rate_and_time_left(tmp_path, run_cli, monkeypatch):
    from eventwire import cli

    monkeypatch.setattr(cli._Progress, "STATUS_SECONDS", 0.0)
    feed = tmp_path / "feed.jsonl"
    rows = [{"id": str(i), "text": f"Ministers met in Geneva on day {i}."} for i in range(3)]
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows))
    code, _, err = run_cli("code", str(feed), "--no-store", "--progress", *BLANK)
    lines = [x for x in err.splitlines() if x.startswith("eventwire: ") and "articles," in x]
    assert code == 0 and lines[-1].startswith("eventwire: 3/3 articles, ") and "min left" in lines[-1]
    assert "coded 3 article(s), 0 failed in " in err and "articles/s" in err


def test_the_number_of_articles_is_counted_only_when_cheap(tmp_path):
    from eventwire.cli import _count_articles

    (tmp_path / "a.txt").write_text("One article.")
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n')
    assert _count_articles((str(tmp_path),)) == 3
    assert _count_articles(("-",)) is None


def mixed_batch(folder):
    """Good articles and one of each kind of bad input, in one folder (invented texts)."""
    import gzip

    folder.mkdir()
    (folder / "good1.txt").write_text(GOOD)
    (folder / "good2.txt").write_text(GOOD.replace("Geneva", "Vienna"))
    (folder / "corrupt.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00" + bytes(range(200)))
    lines = "".join(
        json.dumps({"id": f"z{i}", "text": GOOD.replace("Monday", d)}) + "\n"
        for i, d in enumerate(["Tuesday", "Friday"])
    )
    packed = gzip.compress(lines.encode())
    (folder / "truncated.jsonl.gz").write_bytes(packed[:-20])
    (folder / "stray.txt").write_bytes(
        GOOD.replace("Geneva", "Genève").encode().replace(b"four", b"fo\x92ur")
    )
    (folder / "utf16.txt").write_bytes(GOOD.replace("Geneva", "Rome").encode("utf-16"))
    (folder / "feed1.jsonl").write_text(
        json.dumps({"id": "1", "text": GOOD.replace("Geneva", "Paris")}) + "\n"
    )
    (folder / "feed2.jsonl").write_text(
        json.dumps({"id": "1", "text": GOOD.replace("Geneva", "Berlin")}) + "\n"
    )
    (folder / "russian.txt").write_text(
        "Министры обеих стран встретились в Женеве в понедельник, чтобы обсудить прекращение огня на линии "
        "фронта. Переговоры продолжались четыре часа, сообщили официальные лица.\n"
    )
    (folder / "scripts.html").write_text("<html><head><script>var a = 1;</script></head><body></body></html>")
    (folder / "pretty.json").write_text(json.dumps({"id": "pj", "text": GOOD}, indent=2))
    (folder / "surrogate.jsonl").write_text(
        '{"id": "s1", "text": "Ministers met \\ud800 in Lisbon on Monday to discuss a ceasefire."}\n'
    )


def test_a_batch_mixing_every_kind_of_bad_input_codes_the_good_and_records_the_bad(tmp_path, run_cli):
    mixed_batch(tmp_path / "in")
    db = tmp_path / "t.duckdb"
    code, _, err = run_cli("code", str(tmp_path / "in"), "--db", str(db), *BLANK, "-q")
    assert code == 1 and "Traceback" not in err
    errors = [x for x in err.splitlines() if x.startswith("eventwire: ") and "warning" not in x]
    expected = {
        "corrupt.jsonl.gz line 1: cannot be read at all",
        "truncated.jsonl.gz line 2: cannot be read past line 1",
        "russian.txt: is written in Russian",
        "scripts.html: has no article text in its HTML",
        "feed2.jsonl:1: id '1' is already used in this run",
    }
    assert len(errors) == len(expected)
    assert all(any(e in line for line in errors) for e in expected), errors
    assert "1 .json file(s) left out" in err and "lone surrogate escapes" in err
    with Store(db, read_only=True) as store:
        stored = {row[0] for row in store.con.execute("SELECT source FROM articles").fetchall()}
        assert {s.rsplit("/", 1)[-1] for s in stored} == {
            "good1.txt",
            "good2.txt",
            "stray.txt",
            "utf16.txt",
            "feed1.jsonl:1",
            "surrogate.jsonl:1",
            "truncated.jsonl.gz:1",
        }
        assert store.counts()["failures"] == 5


def test_an_id_stored_from_another_file_is_not_overwritten_by_a_later_run(tmp_path, run_cli):
    db = tmp_path / "t.duckdb"
    feed1, feed2 = tmp_path / "feed1.jsonl", tmp_path / "feed2.jsonl"
    feed1.write_text(json.dumps({"id": "1", "text": GOOD.replace("Geneva", "Paris")}) + "\n")
    feed2.write_text(json.dumps({"id": "1", "text": GOOD.replace("Geneva", "Berlin")}) + "\n")
    assert run_cli("code", str(feed1), "--db", str(db), *BLANK, "-q")[0] == 0
    code, _, err = run_cli("code", str(feed2), "--db", str(db), *BLANK, "-q")
    assert code == 1 and f"id '1' is already stored from {feed1}, a different article" in err
    # A changed version from the same file replaces the stored one.
    feed1.write_text(json.dumps({"id": "1", "text": GOOD.replace("Geneva", "Lyon")}) + "\n")
    assert run_cli("code", str(feed1), "--db", str(db), *BLANK, "-q")[0] == 0
    with Store(db, read_only=True) as store:
        rows = store.con.execute("SELECT id, text FROM articles").fetchall()
    assert len(rows) == 1 and "Lyon" in rows[0][1]
