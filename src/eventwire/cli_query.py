"""Query commands of the command line (`events`, `dyads`, `quotes`, `show`, `sql`): thin click commands over
query.py. Output pipes cleanly: `--format json` is JSON Lines, `csv` has one header row, `table` is for the
terminal (cells cut to fit; no colour when piped)."""

from __future__ import annotations

import csv
import datetime
import json
import shutil
import sys
from typing import Any

import click

from . import query, settings
from .store import COUNTED_STATUSES, Store

STATUSES = ("asserted", "planned", "negated", "hypothetical", "conditional", "generic")
TABLE_EVENT_COLUMNS = ("date", "type", "actor", "recipient", "trigger", "place", "articles", "article_id")
MAX_CELL = 48


def _db_option(f):
    return click.option("--db", default=lambda: settings.get("db"), help="the DuckDB file to read")(f)


def _format_option(f):
    return click.option(
        "--format", "fmt", type=click.Choice(query.FORMATS), default="table", show_default=True
    )(f)


def _limit_option(f):
    return click.option(
        "--limit",
        type=click.IntRange(min=0),
        default=100,
        show_default=True,
        help="at most this many rows; 0: all",
    )(f)


def _value(v: Any) -> Any:
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return v


def emit(names: list[str], rows: list[tuple], fmt: str, table_columns: tuple[str, ...] | None = None) -> None:
    """Print rows as a table, JSON Lines or CSV on stdout."""
    out = click.get_text_stream("stdout")
    if fmt == "json":
        for r in rows:
            out.write(
                json.dumps({n: _value(v) for n, v in zip(names, r, strict=True)}, ensure_ascii=False) + "\n"
            )
        return
    if fmt == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(names)
        w.writerows([[_value(v) for v in r] for r in rows])
        return
    keep = [i for i, n in enumerate(names) if table_columns is None or n in table_columns]
    if not rows:
        click.echo("(no rows)", err=True)
        return
    cells = [[_cell(r[i]) for i in keep] for r in rows]
    heads = [names[i] for i in keep]
    widths = [max(len(h), *(len(c[k]) for c in cells)) for k, h in enumerate(heads)]
    width = shutil.get_terminal_size((160, 24)).columns
    while sum(widths) + 2 * len(widths) > width and max(widths) > 12:
        widths[widths.index(max(widths))] -= 1  # shrink the widest column until the table fits
    line = "  ".join(h.ljust(w)[:w] for h, w in zip(heads, widths, strict=True))
    click.echo(click.style(line.rstrip(), bold=True))
    for c in cells:
        click.echo("  ".join(_fit(x, w) for x, w in zip(c, widths, strict=True)).rstrip())
    click.echo(f"({len(rows)} row{'s' if len(rows) != 1 else ''})", err=True)


