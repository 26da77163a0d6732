"""Dates on the annotated Wikinews articles (annotation/dates), scored by ../shared/eval/score_times.py.

    python scripts/eval_dates.py [--split dev|test] [-v]

Codes the split's articles with their publication dates (the times stage only), then runs the held-out
scorer: found recall, value accuracy over gold and over found, by granularity. Rules are written while
reading dev errors only; the test split is reported beside it and never read.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT / ".." / "shared" / "eval" / "score_times.py"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev", choices=("dev", "test"))
    ap.add_argument("--dir", default=str(ROOT / "annotation" / "dates"))
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    if not SCORER.exists():
        sys.exit(f"eval_dates: {SCORER} not found (it comes with ../shared)")
    from eventwire.api import CodeOptions, code_many
    from eventwire.records import Record

    gold = Path(args.dir) / f"gold-{args.split}.jsonl"
    inputs = Path(args.dir) / f"input-{args.split}.jsonl"
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        options = CodeOptions.from_settings(workers=1, stages=["times"])
        records = [r for r in code_many([str(inputs)], options) if isinstance(r, Record)]
        pred.write_text("".join(r.to_json() + "\n" for r in records), encoding="utf-8")
        cmd = [sys.executable, str(SCORER), str(gold), str(pred), "--input", str(inputs)]
        subprocess.run([*cmd, *(["-v"] if args.v else [])], check=False)


if __name__ == "__main__":
    main()
