"""Organizations the knowledge base does not hold (actors/orgs.py; sentences written for these tests)."""

from __future__ import annotations

import pytest

from eventwire.api import code_text
from eventwire.quote_speakers import is_person
from eventwire.records import Actor

pytestmark = pytest.mark.model

ONE_COUNTRY = (
    "Police in Peru detained twelve miners on Monday. Peru's government said the strike was illegal. "
    "The Andean Miners Federation called off the strike on Friday."
)


def actors(text: str) -> dict[str, Actor]:
    return {a.id: a for a in code_text(text, published="2023-03-15").actors}


def test_an_unknown_organization_of_a_one_country_report_belongs_to_it():
    union = actors(ONE_COUNTRY)["org:andean-miners-federation"]
    assert union.country == "PER" and union.name == "Andean Miners Federation"
    assert union.how[0].startswith("ORG entity") and "country of the article: PER" in union.how[-1]


def test_an_unknown_organization_of_no_known_country_is_no_actor():
    found = actors(
        "Chile and Peru traded accusations on Monday. The Andean Miners Federation called off the strike."
    )
    assert not [a for a in found if a.startswith("org:")]


def test_a_word_cut_from_a_title_and_a_reporting_outlet_are_no_organizations():
    found = actors(
        ONE_COUNTRY + " The Lima Evening Courier reported that the Secretary of State would visit the mines."
    )
    assert [a for a in found if a.startswith("org:")] == ["org:andean-miners-federation"]


def test_an_organization_is_no_person_for_the_quotes():
    assert not is_person(Actor(id="org:andean-miners-federation", name="Andean Miners Federation"))
    assert is_person(Actor(id="person:ana-rojas", name="Ana Rojas"))


def test_a_surname_the_model_tags_as_an_organization_is_the_person():
    text = "Prime Minister Anna Lindqvist resigned on Monday. Lindqvist’s party lost the vote in Sweden."
    record = code_text(text, published="2023-03-15")
    assert not [a for a in record.actors if a.id.startswith("org:")]
    person = next(a for a in record.actors if a.name == "Anna Lindqvist")
    assert [text[s:e] for s, e in person.mentions] == ["Anna Lindqvist", "Lindqvist’s"]


@pytest.mark.parametrize("label", ["GPE", "ORG", "NORP"])
def test_a_surname_is_the_person_whatever_label_the_model_gives_it(label):
    from spacy.tokens import Span

    from eventwire.actors.orgs import unknown_orgs
    from eventwire.actors.resolve import Builder
    from eventwire.lookups.kb import load_kb
    from eventwire.nlp import load

    text = "Italian minister Marco Ferrandi wore the shirt. After the protest, Ferrandi offered to resign."
    doc = load()(text)
    at = next(t.i for t in doc if t.text == "Ferrandi" and t.i > 5)
    doc.ents = [Span(doc, 2, 4, label="PERSON"), Span(doc, at, at + 1, label=label)]
    builder = Builder()
    where = (doc[2].idx, doc[3].idx + len(doc[3]))
    builder.add("person:marco-ferrandi", "Marco Ferrandi", where, "test", country="ITA")
    unknown_orgs(doc, load_kb(), builder, lambda ent: False, lambda tok: None)
    person = builder.actors["person:marco-ferrandi"]
    assert len(person.mentions) == 2 and f"a {label} entity" in builder.how["person:marco-ferrandi"][-1]
    assert not [a for a in builder.actors if a.startswith("org:")]


def test_a_surname_the_model_tags_as_no_entity_is_the_person_named_before():
    from eventwire.actors.orgs import untagged_surnames
    from eventwire.actors.resolve import Builder
    from eventwire.nlp import load

    text = "Board chair Marco Ferrandi spoke first. Later Ferrandi apologised to the miners of Oruro."
    doc = load()(text)
    at = next(t.i for t in doc if t.text == "Ferrandi" and t.i > 5)
    doc.ents = [e for e in doc.ents if not (e.start <= at < e.end)]  # as the model sometimes leaves it
    builder = Builder()
    builder.add("person:marco-ferrandi", "Marco Ferrandi", (doc[2].idx, doc[3].idx + len(doc[3])), "test")
    untagged_surnames(doc, builder)
    mentions = builder.actors["person:marco-ferrandi"].mentions
    assert [text[s:e] for s, e in mentions] == ["Marco Ferrandi", "Ferrandi"]
    # A capitalised word that is part of a longer name is no mention of the person
    doc2 = load()("Marco Ferrandi spoke first. The Ferrandi Foundation later apologised.")
    doc2.ents = [e for e in doc2.ents if e.start < 2]
    builder2 = Builder()
    builder2.add("person:marco-ferrandi", "Marco Ferrandi", (0, 14), "test")
    untagged_surnames(doc2, builder2)
    assert len(builder2.actors["person:marco-ferrandi"].mentions) == 1
