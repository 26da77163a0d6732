"""The title of a page capture comes from the header block above the article (eventwire.ingest.clean).

Every page here is written for these tests: the names, outlets and stories are invented."""

from __future__ import annotations

import pytest

from eventwire.ingest.clean import clean_capture
from eventwire.ingest.lines import is_credit, line_kind, make_unit
from eventwire.ingest.title import bare_title, link_row

BODY = """\
HARTWELL, Ore. - The county council voted on Tuesday to reopen the Mill Street bridge, closed since
a flood damaged its footings in March, after engineers said repairs had been completed ahead of plan.

The bridge carries about 9,000 vehicles a day, and its closure had added twenty minutes to the
morning journey of many commuters, according to figures the council published last week.

Council members said a second inspection would take place in the autumn, before the rainy season,
and that the cost of the repairs had stayed within the budget agreed in April."""


def page(*header: str) -> str:
    return "\n\n".join([*header, BODY])


@pytest.mark.parametrize(
    "line",
    [
        "Home > Local News > Hartwell",
        "Email | Print | Share",
        "Print this page | Email a friend",
        "News : Sport : Weather : Traffic",
        "Sport News Tennis Golf Racing Cricket Results Fixtures Tables Video",
    ],
)
def test_link_rows_and_breadcrumbs_are_not_headlines(line: str) -> None:
    assert link_row(line)


@pytest.mark.parametrize(
    "line",
    [
        "Council reopens Mill Street bridge | Hartwell Courier",
        "Mayor: We will not raise fares this year",
        "Ferry operators seek new insurance deal as fuel costs climb again this winter",
        "Council Reopens Bridge, Ends Months Of Detours For Hartwell Commuters",
    ],
)
def test_headlines_are_not_link_rows(line: str) -> None:
    assert not link_row(line)


@pytest.mark.parametrize(
    "line",
    ["Print this article", "E-mail to a friend", "Enlarge this photo", "Back to top", "Change text size"],
)
def test_tools_acting_on_the_page_are_furniture(line: str) -> None:
    from collections import Counter

    assert line_kind(make_unit(0, line), Counter()) == "furniture"


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Dana Whitlock, Hartwell Courier", True),
        ("THE ASSOCIATED PRESS", True),
        ("Dana Whitlock and Ravi Menon; Valley News Service", True),
        ("Council reopens Mill Street bridge", False),
        ("Storm closes roads, schools across valley", False),
    ],
)
def test_credit_lines_without_by(line: str, credit: bool) -> None:
    assert is_credit(line) is credit


def test_the_line_above_the_byline_is_the_headline_not_the_menu_or_a_tool_line() -> None:
    text = page(
        "Hartwell Courier",
        "Home · News · Sport · Weather · Obituaries",
        "Email This Story | Print This Story",
        "Bridge reopens after repairs",
        "By Dana Whitlock",
        "June 3, 2025 6:15 PM",
    )
    assert clean_capture(text).title == "Bridge reopens after repairs"


def test_a_sidebar_headline_far_above_does_not_beat_the_headline_over_the_credit_line() -> None:
    text = page(
        "Most read",
        "Transit authority approves new night bus routes for the river district",
        "Library extends weekend opening hours after survey of residents",
        "Other stories",
        "Commuters cheer as flood-damaged bridge reopens",
        "Dana Whitlock, Hartwell Courier",
        "June 3, 2025",
    )
    assert clean_capture(text).title == "Commuters cheer as flood-damaged bridge reopens"


def test_a_multi_author_byline_is_a_byline() -> None:
    text = page("Bridge reopens after flood repairs", "By DANA WHITLOCK and RAVI MENON", "June 3, 2025")
    res = clean_capture(text)
    assert res.title == "Bridge reopens after flood repairs"
    assert res.byline == "DANA WHITLOCK and RAVI MENON"


@pytest.mark.parametrize(
    ("attached", "bare"),
    [
        ("Bridge reopens after repairs by: Dana Whitlock", "Bridge reopens after repairs"),
        ("Bridge reopens after repairs last updated: June 3, 2025 6:15 PM", "Bridge reopens after repairs"),
        (
            "Bridge reopens after repairs www.hartwell-courier.example 2025-06-03 18:15",
            "Bridge reopens after repairs",
        ),
        ("Bridge reopens after repairs Posted June 3, 2025", "Bridge reopens after repairs"),
        ("Share this story : Bridge reopens after repairs", "Bridge reopens after repairs"),
        ("Home : Bridge reopens after repairs", "Bridge reopens after repairs"),
        ("Mayor: We will not raise fares this year", "Mayor: We will not raise fares this year"),
        (
            "Bridge reopens, council says it was updated in 2024",
            "Bridge reopens, council says it was updated in 2024",
        ),
    ],
)
def test_furniture_attached_to_the_headline_is_dropped(attached: str, bare: str) -> None:
    assert bare_title(attached, set()) == bare


def test_a_long_deck_under_the_headline_is_not_the_title() -> None:
    text = page(
        "Hartwell Courier",
        "Council votes to reopen Mill Street bridge",
        "Engineers told the council that repairs to the flood-damaged footings were finished ahead of plan",
        "By Dana Whitlock",
        "June 3, 2025",
    )
    res = clean_capture(text)
    assert res.title == "Council votes to reopen Mill Street bridge"
    assert res.body.startswith("Engineers told the council")


