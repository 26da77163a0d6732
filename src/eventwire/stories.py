"""Story events: one happening reported by several articles, as a derived table of the store.

Matching rule (measured on annotation/clusters: `scripts/eval_stories.py`):
  Counted events (asserted, planned) are taken in date order (the event's date, else its article's
  publication date). An event joins an existing story when
    - the type is the same;
    - the parties are compatible: their actor codes (country, else organisation) share one, and their
      recipient codes share one or one side has none;
    - its date is at most WINDOW_DAYS from the story's first date (a story spans at most that: daily attacks
      of one war stay separate stories);
    - the places agree: the same place country, or one side has no place;
    - it comes from an article not yet in the story (an article's restatements were merged already).
  Of several such stories it joins the one sharing most (codes, the place's country, and twice over named
  parties: people and organisations); otherwise it starts a story of its own.
  Measured and rejected: asking an event within one country to share a place or a named party as well
  (dev pairs: precision 0.39 -> 0.50, recall 0.65 -> 0.24).

Each story has `num_articles`, `num_sources` (independent sources: distinct outlets; a near-duplicate of
another article (`article.duplicate_of`) and an article whose evidence sentence repeats another article's
word for word are copies of it, not sources of their own),
`num_mentions` (all mentions in all its articles), first and last seen (publication dates), its articles and
their evidence sentences (`story_events`), and a `confidence` that grows with independent sources:
1 - (1 - c) ** num_sources, c the mean confidence of its events.

The tables are rebuilt for the dates an update touches: the stories holding an event within 2 x WINDOW_DAYS
of the new articles' dates are taken apart and their events matched again with the new ones.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

WINDOW_DAYS = 2
COUNTED = ("asserted", "planned")

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS stories (
    id VARCHAR PRIMARY KEY, type VARCHAR, actors VARCHAR[], recipients VARCHAR[], place_country VARCHAR,
    date DATE, first_seen DATE, last_seen DATE, num_articles INTEGER, num_sources INTEGER,
    num_mentions INTEGER, confidence DOUBLE, quad_class INTEGER, goldstein DOUBLE);
CREATE TABLE IF NOT EXISTS story_events (
    story_id VARCHAR, article_id VARCHAR, event_id VARCHAR, source VARCHAR, copy_of VARCHAR,
    sentence_text VARCHAR);
"""

# One row per counted event with the codes of its parties, its place's country and its article's source.
EVENTS_SQL = """
SELECT e.article_id, e.id, e.type, coalesce(try_cast(left(e.date_value, 10) AS DATE), a.published) AS day,
       a.published, coalesce(a.outlet, regexp_extract(a.url, '^[a-z]+://([^/]+)', 1), a.source) AS source,
       (SELECT list(DISTINCT coalesce(x.country, x.org)) FROM actors x WHERE x.article_id = e.article_id
          AND list_contains(e.actors, x.id) AND coalesce(x.country, x.org) IS NOT NULL) AS actor_codes,
       (SELECT list(DISTINCT coalesce(x.country, x.org)) FROM actors x WHERE x.article_id = e.article_id
          AND list_contains(e.recipients, x.id) AND coalesce(x.country, x.org) IS NOT NULL) AS recipient_cds,
       (SELECT list(DISTINCT x.id) FROM actors x WHERE x.article_id = e.article_id
          AND (list_contains(e.actors, x.id) OR list_contains(e.recipients, x.id))
          AND (x.id[1] = lower(x.id[1]) OR x.org IS NOT NULL)) AS named,
       p.country AS place_country, coalesce(e.num_mentions, 1), coalesce(e.confidence, 0.5), e.quad_class,
       e.goldstein, trim(e.sentence_text), a.duplicate_of
FROM events e JOIN articles a ON a.id = e.article_id
LEFT JOIN places p ON p.article_id = e.article_id AND p.id = e.place AND p.caption IS NULL
WHERE e.status IN ('asserted', 'planned') {where}
ORDER BY day NULLS LAST, a.published, e.article_id, e.id
"""


