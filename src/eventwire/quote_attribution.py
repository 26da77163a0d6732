"""Steps 2-3 of the quotes stage: the cue of a quotation and the words of its speaker.

The cue is a speech verb (lookups/lang/cues_en.yaml) of the quote's sentence that governs it (the nearest
ancestor in the parse), else the nearest one in the sentence, else "according to"; "For Jane Roe “...”", a
colon introduction ("... pollster Jane Roe: “...”", "X said:" + quote) and an attribution opening the next
sentence ("“Why?” Roe asked.") are read too. The speaker's words are the subject of the cue (its noun
phrase), or of the verb a participle cue hangs on ("..., adding, “...”"); quote_speakers.py decides whom
they stand for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import quote_speakers
from .lookups.cues import cues

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from .lookups.cues import Cues

SUBJECT_DEPS = ("nsubj", "nsubjpass", "expl")
# Relative pronouns standing for the noun their clause modifies: "Jane Roe, who chairs the board, said".
RELATIVE = frozenset({"who", "that", "which"})
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


@dataclass
class Attribution:
    cue: Token | None
    speaker_tokens: Span | None
    addressee: str | None = None


def is_cue(t: Token, lemmas: frozenset[str], phrases: frozenset[tuple[str, str]]) -> bool:
    if t.pos_ not in ("VERB", "AUX", "NOUN") or (t.pos_ == "NOUN" and t.lemma_ in cues().verb_only):
        return False
    if t.lemma_ in lemmas:
        return True
    return any((t.lemma_, c.lower_) in phrases for c in t.children if c.dep_ in ("prt", "prep", "advmod"))


def find_attribution(doc: Doc, q: Span, c: Cues, quoted: set[int]) -> Attribution | None:
    sentences = {q[0].sent.start: q[0].sent, q[-1].sent.start: q[-1].sent}
    candidates = [
        t for s in sentences.values() for t in s if t.i not in quoted and is_cue(t, c.direct, c.phrases)
    ]
    governing = [a for a in q.root.ancestors if a in candidates]
    by_distance = sorted(candidates, key=lambda t: min(abs(t.i - q.start), abs(t.i - q.end)))
    best: Attribution | None = None
    for cue in governing + by_distance:  # the governing speech verb first, then the nearest
        att = attribution_of(cue, quoted)
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
            cands = [t for t in prev if t.i not in quoted and is_cue(t, c.direct, c.phrases)]
            if cands:
                return attribution_of(cands[-1], quoted)
    return None


# Complements by which a speech verb reports content of its own: a clause ("Roe said she ...") or what
# something is called ("a report called the militia dangerous", "named him the winner").
OWN_CONTENT = frozenset({"ccomp", "oprd", "xcomp", "acomp"})


def _attribution_after(doc: Doc, q: Span, c: Cues, quoted: set[int]) -> Attribution | None:
    """“...?” Jane Roe asked. / “...!” shouted Jane Roe: a quotation that is a sentence of its own (the
    parser ends the sentence at its question or exclamation mark) and is followed, in the same paragraph,
    by a sentence that opens with the attribution: a speech verb among its first words, with no other verb
    before it and no clause of its own to report."""
    last = q[-1].sent
    if last.end >= len(doc) or not stands_alone(doc, q):
        return None
    nxt = doc[last.end].sent
    if "\n" in doc.text[q.end_char : nxt.start_char]:
        return None
    for t in nxt[:ATTRIBUTION_AFTER_TOKENS]:
        if t.i in quoted or t.pos_ not in ("VERB", "AUX"):
            continue
        if not is_cue(t, c.direct, c.phrases) or any(ch.dep_ in OWN_CONTENT for ch in t.children):
            return None  # another verb first, or "Roe said she ...", "a report called it X": its own content
        att = attribution_of(t, quoted)
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


def _author(source: Token, quoted: set[int] | None = None) -> Token:
    """The author of a document that speaks: "according to a statement released by the ministry" -> the
    ministry; for a document noun (cues_en.yaml `documents`) also the other authors its phrase names
    (quote_speakers.document_authors: "the club's statement", "a letter from X", "the firm released a
    statement which read, “...”"); else the document itself."""
    for acl in source.children:
        if acl.dep_ == "acl" and acl.tag_ == "VBN":
            agent = next((ch for ch in acl.children if ch.dep_ == "agent"), None)
            pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
            if pobj is not None:
                return pobj
    if source.lemma_.lower() not in cues().documents:
        return source
    return next(
        (
            a
            for a in quote_speakers.document_authors(source)
            if a.pos_ in ("PROPN", "NOUN") and a.i not in (quoted or set())
        ),
        source,
    )


def _colon_intro(doc: Doc, q: Span, quoted: set[int]) -> Attribution | None:
    """“...” introduced by a colon in the same sentence, without a speech verb: "... surprise pollster Jane
    Roe: “...”" (the name just before the colon) or "She then turned to the crowd: “...”" (the subject); a
    name that is the object of a preposition ("Jane Roe wrote on Facebook: “...”") is not the speaker."""
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
        if head.dep_ != "pobj":  # "posted on Twitter: “...”", "told a rally in Lima:": the verb's subject
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


def attribution_of(cue: Token, quoted: set[int]) -> Attribution:
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
        subject = _named_before(cue, quoted) or _named_after(cue, quoted)
    if subject is not None and subject.i not in quoted:
        subject = _author(subject, quoted)  # "the firm released a statement which read"
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


def _named_after(cue: Token, quoted: set[int]) -> Token | None:
    """Inverted attribution right after a quotation whose parse lost the subject: “...,” said commuter Jane
    Roe (the title word taken for a verb, the name for its object) -> the first person's name among the
    words after the cue. Not for "told", whose object is the one spoken to."""
    doc = cue.doc
    if cue.lemma_ == "tell" or cue.i == 0:
        return None
    before = cue.i - 1
    while before > cue.sent.start and doc[before].is_punct and before not in quoted:
        before -= 1
    if before not in quoted:
        return None  # the cue does not follow a quotation
    for t in doc[cue.i + 1 : min(cue.sent.end, cue.i + 1 + NAME_BESIDE_TOKENS)]:
        if t.i in quoted or (t.is_punct and t.text != ","):
            return None
        if t.pos_ == "PROPN" and t.ent_type_ == "PERSON":
            head = t
            while head.dep_ in ("compound", "flat") and head.head.pos_ == "PROPN" and head.head.i > t.i:
                head = head.head
            return head
    return None


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


# A lead-in before a quotation with no verb of its own ("Of the rebels, “...”", "On the economy: “...”")
# has at most this many words.
LEAD_IN_MAX_WORDS = 6


def lead_in_only(doc: Doc, q: Span) -> bool:
    """The quotation's sentence holds, besides it, only a short lead-in with no verb that opens with a
    preposition: "On the new tariffs, “We will answer them.”" (the words go on the speaker before)."""
    outside = _words_around(doc, q)
    return (
        0 < len(outside) <= LEAD_IN_MAX_WORDS
        and all(t.i < q.start for t in outside)
        and outside[0].pos_ == "ADP"
        and not any(t.pos_ in ("VERB", "AUX") for t in outside)
    )


def stands_alone(doc: Doc, q: Span) -> bool:
    """A quote that is its sentence (or sentences): no words of the narrative around it."""
    return not _words_around(doc, q)


def _words_around(doc: Doc, q: Span) -> list[Token]:
    """The words (not punctuation) of the quotation's sentences outside it."""
    first, last = q[0].sent, q[-1].sent
    return [
        t
        for t in doc[first.start : last.end]
        if not (q.start <= t.i < q.end) and not t.is_punct and not t.is_space
    ]


# A quotation woven into a clause with no verb of saying needs at least this many words to be someone's
# words rather than a scare quote ("the so-called “reforms”").
EMBEDDED_MIN_WORDS = 4


def embedded_attribution(doc: Doc, q: Span, quoted: set[int]) -> Attribution | None:
    """A quotation that is part of a clause whose verb is no verb of saying, "the council voted “to close
    the old bridge for repairs”", "the ferry line guarantees that “every crossing will leave on time”": the
    words are the subject's, when that subject is a name (a person's or an organisation's)."""
    if sum(not t.is_punct for t in q) < EMBEDDED_MIN_WORDS:
        return None
    verb = next((a for a in q.root.ancestors if a.i not in quoted and a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return None
    subject = _subject(verb, quoted)
    while subject is None and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i not in quoted:
        verb = verb.head
        subject = _subject(verb, quoted)
    if subject is None or subject.i in quoted or subject.pos_ != "PROPN" or subject.ent_type_ in NOT_NAMES:
        return None
    return Attribution(verb, _noun_phrase(subject, quoted))