def test_a_menu_line_right_above_the_headline_is_not_taken_for_it() -> None:
    text = page("Larger text Smaller text", "Council reopens Mill Street bridge after flood", "June 3, 2025")
    assert clean_capture(text).title == "Council reopens Mill Street bridge after flood"


@pytest.mark.parametrize(
    "line",
    [
        "Caption: Crews clear the approach to the Mill Street bridge",
        "Image caption The mayor cuts the ribbon on the reopened bridge",
        "The mayor cuts the ribbon on the bridge. Photograph: Jo Bloggs for the Courier",
    ],
)
def test_a_labelled_caption_in_the_header_block_is_not_the_title(line: str) -> None:
    text = page("Council reopens Mill Street bridge", "By Dana Whitlock", line)
    res = clean_capture(text)
    assert res.title == "Council reopens Mill Street bridge"
    assert line in res.captions


def test_a_headline_printed_twice_is_not_swapped_for_the_deck_above_its_second_copy() -> None:
    from eventwire.ingest.clean import capture_region
    from eventwire.ingest.title import headline_of_deck, page_context

    headline = "Council votes to reopen Mill Street bridge"
    deck = "Engineers told the council that repairs to the flood-damaged footings were finished ahead of plan"
    units, start, end = capture_region(page(headline, deck, "Caption: Crews clear the approach", headline))
    second_copy = max(i for i in range(start) if units[i].text == headline)
    assert units[second_copy - 2].text == deck
    assert headline_of_deck(page_context(units, start, end), second_copy) == second_copy
    first_copy = min(i for i in range(start) if units[i].text == headline)
    assert headline_of_deck(page_context(units, start, end), first_copy + 1) == first_copy


MASTHEAD = ("Weekend offers for readers of the Courier", "Sport", "Weather", "Puzzles", "Letters")


def _header_choice(header: tuple[str, ...], chosen: str) -> str:
    """The line header_headline keeps when the ranker chose `chosen` on a page with this header."""
    from eventwire.ingest.clean import capture_region
    from eventwire.ingest.title import header_headline

    units, start, _ = capture_region(page(*header))
    best = next(i for i in range(start) if units[i].text == chosen)
    return units[header_headline(units, start, best)].text


def test_a_choice_far_above_the_byline_gives_way_to_the_line_above_it() -> None:
    header = (*MASTHEAD, "Council votes to reopen Mill Street bridge", "By Dana Whitlock", "June 3, 2025")
    assert _header_choice(header, MASTHEAD[0]) == "Council votes to reopen Mill Street bridge"


def test_a_choice_near_the_header_block_is_kept() -> None:
    header = (MASTHEAD[0], "Sport", "Council votes to reopen Mill Street bridge", "June 3, 2025")
    assert _header_choice(header, MASTHEAD[0]) == MASTHEAD[0]


def test_a_short_label_above_the_date_is_not_taken_for_the_headline() -> None:
    header = (*MASTHEAD, "Rate this story", "June 3, 2025")
    assert _header_choice(header, MASTHEAD[0]) == MASTHEAD[0]


def test_the_last_item_of_a_list_of_links_above_the_date_is_not_taken_for_the_headline() -> None:
    links = ("Ferry fares to rise in July", "Library hours extended for summer", "Harbour wall repairs begin")
    header = (*MASTHEAD, *links, "June 3, 2025")
    assert _header_choice(header, MASTHEAD[0]) == MASTHEAD[0]


def test_without_a_byline_or_date_the_choice_is_kept() -> None:
    header = (*MASTHEAD, "Council votes to reopen Mill Street bridge")
    assert _header_choice(header, MASTHEAD[0]) == MASTHEAD[0]


def _kicker_choice(header: tuple[str, ...], chosen: str) -> str:
    """The line headline_below_kicker keeps when the ranker chose `chosen` on a page with this header."""
    from eventwire.ingest.clean import capture_region
    from eventwire.ingest.title import headline_below_kicker, page_context

    units, start, end = capture_region(page(*header))
    best = next(i for i in range(start) if units[i].text == chosen)
    return units[headline_below_kicker(page_context(units, start, end), best)].text


def test_a_section_label_above_the_headline_gives_way_to_it() -> None:
    header = ("Regional Affairs", "Council votes to reopen Mill Street bridge", "June 3, 2025")
    assert _kicker_choice(header, "Regional Affairs") == "Council votes to reopen Mill Street bridge"


def test_a_headline_about_the_article_is_not_taken_for_a_kicker() -> None:
    header = (
        "Council votes to reopen Mill Street bridge",
        "Repairs to the bridge footings finished early",
        "June 3, 2025",
    )
    assert _kicker_choice(header, header[0]) == header[0]


def test_a_label_above_a_line_unrelated_to_the_article_is_kept() -> None:
    header = ("Regional Affairs", "Readers share their favourite picnic spots", "June 3, 2025")
    assert _kicker_choice(header, "Regional Affairs") == "Regional Affairs"
