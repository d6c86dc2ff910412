"""``/insights`` in a real headless Chromium, after real residents' SMS conversations: an
anchor logs in, sees the counts (small ones as <5), the map, bars and line with their tables,
downloads the CSV, and the page is photographed at phone and desktop width."""

from __future__ import annotations

import csv
import struct
import time
import zlib
from collections.abc import Iterator

import pytest
from selenium.webdriver.common.by import By

from tests.browser.test_keepers_browser import TIMEOUT, browser, loaded, log_in, wait  # noqa: F401
from tests.clock import FakeClock
from tests.keepers.helpers import ANCHOR, NOW, PASSWORD, seed
from tests.support.live_server import live_server
from tests.webhooks.channels import Phone, close_app, make_app
from webhooks.services import services


@pytest.fixture
def insights_server(geo_db_url, tmp_path) -> Iterator[str]:
    seed(geo_db_url, FakeClock(NOW)())
    app = make_app(geo_db_url, tmp_path / "instance", clock=FakeClock(NOW))
    client = app.test_client()
    for _ in range(6):
        Phone(client).text("food near LS9 8RU")
    for _ in range(7):
        Phone(client).text("housing near LS9 8RU")
    for _ in range(2):
        Phone(client).text("food near LS6 1AN")
    services(app).clock.advance(days=7)  # the month is over: published
    with live_server(app) as url:
        yield url
    close_app(app)


def screenshot_is_a_picture(path) -> None:
    """A real PNG of a real page: not tiny, and its pixel rows are not all one colour."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    chunks, at = [], 8
    while at < len(data):
        size = struct.unpack(">I", data[at:at + 4])[0]
        if data[at + 4:at + 8] == b"IDAT":
            chunks.append(data[at + 8:at + 8 + size])
        at += 12 + size
    pixels = zlib.decompress(b"".join(chunks))
    assert len(set(pixels)) > 20  # one colour would filter to a handful of byte values


def test_insights_page_at_phone_and_desktop_width(insights_server, browser, tmp_path):  # noqa: F811
    driver = browser
    driver.get(f"{insights_server}/insights")
    loaded(driver)
    assert driver.find_elements(By.ID, "login-form")  # log in first
    driver.find_element(By.ID, "email").send_keys(ANCHOR)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "login").click()
    wait(driver).until(lambda d: d.find_elements(By.ID, "by-ward"))
    assert driver.find_element(By.ID, "total-asks").text == "15"
    rows = {row.find_element(By.TAG_NAME, "th").text: [td.text for td in
                                                       row.find_elements(By.TAG_NAME, "td")]
            for row in driver.find_elements(By.CSS_SELECTOR, "#by-need tbody tr")}
    assert rows["Housing"][:2] == ["7", "7"]
    assert rows["Food"][0] == "8" and rows["Food"][1] == "<5"
    gaps = driver.find_element(By.ID, "gaps").text
    assert "Housing" in gaps and "Burmantofts & Richmond Hill" in gaps
    assert len(driver.find_elements(By.CSS_SELECTOR, "svg.ward-map path.ward")) == 33
    assert driver.find_elements(By.CSS_SELECTOR, "svg.ward-map path.shade-4")
    assert driver.find_elements(By.CSS_SELECTOR, "svg.need-bars rect.bar.unmet")
    for picture in ("ward-map", "need-bars", "weekly-line"):
        svg = driver.find_element(By.CSS_SELECTOR, f"svg.{picture}")
        assert svg.get_attribute("role") == "img" and svg.size["width"] > 200
    # Colours come from insights.css (no inline styles under the CSP).
    fill = driver.execute_script(
        "return getComputedStyle(document.querySelector('path.shade-4')).fill")
    assert fill == "rgb(18, 63, 115)"

    for width, height in ((390, 844), (1280, 900)):
        driver.set_window_size(width, height)
        time.sleep(0.3)
        wide = driver.execute_script(
            "return [...document.querySelectorAll('body *')].filter("
            "e => e.getBoundingClientRect().right > window.innerWidth + 1"
            " && !e.closest('.wide')).map(e => e.tagName + '#' + e.id + '.' + e.className)")
        assert wide == [] and driver.execute_script(
            "return document.documentElement.scrollWidth <= window.innerWidth + 1"), wide
        shot = tmp_path / f"insights-{width}.png"
        driver.save_screenshot(str(shot))
        screenshot_is_a_picture(shot)

    driver.find_element(By.ID, "csv").click()
    saved = driver.downloads / "leeds-signpost-insights-2026-11-02-2026-11-29.csv"
    deadline = time.monotonic() + TIMEOUT
    while not saved.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert saved.exists()
    table = list(csv.DictReader(saved.open(encoding="utf-8")))
    food = next(r for r in table if r["section"] == "need" and r["need"] == "food")
    assert (food["asks"], food["not_found"]) == ("8", "<5")
