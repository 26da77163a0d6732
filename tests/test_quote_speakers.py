"""Quote speakers decided over the whole article (quote_speakers.py and the paragraph runs in quotes.py).

Every text here is written for these tests; the people and places are invented or generic.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def code(text: str):
    from eventwire.api import code_text

    record = code_text(text, published="2024-03-12")
    return record, {a.id: a for a in record.actors}


def quoted(text: str, starts: str):
    """The direct quote of the coded text that starts with `starts`, and the name of its speaker's actor."""
    record, actors = code(text)
    q = direct_quote(record, starts)
    return q, (actors[q.speaker].name if q.speaker in actors else None)


def direct_quote(record, starts: str):
    (q,) = [q for q in record.quotes if q.direct and q.text.startswith(starts)]
    return q


def test_private_person_introduced_before_the_quote_then_named_by_surname():
    q, name = quoted(
        "Maria Okafor, a nurse from Leeds, joined the march outside the hospital on Saturday.\n\n"
        "“We cannot keep working double shifts,” Okafor said.",
        "We cannot keep",
    )
    assert name == "Maria Okafor"
    assert q.speaker_how in ("named", "surname: Okafor -> Maria Okafor")


def test_role_description_is_the_person_the_article_names_with_that_role():
    q, name = quoted(
        "Finance Minister Jane Roe presented the budget to parliament on Monday.\n\n"
        "“This is a fair plan for every household,” the minister told reporters.",
        "This is a fair plan",
    )
    assert name == "Jane Roe"
    assert q.speaker_how.startswith("role:")


def test_a_title_written_with_capitals_is_a_role_description():
    # the parser takes "the Prime Minister" for a name; it is a title, and the person holding it is named
    q, name = quoted(
        "Prime Minister Joanna Bell visited the flooded towns on Tuesday.\n\n"
        "“We will rebuild every home,” the Prime Minister said.",
        "We will rebuild",
    )
    assert name == "Joanna Bell"
    assert q.speaker_how.startswith("role: 'the Prime Minister'")


def test_a_capitalised_title_nobody_holds_in_the_article_stays_unresolved():
    q, _ = quoted(
        "The President arrived in the capital on Monday.\n\n“We are here to listen,” the President said.",
        "We are here to listen",
    )
    assert q.speaker is None


def test_the_company_is_the_organization_the_article_named_before():
    q, name = quoted(
        "Peruvian police raided the offices of the Andean Copper Corporation in Lima on Monday. Peru's "
        "government said the raid was lawful.\n\n"
        "The company told reporters: “Our staff broke no law, and the inquiry will show it.”",
        "Our staff broke no law",
    )
    assert name == "Andean Copper Corporation"
    assert q.speaker_how.startswith("description: 'The company' -> Andean Copper Corporation")


def test_an_abbreviated_title_gives_the_role_a_description_names():
    q, name = quoted(
        "Former Ohio Gov. Tom Berne criticized the plan on Monday. "
        "Ohio Gov. Ann Kessler signed it into law.\n\n"
        "Kessler defended the law on her radio show.\n\n"
        "“It will save every family money,” the governor said.",
        "It will save",
    )
    assert name == "Ann Kessler"
    assert q.speaker_how.startswith("role: 'the governor'")


def test_role_description_before_the_person_is_named():
    _, name = quoted(
        "“The water is still rising,” the engineer said on Sunday.\n\n"
        "Tomas Berg, the engineer in charge of the dam, has asked for more pumps.",
        "The water is still rising",
    )
    assert name == "Tomas Berg"


def test_name_beside_a_common_noun_is_the_speaker():
    q, _ = quoted(
        "The singer died on Friday after a long illness.\n\n"
        "“He gave everything to his music,” said his wife Helena in a statement.",
        "He gave everything",
    )
    assert "Helena" in (q.speaker_text or "")
    assert q.speaker_how != "generic" and not (q.speaker_how or "").startswith("generic")


def test_relative_pronoun_speaker_is_the_noun_it_modifies():
    record, actors = code(
        "Peter Lindqvist, who chairs the fishermen's union, said the new quotas were “a death sentence for "
        "small boats”."
    )
    (q,) = [q for q in record.quotes if q.direct]
    assert actors[q.speaker].name == "Peter Lindqvist"


def test_quote_only_paragraph_continues_the_speaker_of_the_paragraph_before():
    q, name = quoted(
        "Tom Baker, a farmer from Kent, told reporters that the drought had ruined his wheat.\n\n"
        "“We have lost nearly everything we planted this spring.”\n\n"
        "The county council will meet on Thursday.",
        "We have lost",
    )
    assert name == "Tom Baker"
    assert q.speaker_how.startswith("paragraph run")


