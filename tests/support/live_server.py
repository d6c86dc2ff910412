"""One way to serve on a free loopback port for tests that need a real HTTP server: ``serving``
runs any socketserver-style server in a thread; ``live_server`` serves a Flask app with it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from socketserver import BaseServer

from flask import Flask
from werkzeug.serving import make_server

from webhooks.services import services

#: How long shutting the server down may wait for its thread.
TIMEOUT = 30


#: How often a serving thread looks for a shutdown (the default, half a second, made every
#: test that stopped a server wait about that long).
POLL = 0.02


@contextmanager
def serving(server: BaseServer) -> Iterator[str]:
    """Serve ``server`` (bound to 127.0.0.1) in a thread; yields its base URL, then shuts it."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": POLL},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        thread.join(TIMEOUT)
        server.server_close()


@contextmanager
def live_server(app: Flask) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 (a free port, threaded); yields the base URL. Afterwards the
    server is shut and the app's database connections are closed."""
    try:
        with serving(make_server("127.0.0.1", 0, app, threaded=True)) as url:
            yield url
    finally:
        services(app).database.dispose()
