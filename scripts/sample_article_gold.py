"""Draw a further round of whole articles for article-level gold (seeded; its output is version-controlled).

    PYTHONPATH=scripts python scripts/sample_article_gold.py --round 2 [--n 24]
        [--pool ../shared/corpus/wikinews/articles.jsonl] [--out annotation/work-articles2]

Same design as the first 36 (scripts/sample_annotation.py): articles of 120 to 600 words tagged "Politics and
conflicts", half from the dev split and half from the test split (the split is the hash of the article id, as
for the sentences), drawn at random with seed 15 + 1000 * round + 7; none already in the sentence sample or in
the article gold. The articles are shuffled before they are given to annotators, who are not told the split.

    PYTHONPATH=scripts python scripts/sample_article_gold.py --round 3 --n 30 --quotes 3 \
        --out annotation/work-quotes3

`--quotes K` draws a quote round instead: articles of any category (quotes are not only political news)
with at least K direct quotations of 6 words or more, for quote gold; the rest of the design is the same.

    PYTHONPATH=scripts python scripts/sample_article_gold.py --round 4 --n 24 --since 2016 \
        --out annotation/work-articles4

    PYTHONPATH=scripts python scripts/sample_article_gold.py --round 6 --n 40 --quotes 3 \
        --out annotation/work-quotes6

`--since YEAR` draws articles published in or after YEAR, of any category (most of the pool's articles after
2015 carry no category): the pool's closest match to the modern news users code, where business, accidents
and court news sit beside politics.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from sample_annotation import SEED, political, split_of

QUOTE = re.compile(r"[\"\u201c]([^\"\u201c\u201d\n]{20,600})[\"\u201d]")


def direct_quotes(text: str) -> int:
    """How many quoted stretches of 6 words or more the text holds (scare quotes are shorter)."""
    return sum(len(m.group(1).split()) >= 6 for m in QUOTE.finditer(text))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pool", default="../shared/corpus/wikinews/articles.jsonl")
    ap.add_argument("--out", default="annotation/work-articles2")
    ap.add_argument("--round", type=int, default=2)
    ap.add_argument("--n", type=int, default=24)
    ap.add_argument("--quotes", type=int, default=0, help="quote round: at least K direct quotations")
    ap.add_argument("--since", type=int, default=0, help="published in or after YEAR, any category")
    args = ap.parse_args()
    pool = [json.loads(line) for line in Path(args.pool).read_text(encoding="utf-8").splitlines() if line]
    taken = set()
    for done in ("annotation/events.jsonl", "annotation/events-modern.jsonl"):
        if Path(done).exists():
            taken |= {json.loads(x)["article"] for x in Path(done).read_text().splitlines() if x}
    for done in (
        "annotation/articles/articles.jsonl",
        "annotation/quotes/articles.jsonl",
        "annotation/articles-modern/articles.jsonl",
        "annotation/quotes6/articles.jsonl",
    ):
        if Path(done).exists():
            taken |= {json.loads(x)["id"] for x in Path(done).read_text().splitlines() if x}
    rng = random.Random(SEED + 1000 * args.round + 7)
    wanted = (lambda a: direct_quotes(a["text"]) >= args.quotes) if args.quotes else political
    if args.since:
        wanted = lambda a: str(a.get("published") or "")[:4] >= str(args.since)  # noqa: E731
    size_ok = lambda a: 120 <= len(a["text"].split()) <= 600  # noqa: E731
    candidates = [a for a in pool if a["id"] not in taken and wanted(a) and size_ok(a)]
    rng.shuffle(candidates)
    half = args.n // 2
    gold = [a for a in candidates if split_of(a["id"]) == "dev"][:half]
    gold += [a for a in candidates if split_of(a["id"]) == "test"][:half]
    rng.shuffle(gold)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "articles.input.jsonl").write_text(
        "\n".join(json.dumps({**a, "split": split_of(a["id"])}, ensure_ascii=False) for a in gold) + "\n",
        encoding="utf-8",
    )
    print(f"{len(gold)} articles ({half} dev, {half} test) -> {out}/articles.input.jsonl")


if __name__ == "__main__":
    main()
