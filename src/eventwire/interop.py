"""Interoperable exports: the counted events of a store as GDELT 2.0 Event rows or POLECAT-style PLOVER rows.

Both writers read the store with DuckDB SQL and write UTF-8, tab-separated text, one line per counted event
(status asserted or planned, as `eventwire export` counts; `all_statuses=True` writes every status). No value
holds a tab or a line break: they become spaces. A value holding a double quote is written between double
quotes with each of its own doubled (as the csv module does), which pandas and DuckDB read back with their
default quote character. Missing values are empty fields. `docs/EXPORTS.md` is the user's guide.

GDELT 2.0 Event table (`write_gdelt`): the 61 columns in codebook order, no header line unless `header=True`.

    GDELT column                  from eventwire
    ----------------------------  ---------------------------------------------------------------------------
    GlobalEventID                 gdelt_event_id(article id, event id): 53 bits of SHA-256 of the two ids,
                                  stable across exports; re-hashed with a counter on a clash in one export
    Day, MonthYear, Year          the event's date, else the article's publication date: YYYYMMDD, YYYYMM,
                                  YYYY; a week, month or year date gives the period's first day
    FractionDate                  Year + day of the year / 365, four decimals
    Actor1Code                    CAMEO-like: country + sector (RUSGOV), else sector + organisation
                                  (IGONATO), else a region code (WST), else the sector
    Actor1Name                    the event's first actor: its name
    Actor1CountryCode             its ISO 3166-1 alpha-3 country
    Actor1KnownGroupCode          its organisation code (eventwire's: NATO, UN), not CAMEO's three letters
    Actor1Type1Code               its sector (GOV, MIL, REB, IGO, ...)
    Actor2*                       the same from the event's first recipient
    IsRootEvent                   1 when the event's first mention starts in the first paragraph, else 0
    EventCode                     `cameo`, as text ("040" keeps its zero)
    EventBaseCode, EventRootCode  its first 3 and first 2 digits
    QuadClass, GoldsteinScale     `quad_class`, `goldstein`
    NumMentions                   the story's mentions in all its articles (stories.py), else the event's
                                  `num_mentions` (1 in stores older than that column)
    NumSources, NumArticles       the story's independent sources and articles: one row per happening that
                                  several articles report (the first article's event); 1 and 1 without one
    ActionGeo_Type                the event's place: 1 country, 2 US state or county, 3 US town or site,
                                  4 town or site elsewhere, 5 province or district elsewhere
    ActionGeo_FullName            "name, admin1, country name"
    ActionGeo_CountryCode         ISO alpha-3 (GDELT's FIPS 10-4 codes are not in our gazetteer)
    ActionGeo_Lat, _Long          the place's point
    ActionGeo_FeatureID           its GeoNames id
    DATEADDED                     the article's `coded_at` (UTC), YYYYMMDDHHMMSS
    SOURCEURL                     the article's URL, else its source (file path, or path:line)
    empty                         ethnic, religion and Type2/3 codes, AvgTone, ADM1/ADM2 codes, and all
                                  Actor1Geo_* and Actor2Geo_* (eventwire places events, not actors)

POLECAT-style export (`write_polecat`): the 40 columns of the POLECAT weekly files, with a header line.

    POLECAT column                from eventwire
    ----------------------------  ---------------------------------------------------------------------------
    Event ID                      article id + "_" + event id
    Event Date                    as Day above, YYYY-MM-DD
    Event Type, Event Mode        `type`, `mode`
    Event Intensity               empty: eventwire codes no PLOVER intensity (Goldstein is another scale)
    Quad Code                     VERBAL COOPERATION, MATERIAL COOPERATION, VERBAL CONFLICT, MATERIAL CONFLICT
    Contexts                      `context`, comma-joined
    Actor Name, Actor Country     the first actor: its name, its ISO alpha-3 country
    Primary Actor Sector          its sector
    Actor Sectors                 its sector too (eventwire gives an actor one sector)
    Actor Title                   its role ("foreign minister")
    Actor Name Raw                the words of its first mention, else its name
    Actor COW, Wikipedia Actor ID empty
    Recipient ...                 the same from the first recipient
    Placename, Raw Placename      the event's place: its gazetteer name; the words of the text
    City, District, Province      the name of a city or village, of an admin2, of an admin1; Province is
                                  else the place's admin1 when the gazetteer gives its name
    Country                       the place's ISO alpha-3 country
    Latitude, Longitude           its point
    GeoNames ID                   its GeoNames id
    Feature Type                  its eventwire kind: country, admin1, admin2, city, village, region, facility
    Source                        the article's outlet, else its URL, else its source
    Publication Date              `published`, YYYY-MM-DD
    Story People, Organizations,  the article's people, organisations and places, "; "-joined, in order of
    Locations                     first mention
    Language, Version             `language`; "eventwire VERSION"
"""

