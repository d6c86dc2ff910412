"""The sandbox page in a real headless Chromium: a whole conversation, the SMS / Telegram
switch, inline buttons and map pins, Reset, errors, and screenshots at phone and desktop
width."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.screenshots import check_screenshot
from tests.clock import FakeClock
from tests.support.live_server import live_server
from webhooks import create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip("needs Debian's chromium and chromium-driver (/usr/bin/chromium, "
                "/usr/bin/chromedriver)", allow_module_level=True)

TIMEOUT = 30
BADGE = re.compile(r"^(\d+) SMS segments?, (GSM-7|UCS-2)$")
ANSWERS = ".bubble.bot, .bubble.error, .bubble.note"


@pytest.fixture
def server(shipped_db_url, tmp_path) -> Iterator[str]:
    """The app served on a free local port; yields its base URL."""
    app = create_app({"database_url": shipped_db_url, "instance_path": tmp_path / "instance",
                      "secret_key": "test-secret"})
    with live_server(app) as url:
        yield url


@pytest.fixture
def server_at(shipped_db_url, tmp_path) -> Iterator[str]:
    """The app on the project's fake clock (the follow-up test moves only the pretend time)."""
    app = create_app({"database_url": shipped_db_url, "instance_path": tmp_path / "instance",
                      "secret_key": "test-secret"}, clock=FakeClock(dt.datetime(2026, 11, 23, 9)))
    with live_server(app) as url:
        yield url


@pytest.fixture
def browser(tmp_path) -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", f"--user-data-dir={tmp_path / 'chromium-profile'}",
                     "--window-size=390,844",
                     # Instant scrolling: a click never lands while the page is still moving.
                     "--force-prefers-reduced-motion"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)),
                              options=options)
    driver.set_page_load_timeout(TIMEOUT)
    try:
        yield driver
    finally:
        driver.quit()


def wait(driver: WebDriver):
    return WebDriverWait(driver, TIMEOUT)


def open_sandbox(driver: WebDriver, server: str) -> None:
    driver.get(f"{server}/sandbox")
    wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")
    assert driver.title == "Leeds Signpost sandbox"


def answers(driver: WebDriver) -> list[WebElement]:
    return driver.find_elements(By.CSS_SELECTOR, ANSWERS)


def await_answer(driver: WebDriver, before: int) -> list[WebElement]:
    """The bubbles the page added after ``before`` answers; fails on an error bubble."""
    wait(driver).until(lambda d: len(answers(d)) > before)
    new = answers(driver)[before:]
    wait(driver).until(lambda d: all(bubble.is_displayed() and bubble.text for bubble in new))
    errors = [b.text for b in new if "error" in (b.get_attribute("class") or "").split()]
    assert not errors, errors
    return new


def residents_of(driver: WebDriver) -> list[WebElement]:
    return driver.find_elements(By.CSS_SELECTOR, ".bubble.resident")


def say(driver: WebDriver, text: str) -> list[WebElement]:
    before = len(answers(driver))
    residents = len(residents_of(driver))
    box = driver.find_element(By.ID, "message")
    box.send_keys(text, Keys.ENTER)
    wait(driver).until(lambda d: len(residents_of(d)) > residents
                       and text in residents_of(d)[-1].text)
    assert box.get_attribute("value") == ""
    return await_answer(driver, before)


def choose_view(driver: WebDriver, view: str) -> None:
    """Pick "sms", "telegram" or "whatsapp" with the switch, as a volunteer would (by its label)."""
    driver.find_element(By.CSS_SELECTOR, f"label[for='view-{view}']").click()
    radio = driver.find_element(By.ID, f"view-{view}")
    assert radio.is_selected()
    wait(driver).until(lambda d: all(
        bubble.find_elements(By.CSS_SELECTOR, f".{view}-view")
        for bubble in d.find_elements(By.CSS_SELECTOR, ".bubble.bot")))


def press(driver: WebDriver, bubbles: list[WebElement], label: str) -> list[WebElement]:
    """Press a Telegram button (keyboard or inline) whose label is ``label``."""
    buttons = [button for bubble in bubbles
               for button in bubble.find_elements(
                   By.CSS_SELECTOR, ".telegram-view .choice, .telegram-view .inline-button")
               if button.text.strip() == label]
    assert buttons, f"no {label!r} button in {[b.text for b in bubbles]}"
    before = len(answers(driver))
    # Clear of the sticky message box, as a volunteer would scroll it.
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", buttons[-1])
    buttons[-1].click()
    return await_answer(driver, before)


