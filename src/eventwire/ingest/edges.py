"""Where an article's body ends, judged by the shape of its last blocks (step 7 of the cleaner).

After the last paragraph of an article a page carries blocks that are prose-like enough to be taken
for the body: an author's bio ("Jane Roe covers transport for the Daily Example."), contact lines
("Reach her at jroe@example.org or 555-0100."), legal lines, a word to the reader ("Have your say
below"), a note about the story itself, and teaser lists (a headline and a one-line summary, again
and again). ``trim_tail`` walks the chosen body backwards and drops such blocks, stopping at the
first block that is article prose. Each test is a shape (features of the line and of its place on
the page), never a publisher's wording.
"""

from __future__ import annotations

import re

from .lines import BYLINE, NAME_CUT, Unit, furniture_hits, hit

# --- thresholds (named so they can be tuned in one place) -------------------------------------
TAIL_MAX_WORDS = 60  # a longer block at the end is article prose: never trimmed
TAIL_SHORT_WORDS = 8  # a block this short with one furniture word is furniture at the end
TAIL_FURNITURE_HITS = 2  # ... a longer one needs this many different furniture words
TAIL_MAX_SHARE = 0.5  # never trim more than this share of the body's words
BIO_MAX_WORDS = 60  # a bio is a short paragraph about one person
BIO_NAME_MAX_WORDS = 4  # "Jane Q. Roe" before the verb of a bio
TEASER_LIST_MIN = 2  # teasers come in lists: this many running on to the end go
TEASER_MAX_WORDS = 45  # a teaser's summary line is at most this long

# Quotation marks, single ones only where they open or close a quotation.
_DOUBLE_QUOTE = re.compile(r"[\"“”]")
_QUOTE = re.compile(r"[\"“”‘]|(?:^|(?<=[\s:(]))'(?=\w)|(?<=[\w.,!?])'(?=\s|$)")
# Link-like text: an e-mail address, a web address, a phone number or a social handle.
_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|\bwww\.\w|https?://|\b\d{3}[-. )]\s?\d{3}[-. ]\d{4}\b|(?<!\w)@\w{2,}"
)
# The reader addressed (second person, or the outlet speaking as "we"); lower-case "us" only, so the
# country is not taken for the pronoun.
_READER = re.compile(r"\b(?:[Yy]ou|[Yy]our|[Yy]ours|[Ww]e|[Oo]ur|us)\b")
# The document speaking of itself: "this story", "the full article", "this report".
_SELF = re.compile(r"\b(?:this|the full|the above) (?:story|article|report|post|item|page|site)\b", re.I)
# Reported speech marks article prose, however the line is shaped.
_REPORTING = re.compile(r"\b(?:said|says|told|according to)\b")
_NAME_WORD = re.compile(r"^[A-Z][\w'’-]*\.?$")
# A bio opens with a person's name and a verb in the present or perfect: "Jane Roe is ...",
# "Jane Roe has covered ...", "Jane Roe covers ...".
_BIO = re.compile(
    rf"^(?:[A-Z][\w.'’-]*\s+){{1,{BIO_NAME_MAX_WORDS}}}(?:is|has|[a-z]{{3,}}s)\b(?!\s+(?:said|says|told))"
)


def _is_bio(u: Unit, names: frozenset[str]) -> bool:
    """A short paragraph opening with a name the page also shows alone (a byline or an author box):
    "Jane Roe has covered the courts since 2019." under "By Jane Roe"."""
    m = _BIO.match(u.text)
    if not m or u.words > BIO_MAX_WORDS or _REPORTING.search(u.text):
        return False
    run = m.group(0).split()[:-1]
    return " ".join(run) in names if len(run) > 1 else run[0] in names


def page_names(units: list[Unit], keep: list[int]) -> frozenset[str]:
    """Person names shown alone on the page outside the body: each full name and its first word."""
    body = set(keep)
    out: set[str] = set()
    for u in units:
        if u.idx in body or u.words > BIO_NAME_MAX_WORDS + 2:
            continue
        m = BYLINE.match(u.text)
        text = NAME_CUT.split(m.group("rest"), maxsplit=1)[0] if m else u.text
        parts = text.split()
        if 2 <= len(parts) <= BIO_NAME_MAX_WORDS and all(_NAME_WORD.match(p) for p in parts):
            out |= {" ".join(parts), parts[0]}
    return frozenset(out)


