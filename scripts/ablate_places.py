"""What each places rule buys: switch it off, code the place corpora again, and score them.

    python scripts/ablate_places.py [--corpora dev,lgl,trnews] [--rules ID,ID] [--sample N] [--out FILE]
                                    [--diff N]

Each corpus (../shared/eval/places-<name>-input.jsonl, scored by score_places.py beside it) is parsed once,
and the stages before places run once; then, for the baseline (all rules on) and for each rule switched off
in turn (EVENTWIRE_PLACES_RULES_OFF), only the places stage runs again on every article, with the packaged
ranker (no retraining). Printed per rule: its phase, how many places cite it with all rules on ("cited"), how
many places change when it is off ("changed"), and per corpus the deltas of literal_acc161, found
(places_found) and the scorer's indicative precision against the baseline, in thousandths (--out also
keeps acc161_found). --sample N takes the first N articles of each corpus
(say so when you report figures from a sample). --diff N prints, per rule, up to N of the places it changes
(article, text, where with the rule -> where without it), to read what the figures do not show.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EVAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval"
CORPORA = ("dev", "lgl", "trnews")
METRICS = ("literal_acc161", "places_found", "precision", "acc161_found")
SHOWN = {"literal_acc161": "lit161", "places_found": "found", "precision": "prec"}
ENV = "EVENTWIRE_PLACES_RULES_OFF"


def prepare(name: str, sample: int | None) -> list:
    """The contexts of a corpus's articles, parsed, with every stage before places run."""
    from eventwire import nlp
    from eventwire.ingest.readers import read_articles
    from eventwire.pipeline import resolve_order
    from eventwire.records import Article, Record
    from eventwire.registry import Context

    path = EVAL / f"places-{name}-input.jsonl"
    if not path.is_file():
        sys.exit(f"ablate_places: {path} not found; run from the worktree with ../shared beside it")
    articles = [a for a in read_articles([str(path)]) if isinstance(a, Article)][:sample]
    before = [s for s in resolve_order() if s.name not in ("places", "events")]
    model = nlp.load(None)
    contexts = []
    for article, doc in zip(articles, model.pipe([a.text for a in articles], batch_size=32), strict=True):
        ctx = Context(article=article, doc=doc, record=Record(article=article))
        for s in before:
            s.func(ctx)
        contexts.append(ctx)
    return contexts


def run_places(contexts: list) -> list[dict]:
    """Records (as dicts: article and places) of the places stage run on every context."""
    from eventwire.places.resolve import resolve_places

    out = []
    for ctx in contexts:
        ctx.record.places, ctx.record.caption_places = [], []
        resolve_places(ctx)
        data = ctx.record.to_dict()
        out.append({"schema": data["schema"], "article": data["article"], "places": data["places"]})
    return out


def score(name: str, records: list[dict]) -> dict[str, float]:
    """score_places.py's summary line, as numbers."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    gold = EVAL / f"places-{name}-gold.jsonl"
    try:
        done = subprocess.run(
            [sys.executable, str(EVAL / "score_places.py"), str(gold), fh.name],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(fh.name)
    last = [line for line in done.stdout.splitlines() if line.startswith("places_found")][-1].split()
    return {last[i]: float(last[i + 1]) for i in range(0, len(last) - 1, 2)}


def _key(p: dict) -> tuple:
    return (tuple(p["span"]), p["lat"], p["lon"], p["kind"])


def changed(base: list[dict], now: list[dict]) -> int:
    """Places (by span) that differ: gone, new, or placed elsewhere."""
    n = 0
    for a, b in zip(base, now, strict=True):
        left, right = {_key(p) for p in a["places"]}, {_key(p) for p in b["places"]}
        n += max(len(left - right), len(right - left))
    return n


def _where(p: dict | None) -> str:
    if p is None:
        return "no place"
    return f"{p['name']} ({p['kind']}, {p['country']})" if p["lat"] is not None else "not placed"


def differences(base: list[dict], now: list[dict], limit: int) -> list[str]:
    out = []
    for a, b in zip(base, now, strict=True):
        left = {tuple(p["span"]): p for p in a["places"]}
        right = {tuple(p["span"]): p for p in b["places"]}
        for span in sorted(left.keys() | right.keys()):
            x, y = left.get(span), right.get(span)
            if x is None or y is None or _key(x) != _key(y):
                text = (x or y)["text"]
                out.append(f"    {a['article']['id']} {text!r}: {_where(x)} -> {_where(y)}")
                if len(out) >= limit:
                    return out
    return out


def main(argv: list[str]) -> None:
    args = dict(zip(argv[::2], argv[1::2], strict=False))
    corpora = args.get("--corpora", ",".join(CORPORA)).split(",")
    sample = int(args["--sample"]) if "--sample" in args else None
    os.environ.pop(ENV, None)
    from eventwire.places.rules import load_all

    rules = load_all()
    chosen = args["--rules"].split(",") if "--rules" in args else list(rules)
    t0 = time.perf_counter()
    contexts = {name: prepare(name, sample) for name in corpora}
    n_articles = {name: len(c) for name, c in contexts.items()}
    print(f"parsed {n_articles} in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    t0 = time.perf_counter()
    base = {name: run_places(c) for name, c in contexts.items()}
    base_scores = {name: score(name, base[name]) for name in corpora}
    print(f"one pass of the places stage and the scorer: {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    cited = {r: 0 for r in rules}
    for records in base.values():
        for rec in records:
            for p in rec["places"]:
                for r in set(p["rules"]):
                    cited[r] += 1
    rows = []
    for rule_id in chosen:
        os.environ[ENV] = rule_id
        try:
            now = {name: run_places(c) for name, c in contexts.items()}
        finally:
            os.environ.pop(ENV, None)
        scores = {name: score(name, now[name]) for name in corpora}
        deltas = {name: {m: scores[name][m] - base_scores[name][m] for m in METRICS} for name in corpora}
        n_changed = sum(changed(base[name], now[name]) for name in corpora)
        rows.append({"rule": rule_id, "phase": rules[rule_id].phase, "cited": cited[rule_id],
                     "changed": n_changed, "deltas": deltas})  # fmt: skip
        print(_row(rows[-1], corpora), flush=True)
        if "--diff" in args:
            for name in corpora:
                for line in differences(base[name], now[name], int(args["--diff"])):
                    print(f"  {name}{line}", flush=True)
    report = {"articles": n_articles, "sample": sample, "baseline": base_scores, "rules": rows}
    if "--out" in args:
        Path(args["--out"]).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print()
    print("baseline (all rules on): " + "; ".join(
        f"{name} literal_acc161 {s['literal_acc161']:.3f} found {s['places_found']:.3f} "
        f"precision {s['precision']:.3f}"
        for name, s in base_scores.items()
    ))  # fmt: skip
    print(_header(corpora))
    for row in rows:
        print(_row(row, corpora))


def _header(corpora: list[str]) -> str:
    cols = "".join(f" {name + ' ' + short:>12}" for name in corpora for short in SHOWN.values())
    return f"{'rule':36} {'phase':14} {'cited':>6} {'changed':>7}{cols}   (deltas x1000 when off)"


def _row(row: dict, corpora: list[str]) -> str:
    cols = "".join(f" {1000 * row['deltas'][n][m]:+12.0f}" for n in corpora for m in SHOWN)
    return f"{row['rule']:36} {row['phase']:14} {row['cited']:6d} {row['changed']:7d}{cols}"


if __name__ == "__main__":
    main(sys.argv[1:])