@dataclass
class Ev:
    article_id: str
    id: str
    type: str
    day: datetime.date | None
    published: datetime.date | None
    source: str
    actors: frozenset[str]
    recipients: frozenset[str]
    named: frozenset[str]  # the parties' people and organisations ("rus.putin", "person:jane-roe", "NATO")
    place_country: str | None
    mentions: int
    confidence: float
    quad_class: int | None
    goldstein: float | None
    sentence: str
    duplicate_of: str | None = None  # the article this one's article repeats (duplicates.py)


@dataclass
class Story:
    first: Ev
    events: list[Ev] = field(default_factory=list)

    @property
    def actors(self) -> set[str]:
        return {c for e in self.events for c in e.actors}

    @property
    def recipients(self) -> set[str]:
        return {c for e in self.events for c in e.recipients}

    @property
    def named(self) -> set[str]:
        return {c for e in self.events for c in e.named}

    @property
    def places(self) -> set[str]:
        return {e.place_country for e in self.events if e.place_country}


def _fits(story: Story, ev: Ev) -> int:
    """How many codes the event shares with the story, or 0 when it cannot join it."""
    if ev.type != story.first.type or any(e.article_id == ev.article_id for e in story.events):
        return 0
    if ev.day is None or story.first.day is None or abs((ev.day - story.first.day).days) > WINDOW_DAYS:
        return 0
    shared_actors = ev.actors & story.actors
    if not shared_actors:
        return 0
    recipients = story.recipients
    if ev.recipients and recipients and not ev.recipients & recipients:
        return 0
    places = story.places
    if ev.place_country and places and ev.place_country not in places:
        return 0
    same_place = bool(ev.place_country and ev.place_country in places)
    return len(shared_actors) + len(ev.recipients & recipients) + same_place + 2 * len(ev.named & story.named)


def cluster(events: list[Ev]) -> list[Story]:
    stories: list[Story] = []
    open_: list[Story] = []  # stories whose first date is still within reach
    for ev in events:
        if ev.day is not None:
            open_ = [s for s in open_ if (ev.day - s.first.day).days <= WINDOW_DAYS]
        best, best_fit = None, 0
        for s in open_:
            fit = _fits(s, ev)
            if fit > best_fit:
                best, best_fit = s, fit
        if best is None:
            best = Story(ev)
            stories.append(best)
            if ev.day is not None:
                open_.append(best)
        best.events.append(ev)
    return stories


_WORD = re.compile(r"\w+")


def _copies(story: Story) -> dict[str, str]:
    """Article id -> the article it copies: a near-duplicate of another article (duplicates.py), or the same
    evidence sentence word for word, published no earlier."""
    seen: dict[tuple[str, ...], str] = {}
    out: dict[str, str] = {e.article_id: e.duplicate_of for e in story.events if e.duplicate_of}
    for e in sorted(story.events, key=lambda e: (e.published or datetime.date.max, e.article_id)):
        key = tuple(_WORD.findall(e.sentence.lower()))
        if e.article_id in out:
            continue
        if len(key) >= 8 and key in seen and seen[key] != e.article_id:
            out[e.article_id] = seen[key]
        else:
            seen.setdefault(key, e.article_id)
    return out


def _story_id(story: Story) -> str:
    first = min(story.events, key=lambda e: (e.article_id, e.id))
    return "S" + hashlib.sha1(f"{first.article_id}/{first.id}".encode()).hexdigest()[:12]


