"""``signpost run``: serve the app (sandbox, webhooks, health check) with gunicorn, quietly."""

from __future__ import annotations

import argparse
import errno
import os
import socket
import sys

from gunicorn.app.base import BaseApplication

from webhooks.cli.common import EXIT_OK, EXIT_PROBLEM, load_app
from webhooks.services import services


class QuietGunicorn(BaseApplication):
    """The Procfile's server, in-process: one worker with a few threads, warnings only."""

    def __init__(self, app, bind: str, threads: int = 4) -> None:
        self.application = app
        self.options = {"bind": bind, "workers": 1, "worker_class": "gthread",
                        "threads": threads, "loglevel": "warning", "accesslog": None}
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


def port_problem(host: str, port: int) -> str | None:
    """Why gunicorn could not listen on ``host:port`` (taken, not allowed, not this machine's
    address), in words, or None when it can. Tried with gunicorn's own socket option, so a port
    only lingering after a stop (TIME_WAIT) is not called taken."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError):
        return f"{host} is not an address of this machine. Choose another: HOST=127.0.0.1"
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return (f"Port {port} on {host} is already in use, perhaps by another "
                        "Leeds Signpost. Stop that one, or choose another port: "
                        f"PORT={_other(port)} make run (or signpost run --port {_other(port)})")
            if exc.errno == errno.EACCES:
                return (f"This user may not listen on port {port}. Choose a port above 1023: "
                        "PORT=5001 make run (or signpost run --port 5001)")
            return (f"Cannot listen on {host}:{port} ({exc.strerror}). Choose another address "
                    "or port: HOST=127.0.0.1 PORT=5001 make run")
    return None


def _other(port: int) -> int:
    return port + 1 if port < 65535 else 5001


def cmd_run(args: argparse.Namespace) -> int:
    host = args.host or os.environ.get("HOST", "127.0.0.1")
    port = args.port or int(os.environ.get("PORT", "5000"))
    problem = port_problem(host, port)
    if problem:  # said once, before gunicorn would retry and log the error five times
        print(problem, file=sys.stderr)
        return EXIT_PROBLEM
    app = load_app(serving=True)
    base = f"http://{host}:{port}"
    print(f"Leeds Signpost is running at {base}/")
    settings = services(app).settings
    if settings.sandbox_enabled:
        print(f"  Try the conversation in the sandbox: {base}/sandbox")
    print(f"  Health check: {base}/healthz")
    print("  Press Ctrl+C to stop.", flush=True)
    services(app).database.dispose()  # the worker opens its own connections
    QuietGunicorn(app, f"{host}:{port}").run()
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``signpost run``."""
    run = commands.add_parser("run", help="serve the app (sandbox, webhooks, health check)")
    run.add_argument("--host")
    run.add_argument("--port", type=int)
    run.set_defaults(func=cmd_run)
