"""One reader per input format, all producing `Article` records.

Formats, chosen by extension (a trailing `.gz` is removed first and the content gunzipped):
  .txt .text           a page captured as plain text; cleaned by clean.py
  .html .htm .xhtml    an HTML page; main text and metadata by trafilatura (html.py)
  .jsonl .ndjson       one article per line: `text` or `html`; optional id, url, title, published, outlet,
                       byline
  directory            every file of those kinds below it, recursively, in sorted order
  -                    standard input, format sniffed from its first bytes

Reading never stops a batch: `read_articles` yields an `InputError` in place of each bad item and goes on.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import (
    BadJsonLine,
    EmptyInput,
    InputError,
    MissingPath,
    NoArticles,
    NoArticleText,
    NotEnglish,
    TooLarge,
    UndecodableInput,
)
from ..records import Article, Skipped
from .clean import clean_capture
from .decode import GZIP_MAGIC, InputWarning, decode, gunzip_limited, mb, normalize, read_limited
from .html import parse_html
from .language import foreign_language

TEXT_EXT = {".txt", ".text"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
JSON_EXT = {".json"}
WARC_EXT = {".warc"}
ARTICLE_EXT = TEXT_EXT | HTML_EXT | JSONL_EXT | JSON_EXT | WARC_EXT
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class ReadOptions:
    max_input_bytes: int = 20_000_000
    max_chars: int = 1_000_000
    encoding: str | None = None
    published: str | None = None  # a date given by the user, for every article of the run
    language: str = "en"


@dataclass
class Source:
    """One raw article before cleaning."""

    source: str
    kind: str  # "text" | "html"
    content: str
    item: str | None = None
    id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    byline: str | None = None
    encoding: str = "utf-8"


def read_articles(
    paths: Iterable[str], options: ReadOptions | None = None, skip: frozenset[tuple[str, str]] = frozenset()
) -> Iterator[Article | InputError | Skipped]:
    """Every article of the inputs, in order, with an InputError in place of each bad one; an input whose
    (id, content hash) is in `skip` is not cleaned at all and comes as a Skipped."""
    options = options or ReadOptions()
    for src in iter_sources(paths, options):
        if isinstance(src, InputError):
            yield src
            continue
        if skip:
            digest = content_hash(src.content, src.url)
            if (src.id or digest, digest) in skip:
                where = src.source if src.item is None else f"{src.source}:{src.item}"
                yield Skipped(where, src.id or digest)
                continue
        try:
            yield to_article(src, options)
        except InputError as exc:
            yield exc
        except Exception as exc:  # a bug in cleaning or extraction fails this input, not the batch
            yield InputError(
                src.source,
                f"could not be cleaned ({exc.__class__.__name__}: {exc})",
                "this is a bug in eventwire: please report it with the input",
                item=src.item,
            )


def iter_sources(paths: Iterable[str], options: ReadOptions) -> Iterator[Source | InputError]:
    for path in paths:
        if path == "-":
            yield from _guarded("-", lambda: _read_stdin(options))
            continue
        p = Path(path)
        if not p.exists():
            yield MissingPath(path, "does not exist", "check the path")
        elif p.is_dir():
            files = list(iter_article_files(p))
            left_out = [f for f in p.rglob("*.json") if f.is_file() and not _hidden(f, p)]
            if left_out:
                warnings.warn(
                    f"{path}: {len(left_out)} .json file(s) left out (a folder's .json files are often not "
                    f"articles, e.g. {left_out[0].name}); name them on the command line to code them",
                    InputWarning,
                    stacklevel=2,
                )
            if not files:
                yield NoArticles(
                    path,
                    "is a directory with no article files ("
                    + ", ".join(sorted(ARTICLE_EXT))
                    + ", or the same with .gz)",
                    "point to the files or add some",
                )
            for f in files:
                yield from _guarded(str(f), lambda f=f: _read_file(f, options))
        else:
            yield from _guarded(path, lambda p=p: _read_file(p, options))


def _guarded(source: str, read: Callable[[], Iterator[Source | InputError]]) -> Iterator[Source | InputError]:
    """Run one file's reader; an error stops that file only, never the batch."""
    try:
        yield from read()
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(
            source, f"cannot be read ({exc.strerror or exc})", "check that it is a readable file"
        )


