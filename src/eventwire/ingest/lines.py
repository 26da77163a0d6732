"""The line model of a plain-text page capture: lines, their kinds and the page's vocabulary.

Steps 1 to 4 of the cleaner (see ``eventwire.ingest.clean``): split the capture into lines
(``Unit``), give each a kind from local evidence and shape, mark captions and pull quotes, and
smooth runs of furniture. ``title`` and ``clean`` read the kinds; nothing here looks at more than a
line's neighbours.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
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
TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 30
BYLINE_MAX_NAME_WORDS = 6
CREDIT_NAME_MAX_WORDS = 10  # a credit line without "By" is at most this long
CREDIT_MIN_CAPS = 0.5  # an outlet name alone is mostly capitalised ("Markets cheer jobs news" is a headline)
AUTHOR_BOX_MAX_WORDS = 6
WRAP_MIN_WIDTH = 50  # hard wraps are looked for at widths of at least this many characters
WRAP_MIN_LINES = 4  # a page is hard-wrapped when at least this many lines were cut at one width
WRAP_MIN_SHARE = 0.6  # ... and they are at least this share of the long lines followed by a line
WRAP_BLOCK_LINES = 3  # ... and one block of at least this many lines wrapped at that width
WRAP_MAX_WORD = 20  # a longer first word (a web address) says nothing about the width
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
_WORD = re.compile(r"\w+")
CONTENT_WORD = re.compile(r"[^\W\d_][\w'’-]*")
END_SENTENCE = re.compile(r"[.!?…][\"”’')\]]*$")
_BULLET = re.compile(r"^[\s•·▪◦●■►▶*]+(?=\S)")
STOP_WORDS = frozenset(
    "the and with from that this into over for of in on at to a an as by or but is are".split()
)
_TAIL_CREDIT = re.compile(
    r"^(?P<cap>.{20,}?[.!?][\"”’]?)\s*(?P<credit>[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|for|of|the|and|via|/|&)){0,6})$"
)
BYLINE = re.compile(
    r"^(?:(?:written|reported|contributed|posted|story)\s+)?by:?\s+(?P<rest>[A-Z].*)$", re.IGNORECASE
)
NAME_CUT = re.compile(r"\s*(?:,|\s[-–—|]\s|\|| in |\d|(?<=[a-z])(?=[A-Z][a-z]+ \d))")
ADDRESS = re.compile(r"\b(you|your|our|we|us|i would like)\b", re.IGNORECASE)
_ATTRIBUTION = re.compile(r"^[—–]\s*\S")
SOCIAL_SUFFIX = re.compile(r"(Twitter|Facebook|Email|LinkedIn|Instagram|@\w+)+$")


@dataclass
class Unit:
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


def hit(group: str, text: str) -> bool:
    return _patterns().groups[group].search(text[:FEATURE_CHARS]) is not None


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


def _wrap_interval(line: str, nxt: str) -> tuple[int, int] | None:
    """The widths at which a greedy wrap would have cut `line` before `nxt`'s first word."""
    words = nxt.split()
    if not words or len(line) < WRAP_MIN_WIDTH or len(words[0]) > WRAP_MAX_WORD:
        return None
    return len(line), len(line) + len(words[0]) + 1


