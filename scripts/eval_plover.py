"""Events on the PLOVER gold sentences, split into our own dev and test halves.

    python scripts/eval_plover.py [GOLD.jsonl]

GOLD defaults to ../shared/eval/plover-gsr-dev.jsonl. Lines at even positions (0, 2, ...) are our dev half,
the others our test half, which nothing is fitted to; each half is scored by `eventwire eval plover` (type
accuracy, actor and recipient code F1), with the learned classifier as set (EVENTWIRE_EVENT_MODEL).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "plover-gsr-dev.jsonl"


def main() -> None:
    gold = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not gold.exists():
        sys.exit(f"eval_plover: {gold} not found")
    lines = [x for x in gold.read_text(encoding="utf-8").splitlines() if x.strip()]
    eventwire = Path(sys.executable).with_name("eventwire")
    with tempfile.TemporaryDirectory() as tmp:
        for name, part in (("dev half", lines[0::2]), ("test half", lines[1::2])):
            path = Path(tmp) / f"{name.replace(' ', '-')}.jsonl"
            path.write_text("\n".join(part) + "\n", encoding="utf-8")
            out = subprocess.run(
                [str(eventwire), "eval", "plover", str(path)], capture_output=True, text=True, check=False
            )
            print(f"{name}: " + " | ".join(out.stdout.splitlines()[1:4]))


if __name__ == "__main__":
    main()
