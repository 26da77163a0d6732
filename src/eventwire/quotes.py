"""The `quotes` stage: who said what, with the cue, the speaker's actor and the date.

Steps:
  1. marks     pair quotation marks paragraph by paragraph: curly “ ” always, straight " by position; a quote
               left open at a paragraph's end continues when the next paragraph opens with a mark (the news
               convention for quotes of several paragraphs), else it ends with its paragraph (when that ends
               a sentence), never run on.
  2. cue       the cue of a quote is a speech verb (lookups/lang/cues_en.yaml) of its sentence that governs it
               (the nearest ancestor in the parse), else the nearest one in the sentence, else "according
               to" (also before a speech verb without a subject; "according to a statement released by X"
               is X's; "For Jane Roe “...”" is Roe's); a sentence ending in a colon before the quote
               lends its cue ("X said:" + quote); a quote that is a sentence of its own takes the
               attribution opening the next one ("“Why?” Roe asked."). A quotation of four words or more
               woven into a clause with no verb of saying ("the council voted “to close the old bridge for
               repairs”") is the words of that clause's subject when the subject is a name.
               (Steps 2 and 3 are in quote_attribution.py, who the speaker is in quote_speakers.py.)
  3. speaker   the subject of the cue (its noun phrase), or of the verb a participle cue hangs on
               ("..., adding, “...”"); linked to the actor that has a mention there; a pronoun without
               one goes to the person named last before it.
  4. carry     a quote with no cue of its own that follows a quote of a known speaker in the same or
               the previous paragraph is the same speaker's; so is one after a short lead-in with no verb
               ("Of the rebels, “...”").
  5. indirect  reported speech: a speech verb with a complement clause that holds no direct quote becomes
               a quote with direct=false ("the minister said lifting the ban would be a mistake").
Quotes without any attribution (titles, scare quotes) are left out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy

from . import quote_speakers
from .lookups.clauses import clause_time
from .lookups.cues import Cues, cues
from .quote_attribution import (
    SUBJECT_DEPS,
    Attribution,
    attribution_of,
    embedded_attribution,
    find_attribution,
    is_cue,
    lead_in_only,
    stands_alone,
)
from .records import Quote, TimeRef
from .registry import Context, stage

if TYPE_CHECKING:
    from spacy.tokens import Doc

OPENERS = "“«"
CLOSERS = "”»"
STRAIGHT = '"'
# An indirect quote needs a complement clause of at least this many tokens.
INDIRECT_MIN_TOKENS = 4
# The attribution between two parts of one statement ("“A,” Trump said at a rally in Ohio. “B.”").
MAX_INTERRUPTION_CHARS = 160
# Dependencies climbed from a cue without a subject to the verb whose subject speaks ("..., adding, “...”",


# --- 1. quotation marks --------------------------------------------------------------------------------
def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's content (inside the marks; a quote of several paragraphs runs from
    inside its first mark to its last closing mark).

    A quote left open at a paragraph's end continues when the next paragraph opens with a mark (the news
    convention for quotes of several paragraphs); otherwise its closing mark was left out and it ends with
    its paragraph when that ends a sentence ('"We will stay," said Roe. "We will not go.¶Farmers ...'; a
    stray mark before words with no final stop is no quote). When that next paragraph's
    first mark closes a quote, its opening mark was left out too: the paragraph is a quote from its start
    ('He said, "Where is it?¶Who paid?"' -> "Where is it?", "Who paid?")."""
    spans: list[tuple[int, int]] = []
    pending: int | None = None  # start of a quote carried over from an earlier paragraph
    pending_end = 0  # the end of the text of the paragraph it was left open in
    pos = 0
    for para in text.split("\n\n"):
        start_of_para = pos
        pos += len(para) + 2
        stripped = para.lstrip()
        lead = len(para) - len(stripped)
        skip_first = -1
        if pending is not None and stripped and stripped[0] in OPENERS + STRAIGHT:
            skip_first = start_of_para + lead  # the re-opening mark of a continued quote
        elif pending is not None:
            if _ends_sentence(text, pending_end):
                spans.append((pending, pending_end))  # the closing mark was left out
            pending = start_of_para + lead if _first_mark_closes(para) else None
        opened, pending = pending, None
        for m in re.finditer(r"[“”«»\"]", para):
            at = start_of_para + m.start()
            mark = m.group()
            if at == skip_first:
                continue
            if mark in OPENERS or (mark == STRAIGHT and opened is None and _opens(para, m.start())):
                if opened is None:
                    opened = at + 1
            elif opened is not None and (mark in CLOSERS or mark == STRAIGHT):
                if at > opened:
                    spans.append((opened, at))
                opened = None
        if opened is not None:
            pending = opened  # continued in the next paragraph, or closed at this one's end
            pending_end = start_of_para + len(para.rstrip())
    if pending is not None and pending_end > pending and _ends_sentence(text, pending_end):
        spans.append((pending, pending_end))
    return spans


