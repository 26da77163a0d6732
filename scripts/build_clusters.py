"""Join the annotators' pair judgments into the cross-article gold and measure their agreement.

  python scripts/build_clusters.py [--dir annotation/clusters]

Reads DIR/pairs.jsonl (the sample, with splits), DIR/work/out-N.jsonl (one file per annotator slice) and
DIR/work/doubled.json (the pairs given to two annotators). Writes DIR/gold.jsonl (one line per pair: the label
of the annotator whose slice held the pair first; the second annotator's label, if any, beside it) and
DIR/agreement.json (observed agreement and Cohen's kappa: same vs not, and the three labels).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

LABELS = ("same", "related", "different")


def kappa(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    n = len(pairs)
    if not n:
        return 0.0, 0.0
    observed = sum(a == b for a, b in pairs) / n
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[k] * right[k] for k in left) / (n * n)
    return round(observed, 3), round((observed - expected) / (1 - expected), 3) if expected < 1 else 1.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", default="annotation/clusters")
    args = ap.parse_args()
    root = Path(args.dir)
    pairs = [json.loads(x) for x in (root / "pairs.jsonl").read_text().splitlines() if x.strip()]
    n_slices = len(list((root / "work").glob("slice-*.jsonl")))
    home = {p["pair"]: i % n_slices + 1 for i, p in enumerate(pairs)}  # as sample_clusters.py dealt them
    labels: dict[str, dict[int, dict]] = {}
    for out in sorted((root / "work").glob("out-*.jsonl")):
        who = int(out.stem.split("-")[1])
        for line in out.read_text().splitlines():
            if line.strip():
                row = json.loads(line)
                if row["label"] not in LABELS:
                    raise SystemExit(f"{out}: label {row['label']!r} of {row['pair']} is not one of {LABELS}")
                labels.setdefault(row["pair"], {})[who] = row
    gold, doubled = [], []
    for p in pairs:
        by = labels.get(p["pair"], {})
        first = by.get(home[p["pair"]])
        if first is None:
            raise SystemExit(f"pair {p['pair']} has no judgment from slice {home[p['pair']]}")
        second = next((r for who, r in by.items() if who != home[p["pair"]]), None)
        row = {**p, "label": first["label"], "shared": first.get("shared", ""), "note": first.get("note", "")}
        if second is not None:
            row["second_label"] = second["label"]
            doubled.append((first["label"], second["label"]))
        gold.append(row)
    (root / "gold.jsonl").write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold))
    same = [(a == "same", b == "same") for a, b in doubled]
    agreement = {
        "doubled_pairs": len(doubled),
        "same_vs_not": dict(
            zip(("agreement", "kappa"), kappa([(str(a), str(b)) for a, b in same]), strict=True)
        ),
        "three_labels": dict(zip(("agreement", "kappa"), kappa(doubled), strict=True)),
        "counts": dict(Counter(g["label"] for g in gold)),
        "counts_by_split": {
            s: dict(Counter(g["label"] for g in gold if g["split"] == s)) for s in ("dev", "test")
        },
    }
    (root / "agreement.json").write_text(json.dumps(agreement, indent=2) + "\n")
    print(json.dumps(agreement, indent=2))


if __name__ == "__main__":
    main()
