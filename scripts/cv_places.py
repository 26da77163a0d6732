"""Places end to end, cross-validated: the learned ranker scored by the corpora's own scorer on articles it
was not trained on.

    python scripts/cv_places.py [--c-reg 10] [INPUT.jsonl ...]

INPUTs default to ../shared/eval/places-{lgl,trnews,dev}-input.jsonl. The training choices are collected
once (places/train.py); for each of the 5 folds (by article id) a ranker is fitted on the other folds and the
fold's articles are coded with it. The records of all folds are then scored per corpus with score_places.py,
beside a run with the hand-set weights (EVENTWIRE_PLACE_RANKER=off) on the same articles.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / ".." / "shared" / "eval"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", type=Path)
    ap.add_argument("--c-reg", type=float, default=10.0)
    args = ap.parse_args()
    inputs = args.inputs or [EVAL / f"places-{c}-input.jsonl" for c in ("lgl", "trnews", "dev")]
    from eventwire.api import CodeOptions, code_many
    from eventwire.places import rank, train
    from eventwire.records import Record

    groups = train.collect(inputs)
    tmp = Path(tempfile.mkdtemp(prefix="cv_places_"))
    for fold in range(train.FOLDS):
        weights = train.fit([g for g in groups if g.fold() != fold], args.c_reg)
        (tmp / f"ranker{fold}.json").write_text(rank.Ranker(weights).to_json())
    for inp in inputs:
        lines = [x for x in inp.read_text(encoding="utf-8").splitlines() if x.strip()]
        for setting in ("off", "cv"):
            out = tmp / f"{inp.stem}.{setting}.jsonl"
            with out.open("w", encoding="utf-8") as fh:
                for fold in range(train.FOLDS):
                    part = tmp / "part.jsonl"
                    part.write_text(
                        "".join(x + "\n" for x in lines if _fold(x, train) == fold), encoding="utf-8"
                    )
                    os.environ["EVENTWIRE_PLACE_RANKER"] = (
                        "off" if setting == "off" else str(tmp / f"ranker{fold}.json")
                    )
                    for r in code_many([str(part)], CodeOptions(workers=1)):
                        if isinstance(r, Record):
                            fh.write(r.to_json() + "\n")
            print(f"== {inp.name}: {'hand-set weights' if setting == 'off' else 'learned, cross-validated'}")
            result = subprocess.run(
                [sys.executable, str(inp.with_name("score_places.py")), str(train.gold_path(inp)), str(out)],
                capture_output=True,
                text=True,
                check=False,
            )
            print(result.stdout.strip().splitlines()[-1])


def _fold(line: str, train) -> int:
    import json

    return train.Group("", json.loads(line)["id"], None, None, 0).fold()  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