def _rows(story: Story) -> tuple[tuple, list[tuple]]:
    copies = _copies(story)
    sources = {e.source for e in story.events if e.article_id not in copies}
    n_sources = max(1, len(sources))
    mean_conf = sum(e.confidence for e in story.events) / len(story.events)
    published = [e.published for e in story.events if e.published]
    sid = _story_id(story)
    goldstein = [e.goldstein for e in story.events if e.goldstein is not None]
    head = (
        sid,
        story.first.type,
        sorted(story.actors),
        sorted(story.recipients),
        next(iter(sorted(story.places)), None),
        story.first.day,
        min(published) if published else None,
        max(published) if published else None,
        len({e.article_id for e in story.events}),
        n_sources,
        sum(e.mentions for e in story.events),
        round(1 - (1 - mean_conf) ** n_sources, 3),
        story.first.quad_class,
        round(sum(goldstein) / len(goldstein), 2) if goldstein else None,
    )
    members = [
        (sid, e.article_id, e.id, e.source, copies.get(e.article_id), e.sentence) for e in story.events
    ]
    return head, members


def _load(con: Any, where: str = "", params: list[Any] | None = None) -> list[Ev]:
    rows = con.execute(EVENTS_SQL.format(where=where), params or []).fetchall()
    return [
        Ev(r[0], r[1], r[2], r[3], r[4], r[5] or "?", *(frozenset(x or ()) for x in r[6:9]), *r[9:])
        for r in rows
    ]


def rebuild(con: Any, article_ids: list[str] | None = None) -> int:
    """Rebuild the story tables: all of them, or the part the given (new or recoded) articles touch.
    Returns the number of stories written."""
    con.execute(SCHEMA_SQL)
    if article_ids is None:
        con.execute("DELETE FROM story_events")
        con.execute("DELETE FROM stories")
        events = _load(con)
    else:
        days = [e.day for e in _load(con, "AND e.article_id IN (SELECT unnest(?))", [article_ids]) if e.day]
        if not days:
            return 0
        lo = min(days) - datetime.timedelta(days=2 * WINDOW_DAYS)
        hi = max(days) + datetime.timedelta(days=2 * WINDOW_DAYS)
        window = "coalesce(try_cast(left(e.date_value, 10) AS DATE), a.published) BETWEEN ? AND ?"
        stale = [
            r[0]
            for r in con.execute(
                "SELECT DISTINCT s.story_id FROM story_events s JOIN events e ON e.article_id = s.article_id "
                f"AND e.id = s.event_id JOIN articles a ON a.id = e.article_id WHERE {window} "
                "UNION SELECT DISTINCT story_id FROM story_events WHERE article_id IN (SELECT unnest(?)) "
                # and the stories of events no longer stored (their article was replaced by an edited one)
                "UNION SELECT DISTINCT story_id FROM story_events se WHERE NOT EXISTS (SELECT 1 FROM events "
                "e WHERE e.article_id = se.article_id AND e.id = se.event_id)",
                [lo, hi, article_ids],
            ).fetchall()
        ]
        members = con.execute(
            "SELECT article_id, event_id FROM story_events WHERE story_id IN (SELECT unnest(?))", [stale]
        ).fetchall()
        con.execute("DELETE FROM story_events WHERE story_id IN (SELECT unnest(?))", [stale])
        con.execute("DELETE FROM stories WHERE id IN (SELECT unnest(?))", [stale])
        keys = sorted({f"{a}\x1f{e}" for a, e in members})
        events = _load(
            con,
            f"AND ({window} OR e.article_id || chr(31) || e.id IN (SELECT unnest(?)))",
            [lo, hi, keys],
        )
    stories = cluster(events)
    heads, members_rows = [], []
    for s in stories:
        head, members = _rows(s)
        heads.append(head)
        members_rows += members
    if heads:
        con.executemany(f"INSERT INTO stories VALUES ({', '.join('?' * 14)})", heads)
        con.executemany("INSERT INTO story_events VALUES (?, ?, ?, ?, ?, ?)", members_rows)
    return len(heads)


def linked_pairs(con: Any) -> set[tuple[str, str]]:
    """Article pairs that share a story (sorted ids), for scoring against the cluster gold."""
    by_story: dict[str, set[str]] = defaultdict(set)
    for sid, aid in con.execute("SELECT story_id, article_id FROM story_events").fetchall():
        by_story[sid].add(aid)
    out = set()
    for arts in by_story.values():
        ids = sorted(arts)
        out |= {(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]}
    return out
