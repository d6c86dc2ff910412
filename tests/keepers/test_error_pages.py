"""Issue 31: error pages in the site's look, in plain words, with a link home; a favicon; a
home page for a browser at ``/``. The API and the webhooks keep their machine answers."""

from __future__ import annotations

import struct
from pathlib import Path

from tests.keepers.helpers import OTHER_EDITOR, log_in

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
FLASK_WORDS = ("read-protected", "requested URL", "The browser (or proxy)", "Werkzeug")


def _page(response) -> str:
    page = response.get_data(as_text=True)
    assert response.mimetype == "text/html"
    assert 'href="/static/admin.css"' in page and 'rel="icon"' in page  # the site's look
    assert 'href="/">Go to the Leeds Signpost home page</a>' in page
    assert not any(words in page for words in FLASK_WORDS)
    return page


def test_a_missing_page_is_the_sites_page_with_a_link_home(client):
    response = client.get("/no-such-page", headers=BROWSER)
    assert response.status_code == 404
    page = _page(response)
    assert "<h1>Page not found</h1>" in page
    assert "directory keepers' pages" not in page


def test_403_says_plainly_whose_page_it_is_and_links_back(client):
    log_in(client, OTHER_EDITOR)
    response = client.get("/admin/services/example-pantry", headers=BROWSER)
    assert response.status_code == 403
    page = _page(response)
    assert "<h1>You cannot open this page</h1>" in page
    assert 'href="/admin/">back to the directory keepers\' pages</a>' in page
    assert client.get("/admin/no-such-page").status_code == 404


def test_405_keeps_its_allow_header(client):
    response = client.delete("/admin/login", headers=BROWSER)
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
    _page(response)


def test_a_form_sent_without_its_token_asks_to_try_again(client):
    response = client.post("/admin/login", data={"email": "editor@example.org"})
    assert response.status_code == 400
    assert "<h1>Please try that again</h1>" in _page(response)


def test_the_api_and_the_webhooks_keep_their_machine_answers(client):
    missing = client.get("/oruk/services/no-such-service", headers=BROWSER)
    assert missing.status_code == 404 and missing.get_json()["error"]
    hook = client.get("/webhooks/no-such-hook", headers=BROWSER)
    assert hook.status_code == 404
    assert "Leeds Signpost home page" not in hook.get_data(as_text=True)


def test_the_favicon_is_served_and_linked(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon.mimetype == "image/vnd.microsoft.icon"
    reserved, kind, count = struct.unpack("<HHH", icon.data[:6])
    assert (reserved, kind, count) == (0, 1, 1)
    assert icon.data[22:30] == b"\x89PNG\r\n\x1a\n"
    svg = client.get("/static/favicon.svg")
    assert svg.status_code == 200 and b"<svg" in svg.data
    templates = Path(__file__).resolve().parents[2] / "webhooks" / "templates"
    for name in ("admin/base.html", "sandbox.html", "page.html"):
        assert "favicon.svg" in (templates / name).read_text(encoding="utf-8"), name


def test_home_is_a_page_for_a_browser_and_json_for_programs(client):
    assert client.get("/").get_json()["oruk"] == "/oruk/"
    page = client.get("/", headers=BROWSER).get_data(as_text=True)
    assert 'href="/sandbox/">Try the bot in the sandbox</a>' in page
    assert 'href="/admin/">Directory keepers</a>' in page
