"""Clean plain-text captures of news pages (every visible text block, furniture included).

A naive scraper saves a page as text blocks separated by blank lines: menus, cookie and share
lines, "Advertisement", captions (often twice), author boxes, "Read more" lists and footers come
along with the article.  ``clean_capture`` recovers the article with a scored cascade of named
steps (in the spirit of trafilatura / jusText, but on plain text only):

1. units       split into lines, strip bullets, re-join paragraphs broken by hard wraps.
2. classify    give every line a kind from local evidence: layout placeholders, credit sentences,
               photo credits, section headers ("Read more", "Most read"...), bylines, date lines,
               furniture vocabulary (share / subscribe / cookie / newsletter / ad words, see
               boilerplate.yaml), lines repeated many times, then by shape: ``prose`` (sentence
               punctuation, enough words, sentence case), ``short`` prose, ``headline``-like lines
               and ``other`` (menu items).
3. captions    mark photo captions: inline markers ("(Image: ...)", "FILE - ", "Photo by", agency
               names), a line followed by a credit-only line, a line after a gallery marker, a
               trailing credit after the last sentence, and near-identical lines close together.
4. smooth      lines wedged between furniture lines with furniture words of their own become
               furniture (paywall and registration boxes).
5. region      prose lines with a prose neighbour (furniture, captions and the like are
               transparent) are *anchored*; anchored lines form clusters split by long runs of
               other lines; the cluster with most prose is the article; it is extended by a few
               isolated prose lines on each side.
6. title       the headline-like line before the article that scores best on length, repetition
               on the page and closeness; a deck placed just after the true headline is swapped
               back; a " | Site" suffix is dropped when the bare headline also appears.
7. body        the standfirst (decks right after the title), then the region's prose; lines after
               a section header are skipped until anchored prose resumes; trailing author blurbs
               and notes are trimmed.
8. metadata    byline and outlet ("By X, Outlet", an author box of the outlet), wire credits
               (credit sentences, "(AP) -" datelines), captions once each, date lines near the
               headline, and every removed line in page order.

Plain article text (paragraphs, maybe a headline) has no furniture: ``looks_like_capture`` says
so and ``clean_capture`` then returns the paragraphs unchanged, taking only a headline as title.
All work per line is bounded (long lines are inspected on a prefix), so time stays linear.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

# --- thresholds (named so they can be tuned in one place) -------------------------------------
FEATURE_CHARS = 2000  # only this prefix of a line is inspected by the patterns
PROSE_MIN_WORDS = 8  # a punctuated line with at least this many words can be prose
LONG_LINE_WORDS = 30  # an unpunctuated line this long is prose anyway
SHORT_PROSE_MIN_WORDS = 3  # shorter punctuated lines are "short" prose
CAPS_RATIO_MAX = 0.6  # prose has at most this share of capitalised content words
DECK_CAPS_RATIO_MAX = 0.5  # decks (standfirsts) are in sentence case
FURNITURE_SHORT_WORDS = 12  # a line this short with one furniture hit is furniture
FURNITURE_DENSITY = 8  # ... a longer one needs one hit per this many words
FURNITURE_ADDRESS_WORDS = 30  # ... or must address the reader ("your", "our") up to this length
REPEAT_MIN = 3  # a short line seen this often is page furniture
REPEAT_MAX_WORDS = 10
REPEAT_SEPARATOR_WORDS = 3  # longer repeated lines are headlines of link lists, not separators
SECTION_HEADER_MAX_WORDS = 8
DATE_LINE_MAX_WORDS = 15
CAPTION_MAX_WORDS = 80
CAPTION_MIN_WORDS = 4
CREDIT_LINE_MAX_WORDS = 60
NEAR_DUP_WINDOW = 3  # identical captions are this close to each other
ANCHOR_MAX_SKIP = 12  # transparent lines skipped when looking for a prose neighbour
MAX_GAP_LINES = 25  # more non-transparent lines than this split article clusters
EXTEND_MAX_CROSS = 2  # non-prose lines crossed when extending the region by isolated prose
TITLE_WINDOW = 60  # title candidates are looked for this many lines before the article
TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 30
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
META_WINDOW = 6  # bylines and date lines are looked for this close to the headline
MAX_DATE_LINES = 6
BYLINE_MAX_NAME_WORDS = 6
CREDIT_NAME_MAX_WORDS = 10  # a credit line without "By" is at most this long
CREDIT_MIN_CAPS = 0.5  # an outlet name alone is mostly capitalised ("Markets cheer jobs news" is a headline)
AUTHOR_BOX_MAX_WORDS = 6
PLAIN_MAX_ODD_LINES = 2  # a plain article may have this many non-prose lines (subheadings)

TRANSPARENT = frozenset(
    {
        "placeholder",
        "credit_line",
        "credit_only",
        "furniture",
        "repeat",
        "caption",
        "dup",
        "date",
        "quote",
        "note",
        "teaser",
        "byline",
        "gallery",
    }
)
PROSE_KINDS = frozenset({"prose", "short"})
META_KINDS = frozenset(
    {"furniture", "date", "byline", "credit", "caption", "dup", "credit_only", "placeholder", "gallery"}
)
_NAME_PARTICLES = frozenset("de van der den al bin da von la le du del and &".split())
CLUSTER_LINE_WORDS_CAP = 150  # one very long line does not outweigh a run of paragraphs

_WORD = re.compile(r"\w+")
_CONTENT_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_END_SENTENCE = re.compile(r"[.!?…][\"”’')\]]*$")
_BULLET = re.compile(r"^[\s•·▪◦●■►▶*]+(?=\S)")
_STOP = frozenset("the and with from that this into over for of in on at to a an as by or but is are".split())
_TAIL_CREDIT = re.compile(
    r"^(?P<cap>.{20,}?[.!?][\"”’]?)\s*(?P<credit>[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|for|of|the|and|via|/|&)){0,6})$"
)
_BYLINE = re.compile(
    r"^(?:(?:written|reported|contributed|posted|story)\s+)?by:?\s+(?P<rest>[A-Z].*)$", re.IGNORECASE
)
_NAME_CUT = re.compile(r"\s*(?:,|\s[-–—|]\s|\|| in |\d|(?<=[a-z])(?=[A-Z][a-z]+ \d))")
_DATELINE_CREDIT = re.compile(r"^[A-Z][\w .,'’-]{1,60}\((?P<wire>[A-Za-z .-]{2,30})\)\s*[-–—]")
_ADDRESS = re.compile(r"\b(you|your|our|we|us|i would like)\b", re.IGNORECASE)
_ATTRIBUTION = re.compile(r"^[—–]\s*\S")
_SOCIAL_SUFFIX = re.compile(r"(Twitter|Facebook|Email|LinkedIn|Instagram|@\w+)+$")
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")
# Link rows and breadcrumbs: "Home > News > World", "Email | Print | Share", "News : Sport : Tennis".
_ROW_SEPARATOR = re.compile(r"\s*[|·•»>]\s*|\s+[:/]\s+")
_ROW_PUNCT = re.compile(r"[,;:'\"‘’“”?!.]")


@dataclass
class CleanResult:
    title: str | None
    body: str  # paragraphs joined by "\n\n"
    outlet: str | None = None  # e.g. "VOA News" from an author box / "By X, Outlet" line, else None
    byline: str | None = None  # e.g. "Ben Andrews" from "By Ben Andrews", else None
    credits: list[str] = field(default_factory=list)  # wire services credited, canonical names
    captions: list[str] = field(default_factory=list)  # each caption once
    date_lines: list[str] = field(default_factory=list)  # raw lines like "Published May 25, 2026"
    removed: list[str] = field(default_factory=list)  # every removed line, in page order


@dataclass
class _Unit:
    idx: int
    text: str
    words: int
    caps: float
    ends: bool
    kind: str = "other"
    hits: int = 0
    copies: int = 1
    anchored: bool = False


@dataclass
class _Patterns:
    groups: dict[str, re.Pattern[str]]
    wires: list[tuple[str, re.Pattern[str]]]


# --- data ----------------------------------------------------------------------------------------
def _compile(entries: Iterable[dict[str, Any]]) -> re.Pattern[str]:
    pats = [p for e in entries for p in e.get("patterns", [])]
    return re.compile("|".join(f"(?:{p})" for p in pats) or r"(?!x)x", re.IGNORECASE)


def _compile_wires(data: dict[str, Any]) -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for name, spec in (data or {}).items():
        alts = [re.escape(a) for a in spec.get("aliases", [])]
        alts = [f"(?i:{a})" for a in alts] + [re.escape(a) for a in spec.get("case_sensitive", [])]
        if alts:
            out.append((name, re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])")))
    return out


@functools.cache
def _patterns() -> _Patterns:
    raw = importlib.resources.files("eventwire.ingest").joinpath("boilerplate.yaml").read_text("utf-8")
    data = yaml.safe_load(raw) or {}
    groups = {k: _compile(v) for k, v in data.items() if k != "wire_services" and isinstance(v, list)}
    return _Patterns(groups=groups, wires=_compile_wires(data.get("wire_services", {})))


def _hit(group: str, text: str) -> bool:
    return _patterns().groups[group].search(text[:FEATURE_CHARS]) is not None


# --- step 1: units -------------------------------------------------------------------------------
def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    cur: list[str] = []
    for raw in text.splitlines():
        line = " ".join(_BULLET.sub("", raw).split()) if len(raw) < FEATURE_CHARS * 50 else raw.strip()
        if line:
            cur.append(line)
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    return blocks


def _broken(prev: str, nxt: str) -> bool:
    """True when `nxt` continues the sentence of `prev` (hard wrap or a split paragraph)."""
    if _END_SENTENCE.search(prev) or prev.endswith((":", ";")) or not nxt[:1].islower():
        return False
    if len(nxt.split()) < 2 or len(prev.split()) < PROSE_MIN_WORDS:
        return False
    return _make_unit(0, prev).caps <= CAPS_RATIO_MAX


def _make_unit(idx: int, text: str) -> _Unit:
    head = text[:FEATURE_CHARS]
    words = len(_WORD.findall(head))
    content = [w for w in _CONTENT_WORD.findall(head) if len(w) >= 4 and w.lower() not in _STOP]
    caps = sum(w[0].isupper() for w in content[1:]) / max(1, len(content) - 1)
    return _Unit(idx=idx, text=text, words=words, caps=caps, ends=bool(_END_SENTENCE.search(text)))


def _units(blocks: list[list[str]]) -> list[_Unit]:
    lines: list[str] = []
    for block in blocks:
        for line in block:
            if lines and _broken(lines[-1], line):
                lines[-1] = f"{lines[-1]} {line}"
            else:
                lines.append(line)
    return [_make_unit(i, t) for i, t in enumerate(lines)]


# --- step 2: classify ----------------------------------------------------------------------------
def _furniture_hits(text: str) -> int:
    return _furniture_hits_cached(text[:FEATURE_CHARS])


@functools.lru_cache(maxsize=1 << 16)
def _furniture_hits_cached(head: str) -> int:
    pat = _patterns().groups["furniture"]
    if pat.search(head) is None:
        return 0
    return len({m.group(0).lower() for m in pat.finditer(head)})


def _is_prose(u: _Unit) -> bool:
    if u.words >= LONG_LINE_WORDS and u.caps <= CAPS_RATIO_MAX:
        return True
    if u.words < PROSE_MIN_WORDS or not (u.ends or (u.text.endswith(":") and u.words >= 10)):
        return False
    return u.words >= 15 or u.caps <= CAPS_RATIO_MAX


def _is_short_prose(u: _Unit) -> bool:
    first = u.text[:1]
    return (
        SHORT_PROSE_MIN_WORDS <= u.words < PROSE_MIN_WORDS
        and u.ends
        and u.caps <= DECK_CAPS_RATIO_MAX
        and (first.isupper() or first.isdigit() or first in "\"“‘'")
    )


def _is_byline(text: str) -> bool:
    m = _BYLINE.match(text)
    if not m or len(text.split()) > 25:
        return False
    name = _NAME_CUT.split(m.group("rest"), maxsplit=1)[0]
    parts = name.split()
    ok = all(p[:1].isupper() or p in _NAME_PARTICLES for p in parts)
    return ok and 0 < len(parts) <= BYLINE_MAX_NAME_WORDS


def _is_credit(text: str) -> bool:
    """A reporter or agency credit without "By": "Jane Roe, Example News Service", "THE DAILY
    EXAMPLE" (an outlet's name), "Jane Roe and John Doe, Example Press"."""
    words = text.split()
    if len(words) > CREDIT_NAME_MAX_WORDS or _END_SENTENCE.search(text):
        return False
    parts = [p.strip() for p in re.split(r"[,;]", text) if p.strip()]
    if len(parts) == 1:  # an outlet's name alone is a proper name: most words capitalised
        names = [w for w in words if w[:1].isalpha() and w.lower() not in _STOP]
        capitalised = sum(w[:1].isupper() for w in names)
        return capitalised >= CREDIT_MIN_CAPS * len(names) and _org_or_none(text) is not None
    name = parts[0].split()
    if not (
        0 < len(name) <= BYLINE_MAX_NAME_WORDS and all(w[:1].isupper() or w in _NAME_PARTICLES for w in name)
    ):
        return False
    return any(_org_or_none(p) is not None for p in parts[1:])


