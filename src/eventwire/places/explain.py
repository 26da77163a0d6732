"""`eventwire places explain TEXT`: for each place mention, the gazetteer entries it may denote, their
features and weights, the one chosen, the rule that decided and the ids of the rules that fired for it."""

from __future__ import annotations

from typing import Any

from . import rank
from .gazetteer import ADMIN1, COUNTRY, ID, KIND, NAME, POP

SHOWN = 5  # entries listed per choice, best first
FEATURES_SHOWN = 6  # the features that add most to an entry's weight


def explain(text: str, code: Any) -> list[str]:
    """Lines explaining the places of `text`; `code(text)` codes it and returns the record."""
    rank.TRACE = []
    try:
        record = code(text)
        trace = rank.TRACE
    finally:
        rank.TRACE = None
    model = rank.ranker()
    lines: list[str] = []
    for place in record.places:
        where = "not placed"
        if place.lat is not None:
            where = f"{place.name} ({place.kind}, {place.country or '-'})"
        lines.append(f"{place.id} {place.text!r} [{place.span[0]}:{place.span[1]}] -> {where}")
        lines.append(f"    rule: {place.rule or '-'}  (found as: {place.use})")
        lines.append(f"    rules fired: {', '.join(place.rules) or '-'}")
        for choice in (c for c in trace if c["span"] == (place.span[0], place.span[1])):
            lines += _choice_lines(choice, model)
    if not record.places:
        lines.append("no place names found")
    return lines


def _choice_lines(choice: dict[str, Any], model: rank.Ranker | None) -> list[str]:
    entries, weights = choice["entries"], choice["weights"]
    order = sorted(range(len(entries)), key=lambda i: (-weights[i], -(entries[i][POP] or 0)))
    out = [f"    {len(entries)} candidate entries, ranked by the {choice['by']}:"]
    for i in order[:SHOWN]:
        e = entries[i]
        mark = "*" if i == choice["chosen"] else " "
        where = f"{e[KIND]}, {e[COUNTRY] or '-'}, {e[ADMIN1] or '-'}, population {e[POP] or 0:,}"
        out.append(f"    {mark} {weights[i]:7.2f}  {e[NAME]} ({where}) [{e[ID]}]")
        if model is not None:
            parts = [
                (name, value * float(w))
                for name, value, w in zip(rank.FEATURES, choice["features"][i], model.weights, strict=True)
                if value
            ]
            parts.sort(key=lambda p: -abs(p[1]))
            out.append("              " + "; ".join(f"{n} {v:+.2f}" for n, v in parts[:FEATURES_SHOWN]))
    if len(entries) > SHOWN:
        out.append(f"      ... {len(entries) - SHOWN} more")
    return out
