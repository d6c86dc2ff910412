"""Read another directory's ORUK API page by page (ORUK 3.0 ``contents`` or v1 ``content``).

Nothing here speaks HTTP: the caller passes ``fetch(url) -> parsed JSON``, which retries as it
sees fit and raises :class:`FeedError` when a page cannot be had.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from core.errors import Outage
from directory.formats import oruk_json, oruk_v1
from directory.formats.values import text

Fetch = Callable[[str], Any]
#: (done, total): pages read so far and the pages the feed says it has.
Progress = Callable[[int, int], None]
PER_PAGE = 100
#: A feed that never says it is on its last page is read no further than this.
MAX_PAGES = 5000


class FeedError(Outage):
    """A feed page that could not be read (after retries), or is not an ORUK services page."""


def services_url(feed_url: str) -> str:
    """The feed's ``/services`` address: ``https://x/oruk`` becomes ``https://x/oruk/services``."""
    parts = urlsplit(feed_url.strip())
    path = parts.path.rstrip("/")
    if not path.endswith("/services"):
        path += "/services"
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def page_url(services: str, page: int, per_page: int = PER_PAGE) -> str:
    """The address of one page (``full=true`` asks an ORUK 3.0 API for nested services)."""
    parts = urlsplit(services)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in ("page", "per_page", "full")]
    query += [("page", str(page)), ("per_page", str(per_page)), ("full", "true")]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def _page(data: Any, number: int) -> tuple[str, list[Any], bool]:
    """(format, items, is the last page) of one page."""
    if isinstance(data, dict) and "contents" in data:
        fmt, items, total = oruk_json.NAME, data["contents"], data.get("total_pages")
        last = data.get("last_page") is True
    elif isinstance(data, dict) and "content" in data:
        fmt, items, total = oruk_v1.NAME, data["content"], data.get("totalPages")
        last = data.get("last") is True
    else:
        raise FeedError(f"page {number} is not an ORUK services page ('contents' or 'content')")
    if not isinstance(items, list):
        raise FeedError(f"page {number}: the services are not a list")
    if isinstance(total, int) and not isinstance(total, bool) and number >= total:
        last = True
    return fmt, items, last or not items


def read_feed(feed_url: str, fetch: Fetch, progress: Progress | None = None,
              per_page: int = PER_PAGE) -> tuple[str, list[Any]]:
    """(format name, every service object) of a feed, read page by page.

    ORUK 3.0 services listed without their nested parts are fetched one by one from
    ``/services/{id}``. FeedError when any page cannot be read: a half-read feed is never used.
    """
    services = services_url(feed_url)
    fmt, items, previous = "", [], None
    for number in range(1, MAX_PAGES + 1):
        data = fetch(page_url(services, number, per_page))
        kind, page_items, last = _page(data, number)
        if fmt and kind != fmt:
            raise FeedError(f"page {number} is {kind}, but page 1 was {fmt}")
        fmt = kind
        ids = [text(i.get("id")) if isinstance(i, dict) else "" for i in page_items]
        if ids and ids == previous:
            break  # the feed ignores ``page``: it sends the same page again
        previous = ids
        items += page_items
        if progress:
            total = data.get("total_pages") if fmt == oruk_json.NAME else data.get("totalPages")
            progress(number, total if isinstance(total, int) and total >= number else number)
        if last:
            break
    if fmt == oruk_json.NAME:
        items = [_nested(services, item, fetch) for item in items]
    return fmt, items


def _nested(services: str, item: Any, fetch: Fetch) -> Any:
    """A listed ORUK 3.0 service with its nested parts (fetched when the page left them out)."""
    if not isinstance(item, dict) or "service_at_locations" in item or not text(item.get("id")):
        return item
    return fetch(f"{services}/{quote(text(item['id']), safe='')}")
