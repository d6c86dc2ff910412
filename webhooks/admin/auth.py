"""``/admin/login`` and ``/admin/logout``: rate-limited, with a lock after 10 wrong passwords."""

from __future__ import annotations

import logging

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from core.clock import LONDON
from directory.keepers.accounts import LoginOutcome, authenticate, client_key, get_account
from webhooks.admin.keeper import Keeper, db_session, now
from webhooks.services import services

log = logging.getLogger(__name__)

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def require_login():
    """Every admin page but the login page needs a logged-in keeper."""
    if request.endpoint in ("admin.login", "admin.logout"):
        return None
    if not current_user.is_authenticated:
        return redirect(url_for("admin.login", next=request.path))
    return None


def _safe_next(target: str | None) -> str:
    if target and (target.startswith("/admin") or target == "/insights") \
            and not target.startswith("//"):
        return target
    return url_for("admin.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("admin/login.html", message="", email="")
    email = request.form.get("email", "")[:320]
    password = request.form.get("password", "")[:1000]
    secret = services().settings.secret_key
    with db_session() as session:
        result = authenticate(session, email, password,
                              client_key(secret, request.remote_addr or ""), now())
        keeper = None
        if result.outcome is LoginOutcome.OK:
            account = get_account(session, result.account_id)
            keeper = Keeper(account.id, account.email, account.role,
                            tuple(account.organisation_ids))
    if keeper is not None:
        login_user(keeper)
        return redirect(_safe_next(request.args.get("next")))
    if result.outcome is LoginOutcome.THROTTLED:
        log.warning("Login: too many attempts from one client")
        return render_template("admin/login.html", email=email, message=(
            "Too many login attempts from here. Please wait a few minutes.")), 429
    if result.outcome is LoginOutcome.LOCKED:
        until = result.locked_until.astimezone(LONDON).strftime("%H:%M")
        return render_template("admin/login.html", email=email, message=(
            f"This account is locked after too many wrong passwords. Try again after {until} "
            "(Leeds time), or ask an admin.")), 403
    return render_template("admin/login.html", email=email,
                           message="That email and password do not match."), 401


@bp.post("/logout")
def logout():
    logout_user()
    return redirect(url_for("admin.login"))
