"""The HTTP side of ``signpost directory sync``: fetch a feed page as JSON, with timeouts and
retries (a timeout, a dropped connection, a 5xx or 429, or a page that is not JSON)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx

from directory.importing.feeds import FeedError

#: The largest page read: a city's whole directory in one page is a few MB.
MAX_PAGE_BYTES = 50 * 1024 * 1024
#: Longest wait a 429's Retry-After may ask for.
MAX_RETRY_AFTER = 60.0


class FeedClient:
    """``client(url)`` is the page's JSON, or FeedError after ``attempts`` tries."""

    def __init__(self, timeout: float = 20.0, attempts: int = 4, backoff: float = 1.0,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.attempts = attempts
        self.backoff = backoff
        self.sleep = sleep
        self.http = httpx.Client(timeout=timeout, follow_redirects=True, headers={
            "Accept": "application/json", "User-Agent": "LeedsSignpost-sync/1"})

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
        try:
            response = self.http.get(url)
        except httpx.TimeoutException:
            return 0.0, "timed out"
        except httpx.TransportError as exc:
            return 0.0, f"could not connect ({type(exc).__name__})"
        if response.status_code == 429:
            return _retry_after(response), "HTTP 429 (too many requests)"
        if response.status_code >= 500:
            return 0.0, f"HTTP {response.status_code}"
        if response.status_code != 200:
            raise FeedError(f"{url}: HTTP {response.status_code}")
        if len(response.content) > MAX_PAGE_BYTES:
            raise FeedError(f"{url}: the page is over {MAX_PAGE_BYTES // (1024 * 1024)} MB")
        try:
            return None, response.json()
        except ValueError:
            return 0.0, "the page is not JSON"


def _retry_after(response: httpx.Response) -> float:
    try:
        return min(MAX_RETRY_AFTER, max(0.0, float(response.headers.get("Retry-After", ""))))
    except ValueError:
        return 0.0
