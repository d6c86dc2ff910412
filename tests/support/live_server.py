"""One way to serve an app on a free loopback port for tests that need a real HTTP server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from werkzeug.serving import make_server

from webhooks.services import services

#: How long shutting the server down may wait for its thread.
TIMEOUT = 30


@contextmanager
def live_server(app: Flask) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 (a free port, threaded); yields the base URL. Afterwards the
    server is shut and the app's database connections are closed."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        thread.join(TIMEOUT)
        httpd.server_close()
        services(app).database.dispose()
