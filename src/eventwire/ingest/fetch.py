"""RSS and Atom feeds: fetch the pages their items link to, politely, as JSON Lines for `eventwire code`.

`eventwire fetch FEED_URL... -o pages.jsonl` reads each feed (feedparser, imported here only) and fetches the
page of each item with a user agent that names eventwire, a timeout, retries with exponential backoff on
timeouts and server errors (429 and 5xx), a delay between two requests to the same host, the host's
robots.txt, and a cap on the pages of one run. Each page becomes one line `{id, url, title, published, html}`
(published from the item's date); a page that cannot be fetched is one line on stderr, and the run goes on.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
import urllib.robotparser
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .. import __version__

USER_AGENT = f"eventwire/{__version__} (news event coder; +https://github.com/eventwire)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass
class FetchOptions:
    timeout: float = 15.0
    retries: int = 3
    backoff: float = 1.0  # seconds before the first retry, doubled for each next one
    host_delay: float = 1.0  # seconds between two requests to one host
    max_pages: int = 500
    max_bytes: int = 20_000_000
    user_agent: str = USER_AGENT
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)


class FetchError(Exception):
    pass


def _get(url: str, o: FetchOptions) -> bytes:
    """The body of `url`, waiting for the host's delay and retrying what a retry may cure."""
    host = urllib.parse.urlsplit(url).netloc
    for attempt in range(o.retries + 1):
        wait = o._last.get(host, 0.0) + o.host_delay - time.monotonic()
        if wait > 0:
            o.sleep(wait)
        o._last[host] = time.monotonic()
        request = urllib.request.Request(url, headers={"User-Agent": o.user_agent})
        try:
            with urllib.request.urlopen(request, timeout=o.timeout) as response:
                data = response.read(o.max_bytes + 1)
            if len(data) > o.max_bytes:
                raise FetchError(f"is over {o.max_bytes // 1_000_000} MB")
            return data
        except urllib.error.HTTPError as exc:
            if exc.code not in RETRY_STATUSES or attempt == o.retries:
                raise FetchError(f"answered HTTP {exc.code}") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            if attempt == o.retries:
                reason = getattr(exc, "reason", exc)
                raise FetchError(f"could not be reached ({reason})") from None
        o.sleep(o.backoff * 2**attempt)
    raise FetchError("could not be fetched")  # not reached


def _allowed(url: str, o: FetchOptions) -> bool:
    """What the host's robots.txt says of our user agent (a missing or unreadable robots.txt allows)."""
    parts = urllib.parse.urlsplit(url)
    root = f"{parts.scheme}://{parts.netloc}"
    if root not in o._robots:
        parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
        try:
            lines = _get(f"{root}/robots.txt", FetchOptions(**{**o.__dict__, "retries": 0})).decode(
                "utf-8", "replace"
            )
            parser.parse(lines.splitlines())
        except FetchError:
            parser = None
        o._robots[root] = parser
    parser = o._robots[root]
    return parser is None or parser.can_fetch(o.user_agent, url)


def _published(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return f"{parsed[0]:04d}-{parsed[1]:02d}-{parsed[2]:02d}" if parsed else None


def fetch_feeds(urls: list[str], o: FetchOptions, warn: Callable[[str], None]) -> Iterator[dict[str, Any]]:
    """The pages the feeds link to, one dict per page; problems go to `warn`, one line each."""
    import feedparser

    n = 0
    seen: set[str] = set()
    for feed_url in urls:
        try:
            feed = feedparser.parse(_get(feed_url, o))
        except FetchError as exc:
            warn(f"{feed_url}: the feed {exc}; check the address")
            continue
        if not feed.entries:
            warn(f"{feed_url}: has no items: not an RSS or Atom feed, or an empty one; check the address")
            continue
        for entry in feed.entries:
            link = entry.get("link")
            if not link or link in seen:
                continue
            seen.add(link)
            if n >= o.max_pages:
                warn(f"{feed_url}: stopped at {o.max_pages} pages (the cap of one run); run again for more")
                return
            if not _allowed(link, o):
                warn(f"{link}: left out: the site's robots.txt does not allow it")
                continue
            try:
                html = _get(link, o).decode("utf-8", "replace")
            except FetchError as exc:
                warn(f"{link}: {exc}; left out")
                continue
            n += 1
            yield {
                "id": entry.get("id") or link,
                "url": link,
                "title": entry.get("title"),
                "published": _published(entry),
                "html": html,
            }


def write_jsonl(pages: Iterator[dict[str, Any]], out: Any) -> int:
    n = 0
    for page in pages:
        out.write(json.dumps(page, ensure_ascii=False) + "\n")
        n += 1
    return n
