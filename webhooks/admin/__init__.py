"""The keepers' admin pages (``/admin``): login, editing, review, checks and stale records.

Sessions use Flask-Login; every form posts a CSRF token (Flask-WTF's ``CSRFProtect``, which
guards every POST in the app except the channels' webhooks and the sandbox API).
"""

from __future__ import annotations

import datetime as dt

from flask import Flask

from webhooks.admin import auth, pages, requests  # noqa: F401  (they add routes to auth.bp)
from webhooks.admin.keeper import csrf, login_manager
from webhooks.services import services

__all__ = ["csrf", "init_keepers"]


def init_keepers(app: Flask) -> None:
    """Sessions, CSRF and secure cookies for the keepers' pages, and the blueprints."""
    settings = services(app).settings
    app.config.update(
        SESSION_COOKIE_SECURE=settings.production, REMEMBER_COOKIE_SECURE=settings.production,
        SESSION_COOKIE_HTTPONLY=True, REMEMBER_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax", PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=8),
        WTF_CSRF_TIME_LIMIT=8 * 3600, WTF_CSRF_SSL_STRICT=settings.production)
    login_manager.init_app(app)
    csrf.init_app(app)
    app.register_blueprint(auth.bp)
