"""Join the annotators' slices into annotation/events.jsonl and measure their agreement on the doubled tenth.

    python scripts/build_annotation.py [--work annotation/work annotation/work2 annotation/work3]
                                       [--out annotation/events.jsonl]
    python scripts/build_annotation.py --work annotation/work5 --out annotation/events-modern.jsonl

Round 5 (Wikinews of 2016-2021) is kept in its own file: the packaged classifier is trained on rounds 1-3
(see the model card for why), and its agreement goes to events-modern-agreement.json.

Each sentence keeps the annotation of the slice it was drawn for; the second annotation of a doubled sentence
is used only for agreement (annotation/agreement.json):
  - has-event kappa: per sentence, whether it holds an event at all;
  - type kappa: over the union of both annotators' triggers (aligned when their words overlap), the type each
    gave, NONE where one saw no event there (generic mentions count as NONE);
  - status kappa: over the triggers both annotated, the status each gave.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path


def kappa(pairs: list[tuple[str, str]]) -> float:
    """Cohen's kappa of two annotators' labels on the same units."""
    n = len(pairs)
    if not n:
        return float("nan")
    observed = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(ca[k] * cb[k] for k in ca.keys() | cb.keys()) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def _words(s: str) -> set[str]:
    return set(re.findall(r"\w+", s.lower()))


def _label(e: dict) -> str:
    return "NONE" if e.get("status") == "generic" else e["type"]


def aligned(a: list[dict], b: list[dict]) -> list[tuple[dict | None, dict | None]]:
    """Pairs of events of two annotations of one sentence whose triggers share a word."""
    pairs, used = [], set()
    for ea in a:
        match = next(
            (j for j, eb in enumerate(b) if j not in used and _words(ea["trigger"]) & _words(eb["trigger"])),
            None,
        )
        if match is None:
            pairs.append((ea, None))
        else:
            used.add(match)
            pairs.append((ea, b[match]))
    pairs += [(None, eb) for j, eb in enumerate(b) if j not in used]
    return pairs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--work",
        nargs="+",
        default=["annotation/work", "annotation/work2", "annotation/work3"],
    )
    ap.add_argument("--out", default="annotation/events.jsonl")
    args = ap.parse_args()
    rows: list[dict] = []
    doubles: list[tuple[dict, dict]] = []
    for work in map(Path, args.work):
        if (work / "sample.jsonl").exists():  # the round is the number in the folder's name ("work5": 5)
            join_round(work, int("".join(filter(str.isdigit, work.name)) or 1), rows, doubles)
    write(args, rows, doubles)


def join_round(work: Path, n_round: int, rows: list[dict], doubles: list[tuple[dict, dict]]) -> None:
    """The annotated sentences of one sampling round (its slices that have an output so far)."""
    meta = {m["sid"]: m for m in map(json.loads, (work / "sample.jsonl").read_text().splitlines())}
    inputs: dict[str, dict] = {}
    by_slice: dict[int, dict[str, dict]] = {}
    for path in sorted(work.glob("slice*.out.jsonl")):
        n = int(path.name[5 : path.name.index(".")])
        for line in (work / f"slice{n}.input.jsonl").read_text().splitlines():
            item = json.loads(line)
            inputs[item["sid"]] = item
        outputs = (json.loads(x) for x in path.read_text().splitlines() if x.strip())
        by_slice[n] = {o["sid"]: o for o in outputs}
    for sid, m in meta.items():
        own = by_slice.get(m["slice"], {}).get(sid)
        if own is None:
            continue
        item = inputs[sid]
        rows.append(
            {
                "sid": sid,
                "article": m["article"],
                "split": m["split"],
                "title": item["title"],
                "published": item["published"],
                "context": item["context"],
                "text": item["text"],
                "damaged": bool(own.get("damaged")),
                "events": own.get("events") or [],
                "annotator": f"round{n_round}-slice{m['slice']}",
            }
        )
        for n, anns in by_slice.items():
            if n != m["slice"] and sid in anns:
                doubles.append((own, anns[sid]))


def write(args: argparse.Namespace, rows: list[dict], doubles: list[tuple[dict, dict]]) -> None:
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    Path(args.out).write_text(lines, encoding="utf-8")
    has_event = [(str(bool(a["events"])), str(bool(b["events"]))) for a, b in doubles]
    types, statuses = [], []
    for a, b in doubles:
        for ea, eb in aligned(a.get("events") or [], b.get("events") or []):
            types.append((_label(ea) if ea else "NONE", _label(eb) if eb else "NONE"))
            if ea and eb:
                statuses.append((ea["status"], eb["status"]))
    report = {
        "doubled_sentences": len(doubles),
        "has_event_kappa": round(kappa(has_event), 3),
        "has_event_agreement": round(sum(a == b for a, b in has_event) / max(1, len(has_event)), 3),
        "type_units": len(types),
        "type_kappa": round(kappa(types), 3),
        "type_agreement": round(sum(a == b for a, b in types) / max(1, len(types)), 3),
        "status_units": len(statuses),
        "status_kappa": round(kappa(statuses), 3),
        "status_agreement": round(sum(a == b for a, b in statuses) / max(1, len(statuses)), 3),
    }
    out = Path(args.out)
    name = "agreement.json" if out.name == "events.jsonl" else f"{out.stem}-agreement.json"
    out.with_name(name).write_text(json.dumps(report, indent=2) + "\n")
    events = [e for r in rows for e in r["events"]]
    print(f"{len(rows)} sentences from {len({r['article'] for r in rows})} articles, {len(events)} events")
    print("splits:", dict(Counter(r["split"] for r in rows)))
    print("types:", dict(Counter(e["type"] for e in events).most_common()))
    print("statuses:", dict(Counter(e["status"] for e in events).most_common()))
    print("agreement:", json.dumps(report))


if __name__ == "__main__":
    main()