def tail_shape(u: Unit, names: frozenset[str] = frozenset()) -> bool:
    """True when block `u`, standing at the end of the body, is not article prose by its shape."""
    t = u.text
    if hit("author_blurbs", t) or hit("editor_notes", t):
        return True
    if u.words > TAIL_MAX_WORDS or _REPORTING.search(t):
        return False
    if _CONTACT.search(t):
        return True
    hits = furniture_hits(t)
    if hits and (u.words <= TAIL_SHORT_WORDS or hits >= TAIL_FURNITURE_HITS):
        return True
    if _QUOTE.search(t):
        return False
    reader = bool(_READER.search(t))
    if hits and reader:
        return True
    return reader or t.rstrip().endswith("?") or bool(_SELF.search(t)) or _is_bio(u, names)


def _teaser(units: list[Unit], i: int) -> bool:
    """A one-line summary right after a headline-like line outside the body."""
    u = units[i]
    if u.words > TEASER_MAX_WORDS or i == 0:
        return False
    return units[i - 1].kind in {"headline", "repeat_link", "other"} and not _REPORTING.search(u.text)


def trim_tail(units: list[Unit], keep: list[int]) -> list[int]:
    """Drop boilerplate blocks from the end of `keep` (indexes of body lines, in page order)."""
    names = page_names(units, keep)
    budget = TAIL_MAX_SHARE * sum(units[i].words for i in keep)
    dropped = 0
    while len(keep) > 1:
        u = units[keep[-1]]
        run = 0
        while run < len(keep) - 1 and _teaser(units, keep[-1 - run]):
            run += 1
        n = run if run >= TEASER_LIST_MIN else int(tail_shape(u, names))
        if n == 0:
            break
        words = sum(units[i].words for i in keep[-n:])
        if dropped + words > budget:
            break
        for i in keep[-n:]:
            units[i].kind = "blurb"
        dropped += words
        del keep[-n:]
    return keep


# --- consent and privacy dialogs ---------------------------------------------------------------
DIALOG_BUTTON_MAX_WORDS = 4  # a button is a line of at most this many interface words
DIALOG_MAX_LINES = 12  # a dialog spans at most this many lines around its buttons
# Interface words of consent buttons ("Accept all", "Reject", "Manage settings", "Got it").
_BUTTON = re.compile(
    r"^(?:(?:i|accept|accepting|agree|disagree|decline|reject|refuse|allow|deny|manage|customi[sz]e|"
    r"settings|preferences|options|choices|continue|confirm|save|ok|okay|got|it|close|all|only|"
    r"necessary|essential|cookies?|consent|my|and|to|without|more|learn|show|purposes|partners)\W*)"
    rf"{{1,{DIALOG_BUTTON_MAX_WORDS}}}$",
    re.IGNORECASE,
)
# ... at least one of them an answer to the dialog.
_ANSWER = re.compile(
    r"\b(?:accept|agree|disagree|decline|reject|refuse|allow|deny|manage|customi[sz]e|ok|okay|got it)\b",
    re.IGNORECASE,
)
# What a consent dialog speaks of: cookies, consent, personal data, the site's partners.
_CONSENT = re.compile(
    r"\b(?:cookies?|consent|privacy|personal (?:data|information)|partners|tracking|personali[sz]ed)\b",
    re.IGNORECASE,
)


def _button(u: Unit) -> bool:
    return bool(_BUTTON.match(u.text) and _ANSWER.search(u.text))


def _dialog_line(u: Unit) -> bool:
    if _button(u) or u.kind == "furniture":
        return True
    return not _DOUBLE_QUOTE.search(u.text) and bool(_CONSENT.search(u.text) or _READER.search(u.text))


def mark_dialogs(units: list[Unit]) -> None:
    """Lines of a consent or privacy dialog become furniture: a run of lines around button lines
    ("Accept all", "Manage settings") that speak to the reader or of cookies and consent, with at
    least one line about consent. Such a dialog is never the body, however long its paragraphs."""
    i = 0
    while i < len(units):
        if not _button(units[i]):
            i += 1
            continue
        lo = hi = i
        while lo > 0 and i - lo < DIALOG_MAX_LINES and _dialog_line(units[lo - 1]):
            lo -= 1
        while hi + 1 < len(units) and hi - i < DIALOG_MAX_LINES and _dialog_line(units[hi + 1]):
            hi += 1
        run = units[lo : hi + 1]
        if any(_CONSENT.search(u.text) for u in run if not _button(u)):
            for u in run:
                u.kind = "furniture"
        i = hi + 1