def _shape_kind(u: _Unit) -> str:
    if _is_prose(u):
        return "prose"
    if _is_short_prose(u):
        return "short"
    if TITLE_MIN_WORDS <= u.words <= TITLE_MAX_WORDS and not u.text.endswith("."):
        return "headline"
    return "other"


def _kind(u: _Unit, repeats: Counter[str]) -> str:
    t = u.text
    if u.words <= 25 and _hit("gallery_markers", t):
        return "gallery"
    if _hit("placeholders", t):
        return "placeholder"
    if u.words <= CREDIT_LINE_MAX_WORDS and _hit("credit_sentences", t):
        return "credit_line"
    if u.words <= 16 and _hit("credit_only", t):
        return "credit_only"
    if u.words <= SECTION_HEADER_MAX_WORDS and _hit("section_headers", t):
        return "header"
    if _hit("teaser_prefixes", t) and u.words <= 30:
        return "teaser"
    if _is_byline(t):
        return "byline"
    if _is_credit(t):
        return "credit"
    if _hit("editor_notes", t):
        return "note"
    u.hits = _furniture_hits(t)
    if u.hits and (
        u.words <= FURNITURE_SHORT_WORDS
        or u.hits * FURNITURE_DENSITY >= u.words
        or (u.words <= FURNITURE_ADDRESS_WORDS and _ADDRESS.search(t[:FEATURE_CHARS]))
    ):
        return "furniture"
    if u.words <= DATE_LINE_MAX_WORDS and not (u.ends and u.words >= PROSE_MIN_WORDS) and _hit("dates", t):
        return "date"
    if u.words <= REPEAT_MAX_WORDS and repeats[_norm(t)] >= REPEAT_MIN:
        return "repeat" if u.words <= REPEAT_SEPARATOR_WORDS else "repeat_link"
    return _shape_kind(u)


def _norm(text: str) -> str:
    return " ".join(text[:FEATURE_CHARS].split()).casefold()


def _classify(units: list[_Unit]) -> Counter[str]:
    repeats = Counter(_norm(u.text) for u in units if u.words <= TITLE_MAX_WORDS)
    for u in units:
        u.kind = _kind(u, repeats)
        u.copies = repeats[_norm(u.text)] if u.words <= TITLE_MAX_WORDS else 1
    return repeats


# --- step 3: captions, pull quotes ---------------------------------------------------------------
def _caption_key(text: str) -> str:
    m = _TAIL_CREDIT.match(text) if not _END_SENTENCE.search(text) else None
    return _norm(m.group("cap") if m else text)


def _captionable(u: _Unit) -> bool:
    return u.kind in {"prose", "short", "headline", "other"} and u.words <= CAPTION_MAX_WORDS


def _is_caption(units: list[_Unit], i: int) -> bool:
    u = units[i]
    if _hit("caption_inline", u.text):
        return True
    if i + 1 < len(units) and units[i + 1].kind == "credit_only" and u.words >= CAPTION_MIN_WORDS:
        return True
    if i > 0 and units[i - 1].kind == "gallery":
        return True
    if i > 1 and units[i - 1].kind == "credit_only" and not u.ends and u.words >= CAPTION_MIN_WORDS:
        return units[i - 2].kind != "caption" and not _hit("caption_inline", units[i - 2].text)
    if u.ends or u.words < 6:
        return False
    m = _TAIL_CREDIT.match(u.text[:FEATURE_CHARS])
    return bool(m) and len(m.group("credit").split()) <= 7


def _mark_captions(units: list[_Unit]) -> None:
    for i, u in enumerate(units):
        if _captionable(u) and _is_caption(units, i):
            u.kind = "caption"
    recent: dict[str, int] = {}
    for i, u in enumerate(units):
        if u.words < 5 or u.kind not in {"prose", "short", "headline", "caption"}:
            continue
        if not (u.kind == "caption" or u.text.endswith(".") or _TAIL_CREDIT.match(u.text[:FEATURE_CHARS])):
            continue
        key = _caption_key(u.text)
        j = recent.get(key)
        if j is not None and i - j <= NEAR_DUP_WINDOW:
            if units[j].kind != "caption" and units[j].words <= CAPTION_MAX_WORDS:
                units[j].kind = "caption"  # a short line printed twice is a caption; a long one, body twice
            u.kind = "dup"
        recent[key] = i


def _mark_quotes(units: list[_Unit]) -> None:
    """A pull quote or an embedded post is followed by an attribution line ("— Name")."""
    for i in range(1, len(units)):
        u = units[i]
        quoted = units[i - 1].kind in {"prose", "short", "headline"}
        if quoted and u.words <= DATE_LINE_MAX_WORDS and _ATTRIBUTION.match(u.text):
            u.kind = "quote"
            units[i - 1].kind = "quote"


