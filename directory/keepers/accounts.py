"""Keeper accounts: argon2 password hashes, a lock after repeated wrong passwords, a cap on
login attempts from one client (checked in ``directory.keepers.logins``), and sessions that
end on logout or a new password. Every "now" is passed in from the app's clock."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from enum import StrEnum

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from core.errors import BadInput
from directory.keepers.models import KeeperAccount, KeeperOrganisation, Role
from directory.models import Organisation

#: Wrong passwords in a row that lock an account, and for how long.
MAX_FAILED_LOGINS = 10
LOCK_TIME = dt.timedelta(minutes=15)
#: Login attempts one client may make in a window, whatever the accounts.
CLIENT_ATTEMPTS = 30
CLIENT_WINDOW = dt.timedelta(minutes=15)
MIN_PASSWORD = 12

#: Set by the test suite, as Django's tests swap in a fast hasher: argon2's cheapest profile,
#: never honoured in production.
CHEAP_HASHES_VARIABLE = "SIGNPOST_CHEAP_PASSWORD_HASHES"


def choose_hasher(environ: dict[str, str] | os._Environ = os.environ) -> PasswordHasher:
    """RFC 9106's low-memory argon2id profile; the cheapest one only for tests, outside
    production. A stored hash carries its own parameters, so either verifies the other's."""
    if environ.get(CHEAP_HASHES_VARIABLE) == "1" and \
            environ.get("SIGNPOST_ENV", "development") != "production":
        return PasswordHasher.from_parameters(profiles.CHEAPEST)
    return PasswordHasher()


_hasher = choose_hasher()
#: Verified against when the email is unknown, so the answer takes as long either way.
DUMMY_HASH = _hasher.hash("not a real password, only for timing")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class AccountError(BadInput):
    """An account cannot be made or changed as asked; the message says why."""


class LoginOutcome(StrEnum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    THROTTLED = "throttled"


@dataclass(frozen=True)
class LoginResult:
    outcome: LoginOutcome
    account_id: int | None = None
    locked_until: dt.datetime | None = None


def normalise_email(email: str) -> str:
    return email.strip().lower()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def add_account(session: Session, email: str, role: str, password: str, now: dt.datetime,
                organisation_ids: list[str] | tuple[str, ...] = ()) -> KeeperAccount:
    """Create an account; editors and anchors need organisations that exist."""
    email = normalise_email(email)
    if not _EMAIL.fullmatch(email):
        raise AccountError(f"'{email}' is not an email address")
    if role not in {r.value for r in Role}:
        raise AccountError(f"role must be one of {', '.join(r.value for r in Role)}")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must be at least {MIN_PASSWORD} characters")
    if find_account(session, email) is not None:
        raise AccountError(f"{email} already has an account")
    if role == Role.EDITOR and not organisation_ids:
        raise AccountError("an editor needs at least one --organisation")
    known = set(session.scalars(select(Organisation.id).where(
        Organisation.id.in_(list(organisation_ids)))))
    missing = [o for o in organisation_ids if o not in known]
    if missing:
        raise AccountError(f"no organisation with id {', '.join(missing)}")
    account = KeeperAccount(email=email, password_hash=hash_password(password), role=role,
                            created_at=now, failed_logins=0, session_generation=0)
    account.organisations = [KeeperOrganisation(organisation_id=o)
                             for o in dict.fromkeys(organisation_ids)]
    session.add(account)
    session.flush()
    return account


def find_account(session: Session, email: str) -> KeeperAccount | None:
    return session.scalar(select(KeeperAccount).where(
        KeeperAccount.email == normalise_email(email)).options(
        selectinload(KeeperAccount.organisations)))


def get_account(session: Session, account_id: int) -> KeeperAccount | None:
    return session.scalar(select(KeeperAccount).where(KeeperAccount.id == account_id).options(
        selectinload(KeeperAccount.organisations)))


def list_accounts(session: Session) -> list[KeeperAccount]:
    return list(session.scalars(select(KeeperAccount).order_by(KeeperAccount.email).options(
        selectinload(KeeperAccount.organisations))))


def remove_account(session: Session, email: str) -> bool:
    account = find_account(session, email)
    if account is None:
        return False
    session.delete(account)
    session.flush()
    return True


def client_key(secret_key: str, address: str) -> str:
    """The keyed hash that stands for a client's network address (never stored in clear)."""
    return hmac.new(secret_key.encode(), f"login:{address}".encode(),
                    hashlib.sha256).hexdigest()


def set_password(session: Session, email: str, password: str) -> KeeperAccount:
    """Give an account a new password; every session it had ends."""
    account = find_account(session, email)
    if account is None:
        raise AccountError(f"no account for {normalise_email(email)}")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must be at least {MIN_PASSWORD} characters")
    account.password_hash = hash_password(password)
    account.failed_logins, account.locked_until = 0, None
    session.flush()
    end_sessions(session, account.id)
    return account


def end_sessions(session: Session, account_id: int) -> None:
    """End every session of the account (logout, a new password): their cookies stop working."""
    session.execute(update(KeeperAccount).where(KeeperAccount.id == account_id).values(
        session_generation=KeeperAccount.session_generation + 1))
    session.flush()


def needs_rehash(stored: str) -> bool:
    """True when a stored hash was made with weaker settings than today's."""
    return _hasher.check_needs_rehash(stored)


def verify_password(stored: str, password: str) -> bool:
    """True when ``password`` matches the stored argon2 hash."""
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
