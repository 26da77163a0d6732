"""One stored article for the terminal: its text with the record's facts highlighted, then the facts listed.

Colours (ANSI, dropped by click when the output is not a terminal): event triggers red and underlined,
actors' mentions cyan, places yellow, quotations green. Where spans overlap the trigger wins, then the place,
then the actor; a quotation colours what is left.
"""

from __future__ import annotations

from typing import Any

import click

STYLES = {
    "trigger": {"fg": "red", "bold": True, "underline": True},
    "place": {"fg": "yellow"},
    "actor": {"fg": "cyan", "bold": True},
    "quote": {"fg": "green"},
}
ORDER = ("trigger", "place", "actor", "quote")


def _marks(record: dict[str, Any]) -> list[str | None]:
    text = record["article"].get("text") or ""
    marks: list[str | None] = [None] * len(text)

    def paint(start: int, end: int, kind: str) -> None:
        for i in range(max(0, start), min(end, len(text))):
            if marks[i] is None or ORDER.index(kind) < ORDER.index(marks[i]):
                marks[i] = kind

    for q in record.get("quotes", []):
        for s, e in q.get("fragments") or [q["span"]]:
            paint(s, e, "quote")
    for a in record.get("actors", []):
        for s, e in a.get("mentions", []):
            paint(s, e, "actor")
    for p in record.get("places", []):
        paint(*p["span"], "place")
    for ev in record.get("events", []):
        for m in ev.get("mentions") or [{"trigger": ev["trigger"]}]:
            paint(*m["trigger"]["span"], "trigger")
    return marks


def highlighted(record: dict[str, Any]) -> str:
    text = record["article"].get("text") or ""
    marks = _marks(record)
    out, start = [], 0
    for i in range(1, len(text) + 1):
        if i == len(text) or marks[i] != marks[start]:
            kind = marks[start]
            piece = text[start:i]
            out.append(click.style(piece, **STYLES[kind]) if kind else piece)
            start = i
    return "".join(out)


def render(record: dict[str, Any]) -> str:
    art = record["article"]
    names = {a["id"]: a for a in record.get("actors", [])}

    def who(ids: list[str]) -> str:
        return ", ".join(_actor_label(names[i]) for i in ids if i in names) or "-"

    lines = [
        click.style(art.get("title") or art["id"], bold=True),
        " · ".join(str(x) for x in (art["id"], art.get("published"), art.get("outlet"), art.get("url")) if x),
        "legend: " + " ".join(click.style(k, **STYLES[k]) for k in ORDER),
        "",
        highlighted(record),
        "",
        click.style(f"events ({len(record.get('events', []))})", bold=True),
    ]
    for ev in record.get("events", []):
        lines.append(
            f"  {ev['id']:4s} {ev['type']:9s} {ev.get('status') or '':12s} {who(ev.get('actors', []))} -> "
            f"{who(ev.get('recipients', []))}  [{ev['trigger']['text']}]"
        )
    lines.append(click.style(f"quotes ({len(record.get('quotes', []))})", bold=True))
    for q in record.get("quotes", []):
        speaker = (
            _actor_label(names[q["speaker"]]) if q.get("speaker") in names else q.get("speaker_text") or "?"
        )
        lines.append(f"  {q['id']:4s} {speaker}: {_short(q['text'])}")
    lines.append(click.style(f"places ({len(record.get('places', []))})", bold=True))
    for p in record.get("places", []):
        where = ", ".join(str(x) for x in (p.get("name"), p.get("country")) if x)
        lines.append(f"  {p['id']:4s} {p['text']} -> {where or '?'}")
    return "\n".join(lines)


def _actor_label(a: dict[str, Any]) -> str:
    code = a.get("country") or a.get("org")
    return f"{a['name']} ({code})" if code else a["name"]


def _short(text: str, n: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
