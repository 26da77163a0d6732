"""Draw the articles for the date gold (seeded; run once, its output is under version control).

  python scripts/sample_dates.py [--pool ../shared/corpus/wikinews/articles.jsonl] [--out annotation/dates]

60 articles of 80 to 400 words drawn at random (seed 18) from the whole pool, whatever their dates say;
split dev/test by the SHA-1 of the article id (even first byte: dev); three annotator slices of 20, and a
random tenth given to a second annotator who does not know which ones are shared.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from pathlib import Path

from annotation_slices import deal

SEED = 18
N_ARTICLES = 60
N_SLICES = 3
DOUBLE_SHARE = 0.10
MIN_WORDS, MAX_WORDS = 80, 400


def split_of(article_id: str) -> str:
    return "dev" if hashlib.sha1(article_id.encode()).digest()[0] % 2 == 0 else "test"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pool", default="../shared/corpus/wikinews/articles.jsonl")
    ap.add_argument("--out", default="annotation/dates")
    args = ap.parse_args()
    pool = [json.loads(x) for x in Path(args.pool).read_text(encoding="utf-8").splitlines() if x.strip()]
    fit = sorted(
        (a for a in pool if MIN_WORDS <= len(a["text"].split()) <= MAX_WORDS and a.get("published")),
        key=lambda a: a["id"],
    )
    rng = random.Random(SEED)
    chosen = rng.sample(fit, N_ARTICLES)
    out = Path(args.out)
    (out / "work").mkdir(parents=True, exist_ok=True)
    rows = [
        {"id": a["id"], "split": split_of(a["id"]), "published": a["published"][:10], "title": a["title"],
         "url": a["url"], "text": a["text"]}
        for a in chosen
    ]  # fmt: skip
    (out / "articles.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    slices, doubled = deal(rows, N_SLICES, DOUBLE_SHARE, rng)
    for n, items in enumerate(slices, start=1):
        with (out / "work" / f"slice-{n}.jsonl").open("w", encoding="utf-8") as fh:
            for r in items:
                shown = {k: r[k] for k in ("id", "published", "title", "text")}
                fh.write(json.dumps(shown, ensure_ascii=False) + "\n")
    (out / "work" / "doubled.json").write_text(json.dumps(sorted(r["id"] for r in doubled)))
    print(f"{len(rows)} articles ({len(doubled)} doubled) in {N_SLICES} slices under {out / 'work'}")


if __name__ == "__main__":
    main()
