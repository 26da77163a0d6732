"""Questions asked of the store: events with filters, dyads, quotes by speaker, one article, raw SQL.

Every function takes an open DuckDB connection (`Store(path, read_only=True).con`) and returns column names
and rows, so that the command line (cli_query.py) and the dashboard print the same answers. All values from
users go in as SQL parameters, never into the SQL text.

An actor filter ("RUS", "Putin", "NATO", "rus.putin") matches an event party whose country, organisation or
id is that code, or whose name contains the words (case-insensitive); `--country` matches the party's
country only. Dates filter on the event's date (its own, else the article's publication date).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import EventwireError
from .store import COUNTED_STATUSES

PERIODS = ("day", "week", "month", "year")
SORTS = {
    "date": "date",
    "-date": "date DESC",
    "goldstein": "goldstein",
    "-goldstein": "goldstein DESC",
    "type": "type",
    "article": "article_id",
}
FORMATS = ("table", "json", "csv")


class QueryError(EventwireError):
    pass


@dataclass
class EventFilter:
    actor: str | None = None
    recipient: str | None = None
    party: str | None = None  # either side
    country: str | None = None
    type: str | None = None
    mode: str | None = None
    status: tuple[str, ...] = COUNTED_STATUSES
    quad: int | None = None
    since: str | None = None
    until: str | None = None
    place: str | None = None
    text: str | None = None
    article: str | None = None
    sort: str = "date"
    limit: int | None = 100
    each: bool = False  # one row per article's event, instead of one per story (cross-article event)


# The event's date: its own, else the article's publication date.
DATE = "coalesce(try_cast(left(e.date_value, 10) AS DATE), a.published)"
_PARTY = (
    "EXISTS (SELECT 1 FROM actors x WHERE x.article_id = e.article_id AND list_contains(e.{side}, x.id) AND "
    "(upper(coalesce(x.country, '')) = upper(?) OR upper(coalesce(x.org, '')) = upper(?) OR "
    "lower(x.id) = lower(?) OR x.name ILIKE ?))"
)
# A party as the table shows it: its code, and a person's name after it ("RUS Vladimir Putin"); a party with
# no code by its name.
NAMES = (
    "(SELECT string_agg(DISTINCT CASE WHEN coalesce(x.country, x.org) IS NULL THEN x.name "
    "WHEN x.id[1] = lower(x.id[1]) THEN coalesce(x.country, x.org) || ' ' || x.name "
    "ELSE coalesce(x.country, x.org) END, '; ') "
    "FROM actors x WHERE x.article_id = e.article_id AND list_contains(e.{side}, x.id))"
)


def _party(side: str, value: str) -> tuple[str, list[Any]]:
    return _PARTY.format(side=side), [value, value, value, f"%{value}%"]


def events(con: Any, f: EventFilter) -> tuple[list[str], list[tuple]]:
    """The events that pass the filter, with their evidence sentence: one row per story (the same happening
    reported by several articles, stories.py) with its article count, or with `each` one per article."""
    return _run(con, *events_sql(f, has_stories(con)))


def has_stories(con: Any) -> bool:
    """Whether the store has its story tables (stores written before them have not, until written again)."""
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('stories', 'story_events')"
    ).fetchone()
    return bool(row and row[0] == 2)


def where_sql(f: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause of the filter over events e, articles a and places p (the event's place), and its
    parameters (the dashboard's paged events use it too)."""
    where, params = ["1 = 1"], []
    if f.status:
        where.append(f"e.status IN ({', '.join('?' * len(f.status))})")
        params += list(f.status)
    for side, value in (("actors", f.actor), ("recipients", f.recipient)):
        if value:
            sql, p = _party(side, value)
            where.append(sql)
            params += p
    if f.party:
        a_sql, a_p = _party("actors", f.party)
        r_sql, r_p = _party("recipients", f.party)
        where.append(f"({a_sql} OR {r_sql})")
        params += a_p + r_p
    if f.country:
        where.append(
            "EXISTS (SELECT 1 FROM actors x WHERE x.article_id = e.article_id AND "
            "(list_contains(e.actors, x.id) OR list_contains(e.recipients, x.id)) "
            "AND upper(x.country) = upper(?))"
        )
        params.append(f.country)
    for column, value in (("e.type", f.type), ("e.mode", f.mode)):
        if value:
            where.append(f"upper({column}) = upper(?)")
            params.append(value)
    if f.quad is not None:
        where.append("e.quad_class = ?")
        params.append(f.quad)
    if f.since:
        where.append(f"{DATE} >= CAST(? AS DATE)")
        params.append(f.since)
    if f.until:
        where.append(f"{DATE} <= CAST(? AS DATE)")
        params.append(f.until)
    if f.place:
        where.append("(p.name ILIKE ? OR p.text ILIKE ? OR upper(p.country) = upper(?))")
        params += [f"%{f.place}%", f"%{f.place}%", f.place]
    if f.text:
        where.append("e.sentence_text ILIKE ?")
        params.append(f"%{f.text}%")
    if f.article:
        where.append("e.article_id = ?")
        params.append(f.article)
    if f.sort not in SORTS:
        raise QueryError(f"cannot sort by {f.sort!r}", f"choose one of: {', '.join(SORTS)}")
    return " AND ".join(where), params


