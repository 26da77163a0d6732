"""The dateline of an article ("KYIV, Jan. 26 (Reuters) -", "BURNABY -") and its scope."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..lookups.kb import load_kb
from . import gazetteer
from .common import (
    MIN_POPULATION,
    Mention,
    _entries,
)
from .facilities import (
    _big_enough,
)
from .gazetteer import ADMIN1, COUNTRY, KIND, POP
from .rules import none_found, nothing, rule

if TYPE_CHECKING:
    from spacy.tokens import Doc


# A dateline: "BEIRUT (AP) —", "RALEIGH, N.C. (AP) -", "NEW DELHI:", "MANILA, Philippines –": a name in
# capitals at the start of a line or after a sentence (captures often run paragraphs together), an optional
# state or country, then an agency in brackets, a dash or a colon. At the start of a line the name may be in
# title case: "Muscat: ...", "Beijing (AsiaNews) ...".
# A month by its first letters ("Jan.", "January", "Sept"); a stage imports no other stage, so not the times
# stage's word list.
_MONTH_STEM = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_DAY = r"(?:,\s*" + _MONTH_STEM + r"[a-z]*\.?\s+\d{1,2})?"  # "Dec. 11" (UPI)

_DATELINE_TAIL = (
    r"(?:,\s*([A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2}))?"
    + _DAY
    + r"\s*(?:\([A-Za-z][\w .]{0,24}\)|[—–:]|--?\s|--\()"
)

DATELINES = (
    re.compile(r"(?:^|\n|[.!?\"”]\s+|\s{2,})([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})" + _DATELINE_TAIL),
    re.compile(r"(?:^|\n)\s*([A-Z][a-z]+(?: [A-Z][a-z]+){0,2})" + _DATELINE_TAIL),
    re.compile(
        r"\b([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})(?:,\s*([A-Z][A-Za-z.]+))?\s*\((?:AP|Reuters|AFP|UPI)\)"
    ),
)

# A town in capitals opening the text with no mark after it ("DENVER Mayor Ann Lee said ..."): a
# dateline only when it names a city of MIN_POPULATION or more.
BARE_DATELINE = re.compile(r"^\s*([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})() (?=[A-Z][a-z])")  # no state

# A byline with the reporter's town opening the text ("By Ada Obi, Kano.", "Ada Obi,Kano"): the same.
BYLINE_TOWN = re.compile(
    r"^\s*(?:By:?\s+)?[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2}\s*,\s*([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)()\s*(?:\.|\n|$)"
)

# A press release's dateline: one or more towns, then the date ("LEEDS & YORK, May 2, 2019 --",
# "Leeds and York, 4 May 2018 /PRNewswire/ --").
_MONTH = _MONTH_STEM + r"[A-Za-z]*\.?"

_TOWN = r"[A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+){0,3}"

DATED_DATELINE = re.compile(
    rf"(?:^|\n)\s*({_TOWN}(?:\s*(?:&|and|AND|/)\s*{_TOWN})*)\s*,+\s*"
    rf"(?:(?i:{_MONTH})\s+\d{{1,2}}|\d{{1,2}}\s+(?i:{_MONTH})),?\s+\d{{4}}\s*(?:--?|[—–:/])"
)

TOWN_JOINS = re.compile(r"\s*(?:&|\band\b|\bAND\b|/)\s*")


@rule("recognise.press-release-dateline", off=none_found)
def _dated_datelines(doc: Doc, text: str, gaz: gazetteer.Gazetteer, taken: set[int]) -> list[Mention]:
    """The towns of a press release's dateline, each a town of MIN_POPULATION, a state or a country."""
    out = []
    for match in DATED_DATELINE.finditer(text):
        start = match.start(1)
        for part in TOWN_JOINS.split(match.group(1)):
            begin = text.index(part, start)
            start = begin + len(part)
            span = doc.char_span(begin, start, alignment_mode="expand")
            if span is None or any(t.i in taken for t in span):
                continue
            name = part.title() if part.isupper() else part
            entries = [e for e in _entries(gaz, name) if e[KIND] != "village" and _big_enough(e)]
            if entries:
                out.append(Mention(span, begin, start, name, entries, "dateline"))
                taken.update(range(span.start, span.end))
    return out


def _datelines(doc: Doc, text: str, gaz: gazetteer.Gazetteer, taken: set[int]) -> list[Mention]:
    """The datelines of an article: a press release's towns first, then the others."""
    return [*_dated_datelines(doc, text, gaz, taken), *_wire_datelines(doc, text, gaz, taken)]


@rule("recognise.dateline", off=none_found)
def _wire_datelines(doc: Doc, text: str, gaz: gazetteer.Gazetteer, taken: set[int]) -> list[Mention]:
    """A town in capitals before an agency, a dash or a colon is where the report was filed."""
    out: list[Mention] = []
    bare = BARE_DATELINE.match(text) or BYLINE_TOWN.match(text)
    for match in [*(m for pattern in DATELINES for m in pattern.finditer(text)), *([bare] if bare else [])]:
        start, end = match.span(1)
        name = match.group(1).title()
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or any(t.i in taken for t in span) or len(name.replace(".", "")) < 3:
            continue
        named = _entries(gaz, name)
        entries = [e for e in named if e[KIND] != "village"]
        if match.re is DATELINES[1]:
            # In title case, a headline's speaker looks like a dateline ("Poll: ...", "Brooks: ..."): a
            # dateline only when a town of MIN_POPULATION, a state or a country bears the name.
            entries = [e for e in entries if _big_enough(e)]
        if match is bare:  # a city, and not the first word of a name ("WASHINGTON Post reporters")
            nxt = doc[span.end].text if span.end < len(doc) else ""
            longer = bool(load_kb().entries(f"{name} {nxt}")) or bool(load_kb().entries(f"The {name} {nxt}"))
            entries = [e for e in entries if e[KIND] == "city" and e[POP] >= MIN_POPULATION and not longer]
        scope = _dateline_scope(doc, gaz, match, taken) if named else None
        if scope is not None:
            # In the state or country the dateline names, a village of the name will do: "GREENVILLE, Calif."
            keys = {(e[COUNTRY], e[ADMIN1] if e[KIND] != "country" else None) for e in scope.entries}
            entries = [
                e for e in named if (e[COUNTRY], e[ADMIN1]) in keys or (e[COUNTRY], None) in keys
            ] or entries
        if entries:
            out.append(Mention(span, start, end, name, entries, "dateline"))
            taken.update(range(span.start, span.end))
            if scope is not None:
                out.append(scope)
                taken.update(range(scope.span.start, scope.span.end))
    return out


@rule("recognise.dateline-state", off=nothing)
def _dateline_scope(doc: Doc, gaz: gazetteer.Gazetteer, match: re.Match, taken: set[int]) -> Mention | None:
    """The state or country of a dateline ("N.C." in "RALEIGH, N.C. (AP)", "Philippines" in "MANILA,
    Philippines –"), a place of its own when the gazetteer knows it as a state, region or country."""
    if not match.group(2):
        return None
    start, end = match.span(2)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or any(t.i in taken for t in span):
        return None
    areas = ("country", "admin1", "admin2", "region")
    entries = [e for e in _entries(gaz, match.group(2)) if e[KIND] in areas]
    if not entries:
        return None
    return Mention(span, start, start + len(match.group(2)), match.group(2), entries, "dateline")
