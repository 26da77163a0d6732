"""The event coder on sentences written for these tests (installed spaCy pipeline)."""

from __future__ import annotations

import pytest

from eventwire.api import code_text

pytestmark = pytest.mark.model


def events(text: str, published: str = "2023-03-15"):
    record = code_text(text, published=published)
    codes = {a.id: (a.country or a.org or a.id) for a in record.actors}
    return [
        (e.type, e.status, sorted(codes[x] for x in e.actors), sorted(codes[x] for x in e.recipients), e)
        for e in record.events
    ], record


def first(text: str, etype: str):
    found, _ = events(text)
    hits = [f for f in found if f[0] == etype]
    assert hits, f"no {etype} in {[(f[0], f[4].trigger.text) for f in found]}"
    return hits[0]


@pytest.mark.parametrize(
    "etype, text, actor, recipient",
    [
        ("AGREE", "Chile agreed on Monday to share fishing data with Peru.", "CHL", "PER"),
        ("CONSULT", "The foreign ministers of Kenya and Ethiopia met in Nairobi on Tuesday.", "KEN", None),
        ("SUPPORT", "Brazil praised Argentina for its handling of the debt talks.", "BRA", "ARG"),
        ("CONCEDE", "Serbia lifted the curfew in the northern province on Sunday.", "SRB", None),
        ("COOPERATE", "Norway and Sweden cooperate closely on border security, officials said.", "NOR", None),
        ("AID", "Japan sent humanitarian aid to the Philippines after the typhoon.", "JPN", "PHL"),
        ("RETREAT", "Armenian troops withdrew from the disputed villages on Friday.", "ARM", None),
        ("REQUEST", "Poland urged Germany to increase its military spending.", "POL", "DEU"),
        ("ACCUSE", "Venezuela accused Colombia of harboring armed groups.", "VEN", "COL"),
        ("REJECT", "Iran rejected the proposal from the European Union.", "IRN", "EU"),
        ("THREATEN", "North Korea threatened to strike U.S. bases in the Pacific.", "PRK", "USA"),
        (
            "PROTEST",
            "Thousands of Kenyan protesters demonstrated against the tax bill in Nairobi.",
            "KEN",
            None,
        ),
        ("SANCTION", "The United States imposed sanctions on Myanmar's military leaders.", "USA", "MMR"),
        ("MOBILIZE", "Turkey deployed troops to the Syrian border on Wednesday.", "TUR", None),
        ("COERCE", "Egyptian police arrested dozens of activists in Cairo.", "EGY", None),
        ("ASSAULT", "Israeli aircraft struck Hamas targets in Gaza overnight.", "ISR", None),
    ],
)
def test_each_plover_type(etype, text, actor, recipient):
    _, status, actors, recipients, event = first(text, etype)
    assert status == "asserted"
    assert actor in actors
    if recipient:
        assert recipient in recipients
    assert event.cameo and event.quad_class in (1, 2, 3, 4) and event.goldstein is not None
    assert event.rule and text[event.trigger.span[0] : event.trigger.span[1]] == event.trigger.text


def test_status_planned():
    _, status, actors, _, _ = first("Russia and Belarus will hold joint exercises next month.", "COOPERATE")
    assert status == "planned" and actors == ["BLR", "RUS"]


def test_status_conditional_and_the_threat_it_makes():
    found, _ = events("Turkey would retaliate if Greek forces attack the island, Turkish officials said.")
    types = {(f[0], f[1]) for f in found}
    assert ("ASSAULT", "conditional") in types
    threat = next(f for f in found if f[0] == "THREATEN")
    assert threat[1] == "asserted" and threat[2] == ["TUR"] and "GRC" in threat[3]


def test_status_hypothetical():
    found, _ = events("Finland warned of the prospect of a Russian invasion.")
    invasion = next(f for f in found if f[0] == "ASSAULT")
    assert invasion[1] == "hypothetical"


