"""Logging a keeper in, in short steps, so neither engine is held while a password is checked.

1. Count the client's attempt: one atomic upsert in its own short write (two workers counting
   the same client at once add up, on SQLite and PostgreSQL alike, and never clash).
2. Read the account, taking no lock.
3. Check the password (argon2, tens of milliseconds) with no transaction open. An unknown
   email and a locked account are checked too, so every answer takes as long.
4. Record the outcome: one short atomic write.

A locked account answers exactly as a wrong password does (see ``webhooks/admin/auth.py``), so
the login page never tells which emails have accounts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager

from sqlalchemy import case, update
from sqlalchemy.orm import Session

from core.db import dialect_insert
from directory.keepers.accounts import (
    CLIENT_ATTEMPTS,
    CLIENT_WINDOW,
    DUMMY_HASH,
    LOCK_TIME,
    MAX_FAILED_LOGINS,
    LoginOutcome,
    LoginResult,
    find_account,
    hash_password,
    needs_rehash,
    verify_password,
)
from directory.keepers.models import KeeperAccount, LoginThrottle

#: Opens a session for one short step and commits it (``session_scope`` or ``read_scope``).
Scope = Callable[[], AbstractContextManager[Session]]


def note_client_attempt(session: Session, client_hash: str, now: dt.datetime) -> bool:
    """Count one attempt from this client, atomically; False when it has made too many."""
    expired = LoginThrottle.window_start <= now - CLIENT_WINDOW
    statement = dialect_insert(session)(LoginThrottle).values(
        client_hash=client_hash, window_start=now, attempts=1)
    statement = statement.on_conflict_do_update(index_elements=["client_hash"], set_={
        "attempts": case((expired, 1), else_=LoginThrottle.attempts + 1),
        "window_start": case((expired, now), else_=LoginThrottle.window_start)})
    attempts = session.execute(statement.returning(LoginThrottle.attempts)).scalar_one()
    return attempts <= CLIENT_ATTEMPTS


def _note_wrong(session: Session, account_id: int, now: dt.datetime) -> dt.datetime | None:
    """Count a wrong password atomically; the lock's end when this one locks the account."""
    failed = session.execute(update(KeeperAccount).where(KeeperAccount.id == account_id)
                             .values(failed_logins=KeeperAccount.failed_logins + 1)
                             .returning(KeeperAccount.failed_logins)).scalar_one()
    if failed < MAX_FAILED_LOGINS:
        return None
    until = now + LOCK_TIME
    session.execute(update(KeeperAccount).where(KeeperAccount.id == account_id)
                    .values(failed_logins=0, locked_until=until))
    return until


def log_in(write: Scope, read: Scope, email: str, password: str, client_hash: str,
           now: dt.datetime) -> LoginResult:
    """Check a login in short steps: the client's cap, the account, the password, the record."""
    with write() as session:
        if not note_client_attempt(session, client_hash, now):
            return LoginResult(LoginOutcome.THROTTLED)
    with read() as session:
        account = find_account(session, email)
        found = (account.id, account.password_hash, account.locked_until) if account else None
    if found is None:
        verify_password(DUMMY_HASH, password)
        return LoginResult(LoginOutcome.WRONG)
    account_id, stored_hash, locked_until = found
    right = verify_password(stored_hash, password)  # checked even when locked: the same time taken
    if locked_until is not None and locked_until > now:
        return LoginResult(LoginOutcome.LOCKED, locked_until=locked_until)
    with write() as session:
        if not right:
            until = _note_wrong(session, account_id, now)
            return LoginResult(LoginOutcome.LOCKED if until else LoginOutcome.WRONG,
                               locked_until=until)
        values: dict = {"failed_logins": 0, "locked_until": None, "last_login_at": now}
        if needs_rehash(stored_hash):
            values["password_hash"] = hash_password(password)
        session.execute(update(KeeperAccount).where(KeeperAccount.id == account_id)
                        .values(**values))
    return LoginResult(LoginOutcome.OK, account_id)
