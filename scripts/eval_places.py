"""Places on the GeoWebNews development set: code every article, write the records, and score them.

    python scripts/eval_places.py [INPUT.jsonl] [--out records.jsonl] [-v]

INPUT defaults to ../shared/eval/places-dev-input.jsonl; the gold file beside it (-gold) and
score_places.py beside it are used for scoring. Prints the scorer's output and the time per article.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "places-dev-input.jsonl"


def main(argv: list[str]) -> None:
    args = [a for a in argv if a != "-v"]
    out = None
    if "--out" in args:
        i = args.index("--out")
        out = Path(args[i + 1])
        del args[i : i + 2]
    path = Path(args[0]) if args else DEFAULT
    if not path.exists():
        sys.exit(f"eval_places: {path} not found")
    import eventwire.places.resolve  # noqa: F401  (registers the stage until the pipeline lists it)
    from eventwire.api import CodeOptions, code_many
    from eventwire.records import Record

    out = out or Path(tempfile.mkstemp(suffix=".jsonl")[1])
    t0 = time.perf_counter()
    records = [r for r in code_many([str(path)], CodeOptions()) if isinstance(r, Record)]
    elapsed = time.perf_counter() - t0
    with out.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(rec.to_json() + "\n")
    print(
        f"coded {len(records)} articles in {elapsed:.1f}s "
        f"({1000 * elapsed / max(len(records), 1):.0f} ms each, parsing included)"
    )
    gold = path.with_name(path.name.replace("-input", "-gold"))
    scorer = path.with_name("score_places.py")
    cmd = [sys.executable, str(scorer), str(gold), str(out)] + (["-v"] if "-v" in argv else [])
    subprocess.run(cmd, check=False)
    print(
        f"gazetteer ceiling: {gazetteer_ceiling(gold):.3f} of the literal gold toponyms have an entry "
        "of that name within 161 km (exact name lookup)"
    )


LITERAL = ("Literal", "Literal_Modifier", "Mixed", "Coercion", "Embedded_Literal")


def gazetteer_ceiling(gold: Path) -> float:
    """Share of the literal gold toponyms that some gazetteer entry of the same name places within 161 km:
    what a perfect choice among the packaged entries could reach."""
    import json

    from eventwire.places import gazetteer
    from eventwire.places.common import _entries

    sys.path.insert(0, str(gold.parent))
    from score_places import km  # the scorer's own distance, so the ceiling matches its 161 km test

    gaz = gazetteer.load()
    total = hit = 0
    for line in gold.read_text(encoding="utf-8").splitlines():
        for t in json.loads(line)["toponyms"] if line.strip() else ():
            if t["type"] not in LITERAL:
                continue
            total += 1
            entries = _entries(gaz, t["text"]) or _entries(gaz, t["text"].title())
            hit += any(e[5] is not None and km((e[5], e[6]), (t["lat"], t["lon"])) <= 161 for e in entries)
    return hit / max(total, 1)


if __name__ == "__main__":
    main(sys.argv[1:])
