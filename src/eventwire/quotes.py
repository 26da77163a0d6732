"""The `quotes` stage: who said what, with the cue, the speaker's actor and the date.

Steps:
  1. marks     pair quotation marks paragraph by paragraph: curly “ ” always, straight " by position; a quote
               left open at a paragraph's end continues when the next paragraph opens with a mark (the news
               convention for quotes of several paragraphs), else it is dropped, never run on.
  2. cue       the cue of a quote is a speech verb (lookups/lang/cues_en.yaml) of its sentence that governs it
               (the nearest ancestor in the parse), else the nearest one in the sentence, else "according
               to" (also before a speech verb without a subject; "according to a statement released by X"
               is X's; "For Jane Roe “...”" is Roe's); a sentence ending in a colon before the quote
               lends its cue ("X said:" + quote); a quote that is a sentence of its own takes the
               attribution opening the next one ("“Why?” Roe asked.").
  3. speaker   the subject of the cue (its noun phrase), or of the verb a participle cue hangs on
               ("..., adding, “...”"); linked to the actor that has a mention there; a pronoun without
               one goes to the person named last before it.
  4. carry     a quote with no cue of its own that follows a quote of a known speaker in the same or
               the previous paragraph is the same speaker's.
  5. indirect  reported speech: a speech verb with a complement clause that holds no direct quote becomes
               a quote with direct=false ("the minister said lifting the ban would be a mistake").
Quotes without any attribution (titles, scare quotes) are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy

from . import quote_speakers
from .lookups.clauses import clause_time
from .lookups.cues import Cues, cues
from .records import Quote, TimeRef
from .registry import Context, stage

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

OPENERS = "“«"
CLOSERS = "”»"
STRAIGHT = '"'
SUBJECT_DEPS = ("nsubj", "nsubjpass", "expl")
# Relative pronouns standing for the noun their clause modifies: "Jane Roe, who chairs the board, said".
RELATIVE = frozenset({"who", "that", "which"})
# An indirect quote needs a complement clause of at least this many tokens.
INDIRECT_MIN_TOKENS = 4
# The attribution between two parts of one statement ("“A,” Trump said at a rally in Ohio. “B.”").
MAX_INTERRUPTION_CHARS = 160
# Dependencies climbed from a cue without a subject to the verb whose subject speaks ("..., adding, “...”",
# "tried to play it down by adding, “...”").
CLIMB_DEPS = ("advcl", "xcomp", "conj", "ccomp", "pcomp", "prep")
# A person's name stands at most this many tokens after the noun it names ("the group's leader, Jane Roe,").
NAME_BESIDE_TOKENS = 5
# Entity labels of proper nouns that name no person (a lone first name may be tagged PERSON or ORG).
NOT_NAMES = frozenset({"GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "CARDINAL", "EVENT", "WORK_OF_ART"})
# The speech verb of an attribution in the sentence after a quotation stands among its first words
# ("“Why?” the minister's spokeswoman asked").
ATTRIBUTION_AFTER_TOKENS = 8
# Addressee nouns after "told": "told reporters", "told lawmakers".
ADDRESSEE_DEPS = ("dobj", "dative", "iobj")


# --- 1. quotation marks --------------------------------------------------------------------------------
def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's content (inside the marks; a quote of several paragraphs runs from
    inside its first mark to its last closing mark)."""
    spans: list[tuple[int, int]] = []
    pending: int | None = None  # start of a quote carried over from an earlier paragraph
    pos = 0
    for para in text.split("\n\n"):
        start_of_para = pos
        pos += len(para) + 2
        stripped = para.lstrip()
        lead = len(para) - len(stripped)
        if pending is not None and (not stripped or stripped[0] not in OPENERS + STRAIGHT):
            pending = None  # an unclosed quote not continued: drop it
        opened: int | None = None
        if pending is not None:
            opened, pending = pending, None
            skip_first = start_of_para + lead  # the re-opening mark of a continued quote
        else:
            skip_first = -1
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
            pending = opened  # maybe continued in the next paragraph
    return spans


def _opens(para: str, i: int) -> bool:
    before = para[i - 1] if i > 0 else " "
    return before.isspace() or before in "([—–-:,;"


