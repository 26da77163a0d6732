"""What the dashboard asks the store beyond query.py, shaped for its pages.

Events (`event_page`) answer exactly as `query.events` does (same filters, one row per story unless `each`,
same order and columns; tests/test_serve.py compares the two), in two steps so that a page is fast on a big
store: first the keys of the page's rows (filters, the story collapse, order, LIMIT and OFFSET, no names),
then the columns shown, the parties' names among them, for those rows only. `query.events` computes the
names of every matching event before it sorts, which costs about a second on 100,000 events; the two steps
take a tenth of that. Timelines come from `query.dyads`, quotes from `query.quotes`, an article from
`query.article`; the map's places, the speakers and the summary are asked here.

Every value from the request goes in as an SQL parameter; the only text put into SQL is chosen from fixed
lists (sort keys, periods).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from .. import query
from ..query import EventFilter

# The event's date and its parties' display names, and the sort keys: query.py's.
DATE = query.DATE
NAMES = query.NAMES
SORT_COLUMNS = query.SORTS  # the first step's columns carry the same names
PRONOUNS = ("i", "you", "we", "he", "she", "they", "it", "one", "someone", "somebody", "who")
MAX_MAP_POINTS = 5000
MAP_DIGITS = 1  # places within about 10 km are one dot


def keys_sql(f: EventFilter, stories: bool) -> tuple[str, list[Any]]:
    """Step one: the rows query.events would give, without the columns that cost (names, texts)."""
    cond, params = query.where_sql(f)  # the filters of query.events, and its check of the sort key
    story_cols, story_join, collapse = query.story_sql(f, stories)
    sql = f"""
        SELECT {DATE} AS date, e.type, e.goldstein, e.article_id, e.id AS event_id, p.name AS place,
               p.lat, p.lon, p.country AS place_country, {story_cols}
        FROM events e
        JOIN articles a ON a.id = e.article_id
        LEFT JOIN places p ON p.article_id = e.article_id AND p.id = e.place AND p.caption IS NULL
        {story_join}
        WHERE {cond}
        {collapse}"""
    return sql, params


def event_page(con: Any, f: EventFilter, offset: int = 0) -> tuple[list[dict[str, Any]], bool]:
    """One page of query.events' rows (f.limit of them from `offset`), and whether more follow. Each row
    has query.events' columns plus `trigger_span`: where the trigger is in `sentence` (None if it is not)."""
    stories = query.has_stories(con)
    sql, params = keys_sql(f, stories)
    limit = f.limit if f.limit is not None else 100
    order = f"ORDER BY {SORT_COLUMNS[f.sort]}, e.article_id, e.id"
    page_sql = f"{sql} {order} LIMIT {int(limit) + 1} OFFSET {int(offset)}"
    keys = _dicts(con.execute(page_sql, params))
    more = len(keys) > limit
    keys = keys[:limit]
    if not keys:
        return [], more
    shown = _dicts(
        con.execute(
            f"""
            SELECT k.i, e.type, e.mode, e.status, {NAMES.format(side="actors")} AS actor,
                   {NAMES.format(side="recipients")} AS recipient, e.trigger_text AS trigger,
                   e.quad_class AS quad, e.goldstein, e.cameo, a.title, a.url, e.sentence_text,
                   e.sentence_start, e.trigger_start, e.trigger_end
            FROM (SELECT unnest(?) AS aid, unnest(?) AS eid, unnest(?) AS i) k
            JOIN events e ON e.article_id = k.aid AND e.id = k.eid
            JOIN articles a ON a.id = e.article_id""",
            [
                [k["article_id"] for k in keys],
                [k["event_id"] for k in keys],
                list(range(len(keys))),
            ],
        )
    )
    by_index = {row["i"]: row for row in shown}
    rows = []
    for i, k in enumerate(keys):
        s = by_index[i]
        sentence, span = _sentence(s)
        rows.append(
            {
                "date": k["date"],
                "type": s["type"],
                "mode": s["mode"],
                "status": s["status"],
                "actor": s["actor"],
                "recipient": s["recipient"],
                "trigger": s["trigger"],
                "place": k["place"],
                "quad": s["quad"],
                "goldstein": s["goldstein"],
                "cameo": s["cameo"],
                "story_id": k["story_id"],
                "articles": k["articles"],
                "sources": k["sources"],
                "article_id": k["article_id"],
                "event_id": k["event_id"],
                "title": s["title"],
                "url": s["url"],
                "sentence": sentence,
                "trigger_span": span,
            }
        )
    return rows, more


def _sentence(row: dict[str, Any]) -> tuple[str | None, list[int] | None]:
    """The evidence sentence as query.events gives it (trimmed of spaces), and the trigger's span in it."""
    raw = row["sentence_text"]
    if raw is None:
        return None, None
    sentence = raw.strip(" ")  # DuckDB's trim() takes spaces only
    lead = len(raw) - len(raw.lstrip(" "))
    trigger = row["trigger"] or ""
    if row["trigger_start"] is not None and row["sentence_start"] is not None and trigger:
        start = row["trigger_start"] - row["sentence_start"] - lead
        end = start + len(trigger)
        if start >= 0 and sentence[start:end] == trigger:
            return sentence, [start, end]
    at = sentence.find(trigger) if trigger else -1
    return sentence, ([at, at + len(trigger)] if at >= 0 else None)


def event_count(con: Any, f: EventFilter) -> int:
    sql, params = keys_sql(f, query.has_stories(con))
    return con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]