from __future__ import annotations

import csv
import functools
import hashlib
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from . import __version__
from .store import COUNTED_STATUSES

if TYPE_CHECKING:
    import duckdb

GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

# DuckDB types for reading a GDELT export back: duckdb.read_csv(path, delimiter="\t", header=False,
# columns=GDELT_TYPES). The codes are text ("040", "010" keep their zeros); FeatureID is text as in GDELT.
_GDELT_INTEGERS = {"GlobalEventID", "Day", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions",
                   "NumSources", "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type",
                   "DATEADDED"}  # fmt: skip
_GDELT_DOUBLES = {"FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat", "Actor1Geo_Long",
                  "Actor2Geo_Lat", "Actor2Geo_Long", "ActionGeo_Lat", "ActionGeo_Long"}  # fmt: skip
GDELT_TYPES: dict[str, str] = {
    c: "BIGINT" if c in _GDELT_INTEGERS else "DOUBLE" if c in _GDELT_DOUBLES else "VARCHAR"
    for c in GDELT_COLUMNS
}

POLECAT_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type",
    "Source", "Publication Date", "Story People", "Story Organizations", "Story Locations", "Language",
    "Version",
)  # fmt: skip

QUAD_NAMES = {
    1: "VERBAL COOPERATION",
    2: "MATERIAL COOPERATION",
    3: "VERBAL CONFLICT",
    4: "MATERIAL CONFLICT",
}

# A tab or anything a reader may take for a line break becomes a space.
_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_PERIOD = re.compile(r"(\d{4})(?:-(W?)(\d{2})(?:-(\d{2}))?)?")
_REGION_CODE = re.compile(r"[A-Z]{3}")
_ADMIN_CODE = re.compile(r"[A-Z0-9]{1,3}")  # a bare admin1 code ("11", "ENG") rather than a name

