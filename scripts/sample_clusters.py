"""Draw the article pairs for the cross-article gold (seeded; run once, its output is under version control).

  python scripts/sample_clusters.py [--pool ../shared/corpus/wikinews/articles.jsonl]
                                    [--out annotation/clusters]

Design (annotation/clusters/DATA-CARD.md repeats it):
  - candidate pairs: two articles of the pool published at most MAX_DAYS apart whose titles and first
    paragraphs share capitalised words (Jaccard of those word sets at least 0.05); this finds pairs worth
    asking about without using anything of eventwire's event coding;
  - the sample is drawn at random (seed 20) from three bands of that overlap: high (>= 0.3), middle (0.15 to
    0.3) and low (0.05 to 0.15), so that same, related and different pairs all occur;
  - each pair gets a split from a hash of its pair id (dev or test, half each): the matching rule is written
    while reading dev pairs only; test pairs are scored for the report;
  - a random 10% is given to a second annotator, who does not know which pairs are shared.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import random
import re
from collections import defaultdict
from pathlib import Path

from annotation_slices import deal

SEED = 20
MAX_DAYS = 2
BANDS = ((0.3, 1.01, 150), (0.15, 0.3, 100), (0.05, 0.15, 50))  # (low, high, pairs drawn)
N_SLICES = 3
DOUBLE_SHARE = 0.10
TEXT_CHARS = 2500  # what the annotator reads of each article
_CAP = re.compile(r"\b[A-Z][A-Za-z\-]{2,}\b")
# Capitalised words that name nothing: sentence openers, weekdays, months, titles.
_NOT_NAMES = frozenset(
    "The This That These Those Its His Her They There But And According After While With When For Some Also "
    "However Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
    "July August September October November December President Minister Prime Mrs".split()
)


def key_words(article: dict) -> set[str]:
    first = article["text"].split("\n\n")[0]
    return {w for w in _CAP.findall(f"{article['title']} {first}") if w not in _NOT_NAMES}


def split_of(pair_id: str) -> str:
    return "dev" if hashlib.sha1(pair_id.encode()).digest()[0] % 2 == 0 else "test"


def candidate_pairs(articles: list[dict]) -> list[tuple[float, dict, dict]]:
    by_day: dict[datetime.date, list[dict]] = defaultdict(list)
    for a in articles:
        try:
            day = datetime.date.fromisoformat(str(a.get("published", ""))[:10])
        except ValueError:
            continue
        by_day[day].append({**a, "_day": day, "_keys": key_words(a)})
    out = []
    for day in sorted(by_day):
        later = [b for k in range(1, MAX_DAYS + 1) for b in by_day.get(day + datetime.timedelta(days=k), [])]
        today = by_day[day]
        for i, a in enumerate(today):
            for b in today[i + 1 :] + later:
                union = a["_keys"] | b["_keys"]
                overlap = len(a["_keys"] & b["_keys"]) / max(1, len(union))
                if overlap >= BANDS[-1][0]:
                    out.append((overlap, a, b))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pool", default="../shared/corpus/wikinews/articles.jsonl")
    ap.add_argument("--out", default="annotation/clusters")
    args = ap.parse_args()
    articles = [json.loads(x) for x in Path(args.pool).read_text(encoding="utf-8").splitlines() if x.strip()]
    rng = random.Random(SEED)
    pairs = candidate_pairs(articles)
    chosen = []
    for low, high, n in BANDS:
        band = sorted((p for p in pairs if low <= p[0] < high), key=lambda p: (p[1]["id"], p[2]["id"]))
        chosen += [(low, p) for p in rng.sample(band, min(n, len(band)))]
    rng.shuffle(chosen)
    out = Path(args.out)
    (out / "work").mkdir(parents=True, exist_ok=True)
    rows = []
    for band, (overlap, a, b) in chosen:
        pair_id = f"{a['id']}~{b['id']}"
        rows.append(
            {
                "pair": pair_id,
                "split": split_of(pair_id),
                "band": band,
                "overlap": round(overlap, 3),
                "a": {k: a[k] for k in ("id", "title", "published", "url")},
                "b": {k: b[k] for k in ("id", "title", "published", "url")},
            }
        )
    (out / "pairs.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    texts = {a["id"]: a["text"][:TEXT_CHARS] for a in articles}
    slices, doubled = deal(rows, N_SLICES, DOUBLE_SHARE, rng)
    for n, items in enumerate(slices, start=1):
        with (out / "work" / f"slice-{n}.jsonl").open("w", encoding="utf-8") as fh:
            for r in items:
                item = {"pair": r["pair"]}
                for side in ("a", "b"):
                    item[side] = {**r[side], "text": texts[r[side]["id"]]}
                fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    doubled_ids = sorted(r["pair"] for r in doubled)
    (out / "work" / "doubled.json").write_text(json.dumps(doubled_ids), encoding="utf-8")
    print(f"{len(rows)} pairs ({len(doubled)} doubled) in {N_SLICES} slices under {out / 'work'}")


if __name__ == "__main__":
    main()
