"""End to end with the installed spaCy pipeline (marked `model`; they run in CI too)."""

from __future__ import annotations

import json

import pytest

from eventwire.records import Record, validate

pytestmark = pytest.mark.model


def test_sample_codes_to_a_valid_record(run_cli, sample_path, tmp_path):
    code, out, err = run_cli("code", str(sample_path), "--json", "--db", str(tmp_path / "t.duckdb"))
    assert code == 0, err
    data = json.loads(out)
    validate(data)
    art = Record.from_dict(data).article
    assert art.title == "Russian, Ukrainian Officials Take Part in Paris Talks Amid Tensions"
    assert art.outlet == "VOA News"
    assert art.credits == ["Associated Press", "Agence France-Presse", "Reuters"]
    assert len(art.captions) == 1 and art.captions[0].startswith("FILE - A Ukrainian serviceman")
    assert art.text.startswith("Officials from Russia, Ukraine, Germany and France")
    assert art.text.endswith("could include Putin himself.")
    for line in ("Accessibility links", "Breaking News", "16x9 Image", "XS", "LG"):
        assert line in art.removed
        assert line not in art.text.split("\n\n")


def test_summary_shows_what_the_demo_promises(run_cli, sample_path, tmp_path):
    code, out, _ = run_cli("code", str(sample_path), "--db", str(tmp_path / "t.duckdb"))
    assert code == 0
    assert out.startswith("Russian, Ukrainian Officials Take Part in Paris Talks Amid Tensions\n")
    assert "outlet     VOA News" in out
    assert "credits    Associated Press; Agence France-Presse; Reuters" in out
    assert out.count("caption    FILE - A Ukrainian serviceman") == 1
    assert "starts: Officials from Russia, Ukraine, Germany and France" in out
    assert "could include Putin himself." in out


def test_html_and_jsonl_give_records_of_the_same_shape(run_cli, sample_path, fixtures, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "voa-1", "text": sample_path.read_text(), "published": "2022-01-26"}) + "\n"
    )
    code, out, err = run_cli(
        "code",
        str(sample_path),
        str(fixtures / "pages" / "ministry-talks.html"),
        str(feed),
        "--json",
        "--no-store",
    )
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 3
    for r in records:
        validate(r)

    def shape(value):
        if isinstance(value, dict):
            return {k: shape(v) for k, v in value.items()}
        return type(value).__name__ if not isinstance(value, list) else "list"

    shapes = [shape({k: v for k, v in r.items() if k != "article"}) for r in records]
    assert shapes[0] == shapes[1] == shapes[2]
    assert [sorted(r["article"]) for r in records] == [sorted(records[0]["article"])] * 3
    assert records[2]["article"]["id"] == "voa-1" and records[2]["article"]["published"] == "2022-01-26"
    assert records[1]["article"]["outlet"] == "The Daily Ledger"


def test_parallel_workers_give_the_same_records_in_order(tmp_path):
    from eventwire.api import CodeOptions, code_many

    feed = tmp_path / "feed.jsonl"
    texts = [
        f"Officials from country number {i} met in Geneva on Monday. The talks went on for hours."
        for i in range(6)
    ]
    feed.write_text("".join(json.dumps({"id": f"n{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
    serial = [r.to_dict() for r in code_many([str(feed)], CodeOptions(workers=1))]
    parallel = [
        r.to_dict()
        for r in code_many([str(feed)], CodeOptions(workers=2, parallel_min_articles=2, batch_size=2))
    ]
    assert [r["article"]["id"] for r in parallel] == [f"n{i}" for i in range(6)]
    assert parallel == serial


def test_sample_actors_match_the_gold_people_and_organizations(sample_path):
    from eventwire.api import code_file

    record = code_file(str(sample_path))
    by_id = {a.id: a for a in record.actors}
    text = record.article.text
    expected = {
        "rus.peskov": ("RUS", "GOV", "spokesman"),
        "ukr.yermak": ("UKR", "GOV", "chief of staff"),
        "ukr.zelenskyy": ("UKR", "GOV", "president"),
        "rus.lavrov": ("RUS", "GOV", "foreign minister"),
        "rus.putin": ("RUS", "GOV", "president"),
        "usa.biden": ("USA", "GOV", "president"),
    }
    for actor_id, (country, sector, role) in expected.items():
        actor = by_id[actor_id]
        assert (actor.country, actor.sector) == (country, sector), actor
        assert role in actor.role
    assert by_id["NATO"].sector == "IGO" and by_id["OSCE"].sector == "IGO"
    assert {text[s:e] for s, e in by_id["WST"].mentions} == {"Western nations", "the West"}
    assert "he" in [text[s:e] for s, e in by_id["rus.peskov"].mentions]
    assert {"RUS.GOV", "UKR.GOV", "DEU.GOV", "FRA.GOV"} <= set(by_id)  # "Officials from Russia, Ukraine, ..."


def test_sample_date_quotes_and_times(sample_path):
    from eventwire.api import code_file

    record = code_file(str(sample_path))
    art = record.article
    assert (art.published, art.published_inferred, art.published_step) == ("2022-01-26", True, "inferred")
    names = {a.id: a.name for a in record.actors}
    direct = {(q.text, names.get(q.speaker), q.cue, q.date.value) for q in record.quotes if q.direct}
    assert direct == {
        (
            "a good, open conversation will take place with the maximum possible result.",
            "Dmitry Peskov",
            "told",
            "2022-01-26",
        ),
        ("constructive dialogue", "Andriy Yermak", "tweeted", "2022-01-26"),
        ("necessary retaliatory measures", "Sergey Lavrov", "told", "2022-01-26"),
        ("aggressive course.", "Sergey Lavrov", "called", "2022-01-26"),
        ("Politically, it’s not painful, it’s destructive,", "Dmitry Peskov", "told", "2022-01-26"),
        ("severe consequences", "Joe Biden", "said", "2022-01-25"),
    }
    values = {t.text: t.value for t in record.times}
    assert values["last week"] == "2022-W03" and values["next month"] == "2022-02"
    assert values["Tuesday"] == "2022-01-25"
