"""The keepers' pages and the sandbox's "Save as test" in a real headless Chromium: log in,
edit, review and revert, "Still correct", a resident's WRONG report, and a saved script."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from bot.messages import Channel, InboundMessage
from bot.transcript_runner import load_flow, run_flow
from core.db import make_engine
from handlers.conversation import build_engine
from tests.keepers.helpers import ADMIN, EDITOR, PASSWORD, seed
from tests.support.live_server import live_server
from webhooks import create_app
from webhooks.wall_clock import system_clock

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip("needs Debian's chromium and chromium-driver", allow_module_level=True)

TIMEOUT = 30


def app_on(db_url: str, instance: Path):
    return create_app({"database_url": db_url, "instance_path": instance,
                       "secret_key": "test-secret"})


@pytest.fixture
def keepers_server(geo_db_url, tmp_path) -> Iterator[tuple[str, str]]:
    seed(geo_db_url, system_clock())
    with live_server(app_on(geo_db_url, tmp_path / "instance")) as url:
        yield url, geo_db_url


@pytest.fixture
def sandbox_server(shipped_db_url, tmp_path) -> Iterator[str]:
    with live_server(app_on(shipped_db_url, tmp_path / "instance")) as url:
        yield url


@pytest.fixture
def browser(tmp_path) -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", f"--user-data-dir={tmp_path / 'chromium-profile'}",
                     "--window-size=390,844", "--force-prefers-reduced-motion"):
        options.add_argument(argument)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)),
                              options=options)
    driver.set_page_load_timeout(TIMEOUT)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def wait(driver: WebDriver) -> WebDriverWait:
    return WebDriverWait(driver, TIMEOUT)


def loaded(driver: WebDriver) -> None:
    wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")


def log_in(driver: WebDriver, server: str, email: str) -> None:
    driver.get(f"{server}/admin/login")
    loaded(driver)
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "login").click()
    wait(driver).until(lambda d: d.find_elements(By.ID, "services"))


def log_out(driver: WebDriver) -> None:
    driver.find_element(By.CSS_SELECTOR, "nav button.link").click()
    wait(driver).until(lambda d: d.find_elements(By.ID, "login-form"))


def flash(driver: WebDriver, expect: str) -> str:
    """The flash message once one saying ``expect`` is shown (the page before a click may
    still show the last one, or go stale while it is read)."""
    def shown(d: WebDriver) -> str | bool:
        try:
            texts = [e.text for e in d.find_elements(By.CSS_SELECTOR, ".flash")]
        except StaleElementReferenceException:
            return False
        return next((text for text in texts if expect in text), False)

    return wait(driver).until(shown)


def test_log_in_edit_check_review_and_revert(keepers_server, browser):
    server, db_url = keepers_server
    driver = browser
    driver.get(f"{server}/admin/")
    loaded(driver)
    assert driver.find_elements(By.ID, "login-form")  # sent to the login page
    log_in(driver, server, EDITOR)
    assert "Example Advice" not in driver.find_element(By.ID, "services").text
    driver.find_element(By.LINK_TEXT, "Example Pantry").click()
    loaded(driver)
    # The form fits a phone: nothing wider than the screen.
    assert driver.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth")

    hours = driver.find_element(By.ID, "place-0-opening_times")
    hours.clear()
    hours.send_keys("Mon 25:00-26:00")
    driver.find_element(By.ID, "save").click()
    wait(driver).until(lambda d: d.find_elements(By.ID, "form-errors"))
    assert "is not a time range like Mon 10:00-12:00" in driver.find_element(
        By.ID, "place-0-opening_times-error").text

    hours = driver.find_element(By.ID, "place-0-opening_times")
    hours.clear()
    hours.send_keys("Tue 13:00-15:30")
    phone = driver.find_element(By.ID, "phone")
    phone.clear()
    phone.send_keys("01632 960999")
    driver.find_element(By.ID, "save").click()
    assert "Saved" in flash(driver, "Saved")
    assert driver.find_element(By.ID, "phone").get_attribute("value") == "01632 960999"

    driver.find_element(By.ID, "verify").click()
    assert "checked today" in flash(driver, "checked today")
    assert "(by editor)" in driver.find_element(By.ID, "last-checked").text

    log_out(driver)
    log_in(driver, server, ADMIN)
    driver.find_element(By.LINK_TEXT, "Review changes").click()
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".change"))
    change = driver.find_element(By.CSS_SELECTOR, ".change")
    assert EDITOR in change.text and "01632 960999" in change.text
    assert "Tue 13:00-15:30" in change.text
    change.find_element(By.CSS_SELECTOR, "button.revert").click()
    assert flash(driver, "Reverted") == "Reverted."
    driver.find_element(By.LINK_TEXT, "Services").click()
    driver.find_element(By.LINK_TEXT, "Example Pantry").click()
    loaded(driver)
    assert driver.find_element(By.ID, "phone").get_attribute("value") == "01632 960123"


def test_a_residents_wrong_report_shows_in_stale_records(keepers_server, browser):
    server, db_url = keepers_server
    database = make_engine(db_url)
    try:
        conversation = build_engine(database, "test-secret", clock=system_clock)
        texts = [r.text for r in conversation.handle(InboundMessage(
            Channel.SMS, "+447700900555", "food near LS9 8RU"))]
        assert "Example Pantry" in "\n".join(texts)
        reply = conversation.handle(InboundMessage(Channel.SMS, "+447700900555", "WRONG 1"))
        assert "Thank you for telling us" in reply[0].text
    finally:
        database.dispose()
    driver = browser
    log_in(driver, server, ADMIN)
    driver.find_element(By.LINK_TEXT, "Stale records").click()
    wait(driver).until(lambda d: d.find_elements(By.ID, "stale"))
    row = driver.find_element(By.ID, "stale-example-pantry")
    assert row.find_element(By.CSS_SELECTOR, ".reports").text == "1"
    assert "residents report it closed or wrong" in row.text


def test_save_as_test_downloads_a_script_check_flows_passes(sandbox_server, browser,
                                                            shipped_db_url):
    driver = browser
    driver.get(f"{sandbox_server}/sandbox")
    loaded(driver)
    for text in ("hello", "food", "LS9 8RU"):
        before = len(driver.find_elements(By.CSS_SELECTOR, ".bubble.bot"))
        box = driver.find_element(By.ID, "message")
        box.send_keys(text)
        driver.find_element(By.ID, "send").click()
        wait(driver).until(lambda d, n=before: len(d.find_elements(
            By.CSS_SELECTOR, ".bubble.bot")) > n)
    driver.find_element(By.ID, "save-test").click()
    saved = driver.downloads / "sandbox-flow.yaml"
    deadline = time.monotonic() + TIMEOUT
    while not saved.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert saved.exists()
    flow = load_flow(saved)
    assert [step.say for step in flow.steps] == ["hello", "food", "LS9 8RU"]
    assert all(step.expect for step in flow.steps)
    database = make_engine(shipped_db_url)
    try:
        conversation = build_engine(database, "test-secret", clock=system_clock)
        result = run_flow(flow, lambda text, location, now: [r.text for r in conversation.handle(
            InboundMessage(Channel.SANDBOX, "replay", text, None, None, now))])
    finally:
        database.dispose()
    assert result.passed, result.failures
