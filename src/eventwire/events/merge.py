"""What counts as an event, article by article: the no-party rule and the merging of restated events.

- An event needs at least one coded party: an actor or recipient with a country or organisation code (or an
  IGO/NGO sector). A trigger whose parties name no one ("the meeting ended", "a blast was heard") goes to
  `record.event_candidates` with `dropped` saying why; it is not counted or exported. So does an act of a
  company or a medium whose every party is a company or a medium ("the carmaker agreed to buy a supplier",
  "the network apologised"): business, not a political event.
- One happening is one event per article. A report states its main event, then refers back to it ("Lagorian
  troops shelled Vesna on Monday, killing six ... The shelling of Vesna ... the attack lasted"); those
  mentions become one event with `mentions` and `num_mentions`. Two events are one happening when they have
  the same type, the same status group (counted: asserted or planned; or the same other status), share a
  party code, name nested sets of actors and of recipients (one inside the other, or one unnamed), carry no
  dates of different times, and either stand in one sentence or the later one refers back: a noun with a
  definite or demonstrative determiner or a possessive ("the attack", "this meeting", "its offensive"). A
  new clause about the same parties in another sentence ("Lagoria shelled Vesna again on Friday") may be a
  new act and stays an event of its own. The first mention in the text gives the event's
  trigger and sentence.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..records import Actor, Event, EventMention

COUNTED = frozenset({"asserted", "planned"})
STATUS_RANK = {"asserted": 0, "planned": 1, "conditional": 2, "hypothetical": 3, "negated": 4}
NO_PARTY = "no coded party: no actor or recipient with a country or organisation code"
NO_COUNTERPART = "a consultation with one side only: no recipient and the actors of one country"
NO_POLITICAL_PARTY = "only companies and media take part: no political actor"
# Sectors of parties that are no political actor on their own: a company's or a medium's dealings with
# others of their kind are business ("the carmaker sued a supplier", "the network signed a presenter").
COMMERCIAL = frozenset({"BUS", "MED"})


def coded(actor: Actor | None) -> bool:
    return actor is not None and bool(actor.country or actor.org or actor.sector in ("IGO", "NGO"))


def codes(ids: Iterable[str], by_id: dict[str, Actor]) -> frozenset[str]:
    """The country and organisation codes of these actors ("RUS", "NATO")."""
    out: set[str] = set()
    for i in ids:
        a = by_id.get(i)
        if a is not None:
            out |= {c for c in (a.org, a.country) if c}
    return frozenset(out)


def split_partyless(events: list[Event], by_id: dict[str, Actor]) -> tuple[list[Event], list[Event]]:
    """The events with a coded party, and the others marked `dropped`."""
    kept, dropped = [], []
    for e in events:
        if not any(coded(by_id.get(i)) for i in (*e.actors, *e.recipients)):
            e.dropped = NO_PARTY
            dropped.append(e)
        elif _one_sided(e, by_id):
            e.dropped = NO_COUNTERPART
            dropped.append(e)
        elif _commercial_only(e, by_id):
            e.dropped = NO_POLITICAL_PARTY
            dropped.append(e)
        else:
            kept.append(e)
    return kept, dropped


def _commercial_only(e: Event, by_id: dict[str, Actor]) -> bool:
    """A company or a medium acts, and every party is one. Their people stay parties (a journalist or an
    executive may meet, sue or accuse a minister whose name the coder did not resolve), and so does a company
    that is only acted on: someone unnamed arrested its reporter, banned it or attacked its camp."""
    if not e.actors:
        return False
    parties = [by_id.get(i) for i in (*e.actors, *e.recipients)]
    return all(a is not None and not a.is_person and a.sector in COMMERCIAL for a in parties)


def _one_sided(e: Event, by_id: dict[str, Actor]) -> bool:
    """A meeting, visit or talk is between parties (PLOVER CONSULT): "the spokesman discussed the situation"
    with no one on the other side is a statement, not a consultation. A body's own meeting ("the council met")
    is one between its members and stays."""
    if e.type != "CONSULT" or e.recipients:
        return False
    parties = [by_id.get(i) for i in e.actors]
    return len(codes(e.actors, by_id)) <= 1 and not any(a is not None and a.org for a in parties)


def _group(status: str) -> str:
    return "counted" if status in COUNTED else status


def _when(e: Event) -> str | None:
    """The event's date when the text gives one (not the publication date it falls back to)."""
    d = e.date
    return d.value if d is not None and d.value and d.span is not None else None