_ACTOR = (
    "{p}.id AS {p}_id, {p}.name AS {p}_name, {p}.country AS {p}_country, {p}.sector AS {p}_sector, "
    "{p}.org AS {p}_org, {p}.role AS {p}_role, "
    "substring(a.text, {p}.mentions[1][1] + 1, {p}.mentions[1][2] - {p}.mentions[1][1]) AS {p}_raw"
)
_EVENTS_SQL = f"""
WITH place AS (
    SELECT * FROM places
    QUALIFY row_number() OVER (PARTITION BY article_id, id ORDER BY {{caption}} NULLS FIRST, span_start) = 1)
SELECT e.article_id, e.id AS event_id, e.type, e.mode, e.context, e.date_value, e.cameo, e.quad_class,
    e.goldstein, {{num_mentions}} AS num_mentions, e.sentence_start,
    a.published, a.coded_at, a.url, a.source, a.outlet, a.language, strpos(a.text, chr(10)) AS first_break,
    {_ACTOR.format(p="actor")}, {_ACTOR.format(p="recipient")},
    p.name AS place_name, p.text AS place_text, p.kind AS place_kind, p.country AS place_country,
    p.admin1 AS place_admin1, p.lat AS place_lat, p.lon AS place_lon, p.geonames_id AS place_geonames_id
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN actors actor ON actor.article_id = e.article_id AND actor.id = e.actors[1]
LEFT JOIN actors recipient ON recipient.article_id = e.article_id AND recipient.id = e.recipients[1]
LEFT JOIN place p ON p.article_id = e.article_id AND p.id = e.place
WHERE {{counted}}
ORDER BY e.article_id, length(e.id), e.id
"""
# People have lower-case ids (people.yaml's "rus.lavrov", "person:jane-doe"); countries, groups of a
# country, organisations and regions have upper-case codes ("RUS.GOV", "NATO", "WST").
_STORY_SQL = """
WITH story AS (SELECT DISTINCT article_id FROM events e WHERE {counted})
SELECT article_id, 'people' AS what, name, coalesce(mentions[1][1], 0) AS pos FROM actors
WHERE regexp_matches(id, '[a-z]') AND article_id IN (SELECT article_id FROM story)
UNION ALL
SELECT article_id, 'orgs', name, coalesce(mentions[1][1], 0) FROM actors
WHERE org IS NOT NULL AND NOT regexp_matches(id, '[a-z]') AND article_id IN (SELECT article_id FROM story)
UNION ALL
SELECT article_id, 'places', coalesce(name, text), span_start FROM places
WHERE {caption} IS NULL AND article_id IN (SELECT article_id FROM story)
ORDER BY article_id, what, pos
"""


def gdelt_event_id(article_id: str, event_id: str, attempt: int = 0) -> int:
    """GlobalEventID of an event: the same for the same article and event ids in every export and store.

    The first 8 bytes of SHA-256("article_id U+001F event_id"), big-endian, shifted right by 11 bits: an
    integer below 2**53, so that readers holding numbers as doubles (R, JavaScript) keep it exact. `attempt`
    n > 0 hashes "... U+001F n" instead; `write_gdelt` uses it only when two events of one export clash."""
    key = f"{article_id}\x1f{event_id}" + (f"\x1f{attempt}" if attempt else "")
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big") >> 11


def write_gdelt(
    con: duckdb.DuckDBPyConnection,
    out: str | Path | TextIO | None,
    *,
    header: bool = False,
    all_statuses: bool = False,
) -> int:
    """Write the store's counted events as GDELT 2.0 Event rows; return the number of event rows.

    `out` is a path, a text stream, or None / "-" for standard output. GDELT's own files have no header
    line; `header=True` writes `GDELT_COLUMNS` first (not counted)."""
    seen: set[int] = set()
    rows = []
    stories = _story_counts(con)
    done: set[str] = set()
    for ev in _events(con, all_statuses):
        story = stories.get((ev["article_id"], ev["event_id"]))
        if story is not None:
            if story[0] in done:
                continue  # one row per happening: the story's other articles are counted in NumArticles
            done.add(story[0])
        attempt = 0
        while (gid := gdelt_event_id(ev["article_id"], ev["event_id"], attempt)) in seen:
            attempt += 1
        seen.add(gid)
        rows.append(_gdelt_row(ev, gid, story[1:] if story else (ev["num_mentions"], 1, 1)))
    return _write(out, GDELT_COLUMNS if header else None, rows)


def _story_counts(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], tuple[str, int, int, int]]:
    """(article id, event id) -> (story id, mentions, sources, articles) of the story holding the event."""
    if not _columns(con, "story_events"):
        return {}
    rows = con.execute(
        "SELECT se.article_id, se.event_id, s.id, s.num_mentions, s.num_sources, s.num_articles "
        "FROM story_events se JOIN stories s ON s.id = se.story_id"
    ).fetchall()
    return {(a, e): (sid, m, src, n) for a, e, sid, m, src, n in rows}


def write_polecat(
    con: duckdb.DuckDBPyConnection, out: str | Path | TextIO | None, *, all_statuses: bool = False
) -> int:
    """Write the store's counted events as POLECAT-style PLOVER rows, with a header line of
    `POLECAT_COLUMNS`; return the number of event rows. `out` as for `write_gdelt`."""
    stories = _stories(con, all_statuses)
    rows = [_polecat_row(ev, stories.get(ev["article_id"], {})) for ev in _events(con, all_statuses)]
    return _write(out, POLECAT_COLUMNS, rows)


