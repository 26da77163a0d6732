"""Model-free rules for English time expressions: finding them in a string and giving them a calendar value.

`find_expressions(text)` scans a string with compiled regular expressions built from `times_words.yaml` and
returns non-overlapping `Found` candidates (the longest wins). `resolve(found, published, tense)` gives each
one a value, precision and anchor, or None when it cannot be resolved safely. Tense ("past", "present",
"future" or None) comes from the caller (the `times` stage reads it from the parse); these functions never
look at a parse, so tests can pin them with a date and a string.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import yaml

# A date whose year is not written ("Jan. 22") is put in the year that brings it closest to the publication
# date; beyond this distance the guess is refused.
NEAREST_MAX_DAYS = 183
# "year-end" in a past-tense clause of a story published in the first months of a year: last year's end.
YEAR_END_CLOSED_MONTHS = 3
# A weekday in a present or future clause may be the publication day itself ("will meet Wednesday" in a
# Wednesday story: AP style names the day for anything within a week, "today" included).
FUTURE_SAME_DAY = True
# Two-digit years in numeric dates ("1/22/22") up to this value are 20xx, above it 19xx.
TWO_DIGIT_YEAR_PIVOT = 69
UNIT_WORDS = "day|week|month|year"
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
NUMBER_WORDS |= {"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
WEEKDAY_ABBREVIATIONS = ("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun")
MODIFIERS = ("early", "earlier", "mid", "late", "later")
# Other first words of patterns: financial periods ("year-ago", "fiscal year", "year-end") and years spelled
# out as transcripts write them ("nineteen ninety-six", "two thousand and five").
OTHER_STARTS = ("year", "month", "fiscal", "nineteen", "twenty", "two")
UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16}
TEENS |= {"seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
TENS |= {"ninety": 90}
_TWO_DIGITS = (
    rf"(?:{'|'.join(TEENS)}|(?:{'|'.join(TENS)})(?:[\s-](?:{'|'.join(UNITS)}))?|oh[\s-](?:{'|'.join(UNITS)}))"
)
SPELLED_YEAR = (
    rf"\b(?:(?P<century>nineteen|twenty)[\s-](?P<rest>{_TWO_DIGITS}|hundred)"
    rf"|two\s+thousand(?:\s+and)?(?:[\s-](?P<small>{_TWO_DIGITS}|{'|'.join(UNITS)}))?)\b"
)
# The kinds of first word each pattern can start with ("word": a modifier, "last"/"next"/"this", "today"...).
PATTERN_STARTS = {
    "date": frozenset({"weekday", "digit", "month"}),
    "iso": frozenset({"digit"}),
    "numeric": frozenset({"digit"}),
    "month_year": frozenset({"word", "month", "digit"}),
    "month_day": frozenset({"weekday", "month", "digit"}),
    "month": frozenset({"word", "month"}),
    "month_rel_year": frozenset({"month"}),
    "later": frozenset({"word", "digit"}),
    "weekday": frozenset({"word", "weekday"}),
    "weekday_day": frozenset({"weekday"}),
    "anchored": frozenset({"word"}),
    "day_word": frozenset({"word"}),
    "relative": frozenset({"word"}),
    "ago": frozenset({"word", "digit"}),
    "earlier": frozenset({"word", "digit"}),
    "year_ago": frozenset({"word"}),
    "fiscal": frozenset({"word"}),
    "year_end": frozenset({"word"}),
    "spelled_year": frozenset({"word"}),
    "year": frozenset({"word", "digit"}),
}


@dataclass(frozen=True)
class Found:
    """A time expression in a string: where it is, what kind it is and its parts (month, day, year...)."""

    start: int
    end: int
    kind: str
    parts: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    text: str = ""


@dataclass(frozen=True)
class Value:
    value: str
    precision: str
    anchor: str


@functools.cache
def words() -> dict[str, Any]:
    raw = importlib.resources.files("eventwire").joinpath("times_words.yaml").read_text("utf-8")
    return yaml.safe_load(raw)


@functools.cache
def month_index() -> dict[str, int]:
    return {name: i for i, names in enumerate(words()["months"], 1) for name in names}


def _alternation(names: list[str]) -> str:
    return "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))


@functools.cache
def patterns() -> list[tuple[str, re.Pattern[str], frozenset[str]]]:
    """(kind, compiled pattern, the kinds of first word it can start with), compiled once per process."""
    w = words()
    month_any = rf"(?P<mon>(?:{_alternation(list(month_index()))})\b\.?)"
    month_full = rf"(?P<mon>(?:{_alternation([names[0] for names in w['months']])})\b)"
    weekday = _alternation(w["weekdays"])
    wd_prefix = rf"(?:(?:{weekday}|(?:{_alternation(list(WEEKDAY_ABBREVIATIONS))})\.?),?\s+)?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>\d{4})(?:(?!\d)|(?=\d{1,2}:\d\d))"  # "Apr 28 20232:23 PM": a time glued on
    rel = _alternation(list(w["relative_words"]))
    numbers = _alternation(list(NUMBER_WORDS))
    table = [
        ("date", rf"\b{wd_prefix}{day}\s+(?:of\s+)?{month_any},?\s+{year}"),
        ("date", rf"\b{wd_prefix}{month_any}\s+{day},?\s+{year}"),
        ("iso", r"(?<![\d-])(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
        ("numeric", r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4}|\d{2})(?![\d/])"),
        ("month_year", rf"\b(?:(?P<mod>early|mid|late)[\s-]+)?{month_any},?\s+(?:of\s+)?{year}"),
        ("month_year", rf"\b(?P<year>\d{{4}})\s+{month_full}"),  # "the 2021 July unrest"
        ("month_day", rf"\b{wd_prefix}{month_any}\s+{day}(?![\d:])"),
        ("month_day", rf"\b{wd_prefix}{day}\s+(?:of\s+)?{month_full}"),
        # "January this year", "March last year": the month of the year the phrase names
        ("month_rel_year", rf"\b{month_full}\s+(?P<yrel>this|last|next|previous)\s+year\b"),
        ("month", rf"\b(?:(?P<mod>early|mid|late)[\s-]+)?(?:(?P<rel>last|next|this)\s+)?{month_full}"),
        ("weekday_day", rf"\b(?P<wd>{weekday}),?\s+the\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b"),
        ("weekday", rf"\b(?:(?P<rel>last|next|this)\s+)?(?P<wd>{weekday})\b"),
        ("anchored", rf"\b(?P<phrase>{_alternation(list(w['anchored_phrases']))})\b"),
        ("day_word", r"\b(?P<word>today|tonight|yesterday|tomorrow)\b"),
        (
            "relative",
            rf"\b(?:(?P<mod>earlier|later|early|late)\s+)?(?P<rel>{rel})\s+(?P<unit>week|month|year)\b",
        ),
        ("ago", rf"\b(?P<num>\d{{1,2}}|{numbers})\s+(?P<unit>day|week|month|year)s?\s+ago\b"),
        # "two days earlier", "a year earlier": counted back from the last date the text gave (or the
        # publication date); "a year earlier than planned" is a comparison, no date
        (
            "earlier",
            rf"\b(?P<num>\d{{1,2}}|{numbers})\s+(?P<unit>day|week|month|year)s?\s+earlier\b(?!\s+than)",
        ),
        ("later", rf"\b(?P<num>\d{{1,2}}|{numbers})\s+(?P<unit>{UNIT_WORDS})s?\s+later\b(?!\s+than)"),
        ("year_ago", r"\b(?P<unit>year|month)[-\s]ago\b"),  # "the year-ago quarter"
        ("fiscal", r"\b(?:(?P<rel>last|next|this|current)\s+)?fiscal\s+year\b(?!\s*\d)"),
        ("year_end", r"\byear[-\s]end\b"),
        ("spelled_year", SPELLED_YEAR),
        (
            "year",
            r"(?<![\w$€£.,/])(?:(?P<mod>early|mid|late)[\s-]+)?(?P<year>1[5-9]\d\d|20\d\d)(?![\w%]|[.,]\d)",
        ),
    ]
    return [(kind, re.compile(p, re.IGNORECASE), PATTERN_STARTS[kind]) for kind, p in table]


def find_expressions(text: str, is_date_entity: Callable[[int, int], bool] | None = None) -> list[Found]:
    """Every time expression of `text`, without overlaps (the longest candidate wins).

    `is_date_entity(start, end)` may say whether a model marks that span as a DATE: a bare year or month
    name is accepted on that evidence as well as after a lead word ("in 2014", "since March").
    Every pattern starts with one of a few words or a digit: one pass finds those places, and the
    patterns are tried only there (a scan of the whole text per pattern costs several times more)."""
    candidates = []
    for anchor in anchors().finditer(text):
        starts = _start_kinds(anchor.group(0).lower())
        for kind, pattern, can_start in patterns():
            if not starts & can_start:
                continue
            m = pattern.match(text, anchor.start())
            if m is not None:
                found = _candidate(kind, m, text, is_date_entity)
                if found is not None:
                    candidates.append(found)
    candidates.sort(key=lambda f: (-(f.end - f.start), f.start))
    taken: list[Found] = []
    used = bytearray(len(text))
    for f in candidates:
        if not any(used[f.start : f.end]):
            taken.append(f)
            used[f.start : f.end] = b"\x01" * (f.end - f.start)
    return sorted(taken, key=lambda f: f.start)


@functools.cache
def _start_kinds(word: str) -> frozenset[str]:
    kinds = {"digit"} if word[0].isdigit() else {"word"}
    if word in month_index():
        kinds.add("month")
    if word in words()["weekdays"] or word in WEEKDAY_ABBREVIATIONS:
        kinds.add("weekday")
    return frozenset(kinds)


@functools.cache
def anchors() -> re.Pattern[str]:
    """Where a time expression can start: the first words of the patterns (lower, Capitalized or UPPER
    case, listed rather than matched case-insensitively, which is slower) and the start of a number."""
    w = words()
    first = [*month_index(), *w["weekdays"], *WEEKDAY_ABBREVIATIONS, *w["day_words"], *w["relative_words"]]
    first += [*MODIFIERS, *NUMBER_WORDS, *OTHER_STARTS, *{p.split()[0] for p in w["anchored_phrases"]}]
    variants = {v for word in first for v in (word, word.capitalize(), word.upper())}
    return re.compile(rf"\b{_trie(sorted(variants))}\b|(?<!\d)\d")


def _trie(alternatives: list[str]) -> str:
    """A regex matching any of `alternatives`, factored by common prefixes: Python's engine tries the
    branches of a flat alternation one by one at every position, a trie only along one path."""
    tree: dict[str, Any] = {}
    for word in alternatives:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + emit(tree) + ")"


def _candidate(
    kind: str, m: re.Match[str], text: str, is_date_entity: Callable[[int, int], bool] | None
) -> Found | None:
    parts = {k: v for k, v in m.groupdict().items() if v is not None}
    for name in ("mon", "wd"):
        if name in parts and not parts[name][0].isupper():
            return None  # "may" the modal, "march" the verb
    w = words()
    before = word_before(text, m.start())
    after = _word_after(text, m.end())
    if kind == "weekday" and not parts.get("rel") and before in w["weekday_blockers"]:
        return None
    if kind == "day_word" and before in w["day_word_blockers"]:
        return None
    if kind == "month" and not (parts.get("rel") or parts.get("mod")):
        entity = is_date_entity is not None and is_date_entity(m.start(), m.end())
        if before not in w["month_lead_words"] and not entity:
            return None
    if kind == "year" and not _year_context(m, before, after, is_date_entity):
        return None
    if kind == "spelled_year" and (before not in w["year_lead_words"] or after in w["year_blocking_next"]):
        return None  # "nineteen ninety-five people"
    if kind == "weekday" and text[m.end() : m.end() + 2] in ("'s", "’s"):
        # "Tuesday's vote": a day already reported, unless words of prospect say it is to come ("ahead of
        # Sunday's election", "Saturday's planned march")
        prospect = _word_after(text, m.end() + 2) in w["prospect_words"]
        prospect = prospect or text[max(0, m.start() - 12) : m.start()].lower().rstrip().endswith(
            tuple(w["prospect_lead"])
        )
        parts["possessive"] = "future" if prospect else "past"
    if kind == "relative" and w["relative_words"].get(parts["rel"].lower()) is None:
        return None  # "the past week": a duration
    if kind == "relative" and before in ("the", "a") and parts["rel"].lower() != "this":
        return None  # "the next week, ...", "the previous year": counted from the story's time, not today
    return Found(m.start(), m.end(), kind, parts, m.group(0))


def _year_context(
    m: re.Match[str], before: str, after: str, is_date_entity: Callable[[int, int], bool] | None
) -> bool:
    w = words()
    if after in w["year_blocking_next"]:
        return False
    if m.group("mod") or before in w["year_lead_words"]:
        return True
    if is_date_entity is not None:
        return is_date_entity(m.start("year"), m.end("year"))
    return before == "the" and after.isalpha() and after.islower()  # "the 2014 annexation"


_WORD_BEFORE = re.compile(r"([\w%']+)[^\w%]*$")
_WORD_AFTER = re.compile(r"^[\s-]*([\w%]+)")


def word_before(text: str, start: int) -> str:
    m = _WORD_BEFORE.search(text[max(0, start - 30) : start])
    return m.group(1).lower() if m else ""


def _word_after(text: str, end: int) -> str:
    m = _WORD_AFTER.match(text[end : end + 30])
    return m.group(1).lower() if m else ""


# ---- values ----


def resolve(found: Found, published: date | None, tense: str | None = None) -> Value | None:
    """The calendar value of `found`, or None when it is unresolvable or ambiguous."""
    p = found.parts
    try:
        if found.kind in ("date", "iso", "numeric"):
            d = explicit_date(found)
            return Value(d.isoformat(), "day", "explicit") if d else None
        if found.kind == "month_year":
            return Value(f"{int(p['year']):04d}-{month_number(p['mon']):02d}", "month", "explicit")
        if found.kind == "year":
            return Value(p["year"], "year", "explicit")
        if found.kind == "spelled_year":
            return Value(f"{spelled_year(found.text):04d}", "year", "explicit")
        if published is None:
            return None
        return _relative(found, published, tense)
    except ValueError:  # "Feb. 30, 2022", "13/13/2022"
        return None


def _relative(found: Found, pub: date, tense: str | None) -> Value | None:
    p = found.parts
    rel = (p.get("rel") or "").lower() or None
    if found.kind == "month_rel_year":
        year = pub.year + {"last": -1, "previous": -1, "next": 1}.get(p["yrel"].lower(), 0)
        return Value(f"{year:04d}-{month_number(p['mon']):02d}", "month", "published")
    if found.kind == "month_day":
        d = day_without_year(pub, month_number(p["mon"]), int(p["day"]), tense)
        return Value(d.isoformat(), "day", "published") if d else None
    if found.kind == "month":
        ym = month_of(pub, month_number(p["mon"]), tense, rel)
        return Value(f"{ym[0]:04d}-{ym[1]:02d}", "month", "published") if ym else None
    if found.kind == "weekday":
        if p.get("possessive") and tense != "future":
            tense = p["possessive"]  # "Tuesday's vote", "follows Friday's declaration": already reported
        d = weekday_date(pub, words()["weekdays"].index(p["wd"].lower()), tense, rel)
        return Value(d.isoformat(), "day", "published") if d else None
    if found.kind == "weekday_day":
        d = weekday_and_day(pub, words()["weekdays"].index(p["wd"].lower()), int(p["day"]))
        return Value(d.isoformat(), "day", "published") if d else None
    if found.kind == "day_word":
        d = pub + timedelta(days=words()["day_words"][p["word"].lower()])
        return Value(d.isoformat(), "day", "published")
    if found.kind == "relative":
        return shifted(pub, p["unit"].lower(), words()["relative_words"][rel])
    if found.kind == "ago":
        num = p["num"].lower()
        n = NUMBER_WORDS[num] if num in NUMBER_WORDS else int(num)
        return shifted(pub, p["unit"].lower(), -n)
    if found.kind == "earlier":  # no earlier date in the text: counted from the publication date
        num = p["num"].lower()
        return shifted(pub, p["unit"].lower(), -(NUMBER_WORDS[num] if num in NUMBER_WORDS else int(num)))
    if found.kind == "year_ago":
        return shifted(pub, p["unit"].lower(), -1)
    if found.kind == "fiscal":
        return shifted(pub, "year", {"last": -1, "next": 1}.get(rel or "", 0))
    if found.kind == "year_end":
        # a past-tense "year-end" in the first months of a year ends the year just closed ("loss at year-end")
        closed = tense == "past" and pub.month <= YEAR_END_CLOSED_MONTHS
        return shifted(pub, "year", -1 if closed else 0)
    return None


def spelled_year(text: str) -> int:
    """ "nineteen ninety-six" 1996, "twenty twenty" 2020, "two thousand and five" 2005, "nineteen hundred"
    1900, "nineteen oh five" 1905."""
    tokens = [t for t in re.split(r"[\s-]+", text.lower()) if t not in ("and", "oh")]
    if tokens[:2] == ["two", "thousand"]:
        return 2000 + _number(tokens[2:])
    century = TEENS.get(tokens[0]) or TENS[tokens[0]]
    rest = tokens[1:]
    return century * 100 + (0 if rest == ["hundred"] else _number(rest))


def _number(tokens: list[str]) -> int:
    total = 0
    for t in tokens:
        total += UNITS.get(t) or TEENS.get(t) or TENS.get(t, 0)
    return total


def month_number(name: str) -> int:
    return month_index()[name.lower().rstrip(".")]


def explicit_date(found: Found) -> date | None:
    """A full date written out: day, month and year. Numeric dates only when the order is unambiguous."""
    p = found.parts
    if found.kind == "iso":
        return date(int(p["year"]), int(p["month"]), int(p["day"]))
    if found.kind == "date":
        return date(int(p["year"]), month_number(p["mon"]), int(p["day"]))
    if found.kind == "numeric":
        a, b, year = int(p["a"]), int(p["b"]), int(p["year"])
        if year < 100:
            year += 2000 if year <= TWO_DIGIT_YEAR_PIVOT else 1900
        if a == b or (a <= 12 < b):
            return date(year, a, b)
        if b <= 12 < a:
            return date(year, b, a)
    return None


def shifted(pub: date, unit: str, offset: int) -> Value:
    """The day, ISO week, month or year `offset` units from the publication date."""
    if unit == "day":
        return Value((pub + timedelta(days=offset)).isoformat(), "day", "published")
    if unit == "week":
        iso = (pub + timedelta(weeks=offset)).isocalendar()
        return Value(f"{iso.year:04d}-W{iso.week:02d}", "week", "published")
    if unit == "month":
        months = pub.year * 12 + pub.month - 1 + offset
        return Value(f"{months // 12:04d}-{months % 12 + 1:02d}", "month", "published")
    return Value(f"{pub.year + offset:04d}", "year", "published")


def weekday_date(pub: date, weekday: int, tense: str | None, rel: str | None = None) -> date | None:
    """The day a weekday name refers to. "last"/"next": strictly before/after the publication day; past
    tense: the latest one on or before it ("said Wednesday" in a Wednesday story is that day); present and
    future: the next one, the publication day included; no tense: unknown."""
    back = (pub.weekday() - weekday) % 7
    ahead = (weekday - pub.weekday()) % 7
    if rel == "last":
        return pub - timedelta(days=back or 7)
    if rel == "next":
        return pub + timedelta(days=ahead or 7)
    if tense == "past":
        return pub - timedelta(days=back)
    if tense == "present" or rel == "this":
        return pub + timedelta(days=ahead)
    if tense == "future":
        return pub + timedelta(days=ahead if FUTURE_SAME_DAY else ahead or 7)
    return None


def month_of(pub: date, month: int, tense: str | None, rel: str | None = None) -> tuple[int, int] | None:
    """(year, month) of a month name: "this March" in this year, "last March" the latest before this month,
    "next March" the first after it; past tense: this month or before; future: this month or after; present
    or no tense ("In June, the group is ..."): the nearest one, unless it is six months away either way."""
    y, m = pub.year, pub.month
    if rel == "this":
        return y, month
    if rel == "last":
        return (y if month < m else y - 1), month
    if rel == "next":
        return (y if month > m else y + 1), month
    if tense == "past":
        return (y if month <= m else y - 1), month
    if tense == "future":
        return (y if month >= m else y + 1), month
    diff = (month - m) % 12
    if diff == 6:
        return None
    return (y if month >= m else y + 1, month) if diff < 6 else (y if month <= m else y - 1, month)


def day_without_year(pub: date, month: int, day: int, tense: str | None) -> date | None:
    """A "Jan. 22" without a year: past tense -> the latest on or before the publication date, future ->
    the first on or after, otherwise the nearest (refused beyond NEAREST_MAX_DAYS)."""
    options = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    if tense == "past":
        before = [d for d in options if d <= pub]
        return max(before) if before else None
    if tense == "future":
        after = [d for d in options if d >= pub]
        return min(after) if after else None
    near = [d for d in options if abs((d - pub).days) <= NEAREST_MAX_DAYS]
    return min(near, key=lambda d: abs((d - pub).days)) if near else None


def weekday_and_day(pub: date, weekday: int, day: int) -> date | None:
    """ "Thursday the 7th": the date of that day number in the publication month or a month next to it, the
    one on that weekday if there is one, else the nearest."""
    options = []
    for offset in (-1, 0, 1):
        months = pub.year * 12 + pub.month - 1 + offset
        try:
            options.append(date(months // 12, months % 12 + 1, day))
        except ValueError:
            continue
    if not options:
        return None
    fitting = [d for d in options if d.weekday() == weekday] or options
    return min(fitting, key=lambda d: abs((d - pub).days))


def anchored(previous: Value, unit: str, offset: int) -> Value | None:
    """A back-reference ("the day before", "the following month") counted from the last date before it:
    that date must be at least as precise as the unit."""
    order = ("year", "month", "week", "day")
    if previous.precision not in order or order.index(previous.precision) < order.index(unit):
        return None
    if previous.precision == "week" and unit != "week":
        return None
    try:
        if previous.precision == "week":
            year, week = previous.value.split("-W")
            base = date.fromisocalendar(int(year), int(week), 1)
        else:
            parts = [int(x) for x in previous.value.split("-")] + [1, 1]
            base = date(parts[0], parts[1], parts[2])
    except ValueError:
        return None
    value = shifted(base, unit, offset)
    return Value(value.value, value.precision, "text")


def first_weekday_on_or_after(start: date, weekday: int) -> date:
    return start + timedelta(days=(weekday - start.weekday()) % 7)


__all__ = [
    "Found",
    "Value",
    "anchored",
    "explicit_date",
    "find_expressions",
    "first_weekday_on_or_after",
    "month_number",
    "month_of",
    "resolve",
    "shifted",
    "weekday_date",
    "word_before",
    "words",
]