def _same_time(a: str | None, b: str | None) -> bool:
    """Dates that may name the same time: either unknown, or one inside the other ("2022-01" and
    "2022-01-26"); "2022-01-26" and "2022-01-19" or "2022-W03" are other times."""
    return not (a and b) or a.startswith(b) or b.startswith(a)


def _nested(a: frozenset[str], b: frozenset[str]) -> bool:
    """Party sets of one happening: either unnamed, or one names a part of the other ("Russia and Ukraine
    held talks" restated as "talks between Russia, Ukraine, Germany and France")."""
    return not (a and b) or a <= b or b <= a


class _Cluster:
    def __init__(self, event: Event, by_id: dict[str, Actor]) -> None:
        self.events = [event]
        self.actors = codes(event.actors, by_id)
        self.recipients = codes(event.recipients, by_id)
        self.when = _when(event)

    def accepts(self, e: Event, by_id: dict[str, Actor], refers_back: bool) -> bool:
        first = self.events[0]
        if e.type != first.type or _group(e.status) != _group(first.status):
            return False
        if not refers_back and all(m.sentence.span != e.sentence.span for m in self.events):
            return False  # a new clause about the same parties may be a new act: only a reference joins
        actors, recipients = codes(e.actors, by_id), codes(e.recipients, by_id)
        if not (actors | recipients) & (self.actors | self.recipients):
            return False
        if not (_nested(actors, self.actors) and _nested(recipients, self.recipients)):
            return False
        return _same_time(_when(e), self.when)

    def add(self, e: Event, by_id: dict[str, Actor]) -> None:
        self.events.append(e)
        self.actors |= codes(e.actors, by_id)
        self.recipients |= codes(e.recipients, by_id)
        self.when = self.when or _when(e)


def merge_mentions(
    events: list[Event], by_id: dict[str, Actor], references: frozenset[int] = frozenset()
) -> list[Event]:
    """Events of one article with the restatements of each happening merged into it (text order kept).
    `references`: trigger starts of mentions that refer back to a happening told before ("the attack")."""
    clusters: list[_Cluster] = []
    for e in sorted(events, key=lambda e: e.trigger.span[0]):
        back = e.trigger.span[0] in references
        home = next((c for c in clusters if c.accepts(e, by_id, back)), None)
        if home is None:
            clusters.append(_Cluster(e, by_id))
        else:
            home.add(e, by_id)
    return [_merged(c.events) for c in clusters]


def _merged(events: list[Event]) -> Event:
    first = events[0]
    first.mentions = [EventMention(e.trigger, e.sentence, e.status, e.rule) for e in events]
    first.num_mentions = len(events)
    if len(events) == 1:
        return first
    actors = list(dict.fromkeys(a for e in events for a in e.actors))
    first.actors = actors
    first.recipients = [r for r in dict.fromkeys(r for e in events for r in e.recipients) if r not in actors]
    first.status = min((e.status for e in events), key=lambda s: STATUS_RANK.get(s, 9))
    first.date = next((e.date for e in events if e.date is not None), None)
    first.place = next((e.place for e in events if e.place is not None), None)
    first.quote = first.quote or next((e.quote for e in events if e.quote is not None), None)
    first.confidence = max(e.confidence for e in events)
    scores = [e.score for e in events if e.score is not None]
    first.score = max(scores) if scores else None
    return first