def test_status_negated_refusal_is_a_reject():
    found, _ = events("Greece did not recall its ambassador from Turkey.")
    assert any(f[0] == "SANCTION" and f[1] == "negated" for f in found)
    found, _ = events("Hungary refused to accept the refugees.")
    assert any(f[0] == "REJECT" and f[1] == "asserted" for f in found)


def test_compound_actors_stay_one_event():
    _, _, actors, _, _ = first(
        "Officials from Kenya, Uganda and Tanzania met in Arusha on Monday.", "CONSULT"
    )
    assert actors == ["KEN", "TZA", "UGA"]


def test_passive_voice():
    _, _, actors, recipients, _ = first(
        "Two Saudi soldiers were killed by Houthi fighters near the border.", "ASSAULT"
    )
    assert "SAU" in recipients
    assert actors  # the Houthis, whatever code the knowledge base gives them


def test_reported_speech_codes_the_reported_act_by_its_subject():
    _, status, actors, _, _ = first("Peru said it was moving troops to the border with Ecuador.", "MOBILIZE")
    assert actors == ["PER"] and status == "asserted"


def test_nominal_event_with_a_possessive():
    _, _, actors, _, _ = first("Russia's deployment of troops near the border worried Finland.", "MOBILIZE")
    assert actors == ["RUS"]


def test_a_news_agency_is_never_an_event_actor():
    found, record = events("Venezuela accused Colombia of harboring rebels, Reuters reported.")
    media = {a.id for a in record.actors if a.sector == "MED"}
    assert all(not set(f[4].actors) & media for f in found)
    assert any(f[0] == "ACCUSE" for f in found)


def test_events_carry_date_and_quote():
    found, record = events("“We will not withdraw,” the Serbian defense minister said on Monday.")
    assert record.quotes
    found, record = events(
        "Serbia lifted the curfew on Monday.",
    )
    (concede,) = [f for f in found if f[0] == "CONCEDE"]
    assert concede[4].date.value == "2023-03-13"


# --- parties beyond the subject and the object ---------------------------------------------------------
@pytest.mark.parametrize(
    "etype, text, actor, recipient",
    [
        # the place of an event with no named target
        ("MOBILIZE", "Kenya deployed troops in Mogadishu on Sunday.", "KEN", "SOM"),
        # a place named as the object: the country of the town
        ("ASSAULT", "Russian artillery shelled the city of Kharkiv overnight.", "RUS", "UKR"),
        # a nominal event whose target the parse hangs on the verb
        ("ACCUSE", "A Peruvian judge launched a probe on Monday against Bolivian officials.", "PER", "BOL"),
        # the object of the pattern's own preposition
        ("COERCE", "Rebels set fire to the offices of a Danish aid group on Sunday.", None, "DNK"),
        # the pattern's own object names the party by a modifier
        ("SANCTION", "Ecuador expelled three Iranian envoys on Tuesday.", "ECU", "IRN"),
        # the subject of a condition is whom a threat is addressed to
        ("THREATEN", "Chad threatened to close the border unless Sudan expelled the rebels.", "TCD", "SDN"),
        # a protest aimed at whom its purpose names
        (
            "PROTEST",
            "Taxi drivers held a rally to seek lower fuel taxes from the Polish government.",
            None,
            "POL",
        ),
    ],
)
def test_recipients_from_places_complements_and_purposes(etype, text, actor, recipient):
    _, _, actors, recipients, _ = first(text, etype)
    if actor:
        assert actor in actors
    assert recipient in recipients


def test_a_domestic_act_of_force_targets_the_actors_own_country():
    _, _, actors, recipients, _ = first("Egyptian police detained dozens of students on Monday.", "COERCE")
    assert actors == ["EGY"] and recipients == ["EGY"]
    _, _, _, recipients, _ = first("Brazil and Chile signed a trade agreement on Monday.", "SUPPORT")
    assert recipients == []  # a cooperative act takes no default target
    _, _, actors, recipients, _ = first("Turkey denied on Monday that it had closed the border.", "REJECT")
    assert actors == ["TUR"] and recipients == []  # a denial is not done to the actor's own country