def _width(spans: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """The width inside most wrap intervals [lo, hi), and how many."""
    events = sorted([(lo, 1) for lo, _ in spans.values()] + [(hi, -1) for _, hi in spans.values()])
    best_w, best, cur = 0, 0, 0
    for pos, delta in events:  # a sweep; at one position intervals end before others start
        cur += delta
        if delta > 0 and cur > best:
            best_w, best = pos, cur
    return best_w, best


def rejoin_hard_wraps(text: str) -> str:
    """Re-join lines cut at a near-constant width (old news feeds wrap at ~70-100 characters).

    A line was wrapped at width W when it fits in W but its next line's first word would not have:
    len(line) <= W < len(line) + 1 + len(first word). The page's W is the width that explains most
    long lines followed by a line. A block (lines between blank lines) is re-joined when no line of
    it is longer than W and each line but the last was wrapped at W; the page must have at least one
    such block of WRAP_BLOCK_LINES lines. Lists of links and headlines, whose lines end where their
    items end, fail the test: some of their lines are longer than the others' width.
    """
    lines = text.split("\n")
    bare = [x.strip() for x in lines]
    spans = {}
    for i in range(len(lines) - 1):
        if bare[i] and bare[i + 1]:
            iv = _wrap_interval(bare[i], bare[i + 1])
            if iv is not None:
                spans[i] = iv
    long_lines = sum(1 for i in range(len(lines) - 1) if len(bare[i]) >= WRAP_MIN_WIDTH and bare[i + 1])
    width, count = _width(spans)
    if count < WRAP_MIN_LINES or count < WRAP_MIN_SHARE * long_lines:
        return text
    blocks: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if not bare[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and bare[j + 1]:
            j += 1
        wrapped = all(spans.get(k, (1, 0))[0] <= width < spans.get(k, (1, 0))[1] for k in range(i, j))
        if j > i and wrapped and len(bare[j]) <= width:
            blocks.append((i, j))
        i = j + 1
    if not any(j - i + 1 >= WRAP_BLOCK_LINES for i, j in blocks):
        return text
    out = lines[:]
    for i, j in reversed(blocks):
        out[i : j + 1] = [" ".join(bare[i : j + 1])]
    return "\n".join(out)


def _broken(prev: str, nxt: str) -> bool:
    """True when `nxt` continues the sentence of `prev` (hard wrap or a split paragraph)."""
    if END_SENTENCE.search(prev) or prev.endswith((":", ";")) or not nxt[:1].islower():
        return False
    if len(nxt.split()) < 2 or len(prev.split()) < PROSE_MIN_WORDS:
        return False
    return make_unit(0, prev).caps <= CAPS_RATIO_MAX


def make_unit(idx: int, text: str) -> Unit:
    head = text[:FEATURE_CHARS]
    words = len(_WORD.findall(head))
    content = [w for w in CONTENT_WORD.findall(head) if len(w) >= 4 and w.lower() not in STOP_WORDS]
    caps = sum(w[0].isupper() for w in content[1:]) / max(1, len(content) - 1)
    return Unit(idx=idx, text=text, words=words, caps=caps, ends=bool(END_SENTENCE.search(text)))


def _units(blocks: list[list[str]]) -> list[Unit]:
    lines: list[str] = []
    for block in blocks:
        for line in block:
            if lines and _broken(lines[-1], line):
                lines[-1] = f"{lines[-1]} {line}"
            else:
                lines.append(line)
    return [make_unit(i, t) for i, t in enumerate(lines)]


def furniture_hits(text: str) -> int:
    return _furniture_hits_cached(text[:FEATURE_CHARS])


@functools.lru_cache(maxsize=1 << 16)
def _furniture_hits_cached(head: str) -> int:
    pat = _patterns().groups["furniture"]
    if pat.search(head) is None:
        return 0
    return len({m.group(0).lower() for m in pat.finditer(head)})


def _is_prose(u: Unit) -> bool:
    if u.words >= LONG_LINE_WORDS and u.caps <= CAPS_RATIO_MAX:
        return True
    if u.words < PROSE_MIN_WORDS or not (u.ends or (u.text.endswith(":") and u.words >= 10)):
        return False
    return u.words >= 15 or u.caps <= CAPS_RATIO_MAX


def _is_short_prose(u: Unit) -> bool:
    first = u.text[:1]
    return (
        SHORT_PROSE_MIN_WORDS <= u.words < PROSE_MIN_WORDS
        and u.ends
        and u.caps <= DECK_CAPS_RATIO_MAX
        and (first.isupper() or first.isdigit() or first in "\"“‘'")
    )


def is_byline(text: str) -> bool:
    m = BYLINE.match(text)
    if not m or len(text.split()) > 25:
        return False
    name = NAME_CUT.split(m.group("rest"), maxsplit=1)[0]
    parts = name.split()
    ok = all(p[:1].isupper() or p in _NAME_PARTICLES for p in parts)
    return ok and 0 < len(parts) <= BYLINE_MAX_NAME_WORDS


def is_credit(text: str) -> bool:
    """A reporter or agency credit without "By": "Jane Roe, Example News Service", "THE DAILY
    EXAMPLE" (an outlet's name), "Jane Roe and John Doe, Example Press"."""
    words = text.split()
    if len(words) > CREDIT_NAME_MAX_WORDS or END_SENTENCE.search(text):
        return False
    parts = [p.strip() for p in re.split(r"[,;]", text) if p.strip()]
    if len(parts) == 1:  # an outlet's name alone is a proper name: most words capitalised
        names = [w for w in words if w[:1].isalpha() and w.lower() not in STOP_WORDS]
        capitalised = sum(w[:1].isupper() for w in names)
        return capitalised >= CREDIT_MIN_CAPS * len(names) and org_or_none(text) is not None
    name = parts[0].split()
    if not (
        0 < len(name) <= BYLINE_MAX_NAME_WORDS and all(w[:1].isupper() or w in _NAME_PARTICLES for w in name)
    ):
        return False
    return any(org_or_none(p) is not None for p in parts[1:])


def shape_kind(u: Unit) -> str:
    if _is_prose(u):
        return "prose"
    if _is_short_prose(u):
        return "short"
    if TITLE_MIN_WORDS <= u.words <= TITLE_MAX_WORDS and not u.text.endswith("."):
        return "headline"
    return "other"


def line_kind(u: Unit, repeats: Counter[str]) -> str:
    t = u.text
    if u.words <= 25 and hit("gallery_markers", t):
        return "gallery"
    if hit("placeholders", t):
        return "placeholder"
    if u.words <= CREDIT_LINE_MAX_WORDS and hit("credit_sentences", t):
        return "credit_line"
    if u.words <= 16 and hit("credit_only", t):
        return "credit_only"
    if u.words <= SECTION_HEADER_MAX_WORDS and hit("section_headers", t):
        return "header"
    if hit("teaser_prefixes", t) and u.words <= 30:
        return "teaser"
    if is_byline(t):
        return "byline"
    if is_credit(t):
        return "credit"
    if hit("editor_notes", t):
        return "note"
    u.hits = furniture_hits(t)
    if u.hits and (
        u.words <= FURNITURE_SHORT_WORDS
        or u.hits * FURNITURE_DENSITY >= u.words
        or (u.words <= FURNITURE_ADDRESS_WORDS and ADDRESS.search(t[:FEATURE_CHARS]))
    ):
        return "furniture"
    if u.words <= DATE_LINE_MAX_WORDS and not (u.ends and u.words >= PROSE_MIN_WORDS) and hit("dates", t):
        return "date"
    if u.words <= REPEAT_MAX_WORDS and repeats[norm(t)] >= REPEAT_MIN:
        return "repeat" if u.words <= REPEAT_SEPARATOR_WORDS else "repeat_link"
    return shape_kind(u)


def norm(text: str) -> str:
    return " ".join(text[:FEATURE_CHARS].split()).casefold()


def _classify(units: list[Unit]) -> Counter[str]:
    repeats = Counter(norm(u.text) for u in units if u.words <= TITLE_MAX_WORDS)
    for u in units:
        u.kind = line_kind(u, repeats)
        u.copies = repeats[norm(u.text)] if u.words <= TITLE_MAX_WORDS else 1
    return repeats


def caption_key(text: str) -> str:
    m = _TAIL_CREDIT.match(text) if not END_SENTENCE.search(text) else None
    return norm(m.group("cap") if m else text)


def _captionable(u: Unit) -> bool:
    return u.kind in {"prose", "short", "headline", "other"} and u.words <= CAPTION_MAX_WORDS


def _is_caption(units: list[Unit], i: int) -> bool:
    u = units[i]
    if hit("caption_inline", u.text):
        return True
    if i + 1 < len(units) and units[i + 1].kind == "credit_only" and u.words >= CAPTION_MIN_WORDS:
        return True
    if i > 0 and units[i - 1].kind == "gallery":
        return True
    if i > 1 and units[i - 1].kind == "credit_only" and not u.ends and u.words >= CAPTION_MIN_WORDS:
        return units[i - 2].kind != "caption" and not hit("caption_inline", units[i - 2].text)
    if u.ends or u.words < 6:
        return False
    m = _TAIL_CREDIT.match(u.text[:FEATURE_CHARS])
    return bool(m) and len(m.group("credit").split()) <= 7


def _mark_captions(units: list[Unit]) -> None:
    for i, u in enumerate(units):
        if _captionable(u) and _is_caption(units, i):
            u.kind = "caption"
    recent: dict[str, int] = {}
    for i, u in enumerate(units):
        if u.words < 5 or u.kind not in {"prose", "short", "headline", "caption"}:
            continue
        if not (u.kind == "caption" or u.text.endswith(".") or _TAIL_CREDIT.match(u.text[:FEATURE_CHARS])):
            continue
        key = caption_key(u.text)
        j = recent.get(key)
        if j is not None and i - j <= NEAR_DUP_WINDOW:
            if units[j].kind != "caption" and units[j].words <= CAPTION_MAX_WORDS:
                units[j].kind = "caption"  # a short line printed twice is a caption; a long one, body twice
            u.kind = "dup"
        recent[key] = i


def mark_quotes(units: list[Unit]) -> None:
    """A pull quote or an embedded post is followed by an attribution line ("— Name")."""
    for i in range(1, len(units)):
        u = units[i]
        quoted = units[i - 1].kind in {"prose", "short", "headline"}
        if quoted and u.words <= DATE_LINE_MAX_WORDS and _ATTRIBUTION.match(u.text):
            u.kind = "quote"
            units[i - 1].kind = "quote"


def smooth(units: list[Unit]) -> None:
    """Lines inside a run of furniture are furniture when they carry furniture words or are short."""
    flips = []
    for i in range(1, len(units) - 1):
        u = units[i]
        if u.kind not in {"prose", "short", "headline", "other"}:
            continue
        walled = units[i - 1].kind == "furniture" and units[i + 1].kind == "furniture"
        if walled and (u.kind in {"short", "other"} or furniture_hits(u.text)):
            flips.append(u)
    for u in flips:
        u.kind = "furniture"


def neighbour(units: list[Unit], i: int, step: int) -> Unit | None:
    j = i + step
    for _ in range(ANCHOR_MAX_SKIP):
        if not 0 <= j < len(units):
            return None
        if units[j].kind not in TRANSPARENT:
            return units[j]
        j += step
    return None


def wires(text: str) -> list[str]:
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


def org_or_none(text: str) -> str | None:
    text = SOCIAL_SUFFIX.sub("", text).strip(" ,-–—|")
    if not text or len(text.split()) > AUTHOR_BOX_MAX_WORDS or hit("job_titles", text):
        return None
    if wires(text) or hit("outlet_words", text):
        return text
    return None


def prepare(text: str) -> tuple[list[Unit], Counter[str]]:
    units = _units(_blocks(rejoin_hard_wraps(text)))
    repeats = _classify(units)
    _mark_captions(units)
    return units, repeats
