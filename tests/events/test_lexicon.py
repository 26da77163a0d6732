"""The event lexicon is data: checked without a model."""

from __future__ import annotations

from importlib import resources

import yaml

from eventwire.events import ontology
from eventwire.lookups.lexicon import load, parse_noun, parse_verb

RAW = yaml.safe_load(resources.files("eventwire.lookups").joinpath("lexicon_data", "en.yaml").read_text())


def test_entries_use_the_ontology():
    ids = [e["id"] for e in RAW]
    assert len(ids) == len(set(ids))
    for e in RAW:
        assert e["type"] in ontology.plover_types(), e["id"]
        if e.get("mode"):
            assert e["mode"] in ontology.modes(e["type"]), e["id"]
        if e.get("context"):
            assert e["context"] in ontology.contexts(), e["id"]
        assert e.get("verbs") or e.get("nouns"), e["id"]
        assert set(e) <= {
            "id",
            "type",
            "mode",
            "context",
            "verbs",
            "nouns",
            "preps",
            "object",
            "speaker",
            "group",
            "not_objects",
            "no_clause",
            "intransitive",
            "not_modifiers",
            "guest",
            "only_objects",
            "agent",
        }


def test_every_plover_type_has_entries():
    assert {e["type"] for e in RAW} == set(ontology.plover_types())
    lexicon = load()
    assert sum(map(len, lexicon.verbs.values())) + sum(map(len, lexicon.nouns.values())) > 500


def test_pattern_grammar():
    entry = load().entries["sanction.impose"]
    p = parse_verb(entry, "impose sanctions on")
    assert (p.lemma, p.objects, p.particles, p.infinitive) == ("impose", ("sanction",), ("on",), False)
    p = parse_verb(entry, "agree to meet")
    assert (p.lemma, p.infinitive, p.infinitive_verb) == ("agree", True, "meet")
    p = parse_verb(entry, "threaten to")
    assert (p.particles, p.infinitive) == (("to",), False)
    n = parse_noun(entry, "joint exercises")
    assert (n.lemma, n.modifiers) == ("exercise", ("joint",))


def test_most_specific_pattern_is_tried_first():
    for patterns in load().verbs.values():
        sizes = [p.size for p in patterns]
        assert sizes == sorted(sizes, reverse=True)
