"""`eventwire train events`: fit the learned event classifier on the annotated sentences (deterministic).

1. Every annotated sentence (with the sentence before it, for pronouns) is coded by the whole pipeline with
   `classify.COLLECT` set: the lexicon's matches and every other verb and noun come back with their features.
2. Labels: each annotated event goes to one candidate inside its trigger: the lexicon match (one of the
   gold type first), else the first verb, else the first noun; its label is the type, or NONE for a generic
   mention. Other candidates inside an annotated trigger are left out (the trigger's other words); the
   remaining ones are NONE. Damaged sentences are skipped.
3. A multinomial logistic regression (scikit-learn, lbfgs, L2 with C from C_GRID) on the features seen at
   least twice in the train split; nouns become candidates where the lexicon is silent when the train split
   has them as a trigger at least twice.
4. Thresholds (drop, retype, propose) and C are chosen on the dev split for typed-trigger F1; the test split
   is scored once, for the report, and never used to choose anything.
scikit-learn is needed only here (`pip install eventwire[train]`); inference uses numpy alone.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy

from ..errors import EventwireError
from ..records import Article
from . import classify, learned

TYPES_ORDER = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST "
    "SANCTION MOBILIZE COERCE ASSAULT"
).split()
IGNORE = "IGNORE"
GRID_DROP = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01)
GRID_RETYPE = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
GRID_PROPOSE = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
MIN_FEATURE_COUNT = 2
MIN_NOUN_COUNT = 2
C_GRID = (0.3, 1.0, 3.0)


@dataclass
class Candidate:
    sid: str
    split: str
    lemma: str
    pos: str
    lex_type: str | None
    features: list[str]
    label: str
    start: int
    end: int
    keep: bool = False  # a threat made by the syntax: never dropped (classify._threat_by_construction)


def load_annotations(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EventwireError(f"{path}: cannot be read ({exc.strerror})", "give the annotation file") from None
    rows = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EventwireError(f"{path} line {n}: is not valid JSON ({exc.msg})", "fix the line") from None
        if not isinstance(row, dict) or not {"sid", "text", "split", "events"} <= row.keys():
            raise EventwireError(
                f"{path} line {n}: needs sid, text, split and events", "see annotation/DATA-CARD.md"
            )
        rows.append(row)
    return rows


def _article(row: dict[str, Any]) -> tuple[Article, int]:
    context = row.get("context") or ""
    text = f"{context}\n\n{row['text']}" if context else row["text"]
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    article = Article(
        id=row["sid"],
        hash=digest,
        source=row["sid"],
        text=text,
        published=row.get("published"),
        language="en",
    )
    return article, len(text) - len(row["text"])


def collect(rows: list[dict[str, Any]], model_name: str | None = None) -> list[Candidate]:
    """Every candidate of the annotated sentences, labelled."""
    from ..pipeline import run_collecting

    usable = [r for r in rows if not r.get("damaged")]
    articles, offsets = [], {}
    for r in usable:
        article, offset = _article(r)
        articles.append(article)
        offsets[r["sid"]] = offset
    found = run_collecting(classify, articles, model_name, "training data")
    by_sid: dict[str, list[dict[str, Any]]] = {}
    for c in found:
        if c["start"] >= offsets.get(c["article"], 10**9):
            by_sid.setdefault(c["article"], []).append(c)
    out: list[Candidate] = []
    for r in usable:
        out += _label(r, offsets[r["sid"]], by_sid.get(r["sid"], []))
    return out


def _label(row: dict[str, Any], offset: int, cands: list[dict[str, Any]]) -> list[Candidate]:
    labels = ["NONE"] * len(cands)
    for e in row["events"]:
        at = row["text"].find(e.get("trigger") or "\0")
        if at < 0:
            continue
        lo, hi = offset + at, offset + at + len(e["trigger"])
        inside = [i for i, c in enumerate(cands) if c["start"] < hi and lo < c["end"]]
        if not inside:
            continue
        gold = "NONE" if e.get("status") == "generic" else e["type"]
        lexical = [i for i in inside if cands[i]["lex_type"]]
        pick = (
            next((i for i in lexical if cands[i]["lex_type"] == gold), None)
            or (lexical[0] if lexical else None)
            or next((i for i in inside if cands[i]["pos"] == "VERB"), None)
            or inside[0]
        )
        for i in inside:
            if labels[i] in ("NONE", IGNORE):
                labels[i] = IGNORE
        labels[pick] = gold
    return [
        Candidate(
            row["sid"],
            row["split"],
            c["lemma"],
            c["pos"],
            c["lex_type"],
            c["features"],
            lab,
            c["start"],
            c["end"],
            bool(c.get("keep")),
        )
        for c, lab in zip(cands, labels, strict=True)
        if lab != IGNORE
    ]


def trigger_nouns(cands: list[Candidate]) -> frozenset[str]:
    counts = Counter(
        c.lemma
        for c in cands
        if c.split == "train" and c.pos == "NOUN" and not c.lex_type and c.label != "NONE"
    )
    return frozenset(n for n, k in counts.items() if k >= MIN_NOUN_COUNT)


def usable(c: Candidate, nouns: frozenset[str]) -> bool:
    """Whether the coder would see this candidate at run time (nouns outside the lexicon only if learned)."""
    return bool(c.lex_type) or c.pos == "VERB" or c.lemma in nouns


def fit(cands: list[Candidate], seed: int = 0, c_reg: float = 1.0) -> learned.Model:
    try:
        from scipy.sparse import csr_matrix
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise EventwireError(
            "training needs scikit-learn, which is not installed", "pip install 'eventwire[train]'"
        ) from None

    train = [c for c in cands if c.split == "train"]
    counts = Counter(f for c in train for f in set(c.features))
    names = sorted(f for f, k in counts.items() if k >= MIN_FEATURE_COUNT)
    index = {n: i for i, n in enumerate(names)}
    labels = ["NONE", *[t for t in TYPES_ORDER if any(c.label == t for c in train)]]
    rows, cols = [], []
    for r, c in enumerate(train):
        for f in set(c.features):
            if f in index:
                rows.append(r)
                cols.append(index[f])
    x = csr_matrix((numpy.ones(len(rows)), (rows, cols)), shape=(len(train), len(names)))
    y = numpy.array([labels.index(c.label) for c in train])
    clf = LogisticRegression(C=c_reg, max_iter=3000, random_state=seed)
    clf.fit(x, y)
    coef = numpy.zeros((x.shape[1], len(labels)))
    coef[:, clf.classes_] = clf.coef_.T
    bias = numpy.full(len(labels), -30.0)
    bias[clf.classes_] = clf.intercept_
    return learned.Model(
        labels, index, coef, bias, frozenset(), {"drop": 1.01, "retype": 1.01, "propose": 1.01}
    )


def decide(c: Candidate, p: dict[str, float], th: dict[str, float]) -> str:
    """The coder's reading of one candidate (the same rule as at run time)."""
    return learned.decide(c.lex_type, p, th, keep=c.keep)


