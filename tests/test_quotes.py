"""Quotes: quote-mark pairing (model-free) and attribution with the installed spaCy pipeline (marked)."""

from __future__ import annotations

import pytest

from eventwire.quotes import find_quote_spans


def quoted(text: str) -> list[str]:
    return [text[s:e] for s, e in find_quote_spans(text)]


def test_curly_and_straight_marks():
    text = 'She said “we will go” and he said "we will stay" today.'
    assert quoted(text) == ["we will go", "we will stay"]


def test_a_quote_over_several_paragraphs_is_one_quote():
    text = "He said:\n\n“First part of it.\n\n“Second part of it.”\n\nThen he left."
    (only,) = quoted(text)
    assert only.startswith("First part") and only.endswith("Second part of it.")


def test_unbalanced_marks_never_swallow_the_article():
    # the quote whose closing mark is missing ends with its own paragraph, never runs on
    text = "“An opening mark that never closes.\n\nA normal paragraph follows.\n\nAnd another one.”"
    assert quoted(text) == ["An opening mark that never closes."]
    assert quoted("He said ” and then “ nothing") == []


def test_a_quote_without_its_closing_mark_ends_with_its_paragraph():
    text = (
        '"We asked for help twice," said Senator Ruth Aldane. "If the council moved them, it would be a '
        "relief.\n\nFarmers in the valley were warned on Friday.\n\nThe council said it would reply."
    )
    assert quoted(text) == ["We asked for help twice,", "If the council moved them, it would be a relief."]


def test_a_paragraph_without_its_opening_mark_after_an_open_quote():
    # 'He said, "...¶...": the re-opening mark of the second paragraph is missing; each paragraph is a quote
    text = (
        'Dana Holm spoke on the radio. She said,"Where is the money going?'
        '\n\nWho checks it?"\n\nThen she left.'
    )
    assert quoted(text) == ["Where is the money going?", "Who checks it?"]


def test_apostrophes_and_single_quotes_are_not_quotes():
    assert quoted("The minister’s ‘red line’ was crossed, officials' notes say.") == []


# --- attribution, with the model --------------------------------------------------------------------------


def code(text: str):
    from eventwire.api import code_text

    record = code_text(text, published="2023-05-10")
    actors = {a.id: a for a in record.actors}
    return record, actors


def speaker_name(quote, actors) -> str | None:
    actor = actors.get(quote.speaker)
    return actor.name if actor else quote.speaker_text


@pytest.mark.model
def test_pronoun_speaker_named_in_the_previous_sentence():
    text = (
        "Finnish Prime Minister Sanna Marin spoke to reporters in Helsinki on Tuesday about the border.\n\n"
        "“We will not accept any pressure,” she told reporters after the meeting."
    )
    record, actors = code(text)
    (q,) = [q for q in record.quotes if q.direct]
    assert q.text == "We will not accept any pressure,"
    assert speaker_name(q, actors) == "Sanna Marin"
    assert q.cue == "told" and q.speaker_text == "she"


@pytest.mark.model
def test_inverted_attribution_and_colon_introduction():
    text = (
        "“The deal is done,” said Karl Berger, a spokesman for the trade ministry.\n\n"
        "Maria Lopez, the union leader, said: “We are not finished yet.”"
    )
    record, actors = code(text)
    direct = [q for q in record.quotes if q.direct]
    assert [speaker_name(q, actors) for q in direct] == ["Karl Berger", "Maria Lopez"]


@pytest.mark.model
def test_partial_quote_inside_a_sentence():
    text = (
        "Chancellor Olaf Scholz told parliament on Wednesday that Germany would send "
        "“everything that is needed” to its partners."
    )
    record, actors = code(text)
    (q,) = [q for q in record.quotes if q.direct]
    assert q.text == "everything that is needed"
    assert speaker_name(q, actors) == "Olaf Scholz"


@pytest.mark.model
def test_an_interrupted_quotation_is_one_quote_with_fragments():
    text = "“We came to talk,” Ana Silva said at the port. “We will leave when the talks are over.”"
    record, _ = code(text)
    (q,) = [q for q in record.quotes if q.direct]
    assert len(q.fragments) == 2
    assert q.text == "We came to talk, We will leave when the talks are over."
    assert q.span == [q.fragments[0][0], q.fragments[1][1]]


@pytest.mark.model
def test_a_following_quoted_paragraph_keeps_its_speaker():
    text = (
        "“The harvest was poor this year,” farmer Jonas Petrauskas said.\n\n"
        "“Prices will go up before winter, and nobody can stop that.”"
    )
    record, actors = code(text)
    direct = [q for q in record.quotes if q.direct]
    assert len(direct) == 2
    assert {speaker_name(q, actors) for q in direct} == {"Jonas Petrauskas"}


@pytest.mark.model
def test_indirect_speech_is_a_quote_that_is_not_direct():
    text = "Chile's foreign minister, Alberto van Klaveren, said the talks had produced a trade framework."
    record, _ = code(text)
    (q,) = record.quotes
    assert q.direct is False
    assert q.text.startswith("the talks had produced a trade framework")
    assert q.cue == "said"


