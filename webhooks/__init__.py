"""The web app: ``create_app(config=None)`` wires the channels, the sandbox and the health check."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from flask import Flask, jsonify, request
from sqlalchemy import Engine

from core.clock import Clock
from core.db import (
    BATCH_TIMEOUTS,
    WEB_TIMEOUTS,
    Timeouts,
    make_engine,
    normalise_database_url,
)
from webhooks import error_pages, faults, health
from webhooks.admin import csrf, init_keepers
from webhooks.config import load_settings
from webhooks.deadlines import engine_with_deadlines
from webhooks.security import add_security_headers
from webhooks.services import AppServices, install
from webhooks.wall_clock import system_clock

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None, clock: Clock = system_clock,
               timeouts: Timeouts = WEB_TIMEOUTS) -> Flask:
    """Build the Flask app. ``config`` overrides environment settings (lower-case names);
    ``clock`` is the one source of "now" for everything the app does (tests pass a fake);
    ``timeouts`` bound every wait on the database (commands pass BATCH_TIMEOUTS)."""
    config = dict(config or {})
    instance_path = Path(config.pop("instance_path", None) or PROJECT_ROOT / "instance")
    app = Flask(__name__, instance_path=str(instance_path))
    settings = load_settings(instance_path, config)
    app.config["SECRET_KEY"] = settings.secret_key
    app.config["MAX_CONTENT_LENGTH"] = 256 * 1024
    engine = engine_with_deadlines(settings.database_url, timeouts)
    outages = faults.Outages()
    preparation = faults.Preparation(engine, instance_path, outages,
                                     _batch_engines(settings.database_url))
    preparation.try_now()  # a database that is down now is tried again on later requests
    install(app, AppServices(settings, engine, clock, preparation))
    faults.register(app, preparation)
    health.register(app, engine, clock, outages)
    add_security_headers(app, settings)
    _register_blueprints(app)
    init_keepers(app)

    error_pages.register(app)

    @app.get("/")
    def index():
        """JSON for programs; a page with the way in for a browser (which asks for HTML)."""
        if request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html":
            return error_pages.home_page(settings.sandbox_enabled)
        return jsonify(
            name="Leeds Signpost",
            health="/healthz",
            oruk="/oruk/",
            sandbox="/sandbox" if settings.sandbox_enabled else None,
        )

    return app


def _batch_engines(url: str) -> Callable[[], Engine] | None:
    """Engines for preparing the database (not for an in-memory one: that is the app's own)."""
    if normalise_database_url(url) in ("sqlite://", "sqlite:///:memory:"):
        return None
    return lambda: make_engine(url, BATCH_TIMEOUTS)

def _register_blueprints(app: Flask) -> None:
    from webhooks import (
        insights,
        oruk,
        sandbox,
        sandbox_keeper,  # noqa: F401  (adds the keeper's side to sandbox.bp)
        sms,
        telegram,
    )

    oruk.register(app)
    for blueprint in (oruk.bp, sandbox.bp, sms.bp, telegram.bp):
        # Checked by their own means: signatures, secret, same-origin JSON; the API is read-only.
        csrf.exempt(blueprint)
    for blueprint in (sandbox.bp, sms.bp, telegram.bp, insights.bp):
        app.register_blueprint(blueprint)

