"""A fake ORUK feed on 127.0.0.1 (the network edge of ``signpost directory sync``), and the app
served on a real local port."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from flask import Flask
from werkzeug.serving import make_server

from tests.support.live_server import serving


class FakeFeed:
    """Serves ``services`` (ORUK 3.0 objects, or v1 when ``v1``) at ``/services``, ``per_page``
    at most (whatever is asked), and each at ``/services/{id}``.

    ``faults[page]`` is a list of faults served, one a request, before the page itself:
    ``"500"``, ``"garbage"`` (a half-written JSON page) or ``"slow"`` (an answer after
    ``slow_seconds``). ``requests`` lists every path asked for."""

    def __init__(self, services: list[dict[str, Any]], v1: bool = False,
                 per_page: int = 2) -> None:
        self.services = services
        self.v1 = v1
        self.per_page = per_page
        self.faults: dict[int, list[str]] = {}
        self.slow_seconds = 1.0
        self.requests: list[str] = []

    def page(self, number: int) -> dict[str, Any]:
        size = self.per_page
        items = self.services[(number - 1) * size:number * size]
        pages = max(1, -(-len(self.services) // size))
        if self.v1:
            return {"totalElements": len(self.services), "totalPages": pages,
                    "number": number, "size": len(items), "first": number == 1,
                    "last": number >= pages, "empty": not items, "content": items}
        listed = [{k: v for k, v in s.items() if not isinstance(v, list)} for s in items]
        return {"total_items": len(self.services), "total_pages": pages,
                "page_number": number, "size": len(items), "first_page": number == 1,
                "last_page": number >= pages, "empty": not items, "contents": listed}

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[int, bytes, float]:
        """(status, body, delay) for one request."""
        self.requests.append(path)
        if path == "/services":
            number = int(query.get("page", ["1"])[0])
            queue = self.faults.get(number, [])
            fault = queue.pop(0) if queue else ""
            if fault == "500":
                return 500, b"oops", 0.0
            body = json.dumps(self.page(number)).encode()
            if fault == "garbage":
                return 200, body[: len(body) // 2], 0.0
            return 200, body, self.slow_seconds if fault == "slow" else 0.0
        if path.startswith("/services/"):
            wanted = path.removeprefix("/services/")
            for service in self.services:
                if service["id"] == wanted:
                    return 200, json.dumps(service).encode(), 0.0
        return 404, b"{}", 0.0


@contextmanager
def serve_feed(feed: FakeFeed) -> Iterator[str]:
    """Serve ``feed`` on a free local port; yields its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the http.server name)
            parts = urlsplit(self.path)
            status, body, delay = feed.answer(unquote(parts.path), parse_qs(parts.query))
            if delay:
                time.sleep(delay)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (the timeout test)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with serving(server) as url:
        yield url


@contextmanager
def serve_app(app: Flask) -> Iterator[str]:
    """Serve a Flask app on a free local port (as tests/browser does); yields its base URL."""
    with serving(make_server("127.0.0.1", 0, app, threaded=True)) as url:
        yield url
