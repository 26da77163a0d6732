"""The time of a clause, from the times the record holds: a shared lookup for the stages that date what they
find (quotes, events). The times stage fills `record.times`; this module reads them, with the parse.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import TimeRef
from .words import words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..registry import Context

# Dependencies that open a new clause: a clause's time does not cross them.
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "csubjpass", "conj"})
MEMO = "lookups.clauses"


def clause_time(ctx: Context, token_index: int) -> TimeRef | None:
    """The time of the clause holding token `token_index`: a time expression of its own clause, else the
    time of the reporting clause above it ("Peru said Tuesday it was moving troops" -> Tuesday), else the
    publication date, else None."""
    doc = ctx.doc
    memo = ctx.notes.setdefault(MEMO, {})  # this module's own cache for the article, not a channel
    if "anchored" not in memo:
        memo["anchored"] = anchored_times(doc, ctx.record.times)
    if token_index not in memo:
        memo[token_index] = _clause_time(ctx, doc, memo["anchored"], token_index)
    return memo[token_index]


def anchored_times(doc: Doc, times: list[TimeRef]) -> list[tuple[int, TimeRef]]:
    """The record's times with the index of the token heading each (the root of its span), in text order."""
    out = []
    for ref in times:
        if ref.span is None:
            continue
        span = doc.char_span(ref.span[0], ref.span[1], alignment_mode="expand")
        if span is not None and len(span):
            out.append((span.root.i, ref))
    return out


def _clause_time(
    ctx: Context, doc: Doc, anchored: list[tuple[int, TimeRef]], token_index: int
) -> TimeRef | None:
    if anchored and doc.has_annotation("DEP") and 0 <= token_index < len(doc):
        verb = _clause_head(doc[token_index])
        own = _time_in_clause(verb, anchored)
        if own is not None:
            return own
        lemmas = words().reporting_verbs_all
        for ancestor in verb.ancestors:
            if ancestor.lemma_ in lemmas and ancestor.pos_ in ("VERB", "AUX"):
                found = _time_in_clause(ancestor, anchored)
                if found is not None:
                    return found
    published = ctx.article.published
    if published:
        return TimeRef(text=None, span=None, value=published, precision="day", anchor="published")
    return None


def _clause_head(token: Token) -> Token:
    """The verb heading the token's clause (the token itself when it is one), else its sentence root."""
    for t in (token, *token.ancestors):
        if t.pos_ in ("VERB", "AUX") and (t.dep_ in CLAUSE_DEPS | {"ROOT", "xcomp"} or t.head.i == t.i):
            return t
    return token.sent.root


def _time_in_clause(verb: Token, anchored: list[tuple[int, TimeRef]]) -> TimeRef | None:
    """The first valued time whose root lies in the verb's clause: its subtree minus embedded clauses."""
    doc = verb.doc
    for i, ref in anchored:
        if ref.value is not None and _in_clause(doc[i], verb):
            return ref
    return None


def _in_clause(token: Token, verb: Token) -> bool:
    """The token is under the verb without passing through an embedded clause (climbing from the token to
    the verb, which costs a few steps where collecting the clause's tokens costs its whole subtree)."""
    t = token
    while t.i != verb.i:
        if t.dep_ in CLAUSE_DEPS and (t.dep_ != "conj" or t.pos_ in ("VERB", "AUX")):
            return False
        if t.head.i == t.i:
            return False  # the sentence root, and the verb was not on the way
        t = t.head
    return True
