"""Merge a quote-gold round's annotator outputs into a gold folder, and measure their agreement.

    python scripts/build_quote_gold.py annotation/work-quotes6 annotation/quotes6

The work folder holds `articles.input.jsonl` (the drawn articles with their split), `slice-X.jsonl` (what
annotator X was given), `out-X/<id>.gold.json` (what X wrote) and `double.json` ({"second_annotator":
{X: article id}}: the article X annotated as a second, independent annotator). Each article's gold is the
file of its first annotator (the one whose slice it was drawn into); the doubled articles give the
agreement: a quote of one annotator is matched when the other has a quote sharing at least half its words
(the article scorer's rule), and the speaker agrees when the surnames match (the scorer's name rule).
Writes `<gold>/articles.jsonl`, `<gold>/<id>.gold.json` and `<gold>/agreement.json`.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", (text or "").lower()))


def overlap(a: str, b: str) -> float:
    wa, wb = words(a), words(b)
    return len(wa & wb) / max(1, len(wa | wb))


def same_speaker(a: str, b: str) -> bool:
    a, b = (a or "").lower(), (b or "").lower()
    return bool(a and b) and (a.split()[-1] in b or b.split()[-1] in a)


def agreement(first: list[dict], second: list[dict]) -> tuple[int, int, int]:
    """(quotes of `first` matched in `second`, of them with the same speaker, quotes of `first`)."""
    matched = same = 0
    for q in first:
        hits = [r for r in second if overlap(q["text"], r["text"]) >= 0.5]
        matched += bool(hits)
        same += any(same_speaker(q["speaker"], r["speaker"]) for r in hits)
    return matched, same, len(first)


def main(work: Path, gold: Path) -> None:
    articles = [json.loads(x) for x in (work / "articles.input.jsonl").read_text().splitlines() if x.strip()]
    second = json.loads((work / "double.json").read_text())["second_annotator"]
    owner: dict[str, str] = {}
    for sl in sorted(work.glob("slice-*.jsonl")):
        who = sl.stem.split("-", 1)[1]
        for line in sl.read_text().splitlines():
            aid = json.loads(line)["id"]
            if second.get(who) != aid:
                owner.setdefault(aid, who)
    gold.mkdir(parents=True, exist_ok=True)
    rows = []
    for a in articles:
        src = work / f"out-{owner[a['id']]}" / f"{a['id']}.gold.json"
        g = json.loads(src.read_text())
        for q in g.get("quotes", []) + g.get("quotes_acceptable", []):
            if q["text"] not in a["text"]:
                sys.exit(f"{src}: quote not verbatim in the article: {q['text'][:60]!r}")
        (gold / f"{a['id']}.gold.json").write_text(json.dumps(g, indent=1, ensure_ascii=False) + "\n")
        rows.append({k: a[k] for k in ("id", "title", "published", "url", "text", "split")})
    (gold / "articles.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    per = []
    tot = [0, 0, 0, 0, 0, 0]
    for who, aid in sorted(second.items()):
        a = json.loads((work / f"out-{owner[aid]}" / f"{aid}.gold.json").read_text()).get("quotes", [])
        b = json.loads((work / f"out-{who}" / f"{aid}.gold.json").read_text()).get("quotes", [])
        ab, ba = agreement(a, b), agreement(b, a)
        per.append(
            {"article": aid, "annotators": [owner[aid], who], "first_in_second": ab, "second_in_first": ba}
        )
        tot = [x + y for x, y in zip(tot, ab + ba, strict=True)]
    matched, same = tot[0] + tot[3], tot[1] + tot[4]
    total = tot[2] + tot[5]
    summary = {
        "doubled_articles": len(second),
        "quotes_compared": total,
        "quote_match": round(matched / max(1, total), 3),
        "speaker_agreement_on_matched": round(same / max(1, matched), 3),
        "per_article": per,
    }
    (gold / "agreement.json").write_text(json.dumps(summary, indent=1) + "\n")
    n = {s: sum(r["split"] == s for r in rows) for s in ("dev", "test")}
    quotes = {s: 0 for s in n}
    for r in rows:
        quotes[r["split"]] += len(json.loads((gold / f"{r['id']}.gold.json").read_text()).get("quotes", []))
    print(
        f"{len(rows)} articles ({n['dev']} dev, {n['test']} test), quotes dev {quotes['dev']}, test "
        f"{quotes['test']}; agreement on {len(second)} doubled: quotes {summary['quote_match']}, speakers "
        f"{summary['speaker_agreement_on_matched']}"
    )


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