def story_sql(f: EventFilter, stories: bool) -> tuple[str, str, str]:
    """The story columns, the joins that give them, and the QUALIFY that keeps one row per story (empty
    with `each` or without story tables)."""
    if not stories:
        return "NULL AS story_id, 1 AS articles, 1 AS sources", "", ""
    cols = "se.story_id, coalesce(st.num_articles, 1) AS articles, coalesce(st.num_sources, 1) AS sources"
    join = (
        "LEFT JOIN story_events se ON se.article_id = e.article_id AND se.event_id = e.id "
        "LEFT JOIN stories st ON st.id = se.story_id"
    )
    collapse = ""
    if not f.each:
        collapse = (
            "QUALIFY row_number() OVER (PARTITION BY coalesce(se.story_id, e.article_id || '/' || e.id) "
            f"ORDER BY {DATE}, e.article_id, e.id) = 1"
        )
    return cols, join, collapse


def events_sql(f: EventFilter, stories: bool = False) -> tuple[str, list[Any]]:
    cond, params = where_sql(f)
    story_cols, story_join, collapse = story_sql(f, stories)
    sql = f"""
        SELECT {DATE} AS date, e.type, e.mode, e.status, {NAMES.format(side="actors")} AS actor,
               {NAMES.format(side="recipients")} AS recipient, e.trigger_text AS trigger, p.name AS place,
               e.quad_class AS quad, e.goldstein, e.cameo, {story_cols}, e.article_id, e.id AS event_id,
               a.title, a.url, trim(e.sentence_text) AS sentence
        FROM events e
        JOIN articles a ON a.id = e.article_id
        LEFT JOIN places p ON p.article_id = e.article_id AND p.id = e.place AND p.caption IS NULL
        {story_join}
        WHERE {cond}
        {collapse}
        ORDER BY {SORTS[f.sort]}, e.article_id, e.id"""
    if f.limit is not None:
        sql += f" LIMIT {int(f.limit)}"
    return sql, params


def dyads(con: Any, period: str = "month", f: EventFilter | None = None) -> tuple[list[str], list[tuple]]:
    """Counts and mean Goldstein score per actor pair (country or organisation codes) and period."""
    if period not in PERIODS:
        raise QueryError(f"no period {period!r}", f"choose one of: {', '.join(PERIODS)}")
    f = f or EventFilter()
    sql_events, params = _pairs_sql(EventFilter(**{**f.__dict__, "limit": None}), _has_copies(con))
    sql = f"""
        WITH ev AS ({sql_events})
        SELECT date_trunc('{period}', date)::DATE AS period, actor_code AS actor, recipient_code AS recipient,
               count(*) AS events, round(avg(goldstein), 2) AS mean_goldstein,
               count(*) FILTER (WHERE quad = 1) AS verbal_coop,
               count(*) FILTER (WHERE quad = 2) AS material_coop,
               count(*) FILTER (WHERE quad = 3) AS verbal_conflict,
               count(*) FILTER (WHERE quad = 4) AS material_conflict
        FROM ev GROUP BY ALL ORDER BY period, events DESC, actor, recipient"""
    return _run(con, sql, params)