def text_of(bubbles: list[WebElement]) -> str:
    return "\n".join(piece.text for b in bubbles
                     for piece in b.find_elements(By.CSS_SELECTOR, ".reply-text"))


def choices_of(bubbles: list[WebElement]) -> list[str]:
    return [button.text.strip() for bubble in bubbles
            for button in bubble.find_elements(By.CSS_SELECTOR, ".choice, .inline-button")]


def shown_once(bubbles: list[WebElement], view: str) -> None:
    """Each reply is drawn once, in the chosen view only."""
    for bubble in bubbles:
        views = bubble.find_elements(By.CSS_SELECTOR, ".view")
        assert len(views) == 1, bubble.text
        assert f"{view}-view" in views[0].get_attribute("class").split()


def times_shown(driver: WebDriver, text: str) -> int:
    """How often ``text`` is visible in the transcript (rendered text, not hidden nodes)."""
    shown = driver.execute_script(
        "return document.getElementById('transcript').innerText")
    return shown.count(text)


def check_sms_view(bubbles: list[WebElement]) -> list[tuple[int, str]]:
    """Every reply shows as the SMS texts it is sent as, each with a readable badge."""
    shown_once(bubbles, "sms")
    sizes = []
    for bubble in bubbles:
        sms = bubble.find_element(By.CSS_SELECTOR, ".sms-view")
        pieces = sms.find_elements(By.CSS_SELECTOR, ".sms-piece")
        assert pieces, bubble.text
        for piece in pieces:
            assert piece.find_element(By.CSS_SELECTOR, ".reply-text").text
            badge = piece.find_element(By.CSS_SELECTOR, ".sms-badge")
            match = BADGE.match(badge.text)
            assert match, badge.text
            segments, encoding = int(match.group(1)), match.group(2)
            warned = "warn" in (badge.get_attribute("class") or "").split()
            assert warned == (encoding != "GSM-7" or segments > 3)
            assert bool(piece.find_elements(By.CSS_SELECTOR, ".sms-warning")) == warned
            sizes.append((segments, encoding))
        # SMS has no buttons: the resident types the answer.
        assert not sms.find_elements(By.CSS_SELECTOR, "button")
    return sizes


def test_a_whole_conversation(server, browser):
    driver = browser
    open_sandbox(driver, server)
    assert driver.find_element(By.ID, "send").is_displayed()

    menu = say(driver, "hello")
    check_sms_view(menu)
    assert times_shown(driver, "What can we help you find?") == 1
    choose_view(driver, "telegram")
    shown_once(menu, "telegram")
    assert times_shown(driver, "What can we help you find?") == 1
    assert "Food" in choices_of(menu)

    where = press(driver, menu, "Food")
    assert residents_of(driver)[-1].text.endswith("Food")
    assert "postcode" in text_of(where).lower()
    assert any(b.find_elements(By.CSS_SELECTOR, ".share-location") for b in where)

    # Pretend it is a Monday morning (set by script: typing into the picker depends on locale).
    driver.execute_script("document.getElementById('now').value = '2026-11-23T10:00';")
    results = say(driver, "LS9 8RU")
    assert "Pretending it is" in residents_of(driver)[-1].text
    assert "near LS9 8RU" in text_of(results)
    choose_view(driver, "sms")
    for segments, encoding in check_sms_view(results):
        assert encoding == "GSM-7"
        assert 1 <= segments <= 3
    driver.execute_script("document.getElementById('now-clear').click();")
    assert driver.find_element(By.ID, "now").get_attribute("value") == ""

    more = say(driver, "MORE")
    assert text_of(more)
    check_sms_view(more)

    again = say(driver, "NEW")
    choose_view(driver, "telegram")
    assert "Food" in choices_of(again)

    crisis = say(driver, "I want to end it all")
    assert "116 123" in text_of(crisis)

    transcript = driver.find_element(By.ID, "transcript")
    assert transcript.find_elements(By.CSS_SELECTOR, ".bubble")
    driver.find_element(By.ID, "reset").click()
    wait(driver).until(lambda d: not transcript.find_elements(By.CSS_SELECTOR, ".bubble"))
    assert driver.find_element(By.ID, "empty-note").is_displayed()

    # A fresh session: the greeting again, not where the old conversation left off.
    fresh = say(driver, "hello")
    assert "Food" in choices_of(fresh)


