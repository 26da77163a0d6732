"""The title of a page capture, from the header block above the article.

Step 6 of the cleaner (see ``eventwire.ingest.clean``). Candidates are headline-shaped lines in a
window before the article (never link rows, breadcrumbs or menus); a deck placed just after the true
headline is swapped back; a " | Site" suffix is dropped when the bare headline also appears.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .. import choice_models, settings
from .lines import (
    ADDRESS,
    CONTENT_WORD,
    DECK_CAPS_RATIO_MAX,
    FEATURE_CHARS,
    META_KINDS,
    STOP_WORDS,
    TITLE_MAX_WORDS,
    TITLE_MIN_WORDS,
    TRANSPARENT,
    Unit,
    furniture_hits,
    hit,
    make_unit,
    neighbour,
    norm,
)

TITLE_WINDOW = 60  # title candidates are looked for this many lines before the article
TITLE_MAX_CHARS = 300
TITLE_REPEAT_MIN_WORDS = 4
ROW_MIN_PARTS = 3  # a line cut by separators into this many parts is a link row or a breadcrumb
ROW_SHORT_PART_WORDS = 3  # ... and so is one of two parts this short each
ROW_MIN_WORDS = 10  # a line this long with no punctuation and hardly a function word is a menu
ROW_MAX_FUNCTION_WORDS = 1
ROW_MIN_CAPS = 0.9  # ... and nearly every word capitalised (a sentence-case headline is not a menu)
TITLE_REPEAT_BONUS = 4.0
TITLE_LENGTH_CAP = 12
TITLE_DISTANCE_PENALTY = 0.25
TITLE_OVERLAP_WEIGHT = 2.0  # per candidate word found in the article's first lines
TITLE_OVERLAP_MAX_WORDS = 8
TITLE_META_BONUS = 6.0  # for the line right above the header's byline and date lines
TITLE_FLIP_MARGIN = 6.0  # a deck's headline may score this much less than the deck
TITLE_GROUP_LINES = 10  # how far back the headline of a deck is looked for
TITLE_BODY_LINES = 40
DECK_MIN_WORDS = 6
DECK_MAX_LINES = 3
HEADER_META_REACH = 10  # the header's byline or date line is looked for this many lines above the article
HEADER_GAP_LINES = 3  # a choice this many non-meta lines above the header's headline is not in the header
HEADER_HEADLINE_MIN_WORDS = 4  # the header's headline is not a three-word label ("Rate this story")
HEADER_RUN_MAX = 2  # kicker and headline, or headline and deck; more candidates in a row are a list
_BLOCK_META = frozenset({"byline", "date"})
DECK_HEADLINE_MIN_SHARED = 2  # content words a headline above a deck shares with the article or the deck
KICKER_MAX_SHARED = 0  # a kicker (section label, score line) shares no content word with the article
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")
# Link rows and breadcrumbs: "Home > News > World", "Email | Print | Share", "News : Sport : Tennis".
_ROW_SEPARATOR = re.compile(r"\s*[|·•»>]\s*|\s+[:/]\s+")


_ROW_PUNCT = re.compile(r"[,;:'\"‘’“”?!.]")


def link_row(text: str) -> bool:
    """A row of links or a breadcrumb, not a headline: three or more separated parts ("Home > News >
    World"), two parts of a few words each ("Print this page | Email a friend"), or a long run of
    capitalised words with at most one function word and no punctuation ("Sport News Tennis Golf
    Racing Cricket Results Fixtures Tables Video")."""
    head = text[:FEATURE_CHARS]
    parts = [p for p in _ROW_SEPARATOR.split(head) if p.strip()]
    if len(parts) >= ROW_MIN_PARTS or (
        len(parts) == 2 and all(len(p.split()) <= ROW_SHORT_PART_WORDS for p in parts)
    ):
        return True
    words = head.split()
    if len(words) < ROW_MIN_WORDS or _ROW_PUNCT.search(head) or make_unit(0, head).caps < ROW_MIN_CAPS:
        return False
    return sum(w.lower() in STOP_WORDS for w in words) <= ROW_MAX_FUNCTION_WORDS


def title_candidate(u: Unit) -> bool:
    if (
        u.kind not in {"headline", "prose", "short", "other", "repeat", "repeat_link"}
        or len(u.text) > TITLE_MAX_CHARS
        or link_row(u.text)
    ):
        return False
    sentence = u.text.endswith(".") and not u.text.endswith("...")
    return TITLE_MIN_WORDS <= u.words <= TITLE_MAX_WORDS and not sentence


def is_deck(u: Unit) -> bool:
    return (
        u.kind in {"prose", "short", "headline"}
        and u.words >= DECK_MIN_WORDS
        and (u.kind == "prose" or u.caps <= DECK_CAPS_RATIO_MAX)
    )


def content_words(text: str) -> set[str]:
    return {w.lower() for w in CONTENT_WORD.findall(text[:FEATURE_CHARS]) if len(w) >= 3} - STOP_WORDS


def body_vocabulary(units: list[Unit], start: int, end: int) -> set[str]:
    vocab: set[str] = set()
    for u in units[start : min(end + 1, start + TITLE_BODY_LINES)]:
        if u.kind == "prose":
            vocab |= content_words(u.text)
    return vocab


def _title_score(units: list[Unit], i: int, start: int, ctx: tuple[Counter[str], set[str]]) -> float:
    repeats, vocab = ctx
    u = units[i]
    dist = sum(units[k].kind not in TRANSPARENT for k in range(i + 1, start))
    words = content_words(u.text)
    overlap = min(len(words & vocab), TITLE_OVERLAP_MAX_WORDS)
    score = min(u.words, TITLE_LENGTH_CAP) - TITLE_DISTANCE_PENALTY * dist + TITLE_OVERLAP_WEIGHT * overlap
    if u.words >= TITLE_REPEAT_MIN_WORDS and repeats[norm(u.text)] >= 2:
        score += TITLE_REPEAT_BONUS
    return score


def _headline_before(units: list[Unit], best: int, score: Any) -> int:
    """The headline of the header group ending with the deck `best`: the earliest candidate of
    the run of candidates (meta lines may sit between) that scores close enough to the deck."""
    group = []
    for j in range(best - 1, max(-1, best - TITLE_GROUP_LINES), -1):
        u = units[j]
        if u.kind in META_KINDS:
            continue
        if not title_candidate(u):
            break
        group.append(j)
    close = [j for j in group if score(j) >= score(best) - TITLE_FLIP_MARGIN]
    return min(close) if close else best


def _after_header(units: list[Unit], i: int) -> bool:
    prev = neighbour(units, i, -1)
    return prev is not None and prev.kind == "header"


def line_above_meta(units: list[Unit], start: int) -> int | None:
    """The line just above the header's byline or date lines: in "Headline / By A. Writer / May 2,
    2024 / first paragraph" the headline is the first candidate met walking up from the body over
    meta lines, when at least one byline or date line was crossed."""
    crossed = False
    for j in range(start - 1, max(-1, start - TITLE_GROUP_LINES), -1):
        u = units[j]
        if u.kind in META_KINDS:
            crossed = True
        elif u.kind not in TRANSPARENT:
            return j if crossed and title_candidate(u) else None
    return None


# --- the learned ranker --------------------------------------------------------------------------
FEATURES = (
    "lines_between",  # log(1 + non-transparent lines between the candidate and the article)
    "distance",  # log(1 + all lines between)
    "length",  # words / 10, at most 2
    "very_short",  # three words or fewer
    "body_overlap",  # content words shared with the article's first lines / 4, at most 2
    "body_overlap_share",  # ... as a share of the candidate's content words
    "repeated",  # the same line appears elsewhere on the page
    "echoed",  # the line is part of a longer one ("Headline | Site", the document title)
    "above_meta",  # the line right above the header's byline and date lines
    "meta_below",  # a byline, credit or date line lies between it and the article
    "candidate_above",  # another title candidate right above (meta lines aside)
    "candidate_below",  # another title candidate right below, before the article
    "capitalised",  # share of capitalised content words
    "question_or_exclamation",  # ends with ? or !
    "kind_prose",
    "kind_short",
    "kind_other",
    "kind_repeated",
    "addresses_reader",  # you, your, our, we, us
    "digit_share",
    "after_section_header",  # right after "Most read", "Related stories" and the like
    "ends_with_colon",
    "web_address",  # a URL or a domain name ("www.example.com")
    "caption_shape",  # ends like a caption: a bracketed or slashed credit ("... [Agency]", "... / Agency")
    "starts_lowercase",  # a fragment, not a headline
)
_WEB_ADDRESS = re.compile(r"https?://|\bwww\.|\w\.(?:com|org|net|co\.\w\w)\b", re.IGNORECASE)
_CAPTION_END = re.compile(r"(?:[)\]]|\s/\s*[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){0,3})$")
_ATTACHED_TAIL = re.compile(
    r"\s+(?:by:\s.*|(?:https?://|www\.)\S+.*|\d{4}-\d{2}-\d{2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)$",
    re.IGNORECASE,
)
# "... last updated: June 3, 2025": a time stamp when what follows the word is a date or a clock time
_STAMP = re.compile(r"\s+(?:last\s+)?(?:updated|posted|published):?\s+(?P<when>.*)$", re.IGNORECASE)
ECHO_MAX_WORDS = 40  # lines longer than this are not searched for an echo of a candidate
MODEL_FILE = "titles.json"


@dataclass
class Page:
    """What the features of one capture's candidates need, computed once."""

    units: list[Unit]
    start: int
    vocab: set[str]
    above_meta: int | None
    lines: list[str]  # normalised short lines, for echoes


def page_context(units: list[Unit], start: int, end: int) -> Page:
    lines = [norm(u.text) for u in units if u.words <= ECHO_MAX_WORDS]
    return Page(units, start, body_vocabulary(units, start, end), line_above_meta(units, start), lines)


def _next_line(units: list[Unit], i: int, step: int, stop: int) -> Unit | None:
    j = i + step
    while 0 <= j < stop:
        if units[j].kind not in META_KINDS:
            return units[j]
        j += step
    return None


def features(page: Page, i: int) -> list[float]:
    """The FEATURES of candidate line `i`, in order."""
    units, start = page.units, page.start
    u = units[i]
    between = units[i + 1 : start]
    words = content_words(u.text)
    overlap = len(words & page.vocab)
    own = norm(u.text)
    above, below = _next_line(units, i, -1, start), _next_line(units, i, 1, start)
    kind = u.kind
    return [
        math.log1p(sum(v.kind not in TRANSPARENT for v in between)),
        math.log1p(len(between)),
        min(u.words, 20) / 10,
        float(u.words <= 3),
        min(overlap, 8) / 4,
        overlap / max(1, len(words)),
        float(u.copies >= 2),
        float(any(own in line and own != line for line in page.lines)),
        float(i == page.above_meta),
        float(any(v.kind in {"byline", "credit", "date"} for v in between)),
        float(above is not None and title_candidate(above)),
        float(below is not None and title_candidate(below)),
        u.caps,
        float(u.text.endswith(("?", "!"))),
        float(kind == "prose"),
        float(kind == "short"),
        float(kind == "other"),
        float(kind in {"repeat", "repeat_link"}),
        float(ADDRESS.search(u.text[:FEATURE_CHARS]) is not None),
        sum(ch.isdigit() for ch in u.text) / max(1, len(u.text)),
        float(_after_header(units, i)),
        float(u.text.endswith(":")),
        float(_WEB_ADDRESS.search(u.text[:FEATURE_CHARS]) is not None),
        float(_CAPTION_END.search(u.text[:FEATURE_CHARS]) is not None),
        float(u.text[:1].islower()),
    ]


@dataclass
class Ranker:
    weights: list[float]
    about: dict[str, Any]

    def score(self, x: list[float]) -> float:
        return sum(w * v for w, v in zip(self.weights, x, strict=True))

    def to_json(self) -> str:
        weights = {name: round(float(w), 6) for name, w in zip(FEATURES, self.weights, strict=True)}
        return json.dumps({"features": weights, "about": self.about}, indent=1) + "\n"


def read(text: str) -> Ranker:
    """A ranker file written by `eventwire train titles`."""
    data = json.loads(text)
    weights = data["features"]
    missing = [name for name in FEATURES if name not in weights]
    if missing:
        raise ValueError(f"no weight for {missing[0]!r}")
    return Ranker([float(weights[name]) for name in FEATURES], data.get("about", {}))


@functools.cache
def _ranker(choice: str) -> Ranker | None:
    return choice_models.load(
        choice,
        "eventwire.ingest",
        MODEL_FILE,
        "title ranker",
        "EVENTWIRE_TITLE_RANKER",
        "eventwire train titles",
        lambda path: read(path.read_text(encoding="utf-8")),
    )


def ranker() -> Ranker | None:
    """The ranker the settings choose, or None for the hand-set score."""
    return _ranker(str(settings.get("title_ranker")))


def candidates(units: list[Unit], start: int) -> list[int]:
    """Title candidates: headline-shaped lines in the window before the article."""
    return [i for i in range(max(0, start - TITLE_WINDOW), start) if title_candidate(units[i])]


def find_title(units: list[Unit], start: int, end: int, repeats: Counter[str]) -> int | None:
    model = ranker()
    if model is not None:
        cands = candidates(units, start)
        if not cands:
            return None
        page = page_context(units, start, end)
        best = max(cands, key=lambda i: (model.score(features(page, i)), i))
        return headline_of_deck(page, headline_below_kicker(page, header_headline(units, start, best)))
    return rules_title(units, start, end, repeats)


def header_headline(units: list[Unit], start: int, best: int) -> int:
    """`best`, or the headline of the header block when `best` lies far above that block. The block
    is anchored on the byline or date line nearest the article (within HEADER_META_REACH lines); its
    headline is the first candidate above the anchor's meta lines. A choice HEADER_GAP_LINES or more
    non-meta lines above that headline is page furniture: in "Weekend offers for readers / Sport /
    Weather / Puzzles / Letters / Harbour ferry fares to rise / By A. Writer / June 3, 2025 / first
    paragraph" the ferry line is the headline, however well the offer line scores."""
    for j in range(start - 1, max(-1, start - HEADER_META_REACH), -1):
        if units[j].kind in _BLOCK_META:
            break
    else:
        return best
    k = j - 1
    while k >= 0 and (units[k].kind in META_KINDS or units[k].kind in TRANSPARENT):
        k -= 1
    if k <= best or not title_candidate(units[k]) or units[k].words < HEADER_HEADLINE_MIN_WORDS:
        return best
    run = 1  # candidates in a row ending at the anchor: a list of links, not a header
    for v in reversed(units[best + 1 : k]):
        if v.kind in _BLOCK_META:
            break  # a byline or date line closes the block above
        if v.kind in META_KINDS or v.kind in TRANSPARENT:
            continue
        if not title_candidate(v):
            break
        run += 1
    if run > HEADER_RUN_MAX:
        return best
    gap = sum(v.kind not in TRANSPARENT and v.kind not in META_KINDS for v in units[best + 1 : k])
    return k if gap >= HEADER_GAP_LINES else best


def headline_below_kicker(page: Page, best: int) -> int:
    """The headline when `best` is the kicker above it: a line sharing at most KICKER_MAX_SHARED
    content words with the article's first lines gives way to the candidate right below it (only
    transparent lines between) when that one shares DECK_HEADLINE_MIN_SHARED or more. In "Regional
    Affairs / Council votes to reopen Mill Street bridge / first paragraph" the section label is the
    kicker. A chosen line printed twice on the page is the headline itself."""
    units = page.units
    if units[best].copies >= 2:
        return best
    if len(content_words(units[best].text) & page.vocab) > KICKER_MAX_SHARED:
        return best
    for j in range(best + 1, page.start):
        u = units[j]
        if u.kind in TRANSPARENT:
            continue
        if not title_candidate(u):
            return best
        shared = len(content_words(u.text) & page.vocab)
        return j if shared >= DECK_HEADLINE_MIN_SHARED else best
    return best


def headline_of_deck(page: Page, best: int) -> int:
    """The headline when `best` is the deck below it: the candidate right above `best` (only meta,
    furniture and caption lines between, at most TITLE_GROUP_LINES lines up) when it is about the
    article, sharing DECK_HEADLINE_MIN_SHARED content words with the article's first lines or with
    `best`. In "Bridge reopens after storm repairs / Crews worked through the night to finish the
    bridge deck / By A. Writer" the first line is the headline however long the second; a menu line
    right above a headline ("Larger text Smaller text") shares no words with the article. A chosen line
    printed twice on the page is the headline itself (its deck may stand above the second copy)."""
    units = page.units
    if units[best].copies >= 2:
        return best  # printed twice on the page: the headline itself
    for j in range(best - 1, max(-1, best - TITLE_GROUP_LINES), -1):
        u = units[j]
        if u.kind in TRANSPARENT:
            continue
        if not title_candidate(u):
            break
        words = content_words(u.text)
        shared = max(len(words & page.vocab), len(words & content_words(units[best].text)))
        return j if shared >= DECK_HEADLINE_MIN_SHARED else best
    return best


def rules_title(units: list[Unit], start: int, end: int, repeats: Counter[str]) -> int | None:
    """The hand-set score (the setting title_ranker=off), kept to measure what the ranker buys."""
    cands = [i for i in candidates(units, start) if not _after_header(units, i)]
    if not cands:
        return None
    ctx = (repeats, body_vocabulary(units, start, end))
    above_meta = line_above_meta(units, start)

    def score(i: int) -> float:
        return _title_score(units, i, start, ctx) + (TITLE_META_BONUS if i == above_meta else 0.0)

    best = max(cands, key=lambda i: (score(i), i))
    if repeats[norm(units[best].text)] < 2:
        return _headline_before(units, best, score)
    return best


def bare_title(text: str, lines: set[str]) -> str:
    """The headline without what the page attached to it: a " | Site" part when the bare headline also
    appears on the page, and page furniture at either end (see ``_strip_attached``)."""
    for sep in _TITLE_SEPARATORS:
        if sep in text:
            head, _, tail = text.rpartition(sep)
            for part in (head, tail):
                if norm(part) in lines and len(part.split()) >= TITLE_MIN_WORDS:
                    return part.strip()
    return _strip_attached(text)


def _strip_attached(text: str) -> str:
    """Drop a tail that is a byline, a time stamp or a web address ("Bridge reopens after repairs by:
    Dana Whitlock", "... last updated: June 3, 2025 6:15 PM", "... www.example.com 2025-06-03 18:15"), and
    a head that is a page tool or a breadcrumb ending in a separator ("Share this story : Bridge
    reopens", "Home : Bridge reopens"), when a headline of TITLE_MIN_WORDS words is left."""
    m = _ATTACHED_TAIL.search(text)
    stamp = _STAMP.search(text)
    if stamp and hit("dates", stamp.group("when")) and (m is None or stamp.start() < m.start()):
        m = stamp
    if m and len(text[: m.start()].split()) >= TITLE_MIN_WORDS:
        text = text[: m.start()].rstrip(" -–—|:")
    head, sep, rest = text.partition(" : ")
    if sep and len(rest.split()) >= TITLE_MIN_WORDS and (furniture_hits(head) or head.casefold() == "home"):
        text = rest
    return text


def find_decks(units: list[Unit], title: int, start: int) -> list[int]:
    out: list[int] = []
    for j in range(title + 1, start):
        u = units[j]
        if norm(u.text) == norm(units[title].text) or u.kind in TRANSPARENT:
            continue
        if not is_deck(u) or len(out) >= DECK_MAX_LINES:
            break
        out.append(j)
    return out
