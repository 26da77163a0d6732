"""`eventwire serve`: the dashboard's HTTP server, Python's standard library only.

    run("news.duckdb")                        # blocks; http://127.0.0.1:8765/
    server = make_server("news.duckdb", "127.0.0.1", 0)   # tests: any free port, server.server_address

The store is opened read-only once; each request thread asks it through a cursor of its own (a DuckDB
connection to the same database, safe to use beside the others). Pages are the static files in `static/`
(HTML, CSS and JavaScript modules: no inline script, nothing from the internet); data is JSON under /api/:

    /api/summary                      counts, date range, event types, party codes (the filters' choices)
    /api/events?FILTERS&offset=N      a page of `eventwire events` rows, with the trigger's span
    /api/events/count?FILTERS         how many rows the filter gives
    /api/timeline?FILTERS&period=P&pair=A,B   `eventwire dyads` for one actor pair, and the pairs found
    /api/dyads?FILTERS&period=P       every row of `eventwire dyads`
    /api/places?FILTERS               the events' places as dots (rounded coordinates, counts)
    /api/countries                    country outlines (GeoJSON, Natural Earth via a package)
    /api/article/ID                   the stored record of one article
    /api/quotes?speaker=&text=&limit=&offset=   quotations, newest first
    /api/speakers?q=&limit=           speakers by number of quotations

FILTERS are those of `eventwire events`: actor, recipient, party, country, type, mode, status (repeatable or
comma-separated), quad, since, until, place, text, article, each, sort, limit. A bad parameter answers 400,
an unknown article 404, each with a one-line JSON error; an unexpected failure answers 500 with no
details (the traceback goes to the server's stderr only). Every answer carries a Content-Security-Policy
that allows this origin only. The store cannot change while the server has it open, so API answers are
kept in memory (ResponseCache) and the views' first answers are made in the background at start. A request
whose Host header is not this machine's loopback name is refused
while the server listens on a loopback address (a web page elsewhere cannot reach it by DNS rebinding).
"""

from __future__ import annotations

import collections
import contextlib
import datetime
import gzip
import hashlib
import http.server
import json
import mimetypes
import signal
import socket
import sys
import threading
import traceback
import urllib.parse
from importlib import resources
from typing import Any

from .. import query
from ..errors import EventwireError
from ..query import EventFilter
from ..store import COUNTED_STATUSES, Store
from . import data, outlines

STATUSES = ("asserted", "planned", "negated", "hypothetical", "conditional", "generic")
FILTERS = (
    "actor",
    "recipient",
    "party",
    "country",
    "type",
    "mode",
    "status",
    "quad",
    "since",
    "until",
    "place",
    "text",
    "article",
    "each",
    "sort",
)
MAX_LIMIT = 500
MAX_OFFSET = 10_000_000
MAX_VALUE = 200  # characters of a text parameter
GZIP_MIN = 1024  # bytes: smaller answers go as they are
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
FAVICON = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">'
    b'<rect width="16" height="16" rx="3" fill="#1f3a5f"/>'
    b'<path d="M3 11 L6 5 L9 9 L13 3" stroke="#f4b942" stroke-width="2" fill="none"/></svg>'
)


