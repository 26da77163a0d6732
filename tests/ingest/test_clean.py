"""Tests for eventwire.ingest.clean (plain-text page captures -> article)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.ingest.clean import CleanResult, clean_capture, looks_like_capture

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "captures"
NAMES = sorted(p.name.removesuffix(".expected.json") for p in FIXTURES.glob("*.expected.json"))

PLAIN = """Villagers Rebuild School After Spring Floods

Villagers in the valley have finished rebuilding their primary school, six months after floods
swept away its ground floor.

The new building stands on raised foundations and has room for 120 pupils.

Teachers said lessons would resume in the new classrooms next Monday."""


def _load(name: str) -> tuple[CleanResult, dict]:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    return clean_capture(text), expected


def test_there_are_enough_fixtures() -> None:
    assert len(NAMES) >= 7


@pytest.mark.parametrize("name", NAMES)
def test_fixture_title_and_body(name: str) -> None:
    res, exp = _load(name)
    assert res.title == exp["title"]
    assert res.body.startswith(exp["body_starts_with"])
    assert res.body.endswith(exp["body_ends_with"])
    for line in exp["must_not_contain"]:
        assert line not in res.body.split("\n\n"), line
        assert not any(p.startswith(line) for p in res.body.split("\n\n")), line


@pytest.mark.parametrize("name", NAMES)
def test_fixture_metadata(name: str) -> None:
    res, exp = _load(name)
    for key in ("outlet", "byline", "credits", "captions", "date_lines"):
        if key in exp:
            assert getattr(res, key) == exp[key], key


@pytest.mark.parametrize("name", NAMES)
def test_fixture_is_a_capture_and_removed_lines_are_listed(name: str) -> None:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    res, exp = _load(name)
    assert looks_like_capture(text)
    removed = " ".join(res.removed)
    for line in exp["must_not_contain"]:
        in_structured = any(line in x for x in [*res.captions, *res.date_lines, res.title or ""])
        assert line in removed or in_structured or (line in text and line not in res.body), line


def test_voa_like_removed_lines_in_page_order() -> None:
    res, _ = _load("voa_like")
    assert res.removed[:3] == ["Accessibility links", "Breaking News", "update"]
    assert res.removed[-4:] == ["XS", "SM", "MD", "LG"]
    assert "16x9 Image" in res.removed
    assert res.removed.count(res.captions[0]) == 1  # the second copy only


def test_plain_text_comes_through_unchanged() -> None:
    assert not looks_like_capture(PLAIN)
    res = clean_capture(PLAIN)
    paras = PLAIN.split("\n\n")
    assert res.title == paras[0]
    assert res.body == "\n\n".join(paras[1:])
    assert res.removed == []


def test_plain_paragraphs_without_headline() -> None:
    text = "\n\n".join(PLAIN.split("\n\n")[1:])
    res = clean_capture(text)
    assert res.title is None
    assert res.body == text


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", "x", "\x00\x01", "§§§ ||| >>>"])
def test_degenerate_inputs_do_not_raise(text: str) -> None:
    res = clean_capture(text)
    assert isinstance(res, CleanResult)
    assert isinstance(looks_like_capture(text), bool)


def test_single_line() -> None:
    line = "The minister resigned on Friday after a week of pressure over the contract scandal."
    res = clean_capture(line)
    assert res.body == line


def test_no_blank_lines_capture() -> None:
    text = (FIXTURES / "newspaper_like.txt").read_text(encoding="utf-8").replace("\n\n", "\n")
    res = clean_capture(text)
    assert "Councillors have approved a plan" in res.body
    assert "Accept all cookies" not in res.body
    assert "Advertisement" not in res.body.split("\n\n")


def test_unbalanced_weirdness() -> None:
    text = "((((\n\n“unclosed quote\n\n]]]] Advertisement [[[\n\n" + "word " * 500
    text += "\n\n\t\r\n" + "🙂" * 50
    res = clean_capture(text)
    assert isinstance(res.body, str)
    assert res.body  # the long prose-free line still leaves something


def test_never_empty_body_when_there_is_prose() -> None:
    prose = "The council met on Monday and agreed to close the old bridge for repairs."
    text = f"Menu\n\nHome\n\nShare\n\n{prose}\n\nLogin"
    res = clean_capture(text)
    assert "The council met on Monday" in res.body


def test_repeated_caption_kept_once() -> None:
    caption = "FILE - Police officers stand guard outside the parliament building, May 2, 2023."
    body = [
        "Parliament passed the new budget on Wednesday after a marathon overnight session in the capital.",
        "Opposition lawmakers walked out before the final vote, accusing the government of rushing it.",
        "The finance minister said the plan would cut the deficit by half within three years.",
    ]
    head = "Parliament Passes Budget After Overnight Session"
    text = "\n\n".join(["Home", "News", head, caption, caption, *body])
    res = clean_capture(text)
    assert res.captions == [caption]
    assert caption not in res.body
    assert res.removed.count(caption) == 1
    assert res.body.startswith(body[0]) and res.body.endswith(body[-1])


def test_long_paragraph_printed_twice_is_body_once() -> None:
    sentence = "The river council met on Tuesday and voted to rebuild the flood walls along the east bank. "
    long_para = sentence * 12  # far longer than any caption
    other = "Work is due to start in the spring and to last two years, the council's engineer said."
    res = clean_capture("\n\n".join([long_para.strip(), other, long_para.strip()]))
    assert res.body.count("voted to rebuild the flood walls") == 12
    assert other in res.body and not res.captions


def test_title_site_suffix_is_stripped_when_bare_headline_appears() -> None:
    head = "Storm Knocks Out Power Across Northern Districts"
    paras = [
        "A powerful storm knocked out electricity to about 40,000 homes in northern districts overnight.",
        "Crews worked through the morning to restore lines brought down by falling trees and strong winds.",
        "The utility said most customers should have power again by the evening.",
    ]
    page = [f"{head} | Daily Courier", "Menu", "Search", "Share", head, *paras, "Most read", "Other"]
    text = "\n\n".join(page)
    assert clean_capture(text).title == head


def test_large_input_finishes() -> None:
    page = (FIXTURES / "newspaper_like.txt").read_text(encoding="utf-8")
    text = page * (2_000_000 // len(page) + 1)
    res = clean_capture(text)
    assert res.body
