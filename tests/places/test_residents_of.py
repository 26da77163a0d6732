"""recognise.residents-of: a name right before a noun for people who live there ("a Tamale man") is a place
mention, whatever label the model gave it. Docs built by hand (no model), with our own invented sentences."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from eventwire.places import gazetteer
from eventwire.places.mentions import find_mentions


@pytest.fixture(scope="module")
def gaz(gaz_dir):
    return gazetteer.load()


def _doc(head_noun: str, label: str) -> Doc:
    """ "A Tamale HEAD was charged ." with "Tamale" tagged LABEL."""
    return Doc(
        spacy.blank("en").vocab,
        words=["A", "Tamale", head_noun, "was", "charged", "."],
        heads=[2, 2, 4, 4, 4, 4],
        deps=["det", "compound", "nsubjpass", "auxpass", "ROOT", "punct"],
        pos=["DET", "PROPN", "NOUN", "AUX", "VERB", "PUNCT"],
        lemmas=["a", "Tamale", head_noun, "be", "charge", "."],
        ents=["O", f"B-{label}", "O", "O", "O", "O"],
    )


def _names(mentions) -> list[str]:
    return [m.name for m in mentions]


@pytest.mark.parametrize("label", ["ORG", "PERSON"])
def test_a_name_before_a_resident_noun_is_a_place(gaz, label: str):
    mentions = find_mentions(_doc("man", label), [], gaz)
    assert _names(mentions) == ["Tamale"]
    assert "recognise.residents-of" in mentions[0].rules


def test_a_name_before_another_noun_is_not(gaz):
    assert _names(find_mentions(_doc("shipment", "ORG"), [], gaz)) == []


def test_switched_off(gaz, monkeypatch: pytest.MonkeyPatch):
    from eventwire.places import rules

    monkeypatch.setattr(rules, "OFF", frozenset({"recognise.residents-of"}))
    assert _names(find_mentions(_doc("man", "ORG"), [], gaz)) == []
