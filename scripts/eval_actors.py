"""Actor recall on the PLOVER gold sentences: how many gold source and target codes appear among the actors
eventwire resolves in each sentence.

    python scripts/eval_actors.py [../shared/eval/plover-gsr-dev.jsonl] [-v]

A gold code is a country (ISO3) or IGO/NGO. It is found when a resolved actor of the same sentence has that
country, or (for IGO/NGO) is an organization of that sector. Also printed: the actors resolved that match
no gold code (an indication of over-generation: the gold lists only the event's participants).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "plover-gsr-dev.jsonl"


def actor_codes(record) -> set[str]:
    codes = set()
    for a in record.actors:
        if a.country:
            codes.add(a.country)
        if a.sector in ("IGO", "NGO") and a.org:
            codes.add(a.sector)
        if a.id in ("WST", "EUR", "AFR", "MEA", "ASA", "LAM"):
            codes.add(a.id)
    return codes


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    path = Path(args[0]) if args else DEFAULT
    if not path.exists():
        sys.exit(
            f"eval_actors: {path} not found; pass the PLOVER gold file (../shared/eval/plover-gsr-dev.jsonl)"
        )
    from eventwire.api import CodeOptions, code_text

    options = CodeOptions(stages=["actors"])
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    found = total = extra = 0
    missed: Counter[str] = Counter()
    for row in rows:
        record = code_text(row["text"], id=row["id"], options=options)
        codes = actor_codes(record)
        gold = {a["code"] for a in row["source"] + row["target"] if a.get("code")}
        hit = gold & codes
        found += len(hit)
        total += len(gold)
        extra += len(codes - gold)
        for code in gold - codes:
            missed[code] += 1
        if verbose and gold - codes:
            names = ", ".join(f"{a.name}={a.country or a.org or '?'}" for a in record.actors)
            print(f"{row['id']}: missed {sorted(gold - codes)}; resolved [{names}]\n    {row['text']}")
    print(f"sentences {len(rows)}; gold actor codes {total}; found {found}; actor recall {found / total:.3f}")
    print(f"resolved codes outside the gold: {extra} ({extra / len(rows):.2f} per sentence)")
    print("most missed: " + ", ".join(f"{c} {n}" for c, n in missed.most_common(12)))


if __name__ == "__main__":
    main(sys.argv[1:])