# --- reading ----------------------------------------------------------------------------------------------
def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    rows = con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table])
    return {r[0] for r in rows.fetchall()}


def _counted(all_statuses: bool) -> str:
    """The SQL filter on events `e`; the status names are fixed constants, never user input."""
    if all_statuses:
        return "TRUE"
    return "e.status IN (" + ", ".join(f"'{s}'" for s in COUNTED_STATUSES) + ")"


def _caption(con: duckdb.DuckDBPyConnection) -> str:
    # Stores opened read-only keep the columns they were made with: `caption` and `num_mentions` came later.
    return "caption" if "caption" in _columns(con, "places") else "NULL"


def _events(con: duckdb.DuckDBPyConnection, all_statuses: bool) -> list[dict[str, Any]]:
    num_mentions = "coalesce(e.num_mentions, 1)" if "num_mentions" in _columns(con, "events") else "1"
    sql = _EVENTS_SQL.format(caption=_caption(con), num_mentions=num_mentions, counted=_counted(all_statuses))
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _stories(con: duckdb.DuckDBPyConnection, all_statuses: bool) -> dict[str, dict[str, str]]:
    """Per article: its people, organisations and places, each "; "-joined in order of first mention."""
    lists: dict[str, dict[str, list[str]]] = {}
    sql = _STORY_SQL.format(caption=_caption(con), counted=_counted(all_statuses))
    for article_id, what, name, _pos in con.execute(sql).fetchall():
        names = lists.setdefault(article_id, {}).setdefault(what, [])
        if name and name not in names:
            names.append(name)
    return {aid: {what: "; ".join(names) for what, names in d.items()} for aid, d in lists.items()}


# --- mapping ----------------------------------------------------------------------------------------------
def _event_day(ev: dict[str, Any]) -> date | None:
    """The event's date (the first day of a week, month or year), else the article's publication date."""
    m = _PERIOD.fullmatch(ev["date_value"] or "")
    if m:
        year, week, number, day = m.groups()
        try:
            if week:
                return date.fromisocalendar(int(year), int(number), 1)
            return date(int(year), int(number or 1), int(day or 1))
        except ValueError:
            pass
    return ev["published"]


def _gdelt_actor(ev: dict[str, Any], p: str) -> list[Any]:
    if ev[f"{p}_id"] is None:
        return [None] * 10
    aid, country, sector, org = ev[f"{p}_id"], ev[f"{p}_country"], ev[f"{p}_sector"], ev[f"{p}_org"]
    if country:
        code = country + (sector or "")
    elif org:
        code = (sector or "") + org
    else:
        code = aid if _REGION_CODE.fullmatch(aid) else sector
    return [code, ev[f"{p}_name"], country, org, None, None, None, sector, None, None]


def _geo_type(kind: str | None, country: str | None, placed: bool) -> int | None:
    us = country == "USA"
    if kind == "country":
        return 1
    if kind in ("admin1", "admin2"):
        return 2 if us else 5
    if kind in ("city", "village", "facility") or (kind is None and placed):
        return 3 if us else 4
    return None  # a region, or a name without a point


