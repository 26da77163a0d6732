"""The `times` stage: publication-date cascade, time expressions and `clause_time`.

Relative dates are always pinned to a publication date. Tests of `times_rules` and of the cascade's pure
functions are model-free; those marked `model` parse with the installed spaCy pipeline (tense comes from the
parse)."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import nlp
from eventwire.lookups.clauses import clause_time
from eventwire.pipeline import Context
from eventwire.records import Article, Record, TimeRef
from eventwire.times import (
    date_from_lines,
    dateline_date,
    find_times,
    infer_published,
    newest_explicit_date,
)
from eventwire.times_rules import find_expressions, month_of, resolve, shifted, weekday_date

WED = date(2022, 1, 26)  # a Wednesday
MON, TUE, WEDNESDAY, THU, FRI, SAT, SUN = range(7)


def values(text: str, published: date | None = WED, tense: str | None = None) -> list[tuple[str, str | None]]:
    """(text, value) of every expression of `text`, all resolved with the same tense."""
    out = []
    for f in find_expressions(text):
        v = resolve(f, published, tense)
        out.append((f.text, v.value if v else None))
    return out


def context(text: str, model: str | None = "blank:en", **article: object) -> Context:
    art = Article(id="t", hash="t", source="test", text=text, **article)
    doc = nlp.load(model)(text)
    return Context(article=art, doc=doc, record=Record(article=art))


# ---- explicit dates (model-free) ----


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The photo was taken Jan. 22, 2022.", "2022-01-22"),
        ("It began on January 22, 2022, in Kyiv.", "2022-01-22"),
        ("Signed 22 January 2022 in Minsk.", "2022-01-22"),
        ("Filed 2022-01-22 by the clerk.", "2022-01-22"),
        ("Held on Saturday, Jan. 22, 2022.", "2022-01-22"),
        ("She was born on June 4th 1991 in Maseru.", "1991-06-04"),
        ("The deadline was 1/22/2022.", "2022-01-22"),
    ],
)
def test_explicit_full_dates(text: str, value: str) -> None:
    found = values(text, published=None)
    assert len(found) == 1
    assert found[0][1] == value
    f = find_expressions(text)[0]
    assert resolve(f, None).anchor == "explicit"
    assert resolve(f, None).precision == "day"


def test_months_with_years_and_bare_years() -> None:
    assert values("The treaty of March 2021 held.", published=None) == [("March 2021", "2021-03")]
    assert values("Crimea was annexed in 2014.", published=None) == [("2014", "2014")]
    assert values("after the 2014 annexation of Crimea", published=None) == [("2014", "2014")]
    assert values("since mid-2019 at least", published=None) == [("mid-2019", "2019")]


def test_numbers_that_are_not_years() -> None:
    assert values("They sent 2000 troops and $2014 to 1,950 towns.", published=None) == []


def test_ambiguous_numeric_date_has_no_value() -> None:
    assert values("It was dated 3/4/2022.", published=None) == [("3/4/2022", None)]


def test_invalid_date_has_no_value() -> None:
    assert values("on Feb. 30, 2022", published=None) == [("Feb. 30, 2022", None)]


def test_modal_may_verb_march_and_names_are_not_months() -> None:
    assert values("Officials may meet again. Protesters march to the square.") == []
    assert values("March organisers said May was wrong.") == []
    assert values("Talks may resume in May.") == [("May", "2022-05")]


def test_vague_phrases_get_no_value() -> None:
    assert values("over the past few weeks and in recent years") == []
    assert values("in the past week") == []
    assert values("The next week, they met again.") == []


# ---- relative expressions (model-free: pinned date and tense) ----


def test_day_words() -> None:
    text = "today, tonight, yesterday and tomorrow"
    assert [v for _, v in values(text)] == ["2022-01-26", "2022-01-26", "2022-01-25", "2022-01-27"]


def test_weeks_months_years() -> None:
    assert values("talks last week") == [("last week", "2022-W03")]
    assert values("talks next week") == [("next week", "2022-W05")]
    assert values("talks this week") == [("this week", "2022-W04")]
    assert values("drills next month") == [("next month", "2022-02")]
    assert values("drills last month") == [("last month", "2021-12")]
    assert values("earlier this month") == [("earlier this month", "2022-01")]
    assert values("last year and next year") == [("last year", "2021"), ("next year", "2023")]
    assert values("three years ago") == [("three years ago", "2019")]
    found = find_expressions("last week")[0]
    assert resolve(found, WED).precision == "week"
    assert resolve(found, WED).anchor == "published"


def test_iso_week_across_new_year() -> None:
    assert shifted(date(2021, 1, 4), "week", -1).value == "2020-W53"
    assert shifted(date(2022, 1, 3), "month", -1).value == "2021-12"


def test_relative_without_publication_date_has_no_value() -> None:
    assert values("He left last week and returns Friday.", published=None, tense="past") == [
        ("last week", None),
        ("Friday", None),
    ]


@pytest.mark.parametrize(
    ("weekday", "tense", "rel", "expected"),
    [
        (TUE, "past", None, date(2022, 1, 25)),  # "said Tuesday"
        (WEDNESDAY, "past", None, WED),  # "said Wednesday" in a Wednesday story: the same day
        (THU, "past", None, date(2022, 1, 20)),
        (WEDNESDAY, "present", None, WED),  # "are holding talks Wednesday"
        (FRI, "present", None, date(2022, 1, 28)),
        (FRI, "future", None, date(2022, 1, 28)),  # "will meet Friday"
        (MON, "future", None, date(2022, 1, 31)),
        (WEDNESDAY, None, "last", date(2022, 1, 19)),
        (WEDNESDAY, None, "next", date(2022, 2, 2)),
        (FRI, None, None, None),  # no tense: unknown
    ],
)
def test_weekday_by_tense(weekday: int, tense: str | None, rel: str | None, expected: date | None) -> None:
    assert weekday_date(WED, weekday, tense, rel) == expected


def test_month_by_tense() -> None:
    assert month_of(WED, 3, "past") == (2021, 3)
    assert month_of(WED, 3, "future") == (2022, 3)
    assert month_of(WED, 3, None, "last") == (2021, 3)
    assert month_of(WED, 3, None, "next") == (2022, 3)
    assert month_of(date(2022, 5, 10), 3, None, "last") == (2022, 3)
    assert month_of(WED, 3, None) == (2022, 3)  # nearest
    assert month_of(WED, 7, None) is None  # six months either way


def test_date_without_year() -> None:
    assert values("on Jan. 22", tense="past") == [("Jan. 22", "2022-01-22")]
    assert values("on Dec. 30", tense="past") == [("Dec. 30", "2021-12-30")]
    assert values("on Feb. 3", tense="future") == [("Feb. 3", "2022-02-03")]
    assert values("on Feb. 3") == [("Feb. 3", "2022-02-03")]  # nearest


def test_named_days_that_are_not_this_week() -> None:
    assert values("results of Super Tuesday and Good Friday", tense="past") == []


# ---- publication date cascade, pure steps (model-free) ----


def test_date_lines() -> None:
    assert date_from_lines(["Published May 25, 2026", "Last updated 6 hours ago"]) == date(2026, 5, 25)
    assert date_from_lines(["Updated 3:15 PM EST Jan. 26, 2022"]) == date(2022, 1, 26)
    assert date_from_lines(["11:48, Thu, Jul 18, 2024 | UPDATED: 11:50, Thu, Jul 19, 2024"]) == date(
        2024, 7, 18
    )
    assert date_from_lines(["Published Fri, Apr 28 20232:23 PM EDT"]) == date(2023, 4, 28)
    assert date_from_lines(["Last updated 6 hours ago", "Today 5:00 am"]) is None


def test_dateline_in_text() -> None:
    assert dateline_date("KYIV, Jan. 26, 2022 (Reuters) - Talks began.", None, set()) == WED
    assert dateline_date("WINSTON-SALEM, N.C., Jan. 26, 2022 — Talks began.", None, set()) == WED
    lower = date(2022, 1, 22)
    assert dateline_date("KYIV, Jan 26 (Reuters) - Talks began.", lower, set()) == WED
    assert dateline_date("KYIV, Jan 26 (Reuters) - Talks began.", None, set()) is None
    assert dateline_date("KYIV, Jan 26 (Reuters) - Talks began.", lower, {FRI}) is None  # weekday disagrees
    assert dateline_date("KYIV, Jan 26 (Reuters) - Talks began.", date(2020, 5, 1), set()) is None
    assert dateline_date("Talks began in Paris, officials said - on Jan. 26, 2022.", None, set()) is None


def test_inference_needs_one_weekday() -> None:
    sat = date(2022, 1, 22)
    assert infer_published(sat, {WEDNESDAY}) == WED
    assert infer_published(WED, {WEDNESDAY}) == WED
    assert infer_published(sat, set()) is None  # the lower bound alone is not a publication date
    assert infer_published(sat, {WEDNESDAY, THU}) is None  # weekdays disagree
    assert infer_published(None, {WEDNESDAY}) is None


def test_captions_are_evidence_for_the_lower_bound() -> None:
    found = find_expressions("Talks resumed. Crimea was annexed in 2014.")
    captions = ["A soldier on patrol, Jan. 22, 2022.", "An old photo, March 3, 2019."]
    assert newest_explicit_date(found, {}, captions) == date(2022, 1, 22)
    assert newest_explicit_date(found, {}, []) is None


# ---- the stage without a parse (model-free) ----


def test_given_publication_date_is_kept() -> None:
    ctx = context("Talks resumed. The caption date was Jan. 22, 2022.", published="2023-03-01")
    ctx.article.published_step = "given"
    find_times(ctx)
    assert (ctx.article.published, ctx.article.published_step) == ("2023-03-01", "given")
    assert not ctx.article.published_inferred


def test_dateline_step_from_date_lines() -> None:
    ctx = context("Talks resumed yesterday in Paris.", date_lines=["Published Jan. 26, 2022"])
    find_times(ctx)
    assert (ctx.article.published, ctx.article.published_step) == ("2022-01-26", "dateline")
    assert not ctx.article.published_inferred
    ref = ctx.record.times[0]
    assert ref == TimeRef("yesterday", [14, 23], "2022-01-25", "day", "published")
    assert ctx.article.text[14:23] == "yesterday"


def test_dateline_step_from_text() -> None:
    ctx = context("PARIS, Jan. 26, 2022 (AFP) - Talks resumed on Monday.")
    find_times(ctx)
    assert (ctx.article.published, ctx.article.published_step) == ("2022-01-26", "dateline")


def test_no_publication_date_without_weekday() -> None:
    ctx = context("Talks resumed after the meeting of Jan. 22, 2022, officials said last week.")
    find_times(ctx)
    assert ctx.article.published is None and ctx.article.published_step is None
    by_text = {t.text: t.value for t in ctx.record.times}
    assert by_text == {"Jan. 22, 2022": "2022-01-22", "last week": None}


def test_clause_time_without_parse_falls_back_to_publication_date() -> None:
    ctx = context("Talks resumed.", published="2022-01-26")
    find_times(ctx)
    assert clause_time(ctx, 0) == TimeRef(None, None, "2022-01-26", "day", "published")
    ctx = context("Talks resumed.")
    find_times(ctx)
    assert clause_time(ctx, 0) is None


# ---- with the spaCy model: tense, inference, clause_time ----

STORY = (
    "Diplomats from Chile and Peru are holding talks Wednesday in Lima. "
    "The foreign minister said Tuesday that the meeting would be difficult. "
    "Chile's president told reporters Wednesday that he expected progress. "
    "The talks follow a round of negotiations last week. "
    "Both navies will hold joint exercises next month. "
    "Peru said it was sending a delegation to Quito."
)
CAPTION = "A Chilean frigate in the port of Valparaiso, Chile, Jan. 22, 2022."


@pytest.mark.model
def test_inference_from_caption_and_present_weekday() -> None:
    ctx = context(STORY, model=None, captions=[CAPTION])
    find_times(ctx)
    art = ctx.article
    assert (art.published, art.published_step, art.published_inferred) == ("2022-01-26", "inferred", True)
    got = [(t.text, t.value, t.precision) for t in ctx.record.times]
    assert got == [
        ("Wednesday", "2022-01-26", "day"),
        ("Tuesday", "2022-01-25", "day"),
        ("Wednesday", "2022-01-26", "day"),
        ("last week", "2022-W03", "week"),
        ("next month", "2022-02", "month"),
    ]
    for t in ctx.record.times:
        assert art.text[t.span[0] : t.span[1]] == t.text


@pytest.mark.model
def test_no_inference_without_caption_date() -> None:
    ctx = context(STORY, model=None)
    find_times(ctx)
    assert ctx.article.published is None
    assert all(t.value is None for t in ctx.record.times if t.text in ("Wednesday", "Tuesday", "last week"))


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The minister said Friday that talks had failed.", "2022-01-21"),
        ("The minister spoke Wednesday in Lima.", "2022-01-26"),
        ("The minister will travel Friday to Lima.", "2022-01-28"),
        ("The minister is to travel Friday to Lima.", "2022-01-28"),
        ("The ministers are meeting Friday in Lima.", "2022-01-28"),
        ("The ministers have met Monday in Lima.", "2022-01-24"),
        ("The ministers met last Wednesday in Lima.", "2022-01-19"),
        ("The minister returned to Lima in March.", "2021-03"),
        ("The minister will return to Lima in March.", "2022-03"),
    ],
)
def test_tense_decides(sentence: str, value: str) -> None:
    ctx = context(sentence, model=None, published="2022-01-26")
    find_times(ctx)
    assert [t.value for t in ctx.record.times] == [value]


@pytest.mark.model
def test_clause_time_own_reporting_and_published() -> None:
    text = (
        "Peru said Tuesday it was sending a delegation to Quito. "
        "Chile will hold talks Friday, officials said. "
        "The navy is repairing its ships."
    )
    ctx = context(text, model=None, published="2022-01-26")
    find_times(ctx)
    doc = ctx.doc
    index = {t.text: t.i for t in doc}
    sending = clause_time(ctx, index["sending"])  # no time of its own: the reporting clause's
    assert (sending.text, sending.value) == ("Tuesday", "2022-01-25")
    talks = clause_time(ctx, index["talks"])  # its own clause
    assert (talks.text, talks.value) == ("Friday", "2022-01-28")
    repairing = clause_time(ctx, index["repairing"])
    assert repairing == TimeRef(None, None, "2022-01-26", "day", "published")


@pytest.mark.model
def test_clause_time_does_not_cross_into_other_clauses() -> None:
    text = "Chile, which voted Monday, will send a delegation to Quito."
    ctx = context(text, model=None, published="2022-01-26")
    find_times(ctx)
    index = {t.text: t.i for t in ctx.doc}
    assert clause_time(ctx, index["voted"]).value == "2022-01-24"
    assert clause_time(ctx, index["send"]).text is None  # Monday belongs to the relative clause


@pytest.mark.model
def test_model_year_entities_and_names() -> None:
    ctx = context("Theresa May met officials. The 2014 annexation of Crimea angered Kyiv.", model=None)
    find_times(ctx)
    assert [(t.text, t.value) for t in ctx.record.times] == [("2014", "2014")]


# ---- back-references, weekday with a day number, open-ended dates (model-free where they can be) ----


def _values(ctx: Context) -> dict[str, str | None]:
    find_times(ctx)
    return {t.text: t.value for t in ctx.record.times}


def test_back_references_count_from_the_last_date_of_the_text() -> None:
    ctx = context(
        "The envoy landed in Lima on March 3, 2021, and met the president the following day. Elections "
        "were held in 2019 and again the following year.",
        published="2021-03-10",
    )
    got = _values(ctx)
    assert got["the following day"] == "2021-03-04"
    assert got["the following year"] == "2020"


def test_a_back_reference_without_an_earlier_date_has_no_value() -> None:
    ctx = context("The mayor resigned the day before, his office said.", published="2021-03-10")
    assert _values(ctx) == {"the day before": None}


def test_a_weekday_with_a_day_number_is_that_day_of_the_month() -> None:
    ctx = context("Calls made between Friday the 5th and Sunday the 7th are free.", published="2021-03-10")
    got = _values(ctx)
    assert (got["Friday the 5th"], got["Sunday the 7th"]) == ("2021-03-05", "2021-03-07")


@pytest.mark.model
def test_a_deadline_without_a_year_is_the_nearest_whatever_the_tense() -> None:
    text = "The deadline was extended to January 15, the agency said."
    ctx = context(text, model=None, published="2021-12-20")
    assert _values(ctx)["January 15"] == "2022-01-15"
    ctx = context("The talks were held on January 15, the agency said.", model=None, published="2021-12-20")
    assert _values(ctx)["January 15"] == "2021-01-15"


# ---- financial periods, spelled-out years, possessive weekdays ----


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Orders rose 4% from a year earlier.", "2021"),
        ("Margins beat the year-ago level.", "2021"),
        ("Costs for the fiscal year were higher.", "2022"),
        ("Costs for last fiscal year were higher.", "2021"),
        ("Fiscal 2020 was weaker.", "2020"),
        ("The bank sees rates lower by year-end.", "2022"),
        ("He left the town in nineteen ninety-six.", "1996"),
        ("The mill closed in nineteen oh five.", "1905"),
        ("They married in two thousand and four.", "2004"),
        ("Since twenty twenty the road has been shut.", "2020"),
        # a month with the year it is in: one expression, one value
        ("The works began in March last year.", "2021-03"),
        ("The works begin in March next year.", "2023-03"),
        ("The works began in January this year.", "2022-01"),
    ],
)
def test_financial_periods_and_spelled_out_years(text: str, value: str) -> None:
    found = [v for _, v in values(text)]
    assert found == [value]


def test_spelled_numbers_that_are_no_year_are_left_alone() -> None:
    assert values("In nineteen ninety-five people were counted.") == []
    assert values("She counted twenty twenty times.") == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        # a possessive weekday names a day already reported, whatever the tense of its clause
        ("The council says Monday's vote settles the matter.", "2022-01-24"),
        ("Traders said Tuesday's sell-off was overdone.", "2022-01-25"),
        # but not in a future clause
        ("Friday's meeting will decide the budget.", "2022-01-28"),
        # "a year ago" is the same month a year before when the sentence is about a month
        ("Exports fell 3% in December against a year ago.", "2020-12"),
    ],
)
def test_possessive_weekdays_and_a_year_ago_of_a_month(sentence: str, value: str) -> None:
    ctx = context(sentence, model=None, published="2022-01-26")
    find_times(ctx)
    assert ctx.record.times[-1].value == value


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "value"),
    [
        # "N units earlier" counts back from the last date the text gave
        ("The bridge reopened on March 3, 2021. Two days earlier, engineers had inspected it.", "2021-03-01"),
        ("The bridge reopened on March 3, 2021. A year earlier, it had been closed.", "2020"),
        ("The bridge reopened on March 3, 2021. Two weeks later, it closed again.", "2021-W11"),
        # and from the publication date when the text gave none
        ("Orders rose 4% from a year earlier.", "2021"),
        # prospect words keep a possessive weekday in the future
        ("Campaigning ended ahead of Sunday's election.", "2022-01-30"),
        ("Police prepared for Saturday's planned march.", "2022-01-29"),
    ],
)
def test_earlier_counts_from_the_last_date_and_prospects_keep_weekdays_ahead(text: str, value: str) -> None:
    ctx = context(text, model=None, published="2022-01-26")
    find_times(ctx)
    assert ctx.record.times[-1].value == value


def test_earlier_than_is_a_comparison() -> None:
    assert values("The vote came a year earlier than planned.") == []