def test_the_place_of_talks_is_not_their_recipient():
    _, _, actors, recipients, _ = first(
        "Officials from Peru and Chile held talks in Lima on Monday.", "CONSULT"
    )
    assert sorted(a.split(".")[0] for a in actors) == ["CHL", "PER"] and recipients == []


def test_ethnic_groups_are_coded_by_the_country_they_live_in():
    _, _, actors, _, _ = first("Ethnic Hungarians in Slovakia demanded their own schools.", "REQUEST")
    assert actors == ["SVK"]
    _, _, actors, _, _ = first("The Tamils of Sri Lanka demanded their own schools on Monday.", "REQUEST")
    assert actors == ["LKA"]
    _, _, actors, _, _ = first("Hundreds of ethnic Russians demonstrated in Estonia on Saturday.", "PROTEST")
    assert actors == ["EST"]


def test_a_patron_named_in_a_modifier_is_not_the_actor():
    found, _ = events("Pro-Russian separatists attacked a police station on Friday.")
    assert all("RUS" not in f[2] for f in found)
    found, _ = events("Rwandan-backed militias attacked a police station on Friday.")
    assert all("RWA" not in f[2] for f in found)


@pytest.mark.parametrize(
    "etype, text, actor",
    [
        # the apposition of a subject that names no actor itself
        ("REQUEST", "The agency, a United Nations body, urged Sudan to open the border.", "UN"),
        # an unattributed attack, coded to where it happened
        ("ASSAULT", "A car bomb in Mosul killed three Turkish engineers.", "IRQ"),
        # a passive with no agent: what is moved is the party that moves it
        ("RETREAT", "Two thousand Ugandan troops were withdrawn from the border area.", "UGA"),
        # a statal passive of commitment
        ("AGREE", "Ghana is committed to cutting its deficit, the finance minister said.", "GHA"),
    ],
)
def test_actors_beyond_the_plain_subject(etype, text, actor):
    _, _, actors, _, _ = first(text, etype)
    assert actor in actors


@pytest.mark.parametrize(
    "text",
    [
        "Reported thefts in the province declined to 412 last year, police said.",
        "In Tokyo, the Nikkei index closed 1.4 per cent higher on Friday.",
        "Shares in Moscow rallied 5% on Monday.",
    ],
)
def test_a_figure_that_moves_is_no_event(text):
    found, _ = events(text)
    assert found == []


def test_a_verb_with_an_object_is_an_event_whatever_the_figures():
    _, status, actors, recipients, _ = first("China banned imports of Australian wine by 2021.", "COERCE")
    assert (status, actors, recipients) == ("asserted", ["CHN"], ["AUS"])


@pytest.mark.parametrize(
    "text, etype",
    [
        ("The Pentagon released a video of the strike on Tuesday.", "CONCEDE"),
        (
            "Canada's statistics agency released the jobs figures on Friday.",
            "CONCEDE",
        ),
        ("Moscow and Beijing closed the gap in their talks on Friday.", "COERCE"),
    ],
)
def test_an_object_can_make_a_verb_another_act(text, etype):
    found, _ = events(text)
    assert etype not in [f[0] for f in found]


def test_the_lexicon_reads_objects_that_rule_an_entry_out():
    from eventwire.lookups.lexicon import load

    entry = load().entries["concede.release"]
    assert {"video", "indicator"} <= entry.not_objects and "prisoner" not in entry.not_objects


def test_sitting_in_a_place_is_no_sit_in():
    found, _ = events("The new port sits in a stretch of desert overlooking the Red Sea, Egypt said.")
    assert "PROTEST" not in [f[0] for f in found]