def places(con: Any, f: EventFilter) -> dict[str, Any]:
    """The places of the events the filter passes (one per story unless `each`), as dots: coordinates
    rounded to MAP_DIGITS decimals, with the number of events, the most frequent name and country."""
    sql, params = keys_sql(f, query.has_stories(con))
    rows = _dicts(
        con.execute(
            f"""
            WITH ev AS ({sql})
            SELECT round(lat, {MAP_DIGITS}) AS lat, round(lon, {MAP_DIGITS}) AS lon, count(*) AS events,
                   mode(place) AS name, mode(place_country) AS country,
                   count(DISTINCT article_id) AS articles
            FROM ev WHERE lat IS NOT NULL AND lon IS NOT NULL
            GROUP BY 1, 2 ORDER BY events DESC, name, lat, lon LIMIT {MAX_MAP_POINTS + 1}""",
            params,
        )
    )
    unplaced = con.execute(
        f"SELECT count(*) FILTER (WHERE lat IS NULL OR lon IS NULL), count(*) FROM ({sql})", params
    ).fetchone()
    return {
        "points": rows[:MAX_MAP_POINTS],
        "truncated": len(rows) > MAX_MAP_POINTS,
        "unplaced": unplaced[0],
        "events": unplaced[1],
    }


def speakers(con: Any, words: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Speakers by number of quotations: the speaker actor's name, else the words naming the speaker (but
    not a bare pronoun that was never resolved: "I" and "you" are nobody to browse by)."""
    marks = ", ".join("?" * len(PRONOUNS))
    cond, params = f"(s.name IS NOT NULL OR lower(q.speaker_text) NOT IN ({marks}))", list(PRONOUNS)
    if words:
        cond += " AND coalesce(s.name, q.speaker_text) ILIKE ?"
        params.append(f"%{words}%")
    return _dicts(
        con.execute(
            f"""
            SELECT coalesce(s.name, q.speaker_text) AS speaker, mode(s.country) AS country,
                   count(*) AS quotes, count(DISTINCT q.article_id) AS articles
            FROM quotes q LEFT JOIN actors s ON s.article_id = q.article_id AND s.id = q.speaker
            WHERE coalesce(s.name, q.speaker_text) IS NOT NULL AND {cond}
            GROUP BY 1 ORDER BY quotes DESC, speaker LIMIT {int(limit)}""",
            params,
        )
    )


def summary(con: Any) -> dict[str, Any]:
    """What the pages' filters offer: counts, the date range, event types and the commonest party codes."""
    counts = _dicts(
        con.execute(
            "SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM events) AS events, "
            "(SELECT count(*) FROM quotes) AS quotes, (SELECT count(*) FROM places) AS places, "
            "(SELECT min(published) FROM articles) AS first, (SELECT max(published) FROM articles) AS last"
        )
    )[0]
    types = [
        r[0]
        for r in con.execute("SELECT DISTINCT type FROM events WHERE type IS NOT NULL ORDER BY 1").fetchall()
    ]
    codes = [
        r[0]
        for r in con.execute(
            "SELECT coalesce(country, org) AS code FROM actors WHERE coalesce(country, org) IS NOT NULL "
            "GROUP BY 1 ORDER BY count(*) DESC, code LIMIT 300"
        ).fetchall()
    ]
    return {**counts, "types": types, "codes": codes, "stories": query.has_stories(con)}


def timeline(
    con: Any, f: EventFilter, period: str, pair: tuple[str, str] | None = None, top: int = 24
) -> dict[str, Any]:
    """query.dyads for the filter, shaped for the chart: the actor pairs it found (most events first) and,
    for one pair (the one asked, else the one whose codes are the filter's, else the biggest), its counts
    per period by quad class and its mean Goldstein score."""
    names, rows = query.dyads(con, period, EventFilter(**{**f.__dict__, "limit": None}))
    dicts = [dict(zip(names, r, strict=True)) for r in rows]
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for r in dicts:
        totals[(r["actor"], r["recipient"])] += r["events"]

    def wanted(p: tuple[str, str]) -> int:
        hits = 0
        for value, code in ((f.actor, p[0]), (f.recipient, p[1])):
            if value and value.upper() == (code or "").upper():
                hits += 1
        return hits

    # The pair the filter names first, then real pairs before events with no recipient ("-"), then size.
    ranked = sorted(totals, key=lambda p: (-wanted(p), p[1] == "-", -totals[p], p))
    chosen = pair if pair is not None else (ranked[0] if ranked else None)
    series = [
        {k: r[k] for k in names if k not in ("actor", "recipient")}
        for r in dicts
        if chosen is not None and (r["actor"], r["recipient"]) == tuple(chosen)
    ]
    return {
        "period": period,
        "pairs": [{"actor": a, "recipient": r, "events": totals[(a, r)]} for a, r in ranked[:top]],
        "pair": list(chosen) if chosen else None,
        "series": series,
    }


def quote_page(
    con: Any, speaker: str | None, text: str | None, limit: int, offset: int
) -> tuple[list[dict[str, Any]], bool]:
    names, rows = query.quotes(con, speaker, text, offset + limit + 1)
    page = [dict(zip(names, r, strict=True)) for r in rows[offset:]]
    return page[:limit], len(page) > limit


def _dicts(cur: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def jsonable(value: Any) -> Any:
    """json.dumps default: dates as ISO strings."""
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, set | tuple):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
