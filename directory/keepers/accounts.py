"""Keeper accounts: argon2 password hashes, a lock after repeated wrong passwords, and a cap on
login attempts from one client. Every "now" is passed in from the app's clock."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from dataclasses import dataclass
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core.errors import BadInput
from directory.keepers.models import KeeperAccount, KeeperOrganisation, LoginThrottle, Role
from directory.models import Organisation

#: Wrong passwords in a row that lock an account, and for how long.
MAX_FAILED_LOGINS = 10
LOCK_TIME = dt.timedelta(minutes=15)
#: Login attempts one client may make in a window, whatever the accounts.
CLIENT_ATTEMPTS = 30
CLIENT_WINDOW = dt.timedelta(minutes=15)
MIN_PASSWORD = 12

_hasher = PasswordHasher()
#: Verified against when the email is unknown, so the answer takes as long either way.
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")
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
                            created_at=now, failed_logins=0)
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


def _note_client_attempt(session: Session, client_hash: str, now: dt.datetime) -> bool:
    """Count one attempt from this client; False when it has made too many this window."""
    row = session.get(LoginThrottle, client_hash)
    if row is None:
        row = LoginThrottle(client_hash=client_hash, window_start=now, attempts=0)
        session.add(row)
    elif now - row.window_start >= CLIENT_WINDOW:
        row.window_start, row.attempts = now, 0
    row.attempts += 1
    session.flush()
    return row.attempts <= CLIENT_ATTEMPTS


def authenticate(session: Session, email: str, password: str, client_hash: str,
                 now: dt.datetime) -> LoginResult:
    """Check a login: the client's attempt cap, the account's lock, then the password."""
    if not _note_client_attempt(session, client_hash, now):
        return LoginResult(LoginOutcome.THROTTLED)
    account = find_account(session, email)
    if account is None:
        _verify(_DUMMY_HASH, password)
        return LoginResult(LoginOutcome.WRONG)
    if account.locked_until is not None and account.locked_until > now:
        return LoginResult(LoginOutcome.LOCKED, locked_until=account.locked_until)
    if not _verify(account.password_hash, password):
        account.failed_logins += 1
        if account.failed_logins >= MAX_FAILED_LOGINS:
            account.locked_until = now + LOCK_TIME
            account.failed_logins = 0
            session.flush()
            return LoginResult(LoginOutcome.LOCKED, locked_until=account.locked_until)
        session.flush()
        return LoginResult(LoginOutcome.WRONG)
    account.failed_logins, account.locked_until, account.last_login_at = 0, None, now
    if _hasher.check_needs_rehash(account.password_hash):
        account.password_hash = hash_password(password)
    session.flush()
    return LoginResult(LoginOutcome.OK, account.id)


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
