"""Web archives: the HTML pages of a WARC file (plain or gzipped; warcio, imported here only).

Every `response` record whose HTTP status is 200 and whose content type is HTML becomes one article source,
with the record's target URI as its URL; other records (requests, metadata, images, redirects, errors) are
passed over. A damaged or truncated archive gives the pages read before the damage, then one error naming the
record where reading stopped.
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
    with path.open("rb") as fh:
        records = iter(ArchiveIterator(fh))
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except (ArchiveLoadFailed, Exception) as exc:  # warcio fails in several ways on a damaged file
                yield InputError(
                    source,
                    f"is damaged after record {n} ({exc.__class__.__name__}); the pages before it were read",
                    "fetch the archive again",
                    item=str(n + 1),
                )
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


def _html_page(record, limit: int) -> tuple[str | None, bytes] | None:
    """The target URI and body of a successful HTML response, else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    if "html" not in (record.http_headers.get_header("Content-Type") or "").lower():
        return None
    return record.rec_headers.get_header("WARC-Target-URI"), record.content_stream().read(limit + 1)
