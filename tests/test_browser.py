"""The dashboard in a real browser: headless Chromium (Debian's chromium and chromium-driver) driven by
selenium over the small store of tests/test_serve.py.

Checks that every page loads with no console error, that a filter changes the events table, that the
article view highlights actors, triggers, quotes and places, and that HTML in an article's text is shown as
text. Screenshots of each page go to $EVENTWIRE_SCREENSHOTS (default: the test's temporary directory).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason="needs Debian's Chromium: apt-get install chromium chromium-driver (/usr/bin/chromium and "
        "/usr/bin/chromedriver)",
    ),
]

webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (pip install -e '.[dev]')")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from test_serve import TEXT_HTML, Running, build_store  # noqa: E402

PAGES = [
    ("events", "#/events"),
    ("events-filtered", "#/events?actor=NTH&sort=-date"),
    ("timeline", "#/timeline"),
    ("timeline-pair", "#/timeline?actor=NTH&recipient=STH&period=month"),
    ("map", "#/map"),
    ("quotes", "#/quotes"),
    ("quotes-speaker", "#/quotes?speaker=Ruiz"),
    ("article", "#/article/north-1?event=E1"),
    ("article-html", "#/article/html-5"),
]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    running = Running(build_store(tmp_path_factory.mktemp("browser") / "dash.duckdb"))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
        "--window-size=1280,900",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    browser.set_page_load_timeout(60)
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    where = os.environ.get("EVENTWIRE_SCREENSHOTS")
    path = Path(where) if where else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def wait_ready(driver, timeout: float = 30) -> str:
    WebDriverWait(driver, timeout, poll_frequency=0.05).until(
        lambda d: d.find_element(By.ID, "view").get_attribute("data-state") in ("ready", "error")
    )
    return driver.find_element(By.ID, "view").get_attribute("data-state")


def open_page(driver, app, fragment: str) -> str:
    """Load the dashboard afresh at this view and wait for it to finish; return its state."""
    driver.get("about:blank")
    driver.get(f"{app.base}/{fragment}")
    return wait_ready(driver)


def severe(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


@pytest.mark.parametrize("name, fragment", PAGES, ids=[p[0] for p in PAGES])
def test_every_page_loads_without_console_errors(driver, app, shots, name, fragment):
    driver.get_log("browser")  # drop what earlier pages left
    assert open_page(driver, app, fragment) == "ready"
    time.sleep(0.2)  # late errors (images, fonts, a failed fetch) get their chance to show
    driver.save_screenshot(str(shots / f"dashboard-{name}.png"))
    assert severe(driver) == []
    view = name.split("-")[0]
    active = [a.get_attribute("data-view") for a in driver.find_elements(By.CSS_SELECTOR, "nav a.active")]
    assert active == ([] if view == "article" else [view])
    assert "articles" in driver.find_element(By.ID, "store-info").text


def test_a_filter_changes_the_table(driver, app, shots):
    open_page(driver, app, "#/events")
    rows = driver.find_elements(By.CSS_SELECTOR, "#events-table tr.ev")
    assert len(rows) == 6
    before = [r.get_attribute("data-article") + "/" + r.get_attribute("data-event") for r in rows]
    driver.find_element(By.ID, "f-actor").send_keys("NTH")
    Select(driver.find_element(By.ID, "f-type")).select_by_value("ASSAULT")
    driver.find_element(By.ID, "apply").click()
    WebDriverWait(driver, 30).until(lambda d: "type=ASSAULT" in d.current_url)
    wait_ready(driver)
    WebDriverWait(driver, 30).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "#events-table tr.ev")) != len(before)
    )
    rows = driver.find_elements(By.CSS_SELECTOR, "#events-table tr.ev")
    after = [r.get_attribute("data-article") + "/" + r.get_attribute("data-event") for r in rows]
    assert after == ["north-1/E1"] and after != before
    mark = driver.find_element(By.CSS_SELECTOR, "#events-table tr.evidence mark.trigger")
    assert mark.text == "shelled"
    assert driver.find_element(By.ID, "f-actor").get_attribute("value") == "NTH"  # the form keeps the filter
    WebDriverWait(driver, 10).until(lambda d: " of 1 " in d.find_element(By.ID, "events-status").text)
    driver.save_screenshot(str(shots / "dashboard-events-after-filter.png"))
    assert severe(driver) == []

    # The row's link opens the article view on that event.
    driver.find_element(By.CSS_SELECTOR, "#events-table a.to-article").click()
    WebDriverWait(driver, 30).until(lambda d: "#/article/north-1" in d.current_url)
    wait_ready(driver)
    assert driver.find_element(By.ID, "article-title").text == "Border town shelled"


def _texts(driver, css: str) -> list[str]:
    return [e.get_attribute("textContent") for e in driver.find_elements(By.CSS_SELECTOR, css)]


def test_article_view_highlights_each_kind_of_span(driver, app, shots):
    assert open_page(driver, app, "#/article/north-1?event=E1") == "ready"
    text = driver.find_element(By.ID, "article-text")
    assert "Northland's army shelled the border town" in text.text
    assert "Northland's army" in _texts(driver, "#article-text .hl-actor")
    assert {"Southland", "Ana Ruiz"} <= set(_texts(driver, "#article-text .hl-actor"))
    assert {"shelled", "condemned", "attack"} <= set(_texts(driver, "#article-text .hl-trigger"))
    assert "".join(_texts(driver, "#article-text .hl-quote")) == "This is a crime,"
    assert _texts(driver, "#article-text .hl-place") == ["Kessel"]
    assert _texts(driver, "#article-text .hl-trigger.focus") == ["shelled"]  # the event the link named
    # Each kind has its own colour.
    colours = {
        kind: driver.find_element(By.CSS_SELECTOR, f"#article-text .hl-{kind}").value_of_css_property(
            "background-color"
        )
        for kind in ("actor", "place", "quote")
    }
    assert len(set(colours.values())) == 3
    # The events list beside the text, and the legend's switches.
    items = driver.find_elements(By.CSS_SELECTOR, "#article-events li.event-item")
    assert [i.get_attribute("data-event") for i in items] == ["E1", "E2", "E3"]
    driver.find_element(By.ID, "show-actor").click()
    assert "hide-actor" in driver.find_element(By.ID, "article").get_attribute("class")
    driver.save_screenshot(str(shots / "dashboard-article-no-actors.png"))
    assert severe(driver) == []


def test_html_in_article_text_is_shown_as_text(driver, app, shots):
    assert open_page(driver, app, "#/article/html-5") == "ready"
    view = driver.find_element(By.ID, "view")
    # No element was made from the data: no script, b, i or img anywhere in the view.
    for tag in ("script", "b", "i", "img"):
        assert view.find_elements(By.TAG_NAME, tag) == [], tag
    text = driver.find_element(By.ID, "article-text").get_attribute("textContent")
    assert text == TEXT_HTML
    assert "<script>alert(1)</script>" in text and "<b>x</b>" in text
    title = driver.find_element(By.ID, "article-title").text
    assert title == '<img src=x onerror="alert(3)"> <b>Rebels</b> attack'
    assert "<script>alert(1)</script> is what they wrote," in _texts(driver, "#article-text .hl-quote")
    # A javascript: address is not made a link.
    assert [a.get_attribute("href") for a in view.find_elements(By.CSS_SELECTOR, ".meta a")] == []
    assert "javascript:alert(4)" in driver.find_element(By.CSS_SELECTOR, ".meta").text
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018 - no script ran, so no alert is open

    # The same text in the events table and the quotes browser.
    assert open_page(driver, app, "#/events?text=attacked") == "ready"
    assert "<b>x</b>" in driver.find_element(By.CSS_SELECTOR, "#events-table tr.evidence").text
    assert driver.find_element(By.ID, "view").find_elements(By.TAG_NAME, "b") == []
    assert open_page(driver, app, "#/quotes?speaker=Lind") == "ready"
    assert "<script>alert(1)</script>" in driver.find_element(By.CSS_SELECTOR, "#quotes blockquote").text
    assert driver.find_element(By.ID, "view").find_elements(By.TAG_NAME, "script") == []
    driver.save_screenshot(str(shots / "dashboard-quotes-html.png"))
    assert severe(driver) == []


def test_timeline_and_map_draw_their_svg(driver, app):
    assert open_page(driver, app, "#/timeline?actor=NTH&recipient=STH&period=month") == "ready"
    assert driver.find_element(By.ID, "pair-title").text.startswith("NTH → STH: 3 events")
    bars = driver.find_elements(By.CSS_SELECTOR, "#timeline-chart g.bar")
    assert [b.get_attribute("data-period") for b in bars] == ["2024-03-01", "2024-05-01"]
    assert len(driver.find_elements(By.CSS_SELECTOR, "#timeline-chart rect.q4")) == 1
    assert len(driver.find_elements(By.CSS_SELECTOR, "#timeline-chart .goldstein-dots circle")) == 2
    bars[0].click()  # a bar opens its events
    WebDriverWait(driver, 30).until(lambda d: "#/events" in d.current_url)
    wait_ready(driver)
    assert len(driver.find_elements(By.CSS_SELECTOR, "#events-table tr.ev")) == 1

    assert open_page(driver, app, "#/map") == "ready"
    assert len(driver.find_elements(By.CSS_SELECTOR, "#map path.country")) > 200
    dots = driver.find_elements(By.CSS_SELECTOR, "#map circle.dot")
    assert len(dots) == 3
    assert "of 6 events have a place" in driver.find_element(By.ID, "map-status").text
    assert severe(driver) == []