def score(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Typed-trigger precision, recall and F1 over (gold, predicted) labels of the candidates."""
    tp = sum(g == p != "NONE" for g, p in pairs)
    pred = sum(p != "NONE" for _, p in pairs)
    gold = sum(g != "NONE" for g, _ in pairs)
    prec, rec = tp / max(1, pred), tp / max(1, gold)
    f1 = 0.0 if prec + rec == 0 else 2 * prec * rec / (prec + rec)
    return {
        "precision": round(prec, 3),
        "recall": round(rec, 3),
        "f1": round(f1, 3),
        "gold": gold,
        "predicted": pred,
    }


def evaluate(cands: list[Candidate], mdl: learned.Model | None, split: str) -> dict[str, float]:
    """The split's typed-trigger figures with the model's thresholds, or the lexicon alone (mdl None)."""
    pairs = []
    for c in cands:
        if c.split != split:
            continue
        if mdl is None:
            pairs.append((c.label, c.lex_type or "NONE"))
        elif usable(c, mdl.nouns):
            pairs.append((c.label, decide(c, mdl.probabilities(c.features), mdl.thresholds)))
        else:
            pairs.append((c.label, "NONE"))
    return score(pairs)


def tune(cands: list[Candidate], mdl: learned.Model) -> dict[str, float]:
    dev = [(c, mdl.probabilities(c.features)) for c in cands if c.split == "dev" and usable(c, mdl.nouns)]
    missed = [c.label for c in cands if c.split == "dev" and not usable(c, mdl.nouns)]
    best, best_f1 = None, -1.0
    for drop, retype, propose in itertools.product(GRID_DROP, GRID_RETYPE, GRID_PROPOSE):
        th = {"drop": drop, "retype": retype, "propose": propose}
        pairs = [(c.label, decide(c, p, th)) for c, p in dev] + [(g, "NONE") for g in missed]
        f1 = score(pairs)["f1"]
        if f1 > best_f1:
            best, best_f1 = th, f1
    assert best is not None
    return best


def train(
    data: Path,
    out: Path,
    seed: int = 0,
    model_name: str | None = None,
    log=print,
    thresholds: dict[str, float] | None = None,
    c_grid: tuple[float, ...] = C_GRID,
) -> dict[str, Any]:
    """Fit, tune on dev, save to `out` and return the report. `thresholds` (any of drop, retype, propose)
    replace the tuned ones, and `c_grid` is the regularisation to choose from on the dev sentences: the
    packaged model's were chosen on the dev articles (see the README)."""
    rows = load_annotations(data)
    log(f"coding {len(rows)} annotated sentences ...")
    cands = collect(rows, model_name)
    nouns = trigger_nouns(cands)
    log(f"{len(cands)} candidates; {len(nouns)} trigger nouns learned")
    mdl, best = None, -1.0
    for c_reg in c_grid:  # the regularisation too is chosen on the dev split
        candidate = fit([c for c in cands if usable(c, nouns)], seed=seed, c_reg=c_reg)
        candidate.nouns = nouns
        candidate.thresholds = tune(cands, candidate)
        f1 = evaluate(cands, candidate, "dev")["f1"]
        log(f"C={c_reg}: thresholds {candidate.thresholds}, dev typed-trigger F1 {f1:.3f}")
        if f1 > best:
            mdl, best, chosen_c = candidate, f1, c_reg
    assert mdl is not None
    tuned = dict(mdl.thresholds)
    mdl.thresholds.update(thresholds or {})
    out.parent.mkdir(parents=True, exist_ok=True)
    learned.save(out, mdl)
    report = {
        "data": str(data),
        "sentences": len(rows),
        "candidates": Counter(c.split for c in cands),
        "features": len(mdl.index),
        "labels": mdl.labels,
        "thresholds": mdl.thresholds,
        "thresholds_tuned_on_dev_sentences": tuned,
        "C": chosen_c,
        "seed": seed,
    }
    for split in ("dev", "test"):
        report[f"{split}_rules_only"] = evaluate(cands, None, split)
        report[f"{split}_model"] = evaluate(cands, mdl, split)
    return report
