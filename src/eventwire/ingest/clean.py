"""Clean plain-text captures of news pages (every visible text block, furniture included).

A naive scraper saves a page as text blocks separated by blank lines: menus, cookie and share
lines, "Advertisement", captions (often twice), author boxes, "Read more" lists and footers come
along with the article.  ``clean_capture`` recovers the article with a scored cascade of named
steps (in the spirit of trafilatura / jusText, but on plain text only):

Steps 1-4 are in ``lines.py`` (the line model), step 6 in ``title.py``; this module finds the
article's region, its body and metadata, and is the public interface.

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

import re
from collections import Counter
from dataclasses import dataclass, field

from .edges import mark_dialogs, trim_tail
from .lines import (
    AUTHOR_BOX_MAX_WORDS,
    BYLINE,
    NAME_CUT,
    PROSE_KINDS,
    PROSE_MIN_WORDS,
    SOCIAL_SUFFIX,
    TITLE_MAX_WORDS,
    TRANSPARENT,
    Unit,
    caption_key,
    hit,
    make_unit,
    mark_quotes,
    neighbour,
    norm,
    org_or_none,
    prepare,
    shape_kind,
    smooth,
    wires,
)
from .title import bare_title, find_decks, find_title, title_candidate

# --- thresholds (named so they can be tuned in one place) -------------------------------------
MAX_GAP_LINES = 25  # more non-transparent lines than this split article clusters
EXTEND_MAX_CROSS = 2  # non-prose lines crossed when extending the region by isolated prose
META_WINDOW = 6  # bylines and date lines are looked for this close to the headline
MAX_DATE_LINES = 6
PLAIN_MAX_ODD_LINES = 2  # a plain article may have this many non-prose lines (subheadings)
CLUSTER_LINE_WORDS_CAP = 150  # one very long line does not outweigh a run of paragraphs
_DATELINE_CREDIT = re.compile(r"^[A-Z][\w .,'’-]{1,60}\((?P<wire>[A-Za-z .-]{2,30})\)\s*[-–—]")


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


def _anchor(units: list[Unit]) -> list[int]:
    out = []
    for i, u in enumerate(units):
        if u.kind != "prose" or u.copies > 1:
            continue
        prev, nxt = neighbour(units, i, -1), neighbour(units, i, 1)
        u.anchored = any(n is not None and n.kind in PROSE_KINDS for n in (prev, nxt))
        if u.anchored:
            out.append(i)
    return out


def _clusters(units: list[Unit], anchored: list[int]) -> list[list[int]]:
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


def _region(units: list[Unit]) -> tuple[int, int] | None:
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


def _extend(units: list[Unit], start: int, stop: int, step: int) -> int:
    """Move the region edge `start` over isolated prose lines, never reaching `stop`."""
    edge, crossed, j = start, 0, start + step
    while j != stop and 0 <= j < len(units):
        k = units[j].kind
        if k == "header" or hit("author_blurbs", units[j].text):
            break
        if k == "prose":
            edge, crossed = j, 0
        elif k not in TRANSPARENT:
            crossed += 1
            if crossed > EXTEND_MAX_CROSS:
                break
        j += step
    return edge


def _short_ok(units: list[Unit], i: int) -> bool:
    around = (neighbour(units, i, -1), neighbour(units, i, 1))
    return any(n is not None and n.kind == "prose" for n in around)


def _select(units: list[Unit], start: int, end: int) -> list[int]:
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


def _parse_byline(text: str) -> tuple[str | None, str | None]:
    m = BYLINE.match(text)
    if not m:
        return None, None
    rest = m.group("rest")
    name = SOCIAL_SUFFIX.sub("", NAME_CUT.split(rest, maxsplit=1)[0]).strip()
    tail = rest[len(name) :].lstrip(" ,-–—|")
    org = org_or_none(re.split(r"\s[-–—|]\s|,", tail, maxsplit=1)[0]) if tail else None
    return name or None, org


def _author_box(units: list[Unit], end: int) -> str | None:
    for i in range(end + 1, min(len(units) - 1, end + 12)):
        u, nxt = units[i], units[i + 1]
        if 1 <= u.words <= AUTHOR_BOX_MAX_WORDS and not u.ends and hit("author_blurbs", nxt.text):
            first = u.text.split()[0]
            if first in nxt.text or u.text in nxt.text:
                return u.text
    return None


def _credits(units: list[Unit], keep: list[int], byline_org: str | None) -> list[str]:
    out: list[str] = []
    texts = [u.text for u in units if u.kind == "credit_line"]
    for i in keep[:3]:
        m = _DATELINE_CREDIT.match(units[i].text)
        if m:
            texts.insert(0, m.group("wire"))
    if byline_org:
        texts.insert(0, byline_org)
    for t in texts:
        out += [w for w in wires(t) if w not in out]
    return out


def _captions(units: list[Unit]) -> tuple[list[str], set[int]]:
    seen: set[str] = set()
    out: list[str] = []
    firsts: set[int] = set()
    for u in units:
        if u.kind == "caption" and caption_key(u.text) not in seen:
            seen.add(caption_key(u.text))
            out.append(u.text)
            firsts.add(u.idx)
    return out, firsts


def _near_headline(units: list[Unit], title: int | None, start: int) -> range:
    lo = max(0, (title if title is not None else start) - 3)
    return range(lo, min(len(units), start + META_WINDOW))


def _is_capture(units: list[Unit]) -> bool:
    odd = [u for u in units[1:] if u.kind not in PROSE_KINDS]
    furniture = [u for u in odd if u.kind in TRANSPARENT | {"header"}]
    return bool(furniture) or len(odd) > PLAIN_MAX_ODD_LINES


def looks_like_capture(text: str) -> bool:
    """True when `text` carries page furniture worth cleaning (not a plain article text)."""
    return _is_capture(prepare(text if isinstance(text, str) else str(text))[0])


def _clean_plain(text: str) -> CleanResult:
    paras = [p for p in (b.strip() for b in re.split(r"\n\s*\n", text.strip())) if p]
    title = None
    if len(paras) > 1:
        head = make_unit(0, " ".join(paras[0].split()))
        head.kind = shape_kind(head)
        if head.kind == "headline" or (title_candidate(head) and head.kind != "prose"):
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
    units, repeats = prepare(text)
    if not _is_capture(units):
        return _clean_plain(text)
    return _clean_units(units, repeats)


def capture_region(text: str) -> tuple[list[Unit], int, int] | None:
    """The classified lines of a capture and its article region (first and last line) as the title is
    chosen from them; None for plain text or a page without article prose. `eventwire train titles`
    learns from these."""
    units, _ = prepare(text)
    if not _is_capture(units):
        return None
    mark_quotes(units)
    mark_dialogs(units)
    smooth(units)
    region = _region(units)
    return None if region is None else (units, *region)


def _clean_units(units: list[Unit], repeats: Counter[str]) -> CleanResult:
    mark_quotes(units)
    mark_dialogs(units)
    smooth(units)
    region = _region(units)
    if region is None:
        return _fallback(units)
    start, end = region
    title = find_title(units, start, end, repeats)
    decks = find_decks(units, title, start) if title is not None else []
    floor = decks[-1] if decks else (title if title is not None else -1)
    start = _extend(units, start, floor, -1)
    end = _extend(units, end, len(units), 1)
    keep = trim_tail(units, decks + _select(units, start, end))
    return _assemble(units, keep, title, start, end)


def _fallback(units: list[Unit]) -> CleanResult:
    keep = [u.idx for u in units if u.words >= PROSE_MIN_WORDS and u.kind not in TRANSPARENT]
    keep = keep or [u.idx for u in units if u.kind not in {"placeholder"}]
    return _assemble(units, keep, None, keep[0] if keep else 0, keep[-1] if keep else 0)


def _assemble(units: list[Unit], keep: list[int], title: int | None, start: int, end: int) -> CleanResult:
    near = _near_headline(units, title, start)
    dates = [i for i in near if units[i].kind in {"date", "byline"} and hit("dates", units[i].text)]
    dates = dates[:MAX_DATE_LINES]
    bylines = [i for i in near if units[i].kind == "byline"][:1]
    name, org = _parse_byline(units[bylines[0]].text) if bylines else (None, None)
    captions, first_caps = _captions(units)
    lines = {norm(u.text) for u in units if u.words <= TITLE_MAX_WORDS}
    title_text = bare_title(units[title].text, lines) if title is not None else None
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
