"""The `actors` stage on sentences written for these tests, with the installed spaCy pipeline."""

from __future__ import annotations

import pytest

from eventwire.api import CodeOptions, code_text

pytestmark = pytest.mark.model
ONLY_ACTORS = CodeOptions(stages=["actors"])


def actors(text: str, published: str = "2022-01-26") -> dict[str, object]:
    record = code_text(text, published=published, options=ONLY_ACTORS)
    return {a.id: a for a in record.actors}


def mentions(text: str, actor) -> list[str]:
    return [text[s:e] for s, e in actor.mentions]


def test_a_title_without_a_name_resolves_to_the_holder_of_the_day():
    text = "The U.S. president said on Monday that the talks would continue."
    assert "usa.biden" in actors(text, "2022-03-01")
    later = actors(text, "2026-03-01")
    assert "usa.biden" not in later
    (person,) = [a for a in later.values() if a.role == "president"]
    assert person.country == "USA" and person.sector == "GOV"


def test_known_person_with_variant_spelling_and_old_date():
    found = actors("President Putin flew to Beijing after Sergei Lavrov spoke.", "2007-03-01")
    assert found["rus.putin"].role == "president" and found["rus.putin"].country == "RUS"
    assert found["rus.lavrov"].sector == "GOV"


def test_unknown_person_gets_country_sector_and_role_from_title_and_apposition():
    text = (
        "Bulgarian Deputy Interior Minister Petar Marinov visited the site. "
        "Mykola Bondar, an adviser to the Ukrainian defense minister, said the visit was useful."
    )
    found = actors(text)
    marinov = next(a for a in found.values() if a.name == "Petar Marinov")
    assert (marinov.country, marinov.sector, marinov.role) == ("BGR", "GOV", "interior minister")
    bondar = next(a for a in found.values() if a.name == "Mykola Bondar")
    assert (bondar.country, bondar.sector, bondar.role) == ("UKR", "GOV", "adviser")


def test_metonyms_and_locative_capitals():
    text = "Moscow said it would respond, and the Kremlin called the move hostile. Talks were held in Vienna."
    found = actors(text)
    assert mentions(text, found["RUS.GOV"]) == ["Moscow", "the Kremlin"]
    assert not any("Vienna" in mentions(text, a) for a in found.values())


def test_demonym_and_role_phrases():
    text = "Russian troops crossed the river while Ukrainian lawmakers met and Belarusian police watched."
    found = actors(text)
    assert (found["RUS.MIL"].country, found["RUS.MIL"].sector) == ("RUS", "MIL")
    assert found["UKR.LEG"].sector == "LEG"
    assert found["BLR.COP"].sector == "COP"


def test_a_people_of_one_country_is_coded_by_it_but_not_a_people_of_many():
    found = actors("Zulu chiefs met Basque activists while Kurdish fighters watched.")
    countries = {a.country for a in found.values()}
    assert {"ZAF", "ESP"} <= countries
    assert not any(
        "Kurdish" in m
        for a in found.values()
        for m in mentions("Zulu chiefs met Basque activists while Kurdish fighters watched.", a)
    )


def test_compound_list_gives_one_actor_per_country():
    text = "Officials from Poland, Lithuania, Latvia and Estonia gathered on Tuesday."
    found = actors(text)
    assert {"POL.GOV", "LTU.GOV", "LVA.GOV", "EST.GOV"} <= set(found)


def test_news_agency_as_source_is_not_an_actor_but_as_target_it_is():
    text = (
        "Syrian forces shelled the town, the Associated Press reported. "
        "Moscow later blocked the BBC, according to Reuters."
    )
    found = actors(text)
    assert "AP" not in found and "REUTERS" not in {k.upper() for k in found}
    assert any(a.sector == "MED" and "BBC" in a.name for a in found.values())


def test_pronoun_after_a_named_speaker_links_to_that_speaker():
    text = (
        "Irish Foreign Minister Niamh O'Connell told reporters the plan was fair. "
        "Critics disagreed. \u201cWe stand by it,\u201d she told reporters on Friday."
    )
    found = actors(text)
    (person,) = [a for a in found.values() if a.name == "Niamh O'Connell"]
    assert "she" in mentions(text, person)
    assert (person.country, person.sector) == ("IRL", "GOV")


