"""Web archives: the HTML pages of a WARC file (plain or gzipped; warcio, imported here only).

Every `response` record whose HTTP status is 200 and whose content type is HTML becomes one article source,
with the record's target URI as its URL; other records (requests, metadata, images, redirects, errors) are
passed over. A damaged or truncated archive gives the pages read before the damage, then one error naming the
record where reading stopped; a last record cut short, which warcio passes over in silence, is found by
comparing where the last whole record ends with the file's size.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, TooLarge
from .decode import decode, mb

if TYPE_CHECKING:
    from .readers import ReadOptions, Source


def read_warc(path: Path, options: ReadOptions) -> Iterator[Source | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from .readers import Source

    source = str(path)
    n = 0
    size = path.stat().st_size
    with path.open("rb") as fh:
        archive = ArchiveIterator(fh)
        records = iter(archive)
        while True:
            try:
                record = next(records)
            except StopIteration:
                if n and _ends_early(archive, fh, size):
                    yield _damaged(source, n, "cut short")
                return
            except (ArchiveLoadFailed, Exception) as exc:  # warcio fails in several ways on a damaged file
                yield _damaged(source, n, exc.__class__.__name__)
                return
            n += 1
            page = _html_page(record, options.max_input_bytes)
            if page is None:
                continue
            uri, data = page
            if len(data) > options.max_input_bytes:
                limit = mb(options.max_input_bytes)
                yield TooLarge(source, f"holds a page over {limit}", "raise --max-input-mb", item=str(n))
                continue
            try:
                decoded = decode(data, f"{source} record {n}", options.encoding)
            except InputError as exc:
                yield exc
                continue
            yield Source(source=source, item=str(n), kind="html", content=decoded.text, url=uri)


def _damaged(source: str, n: int, why: str) -> InputError:
    return InputError(
        source,
        f"is damaged after record {n} ({why}); the pages before it were read",
        "fetch the archive again",
        item=str(n + 1),
    )


def _ends_early(archive, fh, size: int) -> bool:
    """warcio stops without a word at a record cut short at the end of the file: the last whole record then
    ends before the file does (by more than the blank lines that close an uncompressed record)."""
    try:
        end = archive.get_record_offset() + archive.get_record_length()
    except (TypeError, AttributeError):
        return False
    if size - end > 8:
        return True
    fh.seek(end)
    return bool(fh.read(8).strip())


def _html_page(record, limit: int) -> tuple[str | None, bytes] | None:
    """The target URI and body of a successful HTML response, else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    if "html" not in (record.http_headers.get_header("Content-Type") or "").lower():
        return None
    return record.rec_headers.get_header("WARC-Target-URI"), record.content_stream().read(limit + 1)
