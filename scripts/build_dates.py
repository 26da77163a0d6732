"""Join the annotators' date judgments into the date gold and measure their agreement.

  python scripts/build_dates.py [--dir annotation/dates]

Reads DIR/articles.jsonl (the sample, with splits and texts), DIR/work/out-N.jsonl and DIR/work/doubled.json.
Writes DIR/gold-{dev,test}.jsonl ({id, timexes}, the first annotator's, in the format of
../shared/eval/score_times.py), DIR/input-{dev,test}.jsonl ({id, text, published}) and DIR/agreement.json: on
the doubled articles, the share of one annotator's timexes the other marked (overlapping span) and, of those,
the share with the same value.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path


def overlap(a: list[int], b: list[int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", default="annotation/dates")
    args = ap.parse_args()
    root = Path(args.dir)
    arts = [json.loads(x) for x in (root / "articles.jsonl").read_text().splitlines() if x.strip()]
    n_slices = len(list((root / "work").glob("slice-*.jsonl")))
    home = {a["id"]: i % n_slices + 1 for i, a in enumerate(arts)}
    by: dict[str, dict[int, dict]] = {}
    for out in sorted((root / "work").glob("out-*.jsonl")):
        who = int(out.stem.split("-")[1])
        for line in out.read_text().splitlines():
            if line.strip():
                row = json.loads(line)
                by.setdefault(row["id"], {})[who] = row
    texts = {a["id"]: a["text"] for a in arts}
    for aid, rows in by.items():
        for who, row in rows.items():
            for t in row["timexes"]:
                s, e = t["span"]
                if texts[aid][s:e] != t["text"]:
                    raise SystemExit(f"out-{who}: {aid}: span {t['span']} is not {t['text']!r}")
    pairs_span = pairs_value = same_value = 0
    for aid, rows in by.items():
        if len(rows) < 2:
            continue
        first, second = rows[home[aid]], next(r for w, r in rows.items() if w != home[aid])
        for x, y in ((first, second), (second, first)):
            for t in x["timexes"]:
                match = next((u for u in y["timexes"] if overlap(t["span"], u["span"])), None)
                pairs_span += 1
                if match is not None:
                    pairs_value += 1
                    same_value += match["value"] == t["value"]
    for split in ("dev", "test"):
        chosen = [a for a in arts if a["split"] == split]
        gold = [{"id": a["id"], "timexes": by[a["id"]][home[a["id"]]]["timexes"]} for a in chosen]
        (root / f"gold-{split}.jsonl").write_text(
            "".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold)
        )
        inputs = [{"id": a["id"], "text": a["text"], "published": a["published"]} for a in chosen]
        (root / f"input-{split}.jsonl").write_text(
            "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in inputs)
        )
    counts = Counter(
        (t["value"][:4].isdigit() and len(t["value"])) or t["value"]
        for rows in by.values()
        for t in rows[next(iter(sorted(rows)))]["timexes"]
    )
    agreement = {
        "doubled_articles": sum(len(r) > 1 for r in by.values()),
        "timexes_marked_by_both": round(pairs_value / pairs_span, 3) if pairs_span else None,
        "same_value_when_both": round(same_value / pairs_value, 3) if pairs_value else None,
        "timexes": sum(len(by[a["id"]][home[a["id"]]]["timexes"]) for a in arts),
        "value_shapes": {str(k): v for k, v in counts.most_common()},
    }
    (root / "agreement.json").write_text(json.dumps(agreement, indent=2) + "\n")
    print(json.dumps(agreement, indent=2))


if __name__ == "__main__":
    main()
