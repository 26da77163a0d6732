"""Draw the annotation samples from the Wikinews pool (seeded; run once, its output is under version control).

  python scripts/sample_annotation.py [--pool ../shared/corpus/wikinews/articles.jsonl]
                                      [--out annotation/work]

Design (annotation/DATA-CARD.md repeats it):
  - every article of the pool gets a split from a hash of its id: test 15%, dev 15%, train 70%. The split of a
    sentence is its article's: no model or rule is fitted to the test articles;
  - sentence sample: 480 articles drawn at random (seed 15), three in four from those tagged "Politics and
    conflicts" (where events are), one in four from the rest (`--other-share`; round 3 takes half and
    half); from each, up to 7 of its sentences at random (6 to 80 words). Every sentence of the sample is
    annotated; a random 10% is given to a second annotator,
    who does not know which ones are shared;
  - article sample: 36 other articles of 120 to 600 words tagged "Politics and conflicts", half from the dev
    split and half from the test split, annotated whole in the format of ../shared/eval/ARTICLE-GOLD-GUIDE.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from pathlib import Path

SEED = 15
N_ARTICLES = 480
PER_ARTICLE = 7
N_SLICES = 6
DOUBLE_SHARE = 0.10
N_GOLD_ARTICLES = 36
HIDDEN = ("split", "slice", "double")  # what the annotators are not told

# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before a space and an
# upper-case letter, a digit or an opening quote, unless the word before the stop is a short abbreviation
# ("Mr.", "U.S.").
_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]?\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")
_ABBREV = re.compile(r"(?:\b[A-Z][a-z]{0,3}|\b(?:[A-Za-z]\.)+|\bNo|\bSt|\bvs|\betc)\.$")


def split_of(article_id: str) -> str:
    bucket = int(hashlib.sha1(str(article_id).encode()).hexdigest(), 16) % 100
    return "test" if bucket < 15 else "dev" if bucket < 30 else "train"


def sentences(text: str) -> list[str]:
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        para = " ".join(para.split())
        start = 0
        for m in _END.finditer(para):
            piece = para[start : m.start()].rstrip()
            if _ABBREV.search(piece):
                continue
            out.append(para[start : m.start()].strip())
            start = m.end()
        if para[start:].strip():
            out.append(para[start:].strip())
    return [s for s in out if s]


def political(article: dict) -> bool:
    return any("politics and conflicts" in str(c).lower() for c in article.get("categories") or ())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pool", default="../shared/corpus/wikinews/articles.jsonl")
    ap.add_argument("--out", default="annotation/work")
    ap.add_argument(
        "--round",
        type=int,
        default=1,
        help="a later round draws other articles (seed 15 + 1000 per round), none of earlier rounds' or of "
        "the article gold, and no new article gold",
    )
    ap.add_argument(
        "--other-share",
        type=float,
        default=0.25,
        help="share of the articles drawn from outside 'Politics and conflicts' (round 3: 0.5, so the "
        "classifier sees more business and science sentences, where event words often have other senses)",
    )
    ap.add_argument(
        "--since",
        type=int,
        default=0,
        help="round 5: every article published in or after this year (any category, at most 480), for the "
        "modern news the pool has little of",
    )
    args = ap.parse_args()
    pool = [json.loads(line) for line in Path(args.pool).read_text(encoding="utf-8").splitlines() if line]
    rng = random.Random(SEED + 1000 * (args.round - 1))
    if args.round > 1:
        taken = {
            json.loads(x)["article"] for x in Path("annotation/events.jsonl").read_text().splitlines() if x
        }
        for done in ("articles", "articles-modern", "quotes"):  # the article golds
            path = Path(f"annotation/{done}/articles.jsonl")
            if path.exists():
                taken |= {json.loads(x)["id"] for x in path.read_text().splitlines() if x}
        pool = [a for a in pool if a["id"] not in taken]
    if args.since:
        recent = [a for a in pool if str(a.get("published") or "")[:4] >= str(args.since)]
        chosen = rng.sample(recent, min(N_ARTICLES, len(recent)))
    else:
        pol = [a for a in pool if political(a)]
        rest = [a for a in pool if not political(a)]
        n_pol = round(N_ARTICLES * (1 - args.other_share))
        chosen = rng.sample(pol, n_pol) + rng.sample(rest, N_ARTICLES - n_pol)
    rng.shuffle(chosen)
    items = []
    for a in chosen:
        sents = sentences(a["text"])
        idx = [i for i, s in enumerate(sents) if 6 <= len(s.split()) <= 80]
        for i in sorted(rng.sample(idx, min(PER_ARTICLE, len(idx)))):
            items.append(
                {
                    "sid": f"{a['id']}-s{i}",
                    "article": str(a["id"]),
                    "split": split_of(a["id"]),
                    "title": a["title"],
                    "published": a.get("published"),
                    "context": sents[i - 1] if i else "",
                    "text": sents[i],
                }
            )
    rng.shuffle(items)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    slices: list[list[dict]] = [[] for _ in range(N_SLICES)]
    for k, item in enumerate(items):
        item["slice"] = k % N_SLICES
        slices[k % N_SLICES].append(item)
    doubles = rng.sample(items, round(len(items) * DOUBLE_SHARE))
    for k, item in enumerate(doubles):
        other = (item["slice"] + 1 + k % (N_SLICES - 1)) % N_SLICES
        slices[other].append({**item, "double": True})
    for n, sl in enumerate(slices):
        rng.shuffle(sl)
        lines = [
            json.dumps({k: v for k, v in it.items() if k not in HIDDEN}, ensure_ascii=False) for it in sl
        ]
        (out / f"slice{n}.input.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    meta = [{k: it[k] for k in ("sid", "article", "split", "slice")} for it in items]
    (out / "sample.jsonl").write_text("\n".join(json.dumps(m) for m in meta) + "\n", encoding="utf-8")
    (out / "doubles.json").write_text(json.dumps(sorted(d["sid"] for d in doubles)), encoding="utf-8")
    if args.round > 1:
        print(f"{len(items)} sentences from {len(chosen)} articles, {len(doubles)} doubled")
        return
    used = {a["id"] for a in chosen}
    candidates = [a for a in pol if a["id"] not in used and 120 <= len(a["text"].split()) <= 600]
    half = N_GOLD_ARTICLES // 2
    gold = [a for a in rng.sample(candidates, len(candidates)) if split_of(a["id"]) == "dev"][:half]
    gold += [a for a in rng.sample(candidates, len(candidates)) if split_of(a["id"]) == "test"][:half]
    (out / "articles.input.jsonl").write_text(
        "\n".join(json.dumps({**a, "split": split_of(a["id"])}, ensure_ascii=False) for a in gold) + "\n",
        encoding="utf-8",
    )
    print(f"{len(items)} sentences from {len(chosen)} articles, {len(doubles)} doubled; {len(gold)} articles")


if __name__ == "__main__":
    main()
