"""WARC files: HTML responses become articles with their target URI; other records are passed over; a
damaged archive keeps what was read before the damage. The archives are written here with warcio."""

from __future__ import annotations

import io

import pytest

from eventwire.errors import InputError
from eventwire.ingest import ReadOptions, read_articles
from eventwire.records import Article

warcio = pytest.importorskip("warcio")

PAGE = (
    "<html><head><title>Border talks resume</title></head><body><article><h1>Border talks resume</h1>"
    "<p>Ministers of Ruritania and Borduria met in Geneva on Monday to discuss the disputed border, the "
    "first talks in two years.</p><p>The meeting lasted four hours and will continue next week, officials "
    "of both countries said.</p></article></body></html>"
)


def _warc(path, gz: bool = True) -> list[int]:
    """Write the archive; return the file offset after each record (record ids and dates vary by run)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        pages = [
            ("https://news.example/talks", "200 OK", "text/html; charset=utf-8", PAGE.encode()),
            ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n"),
            ("https://news.example/gone", "404 Not Found", "text/html", b"<html>not here</html>"),
        ]
        ends = []
        for uri, status, ctype, body in pages:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            payload = io.BytesIO(body)
            record = writer.create_warc_record(uri, "response", payload=payload, http_headers=headers)
            writer.write_record(record)
            ends.append(fh.tell())
    return ends


@pytest.mark.parametrize("gz", [True, False])
def test_html_responses_become_articles_with_their_uri(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _warc(path, gz)
    (art,) = list(read_articles([str(path)], ReadOptions()))
    assert isinstance(art, Article)
    assert art.url == "https://news.example/talks" and "Ministers of Ruritania" in art.text
    assert art.source.startswith(str(path))


@pytest.mark.parametrize("where", ["just after the first", "inside the second", "inside the third"])
@pytest.mark.parametrize("gz", [True, False])
def test_a_truncated_archive_keeps_the_pages_before_the_damage(tmp_path, where, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    ends = _warc(path, gz)
    data = path.read_bytes()
    at = {
        "just after the first": ends[0] + 5,
        "inside the second": (ends[0] + ends[1]) // 2,
        "inside the third": (ends[1] + ends[2]) // 2,
    }[where]
    cut = tmp_path / path.name.replace("crawl", "cut")
    cut.write_bytes(data[:at])
    items = list(read_articles([str(cut)], ReadOptions()))
    assert isinstance(items[0], Article)
    assert isinstance(items[-1], InputError) and "damaged" in str(items[-1])