# --- step 4: smoothing ---------------------------------------------------------------------------
def _smooth(units: list[_Unit]) -> None:
    """Lines inside a run of furniture are furniture when they carry furniture words or are short."""
    flips = []
    for i in range(1, len(units) - 1):
        u = units[i]
        if u.kind not in {"prose", "short", "headline", "other"}:
            continue
        walled = units[i - 1].kind == "furniture" and units[i + 1].kind == "furniture"
        if walled and (u.kind in {"short", "other"} or _furniture_hits(u.text)):
            flips.append(u)
    for u in flips:
        u.kind = "furniture"


# --- step 5: region ------------------------------------------------------------------------------
def _neighbour(units: list[_Unit], i: int, step: int) -> _Unit | None:
    j = i + step
    for _ in range(ANCHOR_MAX_SKIP):
        if not 0 <= j < len(units):
            return None
        if units[j].kind not in TRANSPARENT:
            return units[j]
        j += step
    return None


def _anchor(units: list[_Unit]) -> list[int]:
    out = []
    for i, u in enumerate(units):
        if u.kind != "prose" or u.copies > 1:
            continue
        prev, nxt = _neighbour(units, i, -1), _neighbour(units, i, 1)
        u.anchored = any(n is not None and n.kind in PROSE_KINDS for n in (prev, nxt))
        if u.anchored:
            out.append(i)
    return out


def _clusters(units: list[_Unit], anchored: list[int]) -> list[list[int]]:
    clusters: list[list[int]] = []
    for i in anchored:
        if clusters:
            last = clusters[-1][-1]
            gap = sum(units[k].kind not in TRANSPARENT for k in range(last + 1, i))
            if gap <= MAX_GAP_LINES:
                clusters[-1].append(i)
                continue
        clusters.append([i])
    return clusters


def _region(units: list[_Unit]) -> tuple[int, int] | None:
    anchored = _anchor(units)
    if not anchored:
        prose = [i for i, u in enumerate(units) if u.kind == "prose"]
        if not prose:
            return None
        best = max(prose, key=lambda i: units[i].words)
        return best, best

    def weight(c: list[int]) -> int:
        span = units[c[0] : c[-1] + 1]
        return sum(min(u.words, CLUSTER_LINE_WORDS_CAP) for u in span if u.kind == "prose")

    best_cluster = max(_clusters(units, anchored), key=weight)
    return best_cluster[0], best_cluster[-1]


def _extend(units: list[_Unit], start: int, stop: int, step: int) -> int:
    """Move the region edge `start` over isolated prose lines, never reaching `stop`."""
    edge, crossed, j = start, 0, start + step
    while j != stop and 0 <= j < len(units):
        k = units[j].kind
        if k == "header" or _hit("author_blurbs", units[j].text):
            break
        if k == "prose":
            edge, crossed = j, 0
        elif k not in TRANSPARENT:
            crossed += 1
            if crossed > EXTEND_MAX_CROSS:
                break
        j += step
    return edge


