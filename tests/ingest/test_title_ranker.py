"""The learned ranker of a capture's title lines: features, model file, setting and training.

The captures are the project's own fixture pages (tests/fixtures/captures), invented for the tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.errors import EventwireError
from eventwire.ingest import title, title_train
from eventwire.ingest.clean import capture_region, clean_capture

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "captures"
NAMES = sorted(p.name.removesuffix(".expected.json") for p in FIXTURES.glob("*.expected.json"))


def fixture_lines() -> list[dict]:
    out = []
    for name in NAMES:
        expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
        text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
        out.append({"id": name, "text": text, "title": expected["title"]})
    return out


def test_every_candidate_gets_one_value_per_feature():
    units, start, end = capture_region(fixture_lines()[0]["text"])
    page = title.page_context(units, start, end)
    cands = title.candidates(units, start)
    assert cands
    assert all(len(title.features(page, i)) == len(title.FEATURES) for i in cands)


def test_the_packaged_ranker_loads_with_its_figures(monkeypatch):
    monkeypatch.setenv("EVENTWIRE_TITLE_RANKER", "packaged")
    model = title.ranker()
    assert model is not None and len(model.weights) == len(title.FEATURES)
    assert model.about["pages"] > 0 and model.about["cross_validation"]


@pytest.mark.parametrize("choice", ["packaged", "off"])
def test_both_rankers_find_the_fixture_titles(monkeypatch, choice):
    monkeypatch.setenv("EVENTWIRE_TITLE_RANKER", choice)
    for doc in fixture_lines():
        assert clean_capture(doc["text"]).title == doc["title"], (choice, doc["id"])


def test_a_ranker_file_that_is_missing_or_broken_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_TITLE_RANKER", str(tmp_path / "nowhere.json"))
    with pytest.raises(EventwireError, match="is not a file"):
        title.ranker()
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"features": {"length": 1.0}}), encoding="utf-8")
    monkeypatch.setenv("EVENTWIRE_TITLE_RANKER", str(broken))
    with pytest.raises(EventwireError, match="cannot be read"):
        title.ranker()


def test_training_learns_from_allowed_pages_only_and_the_written_file_reads_back(tmp_path, monkeypatch):
    lines = fixture_lines()
    kept_out = dict(lines[0], id="kept-out", subset="research-only")
    test_page = next(
        dict(d, id=f"t{i}", subset="ok")
        for i, d in enumerate(lines * 5)
        if title_train.split_of(f"t{i}") == "test"
    )
    data = tmp_path / "captures.jsonl"
    data.write_text("".join(json.dumps(d) + "\n" for d in [*lines, kept_out, test_page]), encoding="utf-8")
    choices = title_train.collect([data], ["ok"])
    assert {c.page for c in choices} == set(NAMES)  # neither the unnamed subset nor the test page
    out = tmp_path / "titles.json"
    about = title_train.train([data], ["ok"], out)
    assert about["pages"] == len(NAMES)
    model = title.read(out.read_text(encoding="utf-8"))
    monkeypatch.setenv("EVENTWIRE_TITLE_RANKER", str(out))
    title._ranker.cache_clear()
    try:
        right = sum(clean_capture(d["text"]).title == d["title"] for d in lines)
    finally:
        title._ranker.cache_clear()
    assert right == len(lines)
    assert len(model.weights) == len(title.FEATURES)


def test_the_train_titles_command_prints_the_cross_validated_figures(tmp_path, run_cli):
    data = tmp_path / "captures.jsonl"
    data.write_text("".join(json.dumps(d) + "\n" for d in fixture_lines()), encoding="utf-8")
    out = tmp_path / "titles.json"
    code, stdout, _ = run_cli("train", "titles", str(data), "--out", str(out))
    assert code == 0
    assert f"{len(NAMES)} pages" in stdout
    assert "hand-set score" in stdout and "learned" in stdout
    assert out.is_file()


def test_training_on_a_file_that_is_not_there_is_one_clear_error(tmp_path, run_cli):
    code, _, err = run_cli("train", "titles", str(tmp_path / "missing.jsonl"))
    assert code != 0
    assert "missing.jsonl" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
