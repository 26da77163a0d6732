"""Story events across articles against the pair gold of annotation/clusters (pairwise precision and recall).

    python scripts/eval_stories.py [--split dev|test|all] [--pool ../shared/corpus/wikinews/articles.jsonl]
                                   [--db PATH] [-v]

Codes every article of the split's pairs into one store (PATH, a temporary file by default; an existing
PATH is reused as it is), builds the story tables, and scores each annotated pair: the pair is predicted
linked when the two articles share a story event. Gold positives are the pairs labelled `same` (both report
one happening). Precision is over the annotated pairs predicted linked; recall over the `same` pairs.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev", choices=("dev", "test", "all"))
    ap.add_argument("--pool", default=str(ROOT.parent / "shared" / "corpus" / "wikinews" / "articles.jsonl"))
    ap.add_argument("--gold", default=str(ROOT / "annotation" / "clusters" / "gold.jsonl"))
    ap.add_argument("--db", default=None)
    ap.add_argument("-v", action="store_true", help="list the pairs scored wrong")
    args = ap.parse_args()
    from eventwire.api import CodeOptions, code_many
    from eventwire.store import Store
    from eventwire.stories import linked_pairs

    gold = [json.loads(x) for x in Path(args.gold).read_text().splitlines() if x.strip()]
    gold = [g for g in gold if args.split in ("all", g["split"])]
    wanted = {g[side]["id"] for g in gold for side in ("a", "b")}
    if not Path(args.pool).exists():
        sys.exit(f"eval_stories: {args.pool} not found (it comes with ../shared)")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "stories.duckdb"
        if not db.exists():
            inp = Path(tmp) / "input.jsonl"
            with inp.open("w", encoding="utf-8") as fh:
                for line in Path(args.pool).read_text(encoding="utf-8").splitlines():
                    row = json.loads(line)
                    if row["id"] in wanted:
                        keep = ("id", "title", "published", "url", "text")
                        fh.write(json.dumps({k: row[k] for k in keep}) + "\n")
            with Store(db) as store:
                store.write_many(
                    [r for r in code_many([str(inp)], CodeOptions(workers=2)) if hasattr(r, "article")]
                )
        with Store(db) as store:
            n = store.update_stories()
            linked = linked_pairs(store.con)
    tp = fp = fn = 0
    for g in gold:
        pair = tuple(sorted((g["a"]["id"], g["b"]["id"])))
        predicted, same = pair in linked, g["label"] == "same"
        tp += predicted and same
        fp += predicted and not same
        fn += same and not predicted
        if args.v and predicted != same:
            titles = f"{g['a']['title'][:50]!r} | {g['b']['title'][:50]!r}"
            print(f"{'FP' if predicted else 'FN'} {g['label']:9s} {titles}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(
        f"split {args.split}: {len(gold)} pairs ({tp + fn} same), {len(wanted)} articles, {n} stories; "
        f"pairwise precision {p:.3f} recall {r:.3f} F1 {f1:.3f} (tp {tp}, fp {fp}, fn {fn})"
    )


if __name__ == "__main__":
    main()
