#!/usr/bin/env python3
"""Score eventwire.ingest.clean on the shared capture dev set.

usage: PYTHONPATH=src python scripts/eval_captures.py [CAPTURES.jsonl] [-v]

Reads the captures (default ../shared/eval/captures-dev.jsonl), runs clean_capture on each
`text`, writes a temporary GOLD file ({id, title, body}) and PRED file (eventwire.record/1
records with article {id, title, text}) and runs score_body.py (found beside the captures
file) on them, passing -v through.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from eventwire.ingest.clean import clean_capture

DEFAULT = Path("../shared/eval/captures-dev.jsonl")


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    path = Path(args[0]) if args else DEFAULT
    scorer = path.parent / "score_body.py"
    if not path.is_file() or not scorer.is_file():
        sys.exit(f"eval_captures: {path} or {scorer} not found (the shared dev data lives outside the repo)")
    gold, pred = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        doc = json.loads(line)
        res = clean_capture(doc["text"])
        gold.append({"id": doc["id"], "title": doc.get("title"), "body": doc.get("body", "")})
        article = {"id": doc["id"], "title": res.title, "text": res.body}
        pred.append({"schema": "eventwire.record/1", "article": article})
    with tempfile.TemporaryDirectory() as tmp:
        gold_path, pred_path = Path(tmp) / "gold.jsonl", Path(tmp) / "pred.jsonl"
        gold_path.write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
        pred_path.write_text("".join(json.dumps(p) + "\n" for p in pred), encoding="utf-8")
        cmd = [sys.executable, str(scorer), str(gold_path), str(pred_path)] + (["-v"] if verbose else [])
        return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
