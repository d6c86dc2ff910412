"""The feed client against a hostile server on 127.0.0.1: huge bodies, gzip bombs, a slow drip,
redirects to another site and JSON nested too deeply (issue 26, findings 6 and 11)."""

from __future__ import annotations

import gzip
import json
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from directory.importing.feeds import FeedError
from tests.support.live_server import serving
from webhooks.feed_client import FeedClient

PAGE = json.dumps({"contents": [], "total_pages": 1}).encode()
Answer = Callable[[BaseHTTPRequestHandler], None]


@contextmanager
def serve(answer: Answer) -> Iterator[str]:
    """A server whose every GET is answered by ``answer(handler)``; yields its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the http.server name)
            with suppress(BrokenPipeError, ConnectionResetError):
                answer(self)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with serving(server) as url:
        yield url


def send(handler: BaseHTTPRequestHandler, body: bytes, status: int = 200,
         **headers: str) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body)))
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.end_headers()
    handler.wfile.write(body)


def client(**options) -> FeedClient:
    return FeedClient(**({"timeout": 2.0, "attempts": 1, "backoff": 0.0} | options))


def peak_while(call: Callable[[], Any]) -> tuple[Any, int]:
    """(what ``call`` raised or returned, the peak bytes Python allocated meanwhile)."""
    tracemalloc.start()
    try:
        try:
            outcome: Any = call()
        except Exception as exc:  # noqa: BLE001 (the outcome is what the test checks)
            outcome = exc
        return outcome, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_body_over_the_cap_is_refused_without_reading_it_all():
    cap = 1024 * 1024
    chunk = b" " * 65536

    def chunked(handler):  # no Content-Length: only streaming can notice the size
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.end_headers()
        for _ in range(8 * 16):  # 8 MB
            handler.wfile.write(chunk)

    with serve(chunked) as url, client(max_bytes=cap) as fetch:
        outcome, peak = peak_while(lambda: fetch(url + "/services"))
    assert isinstance(outcome, FeedError) and "over" in str(outcome)
    assert peak < 4 * cap


def test_a_gzip_bomb_stops_at_the_cap_as_decoded():
    cap = 1024 * 1024
    bomb = gzip.compress(b" " * (64 * 1024 * 1024))  # about 64 KB sent, 64 MB decoded
    assert len(bomb) < cap

    with serve(lambda h: send(h, bomb, Content_Encoding="gzip")) as url, \
            client(max_bytes=cap) as fetch:
        outcome, peak = peak_while(lambda: fetch(url + "/services"))
    assert isinstance(outcome, FeedError) and "over" in str(outcome)
    assert peak < 8 * cap


def test_a_small_gzip_page_is_read():
    with serve(lambda h: send(h, gzip.compress(PAGE), Content_Encoding="gzip")) as url, \
            client() as fetch:
        assert fetch(url + "/services") == json.loads(PAGE)


def test_a_slow_drip_ends_at_the_page_time():
    def drip(handler):
        handler.send_response(200)
        handler.send_header("Content-Length", "1000")
        handler.end_headers()
        for _ in range(1000):
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(0.1)  # each read is well inside the 2 s timeout

    started = time.monotonic()
    with serve(drip) as url, client(page_seconds=1.0) as fetch, \
            pytest.raises(FeedError, match="took over 1 s"):
        fetch(url + "/services")
    assert time.monotonic() - started < 5


def test_a_redirect_to_another_site_is_refused_and_named():
    with serve(lambda h: send(h, PAGE)) as elsewhere:
        def moved(handler):
            send(handler, b"", 302, Location=elsewhere + "/services")

        with serve(moved) as url, client() as fetch, \
                pytest.raises(FeedError, match="another site") as caught:
            fetch(url + "/services")
    assert elsewhere in str(caught.value)


def test_a_redirect_within_the_feeds_own_site_is_followed():
    def answer(handler):
        if handler.path.startswith("/old"):
            send(handler, b"", 301, Location="/new/services")
        else:
            send(handler, PAGE)

    with serve(answer) as url, client() as fetch:
        assert fetch(url + "/old/services") == json.loads(PAGE)


def test_json_nested_too_deeply_is_a_clear_feed_error():
    deep = b"[" * 200_000 + b"]" * 200_000
    with serve(lambda h: send(h, deep)) as url, client() as fetch, \
            pytest.raises(FeedError, match="nested too deeply"):
        fetch(url + "/services")
