"""The `times` stage: the article's publication date, and every time expression as a `TimeRef`.

Publication date cascade (each step runs only when the previous gave nothing; `published_step` names it):
  1. given / metadata: `article.published` set by the reader (the input or the page's metadata) is kept.
  2. dateline: the earliest full date of the date lines the cleaner found near the headline ("Published
     May 25, 2026", "11:48, Thu, Jul 18, 2024 | UPDATED: ..."), else a dateline opening the text
     ("KYIV, Jan. 26, 2022 (Reuters) -"). A dateline without a year ("KYIV, Jan 26 (Reuters) -") takes
     the first year that puts it on or after the newest explicit date of the text, within
     DATELINE_MAX_GAP_DAYS of it. Relative lines ("Last updated 6 hours ago") give nothing.
  3. inferred: the newest explicit full date of the text and the captions is a lower bound; the weekday the
     text gives "today's" events in the present tense ("are holding talks Wednesday") pins the date to the
     first such weekday on or after that bound. No weekday, or weekdays that disagree: no date (the lower
     bound alone is not a publication date). Sets `published_inferred`.

Time expressions are found by the patterns of `times_rules` over the text (model-free); the parse supplies
only the tense of the clause that holds a weekday or month name, and DATE entities as evidence for bare years.
Relative expressions are resolved against the publication date; without one they get no value.
The time of a clause, for the stages that date what they find, is read from `record.times` by
`lookups/clauses.py` (`clause_time`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from .records import TimeRef
from .registry import Context, stage
from .times_rules import (
    NUMBER_WORDS,
    Found,
    Value,
    anchored,
    explicit_date,
    find_expressions,
    first_weekday_on_or_after,
    month_number,
    resolve,
    word_before,
    words,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# A year-less dateline is put in a year only when that lands this close after the newest explicit date.
DATELINE_MAX_GAP_DAYS = 31
# How far up the parse a time expression looks for the verb whose tense it takes.
MAX_HEAD_STEPS = 8
HAVE_FORMS = frozenset({"have", "has", "had", "'ve", "'d"})
FULL_DATE_KINDS = ("date", "iso", "numeric")
# Relative expressions stay in the record without a value when they cannot be resolved (no publication
# date, no tense): the words are a time, only the day is unknown. A malformed explicit date is dropped.
KEEP_UNRESOLVED = frozenset(
    "weekday month month_day day_word relative ago anchored earlier later year_ago fiscal year_end".split()
)
# The date line of a wire story: "KYIV, Jan 26 (Reuters) -", "WASHINGTON, Jan. 26, 2022 —".
DATELINE_SPAN = 120
DATELINE_DASH = re.compile(r"\s[-—–]{1,2}\s")


@stage(
    "times",
    requires=["doc"],
    assigns=["times", "article.published", "article.published_inferred", "article.published_step"],
)
def find_times(ctx: Context) -> None:
    doc, article = ctx.doc, ctx.article
    has_parse = doc.has_annotation("DEP")
    is_entity = _date_entity_test(doc) if doc.has_annotation("ENT_IOB") else None
    found = find_expressions(article.text, is_entity)
    roots = {f: _root_token(doc, f) for f in found}
    tenses = {f: clause_tense(roots[f]) if has_parse else None for f in found}
    publication_date(ctx, found, tenses)
    published = _date(article.published)
    refs: list[TimeRef] = []
    last: Value | None = None  # the last date the text gave: back-references count from it
    last_at = -1
    starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]

    def same_sentence(a: int, b: int) -> bool:
        return a >= 0 and bisect_right(starts, a) == bisect_right(starts, b)

    open_ended = frozenset(words()["open_ended_lead_words"])
    for f in found:
        tense = tenses[f]
        if f.kind in ("month_day", "month") and word_before(article.text, f.start) in open_ended:
            tense = None  # "extended to Feb. 1", "from July 7": the nearest, whatever the tense
        if f.kind == "anchored":
            unit, offset = words()["anchored_phrases"][f.parts["phrase"].lower()]
            value = anchored(last, unit, offset) if last is not None else None
        elif f.kind == "earlier" and last is not None:
            value = _earlier(f, last, same_sentence(last_at, f.start))
        elif f.kind == "later":  # "two days later": only from a date the text gave
            value = _counted(f, last, 1) if last is not None else None
        else:
            value = resolve(f, published, tense)
            if value is not None and last is not None and _year_back(f) and same_sentence(last_at, f.start):
                value = _a_year_before(last) or value
        if value is not None:
            last, last_at = value, f.start
        if value is None and f.kind not in KEEP_UNRESOLVED:
            continue
        ref = TimeRef(
            text=f.text,
            span=[f.start, f.end],
            value=value.value if value else None,
            precision=value.precision if value else None,
            anchor=value.anchor if value else None,
        )
        refs.append(ref)
    ctx.record.times = refs


def _earlier(f: Found, last: Value, same: bool) -> Value | None:
    """ "two days earlier", "a year earlier", counted back from the last date the text gave; a year back
    from a month of the same sentence is that month a year before ("exports rose in May from a year
    earlier")."""
    if same and _year_back(f):
        back = _a_year_before(last)
        if back is not None:
            return back
    return _counted(f, last, -1)


def _counted(f: Found, last: Value, sign: int) -> Value | None:
    """ "two days earlier" (sign -1) or "three weeks later" (+1), counted from the last date of the text."""
    num = str(f.parts["num"]).lower()
    n = NUMBER_WORDS[num] if num in NUMBER_WORDS else int(num)
    return anchored(last, str(f.parts["unit"]).lower(), sign * n)


def _year_back(f: Found) -> bool:
    """ "a year ago", "a year earlier", "year-ago": one year before the period the sentence is about."""
    unit = str(f.parts.get("unit", "")).lower()
    one = f.kind == "year_ago" or str(f.parts.get("num", "")).lower() in ("a", "one", "1")
    return f.kind in ("ago", "year_ago", "earlier") and unit == "year" and one


def _a_year_before(previous: Value) -> Value | None:
    """The month a year before a month the same sentence named ("exports fell in September from a year
    earlier": September of the year before); None when that date is not a month."""
    if previous.precision != "month":
        return None
    value = anchored(previous, "year", -1)
    return None if value is None else Value(f"{value.value}-{previous.value[5:7]}", "month", "text")


# ---- publication date ----


def publication_date(ctx: Context, found: list[Found], tenses: dict[Found, str | None]) -> None:
    """Run the cascade of the module docstring on ctx.article."""
    article = ctx.article
    if article.published:
        return
    lower = newest_explicit_date(found, tenses, article.captions)
    today = {
        words()["weekdays"].index(f.parts["wd"].lower())
        for f in found
        if f.kind == "weekday" and not f.parts.get("rel") and tenses.get(f) == "present"
    }
    from_lines = date_from_lines(article.date_lines)
    if from_lines is None:
        from_lines = dateline_date(article.text, lower, today)
    if from_lines is not None:
        article.published, article.published_step = from_lines.isoformat(), "dateline"
        return
    inferred = infer_published(lower, today)
    if inferred is not None:
        article.published, article.published_inferred = inferred.isoformat(), True
        article.published_step = "inferred"


def newest_explicit_date(
    found: list[Found], tenses: dict[Found, str | None], captions: list[str]
) -> date | None:
    """The newest full date written in the text (not in a future clause: a scheduled vote says nothing of
    today) or in a caption."""
    dates = [_full_date(f) for f in found if f.kind in FULL_DATE_KINDS and tenses.get(f) != "future"]
    for caption in captions:
        dates += [_full_date(f) for f in find_expressions(caption) if f.kind in FULL_DATE_KINDS]
    dates = [d for d in dates if d is not None]
    return max(dates) if dates else None


def infer_published(lower: date | None, today_weekdays: set[int]) -> date | None:
    """The first day on or after `lower` with the one weekday the text gives today's events; else None."""
    if lower is None or len(today_weekdays) != 1:
        return None
    return first_weekday_on_or_after(lower, next(iter(today_weekdays)))


def date_from_lines(lines: list[str]) -> date | None:
    """The earliest full date of the page's date lines (published before updated)."""
    dates = [_full_date(f) for line in lines for f in find_expressions(line) if f.kind in FULL_DATE_KINDS]
    dates = [d for d in dates if d is not None]
    return min(dates) if dates else None


def dateline_date(text: str, lower: date | None, today_weekdays: set[int]) -> date | None:
    """The date of a dateline opening the text: "PLACE, Jan. 26, 2022 -", or "PLACE, Jan 26 (Agency) -"
    placed in a year by the lower bound (and the present-tense weekday, when there is one)."""
    head = text[:DATELINE_SPAN]
    found_dash = DATELINE_DASH.search(head)  # spaced: "WINSTON-SALEM, N.C., Jan. 26, 2022 -"
    dash = found_dash.start() if found_dash else -1
    comma = head.find(",")
    if comma <= 0 or dash <= comma or not head[:comma].strip()[:1].isupper():
        return None
    for f in find_expressions(head[:dash]):
        if f.start < comma:
            continue
        if f.kind in FULL_DATE_KINDS:
            return _full_date(f)
        if f.kind == "month_day" and lower is not None:
            return _year_for(lower, f, today_weekdays)
        break
    return None


def _year_for(lower: date, f: Found, today_weekdays: set[int]) -> date | None:
    month, day = f.parts["mon"], int(f.parts["day"])
    for year in (lower.year, lower.year + 1):
        try:
            d = date(year, month_number(month), day)
        except ValueError:
            continue
        if d >= lower:
            if (d - lower).days > DATELINE_MAX_GAP_DAYS:
                return None
            if today_weekdays and d.weekday() not in today_weekdays:
                return None
            return d
    return None


def _full_date(f: Found) -> date | None:
    try:
        return explicit_date(f)
    except ValueError:
        return None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


# ---- tense ----


def clause_tense(token: Token | None) -> str | None:
    """'past', 'present' or 'future' for the verb governing `token` (a time expression's root), or None."""
    verb = _governing_verb(token)
    if verb is None:
        return None
    return verb_tense(verb)


def verb_tense(verb: Token, depth: int = 0) -> str | None:
    w = words()
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in w["future_modals"] for a in auxes):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and not auxes and verb.lemma_ in w["future_heads"]:
        return "future"  # "the vote, expected Friday, ..."
    if verb.tag_ == "VBN" and (not auxes or any(_have(a) for a in auxes)):
        return "past"  # "has met", "announced Wednesday by ...", "Launched in June, ..."
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    if verb.tag_ in ("VB", "VBG", "VBN") and depth < MAX_HEAD_STEPS and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "xcomp" and head.lemma_ in w["future_heads"]:
            return "future"
        if verb.dep_ in ("xcomp", "advcl", "conj") and head.pos_ in ("VERB", "AUX"):
            return verb_tense(head, depth + 1)
    return None


def _have(token: Token) -> bool:
    return token.lower_.replace("’", "'") in HAVE_FORMS


def _governing_verb(token: Token | None) -> Token | None:
    for _ in range(MAX_HEAD_STEPS + 1):
        if token is None:
            return None
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _root_token(doc: Doc, f: Found) -> Token | None:
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _date_entity_test(doc: Doc) -> Callable[[int, int], bool]:
    """A test `(start, end) -> bool`: does a DATE entity of the doc cover that character span?"""
    ents = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
    starts = [s for s, _ in ents]

    def covered(start: int, end: int) -> bool:
        i = bisect_right(starts, start) - 1
        return i >= 0 and ents[i][1] >= end

    return covered


__all__ = ["date_from_lines", "dateline_date", "find_times", "infer_published"]
