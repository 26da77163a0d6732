"""The places rules registry: every rule declared once with a phase, a doc and an example; rules switched off
by id; the ids cited by each place of the record. Sentences are our own; the coding tests need the model."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from eventwire.errors import EventwireError
from eventwire.places import rules

RULES_SOURCE = Path(rules.__file__).read_text(encoding="utf-8")


def test_every_rule_has_an_id_a_phase_a_doc_and_an_example():
    registered = rules.load_all()
    assert registered.keys() == rules.DECLARED.keys()
    for rule_id, r in registered.items():
        assert r.id == rule_id
        assert r.phase in rules.PHASES, rule_id
        assert r.doc.strip() and r.example.strip(), rule_id
        # the id names its phase: recognise.*, rank.*, ... (place-or-actor rules are actor.* or place.*)
        prefix = rule_id.split(".")[0]
        assert prefix in {r.phase, "actor", "place"}, rule_id
        assert (prefix in {"actor", "place"}) == (r.phase == "place-or-actor"), rule_id


def test_rule_ids_are_declared_once():
    tree = ast.parse(RULES_SOURCE)
    table = next(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "DECLARED"
    )
    keys = [k.value for k in table.keys]
    assert len(keys) == len(set(keys))


def test_an_undeclared_rule_cannot_be_registered():
    with pytest.raises(KeyError):

        @rules.rule("recognise.no-such-rule")
        def _never() -> bool:
            return True


def test_unknown_id_is_one_clear_error(monkeypatch):
    monkeypatch.setenv("EVENTWIRE_PLACES_RULES_OFF", "place.locative, recognise.no-such-rule")
    with pytest.raises(EventwireError) as err:
        rules.check()
    assert "recognise.no-such-rule" in str(err.value)
    assert "place.locative" not in err.value.message  # only the unknown one is named
    assert "eventwire places rules" in err.value.fix


def test_unknown_id_stops_a_run_before_any_article(monkeypatch):
    from eventwire.pipeline import check_stages

    monkeypatch.setenv("EVENTWIRE_PLACES_RULES_OFF", "rank.nonsense")
    with pytest.raises(EventwireError):
        check_stages()


def test_known_ids_are_switched_off(monkeypatch):
    monkeypatch.setenv("EVENTWIRE_PLACES_RULES_OFF", " place.locative ,rank.learned,")
    rules.begin_article()
    try:
        assert not rules.on("place.locative") and not rules.on("rank.learned")
        assert rules.on("recognise.dateline")
    finally:
        monkeypatch.delenv("EVENTWIRE_PLACES_RULES_OFF")
        rules.begin_article()
    assert rules.on("place.locative")


def test_a_filter_rule_switched_off_keeps_everything(monkeypatch):
    from eventwire.places.common import _small_towns_in_context
    from eventwire.places.rank import Clues

    village = (1, "Kelby", "village", "GBR", "ENG", 52.0, -1.0, 300)
    city = (2, "Kelby", "city", "USA", "OH", 40.0, -83.0, 90_000)
    clues = Clues(countries={"USA"})
    rules.begin_article()
    assert _small_towns_in_context([village, city], clues) == [city]  # a small town needs its country
    assert "rank.small-town-in-context" in rules.FIRED
    monkeypatch.setenv("EVENTWIRE_PLACES_RULES_OFF", "rank.small-town-in-context")
    rules.begin_article()
    try:
        assert _small_towns_in_context([village, city], clues) == [village, city]
    finally:
        monkeypatch.delenv("EVENTWIRE_PLACES_RULES_OFF")
        rules.begin_article()


def test_place_rules_go_through_the_record_and_the_store(tmp_path):
    from eventwire.records import Article, Place, Record
    from eventwire.store import Store

    art = Article(id="a1", hash="a1", source="a1.txt", text="Talks in Velmora.")
    rec = Record(article=art)
    rec.places = [
        Place(id="P1", text="Velmora", span=[9, 16], rules=["recognise.model-entity", "place.locative"])
    ]
    assert Record.from_json(rec.to_json()).places[0].rules == ["recognise.model-entity", "place.locative"]
    assert (
        Record.from_dict({**rec.to_dict(), "places": [{"id": "P1", "text": "V", "span": [9, 10]}]})
        .places[0]
        .rules
        == []
    )  # records written before the field read back with none
    with Store(tmp_path / "t.duckdb") as store:
        store.write(rec)
        rows = store.con.execute("SELECT id, rules FROM places").fetchall()
    assert rows == [("P1", ["recognise.model-entity", "place.locative"])]


@pytest.fixture(scope="module")
def code(gaz_dir):
    import os

    os.environ["EVENTWIRE_CACHE_DIR"] = str(gaz_dir)
    import eventwire.places.resolve  # noqa: F401
    from eventwire.api import CodeOptions, code_text

    return lambda text: code_text(text, options=CodeOptions(stages=["times", "actors", "places"]))


@pytest.mark.model
def test_every_place_cites_registered_rules(code):
    record = code("Farmers marched through Lyon on Sunday, and the talks in Berlin ended late.")
    assert record.places
    known = rules.load_all()
    for place in record.places:
        assert place.rules and all(r in known for r in place.rules), place
        assert place.rules[0].startswith("recognise.")  # first the rule that found the mention
    assert "rules" in record.to_dict()["places"][0]


@pytest.mark.model
def test_switching_a_rule_off_changes_what_it_decides(code, monkeypatch):
    # A country as the subject of "have" is where something is, not an actor at work.
    text = "Brazil will have the largest soybean harvest in its history this year."
    with_rule = [p for p in code(text).places if p.text == "Brazil"]
    assert with_rule and "place.stative-subject" in with_rule[0].rules
    monkeypatch.setenv("EVENTWIRE_PLACES_RULES_OFF", "place.stative-subject")
    without = code(text)
    assert not [p for p in without.places if p.text == "Brazil"]  # now an actor at work: no place
    assert all("place.stative-subject" not in p.rules for p in without.places)


def test_the_command_line_offers_the_registrys_phases():
    from eventwire.cli import PLACES_PHASES

    assert list(rules.PHASES) == PLACES_PHASES
