"""The HTTP side of ``signpost directory sync``: fetch a feed page as JSON, with timeouts and
retries (a timeout, a dropped connection, a 5xx or 429, or a page that is not JSON).

Limits, whatever the feed sends:
    - a page is streamed and given up at ``max_bytes``, counted both as sent and as decoded
      (a small gzip that unpacks to gigabytes stops at the cap, never in memory);
    - a page must arrive whole within ``page_seconds``, however slowly it drips;
    - redirects are followed only within the feed's own origin (scheme, host and port); a
      redirect elsewhere is refused, saying where it pointed;
    - JSON nested too deeply to read is refused with a clear line, not a traceback.
"""

from __future__ import annotations

import json
import time
import zlib
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from core.errors import Outage
from directory.importing.feeds import FeedError

#: The largest page read: a city's whole directory in one page is a few MB.
MAX_PAGE_BYTES = 50 * 1024 * 1024
#: Longest wait a 429's Retry-After may ask for.
MAX_RETRY_AFTER = 60.0
#: Longest a whole page may take to arrive, however slowly it comes.
PAGE_SECONDS = 120.0
#: Redirects followed within the feed's origin before giving up.
MAX_REDIRECTS = 5


class _Late(Outage):
    """The page did not arrive whole within its time."""


def origin(url: str) -> tuple[str, str]:
    """(scheme, host:port) of an address: two addresses with equal origins are one site."""
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme, 0)
    return parts.scheme.lower(), f"{(parts.hostname or '').lower()}:{port}"


class FeedClient:
    """``client(url)`` is the page's JSON, or FeedError after ``attempts`` tries."""

    def __init__(self, timeout: float = 20.0, attempts: int = 4, backoff: float = 1.0,
                 sleep: Callable[[float], None] = time.sleep, max_bytes: int = MAX_PAGE_BYTES,
                 page_seconds: float = PAGE_SECONDS) -> None:
        self.attempts = attempts
        self.backoff = backoff
        self.sleep = sleep
        self.max_bytes = max_bytes
        self.page_seconds = page_seconds
        self.http = httpx.Client(timeout=timeout, follow_redirects=False, headers={
            "Accept": "application/json", "Accept-Encoding": "gzip, deflate",
            "User-Agent": "LeedsSignpost-sync/1"})

    def __enter__(self) -> FeedClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.http.close()

    def __call__(self, url: str) -> Any:
        problem = ""
        for attempt in range(1, self.attempts + 1):
            wait, problem = self._try(url)
            if wait is None:
                return problem
            if attempt < self.attempts:
                self.sleep(wait if wait else self.backoff * 2 ** (attempt - 1))
        raise FeedError(f"{url}: {problem} (tried {self.attempts} times)")

    def _try(self, url: str) -> tuple[float | None, Any]:
        """(None, the JSON) when it worked; else (seconds to wait or 0, what went wrong)."""
        deadline = time.monotonic() + self.page_seconds
        try:
            status, body, retry_after = self._get(url, deadline)
        except httpx.TimeoutException:
            return 0.0, "timed out"
        except _Late:
            return 0.0, f"the page took over {self.page_seconds:g} s to arrive"
        except httpx.TransportError as exc:
            return 0.0, f"could not connect ({type(exc).__name__})"
        if status == 429:
            return retry_after, "HTTP 429 (too many requests)"
        if status >= 500:
            return 0.0, f"HTTP {status}"
        if status != 200:
            raise FeedError(f"{url}: HTTP {status}")
        try:
            return None, json.loads(body)
        except RecursionError:
            raise FeedError(f"{url}: the page's JSON is nested too deeply to read") from None
        except ValueError:
            return 0.0, "the page is not JSON"

    def _get(self, url: str, deadline: float) -> tuple[int, bytes, float]:
        """(status, decoded body, Retry-After seconds), following same-origin redirects."""
        target = url
        for _ in range(MAX_REDIRECTS + 1):
            with self.http.stream("GET", target) as response:
                if response.is_redirect:
                    location = urljoin(target, response.headers.get("Location", ""))
                    if origin(location) != origin(url):
                        raise FeedError(f"{url}: redirected to another site ({location}): not "
                                        "followed; sync from that address if it is the feed")
                    target = location
                    continue
                if response.status_code != 200:
                    return response.status_code, b"", _retry_after(response)
                return 200, self._body(url, response, deadline), 0.0
        raise FeedError(f"{url}: more than {MAX_REDIRECTS} redirects")

    def _body(self, url: str, response: httpx.Response, deadline: float) -> bytes:
        """The body, streamed: FeedError past ``max_bytes`` (as sent or as decoded)."""
        too_big = FeedError(f"{url}: the page is over {self.max_bytes // (1024 * 1024)} MB"
                            if self.max_bytes >= 1024 * 1024 else
                            f"{url}: the page is over {self.max_bytes} bytes")
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise too_big
        encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
        if encoding in ("gzip", "x-gzip", "deflate"):
            inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib, by its header
        elif encoding in ("", "identity"):
            inflater = None
        else:
            raise FeedError(f"{url}: the page is sent in an encoding sync does not read "
                            f"({encoding})")
        sent, parts, size = 0, [], 0
        for chunk in response.iter_raw():
            if time.monotonic() > deadline:
                raise _Late
            sent += len(chunk)
            if sent > self.max_bytes:
                raise too_big
            if inflater is not None:
                try:
                    chunk = inflater.decompress(chunk, self.max_bytes - size + 1)
                except zlib.error:
                    raise FeedError(f"{url}: the page's {encoding} data is broken") from None
                if inflater.unconsumed_tail:
                    raise too_big
            size += len(chunk)
            if size > self.max_bytes:
                raise too_big
            parts.append(chunk)
        if time.monotonic() > deadline:
            raise _Late
        return b"".join(parts)


def _retry_after(response: httpx.Response) -> float:
    try:
        return min(MAX_RETRY_AFTER, max(0.0, float(response.headers.get("Retry-After", ""))))
    except ValueError:
        return 0.0
