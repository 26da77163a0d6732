"""The command line: thin click commands over api.py and store.py.

Library errors become one line on stderr and a non-zero exit; usage errors too (exit 2).
"""

from __future__ import annotations

import re
import sys
import textwrap
import urllib.parse
from pathlib import Path
from typing import Any

import click

from . import __version__, settings
from .errors import EventwireError
from .pipeline import Failure
from .records import Record, Skipped

EXIT_FAILED = 1
EXIT_USAGE = 2
PREVIEW_CHARS = 90


def _default(name: str) -> Any:
    return settings.SETTINGS[name].default


def _help(name: str) -> str:
    s = settings.SETTINGS[name]
    return f"{s.help} [default: {s.default}; env {s.env}]"


def _check_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise click.BadParameter(f"{value!r} is not a date like 2022-01-26")
    if value is not None:
        from .ingest.readers import MAX_YEAR, MIN_YEAR, usable_date

        if not usable_date(value):
            raise click.BadParameter(
                f"{value!r} is not a real calendar date between the years {MIN_YEAR} and {MAX_YEAR}"
            )
    return value


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(__version__, "--version", prog_name="eventwire")
def cli() -> None:
    """eventwire: news articles in, sourced event data out.

    \b
    Example:
      eventwire code samples/voa-2022-01-26-paris-talks.txt
      eventwire events --actor RUS --type ASSAULT
      eventwire export --format csv --table articles
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--json", "as_json", is_flag=True, help="print one JSON record per article (JSON Lines) on stdout"
)
@click.option("--db", default=lambda: settings.get("db"), show_default=False, help=_help("db"))
@click.option("--no-store", is_flag=True, help="do not write the DuckDB file")
@click.option(
    "--published",
    callback=_check_date,
    metavar="YYYY-MM-DD",
    help="publication date of every article of this run (overrides what the inputs say)",
)
@click.option(
    "--workers", type=click.IntRange(min=0), default=lambda: settings.get("workers"), help=_help("workers")
)
@click.option("--model", default=lambda: settings.get("model"), help=_help("model"))
@click.option("--encoding", default=None, help="read inputs with this encoding instead of detecting it")
@click.option(
    "--max-input-mb",
    type=click.IntRange(min=1),
    default=lambda: settings.get("max_input_mb"),
    help=_help("max_input_mb"),
)
@click.option(
    "--max-chars",
    type=click.IntRange(min=1),
    default=lambda: settings.get("max_chars"),
    help=_help("max_chars"),
)
@click.option(
    "--recode",
    is_flag=True,
    help="code again the articles the store already holds from the same content (skipped by default)",
)
@click.option("--explain", is_flag=True, help="show in the summary how each actor was resolved")
@click.option(
    "--progress",
    "progress_lines",
    is_flag=True,
    help="one status line (done/total, rate, time left) on stderr every 10 s, for logs and pipes",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default=lambda: settings.get("engine"),
    help=_help("engine"),
)
@click.option(
    "--address", default=None, metavar="HOST:PORT", help="with --engine ray: join this running Ray cluster"
)
@click.option(
    "--shards",
    default=None,
    type=click.Path(file_okay=False),
    help="with --engine ray: directory for the workers' Parquet shards (on storage all machines see) "
    "[default: a temporary directory]",
)
@click.option("-q", "--quiet", is_flag=True, help="no summary and no progress bar; errors are still printed")
def code(
    paths: tuple[str, ...],
    as_json: bool,
    db: str,
    no_store: bool,
    published: str | None,
    workers: int,
    model: str,
    encoding: str | None,
    max_input_mb: int,
    max_chars: int,
    recode: bool,
    explain: bool,
    progress_lines: bool,
    engine: str,
    address: str | None,
    shards: str | None,
    quiet: bool,
) -> None:
    """Code articles: read, clean, parse, extract, store, print.

    PATH is a .txt capture, an .html page, a .jsonl file (one article per line), any of those gzipped, a
    directory (read recursively), or - for standard input. Bad items are reported on stderr, recorded in
    the `failures` table, and skipped; the exit code is 1 when any item failed. Articles the store already
    holds, coded from the same content (same id and content hash), are skipped unless --recode (or --json).

    \b
    Examples:
      eventwire code samples/voa-2022-01-26-paris-talks.txt
      eventwire code articles/ --db news.duckdb --workers 4
      eventwire code feed.jsonl --json --no-store > records.jsonl
      cat page.html | eventwire code - --published 2022-01-26
      eventwire code articles/ --engine ray --workers 8                # a local Ray cluster
      eventwire code articles/ --engine ray --address head:6379 --shards /mnt/shared/shards
    """
    import time

    from . import nlp
    from .api import CodeOptions
    from .api import code_many as run

    started = time.monotonic()

    nlp.check(model)  # fail early, with the install hint, before reading anything (loaded when needed)
    store = None
    skip: frozenset[tuple[str, str]] = frozenset()
    stored_ids: dict[str, tuple[str, str]] = {}  # id -> (content hash, file) of the articles stored before
    if not no_store:
        from .store import Store

        store = Store(db)
        if not (recode or as_json):
            from .pipeline import pipeline_version

            skip = store.coded_articles(pipeline_version())
        stored_ids = store.article_files()
    options = CodeOptions.from_settings(
        model=model,
        workers=workers,
        max_input_mb=max_input_mb,
        max_chars=max_chars,
        encoding=encoding,
        published=published,
        skip=skip,
        engine=engine,
        address=address,
        shards=shards,
    )
    if (address or shards) and engine != "ray":
        raise click.UsageError("--address and --shards go with --engine ray")
    n_ok = n_failed = n_skipped = 0
    run_id = None
    writer = None
    try:
        if store is not None:
            from .pipeline import Pipeline, pipeline_version
            from .store import BackgroundWriter

            run_id = store.begin_run(
                pipeline_version(),
                nlp.describe(model),
                Pipeline(model).stage_names,
                {
                    "paths": list(paths),
                    "published": published,
                    "workers": options.worker_count,
                    "engine": options.engine,
                },
            )
            writer = BackgroundWriter(store, run_id, share=True)
        progress = _Progress(_count_articles(paths) if not quiet else None, progress_lines)
        coded: list[str] = []
        ids: dict[str, tuple[str, str]] = {}  # id -> (content hash, source) of this run's articles
        for outcome in run(paths, options):
            if isinstance(outcome, Record):
                outcome = _unique_id(outcome, ids, stored_ids)
            if isinstance(outcome, Skipped):
                n_skipped += 1
                continue
            if writer is not None:
                writer.put(outcome)
            if isinstance(outcome, Failure):
                n_failed += 1
                click.echo(f"eventwire: {outcome.reason}", err=True)
            else:
                n_ok += 1
                coded.append(outcome.article.id)
                if as_json:
                    click.echo(outcome.to_json())
                elif not quiet:
                    click.echo(summary(outcome, explain))
            progress.step(quiet)
        progress.close()
        if writer is not None:
            writer.close()
        if store is not None and run_id is not None:
            store.update_stories(coded)
            store.end_run(run_id, n_ok, n_failed)
            if not quiet:
                counts = store.counts()
                shown = ", ".join(
                    f"{t} {counts[t]}"
                    for t in (
                        "articles",
                        "actors",
                        "events",
                        "stories",
                        "quotes",
                        "times",
                        "places",
                        "failures",
                    )
                )
                click.echo(f"stored in {db}: {shown}", err=True)
    finally:
        if writer is not None:
            writer.close()  # what was queued is written, each article whole, even after an interrupt
        if store is not None:
            store.close()
    if not quiet or n_failed:
        skipped = f", {n_skipped} skipped (already coded from the same content; --recode codes them)"
        took = time.monotonic() - started
        rate = f" ({n_ok / took:.1f} articles/s)" if n_ok and took > 0 else ""
        click.echo(
            f"coded {n_ok} article(s), {n_failed} failed{skipped if n_skipped else ''} in {took:.1f} s{rate}",
            err=True,
        )
    if n_failed:
        sys.exit(EXIT_FAILED)


def _unique_id(
    record: Record, ids: dict[str, tuple[str, str]], stored: dict[str, tuple[str, str]]
) -> Record | Failure | Skipped:
    """Two different articles given the same id (two feeds numbering from 1) would replace each other in the
    store: the second is a failure naming the first, whether the first came in this run or an earlier one.
    The same article twice is skipped; a changed version from the same file replaces the stored one."""
    from .store import source_file

    a = record.article
    prior = stored.get(a.id)
    if prior is not None and prior[0] != a.hash and prior[1] != source_file(a.source):
        return Failure(
            a.source,
            None,
            f"{a.source}: id {a.id!r} is already stored from {prior[1]}, a different article; give each "
            "article its own id (prefix each feed's ids, say)",
            "E110",
        )
    seen = ids.get(a.id)
    if seen is None:
        ids[a.id] = (a.hash, a.source)
        return record
    if seen[0] == a.hash:
        return Skipped(a.source, a.id)
    return Failure(
        a.source,
        None,
        f"{a.source}: id {a.id!r} is already used in this run by {seen[1]}; give each article its own id "
        "(prefix each feed's ids, say)",
        "E110",
    )


class _Progress:
    """Progress on stderr: on a terminal a bar with the count, rate and (when the number of articles is known
    beforehand) the total and ETA, once a run has more than a handful of articles; elsewhere, with
    --progress, one status line every STATUS_SECONDS."""

    STATUS_SECONDS = 10.0

    def __init__(self, total: int | None, lines: bool) -> None:
        import time

        self.n = 0
        self.total = total
        self.lines = lines
        self.bar: Any = None
        self.threshold = int(settings.get("progress_min_articles"))
        self.started = self.last_line = time.monotonic()

    def step(self, quiet: bool) -> None:
        import time

        self.n += 1
        if quiet:
            return
        if self.lines:
            now = time.monotonic()
            if now - self.last_line >= self.STATUS_SECONDS:
                self.last_line = now
                click.echo(f"eventwire: {self._status(now)}", err=True)
            return
        if self.bar is None and self.n > self.threshold and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(initial=self.n, total=self.total, unit="article", file=sys.stderr, leave=False)
        elif self.bar is not None:
            self.bar.update(1)

    def _status(self, now: float) -> str:
        rate = self.n / max(now - self.started, 1e-9)
        done = f"{self.n:,}" + (f"/{self.total:,}" if self.total else "")
        line = f"{done} articles, {rate:.1f}/s"
        if self.total and rate > 0:
            line += f", about {max(0, self.total - self.n) / rate / 60:.0f} min left"
        return line

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _count_articles(paths: tuple[str, ...]) -> int | None:
    """How many items the inputs hold, when that is cheap to know (files of one article, plain JSON Lines);
    None for standard input and compressed feeds."""
    from .ingest.readers import iter_article_files, kind_of

    total = 0
    for path in paths:
        p = Path(path)
        files = list(iter_article_files(p)) if p.is_dir() else [p]
        for f in files:
            kind = kind_of(f.name)
            if path == "-" or f.name.endswith(".gz") or not f.is_file():
                return None
            if kind == "jsonl":
                with f.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            elif kind == "json":
                return None
            else:
                total += 1
    return total


def _preview(text: str, head: bool = True) -> str:
    flat = " ".join(text.split())
    if len(flat) <= PREVIEW_CHARS:
        return flat
    return (
        flat[:PREVIEW_CHARS].rsplit(" ", 1)[0] + " …"
        if head
        else "… " + flat[-PREVIEW_CHARS:].split(" ", 1)[1]
    )


def summary(record: Record, explain: bool = False) -> str:
    """The readable per-article summary printed by `eventwire code`."""
    a = record.article
    paragraphs = [p for p in a.text.split("\n\n") if p.strip()]
    published = a.published or "unknown"
    if a.published and a.published_step:
        published += f" ({a.published_step})"
    lines = [
        a.title or "(no title found)",
        f"  source     {a.source}",
        f"  id         {a.id}",
        f"  outlet     {a.outlet or '-'}",
        f"  byline     {a.byline or '-'}",
        f"  published  {published}",
        f"  credits    {'; '.join(a.credits) or '-'}",
    ]
    for caption in a.captions or ["-"]:
        wrapped = textwrap.wrap(" ".join(caption.split()), width=PREVIEW_CHARS) or ["-"]
        lines.append(f"  caption    {wrapped[0]}")
        lines += [f"             {rest}" for rest in wrapped[1:]]
    lines += [
        f"  body       {len(a.text.split())} words in {len(paragraphs)} paragraphs",
        f"             starts: {_preview(a.text)}",
        f"             ends:   {_preview(a.text, head=False)}",
        f"  removed    {len(a.removed)} lines",
    ]
    lines += [f"             - {_wrap(line, 80)}" for line in a.removed]
    lines.append(f"  actors     {len(record.actors)}")
    for actor in record.actors:
        code = "/".join(x for x in (actor.country or actor.org or actor.id, actor.sector) if x)
        role = f", {actor.role}" if actor.role and actor.role not in actor.name.lower() else ""
        lines.append(f"             {code:10s} {actor.name}{role} ({len(actor.mentions)} mention(s))")
        if explain:
            lines += [f"                        via {how}" for how in actor.how]
    lines += _events_table(record, explain)
    lines.append(f"  quotes     {len(record.quotes)}")
    names = {a.id: a.name for a in record.actors}
    for q in record.quotes:
        who = names.get(q.speaker or "", q.speaker_text or "?")
        if q.speaker_text and q.speaker_text != who and q.speaker_text.lower() in ("he", "she", "they"):
            who = f"{who} ({q.speaker_text})"
        when = q.date.value if q.date and q.date.value else "-"
        mark = "“{}”" if q.direct else "{} (reported)"
        lines.append(f"             {who} [{q.cue or '-'}, {when}]: " + mark.format(_wrap(q.text, 70)))
    resolved = [p for p in record.places if p.lat is not None]
    in_captions = [p for p in record.caption_places if p.lat is not None]
    more = f", and {len(in_captions)} placed in captions" if in_captions else ""
    lines.append(f"  places     {len(record.places)} ({len(resolved)} placed){more}")
    seen = set()
    for p in resolved + in_captions:
        if p.name not in seen:
            seen.add(p.name)
            where = " [caption]" if p.caption is not None else ""
            lines.append(f"             {p.name} ({p.kind}, {p.country}) {p.lat:.3f}, {p.lon:.3f}{where}")
    if record.times:
        shown = ", ".join(f"{t.text}={t.value or '?'}" for t in record.times[:12])
        more = f" (+{len(record.times) - 12})" if len(record.times) > 12 else ""
        lines.append(f"  times      {len(record.times)}: {shown}{more}")
    return "\n".join(lines) + "\n"


def _events_table(record: Record, explain: bool) -> list[str]:
    """Events that count (asserted, planned) first, then the others with their status."""
    from .store import COUNTED_STATUSES

    codes = {
        a.id: (a.country or a.org or a.id) + (f"/{a.sector}" if a.sector and a.country else "")
        for a in record.actors
    }
    counted = [e for e in record.events if e.status in COUNTED_STATUSES]
    places = {p.id: f"{p.name or p.text} ({p.country or '?'})" for p in record.places}
    lines = [
        f"  events     {len(counted)} counted, {len(record.events) - len(counted)} not counted "
        "(negated, conditional, hypothetical)"
    ]
    for e in sorted(record.events, key=lambda e: (e.status not in COUNTED_STATUSES, e.trigger.span[0])):
        who = ",".join(codes.get(a, a) for a in e.actors) or "?"
        whom = ",".join(codes.get(r, r) for r in e.recipients) or "-"
        when = e.date.value if e.date and e.date.value else "-"
        kind = e.type + (f"/{e.mode}" if e.mode else "")
        where = places.get(e.place or "", "-")
        lines.append(
            f"             {kind:18s} {who} -> {whom}  [{e.status}, {when}, {where}]  "
            f"“{_wrap(e.trigger.text, 40)}”"
        )
        if explain:
            lines.append(
                f"                        rule {e.rule}, CAMEO {e.cameo}, Goldstein {e.goldstein}, "
                f"confidence {e.confidence}" + (f", in quote {e.quote}" if e.quote else "")
            )
    return lines


def _wrap(text: str, width: int = 90) -> str:
    flat = " ".join(text.split())
    return textwrap.shorten(flat, width=width, placeholder=" …")


@cli.command()
@click.option("--db", default=lambda: settings.get("db"), help=_help("db"))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet", "gdelt", "polecat"]),
    default="jsonl",
    show_default=True,
    help="gdelt: the GDELT 2.0 event table; polecat: POLECAT-style PLOVER (docs/EXPORTS.md)",
)
@click.option(
    "--table",
    default=None,
    help="records (full JSON records, jsonl only), articles, actors, events, quotes, times, places, "
    "failures or runs [default: records for jsonl, events otherwise]",
)
@click.option("-o", "--output", default="-", show_default=True, help="output file; - is stdout")
@click.option(
    "--all-statuses",
    is_flag=True,
    help="include negated, hypothetical and conditional events (left out by default)",
)
@click.option("--header", is_flag=True, help="gdelt: write the column names first (GDELT's files have none)")
def export(db: str, fmt: str, table: str | None, output: str, all_statuses: bool, header: bool) -> None:
    """Export the store as JSON Lines, CSV or Parquet, or its events in GDELT or POLECAT layout.

    \b
    Examples:
      eventwire export --format jsonl > records.jsonl
      eventwire export --format csv --table articles -o articles.csv
      eventwire export --format parquet --table events -o events.parquet
      eventwire export --format gdelt -o events.gdelt.tsv
      eventwire export --format polecat -o events.polecat.tsv
    """
    from .store import Store

    if output != "-":
        target = Path(output)
        if target.is_dir():
            raise EventwireError(f"{output}: is a directory", "give -o a file name, e.g. -o events.csv")
        if not target.parent.is_dir():
            raise EventwireError(
                f"{output}: its directory {target.parent} does not exist", "create it or give -o another path"
            )
    if fmt in ("gdelt", "polecat"):
        if table not in (None, "events"):
            raise click.BadParameter(f"{fmt} exports events only", param_hint="--table")
        from . import interop

        with Store(db, read_only=True) as store:
            if fmt == "gdelt":
                n = interop.write_gdelt(store.con, output, header=header, all_statuses=all_statuses)
            else:
                n = interop.write_polecat(store.con, output, all_statuses=all_statuses)
        click.echo(f"exported {n} event row(s) in {fmt} layout from {db}", err=True)
        return
    table = table or ("records" if fmt == "jsonl" else "events")
    with Store(db, read_only=True) as store:
        n = store.export(fmt, table, None if output == "-" else output, all_statuses)
    click.echo(f"exported {n} row(s) of {table} from {db}", err=True)


@cli.command()
@click.argument("feeds", nargs=-1, required=True, metavar="FEED_URL...")
@click.option(
    "-o", "--output", default="-", show_default=True, help="JSON Lines file of the pages; - is stdout"
)
@click.option(
    "--max-pages", type=click.IntRange(min=1), default=500, show_default=True, help="cap of one run"
)
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="seconds between two requests to one host",
)
@click.option(
    "--timeout", type=click.FloatRange(min=1), default=15.0, show_default=True, help="seconds per request"
)
def fetch(feeds: tuple[str, ...], output: str, max_pages: int, delay: float, timeout: float) -> None:
    """Fetch the pages that RSS or Atom feeds link to, politely, as JSON Lines for `eventwire code`.

    Each request names eventwire as its user agent, waits for its host's delay, obeys the host's robots.txt,
    and is retried with backoff after timeouts and server errors; a page that cannot be fetched is one line
    on stderr. The lines hold id, url, title, published (the item's date) and html.

    \b
    Examples:
      eventwire fetch https://news.example/rss.xml -o pages.jsonl && eventwire code pages.jsonl
      eventwire fetch https://a.example/feed https://b.example/atom.xml --max-pages 50 | eventwire code -
    """
    from .ingest.fetch import FetchOptions, fetch_feeds, write_jsonl

    for url in feeds:
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise click.BadParameter(f"{url!r} is not an http(s) address", param_hint="FEED_URL")
    options = FetchOptions(timeout=timeout, host_delay=delay, max_pages=max_pages)
    pages = fetch_feeds(list(feeds), options, lambda line: click.echo(f"eventwire: {line}", err=True))
    if output == "-":
        n = write_jsonl(pages, click.get_text_stream("stdout"))
    else:
        target = Path(output)
        if target.is_dir() or not target.parent.is_dir():
            raise EventwireError(
                f"{output}: cannot be written here", "give -o a file in an existing directory"
            )
        with target.open("w", encoding="utf-8") as fh:
            n = write_jsonl(pages, fh)
    click.echo(f"fetched {n} page(s)", err=True)


@cli.group()
def actors() -> None:
    """The actor knowledge base.

    \b
    Example:
      eventwire actors lookup "Lavrov" --date 2022-01-26
    """


@actors.command("lookup")
@click.argument("name")
@click.option(
    "--date",
    "on",
    callback=_check_date,
    metavar="YYYY-MM-DD",
    help="resolve offices as they were on this day [default: today]",
)
def actors_lookup(name: str, on: str | None) -> None:
    """Print what NAME resolves to: person (office on that date), organization, country or region.

    \b
    Examples:
      eventwire actors lookup "Lavrov" --date 2022-01-26
      eventwire actors lookup "the Kremlin"
      eventwire actors lookup "Zelenskyy" --date 2019-06-01
    """
    from datetime import date

    from .lookups.kb import load_kb

    kb = load_kb()
    day = date.fromisoformat(on) if on else date.today()
    found = kb.lookup(name, day)
    if not found:
        click.echo(f"eventwire: {name!r}: not in the actor knowledge base", err=True)
        sys.exit(EXIT_FAILED)
    for r in found:
        parts = [f"{r.kind:8s} {r.id}", r.name, f"country={r.country or '-'}", f"sector={r.sector or '-'}"]
        if r.org:
            parts.append(f"org={r.org}")
        if r.role:
            parts.append(f"role={r.role}")
        click.echo("  ".join(parts) + f"\n         via {r.how}")


@cli.group()
def places() -> None:
    """The gazetteer of places.

    \b
    Example:
      eventwire places lookup "Kharkiv"
    """


@places.command("lookup")
@click.argument("name")
@click.option("--country", default=None, metavar="ISO3", help="prefer places in this country")
def places_lookup(name: str, country: str | None) -> None:
    """Print the gazetteer's candidates for NAME, best first.

    \b
    Examples:
      eventwire places lookup "Kharkiv"
      eventwire places lookup "Paris" --country USA
    """
    from .places.common import lookup

    found = lookup(name, country)
    if not found:
        click.echo(f"eventwire: {name!r}: not in the gazetteer", err=True)
        sys.exit(EXIT_FAILED)
    for candidate in found[:15]:
        click.echo(candidate.describe())


@places.command("explain")
@click.argument("text")
def places_explain(text: str) -> None:
    """Code TEXT and list, for each place name, the gazetteer entries it may denote with their weights and
    the features behind them, the entry chosen (*) and the rule that decided.

    \b
    Examples:
      eventwire places explain "Flooding closed roads in Athens and Monroe, and Walton County schools."
      EVENTWIRE_PLACE_RANKER=off eventwire places explain "Talks opened in Paris on Monday."
    """
    from .api import code_with_doc
    from .places.explain import explain

    click.echo("\n".join(explain(text, lambda t: code_with_doc(t)[0])))


PLACES_PHASES = ["recognise", "place-or-actor", "candidates", "rank", "second-look"]  # places/rules.py PHASES


@places.command("rules")
@click.option("--phase", type=click.Choice(PLACES_PHASES), help="only the rules of this phase")
def places_rules(phase: str | None) -> None:
    """List the rules of the places stage: id, phase, what it does and an example. Switch rules off by id
    with EVENTWIRE_PLACES_RULES_OFF to measure what they buy (scripts/ablate_places.py does it for each).

    \b
    Examples:
      eventwire places rules
      eventwire places rules --phase rank
      EVENTWIRE_PLACES_RULES_OFF=place.locative eventwire places explain "Talks opened in Paris."
    """
    from .places.rules import load_all

    for r in load_all().values():
        if phase is None or r.phase == phase:
            click.echo(f"{r.id}  [{r.phase}]\n    {r.doc}\n    e.g. {r.example}")


@cli.group()
def gazetteer() -> None:
    """The offline gazetteer behind places.

    \b
    Example:
      eventwire gazetteer import allCountries.txt
    """


@gazetteer.command("import")
@click.argument("dump", type=click.Path(exists=True, dir_okay=False))
def gazetteer_import(dump: str) -> None:
    """Import a GeoNames dump (allCountries.txt format); place resolution then uses it too.

    \b
    Example:
      eventwire gazetteer import allCountries.txt
    """
    from .places.gazetteer import import_geonames

    click.echo(f"imported {import_geonames(dump)} places from {dump}", err=True)


@cli.group("eval")
def eval_group() -> None:
    """Score eventwire against gold files.

    \b
    Examples:
      eventwire eval plover ../shared/eval/plover-gsr-dev.jsonl
      eventwire eval article gold.json samples/voa-2022-01-26-paris-talks.txt
    """


@eval_group.command("plover")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--misses", default=30, show_default=True, help="how many misclassified sentences to list")
def eval_plover(gold: str, misses: int) -> None:
    """Code each PLOVER gold sentence; print type accuracy, actor and recipient F1, confusions, misses.

    \b
    Example:
      eventwire eval plover ../shared/eval/plover-gsr-dev.jsonl --misses 10
    """
    from .api import code_with_doc
    from .evaluate import evaluate_plover

    report = evaluate_plover(gold, lambda text, id_: code_with_doc(text, id=id_))
    click.echo("\n".join(report.lines(misses)))


@eval_group.command("article")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("article")
def eval_article(gold: str, article: str) -> None:
    """Score one article against a hand-made gold file (required, acceptable, forbidden events; quotes).

    \b
    Example:
      eventwire eval article ../shared/corpus/voa-2022-01-26-paris-talks.gold.json \\
          samples/voa-2022-01-26-paris-talks.txt
    """
    from .api import code_file
    from .evaluate import evaluate_article, read_article_gold

    lines = evaluate_article(read_article_gold(gold), code_file(article))
    click.echo("\n".join(lines))
    if not lines[-1].startswith("RESULT all"):
        sys.exit(EXIT_FAILED)


@cli.group("train")
def train_group() -> None:
    """Train eventwire's learned components from annotated data."""


@train_group.command("events")
@click.option(
    "--data",
    default="annotation/events.jsonl",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="annotated sentences (JSON Lines: sid, split, context, text, events; see annotation/DATA-CARD.md)",
)
@click.option(
    "--out",
    default=None,
    type=click.Path(dir_okay=False),
    help="where to write the model [default: the package's own events/model/events.npz]",
)
@click.option("--seed", default=0, show_default=True, help="random seed of the solver")
@click.option(
    "--thresholds",
    default="drop=0.85,retype=0.5,propose=0.5",
    show_default=True,
    help="decision thresholds that replace the ones tuned on the dev sentences ('' keeps the tuned ones); "
    "the default is what the dev articles chose (README, Events)",
)
@click.option(
    "--c-reg",
    default="1.0",
    show_default=True,
    help="inverse strength of the L2 penalty, or 'grid' to choose it on the dev sentences from 0.3, 1 and 3; "
    "the default is what the dev articles, sentences and PLOVER half chose (README, Events)",
)
@click.option(
    "--model", "model_name", default=None, help="spaCy pipeline to parse with [default: setting model]"
)
def train_events(
    data: str, out: str | None, seed: int, thresholds: str, c_reg: str, model_name: str | None
) -> None:
    """Fit the event classifier on the train split, choose its thresholds on the dev split and print the
    dev and test figures beside the lexicon alone. The same data and seed give the same model.

    \b
    Example:
      eventwire train events --data annotation/events.jsonl --out /tmp/events.npz
      EVENTWIRE_EVENT_MODEL=/tmp/events.npz eventwire code article.txt
    """
    import json

    from .events import learned
    from .events.train import C_GRID, train

    target = Path(out) if out else Path(learned.__file__).with_name("model") / learned.MODEL_FILE
    if not Path(data).is_file():
        raise EventwireError(f"{data}: no such file", "give the annotated sentences with --data")
    fixed: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in thresholds.split(","))):
        name, _, value = part.partition("=")
        try:
            fixed[name.strip()] = float(value)
        except ValueError:
            raise click.BadParameter(f"{part!r} is not name=number", param_hint="--thresholds") from None
        if name.strip() not in ("drop", "retype", "propose"):
            raise click.BadParameter(f"{name!r} is not drop, retype or propose", param_hint="--thresholds")
    try:
        c_grid = C_GRID if c_reg.strip() == "grid" else (float(c_reg),)
    except ValueError:
        raise click.BadParameter(f"{c_reg!r} is not a number or 'grid'", param_hint="--c-reg") from None
    if min(c_grid) <= 0:
        raise click.BadParameter(f"{c_reg!r} must be above 0", param_hint="--c-reg")
    report = train(
        Path(data),
        target,
        seed=seed,
        model_name=model_name or settings.get("model"),
        log=lambda m: click.echo(m, err=True),
        thresholds=fixed,
        c_grid=c_grid,
    )
    target.with_suffix(".report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    click.echo(f"wrote {target} ({target.stat().st_size // 1024} KB) and its report")
    for split in ("dev", "test"):
        for kind in ("rules_only", "model"):
            r = report[f"{split}_{kind}"]
            click.echo(
                f"{split:4s} {kind:10s} typed-trigger precision {r['precision']:.3f} "
                f"recall {r['recall']:.3f} F1 {r['f1']:.3f} ({r['gold']} gold)"
            )


@train_group.command("places")
@click.argument("corpora", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--out",
    default=None,
    type=click.Path(dir_okay=False),
    help="where to write the ranker [default: the package's own places/model/ranker.json]",
)
@click.option("--c-reg", default=10.0, show_default=True, help="inverse strength of the L2 penalty")
@click.option(
    "--model", "model_name", default=None, help="spaCy pipeline to parse with [default: setting model]"
)
def train_places(corpora: tuple[str, ...], out: str | None, c_reg: float, model_name: str | None) -> None:
    """Fit the ranker of place names' gazetteer entries on corpora of GeoNames-labelled toponyms and print
    its cross-validated accuracy (by article) beside the hand-set weights' on the same choices.

    Each CORPUS is an input file of {id, text} lines with a -gold file beside it ({id, toponyms: [{text,
    span, geonames_id, lat, lon}]}), named like places-lgl-input.jsonl and places-lgl-gold.jsonl.

    \b
    Example (the packaged ranker; ../shared/eval holds the corpora):
      eventwire train places ../shared/eval/places-{lgl,trnews,dev}-input.jsonl
      EVENTWIRE_PLACE_RANKER=off eventwire code article.txt   # the hand-set weights instead
    """
    from .places import rank
    from .places.train import train

    target = Path(out) if out else Path(rank.__file__).with_name("model") / rank.MODEL_FILE
    about = train([Path(c) for c in corpora], target, c_reg, model_name or settings.get("model"))
    click.echo(f"wrote {target}: {about['choices']} choices of {about['articles']} articles")
    for corpus, r in about["cross_validation"].items():
        click.echo(
            f"{corpus:16s} {r['choices']:5d} choices  right: hand-set weights {r['rules']:.3f}  "
            f"learned {r['learned']:.3f} (cross-validated by article)"
        )


@train_group.command("titles")
@click.argument("captures", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--subset",
    "subsets",
    multiple=True,
    help="learn from the dev pages of this subset of lines that carry a `subset` field (repeatable); lines "
    "without one are all used",
)
@click.option(
    "--out",
    default=None,
    type=click.Path(dir_okay=False),
    help="where to write the ranker [default: the package's own ingest/model/titles.json]",
)
@click.option("--c-reg", default=1.0, show_default=True, help="inverse strength of the L2 penalty")
def train_titles(captures: tuple[str, ...], subsets: tuple[str, ...], out: str | None, c_reg: float) -> None:
    """Fit the ranker of a page capture's title lines on captures with gold titles and print its
    cross-validated accuracy (by page) beside the hand-set score's on the same pages.

    Each CAPTURES file holds {id, text, title} lines (a naive scraper's text of a news page and its
    headline). A line with a `subset` field is used only when --subset names it, and never when it is
    in the fixed test third of its file.

    \b
    Example (the packaged ranker; ../shared/eval holds the captures):
      eventwire train titles ../shared/eval/captures-dev.jsonl ../shared/eval/captures-wceb.jsonl \\
          --subset readability
      EVENTWIRE_TITLE_RANKER=off eventwire code page.txt   # the hand-set score instead
    """
    from .ingest import title
    from .ingest.title_train import train

    target = Path(out) if out else Path(title.__file__).with_name("model") / title.MODEL_FILE
    about = train([Path(c) for c in captures], list(subsets), target, c_reg)
    click.echo(f"wrote {target}: {about['pages']} pages")
    for source, r in about["cross_validation"].items():
        click.echo(
            f"{source:16s} {r['pages']:4d} pages  title right: hand-set score {r['rules']:.3f}  "
            f"learned {r['learned']:.3f} (cross-validated by page)"
        )


def _add_query_commands() -> None:
    from .cli_query import COMMANDS

    for command in COMMANDS:
        cli.add_command(command)


_add_query_commands()


def _warning_line(message, category, *_args, **_kwargs) -> None:
    """Warnings about repaired inputs as one line on stderr, like errors."""
    click.echo(f"eventwire: warning: {message}", err=True)


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C: what is queued is stored, each article whole, and the workers stop."""


def _terminate(_signum: int, _frame: object) -> None:
    raise Terminated


def main(argv: list[str] | None = None) -> None:
    """Entry point: one-line errors instead of tracebacks."""
    import signal
    import warnings

    warnings.showwarning = _warning_line
    signal.signal(signal.SIGTERM, _terminate)
    try:
        code_ = cli.main(args=argv, prog_name="eventwire", standalone_mode=False)
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx else "eventwire"
        click.echo(f"{where}: {exc.format_message()} (see '{where} --help')", err=True)
        sys.exit(EXIT_USAGE)
    except click.Abort as exc:  # click's form of KeyboardInterrupt (and so of SIGTERM)
        if isinstance(exc.__context__, Terminated):
            click.echo("eventwire: terminated", err=True)
            sys.exit(143)
        click.echo("eventwire: interrupted", err=True)
        sys.exit(130)
    except EventwireError as exc:
        click.echo(f"eventwire: {exc}", err=True)
        sys.exit(EXIT_FAILED)
    except Terminated:
        click.echo("eventwire: terminated", err=True)
        sys.exit(143)
    except KeyboardInterrupt:
        click.echo("eventwire: interrupted", err=True)
        sys.exit(130)
    sys.exit(code_ if isinstance(code_, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
