"""The sandbox's language selector in a real headless Chromium (issue 29): a conversation
started in Arabic shows its replies right to left, in Arabic, with a draft mark listing the
English, and UCS-2 SMS badges without the "not GSM-7" warning."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from tests.browser.test_sandbox_browser import (  # noqa: F401 (fixtures)
    browser,
    open_sandbox,
    say,
    server,
)

ARABIC_NEAR = "Leeds Signpost: قرب LS9 8RU"


def test_a_conversation_started_in_arabic_is_drawn_in_arabic_with_its_drafts_marked(
        browser, server):  # noqa: F811
    open_sandbox(browser, server)
    Select(browser.find_element(By.ID, "language")).select_by_value("ar")
    bubbles = say(browser, "food near LS9 8RU")
    page = bubbles[-1]
    body = page.find_element(By.CSS_SELECTOR, ".reply-body")
    assert body.get_attribute("lang") == "ar" and body.get_attribute("dir") == "auto"
    assert ARABIC_NEAR in page.text
    badges = [b.text for b in page.find_elements(By.CSS_SELECTOR, ".sms-badge")]
    assert badges and all(b.endswith("UCS-2") for b in badges)
    assert not page.find_elements(By.CSS_SELECTOR, ".sms-warning")  # UCS-2 is expected here
    mark = page.find_element(By.CSS_SELECTOR, ".draft-note")
    assert mark.text.startswith("Draft translation (")
    assert "Leeds Signpost: near {place}" in mark.get_attribute("title")
    resident = browser.find_elements(By.CSS_SELECTOR, ".bubble.resident")[0]
    assert "In العربية (Arabic)" in resident.text
    follow = say(browser, "1")  # the language stays without being sent again
    assert follow[-1].find_element(By.CSS_SELECTOR, ".reply-body").get_attribute("lang") == "ar"
    assert not browser.find_elements(By.CSS_SELECTOR, ".bubble.resident")[1].text.count("In ")