# --- 2-4. attribution ----------------------------------------------------------------------------------
@dataclass
class Attribution:
    cue: Token | None
    speaker_tokens: Span | None
    addressee: str | None = None


def _is_cue(t: Token, lemmas: frozenset[str], phrases: frozenset[tuple[str, str]]) -> bool:
    if t.pos_ not in ("VERB", "AUX", "NOUN"):
        return False
    if t.lemma_ in lemmas:
        return True
    return any((t.lemma_, c.lower_) in phrases for c in t.children if c.dep_ in ("prt", "prep", "advmod"))


def _cue_for(doc: Doc, q: Span, c: Cues, quoted: set[int]) -> Attribution | None:
    sentences = {q[0].sent.start: q[0].sent, q[-1].sent.start: q[-1].sent}
    candidates = [
        t for s in sentences.values() for t in s if t.i not in quoted and _is_cue(t, c.direct, c.phrases)
    ]
    governing = [a for a in q.root.ancestors if a in candidates]
    by_distance = sorted(candidates, key=lambda t: min(abs(t.i - q.start), abs(t.i - q.end)))
    best: Attribution | None = None
    for cue in governing + by_distance:  # the governing speech verb first, then the nearest
        att = _attribution(cue, quoted)
        if att.speaker_tokens is not None:
            return att
        best = best or att
    for sent in sentences.values():  # a cue without a speaker gives way to "according to"
        for t in sent:
            if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                pobj = [ch for ch in doc[t.i + 1].children if ch.dep_ == "pobj"]
                if pobj:
                    return Attribution(t, _noun_phrase(_author(pobj[0])))
    if best is not None:
        return best
    for_person = _for_person(doc, q, quoted)
    if for_person is not None:
        return for_person
    colon = _colon_intro(doc, q, quoted)
    if colon is not None:
        return colon
    after = _attribution_after(doc, q, c, quoted)
    if after is not None:
        return after
    first = q[0].sent
    if first.start > 0:  # "X said:" + the quote in the next sentence or paragraph
        prev = doc[first.start - 1].sent
        if prev.text.rstrip().endswith(":"):
            cands = [t for t in prev if t.i not in quoted and _is_cue(t, c.direct, c.phrases)]
            if cands:
                return _attribution(cands[-1], quoted)
    return None


def _attribution_after(doc: Doc, q: Span, c: Cues, quoted: set[int]) -> Attribution | None:
    """“...?” Jane Roe asked. / “...!” shouted Jane Roe: a quotation that is a sentence of its own (the
    parser ends the sentence at its question or exclamation mark) and is followed, in the same paragraph,
    by a sentence that opens with the attribution: a speech verb among its first words, with no other verb
    before it and no clause of its own to report."""
    last = q[-1].sent
    if last.end >= len(doc) or not _stands_alone(doc, q):
        return None
    nxt = doc[last.end].sent
    if "\n" in doc.text[q.end_char : nxt.start_char]:
        return None
    for t in nxt[:ATTRIBUTION_AFTER_TOKENS]:
        if t.i in quoted or t.pos_ not in ("VERB", "AUX"):
            continue
        if not _is_cue(t, c.direct, c.phrases) or any(ch.dep_ == "ccomp" for ch in t.children):
            return None  # another verb first, or "Roe said she ...": a sentence of its own
        att = _attribution(t, quoted)
        return att if att.speaker_tokens is not None else None
    return None


def _for_person(doc: Doc, q: Span, quoted: set[int]) -> Attribution | None:
    """For Jane Roe “the vote was a warning.”: a sentence that opens with "for" and a name (of a person or a
    group) and has no speech verb gives that one's view; the quotation within it is theirs."""
    sent = q[0].sent
    first = next((t for t in sent if not t.is_punct), None)
    if first is None or first.lower_ != "for" or first.i in quoted or first.i >= q.start:
        return None
    pobj = next((ch for ch in first.children if ch.dep_ == "pobj"), None)
    if pobj is None or pobj.ent_type_ in NOT_NAMES or pobj.pos_ != "PROPN" or pobj.i >= q.start:
        return None
    return Attribution(first, _noun_phrase(pobj, quoted))


