"""recognise.place-first-in-name: the state, county or town an organisation's name begins with is an
`embedded` place, unless the name shows a person (a word of a full name, a title, a verb of saying) or its
first word is no proper noun; recognise.place-first-in-country keeps such a town only in a country the article
is about. Docs built by hand (no model), with our own invented sentences."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from eventwire.places import gazetteer
from eventwire.places.gazetteer import COUNTRY, KIND
from eventwire.places.mentions import find_mentions


@pytest.fixture(scope="module")
def gaz(gaz_dir):
    return gazetteer.load()


def _doc(words: list[str], heads: list[int], deps: list[str], pos: list[str], ents: list[str], lemmas=None):
    nlp = spacy.blank("en")
    return Doc(
        nlp.vocab,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        ents=ents,
        lemmas=lemmas or [w.lower() for w in words],
    )


def _choir(last: list[str], last_heads: list[int], last_deps: list[str], last_pos: list[str], last_ents):
    """ "The Tamale Harmony Choir sang" + the words given."""
    return _doc(
        ["The", "Tamale", "Harmony", "Choir", "sang", *last],
        [3, 3, 3, 4, 4, *last_heads],
        ["det", "compound", "compound", "nsubj", "ROOT", *last_deps],
        ["DET", "PROPN", "PROPN", "PROPN", "VERB", *last_pos],
        ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", *last_ents],
    )


def _embedded(mentions):
    """(name, kinds, countries) of the embedded mentions."""
    return [
        (m.name, {e[KIND] for e in m.entries}, {e[COUNTRY] for e in m.entries})
        for m in mentions
        if m.use == "embedded"
    ]


def test_the_town_an_organisations_name_begins_with_in_the_articles_country(gaz):
    # "The Tamale Harmony Choir sang in Accra ."
    doc = _choir(["in", "Accra", "."], [4, 5, 4], ["prep", "pobj", "punct"], ["ADP", "PROPN", "PUNCT"],
                 ["O", "B-GPE", "O"])  # fmt: skip
    assert _embedded(find_mentions(doc, [], gaz)) == [("Tamale", {"city"}, {"GHA"})]


def test_a_town_in_no_country_of_the_article_is_left_out(gaz):
    # "The Tamale Harmony Choir sang ." : nothing says the article is about Ghana
    doc = _choir(["."], [4], ["punct"], ["PUNCT"], ["O"])
    assert _embedded(find_mentions(doc, [], gaz)) == []
    assert _embedded(find_mentions(doc, [], gaz, countries={"GHA"})) == [("Tamale", {"city"}, {"GHA"})]


def test_a_name_with_a_verb_of_saying_is_a_persons():
    # "Tamale Fuller said the hall was full ." with the name tagged ORG
    doc = _doc(
        ["Tamale", "Fuller", "said", "the", "hall", "was", "full", "."],
        [1, 2, 2, 4, 5, 2, 5, 2],
        ["compound", "nsubj", "ROOT", "det", "nsubj", "ccomp", "acomp", "punct"],
        ["PROPN", "PROPN", "VERB", "DET", "NOUN", "AUX", "ADJ", "PUNCT"],
        ["B-ORG", "I-ORG", "O", "O", "O", "O", "O", "O"],
        ["tamale", "fuller", "say", "the", "hall", "be", "full", "."],
    )
    assert _embedded(find_mentions(doc, [], gazetteer.load(), countries={"GHA"})) == []


def test_a_first_word_that_is_no_proper_noun_names_no_place(gaz):
    # "The Best Tamale Award went to a baker ." : "Best" is a town somewhere, not here
    doc = _doc(
        ["The", "Best", "Tamale", "Award", "went", "."],
        [3, 3, 3, 4, 4, 4],
        ["det", "amod", "compound", "nsubj", "ROOT", "punct"],
        ["DET", "ADJ", "PROPN", "PROPN", "VERB", "PUNCT"],
        ["O", "B-ORG", "I-ORG", "I-ORG", "O", "O"],
    )
    assert _embedded(find_mentions(doc, [], gaz, countries={"NLD", "GHA"})) == []


def test_switched_off_no_place_is_taken_from_the_name(gaz, monkeypatch: pytest.MonkeyPatch):
    from eventwire.places import rules

    monkeypatch.setattr(rules, "OFF", frozenset({"recognise.place-first-in-name"}))
    doc = _choir(["in", "Accra", "."], [4, 5, 4], ["prep", "pobj", "punct"], ["ADP", "PROPN", "PUNCT"],
                 ["O", "B-GPE", "O"])  # fmt: skip
    assert _embedded(find_mentions(doc, [], gaz)) == []