def iter_article_files(folder: Path) -> Iterator[Path]:
    for f in sorted(folder.rglob("*")):
        # .json files are read only when named: a folder's .json files are often not articles
        if f.is_file() and not _hidden(f, folder) and kind_of(f.name) not in (None, "json"):
            yield f


def _hidden(f: Path, folder: Path) -> bool:
    return any(part.startswith(".") for part in f.relative_to(folder).parts)


def kind_of(name: str) -> str | None:
    """'text', 'html' or 'jsonl' from a file name, or None for other files."""
    suffixes = [s.lower() for s in Path(name).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    ext = suffixes[-1] if suffixes else ""
    if ext in TEXT_EXT:
        return "text"
    if ext in HTML_EXT:
        return "html"
    if ext in JSONL_EXT:
        return "jsonl"
    if ext in JSON_EXT:
        return "json"
    if ext in WARC_EXT:
        return "warc"
    return None


def _read_file(path: Path, options: ReadOptions) -> Iterator[Source | InputError]:
    source = str(path)
    kind = kind_of(path.name)
    if kind == "jsonl":
        yield from _read_jsonl_file(path, options)
        return
    if kind == "warc":
        from .warc import read_warc

        yield from read_warc(path, options)
        return
    data = read_limited(path, options.max_input_bytes, source)
    decoded = decode(data, source, options.encoding)
    if kind is None:  # an explicitly named file of unknown extension: sniff it
        kind = sniff(decoded.text)
        if kind == "jsonl":
            yield from _jsonl_lines(decoded.text.splitlines(), source, options)
            return
    if kind == "json" or (kind == "text" and _json_document(decoded.text) is not None):
        yield from _json_document_items(decoded.text, source)
        return
    yield Source(source=source, kind=kind, content=decoded.text, encoding=decoded.encoding)


def _json_document(text: str) -> Any:
    """The parsed JSON of a whole document ("{...}" or "[...]" over several lines), else None."""
    head = text.lstrip()[:1]
    if head not in ("{", "["):
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return None


def _json_document_items(text: str, source: str) -> Iterator[Source | InputError]:
    """A JSON document: one article object, or an array of them (each read as a JSON Lines line would be)."""
    obj = _json_document(text)
    if obj is None:
        yield BadJsonLine(source, "is not valid JSON", "fix it, or give one article per line as .jsonl")
        return
    items = obj if isinstance(obj, list) else [obj]
    if not items:
        yield NoArticles(source, "is an empty JSON array", "give objects with a 'text' or 'html' field")
        return
    for n, item in enumerate(items, start=1):
        try:
            yield _jsonl_source(json.dumps(item), source, f"{n}" if isinstance(obj, list) else None)
        except InputError as exc:
            yield exc


def _read_stdin(options: ReadOptions) -> Iterator[Source | InputError]:
    data = sys.stdin.buffer.read(options.max_input_bytes + 1)
    if data[:2] == GZIP_MAGIC:
        import io

        data = gunzip_limited(io.BytesIO(data), options.max_input_bytes, "-")
    if len(data) > options.max_input_bytes:
        raise TooLarge(
            "-",
            f"is over the {mb(options.max_input_bytes)} limit",
            "pass a JSON Lines file instead or raise --max-input-mb",
        )
    decoded = decode(data, "-", options.encoding)
    kind = sniff(decoded.text)
    if kind == "jsonl":
        yield from _jsonl_lines(decoded.text.splitlines(), "-", options)
    elif kind == "text" and _json_document(decoded.text) is not None:
        yield from _json_document_items(decoded.text, "-")
    else:
        yield Source(source="-", kind=kind, content=decoded.text, encoding=decoded.encoding)


def sniff(text: str) -> str:
    head = text.lstrip()[:2000].lower()
    if head.startswith("{"):
        first = head.split("\n", 1)[0]
        try:
            json.loads(text.lstrip().split("\n", 1)[0])
            return "jsonl"
        except json.JSONDecodeError:
            if first.rstrip().endswith("}"):
                return "jsonl"  # malformed JSON Lines: let the JSONL reader report the bad line
    if head.startswith(("<!doctype html", "<html", "<?xml")) or re.search(
        r"<(body|p|div|article)[\s>]", head
    ):
        return "html"
    return "text"


def _damaged_lines(fh: Any, source: str) -> Iterator[bytes | InputError]:
    """The file's lines; a damaged or truncated compressed file ends them with one error naming the line
    where reading stopped (the lines before it are kept: a batch never loses what it could read)."""
    import zlib

    lines = iter(fh)
    n = 0
    while True:
        try:
            raw = next(lines)
        except StopIteration:
            return
        except (OSError, EOFError, zlib.error) as exc:
            why = "it ends early" if isinstance(exc, EOFError) else f"{exc}"
            where = f"past line {n}" if n else "at all"
            yield UndecodableInput(
                source,
                f"cannot be read {where} ({why})",
                ("the lines before were read; " if n else "") + "re-compress the file or fetch it again",
                item=str(n + 1),
            )
            return
        n += 1
        yield raw


def _read_jsonl_file(path: Path, options: ReadOptions) -> Iterator[Source | InputError]:
    import gzip

    source = str(path)
    with open(path, "rb") as probe:
        gz = probe.read(2) == GZIP_MAGIC
    opener = gzip.open if gz else open
    n, damaged = 0, False
    with opener(path, "rb") as fh:
        for raw in _damaged_lines(fh, source):
            if isinstance(raw, InputError):  # the last item: reading stopped there
                damaged = True
                yield raw
                continue
            n += 1
            if len(raw) > options.max_input_bytes:
                yield TooLarge(
                    source,
                    f"is {mb(len(raw))}, over the {mb(options.max_input_bytes)} limit",
                    "split the article or raise --max-input-mb",
                    item=str(n),
                )
                continue
            try:
                line = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                yield BadJsonLine(
                    source, "is not UTF-8", "JSON Lines files must be UTF-8; re-encode the file", item=str(n)
                )
                continue
            yield from _jsonl_lines([line], source, options, first=n)
    if n == 0 and not damaged:
        yield EmptyInput(source, "is empty", "pass a file with one JSON article per line")


def _jsonl_lines(
    lines: list[str], source: str, options: ReadOptions, first: int = 1
) -> Iterator[Source | InputError]:
    for n, line in enumerate(lines, start=first):
        if not line.strip():
            continue
        try:
            yield _jsonl_source(line, source, str(n))
        except InputError as exc:
            yield exc


def _jsonl_source(line: str, source: str, item: str) -> Source:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadJsonLine(
            source,
            f"is not valid JSON ({exc.msg} at column {exc.colno})",
            "fix or remove the line",
            item=item,
        ) from None
    if not isinstance(obj, dict):
        raise BadJsonLine(
            source,
            f"is a JSON {type(obj).__name__}, not an object",
            "each line must be an object with a 'text' or 'html' field",
            item=item,
        )
    text, html = obj.get("text"), obj.get("html")
    if isinstance(html, str) and html.strip():
        kind, content = "html", html
    elif isinstance(text, str) and text.strip():
        kind, content = "text", text
    else:
        raise BadJsonLine(
            source,
            "has no 'text' or 'html' field with content",
            "give each line a non-empty 'text' or 'html' string",
            item=item,
        )
    if any(isinstance(v, str) and _SURROGATE.search(v) for v in obj.values()):
        warnings.warn(
            f"{source} line {item}: lone surrogate escapes (invalid Unicode) were replaced by U+FFFD",
            InputWarning,
            stacklevel=2,
        )
        obj = {k: _SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for k, v in obj.items()}
        content = _SURROGATE.sub("\ufffd", content)
    return Source(
        source=source,
        item=item,
        kind=kind,
        content=normalize(content),
        id=_str_or_none(obj.get("id")),
        url=_str_or_none(obj.get("url")),
        title=_str_or_none(obj.get("title")),
        published=_str_or_none(obj.get("published")),
        outlet=_str_or_none(obj.get("outlet")),
        byline=_str_or_none(obj.get("byline") or obj.get("author")),
    )


# A JSON "\ud800" escape with no partner decodes to a lone surrogate, which no encoder accepts.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _str_or_none(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return str(value).strip()


def content_hash(content: str, url: str | None = None) -> str:
    """Hash of the normalized input (whitespace folded) plus its URL: the same article always gets the same
    hash, whatever later versions of the cleaner make of it, so re-coding replaces rather than duplicates."""
    folded = " ".join(content.split())
    return hashlib.sha256(f"{url or ''}\n{folded}".encode()).hexdigest()[:16]


def to_article(src: Source, options: ReadOptions) -> Article:
    """Clean one raw source into an Article (metadata given by the input wins over what is inferred)."""
    where = dict(source=src.source, item=src.item)
    if src.kind == "html":
        parts = parse_html(src.content, src.url)
        if parts is None:
            raise NoArticleText(
                problem="has no article text in its HTML (malformed, or a page without prose)",
                fix="check that it is a news page, or pass its text as .txt",
                **where,
            )
        title, outlet, byline, published = parts.title, parts.outlet, parts.byline, parts.published
        date_lines: list[str] = []
        text, captions, removed, credits, url = (
            parts.text,
            parts.captions,
            parts.removed,
            parts.credits,
            parts.url,
        )
    else:
        cleaned = clean_capture(src.content)
        title, outlet, byline, published = cleaned.title, cleaned.outlet, cleaned.byline, None
        date_lines = cleaned.date_lines
        text, captions, removed, credits, url = (
            cleaned.body,
            cleaned.captions,
            cleaned.removed,
            cleaned.credits,
            src.url,
        )
    text = text.strip()
    if not text:
        raise NoArticleText(
            problem="has no article text left after removing page boilerplate",
            fix="check that it is an article",
            **where,
        )
    foreign = foreign_language(text, options.language)
    if foreign is not None:
        raise NotEnglish(
            problem=f"is written in {foreign}, not English: eventwire codes English articles only",
            fix="leave it out of the batch (other languages are not supported yet)",
            **where,
        )
    if len(text) > options.max_chars:
        raise TooLarge(
            problem=f"has {len(text):,} characters of text, over the {options.max_chars:,} limit",
            fix="split it into articles or raise --max-chars",
            **where,
        )
    given = options.published or _date_or_none(src.published)
    from_page = _date_or_none(published)
    published = given or from_page
    step = "given" if given else ("metadata" if from_page else None)
    digest = content_hash(src.content, src.url)
    return Article(
        id=src.id or digest,
        hash=digest,
        source=src.source if src.item is None else f"{src.source}:{src.item}",
        text=text,
        title=src.title or title,
        outlet=src.outlet or outlet,
        byline=src.byline or byline,
        credits=credits,
        published=published,
        published_inferred=False,
        language=options.language,
        captions=captions,
        removed=removed,
        url=src.url or url,
        published_step=step,
        date_lines=date_lines,
    )


# Publication dates outside these years are no dates of news (and would overflow the date arithmetic of
# relative expressions: "next week" from 9999-12-31); an input giving one is read as giving none.
MIN_YEAR, MAX_YEAR = 1000, 9000


def usable_date(value: str) -> bool:
    """A real calendar date YYYY-MM-DD between MIN_YEAR and MAX_YEAR."""
    from datetime import date

    try:
        day = date.fromisoformat(value)
    except ValueError:
        return False
    return MIN_YEAR <= day.year <= MAX_YEAR


def _date_or_none(value: str | None) -> str | None:
    """A YYYY-MM-DD date from an ISO date or timestamp; other formats are left to the time stage."""
    if not value:
        return None
    head = value.strip()[:10]
    return head if DATE_RE.match(head) and usable_date(head) else None