def test_the_transcript_never_runs_message_text_as_html(server, browser):
    driver = browser
    open_sandbox(driver, server)
    say(driver, "<img src=x onerror=\"document.body.dataset.hacked='yes'\"> hello")
    assert driver.find_elements(By.CSS_SELECTOR, "#transcript img") == []
    assert driver.execute_script("return document.body.dataset.hacked || ''") == ""
    assert "<img" in residents_of(driver)[-1].text


def test_share_my_location_sends_the_browsers_position(server, browser):
    driver = browser
    open_sandbox(driver, server)
    driver.execute_cdp_cmd("Browser.grantPermissions", {
        "origin": server, "permissions": ["geolocation"]})
    driver.execute_cdp_cmd("Emulation.setGeolocationOverride", {
        "latitude": 53.8045, "longitude": -1.5169, "accuracy": 50})
    menu = say(driver, "hello")
    choose_view(driver, "telegram")
    where = press(driver, menu, "Food")
    before = len(answers(driver))
    share = [button for bubble in where
             for button in bubble.find_elements(By.CSS_SELECTOR, ".share-location")]
    share[-1].click()
    found = await_answer(driver, before)
    assert "53.80450, -1.51690" in residents_of(driver)[-1].text
    assert text_of(found)


def error_after(driver: WebDriver, before: int) -> WebElement:
    wait(driver).until(lambda d: len(answers(d)) > before)
    error = answers(driver)[-1]
    assert "error" in error.get_attribute("class").split()
    assert error.get_attribute("role") == "alert"
    return error


def test_api_errors_are_explained_not_blank(server, browser):
    driver = browser
    open_sandbox(driver, server)
    say(driver, "hello")
    # Too long for the API (the box normally stops this): the server's reason is shown.
    before = len(answers(driver))
    driver.execute_script("""
        const box = document.getElementById('message');
        box.removeAttribute('maxlength');
        box.value = 'x'.repeat(10001);
    """)
    driver.find_element(By.ID, "send").click()
    assert "at most 10000 characters" in error_after(driver, before).text

    # The network is gone: a kind explanation, and the page still works afterwards.
    driver.execute_script("""
        window.realFetch = window.fetch;
        window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    """)
    before = len(answers(driver))
    driver.find_element(By.ID, "message").send_keys("food", Keys.ENTER)
    assert "Could not reach" in error_after(driver, before).text
    driver.execute_script("window.fetch = window.realFetch;")
    assert "postcode" in text_of(say(driver, "food")).lower()


def test_telegram_shows_inline_buttons_and_a_map_pin(server, browser):
    driver = browser
    open_sandbox(driver, server)
    driver.execute_script("document.getElementById('now').value = '2026-11-23T10:00';")
    say(driver, "hello")
    results = say(driver, "food near LS9 8RU")
    check_sms_view(results)
    first_line = text_of(results).splitlines()[0]
    assert times_shown(driver, first_line) == 1

    choose_view(driver, "telegram")
    shown_once(results, "telegram")
    assert times_shown(driver, first_line) == 1
    page = results[-1]
    inline = [b.text.strip() for b in page.find_elements(By.CSS_SELECTOR, ".inline-button")]
    assert inline and inline[0].startswith("1) "), inline
    assert page.find_elements(By.CSS_SELECTOR, "[role=group][aria-label]")

    details = press(driver, results, inline[0])
    pressed = residents_of(driver)[-1]
    # Pressing sends the button's data, "1", as the next message.
    assert pressed.find_element(By.CSS_SELECTOR, ".resident-text").text == "1"
    assert f"Pressed \u201c{inline[0]}\u201d" in pressed.text
    assert "Address:" in text_of(details)
    cards = [card for bubble in details
             for card in bubble.find_elements(By.CSS_SELECTOR, ".venue-card")]
    assert len(cards) == 1
    pin = cards[0].find_element(By.CSS_SELECTOR, ".venue-line").text
    assert pin.startswith("Map pin: ")
    assert pin.removeprefix("Map pin: ").startswith(inline[0].removeprefix("1) "))
    assert re.search(r"LS\d+ \d[A-Z]{2}", pin), pin  # the address ends in its postcode

    # Back to SMS: the same replies, once each, with no map pin (SMS cannot send one).
    choose_view(driver, "sms")
    check_sms_view(details)
    assert not driver.find_elements(By.CSS_SELECTOR, ".venue-card")
    assert times_shown(driver, "Address:") == 1


