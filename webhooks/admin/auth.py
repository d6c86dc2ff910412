"""``/admin/login`` and ``/admin/logout``: rate-limited, with a lock after 10 wrong passwords.

A locked account gets the same answer as a wrong password (status and words), so the page never
tells which emails have accounts. Logging out ends every session of the account.
"""

from __future__ import annotations

import logging
import re

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from core.db import read_scope, session_scope
from directory.keepers.accounts import (
    LOCK_TIME,
    MAX_FAILED_LOGINS,
    LoginOutcome,
    client_key,
    end_sessions,
    get_account,
)
from directory.keepers.logins import log_in
from webhooks.admin.keeper import Keeper, now
from webhooks.services import services

log = logging.getLogger(__name__)

bp = Blueprint("admin", __name__, url_prefix="/admin")

#: Where a login may send the keeper next: an admin page or the insights, nothing else.
_NEXT = re.compile(r"/admin(/[A-Za-z0-9._~/-]*)?|/insights", re.ASCII)
WRONG_OR_LOCKED = (f"That email and password do not match. After {MAX_FAILED_LOGINS} wrong "
                   f"passwords in a row an account is locked for "
                   f"{int(LOCK_TIME.total_seconds() // 60)} minutes; an admin can help.")


@bp.before_request
def require_login():
    """Every admin page but the login page needs a logged-in keeper."""
    if request.endpoint in ("admin.login", "admin.logout"):
        return None
    if not current_user.is_authenticated:
        return redirect(url_for("admin.login", next=request.path))
    return None


def _safe_next(target: str | None) -> str:
    if target and _NEXT.fullmatch(target) and "//" not in target:
        return target
    return url_for("admin.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("admin/login.html", message="", email="")
    email = request.form.get("email", "")[:320]
    password = request.form.get("password", "")[:1000]
    secret = services().settings.secret_key
    engine = services().database
    result = log_in(lambda: session_scope(engine), lambda: read_scope(engine), email, password,
                    client_key(secret, request.remote_addr or ""), now())
    if result.outcome is LoginOutcome.OK:
        with read_scope(engine) as session:
            account = get_account(session, result.account_id)
            keeper = Keeper(account.id, account.email, account.role,
                            tuple(account.organisation_ids), account.session_generation)
        login_user(keeper)
        return redirect(_safe_next(request.args.get("next")))
    if result.outcome is LoginOutcome.THROTTLED:
        log.warning("Login: too many attempts from one client")
        return render_template("admin/login.html", email=email, message=(
            "Too many login attempts from here. Please wait a few minutes.")), 429
    if result.outcome is LoginOutcome.LOCKED:
        log.warning("Login: a locked account")  # said to the keeper only as a wrong password
    return render_template("admin/login.html", email=email, message=WRONG_OR_LOCKED), 401


@bp.post("/logout")
def logout():
    """Log out here and end every other session of the account too."""
    if current_user.is_authenticated:
        with session_scope(services().database) as session:
            end_sessions(session, current_user.id)
    logout_user()
    return redirect(url_for("admin.login"))