def _author(source: Token) -> Token:
    """The author of a document that words are "according to": "according to a statement released by the
    ministry" -> the ministry; else the document itself."""
    for acl in source.children:
        if acl.dep_ == "acl" and acl.tag_ == "VBN":
            agent = next((ch for ch in acl.children if ch.dep_ == "agent"), None)
            pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
            if pobj is not None:
                return pobj
    return source


def _colon_intro(doc: Doc, q: Span, quoted: set[int]) -> Attribution | None:
    """“...” introduced by a colon in the same sentence, without a speech verb: "... surprise pollster Jane
    Roe: “...”" (the name just before the colon) or "She then turned to the crowd: “...”" (the subject)."""
    i = q.start - 1
    while i >= 0 and (doc[i].is_punct or doc[i].is_space) and doc[i].text != ":":
        i -= 1  # the opening mark, a paragraph break: "Transcript as follows:" + quoted paragraphs
    if i < 1 or doc[i].text != ":":
        return None
    before = doc[i - 1]
    if before.i in quoted:
        return None
    if before.pos_ == "PROPN":
        head = before
        while head.dep_ in ("compound", "flat") and head.head.pos_ == "PROPN":
            head = head.head
        return Attribution(doc[i], _noun_phrase(head, quoted))
    verb = before  # the verb the words before the colon hang on: "X outlined his reasons: “...”"
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and verb.head.i not in quoted:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        verb = before.sent.root
    subject = _subject(verb, quoted)
    if subject is not None and verb.i < i:
        return Attribution(verb, _noun_phrase(subject, quoted))
    return None


def _attribution(cue: Token, quoted: set[int]) -> Attribution:
    verb = cue
    subject = _agent(verb) or _subject(verb, quoted)
    while subject is None and verb.dep_ in CLIMB_DEPS and verb.head.i != verb.i:
        controlled = verb.dep_ == "xcomp" or _as_saying(verb)
        verb = verb.head  # "..., adding, “...”" / "and said": the subject of the governing verb
        if verb.i in quoted:
            break
        if verb.dep_ == "prep" and verb.lower_ == "as" and verb.head.i not in quoted:
            verb = verb.head  # "the Herald quoted her as saying": the verb "as" hangs on
        if controlled:  # "the vote prompted Jane Roe to say": the object of the governing verb speaks
            subject = next((ch for ch in verb.children if ch.dep_ == "dobj" and ch.i not in quoted), None)
            if subject is not None:
                break
        subject = _subject(verb, quoted)
    if subject is None:
        subject = _named_before(cue, quoted)
    if subject is None and cue.tag_ == "VBG" and cue.i - cue.sent.start <= 1 and cue.sent.start > 0:
        previous = cue.doc[cue.sent.start - 1].sent.root  # "X stated that .... Adding, “...”"
        subject = _subject(previous, quoted)
    addressee = next((ch.text for ch in cue.children if ch.dep_ in ADDRESSEE_DEPS), None)
    return Attribution(cue, _noun_phrase(subject, quoted) if subject is not None else None, addressee)


def _as_saying(cue: Token) -> bool:
    """The cue is the "saying" of "<X> quoted <person> as saying": the person speaks, not X (an outlet
    reporting another's words). The object must be a person's name or a personal pronoun: "she cited the
    report as saying" keeps her as the speaker."""
    prep = cue.head
    return (
        cue.dep_ == "pcomp"
        and prep.dep_ == "prep"
        and prep.lower_ == "as"
        and any(
            ch.dep_ == "dobj" and ch.i < prep.i and (ch.ent_type_ == "PERSON" or ch.tag_ == "PRP")
            for ch in prep.head.children
        )
    )


def _agent(verb: Token) -> Token | None:
    """The agent of a passive speech verb: "she was asked by host Jane Roe" -> Roe, who speaks."""
    if not any(ch.dep_ == "auxpass" for ch in verb.children):
        return None
    for ch in verb.children:
        if ch.dep_ == "agent":
            return next((g for g in ch.children if g.dep_ == "pobj"), None)
    return None


def _subject(verb: Token, quoted: set[int]) -> Token | None:
    subject = next((ch for ch in verb.children if ch.dep_ in SUBJECT_DEPS[:2]), None)
    if (
        subject is not None
        and subject.lower_ in RELATIVE
        and verb.dep_ == "relcl"
        and verb.head.i not in quoted
    ):
        return verb.head  # "Jane Roe, who chairs the board, said": the noun the clause modifies
    if subject is None or subject.i not in quoted:
        return subject
    # The parser took the quotation for the subject ("“...,” Trump, the front-runner, said"): the
    # speaker is then a name between the quote and the verb.
    return _named_before(verb, quoted)


