"""The learned filter between the lexicon's matches and the coder's events (model in learned.py).

For each lexicon match the classifier gives a probability per label (the 16 PLOVER types and NONE):
  - NONE at or above `drop` (a threshold chosen on the dev split and stored with the weights): the match is
    not a specific event ("a conference on tourism", "the threat of terrorism") and goes to
    `event_candidates` (never a threat made by the syntax: see `_threat_by_construction`);
  - another type at or above `retype` and above the match's own type: the match is coded as that type
    ("the court charged him" is ACCUSE whatever the lexicon guessed);
  - otherwise the lexicon's reading stands, with its probability as `score`.
Where the lexicon is silent, a verb (or a noun the annotators used as a trigger) whose best label is a type
with probability at or above `propose` becomes a match of its own (entry id `model.<type>`), coded like the
others.

With the setting `event_model` off, or no model in the package, matches pass through unchanged.
`COLLECT`, when a list, receives every candidate with its features instead (used by `eventwire train events`).
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import settings
from ..errors import EventwireError
from ..lookups.lexicon import Entry, Match, NounPattern, VerbPattern
from . import learned
from .status import is_conditional_consequence

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..registry import Context

COLLECT: list[dict[str, Any]] | None = None
DROPPED = "learned classifier: no specific event (p(NONE) {p:.2f})"


@functools.cache
def _model(choice: str) -> learned.Model | None:
    if choice == "off":
        return None
    if choice == "packaged":
        return learned.load()
    path = Path(choice)
    if not path.is_file():
        raise EventwireError(
            f"event model {choice!r} is not a file",
            "set EVENTWIRE_EVENT_MODEL to packaged, off or the path of a model that `eventwire train events` "
            "wrote",
        )
    try:
        return learned.read(path)
    except (OSError, ValueError, KeyError) as exc:
        raise EventwireError(f"event model {choice!r} cannot be read ({exc})", "train it again") from None


def model() -> learned.Model | None:
    return _model(str(settings.get("event_model")))


@functools.cache
def _entry(etype: str) -> Entry:
    return Entry(id=f"model.{etype.lower()}", type=etype)


def _party_test(ctx: Context, actors: Any):
    starts = sorted(actors.by_start)

    def has_party(tok: Token | None) -> bool:
        if tok is None:
            return False
        lo = tok.left_edge.idx
        hi = tok.right_edge.idx + len(tok.right_edge)
        k = bisect_left(starts, lo)
        return k < len(starts) and starts[k] < hi

    return has_party


def classify(ctx: Context, matches: list[Match], actors: Any) -> tuple[list[Match], list[tuple[Match, str]]]:
    """The matches to code (the lexicon's, retyped or not, and the model's proposals, in text order) and the
    lexicon matches set aside, each with the reason."""
    mdl = model() if COLLECT is None else None
    if mdl is None and COLLECT is None:
        return matches, []
    has_party = _party_test(ctx, actors)
    used = {w.i for m in matches for w in m.words}
    doc = ctx.doc
    proposals = [
        t
        for t in doc
        if t.i not in used
        and (
            t.pos_ == "VERB"
            or (
                t.pos_ == "NOUN"
                and (COLLECT is not None or (mdl is not None and t.lemma_.lower() in mdl.nouns))
            )
        )
    ]
    if COLLECT is not None:
        for m in matches:
            COLLECT.append(_row(ctx, m.token, m.entry, candidate_feats(m.token, m.entry, has_party)))
            COLLECT[-1]["keep"] = _threat_by_construction(m)
        for t in proposals:
            COLLECT.append(_row(ctx, t, None, candidate_feats(t, None, has_party)))
        return matches, []
    assert mdl is not None
    th = mdl.thresholds
    kept: list[Match] = []
    rejected: list[tuple[Match, str]] = []
    for m in matches:
        p = mdl.probabilities(candidate_feats(m.token, m.entry, has_party))
        label = learned.decide(m.entry.type, p, th, keep=_threat_by_construction(m))
        if label == learned.NONE:
            m.score = round(p.get(m.entry.type, 0.0), 3)
            rejected.append((m, DROPPED.format(p=p[learned.NONE])))
        elif label != m.entry.type:
            kept.append(Match(m.token, _entry(label), m.pattern, m.words, round(p[label], 3)))
        else:
            m.score = round(p.get(m.entry.type, 0.0), 3)
            kept.append(m)
    for t in proposals:
        p = mdl.probabilities(candidate_feats(t, None, has_party))
        best = learned.decide(None, p, th)
        if best != learned.NONE:
            entry = _entry(best)
            pattern = (
                VerbPattern(entry, t.lemma_, text=t.lemma_)
                if t.pos_ == "VERB"
                else NounPattern(entry, t.lemma_, text=t.lemma_)
            )
            kept.append(Match(t, entry, pattern, [t], round(p[best], 3)))
    kept.sort(key=lambda m: m.token.i)
    return kept, rejected


def _threat_by_construction(m: Match) -> bool:
    """A threat the syntax makes, which the classifier's features do not see: a consequence stated under a
    condition ("would take measures if ...") or an entry whose actor is the speaker ("X would face severe
    consequences", said by Y). The coder decides on these by their structure; the classifier never drops
    them."""
    return m.entry.speaker or is_conditional_consequence(m.token)


def candidate_feats(tok: Token, entry: Entry | None, has_party) -> list[str]:
    return learned.candidate_features(
        tok, entry.id if entry else None, entry.type if entry else None, has_party
    )


def _row(ctx: Context, tok: Token, entry: Entry | None, feats: list[str]) -> dict[str, Any]:
    return {
        "article": ctx.article.id,
        "start": tok.idx,
        "end": tok.idx + len(tok),
        "pos": tok.pos_,
        "lemma": tok.lemma_.lower(),
        "lex_type": entry.type if entry else None,
        "features": feats,
    }