# --- step 6: title -------------------------------------------------------------------------------
def _link_row(text: str) -> bool:
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
    if len(words) < ROW_MIN_WORDS or _ROW_PUNCT.search(head) or _make_unit(0, head).caps < ROW_MIN_CAPS:
        return False
    return sum(w.lower() in _STOP for w in words) <= ROW_MAX_FUNCTION_WORDS


def _title_candidate(u: _Unit) -> bool:
    if (
        u.kind not in {"headline", "prose", "short", "other", "repeat", "repeat_link"}
        or len(u.text) > TITLE_MAX_CHARS
        or _link_row(u.text)
    ):
        return False
    sentence = u.text.endswith(".") and not u.text.endswith("...")
    return TITLE_MIN_WORDS <= u.words <= TITLE_MAX_WORDS and not sentence


def _is_deck(u: _Unit) -> bool:
    return (
        u.kind in {"prose", "short", "headline"}
        and u.words >= DECK_MIN_WORDS
        and (u.kind == "prose" or u.caps <= DECK_CAPS_RATIO_MAX)
    )


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in _CONTENT_WORD.findall(text[:FEATURE_CHARS]) if len(w) >= 3} - _STOP


def _body_vocabulary(units: list[_Unit], start: int, end: int) -> set[str]:
    vocab: set[str] = set()
    for u in units[start : min(end + 1, start + TITLE_BODY_LINES)]:
        if u.kind == "prose":
            vocab |= _content_words(u.text)
    return vocab


def _title_score(units: list[_Unit], i: int, start: int, ctx: tuple[Counter[str], set[str]]) -> float:
    repeats, vocab = ctx
    u = units[i]
    dist = sum(units[k].kind not in TRANSPARENT for k in range(i + 1, start))
    words = _content_words(u.text)
    overlap = min(len(words & vocab), TITLE_OVERLAP_MAX_WORDS)
    score = min(u.words, TITLE_LENGTH_CAP) - TITLE_DISTANCE_PENALTY * dist + TITLE_OVERLAP_WEIGHT * overlap
    if u.words >= TITLE_REPEAT_MIN_WORDS and repeats[_norm(u.text)] >= 2:
        score += TITLE_REPEAT_BONUS
    return score


def _headline_before(units: list[_Unit], best: int, score: Any) -> int:
    """The headline of the header group ending with the deck `best`: the earliest candidate of
    the run of candidates (meta lines may sit between) that scores close enough to the deck."""
    group = []
    for j in range(best - 1, max(-1, best - TITLE_GROUP_LINES), -1):
        u = units[j]
        if u.kind in META_KINDS:
            continue
        if not _title_candidate(u):
            break
        group.append(j)
    close = [j for j in group if score(j) >= score(best) - TITLE_FLIP_MARGIN]
    return min(close) if close else best


def _after_header(units: list[_Unit], i: int) -> bool:
    prev = _neighbour(units, i, -1)
    return prev is not None and prev.kind == "header"


def _above_meta(units: list[_Unit], start: int) -> int | None:
    """The line just above the header's byline or date lines: in "Headline / By A. Writer / May 2,
    2024 / first paragraph" the headline is the first candidate met walking up from the body over
    meta lines, when at least one byline or date line was crossed."""
    crossed = False
    for j in range(start - 1, max(-1, start - TITLE_GROUP_LINES), -1):
        u = units[j]
        if u.kind in META_KINDS:
            crossed = True
        elif u.kind not in TRANSPARENT:
            return j if crossed and _title_candidate(u) else None
    return None


def _find_title(units: list[_Unit], start: int, end: int, repeats: Counter[str]) -> int | None:
    lo = max(0, start - TITLE_WINDOW)
    cands = [i for i in range(lo, start) if _title_candidate(units[i]) and not _after_header(units, i)]
    if not cands:
        return None
    ctx = (repeats, _body_vocabulary(units, start, end))
    above_meta = _above_meta(units, start)

    def score(i: int) -> float:
        return _title_score(units, i, start, ctx) + (TITLE_META_BONUS if i == above_meta else 0.0)

    best = max(cands, key=lambda i: (score(i), i))
    if repeats[_norm(units[best].text)] < 2:
        return _headline_before(units, best, score)
    return best


