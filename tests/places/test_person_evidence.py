"""actor.person-evidence: the model's PERSON label alone does not make a name a person's; a full name, a title
before the name or a verb of saying does. Docs built by hand (no model): our own invented sentences."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from eventwire.places.names import _person_evidence


def _doc(
    words: list[str], heads: list[int], deps: list[str], ents: list[str], lemmas: list[str] | None = None
):
    nlp = spacy.blank("en")
    return Doc(
        nlp.vocab, words=words, heads=heads, deps=deps, ents=ents, lemmas=lemmas or [w.lower() for w in words]
    )


def test_a_label_alone_is_no_evidence():
    # "The fair in Tamsin opened ." with "Tamsin" tagged PERSON
    doc = _doc(
        ["The", "fair", "in", "Tamsin", "opened", "."],
        [1, 4, 1, 2, 4, 4],
        ["det", "nsubj", "prep", "pobj", "ROOT", "punct"],
        ["O", "O", "O", "B-PERSON", "O", "O"],
    )
    assert _person_evidence(doc) == frozenset()


def test_a_full_name_is_evidence():
    # "Ada Tamsin opened the fair ."
    doc = _doc(
        ["Ada", "Tamsin", "opened", "the", "fair", "."],
        [1, 2, 2, 4, 2, 2],
        ["compound", "nsubj", "ROOT", "det", "dobj", "punct"],
        ["B-PERSON", "I-PERSON", "O", "O", "O", "O"],
    )
    assert _person_evidence(doc) == {"Ada", "Tamsin"}


def test_a_title_before_a_single_name_is_evidence():
    # "Mayor Tamsin opened the fair ."
    doc = _doc(
        ["Mayor", "Tamsin", "opened", "the", "fair", "."],
        [1, 2, 2, 4, 2, 2],
        ["compound", "nsubj", "ROOT", "det", "dobj", "punct"],
        ["O", "B-PERSON", "O", "O", "O", "O"],
    )
    assert _person_evidence(doc) == {"Tamsin"}


def test_a_verb_of_saying_is_evidence():
    # "Tamsin said the fair would open ."
    doc = _doc(
        ["Tamsin", "said", "the", "fair", "would", "open", "."],
        [1, 1, 3, 5, 5, 1, 1],
        ["nsubj", "ROOT", "det", "nsubj", "aux", "ccomp", "punct"],
        ["B-PERSON", "O", "O", "O", "O", "O", "O"],
        ["tamsin", "say", "the", "fair", "would", "open", "."],
    )
    assert _person_evidence(doc) == {"Tamsin"}


def test_switched_off_the_label_is_enough(monkeypatch: pytest.MonkeyPatch):
    from eventwire.places import rules

    monkeypatch.setattr(rules, "OFF", frozenset({"actor.person-evidence"}))
    doc = _doc(
        ["The", "fair", "in", "Tamsin", "opened", "."],
        [1, 4, 1, 2, 4, 4],
        ["det", "nsubj", "prep", "pobj", "ROOT", "punct"],
        ["O", "O", "O", "B-PERSON", "O", "O"],
    )
    assert "Tamsin" in _person_evidence(doc)