def test_a_pronoun_subject_of_any_verb_is_the_person_named_just_before():
    text = "Maria Okafor, a nurse from Leeds, was arrested on Monday. She had led the strike since May."
    (person,) = [a for a in actors(text).values() if a.name == "Maria Okafor"]
    assert "She" in mentions(text, person)


def test_a_pronoun_of_any_verb_does_not_reach_back_over_sentences():
    text = (
        "Maria Okafor, a nurse from Leeds, was arrested on Monday. The strike went on. Ports closed. "
        "Buses stopped. She had led the strike since May."
    )
    (person,) = [a for a in actors(text).values() if a.name == "Maria Okafor"]
    assert "She" not in mentions(text, person)


def test_an_honorific_gives_the_gender_a_pronoun_must_agree_with():
    text = "Mr. Tomas Ferrante, a Chilean lawyer, filed the appeal on Monday. She had opposed the ruling."
    (person,) = [a for a in actors(text).values() if a.name == "Tomas Ferrante"]
    assert "She" not in mentions(text, person)


@pytest.mark.parametrize(
    ("text", "country", "role"),
    [
        ("Kenya's foreign minister Amina Odhiambo spoke on Monday.", "KEN", "foreign minister"),
        ("Kenya's ambassador Amina Odhiambo spoke on Monday.", "KEN", "ambassador"),
        ("The minister, Amina Odhiambo, spoke on Monday.", None, "minister"),
    ],
)
def test_a_lower_case_title_the_name_stands_in_apposition_to(text, country, role):
    (person,) = [a for a in actors(text).values() if a.name == "Amina Odhiambo"]
    assert (person.country, person.role) == (country, role)


def test_every_actor_says_how_it_was_resolved():
    found = actors("NATO and the West warned Russia.")
    assert found["NATO"].how and found["WST"].how and found["RUS"].how


def test_a_person_is_named_with_capitals():
    text = "The cottage cost 75 pence a week. Vice President Pence said he may visit."
    found = actors(text, "2019-01-26")
    pence = [a for a in found.values() if a.name == "Mike Pence"]
    assert len(pence) == 1 and mentions(text, pence[0]) == ["Pence", "he"]  # not "pence", nor "may" (May)


def test_a_state_named_with_new_is_not_the_country_in_its_name():
    found = actors(
        "The New Mexico governor met New Jersey's attorney general. The New South Wales premier spoke. "
        "Israel invaded South Lebanon, and the New Zealand prime minister objected. He was introduced by "
        "New Jersey Gov. Chris Christie."
    )
    assert not {"MEX", "JEY", "GBR"} & {a.country for a in found.values()}  # not Mexico, Jersey, Britain
    assert {"ISR", "LBN", "NZL"} <= {a.country for a in found.values()}  # a compass word names a part


def test_a_capital_is_a_country_only_by_its_own_name_with_a_capital_letter():
    found = actors(
        "A male nurse said the ward was full. Victoria Police closed the road, and the San Jose council "
        "met. Moscow said it would respond."
    )
    codes = {a.country for a in found.values()}
    assert not {"MDV", "SYC", "CRI"} & codes  # not the Maldives, the Seychelles, Costa Rica
    assert "RUS" in codes


def test_a_name_written_in_lowercase_is_a_common_word():
    found = actors("They ate turkey, served it on fine china and gave him a jersey. Turkey and China met.")
    assert {a.country for a in found.values()} == {"TUR", "CHN"}
    assert all(mentions_start >= 60 for a in found.values() for mentions_start, _ in a.mentions)


def test_a_country_named_like_a_state_in_a_report_on_that_states_country_is_the_state():
    found = actors(
        "The senator won the Republican primary in Georgia on Tuesday. Her rival carried Virginia and "
        "Colorado, and the governor took Tennessee."
    )
    assert "GEO" not in {a.country for a in found.values()}
    # Among countries it stays the country, whatever states the report names elsewhere.
    found = actors("Russia accused Georgia of provoking the war, officials in Virginia and Colorado said.")
    assert {"RUS", "GEO"} <= {a.country for a in found.values()}


