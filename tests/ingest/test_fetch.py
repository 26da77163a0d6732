"""Feeds fetched from a local HTTP server started by the test: pages, robots.txt, retries, failures."""

from __future__ import annotations

import http.server
import json
import threading
from typing import ClassVar

import pytest

from eventwire.ingest.fetch import FetchOptions, fetch_feeds

PAGE = "<html><body><article><p>Ministers of Ruritania met in Geneva on Monday.</p></article></body></html>"


class _Site(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[dict[str, int]] = {}

    def do_GET(self):
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        base = f"http://{self.headers['Host']}"
        if self.path == "/feed.xml":
            items = "".join(
                f"<item><title>{name}</title><link>{base}/{name}</link><guid>{name}</guid>"
                "<pubDate>Mon, 11 Mar 2024 10:00:00 GMT</pubDate></item>"
                for name in ("ok", "flaky", "private/secret", "missing")
            )
            return self._send(200, f'<rss version="2.0"><channel><title>T</title>{items}</channel></rss>')
        if self.path == "/robots.txt":
            return self._send(200, "User-agent: *\nDisallow: /private/\n")
        if self.path == "/ok":
            return self._send(200, PAGE)
        if self.path == "/flaky":  # a server error the first time, then the page
            return self._send(503, "busy") if self.hits[self.path] == 1 else self._send(200, PAGE)
        if self.path == "/not-a-feed":
            return self._send(200, "<html><body>hello</body></html>")
        return self._send(404, "not found")

    def _send(self, status, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    _Site.hits = {}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _options(**kw):
    return FetchOptions(host_delay=0.0, backoff=0.0, timeout=5.0, sleep=lambda s: None, **kw)


def test_a_feed_gives_its_pages_obeying_robots_and_retrying(site):
    warnings = []
    pages = list(fetch_feeds([f"{site}/feed.xml"], _options(), warnings.append))
    assert [p["url"].rsplit("/", 1)[-1] for p in pages] == ["ok", "flaky"]
    assert pages[0]["published"] == "2024-03-11" and "Ruritania" in pages[0]["html"]
    assert _Site.hits.get("/private/secret") is None  # never asked for
    assert _Site.hits["/flaky"] == 2
    assert any("robots.txt does not allow" in w for w in warnings)
    assert any("missing: answered HTTP 404" in w for w in warnings)


def test_the_cap_and_bad_feeds_are_one_line_each(site):
    warnings = []
    pages = list(fetch_feeds([f"{site}/feed.xml"], _options(max_pages=1), warnings.append))
    assert len(pages) == 1 and any("the cap of one run" in w for w in warnings)
    warnings.clear()
    assert list(fetch_feeds([f"{site}/not-a-feed", f"{site}/nope.xml"], _options(), warnings.append)) == []
    assert len(warnings) == 2 and "not an RSS or Atom feed" in warnings[0] and "HTTP 404" in warnings[1]


def test_fetch_then_code_end_to_end(site, tmp_path, run_cli):
    out = tmp_path / "pages.jsonl"
    code, _, err = run_cli("fetch", f"{site}/feed.xml", "-o", str(out), "--delay", "0")
    assert code == 0 and "fetched 2 page(s)" in err
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert {r["url"].rsplit("/", 1)[-1] for r in rows} == {"ok", "flaky"}
    code, _, err = run_cli("code", str(out), "--db", str(tmp_path / "t.duckdb"), "--model", "blank:en")
    assert code == 0 and "coded 2 article(s)" in err
    code, _, err = run_cli("fetch", "ftp://example.org/feed")
    assert code == 2 and "not an http(s) address" in err