def _named_before(verb: Token, quoted: set[int]) -> Token | None:
    """The first name between the quotation (or the sentence start) and the verb: “...,” Trump, the
    front-runner in South Carolina, said -> Trump. Returns the head of the name."""
    doc = verb.doc
    i = verb.i - 1
    while i > verb.sent.start and (i - 1) not in quoted:
        i -= 1
    window = [t for t in doc[i : verb.i] if t.pos_ == "PROPN" and t.i not in quoted]
    people = [t for t in window if t.ent_type_ == "PERSON"]
    others = [t for t in window if t.ent_type_ not in ("DATE", "TIME", "GPE", "LOC", "FAC")]
    if not (people or others):
        return None
    head = (people or others)[0]
    while head.dep_ in ("compound", "flat") and head.head.pos_ == "PROPN" and head.head.i < verb.i:
        head = head.head
    return head


def _noun_phrase(head: Token, quoted: set[int] | None = None) -> Span:
    """The speaker's words: the head noun and what precedes it in its phrase (no relative clause)."""
    doc = head.doc
    start = head.left_edge.i
    while quoted and start in quoted and start < head.i:
        start += 1
    end = head.i + 1
    while end < len(doc) and doc[end].dep_ in ("compound", "flat") and doc[end].head.i == head.i:
        end += 1
    if head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.ent_type_ != "PERSON"):
        # a name beside a noun or title: "his wife Susan", "critics like Jane Roe", "the Ambassador, Jane Roe"
        name = _name_beside(head, quoted or set())
        if name is not None:
            end = name.i + 1
    return doc[start:end]


def _name_beside(head: Token, quoted: set[int]) -> Token | None:
    """The head of a name in apposition to a common noun, or after "like"/"such as", just after it; or a
    name the entity recogniser fused with the country of a title ("the Ambassador to Peru Oskar Brandt")."""
    for ch in head.children:
        target = ch
        if ch.dep_ == "prep" and ch.lower_ in ("like", "as"):
            target = next((g for g in ch.children if g.dep_ == "pobj"), ch)
        elif ch.dep_ == "prep":
            target = next((g for g in ch.children if g.dep_ == "pobj"), ch)
            if not quote_speakers.is_after_place(target):
                continue
        elif ch.dep_ not in ("appos", "compound"):
            continue
        if (
            target.i > head.i
            and target.i - head.i <= NAME_BESIDE_TOKENS
            and target.pos_ == "PROPN"
            and target.ent_type_ not in NOT_NAMES
            and target.i not in quoted
        ):
            return target
    return None


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
        alone = _stands_alone(doc, span)
        att = _cue_for(doc, span, c, quoted)
        if att is not None and att.cue is not None:
            quote = _make_quote(ctx, start, end, att, True, marks)
            if last is not None and para - last[0] <= 1:
                _same_pronoun_speaker(quote, last[1], ctx, marks)
        elif last is not None and para - last[0] <= 1 and alone:
            quote = _carried(last[1], text, start, end, "paragraph run: continues the quote before")
        else:
            quote = _run_after_attribution(ctx, c, quoted, marks, para, start, end) if alone else None
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
        t for t in before if t.i not in quoted and t.pos_ in ("VERB", "AUX") and _is_cue(t, c.any, c.phrases)
    ]
    if not verbs:
        return None
    att = _attribution(verbs[-1], quoted)
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


def _stands_alone(doc: Doc, q: Span) -> bool:
    """A quote that is its sentence (or sentences): no words of the narrative around it."""
    first, last = q[0].sent, q[-1].sent
    outside = [
        t
        for t in doc[first.start : last.end]
        if not (q.start <= t.i < q.end) and not t.is_punct and not t.is_space
    ]
    return not outside


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
        att = _attribution(verb, quoted)
        if att.speaker_tokens is None:
            continue
        out.append(_make_quote(ctx, s, e, att, False, marks))
        taken.append((s, e))
    return out