@pytest.mark.parametrize(
    "text, etype",
    [
        ("The two sides struck a deal on grain exports on Friday.", "ASSAULT"),
        ("The senator is targeting young voters as she campaigns in Ohio.", "ASSAULT"),
        ("The governor captured two states in the primaries on Tuesday night.", "COERCE"),
        ("Conceding that a trade deal would come later, the president warned London.", "CONCEDE"),
        ("The campaign struggled to demonstrate how the rival was influenced by donors.", "PROTEST"),
        ("The governor's campaign released a radio ad on Thursday.", "CONCEDE"),
    ],
)
def test_a_complement_can_make_a_verb_another_act(text, etype):
    found, _ = events(text)
    assert etype not in [f[0] for f in found]


@pytest.mark.parametrize(
    "text, etype",
    [
        ("Russian jets struck targets in Idlib on Monday.", "ASSAULT"),
        ("Police in France captured the gunman on Monday.", "COERCE"),
        ("The Colombian rebels conceded defeat on Sunday.", "CONCEDE"),
        ("Thousands of protesters marched on parliament in Tbilisi.", "PROTEST"),
    ],
)
def test_the_same_verbs_still_code_their_events(text, etype):
    first(text, etype)


def test_a_press_conference_is_no_meeting_but_a_summit_is():
    found, _ = events("The Chilean president held a press conference in Santiago on Monday.")
    assert "CONSULT" not in [f[0] for f in found]
    found, _ = events("The Chilean president held a summit with Peru in Santiago on Monday.")
    assert "CONSULT" in [f[0] for f in found]


@pytest.mark.parametrize(
    "text",
    [
        "A statement was released by the Chilean navy on Monday.",  # a passive's subject is the object
        "The report, released by the Peruvian ministry, criticised the police.",  # a participle's noun
    ],
)
def test_releasing_a_document_is_no_concession_in_the_passive_either(text):
    found, _ = events(text)
    assert "CONCEDE" not in [f[0] for f in found]


def test_asking_is_a_request_only_with_what_is_asked():
    found, _ = events('The Bolivian minister asked, "Why did Chile close the border?"')
    assert "REQUEST" not in [f[0] for f in found]
    found, _ = events("Bolivia asked Chile to reopen the border.")
    assert "REQUEST" in [f[0] for f in found]


def test_insisting_that_something_is_so_is_no_demand():
    found, _ = events("Chile insisted that the ship was in Chilean waters.")
    assert "REQUEST" not in [f[0] for f in found]
    found, _ = events("Peru insisted on an apology from Chile.")
    assert "REQUEST" in [f[0] for f in found]


def test_a_gerund_after_a_preposition_takes_the_subject_of_its_clause():
    # active: the clause's subject does it; passive: it is done to the clause's subject
    _, _, actors, _, _ = first(
        "Chilean police closed the border after arresting dozens of smugglers.", "COERCE"
    )
    assert actors == ["CHL"]
    _, _, _, recipients, _ = first(
        "The Peruvian minister resigned two days after being arrested by police.", "COERCE"
    )
    assert recipients == ["PER"]


def test_an_event_noun_modifying_another_noun_takes_that_phrase_s_agent():
    _, _, actors, _, _ = first("Kenyan police began handing out eviction orders to squatters.", "COERCE")
    assert actors == ["KEN"]


def test_a_relative_pronoun_stands_for_the_noun_its_clause_describes():
    # "who" as subject, as passive subject and as object: the party is the noun the clause hangs on
    _, _, actors, recipients, _ = first(
        "The Kenyan envoy, who has urged Somalia to reopen the border, left Nairobi on Monday.", "REQUEST"
    )
    assert (actors, recipients) == (["KEN"], ["SOM"])
    _, _, _, recipients, _ = first("Two Danish engineers, who were kidnapped in May, were freed.", "ASSAULT")
    assert recipients == ["DNK"]
    _, _, _, recipients, _ = first("The Iranian diplomats whom Canada expelled last year returned.", "COERCE")
    assert recipients == ["IRN"]