def test_a_country_named_like_a_state_and_listed_with_states_is_the_state():
    found = actors(
        "Clinton won primaries in Alabama, Arkansas, Georgia, Tennessee and Virginia. Russia and Georgia "
        "fought a war in 2008."
    )
    georgia = [a for a in found.values() if a.country == "GEO"]
    assert len(georgia) == 1 and len(georgia[0].mentions) == 1 and georgia[0].mentions[0][0] > 80


def test_a_surname_alone_is_the_person_the_article_names_in_full():
    found = actors("Hillary Clinton spoke in Iowa on Monday. Clinton said she would win.", "2016-02-01")
    assert [a.name for a in found.values()] == ["Hillary Clinton"]  # not the former president
    assert len(next(iter(found.values())).mentions) == 3  # the full name, the surname and "she"
    found = actors("Jeb Bush spoke in Iowa. Bush said he would win.", "2016-01-10")
    assert [a.name for a in found.values()] == ["Jeb Bush"]
    # The knowledge base's person when the article names no other of that surname
    found = actors("Clinton spoke in Iowa on Monday.", "2016-02-01")
    assert [a.name for a in found.values()] == ["Bill Clinton"]


def test_a_known_surname_inside_a_name_the_knowledge_base_does_not_know_is_another_person():
    found = actors(
        "On Friday the senator thanked Jeb Bush for his support. George H.W. Bush sent a letter.",
        "2016-02-21",
    )
    names = {a.name: a.country for a in found.values()}
    assert names.get("Jeb Bush") is None and "Jeb Bush" in names  # not a Bush who was president
    assert names.get("George H. W. Bush") == "USA"  # the knowledge base's, spelled otherwise
    found = actors("Delegates debated the Blair Doctrine at a conference on Monday.", "2016-02-01")
    assert "Tony Blair" not in {a.name for a in found.values()}


def test_a_short_word_in_capitals_or_a_first_name_makes_no_known_person():
    found = actors("He would not make the starting XI, the coach said.", "2018-04-01")
    assert "Xi Jinping" not in {a.name for a in found.values()}
    found = actors(
        "The singers Laila Hamdan and Zahra Arafat performed at the festival in Cairo.", "2018-04-01"
    )
    assert "Yasser Arafat" not in {a.name for a in found.values()}


def test_a_capital_or_country_ending_a_persons_name_is_no_actor():
    found = actors("The actress Kerry Washington signed a letter backing the plan on Tuesday.", "2016-01-05")
    assert "USA" not in {a.country for a in found.values()}
    found = actors("Talks in Washington ended. Washington said it would respond.", "2016-01-05")
    assert "USA" in {a.country for a in found.values()}


def test_an_outlet_credited_in_brackets_after_a_dateline_is_no_actor():
    found = actors("HELENA, Mont. (AP) — Lawmakers in Montana passed a budget on Friday.", "2023-04-01")
    assert "Associated Press" not in {a.name for a in found.values()}


def test_his_or_her_group_is_the_group_of_the_persons_country():
    text = (
        "Chilean President Ana Rojas said on Monday that her government would act. "
        "Peru and Chile have argued over the border for a decade."
    )
    found = actors(text)
    group = found["CHL.GOV"]
    assert group.country == "CHL" and mentions(text, group) == ["her"]
    assert "Ana Rojas's country (CHL)" in group.how[0]


def test_a_possessive_of_the_other_gender_finds_no_person():
    found = actors("Chilean President Mrs Ana Rojas said on Monday that his government would act.")
    assert not any("'s country (CHL)" in h for a in found.values() for h in a.how)


def test_a_surname_with_an_honorific_is_the_person_named_in_full_before():
    found = actors(
        "Marta Okonjo, a nurse in Kisumu, said the clinic had closed. Ms Okonjo said staff were unpaid. "
        "Dr. Okonjo later left the town."
    )
    people = [a for a in found.values() if a.id.startswith("person:")]
    assert [a.name for a in people] == ["Marta Okonjo"]
    assert len(people[0].mentions) >= 3


