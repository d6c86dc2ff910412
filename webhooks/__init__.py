"""The web app: ``create_app(config=None)`` wires the channels, the sandbox and the health check."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask, jsonify
from sqlalchemy.exc import SQLAlchemyError

from directory.clock import Clock
from directory.db import counts, make_engine, session_scope
from webhooks import faults
from webhooks.admin import csrf, init_keepers
from webhooks.config import load_settings
from webhooks.security import add_security_headers
from webhooks.wall_clock import system_clock

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None, clock: Clock = system_clock) -> Flask:
    """Build the Flask app. ``config`` overrides environment settings (lower-case names);
    ``clock`` is the one source of "now" for everything the app does (tests pass a fake)."""
    config = dict(config or {})
    instance_path = Path(config.pop("instance_path", None) or PROJECT_ROOT / "instance")
    app = Flask(__name__, instance_path=str(instance_path))
    settings = load_settings(instance_path, config)
    app.config["SECRET_KEY"] = settings.secret_key
    app.config["MAX_CONTENT_LENGTH"] = 256 * 1024
    engine = make_engine(settings.database_url)
    preparation = faults.Preparation(engine, instance_path)
    preparation.try_now()  # a database that is down now is tried again on later requests
    app.extensions["signpost"] = {"settings": settings, "engine": engine,
                                  "preparation": preparation, "clock": clock}
    faults.register(app, preparation)
    add_security_headers(app, settings)
    _register_blueprints(app)
    init_keepers(app)

    @app.get("/healthz")
    def healthz():
        try:
            with session_scope(engine) as session:
                loaded = counts(session)
        except SQLAlchemyError as exc:
            log.error("Health check: the database is unreachable (%s)", type(exc).__name__)
            return faults.unavailable()
        return jsonify(status="ok", database="ok", **loaded)

    @app.get("/")
    def index():
        return jsonify(
            name="Leeds Signpost",
            health="/healthz",
            sandbox="/sandbox" if settings.sandbox_enabled else None,
        )

    return app


def _register_blueprints(app: Flask) -> None:
    from webhooks import sandbox, sms, telegram

    for blueprint in (sandbox.bp, sms.bp, telegram.bp):
        csrf.exempt(blueprint)  # checked by their own means: signatures, secret, same-origin JSON
        app.register_blueprint(blueprint)