def _cell(v: Any) -> str:
    v = _value(v)
    if v is None:
        return ""
    text = " ".join(str(v).split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _fit(text: str, width: int) -> str:
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


def _open(db: str) -> Store:
    return Store(db, read_only=True)


@click.command("events")
@_db_option
@click.option("--actor", help="the acting party: a code (RUS, NATO) or words of a name (Putin)")
@click.option("--recipient", help="the party acted on: a code or words of a name")
@click.option("--party", help="either side: a code or words of a name")
@click.option("--country", metavar="ISO3", help="a party of this country, on either side")
@click.option("--type", "etype", metavar="TYPE", help="PLOVER event type (ASSAULT, PROTEST, ...)")
@click.option("--mode", help="PLOVER mode (e.g. aerial, protest-demo)")
@click.option(
    "--status",
    type=click.Choice(STATUSES),
    multiple=True,
    help=f"statuses to show (repeatable) [default: {', '.join(COUNTED_STATUSES)}]",
)
@click.option("--quad", type=click.IntRange(1, 4), help="quad class: 1 verbal coop., 2 material coop., 3, 4")
@click.option("--since", metavar="YYYY-MM-DD", help="on or after this date")
@click.option("--until", metavar="YYYY-MM-DD", help="on or before this date")
@click.option("--place", help="words of a place name, or an ISO3 country of the place")
@click.option("--text", help="words in the evidence sentence")
@click.option("--article", metavar="ID", help="events of one article")
@click.option("--sort", type=click.Choice(list(query.SORTS)), default="date", show_default=True)
@click.option(
    "--each",
    is_flag=True,
    help="one row per article's event; by default a happening several articles report is one row (its "
    "story), with the number of articles",
)
@_limit_option
@_format_option
def events_command(
    db: str, etype: str | None, status: tuple[str, ...], limit: int, fmt: str, **kw: Any
) -> None:
    """Events in the store, with filters. A happening reported by several articles is one row, with its
    article count (`articles`) and independent sources (`sources`); --each lists every article's event.

    \b
    Examples:
      eventwire events --actor RUS --since 2006-01-01 --type ASSAULT
      eventwire events --party Putin --format json | jq .sentence
      eventwire events --country UKR --quad 4 --sort -date --limit 20
      eventwire events --text "ceasefire" --format csv > ceasefire.csv
    """
    _check_dates(kw.get("since"), kw.get("until"))
    f = query.EventFilter(type=etype, status=status or COUNTED_STATUSES, limit=limit or None, **kw)
    with _open(db) as store:
        names, rows = query.events(store.con, f)
    emit(names, rows, fmt, TABLE_EVENT_COLUMNS)


@click.command("dyads")
@_db_option
@click.option("--period", type=click.Choice(query.PERIODS), default="month", show_default=True)
@click.option("--actor", help="the acting party: a code or words of a name")
@click.option("--recipient", help="the party acted on: a code or words of a name")
@click.option("--since", metavar="YYYY-MM-DD", help="on or after this date")
@click.option("--until", metavar="YYYY-MM-DD", help="on or before this date")
@_format_option
def dyads_command(db: str, period: str, fmt: str, **kw: Any) -> None:
    """Counts and mean Goldstein score per actor pair and period (counted statuses only).

    \b
    Examples:
      eventwire dyads --period year
      eventwire dyads --actor RUS --recipient UKR --period week --format csv
    """
    _check_dates(kw.get("since"), kw.get("until"))
    with _open(db) as store:
        names, rows = query.dyads(store.con, period, query.EventFilter(limit=None, **kw))
    emit(names, rows, fmt)


@click.command("quotes")
@_db_option
@click.option("--speaker", help="words of the speaker's name (or of the words naming the speaker)")
@click.option("--text", help="words in the quotation")
@_limit_option
@_format_option
def quotes_command(db: str, speaker: str | None, text: str | None, limit: int, fmt: str) -> None:
    """Quotations with their speakers, newest first.

    \b
    Examples:
      eventwire quotes --speaker Peskov
      eventwire quotes --text sanctions --format json
    """
    with _open(db) as store:
        names, rows = query.quotes(store.con, speaker, text, limit or None)
    emit(names, rows, fmt, ("date", "speaker", "text", "article_id"))


@click.command("sql")
@_db_option
@click.argument("statement")
@_format_option
def sql_command(db: str, statement: str, fmt: str) -> None:
    """Run DuckDB SQL on the store (read-only). Tables: articles, actors, events, quotes, times, places,
    failures, runs.

    \b
    Examples:
      eventwire sql "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC"
      eventwire sql "SELECT id, title FROM articles LIMIT 5" --format csv
    """
    with _open(db) as store:
        names, rows = query.sql(store.con, statement)
    emit(names, rows, fmt)


@click.command("show")
@_db_option
@click.argument("article_id")
def show_command(db: str, article_id: str) -> None:
    """One article with its facts highlighted: actors, event triggers, quotes and places.

    \b
    Example:
      eventwire show wikinews-106149 | less -R
    """
    from .show import render

    with _open(db) as store:
        record = query.article(store.con, article_id)
    color = sys.stdout.isatty() or None
    click.echo(render(record), color=color)


def _check_dates(*values: str | None) -> None:
    for v in values:
        if v is None:
            continue
        try:
            datetime.date.fromisoformat(v)
        except ValueError:
            raise click.BadParameter(f"{v!r} is not a date like 2022-01-26") from None


@click.command("serve")
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True)
def serve_command(db: str, host: str, port: int) -> None:
    """The dashboard: a local web app over the store (read-only, offline): events with filters, the
    timeline of a pair of actors, the map of event places, articles with their facts highlighted, quotes by
    speaker. docs/DASHBOARD.md describes it.

    \b
    Examples:
      eventwire serve --db news.duckdb          # then open http://127.0.0.1:8765/
      eventwire serve --db news.duckdb --port 9000
    """
    from .errors import EventwireError
    from .serve.server import run

    _open(db).close()  # one clear line when the store is missing or not a database
    try:
        run(db, host, port)
    except OSError as exc:
        raise EventwireError(
            f"cannot listen on {host}:{port} ({exc.strerror or exc})", "choose another --port or --host"
        ) from None


COMMANDS = (events_command, dyads_command, quotes_command, sql_command, show_command, serve_command)