def test_a_name_written_family_name_first_is_linked_by_its_first_word():
    text = "Chen Wei, who owns a noodle shop in Leeds, reopened on Monday. Chen said trade was slow."
    found = actors(text)
    people = [a for a in found.values() if a.id.startswith("person:")]
    assert [a.name for a in people] == ["Chen Wei"]
    assert mentions(text, people[0])[:2] == ["Chen Wei", "Chen"]


def test_a_first_word_two_people_share_is_linked_to_neither():
    text = "Ana Roe and Ana Lund, two teachers from Hull, joined the march. Ana said the cuts were unfair."
    found = actors(text)
    people = {a.name: a for a in found.values() if a.id.startswith("person:")}
    assert all(len(people[n].mentions) == 1 for n in ("Ana Roe", "Ana Lund") if n in people)


def test_a_surname_that_is_also_a_country_is_the_person_named_in_full_before():
    text = "Amal Jordan, a lawyer in Amman, represents the families. Jordan said they wanted answers."
    found = actors(text)
    (person,) = [a for a in found.values() if a.name == "Amal Jordan"]
    said = text.index("Jordan said")
    assert [said, said + len("Jordan")] in person.mentions
    assert all(s != said for a in found.values() if a is not person for s, _ in a.mentions)


def test_a_surname_the_article_also_uses_as_a_place_stays_the_place():
    text = "Amal Jordan, a lawyer, flew to Jordan on Monday. Jordan said the border would reopen."
    found = actors(text)
    (person,) = [a for a in found.values() if a.name == "Amal Jordan"]
    assert mentions(text, person) == ["Amal Jordan"]


def test_a_common_noun_after_a_capitalised_the_is_no_named_body():
    found = actors("The commission rejected the complaints of the opposition in Nairobi.")
    assert "EC" not in found  # "the Commission" is the European Commission; "The commission" is any
    found = actors("The Commission fined the Kenyan bank in Brussels.")
    assert "EC" in found


def test_a_person_named_inside_a_quotation_is_not_whom_the_next_pronoun_means():
    text = (
        "Opposition leader Amara Diallo spoke to supporters in Conakry on Monday.\n\n"
        "\u201cIbrahim Kourouma has lost this election,\u201d he said."
    )
    found = actors(text)
    (diallo,) = [a for a in found.values() if a.name == "Amara Diallo"]
    assert "he" in mentions(text, diallo)


def test_a_name_that_modifies_a_common_noun_is_not_a_subject_a_pronoun_means():
    text = (
        "Ibrahim Kourouma was declared the winner on Sunday. Daniel Mensah called the count a fraud. "
        "The Kourouma camp rejected that charge. He said the courts would decide."
    )
    found = actors(text)
    (mensah,) = [a for a in found.values() if a.name == "Daniel Mensah"]
    assert "He" in mentions(text, mensah)


def test_a_possessive_pronoun_before_a_noun_is_the_person_named_just_before():
    text = "Maria Okafor, a nurse from Leeds, was arrested on Monday. Her detention drew protests."
    (person,) = [a for a in actors(text).values() if a.name == "Maria Okafor"]
    assert "Her" in mentions(text, person)


def test_a_possessive_pronoun_does_not_reach_back_over_sentences():
    text = "Maria Okafor was arrested on Monday. The strike went on. Ports closed. Her arrest drew protests."
    (person,) = [a for a in actors(text).values() if a.name == "Maria Okafor"]
    assert "Her" not in mentions(text, person)


def test_a_pronoun_of_saying_continues_the_speaker_not_the_one_spoken_about():
    text = (
        "According to the economist Daniel Mensah, Peter Okello has become the cabinet's loudest critic. "
        "“They want him gone before the vote,” he said."
    )
    found = actors(text)
    (mensah,) = [a for a in found.values() if a.name == "Daniel Mensah"]
    assert "he" in mentions(text, mensah)


def test_a_subject_of_reported_content_is_no_antecedent_of_a_later_he_said():
    text = "Daniel Mensah said Peter Okello would resign on Friday. “It is over,” he said."
    found = actors(text)
    (mensah,) = [a for a in found.values() if a.name == "Daniel Mensah"]
    assert "he" in mentions(text, mensah)