@pytest.mark.model
def test_a_title_in_quote_marks_without_a_speaker_is_not_a_quote():
    text = "The film “Blue Harbour” opened on Friday in forty cinemas across the country."
    record, _ = code(text)
    assert record.quotes == []


@pytest.mark.model
def test_attribution_in_the_sentence_after_a_question():
    record, actors = code(
        "The council met in Leeds on Monday to discuss the new library.\n\n"
        "“Are we really going to wait another year?” Anna Kowal asked the council."
    )
    (q,) = [q for q in record.quotes if q.text.startswith("Are we really")]
    assert actors[q.speaker].name == "Anna Kowal"


@pytest.mark.model
def test_according_to_a_document_filed_by_a_person():
    record, actors = code(
        "“No witness saw the van that night,” according to a motion submitted by defence lawyer Anna Kowal."
    )
    (q,) = [q for q in record.quotes if q.text.startswith("No witness")]
    assert actors[q.speaker].name == "Anna Kowal"


@pytest.mark.model
def test_a_sentence_opening_with_for_and_a_name_gives_that_persons_words():
    record, actors = code(
        "The trial opened in Leeds on Monday. For Anna Kowal now “the hearings must be held in public. "
        "Anything else would weaken trust”."
    )
    (q,) = [q for q in record.quotes if q.text.startswith("the hearings must")]
    assert actors[q.speaker].name == "Anna Kowal"


@pytest.mark.model
@pytest.mark.parametrize(
    "sentence",
    [
        "Brightwater Mills released a statement which read, “We regret the delay and will pay every worker.”",
        "Brightwater Mills' statement read: “We regret the delay and will pay every worker.”",
        "A letter from Brightwater Mills said “We regret the delay and will pay every worker.”",
    ],
)
def test_a_document_speaks_for_its_author(sentence: str):
    # the statement, letter or memo that "read" or "said" is its author's: the firm that issued it
    record, actors = code("Workers at the Halden plant went unpaid for two months. " + sentence)
    (q,) = [q for q in record.quotes if q.text.startswith("We regret")]
    assert "Brightwater" in (speaker_name(q, actors) or "")


@pytest.mark.model
def test_inverted_attribution_with_a_title_word_before_the_name():
    # “...,” said commuter Jane Roe: the parser may take the title word for a verb and lose the subject
    record, actors = code(
        "Buses stopped across the city on Tuesday. “I have walked for an hour and I will be late for work,” "
        "said commuter Tomas Varga."
    )
    (q,) = [q for q in record.quotes if q.text.startswith("I have walked")]
    assert speaker_name(q, actors) == "Tomas Varga"


@pytest.mark.model
def test_reported_is_a_cue_but_the_noun_report_is_not():
    from eventwire import nlp
    from eventwire.lookups.cues import cues
    from eventwire.quote_attribution import is_cue

    record, actors = code(
        "Trains stopped across the region on Tuesday. Passenger Jana Kessler reported, “I take the train to "
        "work each morning, and today I walked for an hour.”"
    )
    (q,) = [q for q in record.quotes if q.text.startswith("I take the train")]
    assert speaker_name(q, actors) == "Jana Kessler"
    c = cues()
    doc = nlp.load()("The council's report was read out at the meeting.")
    report = next(t for t in doc if t.lower_ == "report")
    assert report.pos_ == "NOUN" and not is_cue(report, c.direct, c.phrases)


@pytest.mark.model
def test_a_quotation_woven_into_a_clause_of_a_named_subject_is_that_subjects():
    record, actors = code("Harbor Ferries guarantees that “every crossing will leave on time this summer.”")
    (q,) = record.quotes
    assert q.text == "every crossing will leave on time this summer."
    assert speaker_name(q, actors) == "Harbor Ferries"


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The council approved the “green corridor” plan on Monday.",  # a scare quote: too short
        "Prices rose “far faster than anyone expected” last year.",  # no name says it
    ],
)
def test_a_woven_quotation_needs_words_enough_and_a_named_subject(text):
    record, _ = code(text)
    assert record.quotes == []


@pytest.mark.model
def test_a_quotation_after_a_short_lead_in_continues_the_speaker_before():
    text = (
        "Trade Minister Ana Roe spoke in the port city on Monday: “Our exports will grow this year.”\n\n"
        "On the new tariffs, “We will answer them at the summit in June.”"
    )
    record, actors = code(text)
    q = next(q for q in record.quotes if q.text.startswith("We will answer"))
    assert speaker_name(q, actors) == "Ana Roe"
    assert q.speaker_how.startswith("paragraph run")


def test_a_sentence_that_calls_something_a_name_does_not_attribute_the_quote_before_it():
    from eventwire.api import code_text

    record = code_text(
        'The mayor said the bridge would reopen. Rather it is "a matter of weeks," she said. "We will rebuild'
        ' the bridge before winter." A state report, however, called the plan too costly.',
        published="2024-03-12",
    )
    assert all(q.speaker_text != "A state report" for q in record.quotes)
    assert any("We will rebuild" in q.text for q in record.quotes)
