#!/usr/bin/env python3
"""Score eventwire.ingest.clean on the shared capture sets.

usage: PYTHONPATH=src python scripts/eval_captures.py [CAPTURES.jsonl] [--split dev|test|all] [-v] [--titles]

Reads the captures (default ../shared/eval/captures-dev.jsonl), runs clean_capture on each
`text`, writes a temporary GOLD file ({id, title, body}) and PRED file (eventwire.record/1
records with article {id, title, text}) and runs score_body.py (found beside the captures
file) on them, once per subset (the `subset` field, when the file has one), passing -v through.

--split: a third of the pages (chosen by a hash of the id, so the same pages every time) is our
test split; no rule or threshold is fitted to it. Report dev and test side by side. The 24-page
captures-dev.jsonl has no split (it is saturated and scored whole). --titles prints each wrong
title of the chosen pages (gold, then ours), to read errors, never the test split's.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from eventwire.ingest.clean import clean_capture
from eventwire.ingest.title_train import split_of

DEFAULT = Path("../shared/eval/captures-dev.jsonl")


def _norm(title: str | None) -> str:
    return " ".join((title or "").split()).casefold()


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("captures", nargs="?", default=str(DEFAULT))
    ap.add_argument("--split", default="all", choices=("dev", "test", "all"))
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--titles", action="store_true")
    args = ap.parse_args(argv)
    path = Path(args.captures)
    scorer = path.parent / "score_body.py"
    if not path.is_file() or not scorer.is_file():
        sys.exit(f"eval_captures: {path} or {scorer} not found (the shared dev data lives outside the repo)")
    groups: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        doc = json.loads(line)
        if "subset" in doc and args.split != "all" and split_of(doc["id"]) != args.split:
            continue
        res = clean_capture(doc["text"])
        gold, pred = groups[doc.get("subset", "all")]
        gold.append({"id": doc["id"], "title": doc.get("title"), "body": doc.get("body", "")})
        pred.append(
            {
                "schema": "eventwire.record/1",
                "article": {"id": doc["id"], "title": res.title, "text": res.body},
            }
        )
        if args.titles and doc.get("title") and _norm(doc["title"]) != _norm(res.title):
            if args.split == "test":
                sys.exit("eval_captures: --titles reads errors; it is not for the test split")
            print(f"{doc['id'][:24]}\n  gold: {doc['title']!r}\n  ours: {res.title!r}")
    code = 0
    for name, (gold, pred) in sorted(groups.items()):
        print(f"== {name} ({args.split}, {len(gold)} pages)", flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            gold_path, pred_path = Path(tmp) / "gold.jsonl", Path(tmp) / "pred.jsonl"
            gold_path.write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
            pred_path.write_text("".join(json.dumps(p) + "\n" for p in pred), encoding="utf-8")
            cmd = [sys.executable, str(scorer), str(gold_path), str(pred_path)] + (["-v"] if args.v else [])
            out = subprocess.run(cmd, check=False, capture_output=True, text=True)
            print(out.stdout.splitlines()[-1] if not args.v else out.stdout, end="\n", flush=True)
            code = code or out.returncode
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
