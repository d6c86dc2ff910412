"""What every keepers' page shares: the logged-in keeper, CSRF, a database session, the clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import request
from flask_login import LoginManager, UserMixin
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import Session

from core.clock import london_day
from core.db import read_scope, session_scope
from directory.keepers.accounts import get_account
from directory.keepers.models import Role
from webhooks.services import services

csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "admin.login"
login_manager.login_message = "Please log in to see that page."
login_manager.session_protection = "strong"


@dataclass
class Keeper(UserMixin):
    """The logged-in keeper, as the pages need them."""

    id: int
    email: str
    role: str
    organisation_ids: tuple[str, ...]
    #: The account's session generation at login: the session ends when the account's moves on.
    generation: int = 0

    def get_id(self) -> str:
        return f"{self.id}:{self.generation}"

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def sees_insights(self) -> bool:
        return self.role in (Role.ADMIN, Role.ANCHOR)

    def keeps(self, organisation_id: str) -> bool:
        """True when this keeper may see and edit the organisation's records."""
        return self.is_admin or organisation_id in self.organisation_ids


@login_manager.user_loader
def load_keeper(user_id: str) -> Keeper | None:
    """The keeper of a session, unless the account has gone or ended its sessions since."""
    account_id, _, generation = user_id.partition(":")
    if not (account_id.isdigit() and generation.isdigit()):
        return None
    with read_session() as session:
        account = get_account(session, int(account_id))
        if account is None or account.session_generation != int(generation):
            return None
        return Keeper(account.id, account.email, account.role, tuple(account.organisation_ids),
                      account.session_generation)


@contextmanager
def db_session() -> Iterator[Session]:
    """A session for this request: reading only (no write lock) for GET and HEAD, which
    never write; committed on success for the rest."""
    engine = services().database
    scope = read_scope if request.method in ("GET", "HEAD") else session_scope
    with scope(engine) as session:
        yield session


@contextmanager
def read_session() -> Iterator[Session]:
    """A session that only reads, whatever the request (loading the logged-in keeper)."""
    with read_scope(services().database) as session:
        yield session


def now() -> dt.datetime:
    """The app clock's "now" (aware UTC)."""
    return services().clock()


def today() -> dt.date:
    return london_day(now())