@functools.cache
def _country_name(iso3: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return iso3
    return getattr(country, "common_name", None) or country.name


def _admin1_name(admin1: str | None) -> str | None:
    """The place's admin1 if it is a name: the gazetteer gives a bare code ("11", "ENG") when it has none."""
    return None if admin1 is None or _ADMIN_CODE.fullmatch(admin1) else admin1


def _action_geo(ev: dict[str, Any]) -> list[Any]:
    name = ev["place_name"] or ev["place_text"]
    if name is None:
        return [None] * 8
    kind, country, admin1 = ev["place_kind"], ev["place_country"], ev["place_admin1"]
    parts = [name]
    if kind not in ("country", "admin1") and _admin1_name(admin1):
        parts.append(admin1)
    if country and kind != "country":
        parts.append(_country_name(country))
    full_name = ", ".join(dict.fromkeys(parts))
    point = [ev["place_lat"], ev["place_lon"], ev["place_geonames_id"]]
    return [_geo_type(kind, country, point[0] is not None), full_name, country, None, None, *point]


def _gdelt_row(ev: dict[str, Any], gid: int, counts: tuple[int, int, int]) -> list[Any]:
    """One GDELT row; `counts` are NumMentions, NumSources, NumArticles."""
    day = _event_day(ev)
    dated = [None] * 4
    if day:
        fraction = f"{day.year + day.timetuple().tm_yday / 365:.4f}"
        dated = [
            f"{day.year:04d}{day.month:02d}{day.day:02d}",
            f"{day.year:04d}{day.month:02d}",
            day.year,
            fraction,
        ]
    start, first_break = ev["sentence_start"], ev["first_break"]
    root = start is not None and (not first_break or start < first_break - 1)
    cameo = ev["cameo"] or None
    coded = ev["coded_at"]
    return [
        gid,
        *dated,
        *_gdelt_actor(ev, "actor"),
        *_gdelt_actor(ev, "recipient"),
        int(root),
        cameo,
        cameo and cameo[:3],
        cameo and cameo[:2],
        ev["quad_class"],
        ev["goldstein"],
        *counts,
        None,
        *[None] * 16,  # Actor1Geo_*, Actor2Geo_*: eventwire places events, not actors
        *_action_geo(ev),
        coded.strftime("%Y%m%d%H%M%S") if coded else None,
        ev["url"] or ev["source"],
    ]


def _polecat_actor(ev: dict[str, Any], p: str) -> list[Any]:
    if ev[f"{p}_id"] is None:
        return [None] * 8
    name, sector = ev[f"{p}_name"], ev[f"{p}_sector"]
    return [name, ev[f"{p}_country"], None, sector, sector, ev[f"{p}_role"], ev[f"{p}_raw"] or name, None]


def _polecat_row(ev: dict[str, Any], story: dict[str, str]) -> list[Any]:
    day = _event_day(ev)
    kind, name, published = ev["place_kind"], ev["place_name"], ev["published"]
    return [
        f"{ev['article_id']}_{ev['event_id']}",
        day.isoformat() if day else None,
        ev["type"],
        ev["mode"],
        None,
        QUAD_NAMES.get(ev["quad_class"]),
        ",".join(ev["context"] or []),
        *_polecat_actor(ev, "actor"),
        *_polecat_actor(ev, "recipient"),
        name,
        name if kind in ("city", "village") else None,
        name if kind == "admin2" else None,
        name if kind == "admin1" else _admin1_name(ev["place_admin1"]),
        ev["place_country"],
        ev["place_lat"],
        ev["place_lon"],
        ev["place_geonames_id"],
        ev["place_text"],
        kind,
        ev["outlet"] or ev["url"] or ev["source"],
        published.isoformat() if published else None,
        story.get("people"),
        story.get("orgs"),
        story.get("places"),
        ev["language"],
        f"eventwire {__version__}",
    ]


# --- writing ----------------------------------------------------------------------------------------------
def _field(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return _BREAKS.sub(" ", str(value))


def _write(out: str | Path | TextIO | None, header: Sequence[str] | None, rows: Iterable[list[Any]]) -> int:
    if out is None or out == "-":
        fh, close = sys.stdout, False
    elif isinstance(out, str | Path):
        fh, close = open(out, "w", encoding="utf-8", newline=""), True  # noqa: SIM115
    else:
        fh, close = out, False
    n = 0
    try:
        writer = csv.writer(fh, delimiter="\t", quotechar='"', quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        if header is not None:
            writer.writerow(header)
        for row in rows:
            writer.writerow([_field(v) for v in row])
            n += 1
    finally:
        if close:
            fh.close()
    return n