def test_paragraph_run_with_the_attribution_only_on_the_last_paragraph():
    record, actors = code(
        "The mayor of the town spoke at the opening of the new bridge.\n\n"
        "“This bridge joins two halves of our town.”\n\n"
        "“It took eleven years to build, and it was worth every one of them,” said Anna Kowal, the mayor."
    )
    first = direct_quote(record, "This bridge joins")
    assert actors[first.speaker].name == "Anna Kowal"
    assert first.speaker_how.startswith("paragraph run")


def test_narrative_paragraph_between_ends_the_run():
    record, _ = code(
        "Tom Baker, a farmer from Kent, told reporters that the drought had ruined his wheat.\n\n"
        "The county council will meet on Thursday to discuss water rationing.\n\n"
        "“Nobody has told us anything.”"
    )
    assert not [q for q in record.quotes if q.text.startswith("Nobody has told")]


@pytest.mark.parametrize(
    "sentence",
    [
        "“It sounded like thunder,” one witness said.",
        "“It sounded like thunder,” a voice shouted from the crowd.",
        "“It sounded like thunder,” officials said.",
    ],
)
def test_generic_speaker_stays_unresolved(sentence: str):
    q, _ = quoted(
        "Residents of Millbrook described the explosion at the depot on Tuesday.\n\n" + sentence,
        "It sounded like thunder",
    )
    assert q.speaker is None
    assert q.speaker_how.startswith("generic")


def test_pronoun_after_a_quote_is_its_speaker_not_a_name_inside_it():
    _, name = quoted(
        "“Nobody asked Jonas Falk or anyone else on the board,” said Ingrid Holm, a shareholder.\n\n"
        "“We will vote against the merger,” she added.",
        "We will vote",
    )
    assert name == "Ingrid Holm"


def test_a_pronoun_skips_a_person_of_the_other_gender():
    _, name = quoted(
        "Mrs Helen Varga, the mayor, toured the site on Monday with Mr Peter Lund.\n\n"
        "“The bridge will open in June,” she recalled.",
        "The bridge will open",
    )
    assert "Helen Varga" in name


def test_the_person_named_after_a_title_speaks_not_the_country_in_the_title():
    _, name = quoted(
        "“The roads are open again,” the US Ambassador to Chile John Miller said on Monday.",
        "The roads are open",
    )
    assert name == "John Miller"


def test_the_person_in_an_apposition_the_parse_hangs_on_the_last_noun_speaks():
    _, name = quoted(
        "Britain's envoy to Kenya, Anna Leeward, said: “We will help the flood victims.”", "We will help"
    )
    assert name == "Anna Leeward"


def test_an_outlet_quoting_a_person_as_saying_is_not_the_speaker():
    q, name = quoted(
        "Karl Olsen took charge of the county roads board on Monday.\n\n"
        "A week later the Herald quoted him as saying that his first task “will be to fill every pothole "
        "before the snow arrives”.",
        "will be to fill",
    )
    assert name == "Karl Olsen"
    assert q.speaker_how.startswith("pronoun: him")


def test_a_pronoun_after_another_persons_quote_is_the_subject_named_in_between():
    _, name = quoted(
        "“The harbour must stay open,” said Maria Ruiz, the port director.\n\n"
        "Peter Lund, the head of the dockers' union, spoke after her. He turned to the crowd: “We will not "
        "unload a single ship.”",
        "We will not unload",
    )
    assert name == "Peter Lund"


def test_he_added_after_a_quote_is_its_speaker_not_a_subject_inside_the_quote():
    _, name = quoted(
        "Critics like Omar Haddad from the Harbour Gazette focused on the mayor's answer, saying, “Of course "
        "that is not what happened. Mayor Peter Lund closed the library himself.” He added, “The voters will "
        "remember it in May.”",
        "The voters will",
    )
    assert name == "Omar Haddad"


def test_a_name_fused_with_the_country_of_a_title_is_the_speaker_not_the_country():
    q, name = quoted(
        "Oskar Brandt arrived in Lima on Sunday.\n\n"
        "“The roads are open again,” the US Ambassador to Peru Oskar Brandt said on Monday.",
        "The roads are open",
    )
    assert name == "Oskar Brandt"
    assert q.speaker_how.startswith("name in phrase")


def test_a_name_that_only_modifies_a_noun_is_no_antecedent_of_a_pronoun():
    _, name = quoted(
        "Mrs Anna Kowal opened the new school in Leeds on Monday. The building was paid for by the Lund "
        "family trust.\n\n"
        "At the opening, she admitted that the town had waited “far too long for a library”.",
        "far too long",
    )
    assert name.endswith("Anna Kowal")


