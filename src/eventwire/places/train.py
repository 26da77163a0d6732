"""Training the place ranker (`eventwire train places INPUT.jsonl...`).

Each INPUT is a corpus of articles (`{id, text}` lines) with a gold file beside it (`-input` replaced by
`-gold`: `{id, toponyms: [{text, span, geonames_id, lat, lon}]}`), as the GeoWebNews, LGL and TR-News files
in ../shared/eval are. The articles are coded with the hand-set weights; every choice among a name's
gazetteer entries is collected with its features (rank.COLLECT) and labelled by the gold toponym at that
place in the text: an entry is right when it carries the gold GeoNames id or lies within 161 km of the gold
point. Choices where no entry is right (the name is not in the gazetteer under the right place) teach
nothing and are left out.

The model is a conditional logit (softmax over one name's entries, L2 penalty), fitted with scipy's L-BFGS.
Cross-validation is by article (folds from a hash of the article id, so reproducible); its figures, per
corpus, are written into the model file beside the hand-set weights' figures on the same choices.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy

from .. import choice_models
from ..errors import EventwireError
from ..records import Article
from . import rank

RIGHT_KM = 161.0  # the corpora's and the scorers' tolerance
FOLDS = 5


@dataclass
class Group:
    """One choice among a name's entries, labelled."""

    corpus: str
    article: str
    x: numpy.ndarray  # entries x features
    right: numpy.ndarray  # bool per entry
    rules: int  # the entry the hand-set weights chose

    def fold(self, k: int = FOLDS) -> int:
        return int(hashlib.sha1(self.article.encode()).hexdigest(), 16) % k


def gold_path(inp: Path) -> Path:
    return inp.with_name(inp.name.replace("-input", "-gold"))


def collect(inputs: list[Path], model_name: str | None = None) -> list[Group]:
    """Code the corpora and label every choice the ranker makes."""
    from ..ingest.readers import read_articles
    from ..pipeline import run_collecting

    groups: list[Group] = []
    for inp in inputs:
        gold_file = gold_path(inp)
        if not inp.is_file() or not gold_file.is_file():
            raise EventwireError(
                f"training corpus {inp} or its gold file {gold_file.name} is missing",
                "give corpus input files with a -gold file beside each",
            )
        gold = {g["id"]: g["toponyms"] for g in _jsonl(gold_file)}
        articles = [a for a in read_articles([str(inp)]) if isinstance(a, Article) and a.id in gold]
        found = run_collecting(rank, articles, model_name, f"training corpus {inp}")
        corpus = inp.name.replace("-input.jsonl", "")
        texts_by_id = {a.id: a.text for a in articles}
        for c in found:
            g = _label(c, gold.get(c["article"], []), texts_by_id.get(c["article"], ""))
            if g is not None:
                groups.append(Group(corpus, c["article"], *g))
    return groups


def _jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    except (OSError, ValueError) as exc:
        raise EventwireError(f"{path} cannot be read as JSON Lines ({exc})", "give a corpus file") from None


def _label(c: dict[str, Any], toponyms: list[dict[str, Any]], text: str):
    """(features, right, rules' choice) of a collected choice, or None when it teaches nothing."""
    if len(c["ids"]) < 2 or c["span"] is None:
        return None
    start, end = c["span"]
    name = rank._bare(text[start:end]) if text else c["name"]
    here = [t for t in toponyms if t["span"][0] < end and start < t["span"][1]]
    if not here:  # the cleaned text moved the spans: the same name nearest to the mention
        same = [t for t in toponyms if rank._bare(t["text"]) in (name, c["name"])]
        here = sorted(same, key=lambda t: abs(t["span"][0] - start))[:1]
        if here and abs(here[0]["span"][0] - start) > 500:
            here = []
    if not here:
        return None
    t = here[0]
    right = numpy.array(
        [
            gid == t.get("geonames_id")
            or (lat is not None and rank._km(lat, lon, t["lat"], t["lon"]) <= RIGHT_KM)
            for gid, (lat, lon) in zip(c["ids"], c["points"], strict=True)
        ]
    )
    if not right.any():
        return None
    x = numpy.array(c["x"], dtype=float)
    return x, right, int(c["rules"])


def fit(groups: list[Group], c_reg: float = 1.0) -> numpy.ndarray:
    """Weights maximising the log probability of the right entries, minus an L2 penalty."""
    if not groups:
        raise EventwireError("no labelled choices to train on", "give corpora whose gold matches the texts")
    # Each corpus weighs the same, however many choices it has: the ranker is for news of every kind, not
    # for the local US news that makes up most of the choices.
    sizes = Counter(g.corpus for g in groups)
    share = {c: len(groups) / (len(sizes) * n) for c, n in sizes.items()}
    data = [(g.x, g.right, share[g.corpus]) for g in groups]
    return choice_models.fit(data, len(rank.FEATURES), c_reg)


def accuracy(groups: list[Group], weights: numpy.ndarray | None) -> float:
    """Share of choices where the chosen entry is right (the hand-set weights' choice when weights is
    None)."""
    if not groups:
        return 0.0
    hits = 0
    for g in groups:
        i = g.rules if weights is None else int(numpy.argmax(g.x @ weights))
        hits += bool(g.right[i])
    return hits / len(groups)


def cross_validate(groups: list[Group], c_reg: float = 1.0) -> dict[str, dict[str, float]]:
    """Per corpus: choices, accuracy of the hand-set weights and of the learned ranker (by article folds)."""
    chosen: dict[int, bool] = {}
    for fold in range(FOLDS):
        train = [g for g in groups if g.fold() != fold]
        w = fit(train, c_reg)
        for i, g in enumerate(groups):
            if g.fold() == fold:
                chosen[i] = bool(g.right[int(numpy.argmax(g.x @ w))])
    out: dict[str, dict[str, float]] = {}
    for corpus in sorted({g.corpus for g in groups}):
        idx = [i for i, g in enumerate(groups) if g.corpus == corpus]
        out[corpus] = {
            "choices": len(idx),
            "rules": round(accuracy([groups[i] for i in idx], None), 3),
            "learned": round(sum(chosen[i] for i in idx) / len(idx), 3),
        }
    return out


def train(inputs: list[Path], out: Path, c_reg: float = 1.0, model_name: str | None = None) -> dict[str, Any]:
    """Collect, cross-validate, fit on everything and write the ranker file; returns its report."""
    groups = collect(inputs, model_name)
    cv = cross_validate(groups, c_reg)
    weights = fit(groups, c_reg)
    about = {
        "trained_on": [p.name for p in inputs],
        "choices": len(groups),
        "articles": len({(g.corpus, g.article) for g in groups}),
        "c_reg": c_reg,
        "cross_validation": cv,
    }
    model = rank.Ranker(weights, about)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(model.to_json(), encoding="utf-8")
    return about
