#!/usr/bin/env python3
"""Who did it to whom: the coded parties of events on the annotated Wikinews sentences.

usage: python scripts/eval_parties.py [--split dev|test|train] [--sentences] [--lost REASON] [-v]

Each annotated sentence's whole article (../shared/corpus/wikinews) is coded, as a user codes it; with
--sentences, each sentence is coded with only the sentence before it (as `eventwire train events` does).
For every gold event of a type (not generic) whose actor or recipient has a code, the coded events
(record.events, not the set-aside candidates) whose trigger overlaps the gold trigger are looked at:
- coded: at least one such event (an event kept with a coded party);
- actor / recipient: the gold code is among the codes (country or organisation) of those events' actors /
  recipients; precision counts the codes predicted there that the gold does not have;
- typed: an event of the gold type at the trigger that shares a party code (as the article scorer counts);
- status: the status of the first coded event or set-aside candidate of the gold type at the trigger against
  the gold's.
The split is the sentence annotation's (by article). Rules are written on dev and reported on test.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from eventwire.events.train import _article
from eventwire.pipeline import Pipeline
from eventwire.records import Article, Failure, Record

ROOT = Path(__file__).resolve().parents[1]


ALIASES = {"UN": "UNO", "EU": "EUR"}  # the record's codes for the UN and the EU, the annotation's


def codes(ids: list[str], actors: dict) -> set[str]:
    """Country and organisation codes of these actors (and NGO/IGO for bodies of those sectors), as
    ../shared/eval/score_articles.py reads them."""
    out = set()
    for i in ids:
        a = actors.get(i)
        if a is None:
            continue
        for code in (a.country, a.org):
            if code:
                out |= {code.upper(), ALIASES.get(code.upper(), code.upper())}
        if a.sector in ("IGO", "NGO"):
            out.add(a.sector)
    return out


def triggers(event: Any) -> list[tuple[int, int]]:
    """The trigger spans of an event: its own and those of the mentions merged into it."""
    return [tuple(event.trigger.span), *(tuple(m.trigger.span) for m in event.mentions)]


def gold_set(value: str | None) -> set[str]:
    """The codes of one annotated party ("EGY+PSE" for two)."""
    return {c.strip().upper() for c in (value or "").split("+") if c.strip()}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev", choices=("dev", "test", "train"))
    ap.add_argument("--data", default=str(ROOT / "annotation" / "events.jsonl"))
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--sentences", action="store_true", help="code each sentence with the one before it only")
    ap.add_argument(
        "--wikinews", default=str(ROOT / ".." / "shared" / "corpus" / "wikinews" / "articles.jsonl")
    )
    ap.add_argument("--lost", default=None, help="print the gold events lost for this reason")
    args = ap.parse_args(argv)
    rows = [json.loads(x) for x in Path(args.data).read_text(encoding="utf-8").splitlines() if x.strip()]
    rows = [r for r in rows if r["split"] == args.split and not r.get("damaged")]
    rows = [
        r
        for r in rows
        if any(
            e.get("status") != "generic" and (e.get("actor_code") or e.get("recipient_code"))
            for e in r["events"]
        )
    ]
    by_sid: dict[str, Record] = {}
    offsets: dict[str, int] = {}
    if args.sentences:  # each sentence with the one before it, as `eventwire train events` codes them
        articles = []
        for r in rows:
            article, offsets[r["sid"]] = _article(r)
            articles.append(article)
        for outcome in Pipeline(None).run(articles):
            if not isinstance(outcome, Failure):
                by_sid[outcome.article.id] = outcome
    else:  # the whole article, as users code it: the article's home country and coreference count
        wanted = {r["article"] for r in rows}
        pool = [
            json.loads(x) for x in Path(args.wikinews).read_text(encoding="utf-8").splitlines() if x.strip()
        ]
        articles = [
            Article(
                id=a["id"],
                hash=a["id"],
                source=a["id"],
                text=a["text"],
                title=a.get("title"),
                published=a.get("published"),
                url=a.get("url"),
                language="en",
            )
            for a in pool
            if a["id"] in wanted
        ]
        whole = {}
        for outcome in Pipeline(None).run(articles):
            if not isinstance(outcome, Failure):
                whole[outcome.article.id] = outcome
        for r in rows:
            rec = whole.get(r["article"])
            at = rec.article.text.find(r["text"]) if rec is not None else -1
            if at >= 0:
                by_sid[r["sid"]], offsets[r["sid"]] = rec, at
    records = by_sid
    n = Counter()
    statuses: Counter[tuple[str, str]] = Counter()
    for r in rows:
        rec = records.get(r["sid"])
        if rec is None:
            n["sentences not found in their article"] += 1
            continue
        actors = {a.id: a for a in rec.actors}
        for e in r["events"]:
            if e.get("status") == "generic" or not (e.get("actor_code") or e.get("recipient_code")):
                continue
            at = r["text"].find(e.get("trigger") or "\0")
            if at < 0:
                continue
            lo, hi = offsets[r["sid"]] + at, offsets[r["sid"]] + at + len(e["trigger"])
            here = [x for x in rec.events if any(t[0] < hi and lo < t[1] for t in triggers(x))]
            n["gold"] += 1
            n["coded"] += bool(here)
            said = here or [
                x for x in rec.event_candidates if x.trigger.span[0] < hi and lo < x.trigger.span[1]
            ]
            said = [x for x in said if x.type == e["type"]]
            if said:  # the first event or candidate of the type at the trigger
                statuses[(e.get("status") or "asserted", said[0].status)] += 1
            if not here:
                aside = [x for x in rec.event_candidates if x.trigger.span[0] < hi and lo < x.trigger.span[1]]
                why = (aside[0].dropped or "").split(":")[0] if aside else "no candidate"
                if why == "no coded party":
                    why += " (uncoded parties)" if any(x.actors or x.recipients for x in aside) else " (none)"
                n[f"lost: {why}"] += 1
                if args.lost and why == args.lost and args.v:
                    lo_s = offsets[r["sid"]]
                    hi_s = lo_s + len(r["text"])
                    named = sorted(
                        {
                            f"{a.name}={a.country or a.org}"
                            for a in rec.actors
                            for m in a.mentions
                            if lo_s <= m[0] < hi_s
                        }
                    )
                    print("   actors in the sentence:", "; ".join(named) or "-")
                if args.lost and why == args.lost:
                    print(
                        f"LOST {r['sid']} {e['type']} {e.get('actor')}={e.get('actor_code')} -> "
                        f"{e.get('recipient')}={e.get('recipient_code')} {e['trigger']!r} | {r['text'][:220]}"
                    )
            got_a = set().union(*(codes(x.actors, actors) for x in here)) if here else set()
            got_r = set().union(*(codes(x.recipients, actors) for x in here)) if here else set()
            gold_a, gold_r = gold_set(e.get("actor_code")), gold_set(e.get("recipient_code"))
            for side, want, got in (("actor", gold_a, got_a), ("recipient", gold_r, got_r)):
                n[f"{side}_gold"] += len(want)
                n[f"{side}_right"] += len(want & got)
                n[f"{side}_pred"] += len(got)
                n[f"{side}_pred_right"] += len(want & got)
            gold_codes = gold_a | gold_r
            typed = any(
                x.type == e["type"] and (codes(x.actors, actors) | codes(x.recipients, actors)) & gold_codes
                for x in here
            )
            n["typed"] += typed
            if args.v and not typed:
                gold = f"{e['type']} {e.get('actor_code')}->{e.get('recipient_code')} {e['trigger']!r}"
                print(
                    f"{r['sid']} {gold}: "
                    + "; ".join(
                        f"{x.type} {sorted(codes(x.actors, actors))}->{sorted(codes(x.recipients, actors))}"
                        for x in here
                    )
                )
    g = n["gold"] or 1

    def share(a: str, b: str) -> str:
        return f"{n[a] / max(1, n[b]):.3f}"

    for key in sorted((k for k in n if k.startswith("lost: ")), key=lambda k: -n[k]):
        print(f"  {key} {n[key]}")
    if n["sentences not found in their article"]:
        print(f"  sentences not found in their article: {n['sentences not found in their article']}")
    seen = sum(statuses.values())
    right = sum(v for (want, got), v in statuses.items() if want == got)
    print(f"  status at the trigger (events and candidates): {right} of {seen} = {right / max(1, seen):.3f}")
    for (want, got), v in sorted(statuses.items(), key=lambda kv: -kv[1]):
        if want != got:
            print(f"    gold {want} -> coded {got}: {v}")
    print(
        f"split {args.split}: {n['gold']} gold events with a coded party; "
        f"coded at the trigger {n['coded'] / g:.3f}; typed with a shared party {n['typed'] / g:.3f}; "
        f"actor recall {share('actor_right', 'actor_gold')} "
        f"precision {share('actor_pred_right', 'actor_pred')}; "
        f"recipient recall {share('recipient_right', 'recipient_gold')} "
        f"precision {share('recipient_pred_right', 'recipient_pred')}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