def _bare_title(text: str, lines: set[str]) -> str:
    for sep in _TITLE_SEPARATORS:
        if sep in text:
            head, _, tail = text.rpartition(sep)
            for part in (head, tail):
                if _norm(part) in lines and len(part.split()) >= TITLE_MIN_WORDS:
                    return part.strip()
    return text


def _decks(units: list[_Unit], title: int, start: int) -> list[int]:
    out: list[int] = []
    for j in range(title + 1, start):
        u = units[j]
        if _norm(u.text) == _norm(units[title].text) or u.kind in TRANSPARENT:
            continue
        if not _is_deck(u) or len(out) >= DECK_MAX_LINES:
            break
        out.append(j)
    return out


# --- step 7: body --------------------------------------------------------------------------------
def _short_ok(units: list[_Unit], i: int) -> bool:
    around = (_neighbour(units, i, -1), _neighbour(units, i, 1))
    return any(n is not None and n.kind == "prose" for n in around)


def _select(units: list[_Unit], start: int, end: int) -> list[int]:
    keep: list[int] = []
    skipping = False
    for i in range(start, end + 1):
        u = units[i]
        if u.kind in {"header", "credit_line"}:
            skipping = True
        elif u.kind == "prose" and (u.anchored or not skipping):
            skipping = False
            keep.append(i)
        elif u.kind == "short" and not skipping and _short_ok(units, i):
            keep.append(i)
    return keep


def _trim_tail(units: list[_Unit], keep: list[int]) -> list[int]:
    while len(keep) > 1:
        t = units[keep[-1]].text
        if not (_hit("author_blurbs", t) or _hit("editor_notes", t)):
            break
        units[keep[-1]].kind = "blurb"
        keep.pop()
    return keep


# --- step 8: metadata ----------------------------------------------------------------------------
def _wires(text: str) -> list[str]:
    found: list[tuple[int, int, str]] = []
    for name, pat in _patterns().wires:
        found += [(m.start(), -(m.end() - m.start()), name) for m in pat.finditer(text[:FEATURE_CHARS])]
    out: list[str] = []
    taken_until = -1
    for start, neg_len, name in sorted(found):
        if start >= taken_until and name not in out:
            out.append(name)
        taken_until = max(taken_until, start - neg_len)
    return out


def _org_or_none(text: str) -> str | None:
    text = _SOCIAL_SUFFIX.sub("", text).strip(" ,-–—|")
    if not text or len(text.split()) > AUTHOR_BOX_MAX_WORDS or _hit("job_titles", text):
        return None
    if _wires(text) or _hit("outlet_words", text):
        return text
    return None


def _parse_byline(text: str) -> tuple[str | None, str | None]:
    m = _BYLINE.match(text)
    if not m:
        return None, None
    rest = m.group("rest")
    name = _SOCIAL_SUFFIX.sub("", _NAME_CUT.split(rest, maxsplit=1)[0]).strip()
    tail = rest[len(name) :].lstrip(" ,-–—|")
    org = _org_or_none(re.split(r"\s[-–—|]\s|,", tail, maxsplit=1)[0]) if tail else None
    return name or None, org


def _author_box(units: list[_Unit], end: int) -> str | None:
    for i in range(end + 1, min(len(units) - 1, end + 12)):
        u, nxt = units[i], units[i + 1]
        if 1 <= u.words <= AUTHOR_BOX_MAX_WORDS and not u.ends and _hit("author_blurbs", nxt.text):
            first = u.text.split()[0]
            if first in nxt.text or u.text in nxt.text:
                return u.text
    return None


def _credits(units: list[_Unit], keep: list[int], byline_org: str | None) -> list[str]:
    out: list[str] = []
    texts = [u.text for u in units if u.kind == "credit_line"]
    for i in keep[:3]:
        m = _DATELINE_CREDIT.match(units[i].text)
        if m:
            texts.insert(0, m.group("wire"))
    if byline_org:
        texts.insert(0, byline_org)
    for t in texts:
        out += [w for w in _wires(t) if w not in out]
    return out


def _captions(units: list[_Unit]) -> tuple[list[str], set[int]]:
    seen: set[str] = set()
    out: list[str] = []
    firsts: set[int] = set()
    for u in units:
        if u.kind == "caption" and _caption_key(u.text) not in seen:
            seen.add(_caption_key(u.text))
            out.append(u.text)
            firsts.add(u.idx)
    return out, firsts