def test_a_pronoun_reaches_back_past_people_all_known_to_be_of_the_other_gender():
    _, name = quoted(
        "Mrs Anna Kowal, the mayor of Leeds, visited the flooded villages of the valley on Monday with two "
        "engineers from the regional water board and a group of volunteers from the church.\n\n"
        "The engineers, Mr Peter Lund and Mr Tomas Berg, showed the delegation the broken dyke near the old "
        "mill and the pumps that have run day and night since the storm. Mr Lund explained that the dyke had "
        "been built in the nineteenth century and had never been raised. Mr Berg said the new pumps would "
        "arrive from the coast by the end of the week if the roads stayed open, and that the army had "
        "offered trucks to carry them.\n\n"
        "At the village hall, she admitted that the town had been “far too slow to act” when the first "
        "warnings came.",
        "far too slow",
    )
    assert name.endswith("Anna Kowal")


def test_a_pronoun_sentences_after_another_persons_quote_keeps_its_own_antecedent():
    _, name = quoted(
        "“We will rebuild every house,” said Omar Haddad, the regional governor.\n\n"
        "The storm destroyed more than two hundred homes along the coast last week. Villagers gave a cold "
        "welcome to Mrs Anna Kowal, the mayor of Leeds, on Monday. At the village hall, she admitted that "
        "the town had been “far too slow to act” when the first warnings came.",
        "far too slow",
    )
    assert name.endswith("Anna Kowal")


def test_a_person_in_apposition_speaks_whatever_label_the_name_got():
    """The actors stage may know a person (knowledge base, surname) whose name the entity recogniser tagged
    ORG; the apposition names the speaker, the title's group does not."""
    from eventwire import quote_speakers
    from eventwire.nlp import load
    from eventwire.records import Actor

    text = "“We will wait,” said Lagoria's defence minister, Emre Arslan."
    doc = load()(text)
    name_at = text.index("Emre Arslan")
    title_at = text.index("defence minister")
    person = Actor(id="lag.arslan", name="Emre Arslan", mentions=[(name_at, name_at + len("Emre Arslan"))])
    title = (title_at, title_at + len("defence minister"))
    group = Actor(id="LAG.MIL", name="defence minister", country="LAG", sector="MIL", mentions=[title])
    speaker = doc.char_span(text.index("Lagoria"), len(text) - 1, alignment_mode="expand")
    actor, how = quote_speakers.resolve(speaker, [group, person], 0)
    assert actor is person
    assert how.startswith("name in phrase")


def test_a_name_with_no_actor_does_not_become_its_affiliations_country():
    record, actors = code(
        "“The law ignores everyday realities,” said the Mexican Workers Union's Itzel Xochitl Cuauhtli."
    )
    q = direct_quote(record, "The law ignores")
    assert q.speaker is None or actors[q.speaker].is_person
    assert q.speaker_text.endswith("Cuauhtli")


def test_a_name_after_a_preposition_before_the_colon_is_no_speaker():
    _, name = quoted(
        "Mayor Ana Roe answered her critics on Radio Kelby: “Nothing in the budget has changed since March!”",
        "Nothing in the budget",
    )
    assert name == "Ana Roe"


def test_one_of_a_group_named_in_the_phrase_is_that_person():
    _, name = quoted(
        "According to one of the study's authors Ana Lopez, head of research at the Lagos Institute, "
        "“These figures change how we count the poor.”",
        "These figures change",
    )
    assert name == "Ana Lopez"


def test_one_of_a_group_without_a_name_stays_unresolved():
    q, _ = quoted(
        "Ana Lopez led the study. According to one of her aides, “These figures change how we count"
        " poverty.”",
        "These figures change",
    )
    assert q.speaker is None and q.speaker_how.startswith("generic")


def test_the_report_speaks_for_the_author_named_with_it_before():
    q, name = quoted(
        "In a 30-page report released on Monday, Amnesty International described conditions in the prisons "
        "of the capital.\n\nThe report states that “the cells hold four times as many people as they"
        " should.”",
        "the cells hold",
    )
    assert name == "Amnesty International"
    assert q.speaker_how.startswith("document:")


def test_a_report_with_no_author_named_before_stays_words_only():
    q, _ = quoted(
        "The prisons of the capital are crowded.\n\n"
        "The report states that “the cells hold four times as many people as they should.”",
        "the cells hold",
    )
    assert q.speaker is None


def test_who_obtained_a_document_did_not_write_it():
    q, _ = quoted(
        "Reuters has obtained a letter that a city engineer wrote in March.\n\n"
        "The letter says that “the bridge must close before the winter floods.”",
        "the bridge must close",
    )
    assert q.speaker is None and q.speaker_text == "The letter"


def test_the_author_of_a_document_is_the_body_its_phrase_names_not_a_country_in_it():
    _, name = quoted(
        "A study published on Tuesday by the American Federal Aviation Administration looked at airport"
        " delays.\n\n"
        "The study says that “delays rose by a tenth in two years.”",
        "delays rose by a tenth",
    )
    assert name == "Federal Aviation Administration"
