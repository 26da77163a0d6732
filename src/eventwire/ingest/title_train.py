"""Training the title ranker of page captures (`eventwire train titles`).

Each capture line ({id, text, title, ...}) gives one choice: the title candidates of the page (see
``title.candidates``) with their features, the right ones being those whose text, its site suffix
dropped, is the gold title. Pages where no candidate is right teach nothing and are left out. The
ranker is a conditional logit (a softmax over the page's candidates) with an L2 penalty, fitted with
scipy; cross-validation by page reports it beside the hand-set score on the same pages.

Which pages may be learned from is the caller's choice (`subsets`): a line with a `subset` field is
used only when that subset is named, and never when it falls in the fixed test third (``split_of``)
that the evaluation keeps aside. Lines without a `subset` field are all used.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import choice_models
from ..errors import EventwireError
from . import title
from .clean import capture_region
from .lines import norm

TEST_SHARE = 3  # one page in TEST_SHARE is test
FOLDS = 5


def split_of(doc_id: str) -> str:
    """ "test" for a fixed third of the pages (by a hash of the id), else "dev"."""
    digest = hashlib.sha1(doc_id.encode("utf-8")).digest()
    return "test" if digest[0] % TEST_SHARE == 0 else "dev"


@dataclass
class Choice:
    page: str
    source: str
    x: list[list[float]]
    right: list[bool]
    rules_right: bool  # the hand-set score's choice is right

    def fold(self) -> int:
        return hashlib.sha1(self.page.encode("utf-8")).digest()[1] % FOLDS


def _title_text(units: list[Any], i: int) -> str:
    lines = {norm(u.text) for u in units if u.words <= title.TITLE_MAX_WORDS}
    return title.bare_title(units[i].text, lines)


def page_choice(doc: dict[str, Any], source: str) -> Choice | None:
    """The choice one capture gives, or None when it has no title or no candidate is right."""
    gold = norm(doc.get("title") or "")
    found = capture_region(str(doc.get("text") or "")) if gold else None
    if found is None:
        return None
    units, start, end = found
    cands = title.candidates(units, start)
    right = [norm(_title_text(units, i)) == gold for i in cands]
    if not any(right):
        return None
    page = title.page_context(units, start, end)
    repeats = Counter(norm(u.text) for u in units if u.words <= title.TITLE_MAX_WORDS)
    chosen = title.rules_title(units, start, end, repeats)
    rules_right = chosen is not None and norm(_title_text(units, chosen)) == gold
    return Choice(str(doc["id"]), source, [title.features(page, i) for i in cands], right, rules_right)


def collect(paths: Iterable[Path], subsets: Iterable[str]) -> list[Choice]:
    allowed = set(subsets)
    out: list[Choice] = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise EventwireError(
                f"cannot read {path} ({exc.strerror})", "give a captures .jsonl file"
            ) from None
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError:
                raise EventwireError(f"{path}:{n} is not JSON", "give one capture object per line") from None
            subset = doc.get("subset")
            if subset is not None and (subset not in allowed or split_of(str(doc.get("id"))) == "test"):
                continue
            choice = page_choice(doc, subset or path.stem)
            if choice is not None:
                out.append(choice)
    return out


def fit(choices: list[Choice], c_reg: float = 1.0) -> list[float]:
    """Weights maximising the log probability of the right candidates, minus an L2 penalty."""
    if not choices:
        raise EventwireError("no page with a right title candidate to train on", "give captures with titles")
    import numpy

    data = [(numpy.array(c.x, dtype=float), numpy.array(c.right, dtype=float), 1.0) for c in choices]
    return [float(v) for v in choice_models.fit(data, len(title.FEATURES), c_reg)]


def _picks_right(c: Choice, weights: list[float]) -> bool:
    model = title.Ranker(weights, {})
    scores = [model.score(x) for x in c.x]
    best = max(range(len(scores)), key=lambda i: (scores[i], i))
    return c.right[best]


def cross_validate(choices: list[Choice], c_reg: float) -> dict[str, dict[str, float]]:
    """Per source: pages, share right by the hand-set score and by the ranker (folds by page)."""
    right: dict[int, bool] = {}
    for fold in range(FOLDS):
        train = [c for c in choices if c.fold() != fold]
        weights = fit(train, c_reg)
        for i, c in enumerate(choices):
            if c.fold() == fold:
                right[i] = _picks_right(c, weights)
    out: dict[str, dict[str, float]] = {}
    for source in sorted({c.source for c in choices}):
        idx = [i for i, c in enumerate(choices) if c.source == source]
        out[source] = {
            "pages": len(idx),
            "rules": round(sum(choices[i].rules_right for i in idx) / len(idx), 3),
            "learned": round(sum(right[i] for i in idx) / len(idx), 3),
        }
    return out


def train(paths: list[Path], subsets: list[str], out: Path, c_reg: float = 1.0) -> dict[str, Any]:
    """Collect, cross-validate, fit on every page and write the ranker file; returns its report."""
    choices = collect(paths, subsets)
    if not choices:
        raise EventwireError("no page with a right title candidate to train on", "give captures with titles")
    about = {
        "trained_on": [p.name for p in paths],
        "subsets": sorted(subsets),
        "pages": len(choices),
        "c_reg": c_reg,
        "cross_validation": cross_validate(choices, c_reg),
    }
    model = title.Ranker(fit(choices, c_reg), about)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(model.to_json(), encoding="utf-8")
    return about