def test_a_relative_clause_on_an_unnamed_subject_does_not_say_where_the_subject_is():
    # the gunmen are not Danish: the Danish workers are what they seized
    text = "Gunmen who kidnapped two Danish aid workers released a video."
    _, _, actors, recipients, _ = first(text, "ASSAULT")
    assert (actors, recipients) == ([], ["DNK"])


def test_a_threat_derived_from_a_planned_sanction_has_the_sanctions_target():
    found, _ = events("Chile said it would impose new sanctions on Peru.")
    kinds = {(f[0], f[1]): (f[2], f[3]) for f in found}
    assert kinds[("SANCTION", "planned")] == (["CHL"], ["PER"])
    assert kinds[("THREATEN", "asserted")] == (["CHL"], ["PER"])


def test_a_planned_resignation_is_no_agreement():
    found, _ = events("Chilean Interior Minister Ana Rojas said on Monday that she will resign next week.")
    kinds = {(f[0], f[1]) for f in found}
    assert ("RETREAT", "planned") in kinds
    assert not {k for k in kinds if k[0] == "AGREE"}


def set_aside(text: str, rule: str) -> str:
    """Why the match of this lexicon entry was set aside (it must not be an event)."""
    record = code_text(text, published="2023-03-15")
    assert rule not in [e.rule for e in record.events]
    dropped = [e.dropped for e in record.event_candidates if e.rule == rule]
    assert dropped
    return dropped[0]


@pytest.mark.parametrize(
    "text",
    [
        "The Chilean fire service received a call from a farmer at noon.",
        "The Chilean ministry received sharp criticism over the delay.",
        "Chile's offer of talks was welcomed in the capital.",
    ],
)
def test_a_verb_of_hosting_with_a_thing_for_its_object_is_no_meeting(text):
    assert set_aside(text, "consult.host").startswith("a verb of hosting")


def test_a_verb_of_hosting_with_a_party_for_its_object_is_a_meeting():
    record = code_text(
        "The Chilean president received the Bolivian foreign minister on Monday.", published="2023-03-15"
    )
    assert [e.type for e in record.events if e.rule == "consult.host"] == ["CONSULT"]


@pytest.mark.parametrize(
    "text",
    [
        "The Chilean striker signed a three-year contract with a Bolivian club.",
        "The Chilean review board concluded that the Bolivian claims were unfounded.",
    ],
)
def test_signing_or_concluding_something_other_than_an_agreement_is_no_support(text):
    record = code_text(text, published="2023-03-15")
    assert "support.sign" not in [e.rule for e in (*record.events, *record.event_candidates)]


def test_signing_an_agreement_is_support():
    record = code_text(
        "Chile and Bolivia signed a border treaty in La Paz on Monday.", published="2023-03-15"
    )
    assert "support.sign" in [e.rule for e in record.events]


@pytest.mark.parametrize(
    "text, word",
    [
        ("Chilean aid workers reached the Bolivian border on Monday.", "aid"),
        ("A Chilean court sent the Bolivian smugglers to a detention centre near Arica.", "detention"),
    ],
)
def test_an_event_noun_modifying_a_thing_is_no_event(text, word):
    record = code_text(text, published="2023-03-15")
    assert word not in [e.trigger.text for e in (*record.events, *record.event_candidates)]


def test_an_event_noun_modifying_an_event_frame_stays():
    record = code_text(
        "Bolivia foiled a Chilean assassination attempt on its president.", published="2023-03-15"
    )
    assert "assassination" in [e.trigger.text for e in record.events]


def test_a_thing_said_to_violate_a_law_is_no_rejection():
    text = "Bolivian lawyers say the new decree violates the border treaty with Chile."
    assert set_aside(text, "reject.violate").startswith("the subject of the act names no party")


def test_a_party_violating_a_treaty_rejects_it():
    record = code_text(
        "Chilean troops violated the border treaty with Bolivia on Monday.", published="2023-03-15"
    )
    assert "reject.violate" in [e.rule for e in record.events]
