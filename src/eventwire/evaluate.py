"""Scorers against gold files: PLOVER gold sentences, and one article's hand-made gold (VOA sample format).

PLOVER sentences (`eventwire eval plover FILE.jsonl`; lines {id, text, event, source[], target[]}): each
sentence is coded and its *main* event is compared with the gold label. The main event is the one whose
trigger stands highest in the parse (fewest steps to the sentence root), then the most confident. Figures:
type accuracy; actor and recipient F1 over codes (an actor's country, or IGO/NGO for organizations), pooled
over sentences; a confusion table; the misses.

Article gold (`eventwire eval article GOLD.json ARTICLE`): required events must be found (same type, every
gold country or organization code among the event's actors, the recipient's when the gold names one code,
the date when the gold gives a day); forbidden events must not be reported as asserted or planned;
gold quotes must be found with the right speaker (last name) and cue.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import EventwireError
from .records import Actor, Event, Record

if TYPE_CHECKING:
    from spacy.tokens import Doc

ORG_SECTORS = ("IGO", "NGO")


def actor_codes(ids: list[str], actors: dict[str, Actor]) -> set[str]:
    codes = set()
    for i in ids:
        a = actors.get(i)
        if a is None:
            continue
        if a.country:
            codes.add(a.country)
        if a.sector in ORG_SECTORS and a.org:
            codes.update({a.sector, a.org})
        if not a.country and not a.org:
            codes.add(a.id)  # regions: WST, EUR, ...
    return codes


STATUS_RANK = {"asserted": 0, "planned": 1, "negated": 2, "conditional": 2, "hypothetical": 3}


def main_event(record: Record, doc: Doc) -> Event | None:
    """The event that happened (asserted first) whose trigger stands highest in the parse (a noun counts at
    the height of the verb it is the object of: "staged demonstrations"), then the most confident."""

    def depth(e: Event) -> int:
        span = doc.char_span(*e.trigger.span, alignment_mode="expand")
        if span is None:
            return 99
        root = span.root
        if root.pos_ in ("NOUN", "PROPN") and root.dep_ in ("dobj", "attr", "nsubjpass"):
            root = root.head
        return len(list(root.ancestors))

    return min(
        record.events, key=lambda e: (STATUS_RANK.get(e.status, 4), depth(e), -e.confidence), default=None
    )


@dataclass
class PloverReport:
    n: int = 0
    type_right: int = 0
    actor: list[int] = field(default_factory=lambda: [0, 0, 0])  # true positives, predicted, gold
    recipient: list[int] = field(default_factory=lambda: [0, 0, 0])
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    @staticmethod
    def f1(tp: int, pred: int, gold: int) -> float:
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def lines(self, show_misses: int = 30) -> list[str]:
        acc = self.type_right / self.n if self.n else 0.0
        out = [
            f"sentences {self.n}",
            f"type accuracy        {self.type_right}/{self.n} = {acc:.3f}",
            f"actor code F1        {self.f1(*self.actor):.3f}  (tp {self.actor[0]}, "
            f"predicted {self.actor[1]}, gold {self.actor[2]})",
            f"recipient code F1    {self.f1(*self.recipient):.3f}  (tp {self.recipient[0]}, predicted "
            f"{self.recipient[1]}, gold {self.recipient[2]})",
            "confusion (gold -> predicted, most frequent errors):",
        ]
        errors = [(k, v) for k, v in self.confusion.most_common() if k[0] != k[1]]
        out += [f"  {g:10s} -> {p:10s} {n}" for (g, p), n in errors[:15]]
        if show_misses:
            out.append(f"misses (first {show_misses}):")
            out += [f"  {m}" for m in self.misses[:show_misses]]
        return out


def evaluate_plover(path: str | Path, code: Any) -> PloverReport:
    """`code(text, id)` returns the Record and the spaCy Doc it was coded from (api.code_with_doc)."""
    report = PloverReport()
    for n, line in enumerate(_gold_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            gold = json.loads(line)
            text, label = gold["text"], gold["event"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise EventwireError(
                f"{path} line {n}: is not a PLOVER gold record ({_why(exc)})",
                "give JSON Lines with text, event, source and target, as in the PLOVER gold standard",
            ) from None
        record, doc = code(text, gold.get("id"))
        actors = {a.id: a for a in record.actors}
        event = main_event(record, doc)
        predicted = event.type if event else "(none)"
        report.n += 1
        report.type_right += predicted == label
        report.confusion[(label, predicted)] += 1
        for key, gold_list, pred_ids in (
            ("actor", gold.get("source") or [], event.actors if event else []),
            ("recipient", gold.get("target") or [], event.recipients if event else []),
        ):
            gold_codes = {g["code"] for g in gold_list if g.get("code")}
            pred_codes = actor_codes(pred_ids, actors)
            pred_codes = {c for c in pred_codes if len(c) == 3}  # compare like with like: ISO3, IGO, NGO
            tally = getattr(report, key)
            tally[0] += len(gold_codes & pred_codes)
            tally[1] += len(pred_codes)
            tally[2] += len(gold_codes)
        if predicted != gold["event"]:
            trigger = event.trigger.text if event else "-"
            report.misses.append(
                f"{gold['id']}: gold {gold['event']} ({gold.get('trigger')}), "
                f"predicted {predicted} ({trigger})"
            )
    return report


# --- one article against its hand-made gold ----------------------------------------------------------
COUNTED = ("asserted", "planned")


def _codes(value: Any) -> set[str]:
    if value is None:
        return set()
    values = value if isinstance(value, list) else [value]
    return {v for v in values if isinstance(v, str) and re.fullmatch(r"[A-Z]{3,4}", v)}


def _event_matches(gold: dict[str, Any], event: Event, actors: dict[str, Actor]) -> bool:
    types = {gold["type"], *gold.get("also_accept_types", [])}
    if event.type not in types:
        return False
    if not _codes(gold.get("actors")) <= actor_codes(event.actors, actors):
        return False
    recipient = _codes(gold.get("recipient"))
    if recipient and not recipient & actor_codes(event.recipients, actors):
        return False
    date = gold.get("date")
    day = bool(date) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) is not None
    return not (day and event.date is not None and event.date.value != date)


def _gold_text(path: str | Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise EventwireError(f"{path}: is not a UTF-8 text file", "give a gold file in JSON") from None
    except OSError as exc:
        raise EventwireError(f"{path}: cannot be read ({exc.strerror})", "check the path") from None


def _why(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
    if isinstance(exc, KeyError):
        return f"no {exc.args[0]!r} field"
    return "not a JSON object"


def read_article_gold(path: str | Path) -> dict[str, Any]:
    """A hand-made article gold file (../shared/eval/ARTICLE-GOLD-GUIDE.md), or one clear error."""
    try:
        gold = json.loads(_gold_text(path))
    except json.JSONDecodeError as exc:
        gold = exc
    if not isinstance(gold, dict) or not isinstance(gold.get("events"), dict):
        why = _why(gold) if isinstance(gold, Exception) else "no 'events' object"
        raise EventwireError(
            f"{path}: is not an article gold file ({why})",
            "give a file made as ../shared/eval/ARTICLE-GOLD-GUIDE.md says",
        )
    return gold


def evaluate_article(gold: dict[str, Any], record: Record) -> list[str]:
    actors = {a.id: a for a in record.actors}
    lines, ok = [], True
    events = gold.get("events", {})
    for g in events.get("required", []):
        hit = next((e for e in record.events if e.status in COUNTED and _event_matches(g, e, actors)), None)
        ok &= hit is not None
        found = f"found {hit.id} ({hit.trigger.text!r}, {hit.status})" if hit else "MISSING"
        lines.append(f"required  {g['type']:9s} {'/'.join(sorted(_codes(g.get('actors'))))}: {found}")
    for g in events.get("forbidden", []):
        bad = [e for e in record.events if e.status in COUNTED and _event_matches(g, e, actors)]
        ok &= not bad
        verdict = "VIOLATED by " + ", ".join(e.id for e in bad) if bad else "not reported as fact"
        lines.append(f"forbidden {g['type']:9s} {'/'.join(sorted(_codes(g.get('actors'))))}: {verdict}")
    for g in gold.get("quotes", []):
        hit = _quote_hit(g, record, actors)
        ok &= hit
        lines.append(f"quote     {g['speaker']:16s} {g['text'][:50]!r}: {'found' if hit else 'MISSING'}")
    lines.append("RESULT " + ("all required found, nothing forbidden" if ok else "FAILED"))
    return lines


def _quote_hit(g: dict[str, Any], record: Record, actors: dict[str, Actor]) -> bool:
    want = " ".join(re.findall(r"\w+", g["text"].lower()))
    last = g["speaker"].split()[-1].lower()
    for q in record.quotes:
        text = " ".join(re.findall(r"\w+", q.text.lower()))
        name = actors[q.speaker].name if q.speaker in actors else (q.speaker_text or "")
        if want in text and last in name.lower() and (not g.get("cue") or q.cue == g["cue"]):
            return True
    return False
