"""Screenshots of the dashboard for the docs, taken in headless Chromium (Debian's chromium and
chromium-driver) on a real store.

    python scripts/screenshots.py [--db /tmp/diag/dev_stories.duckdb] [--out docs/img] [--all]

Copies the store to a temporary directory (the original is never opened), serves it on a free port of
127.0.0.1, and writes dashboard-events.png (the events table) and dashboard-article.png (the short article
with the most events, its spans highlighted); with --all also the timeline, map and quotes views. Prints the
console messages of each page (there should be none) and each file's size.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SOURCE = "/tmp/diag/dev_stories.duckdb"


def chromium(profile: str, width: int = 1360, height: int = 900):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def wait_ready(driver, timeout: float = 30.0) -> str:
    """Wait until the view says it is done (data-state ready or error); return the state."""
    from selenium.webdriver.common.by import By

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = driver.find_element(By.ID, "view").get_attribute("data-state")
        if state in ("ready", "error"):
            return state
        time.sleep(0.05)
    raise TimeoutError(f"{driver.current_url} did not finish loading")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=SOURCE, help="the store to show (copied first)")
    parser.add_argument("--out", default="docs/img", help="where the PNG files go")
    parser.add_argument("--article", help="the article to show (default: the one with most events of a page)")
    parser.add_argument("--all", action="store_true", help="also the timeline, map and quotes views")
    args = parser.parse_args(argv)

    import duckdb
    from selenium.webdriver.common.by import By

    from eventwire.serve.server import make_server

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "store.duckdb")
        shutil.copyfile(args.db, db)
        con = duckdb.connect(db, read_only=True)
        article = (
            args.article
            or con.execute(
                "SELECT e.article_id FROM events e JOIN articles a ON a.id = e.article_id "
                "WHERE length(a.text) < 1800 GROUP BY e.article_id "
                "ORDER BY count(DISTINCT e.id) DESC, e.article_id LIMIT 1"
            ).fetchone()[0]
        )
        con.close()
        server = make_server(db, "127.0.0.1", 0)
        server.quiet = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        driver = chromium(str(Path(tmp) / "profile"))
        shots = [
            ("dashboard-events.png", "#/events?quad=4&sort=-date", 1360, 900),
            ("dashboard-article.png", f"#/article/{article}", 1360, 1000),
        ]
        if args.all:
            shots += [
                ("dashboard-timeline.png", "#/timeline?actor=USA&period=year", 1360, 900),
                ("dashboard-map.png", "#/map", 1360, 900),
                ("dashboard-quotes.png", "#/quotes", 1360, 900),
            ]
        status = 0
        try:
            for name, fragment, width, height in shots:
                driver.set_window_size(width, height)
                driver.get(base + fragment)
                state = wait_ready(driver)
                time.sleep(0.3)  # fonts and layout settle
                driver.find_element(By.TAG_NAME, "body")
                path = out / name
                driver.save_screenshot(str(path))
                logs = driver.get_log("browser")
                print(f"{path}: {path.stat().st_size // 1024} KB, view {state}, {len(logs)} console messages")
                for entry in logs:
                    print(f"  {entry['level']}: {entry['message']}")
                    status = 1 if entry["level"] == "SEVERE" else status
                status = 1 if state != "ready" else status
        finally:
            driver.quit()
            server.shutdown()
            server.server_close()
    return status


if __name__ == "__main__":
    sys.exit(main())