class ApiError(Exception):
    """An answer other than 200, with a one-line message for the JSON body."""

    def __init__(self, status: int, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.hint = hint


def _bad(message: str, hint: str | None = None) -> ApiError:
    return ApiError(400, message, hint)


# --- parameters ---------------------------------------------------------------------------------------
class Params:
    """The query string of one request: known names only, blank values taken as absent."""

    def __init__(self, raw: str, allowed: tuple[str, ...]) -> None:
        try:
            pairs = urllib.parse.parse_qsl(
                raw, keep_blank_values=True, strict_parsing=False, max_num_fields=64
            )
        except ValueError as exc:
            raise _bad(f"cannot read the query string ({exc})") from None
        self.values: dict[str, list[str]] = {}
        for name, value in pairs:
            if name not in allowed:
                raise _bad(f"unknown parameter {name!r}", f"known here: {', '.join(allowed) or 'none'}")
            if len(value) > MAX_VALUE:
                raise _bad(f"parameter {name!r} is longer than {MAX_VALUE} characters")
            if "\x00" in value:
                raise _bad(f"parameter {name!r} holds a NUL character")
            value = value.strip()
            if value:
                self.values.setdefault(name, []).append(value)

    def text(self, name: str) -> str | None:
        values = self.values.get(name)
        return values[-1] if values else None

    def all(self, name: str) -> list[str]:
        return [part.strip() for v in self.values.get(name, []) for part in v.split(",") if part.strip()]

    def integer(self, name: str, default: int | None, low: int, high: int) -> int | None:
        value = self.text(name)
        if value is None:
            return default
        try:
            number = int(value)
        except ValueError:
            raise _bad(f"{name}={value!r} is not a whole number") from None
        if not low <= number <= high:
            raise _bad(f"{name}={number} is out of range", f"give {low} to {high}")
        return number

    def date(self, name: str) -> str | None:
        value = self.text(name)
        if value is None:
            return None
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            raise _bad(f"{name}={value!r} is not a date like 2022-01-26") from None
        if not 1000 <= day.year <= 9000:
            raise _bad(f"{name}={value!r} is outside the years 1000-9000")
        return day.isoformat()

    def flag(self, name: str) -> bool:
        value = self.text(name)
        if value is None:
            return False
        if value.lower() in ("1", "true", "yes", "on"):
            return True
        if value.lower() in ("0", "false", "no", "off"):
            return False
        raise _bad(f"{name}={value!r} is not a yes or no", "give 1 or 0")

    def choice(self, name: str, choices: tuple[str, ...] | list[str], default: str | None) -> str | None:
        value = self.text(name)
        if value is None:
            return default
        if value not in choices:
            raise _bad(f"{name}={value!r} is not one of {', '.join(choices)}")
        return value


def event_filter(p: Params, limit_default: int | None = 50) -> EventFilter:
    statuses = p.all("status")
    for s in statuses:
        if s not in STATUSES:
            raise _bad(f"status={s!r} is not one of {', '.join(STATUSES)}")
    since, until = p.date("since"), p.date("until")
    if since and until and since > until:
        raise _bad(f"since={since} is after until={until}")
    limit = p.integer("limit", limit_default, 1, MAX_LIMIT) if limit_default else None
    return EventFilter(
        actor=p.text("actor"),
        recipient=p.text("recipient"),
        party=p.text("party"),
        country=p.text("country"),
        type=p.text("type"),
        mode=p.text("mode"),
        status=tuple(dict.fromkeys(statuses)) or COUNTED_STATUSES,
        quad=p.integer("quad", None, 1, 4),
        since=since,
        until=until,
        place=p.text("place"),
        text=p.text("text"),
        article=p.text("article"),
        sort=p.choice("sort", list(query.SORTS), "date") or "date",
        limit=limit,
        each=p.flag("each"),
    )


# --- the API ------------------------------------------------------------------------------------------
def api_summary(con: Any, p: Params) -> Any:
    return data.summary(con)


def api_events(con: Any, p: Params) -> Any:
    f = event_filter(p)
    offset = p.integer("offset", 0, 0, MAX_OFFSET) or 0
    rows, more = data.event_page(con, f, offset)
    return {"offset": offset, "limit": f.limit, "more": more, "rows": rows}


def api_event_count(con: Any, p: Params) -> Any:
    return {"count": data.event_count(con, event_filter(p, limit_default=None))}


def api_timeline(con: Any, p: Params) -> Any:
    f = event_filter(p, limit_default=None)
    period = p.choice("period", query.PERIODS, "month") or "month"
    pair = None
    if p.text("pair"):
        parts = p.text("pair").split(",")
        if len(parts) != 2 or not all(x.strip() for x in parts):
            raise _bad(f"pair={p.text('pair')!r} is not two codes like RUS,UKR")
        pair = (parts[0].strip(), parts[1].strip())
    return data.timeline(con, f, period, pair)


def api_dyads(con: Any, p: Params) -> Any:
    f = event_filter(p, limit_default=None)
    period = p.choice("period", query.PERIODS, "month") or "month"
    names, rows = query.dyads(con, period, f)
    return {"period": period, "rows": [dict(zip(names, r, strict=True)) for r in rows]}


def api_places(con: Any, p: Params) -> Any:
    return data.places(con, event_filter(p, limit_default=None))


def api_quotes(con: Any, p: Params) -> Any:
    limit = p.integer("limit", 50, 1, MAX_LIMIT) or 50
    offset = p.integer("offset", 0, 0, MAX_OFFSET) or 0
    rows, more = data.quote_page(con, p.text("speaker"), p.text("text"), limit, offset)
    return {"offset": offset, "limit": limit, "more": more, "rows": rows}


def api_speakers(con: Any, p: Params) -> Any:
    return {"rows": data.speakers(con, p.text("q"), p.integer("limit", 100, 1, 1000) or 100)}


ROUTES: dict[str, tuple[Any, tuple[str, ...]]] = {
    "/api/summary": (api_summary, ()),
    "/api/events": (api_events, (*FILTERS, "limit", "offset")),
    "/api/events/count": (api_event_count, FILTERS),
    "/api/timeline": (api_timeline, (*FILTERS, "period", "pair")),
    "/api/dyads": (api_dyads, (*FILTERS, "period")),
    "/api/places": (api_places, FILTERS),
    "/api/quotes": (api_quotes, ("speaker", "text", "limit", "offset")),
    "/api/speakers": (api_speakers, ("q", "limit")),
}


def _static_files() -> dict[str, tuple[bytes, str]]:
    """Every file shipped in static/, read once: name -> (bytes, content type). Their ETag is a hash of
    their bytes (see Handler._static)."""
    files = {}
    root = resources.files(__package__) / "static"
    for entry in root.iterdir():
        if entry.is_file() and not entry.name.startswith("."):
            kind = mimetypes.guess_type(entry.name)[0] or "application/octet-stream"
            if entry.name.endswith(".js"):
                kind = "text/javascript"
            if kind.startswith("text/"):
                kind += "; charset=utf-8"
            files[entry.name] = (entry.read_bytes(), kind)
    return files


class ResponseCache:
    """The JSON answers already given, by path and parameters (in any order). The store cannot change while
    the server has it open (DuckDB lets no writer in beside a reader), so an answer stays right; the oldest
    are dropped past `limit` entries. `limit = 0` turns the cache off."""

    def __init__(self, limit: int = 256, max_bytes: int = 4_000_000) -> None:
        self.limit = limit
        self.max_bytes = max_bytes
        self._items: collections.OrderedDict[tuple, bytes] = collections.OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(path: str, params: Params) -> tuple:
        return (path, tuple(sorted((k, tuple(v)) for k, v in params.values.items())))

    def get(self, key: tuple) -> bytes | None:
        if not self.limit:
            return None
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
            return body

    def put(self, key: tuple, body: bytes) -> None:
        if not self.limit or len(body) > self.max_bytes:
            return
        with self._lock:
            self._items[key] = body
            self._items.move_to_end(key)
            while len(self._items) > self.limit:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


# What the views ask first, made in the background when the server starts (the query strings the pages send).
WARM_UP = (
    ("/api/summary", ""),
    ("/api/events", "limit=50&offset=0"),
    ("/api/events/count", ""),
    ("/api/timeline", "period=month"),
    ("/api/places", ""),
    ("/api/speakers", "limit=100"),
    ("/api/quotes", "limit=50&offset=0"),
)


def _encode(value: Any) -> bytes:
    return json.dumps(value, default=data.jsonable, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# --- the server ---------------------------------------------------------------------------------------
class DashboardServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, db: str, host: str, port: int, warm: bool = True) -> None:
        self.store = Store(db, read_only=True)
        self.cache = ResponseCache()
        self.db = db
        self.static = _static_files()
        self.loopback_only = host in LOOPBACK
        self.quiet = False
        self._lock = threading.Lock()
        self._closing = False
        self._warm_thread: threading.Thread | None = None  # set before binding: a failed bind closes us
        if ":" in host:
            self.address_family = socket.AF_INET6
        try:
            super().__init__((host, port), Handler)
        except BaseException:
            self.store.close()
            raise
        outlines.warm_up()
        if warm:
            self._warm_thread = threading.Thread(target=self._warm_up, name="eventwire-warm-up", daemon=True)
            self._warm_thread.start()

    def answer(self, path: str, raw_query: str) -> bytes:
        """The JSON body of an API route, from the cache or asked of the store (raises ApiError and the
        errors of the query layer)."""
        handler, allowed = ROUTES[path]
        params = Params(raw_query, allowed)
        key = ResponseCache.key(path, params)
        body = self.cache.get(key)
        if body is None:
            cur = self.cursor()
            try:
                body = _encode(handler(cur, params))
            finally:
                cur.close()
            self.cache.put(key, body)
        return body

    def _warm_up(self) -> None:
        for path, raw_query in WARM_UP:
            if self._closing:
                return
            try:
                self.answer(path, raw_query)
            except Exception:  # the request itself will report it
                return

    def cursor(self) -> Any:
        with self._lock:  # making a cursor touches the shared connection: one thread at a time
            return self.store.con.cursor()

    def server_close(self) -> None:
        self._closing = True
        if self._warm_thread is not None:
            self._warm_thread.join()  # its query ends before the connection closes under it
        super().server_close()
        self.store.close()


class Handler(http.server.BaseHTTPRequestHandler):
    server: DashboardServer
    server_version = "eventwire"
    # Headers and body go out in separate writes: without this, Nagle's algorithm holds the body back until
    # the browser's delayed ACK of the headers (tens of milliseconds per file).
    disable_nagle_algorithm = True

    def version_string(self) -> str:
        return self.server_version  # no Python version in the Server header

    # --- answers -----------------------------------------------------------------------------------------
    def _send(
        self,
        status: int,
        body: bytes,
        kind: str,
        gz: bytes | None = None,
        cache: str = "no-cache",
        extra: dict[str, str] | None = None,
    ) -> None:
        accepts_gzip = "gzip" in (self.headers.get("Accept-Encoding") or "")
        if accepts_gzip and gz is None and len(body) >= GZIP_MIN:
            gz = gzip.compress(body, compresslevel=5, mtime=0)
        use_gzip = accepts_gzip and gz is not None
        payload = gz if use_gzip else body
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", cache)
        self.send_header("Vary", "Accept-Encoding")
        if use_gzip:
            self.send_header("Content-Encoding", "gzip")
        for name, value in {**(extra or {}), **SECURITY_HEADERS}.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def _json(self, status: int, value: Any) -> None:
        self._send(status, _encode(value), "application/json; charset=utf-8")

    def _error(self, err: ApiError) -> None:
        body = {"error": " ".join(err.message.split())}
        if err.hint:
            body["hint"] = " ".join(err.hint.split())
        self._json(err.status, body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The standard library's own errors (a bad request line, an unsupported method) as JSON too."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self._error(ApiError(code, message or self.responses.get(code, ("error",))[0]))

    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.quiet:
            sys.stderr.write(f"eventwire serve: {self.address_string()} {format % args}\n")

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if (isinstance(code, int) and code >= 400) or code == "-":
            super().log_request(code, size)  # errors only: a page makes many requests

    # --- requests ----------------------------------------------------------------------------------------
    def do_HEAD(self) -> None:
        self.do_GET()

    def do_POST(self) -> None:
        self._error(ApiError(405, "the dashboard is read-only: GET requests only"))

    do_PUT = do_DELETE = do_PATCH = do_POST

    def do_GET(self) -> None:
        try:
            self._route()
        except ApiError as err:
            self._error(err)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went away
        except EventwireError as err:  # query.QueryError and the like: the request asked the impossible
            self._error(ApiError(400, err.message, err.fix or None))
        except Exception:
            traceback.print_exc(file=sys.stderr)
            with contextlib.suppress(OSError):
                self._error(ApiError(500, "internal error; the server's log has the details"))

    def _static(self, name: str) -> None:
        """A page file; 304 when the browser has these bytes already (its If-None-Match is their ETag)."""
        body, kind = self.server.static[name]
        etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
        if etag in (self.headers.get("If-None-Match") or ""):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", "no-cache")
            for header, value in SECURITY_HEADERS.items():
                self.send_header(header, value)
            self.end_headers()
            return
        self._send(200, body, kind, extra={"ETag": etag})

    def _host_allowed(self) -> bool:
        if not self.server.loopback_only:
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        if host.startswith("["):
            name = host[: host.find("]") + 1]
        else:
            name = host.rsplit(":", 1)[0] if ":" in host else host
        return name in LOOPBACK

    def _route(self) -> None:
        if not self._host_allowed():
            raise ApiError(403, "this server answers requests to 127.0.0.1 or localhost only")
        url = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(url.path)
        if path in ("/", "/index.html"):
            return self._static("index.html")
        if path == "/favicon.svg" or path == "/favicon.ico":
            return self._send(200, FAVICON, "image/svg+xml", cache="max-age=86400")
        if path.startswith("/static/"):
            name = path[len("/static/") :]
            if name not in self.server.static:
                raise ApiError(404, f"no file {name!r}")
            return self._static(name)
        if path == "/api/countries":
            if url.query:
                raise _bad("/api/countries takes no parameters")
            try:
                body, gz = outlines.geojson()
            except outlines.OutlinesUnavailable as exc:
                raise ApiError(503, str(exc)) from None
            return self._send(200, body, "application/geo+json", gz=gz, cache="max-age=3600")
        if path.startswith("/api/article/"):
            article_id = path[len("/api/article/") :]
            if not article_id or len(article_id) > 1000:
                raise _bad("give an article id: /api/article/ID")
            Params(url.query, ())
            cur = self.server.cursor()
            try:
                record = query.article(cur, article_id)
            except query.QueryError as exc:
                raise ApiError(404, exc.message, exc.fix or None) from None
            finally:
                cur.close()
            return self._json(200, record)
        route = path.rstrip("/") or path
        if route not in ROUTES:
            raise ApiError(404, f"no page {path!r}", "the API is under /api/; the pages start at /")
        body = self.server.answer(route, url.query)
        return self._send(200, body, "application/json; charset=utf-8")


def make_server(db: str, host: str = "127.0.0.1", port: int = 8765, warm: bool = True) -> DashboardServer:
    """The dashboard's server on `host`:`port` (0: any free port; see `server.server_address`), its store
    opened read-only; call serve_forever() to answer, shutdown() and server_close() to stop. With `warm`,
    the first answers of each view are made in the background at once (see WARM_UP)."""
    return DashboardServer(str(db), host, port, warm)


def run(db: str, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Serve the dashboard of the store `db` until interrupted (Ctrl-C)."""
    server = make_server(db, host, port)
    address, bound = server.server_address[:2]
    shown = f"[{address}]" if ":" in str(address) else address
    print(f"eventwire serve: {db} at http://{shown}:{bound}/ (read-only; Ctrl-C stops)", file=sys.stderr)
    if not server.loopback_only:
        print(
            f"eventwire serve: warning: listening on {host}, not only this machine: anyone who reaches it "
            "can read the store",
            file=sys.stderr,
        )
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops it as Ctrl-C does
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        print("eventwire serve: stopped", file=sys.stderr)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt
