"""``signpost run``: serve the app (sandbox, webhooks, health check)."""

from __future__ import annotations

import argparse
import os

from webhooks.cli.common import EXIT_OK, load_app


def cmd_run(args: argparse.Namespace) -> int:
    app = load_app()
    host = args.host or os.environ.get("HOST", "127.0.0.1")
    port = args.port or int(os.environ.get("PORT", "5000"))
    base = f"http://{host}:{port}"
    print(f"Leeds Signpost is running at {base}/")
    settings = app.extensions["signpost"]["settings"]
    if settings.sandbox_enabled:
        print(f"  Try the conversation in the sandbox: {base}/sandbox")
    print(f"  Health check: {base}/healthz")
    print("  Press Ctrl+C to stop.", flush=True)
    app.run(host=host, port=port, debug=False, threaded=True, use_reloader=False)
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``signpost run``."""
    run = commands.add_parser("run", help="serve the app (sandbox, webhooks, health check)")
    run.add_argument("--host")
    run.add_argument("--port", type=int)
    run.set_defaults(func=cmd_run)