def set_pretend_time(driver: WebDriver, value: str) -> None:
    """Move "Pretend it is" as the picker does (by script: typing depends on the locale)."""
    driver.execute_script("var box = document.getElementById('now'); box.value = arguments[0];"
                          "box.dispatchEvent(new Event('change'));", value)


def test_a_follow_up_arrives_when_the_pretend_time_passes_its_due_time(server_at, browser):
    driver = browser
    open_sandbox(driver, server_at)
    driver.execute_script("document.getElementById('now').value = '2026-11-23T10:00';")
    say(driver, "food bank near LS9 8RU")
    assert "We will text you once" in text_of(say(driver, "CHECK"))
    question = "Leeds Signpost: did you get help with food"

    set_pretend_time(driver, "2026-11-25T10:00")  # Wednesday: not due
    set_pretend_time(driver, "2026-11-26T10:00")  # Thursday 10:00: due
    wait(driver).until(lambda d: times_shown(d, question) == 1)
    notes = driver.find_elements(By.CSS_SELECTOR, ".bubble.note.later")
    assert len(notes) == 1 and "26 Nov 2026, 10:00" in notes[0].text  # asked in turn: Wed had none
    arrived = driver.find_elements(By.CSS_SELECTOR, ".bubble.bot")[-1]
    check_sms_view([arrived])

    choose_view(driver, "telegram")
    what = press(driver, [arrived], "2 No")
    assert "What happened?" in text_of(what)
    others = press(driver, what, "1 Closed")
    assert "Other places you could try:" in text_of(others)
    set_pretend_time(driver, "2026-11-26T11:00")
    say(driver, "hello")
    assert times_shown(driver, question) == 1  # once


def test_whatsapp_shows_bold_names_and_quick_reply_buttons(server, browser):
    driver = browser
    open_sandbox(driver, server)
    driver.execute_script("document.getElementById('now').value = '2026-11-23T10:00';")
    say(driver, "hello")
    results = say(driver, "food near LS9 8RU")
    choose_view(driver, "whatsapp")
    shown_once(results, "whatsapp")
    page = results[-1]
    bold = [b.text for b in page.find_elements(By.CSS_SELECTOR, ".whatsapp-view strong")]
    assert len(bold) == 3 and all(name and "*" not in name for name in bold), bold
    assert "*" not in text_of([page])  # the marks are drawn as bold, not shown
    buttons = page.find_elements(By.CSS_SELECTOR, ".whatsapp-view .inline-button")
    assert len(buttons) == 3 and all(len(b.text.strip()) <= 20 for b in buttons)
    before = len(answers(driver))
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", buttons[0])
    buttons[0].click()
    details = await_answer(driver, before)
    assert residents_of(driver)[-1].find_element(By.CSS_SELECTOR, ".resident-text").text == "1"
    assert "Address:" in text_of(details)


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 900)])
def test_screenshots_at_phone_and_desktop_width(server, browser, tmp_path, width, height):
    driver = browser
    driver.set_window_size(width, height)
    open_sandbox(driver, server)
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight, "
                                  "window.devicePixelRatio]")
    driver.execute_script("document.getElementById('now').value = '2026-11-23T10:00';")
    say(driver, "hello")
    results = say(driver, "food near LS9 8RU")
    check_sms_view(results)
    # Nothing wider than the screen, at either width.
    assert driver.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth")
    sms = tmp_path / f"sandbox-sms-{width}x{height}.png"
    assert driver.save_screenshot(str(sms))

    choose_view(driver, "telegram")
    first = results[-1].find_elements(By.CSS_SELECTOR, ".inline-button")[0].text.strip()
    details = press(driver, results, first)
    assert details[-1].find_elements(By.CSS_SELECTOR, ".venue-card")
    assert driver.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth")
    telegram = tmp_path / f"sandbox-telegram-{width}x{height}.png"
    assert driver.save_screenshot(str(telegram))

    expected = (round(inner[0] * inner[2]), round(inner[1] * inner[2]))
    for path in (sms, telegram):
        check_screenshot(path, *expected)
    assert sms.read_bytes() != telegram.read_bytes()