def _near_headline(units: list[_Unit], title: int | None, start: int) -> range:
    lo = max(0, (title if title is not None else start) - 3)
    return range(lo, min(len(units), start + META_WINDOW))


# --- public interface ----------------------------------------------------------------------------
def _prepare(text: str) -> tuple[list[_Unit], Counter[str]]:
    units = _units(_blocks(text))
    repeats = _classify(units)
    _mark_captions(units)
    return units, repeats


def _is_capture(units: list[_Unit]) -> bool:
    odd = [u for u in units[1:] if u.kind not in PROSE_KINDS]
    furniture = [u for u in odd if u.kind in TRANSPARENT | {"header"}]
    return bool(furniture) or len(odd) > PLAIN_MAX_ODD_LINES


def looks_like_capture(text: str) -> bool:
    """True when `text` carries page furniture worth cleaning (not a plain article text)."""
    return _is_capture(_prepare(text if isinstance(text, str) else str(text))[0])


def _clean_plain(text: str) -> CleanResult:
    paras = [p for p in (b.strip() for b in re.split(r"\n\s*\n", text.strip())) if p]
    title = None
    if len(paras) > 1:
        head = _make_unit(0, " ".join(paras[0].split()))
        head.kind = _shape_kind(head)
        if head.kind == "headline" or (_title_candidate(head) and head.kind != "prose"):
            title = head.text
            paras = paras[1:]
    return CleanResult(title=title, body="\n\n".join(paras))


def clean_capture(text: str) -> CleanResult:
    """Turn a plain-text page capture into title, body and metadata (see the module docstring)."""
    if not isinstance(text, str):
        text = str(text)
    if not text.strip():
        return CleanResult(title=None, body="")
    # No catch-all here: a bug must not pass the raw page off as a clean body. The reader reports an
    # unexpected error as a failure of this one input and the batch goes on.
    units, repeats = _prepare(text)
    if not _is_capture(units):
        return _clean_plain(text)
    return _clean_units(units, repeats)


def _clean_units(units: list[_Unit], repeats: Counter[str]) -> CleanResult:
    _mark_quotes(units)
    _smooth(units)
    region = _region(units)
    if region is None:
        return _fallback(units)
    start, end = region
    title = _find_title(units, start, end, repeats)
    decks = _decks(units, title, start) if title is not None else []
    floor = decks[-1] if decks else (title if title is not None else -1)
    start = _extend(units, start, floor, -1)
    end = _extend(units, end, len(units), 1)
    keep = _trim_tail(units, decks + _select(units, start, end))
    return _assemble(units, keep, title, start, end)


def _fallback(units: list[_Unit]) -> CleanResult:
    keep = [u.idx for u in units if u.words >= PROSE_MIN_WORDS and u.kind not in TRANSPARENT]
    keep = keep or [u.idx for u in units if u.kind not in {"placeholder"}]
    return _assemble(units, keep, None, keep[0] if keep else 0, keep[-1] if keep else 0)


def _assemble(units: list[_Unit], keep: list[int], title: int | None, start: int, end: int) -> CleanResult:
    near = _near_headline(units, title, start)
    dates = [i for i in near if units[i].kind in {"date", "byline"} and _hit("dates", units[i].text)]
    dates = dates[:MAX_DATE_LINES]
    bylines = [i for i in near if units[i].kind == "byline"][:1]
    name, org = _parse_byline(units[bylines[0]].text) if bylines else (None, None)
    captions, first_caps = _captions(units)
    lines = {_norm(u.text) for u in units if u.words <= TITLE_MAX_WORDS}
    title_text = _bare_title(units[title].text, lines) if title is not None else None
    structured = set(keep) | set(dates) | set(bylines) | first_caps | {title}
    structured |= {u.idx for u in units if u.kind == "credit_line"}
    return CleanResult(
        title=title_text,
        body="\n\n".join(units[i].text for i in keep),
        outlet=org or _author_box(units, end),
        byline=name,
        credits=_credits(units, keep, org),
        captions=captions,
        date_lines=[units[i].text for i in dates],
        removed=[u.text for u in units if u.idx not in structured],
    )