def _has_copies(con: Any) -> bool:
    row = con.execute(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'articles' "
        "AND column_name = 'duplicate_of'"
    ).fetchone()
    return bool(row and row[0])


def _pairs_sql(f: EventFilter, copies: bool = False) -> tuple[str, list[Any]]:
    """One row per (event, actor code, recipient code): the pairs an event makes (every article's events,
    but none of an article that repeats another: a wire copy does not count its events twice)."""
    inner, params = events_sql(EventFilter(**{**f.__dict__, "each": True}))
    if copies:
        inner = (
            f"SELECT q0.* FROM ({inner}) q0 JOIN articles c ON c.id = q0.article_id "
            "WHERE c.duplicate_of IS NULL"
        )
    code = "coalesce(x.country, x.org, x.id)"
    sql = f"""
        SELECT q.*, ac.code AS actor_code, coalesce(rc.code, '-') AS recipient_code FROM ({inner}) q
        JOIN events e ON e.article_id = q.article_id AND e.id = q.event_id
        CROSS JOIN LATERAL (SELECT DISTINCT {code} AS code FROM actors x
                            WHERE x.article_id = e.article_id AND list_contains(e.actors, x.id)) ac
        LEFT JOIN LATERAL (SELECT DISTINCT {code} AS code FROM actors x WHERE x.article_id = e.article_id
                           AND list_contains(e.recipients, x.id)) rc ON true"""
    return sql, params


def quotes(con: Any, speaker: str | None = None, text: str | None = None, limit: int | None = 100):
    """Quotes, newest first; `speaker` matches the speaker actor's name or id, or the speaker's words."""
    where, params = ["1 = 1"], []
    if speaker:
        where.append("(s.name ILIKE ? OR lower(s.id) = lower(?) OR q.speaker_text ILIKE ?)")
        params += [f"%{speaker}%", speaker, f"%{speaker}%"]
    if text:
        where.append("q.text ILIKE ?")
        params.append(f"%{text}%")
    sql = f"""
        SELECT coalesce(try_cast(left(q.date_value, 10) AS DATE), a.published) AS date,
               coalesce(s.name, q.speaker_text) AS speaker, s.country, q.direct, q.cue, q.text,
               q.article_id, q.id AS quote_id, a.title
        FROM quotes q JOIN articles a ON a.id = q.article_id
        LEFT JOIN actors s ON s.article_id = q.article_id AND s.id = q.speaker
        WHERE {" AND ".join(where)}
        ORDER BY date DESC NULLS LAST, q.article_id, q.span_start"""
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return _run(con, sql, params)


def article(con: Any, article_id: str) -> dict[str, Any]:
    """The stored record of one article (its full JSON)."""
    import json

    row = con.execute("SELECT record FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None:
        near = con.execute(
            "SELECT id FROM articles WHERE jaro_winkler_similarity(id, ?) >= 0.8 "
            "ORDER BY jaro_winkler_similarity(id, ?) DESC, id LIMIT 3",
            [article_id, article_id],
        ).fetchall()
        hint = f"did you mean {', '.join(r[0] for r in near)}?" if near else "list ids with `eventwire sql`"
        raise QueryError(f"no article {article_id!r} in the store", hint)
    return json.loads(row[0])


def sql(con: Any, text: str) -> tuple[list[str], list[tuple]]:
    """Any DuckDB SQL on the store (opened read-only, so nothing can be changed)."""
    return _run(con, text, [])


def _run(con: Any, text: str, params: list[Any]) -> tuple[list[str], list[tuple]]:
    import duckdb

    try:
        cur = con.execute(text, params)
        names = [d[0] for d in cur.description] if cur.description else []
        return names, cur.fetchall()
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        raise QueryError(
            f"the query failed: {first}", "check the SQL; `eventwire sql --help` has examples"
        ) from None
