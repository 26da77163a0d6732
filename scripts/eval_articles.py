"""Events at article level: code the hand-annotated Wikinews articles and score them with the held-out scorer.

    python scripts/eval_articles.py [--split dev|test|all] [--gold annotation/articles] [--lax] [-v]

The articles and their split are in annotation/articles/articles.jsonl, the gold beside them
(<id>.gold.json, made as ../shared/eval/ARTICLE-GOLD-GUIDE.md says). Scoring is
../shared/eval/score_articles.py
(strict by default: right type, a shared party code, the event's sentence holds the gold trigger). The test
split is never looked at while writing rules or fitting the model: report it, do not tune on it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT / ".." / "shared" / "eval" / "score_articles.py"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev", choices=("dev", "test", "all"))
    ap.add_argument("--gold", default=str(ROOT / "annotation" / "articles"))
    ap.add_argument("--lax", action="store_true")
    ap.add_argument("-v", action="store_true", help="print each counted event")
    args = ap.parse_args()
    if not SCORER.exists():
        sys.exit(f"eval_articles: {SCORER} not found (it comes with ../shared)")
    from eventwire.api import CodeOptions, code_many
    from eventwire.records import Record

    gold_dir = Path(args.gold)
    articles = [json.loads(x) for x in (gold_dir / "articles.jsonl").read_text().splitlines() if x.strip()]
    chosen = [
        a
        for a in articles
        if args.split in ("all", a["split"]) and (gold_dir / f"{a['id']}.gold.json").exists()
    ]
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        inp, pred, gdir = tmpdir / "input.jsonl", tmpdir / "pred.jsonl", tmpdir / "gold"
        gdir.mkdir()
        inp.write_text(
            "".join(
                json.dumps({k: a[k] for k in ("id", "title", "published", "url", "text")}) + "\n"
                for a in chosen
            )
        )
        for a in chosen:
            (gdir / f"{a['id']}.gold.json").symlink_to((gold_dir / f"{a['id']}.gold.json").resolve())
        records = [r for r in code_many([str(inp)], CodeOptions(workers=1)) if isinstance(r, Record)]
        pred.write_text("".join(r.to_json() + "\n" for r in records))
        if args.v:
            for r in records:
                print_events(r)
        print(f"split {args.split}: {len(chosen)} articles")
        subprocess.run(
            [sys.executable, str(SCORER), str(gdir), str(pred), *(["--lax"] if args.lax else [])], check=False
        )


def print_events(record) -> None:
    by_id = {a.id: a for a in record.actors}

    def codes(ids: list[str]) -> str:
        return "/".join(str(by_id[i].country or by_id[i].org) for i in ids)

    for e in record.events:
        if e.status in ("asserted", "planned"):
            parties = f"{codes(e.actors):12s} -> {codes(e.recipients):12s}"
            print(f"{record.article.id} {e.type:9s} {parties} {e.trigger.text!r} [{e.rule}]")


if __name__ == "__main__":
    main()
