"""Tests for eventwire.ingest.edges: the end of an article's body judged by shape (invented pages)."""

from __future__ import annotations

from eventwire.ingest.clean import clean_capture
from eventwire.ingest.lines import rejoin_hard_wraps

HEAD = """Home

World

Business

Sport

Harbour Town Opens Its New Ferry Terminal

By Mira Kolstad

March 3, 2031

"""

PARAS = [
    "The new ferry terminal at Harbour Town opened on Tuesday after four years of building work "
    "and a long dispute over its cost.",
    "The terminal can handle six ferries an hour, twice as many as the old pier, and has a covered "
    "waiting hall for 400 passengers.",
    "Town officials said the first month of crossings would be free for residents of the three "
    "islands served by the line.",
    "The old pier will be closed in the summer and turned into a public walkway along the water, "
    "the council said.",
]
BODY = "\n\n".join(PARAS)
LAST = PARAS[-1]


def test_a_trailing_author_bio_is_not_body() -> None:
    bio = (
        "Mira Kolstad has covered transport and the coast for eleven years and lives on one of the islands "
        "with two dogs and a small boat."
    )
    page = HEAD + BODY + "\n\nShare\n\nMira Kolstad\n\n" + bio + "\n\nAbout us\n\nContact\n"
    res = clean_capture(page)
    assert res.body.endswith(LAST)
    assert bio not in res.body


def test_a_contact_line_and_a_word_to_the_reader_are_not_body() -> None:
    tail = [
        "Reach the newsroom at tips@harbourtown-example.org or 555-014-2290.",
        "Have a view on the new terminal? Tell us in the box below.",
    ]
    page = HEAD + BODY + "\n\n" + "\n\n".join(tail) + "\n\nPrivacy\n\nTerms\n"
    res = clean_capture(page)
    assert res.body.endswith(LAST)
    for line in tail:
        assert line not in res.body


def test_a_teaser_list_after_the_article_is_not_body() -> None:
    teasers = [
        (
            "Bridge tolls to rise in May",
            "Drivers crossing the estuary will pay a third more from the first of May onwards.",
        ),
        (
            "Lighthouse keeper retires",
            "After forty winters on the point, the last keeper of the island light hands over the keys.",
        ),
        (
            "Fish market moves inland",
            "Traders at the old quay will move to a new hall near the station later this year.",
        ),
    ]
    tail = "\n\n".join(f"{h}\n\n{s}" for h, s in teasers)
    page = HEAD + BODY + "\n\nShare\n\n" + tail + "\n\nAbout us\n"
    res = clean_capture(page)
    assert res.body.endswith(LAST)
    for _, summary in teasers:
        assert summary not in res.body


def test_the_last_paragraph_of_the_article_stays() -> None:
    closing = (
        "Ferry crews will run a reduced timetable on Sundays until the new boats arrive, the operator said."
    )
    page = HEAD + BODY + "\n\n" + closing + "\n\nShare\n\nAbout us\n"
    res = clean_capture(page)
    assert res.body.endswith(closing)
    assert res.body.count("\n\n") == 4


DIALOG = [
    "We value your privacy",
    "We and our partners store and access information on your device, such as cookies, and process "
    "personal data such as unique identifiers and browsing data to show you personalised ads and content, "
    "to measure ads and content, to learn about our audiences and to develop and improve our products.",
    "With your permission we and our partners may use precise location data and identification through "
    "device scanning. You may click to consent to our and our partners' processing as described above, or "
    "you may refuse to consent or open the detailed settings to change your choices before you consent.",
    "Your choices will apply to this site only. You can change your settings at any time, including "
    "withdrawing your consent, by using the toggles on the cookie policy page or by clicking the link at "
    "the bottom of every page we publish for you.",
    "Manage settings",
    "Reject all",
    "Accept all",
]


def test_a_consent_dialog_is_never_the_body() -> None:
    short = [
        "The ferry line to the three islands reopened on Friday after a week of storms.",
        "Boats will run every hour until the end of the month, the operator said on Thursday.",
    ]
    page = HEAD + "\n\n".join(DIALOG) + "\n\n" + "\n\n".join(short) + "\n\nShare\n\nAbout us\n"
    res = clean_capture(page)
    assert res.body == "\n\n".join(short)
    assert all(line in res.removed for line in DIALOG)


def _wrap(paragraph: str, width: int) -> str:
    """Greedy hard wrap, as old news feeds did."""
    lines: list[str] = []
    for word in paragraph.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


WRAPPED = [
    "KESTREL BAY - Fishermen in Kestrel Bay said on Monday that the spring catch was the best in a "
    "decade, after two poor seasons in which many boats stayed in the harbour for weeks. Prices at "
    "the Kestrel Bay auction hall fell by a fifth as Atlantic Cod and Grey Mullet came in by the ton.",
    "The harbour master, Tomas Ellery, said forty boats had landed catches since Friday. Buyers came "
    "from Port Linden and Westmarsh to bid, and the hall stayed open late on Saturday for the first "
    "time since the old fish market closed.",
    "Marine scientists at the Westmarsh Institute said cooler water in the bay had brought the shoals "
    "closer to shore. They warned that one good season would not undo years of decline, and asked "
    "skippers to keep logging their catches.",
]


def test_hard_wrapped_paragraphs_are_rejoined_and_kept_whole() -> None:
    text = "\n\n".join(_wrap(p, 80) for p in WRAPPED)
    page = HEAD.replace(
        "Harbour Town Opens Its New Ferry Terminal", "Kestrel Bay Has Its Best Catch in Years"
    )
    res = clean_capture(page + text + "\n\nShare\n\nAbout us\n")
    assert res.body.split("\n\n") == WRAPPED


def test_a_headline_list_is_not_taken_for_wrapped_text() -> None:
    items = [
        "Council approves the new budget for the harbour district",
        "Storm damages the sea wall near the old lighthouse on Sunday night",
        "School choir wins the regional contest",
        "Bus routes change from next week as the bridge closes for repairs",
        "Library extends its opening hours over the summer",
    ]
    page = "\n".join(items) + "\n\n" + "\n\n".join(_wrap(p, 80) for p in WRAPPED)
    rejoined = rejoin_hard_wraps(page).split("\n")
    assert rejoined[: len(items)] == items
    assert rejoined[len(items) + 1] == WRAPPED[0]
