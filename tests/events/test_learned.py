"""The learned event classifier: loading, its file format, the setting that switches it, training on a small
fixture written for these tests (tests/fixtures/events/annotated-sentences.jsonl), and the packaged model's
behaviour on sentences written here."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest

from eventwire.api import code_text
from eventwire.errors import EventwireError
from eventwire.events import classify, learned

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "events" / "annotated-sentences.jsonl"


def tiny_model() -> learned.Model:
    labels = ["NONE", "ASSAULT"]
    index = {"kind=L": 0, "L:lem=attack": 1}
    weights = numpy.array([[0.0, 0.0], [0.0, 3.0]])
    return learned.Model(labels, index, weights, numpy.array([1.0, -1.0]), frozenset({"raid"}), {"drop": 0.5})


def test_probabilities_are_a_softmax_over_the_active_features():
    m = tiny_model()
    p = m.probabilities(["kind=L", "L:lem=attack", "unknown feature"])
    assert p["ASSAULT"] == pytest.approx(numpy.exp(2.0) / (numpy.exp(2.0) + numpy.exp(1.0)))
    assert sum(p.values()) == pytest.approx(1.0)
    assert m.probabilities([])["NONE"] > 0.5


def test_a_saved_model_reads_back_the_same(tmp_path):
    path = tmp_path / "m.npz"
    learned.save(path, tiny_model())
    back = learned.read(path)
    assert back.labels == ["NONE", "ASSAULT"] and back.index == tiny_model().index
    assert back.nouns == frozenset({"raid"}) and back.thresholds == {"drop": 0.5}
    assert numpy.allclose(back.weights, tiny_model().weights)


def test_the_packaged_model_loads_with_every_label_and_threshold():
    m = learned.load()
    assert m is not None
    assert m.labels[0] == learned.NONE and len(m.labels) == 17
    assert set(m.thresholds) == {"drop", "retype", "propose"}
    assert m.weights.shape == (len(m.index), len(m.labels))


def test_a_model_path_that_is_not_a_file_is_one_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("EVENTWIRE_EVENT_MODEL", str(tmp_path / "missing.npz"))
    with pytest.raises(EventwireError, match="is not a file"):
        classify.model()


def test_a_broken_model_file_is_one_clear_error(monkeypatch, tmp_path):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a model")
    monkeypatch.setenv("EVENTWIRE_EVENT_MODEL", str(bad))
    with pytest.raises(EventwireError, match="cannot be read"):
        classify.model()


@pytest.mark.model
def test_off_keeps_the_lexicon_reading(monkeypatch):
    text = "The prime minister held a press conference in Ottawa on Tuesday about the budget."
    monkeypatch.setenv("EVENTWIRE_EVENT_MODEL", "off")
    off = code_text(text, published="2023-03-15")
    assert all(e.score is None for e in [*off.events, *off.event_candidates])


@pytest.mark.model
@pytest.mark.parametrize(
    "text, etype",
    [
        ("Kenyan police arrested the opposition leader in Nairobi on Friday.", "COERCE"),
        ("Israeli aircraft struck Hamas targets in Gaza overnight.", "ASSAULT"),
        ("Venezuela accused Colombia of harboring armed groups.", "ACCUSE"),
    ],
)
def test_the_packaged_model_keeps_plain_events(text, etype):
    record = code_text(text, published="2023-03-15")
    kept = [e for e in record.events if e.type == etype]
    assert kept and kept[0].score is not None and 0.0 <= kept[0].score <= 1.0


def one_feature_model(tmp_path, feature: str, label: str, **thresholds: float) -> str:
    """A model that knows one feature, which votes strongly for `label`; everything else is NONE."""
    labels = ["NONE", "ACCUSE", "ASSAULT"]
    weights = numpy.zeros((1, 3))
    weights[0, labels.index(label)] = 12.0
    th = {"drop": 1.01, "retype": 1.01, "propose": 1.01, **thresholds}
    model = learned.Model(labels, {feature: 0}, weights, numpy.array([2.0, 0.0, 0.0]), frozenset(), th)
    path = tmp_path / f"{label}.npz"
    learned.save(path, model)
    return str(path)


@pytest.mark.model
def test_a_match_the_classifier_reads_as_no_event_is_set_aside(monkeypatch, tmp_path):
    monkeypatch.setenv("EVENTWIRE_EVENT_MODEL", one_feature_model(tmp_path, "kind=L", "NONE", drop=0.5))
    record = code_text("Chadian troops attacked a rebel camp near Abeche.", published="2023-03-15")
    assert "ASSAULT" not in [e.type for e in record.events]
    assert any(c.type == "ASSAULT" and c.dropped.startswith("learned") for c in record.event_candidates)


@pytest.mark.model
def test_a_match_the_classifier_reads_as_another_type_is_retyped(monkeypatch, tmp_path):
    monkeypatch.setenv(
        "EVENTWIRE_EVENT_MODEL", one_feature_model(tmp_path, "L:lem=attack", "ACCUSE", retype=0.5)
    )
    record = code_text("Chadian troops attacked a rebel camp near Abeche.", published="2023-03-15")
    assert [(e.type, e.rule) for e in record.events] == [("ACCUSE", "model.accuse")]


@pytest.mark.model
def test_the_classifier_proposes_a_trigger_the_lexicon_lacks(monkeypatch, tmp_path):
    monkeypatch.setenv(
        "EVENTWIRE_EVENT_MODEL", one_feature_model(tmp_path, "P:lem=hector", "ACCUSE", propose=0.5)
    )
    record = code_text("Peru hectored Chile over the fishing dispute.", published="2023-03-15")
    (event,) = record.events
    assert (event.type, event.rule, event.trigger.text) == ("ACCUSE", "model.accuse", "hectored")
    assert event.score is not None and event.score > 0.9


@pytest.mark.model
def test_a_threat_made_by_a_condition_is_never_dropped(monkeypatch, tmp_path):
    monkeypatch.setenv("EVENTWIRE_EVENT_MODEL", one_feature_model(tmp_path, "kind=L", "NONE", drop=0.5))
    record = code_text("Chad said it would attack the camp if the rebels advanced.", published="2023-03-15")
    assert ("THREATEN", "asserted") in [(e.type, e.status) for e in record.events]


@pytest.mark.model
def test_training_on_the_fixture_writes_a_model_that_loads_and_is_reproducible(tmp_path):
    pytest.importorskip("sklearn")
    from eventwire.events.train import train

    first = train(FIXTURE, tmp_path / "a.npz", log=lambda _m: None, c_grid=(1.0,))
    train(FIXTURE, tmp_path / "b.npz", log=lambda _m: None, c_grid=(1.0,))
    a, b = learned.read(tmp_path / "a.npz"), learned.read(tmp_path / "b.npz")
    assert a.labels[0] == "NONE" and {"ASSAULT", "COERCE", "ACCUSE"} <= set(a.labels)
    assert a.index == b.index and numpy.array_equal(a.weights, b.weights) and a.thresholds == b.thresholds
    assert first["sentences"] == 22 and set(first["thresholds"]) == {"drop", "retype", "propose"}
    assert 0.0 <= first["test_model"]["f1"] <= 1.0 and first["C"] == 1.0


@pytest.mark.parametrize("value", ["-1", "lots"])
def test_a_bad_penalty_for_training_is_one_clear_error(tmp_path, run_cli, value):
    data = tmp_path / "a.jsonl"
    data.write_text('{"sid": "a", "text": "x", "split": "train", "events": []}\n')
    code, _, err = run_cli("train", "events", "--data", str(data), "--c-reg", value)
    assert code != 0 and "--c-reg" in err and "Traceback" not in err


def test_training_data_that_is_not_json_is_one_clear_error(tmp_path):
    from eventwire.events.train import load_annotations

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"sid": "a", "text": "x", "split": "train", "events": []}\n{oops\n')
    with pytest.raises(EventwireError, match="line 2: is not valid JSON"):
        load_annotations(bad)
