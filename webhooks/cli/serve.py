"""``signpost run``: serve the app (sandbox, webhooks, health check) with gunicorn, quietly."""

from __future__ import annotations

import argparse
import os

from gunicorn.app.base import BaseApplication

from webhooks.cli.common import EXIT_OK, load_app
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


def cmd_run(args: argparse.Namespace) -> int:
    app = load_app(serving=True)
    host = args.host or os.environ.get("HOST", "127.0.0.1")
    port = args.port or int(os.environ.get("PORT", "5000"))
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