def _ends_sentence(text: str, end: int) -> bool:
    """A quote left open ends a sentence where its paragraph ends (else the mark is a stray one)."""
    return end > 0 and text[end - 1] in ".?!…"


def _first_mark_closes(para: str) -> bool:
    """The paragraph's first quotation mark closes a quote: a closing curly mark, or a straight one that
    does not stand where quotes open."""
    m = re.search(r"[“”«»\"]", para)
    return m is not None and (m.group() in CLOSERS or (m.group() == STRAIGHT and not _opens(para, m.start())))


def _opens(para: str, i: int) -> bool:
    before = para[i - 1] if i > 0 else " "
    return before.isspace() or before in "([—–-:,;"


# --- the stage -----------------------------------------------------------------------------------------
@stage("quotes", requires=["doc", "actors"], assigns=["quotes"], reads=["times", "article.published"])
def extract_quotes(ctx: Context) -> None:
    doc, text = ctx.doc, ctx.article.text
    c = cues()
    found = []
    for start, end in find_quote_spans(text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and span.text.strip():
            found.append((start, end, span))
    quoted = {i for _, _, span in found for i in range(span.start, span.end)}
    marks = [(start, end) for start, end, _ in found]
    quotes: list[Quote] = []
    last: tuple[int, Quote] | None = None  # (paragraph index, quote) of the last attributed quote
    waiting: list[
        tuple[int, int, int]
    ] = []  # quote-only paragraphs with no speaker yet: (paragraph, start, end)
    for start, end, span in found:
        para = text.count("\n\n", 0, start)
        alone = stands_alone(doc, span)
        att = find_attribution(doc, span, c, quoted)
        if att is not None and att.cue is not None:
            quote = _make_quote(ctx, start, end, att, True, marks)
            if last is not None and para - last[0] <= 1:
                _same_pronoun_speaker(quote, last[1], ctx, marks)
        elif last is not None and para - last[0] <= 1 and (alone or lead_in_only(doc, span)):
            quote = _carried(last[1], text, start, end, "paragraph run: continues the quote before")
        else:
            quote = _run_after_attribution(ctx, c, quoted, marks, para, start, end) if alone else None
            embedded = None if alone else embedded_attribution(doc, span, quoted)
            if quote is None and embedded is not None:
                quote = _make_quote(ctx, start, end, embedded, True, marks)
            if quote is None:
                if alone and _opens_paragraph(text, start):
                    waiting.append((para, start, end))
                continue
        if alone and last is not None and last[0] == para and _same_statement(text, last[1], quote):
            _join(text, last[1], quote)
            continue
        quotes.append(quote)
        last = (para, quote)
        if _opens_paragraph(text, start):
            quotes += _run_before_attribution(text, quote, para, waiting)
    quotes += _indirect_quotes(ctx, quotes, c, quoted, marks)
    quotes.sort(key=lambda q: q.span[0])
    for i, q in enumerate(quotes, start=1):
        q.id = f"Q{i}"
    ctx.record.quotes = quotes


def _carried(prev: Quote, text: str, start: int, end: int, how: str) -> Quote:
    """A quotation with no attribution of its own that continues `prev`'s speaker."""
    return Quote(
        id="",
        text=text[start:end],
        span=[start, end],
        speaker=prev.speaker,
        speaker_text=prev.speaker_text,
        cue=prev.cue,
        direct=True,
        date=prev.date,
        speaker_how=how,
    )


def _opens_paragraph(text: str, start: int) -> bool:
    """The quotation's opening mark is the first thing in its paragraph."""
    para_start = text.rfind("\n\n", 0, start) + 2 if "\n\n" in text[:start] else 0
    return not text[para_start : start - 1].strip()


def _same_pronoun_speaker(quote: Quote, prev: Quote, ctx: Context, marks: list[tuple[int, int]]) -> None:
    """“A,” Jane Roe said. (...) “B,” she added: a pronoun right after a person's quote is that person, even
    when another person was named in between (inside a quote, or as a possessor); not when the pronoun's
    person heads a clause between the two quotes ("“A,” Roe said. Tom Lund spoke next. He said
    “B.”")."""
    if not (quote.speaker_how or "").startswith("pronoun:") or prev.speaker is None or quote.speaker is None:
        return
    actors = {a.id: a for a in ctx.record.actors}
    if (
        quote.speaker != prev.speaker
        and quote_speakers.is_person(actors[prev.speaker])
        and not _subject_between(ctx, quote.speaker, prev.span[1], quote.span[0], marks)
        and _sentences_apart(ctx.doc, prev.span[1], quote.span[0]) <= 1
    ):
        quote.speaker = prev.speaker
        quote.speaker_how = f"pronoun: {quote.speaker_text} -> the speaker of the quote before"


def _sentences_apart(doc: Doc, a: int, b: int) -> int:
    """How many sentence starts lie after character `a` up to character `b`."""
    return sum(1 for sent in doc.sents if a < sent.start_char <= b)


def _subject_between(ctx: Context, actor_id: str, lo: int, hi: int, marks: list[tuple[int, int]]) -> bool:
    """The actor is named between `lo` and `hi`, outside quotations, as the subject of a clause (a pronoun
    linked to it does not count)."""
    actor = next(a for a in ctx.record.actors if a.id == actor_id)
    for s, e in actor.mentions:
        if lo <= s < hi and not any(a <= s < b for a, b in marks):
            span = ctx.doc.char_span(s, e, alignment_mode="expand")
            if span is not None and span.root.dep_ in SUBJECT_DEPS[:2] and span.root.pos_ == "PROPN":
                return True
    return False


def _run_after_attribution(
    ctx: Context, c: Cues, quoted: set[int], marks: list[tuple[int, int]], para: int, start: int, end: int
) -> Quote | None:
    """A quote-only paragraph after a paragraph whose last speech verb has a named person for its subject
    ("Jane Roe told supporters she would stay. / “We are not finished.”"): the same person's words."""
    if not _opens_paragraph(ctx.article.text, start) or para == 0:
        return None
    text, doc = ctx.article.text, ctx.doc
    this_para = text.rfind("\n\n", 0, start)
    prev_para = text.rfind("\n\n", 0, this_para) + 2 if text.rfind("\n\n", 0, this_para) >= 0 else 0
    before = doc.char_span(prev_para, this_para, alignment_mode="contract")
    if before is None:
        return None
    verbs = [
        t for t in before if t.i not in quoted and t.pos_ in ("VERB", "AUX") and is_cue(t, c.any, c.phrases)
    ]
    if not verbs:
        return None
    att = attribution_of(verbs[-1], quoted)
    if att.speaker_tokens is None:
        return None
    quote = _make_quote(ctx, start, end, att, True, marks)
    speaker = next((a for a in ctx.record.actors if a.id == quote.speaker), None)
    if speaker is None or not quote_speakers.is_person(speaker):
        return None
    quote.speaker_how = f"paragraph run: continues {speaker.name}'s statement in the paragraph before"
    return quote


def _run_before_attribution(
    text: str, quote: Quote, para: int, waiting: list[tuple[int, int, int]]
) -> list[Quote]:
    """Quote-only paragraphs just before a paragraph that opens with a person's attributed quote (the
    attribution only on the last of a run): the same speaker's, when nothing else stands between them."""
    out: list[Quote] = []
    want = para - 1
    for p, s, e in reversed(waiting):
        if p != want or quote.speaker is None:
            break
        out.append(_carried(quote, text, s, e, "paragraph run: continues into the attributed quote after"))
        want -= 1
    waiting.clear()
    return out


def _same_statement(text: str, a: Quote, b: Quote) -> bool:
    """“A,” she said. “B.” is one statement interrupted by its attribution: same speaker, nothing but the
    attribution between the two parts."""
    same = (a.speaker is not None and a.speaker == b.speaker) or (
        a.speaker is None and b.speaker is None and a.speaker_text and a.speaker_text == b.speaker_text
    )
    gap = text[a.span[1] : b.span[0]]
    return bool(same) and len(gap) <= MAX_INTERRUPTION_CHARS and "\n" not in gap


def _join(text: str, a: Quote, b: Quote) -> None:
    fragments = a.fragments or [list(a.span)]
    fragments.append(list(b.span))
    a.fragments = fragments
    a.span = [fragments[0][0], fragments[-1][1]]
    a.text = " ".join(text[s:e] for s, e in fragments)


def _make_quote(
    ctx: Context, start: int, end: int, att: Attribution, direct: bool, marks: list[tuple[int, int]]
) -> Quote:
    speaker, how = None, None
    if att.speaker_tokens is not None:
        speaker, how = quote_speakers.resolve(att.speaker_tokens, ctx.record.actors, start, marks)
    cue = att.cue
    cue_text = cue.text if cue is not None else None
    if cue is not None and cue.lower_ == "according":
        cue_text = "according to"
    return Quote(
        id="",
        text=ctx.article.text[start:end],
        span=[start, end],
        speaker=speaker.id if speaker else None,
        speaker_text=att.speaker_tokens.text if att.speaker_tokens is not None else None,
        cue=cue_text,
        direct=direct,
        date=_date_of(ctx, cue.i if cue is not None else None),
        speaker_how=how,
    )


def _date_of(ctx: Context, token_index: int | None) -> TimeRef | None:
    """The date of the cue's clause (lookups.clauses.clause_time: its own time, its reporting clause's, else
    the publication date)."""
    return clause_time(ctx, token_index) if token_index is not None else None


def _indirect_quotes(
    ctx: Context, direct: list[Quote], c: Cues, quoted: set[int], marks: list[tuple[int, int]]
) -> list[Quote]:
    doc = ctx.doc
    taken = [(q.span[0], q.span[1]) for q in direct]
    wanted = numpy.array([doc.vocab.strings.add(lemma) for lemma in c.indirect], dtype="uint64")
    out = []
    for i in numpy.flatnonzero(numpy.isin(doc.to_array("LEMMA"), wanted)):
        verb = doc[int(i)]
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        comp = next((ch for ch in verb.children if ch.dep_ == "ccomp"), None)
        if comp is None:
            continue
        clause = doc[comp.left_edge.i : comp.right_edge.i + 1]
        if len(clause) < INDIRECT_MIN_TOKENS or clause[0].i < verb.i:
            continue  # short, or fronted ("..., he said"): that is a direct quote's frame
        if clause[0].dep_ == "mark":
            clause = clause[1:]
        s, e = clause.start_char, clause.end_char
        if any(a < e and s < b for a, b in taken):
            continue
        att = attribution_of(verb, quoted)
        if att.speaker_tokens is None:
            continue
        out.append(_make_quote(ctx, s, e, att, False, marks))
        taken.append((s, e))
    return out
