"""Tables for directory keepers: accounts, login throttles, the change history and checks.

No foreign keys to directory records: an import with ``--replace`` may remove a service while
its history is kept.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.utc import UtcDateTime
from directory.models import Base


class Role(StrEnum):
    """What an account may do: admins everything; editors and anchors their organisations'
    records; anchors (and admins) also see the insights."""

    ADMIN = "admin"
    EDITOR = "editor"
    ANCHOR = "anchor"


class KeeperAccount(Base):
    __tablename__ = "keeper_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    #: Wrong passwords in a row; reset by a right one.
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    #: Sessions carry this number; logout and a new password raise it, ending them all.
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    organisations: Mapped[list[KeeperOrganisation]] = relationship(
        back_populates="account", cascade="all, delete-orphan")

    @property
    def organisation_ids(self) -> list[str]:
        return sorted(link.organisation_id for link in self.organisations)


class KeeperOrganisation(Base):
    """An organisation whose records an account keeps."""

    __tablename__ = "keeper_organisation"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("keeper_account.id", ondelete="CASCADE"), primary_key=True)
    organisation_id: Mapped[str] = mapped_column(String, primary_key=True)

    account: Mapped[KeeperAccount] = relationship(back_populates="organisations")


class LoginThrottle(Base):
    """Login attempts from one client in the current window, by keyed hash of its address."""

    __tablename__ = "login_throttle"

    client_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    window_start: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)


class DirectoryChange(Base):
    """One keeper's edit of a service: the form's values before and after, kept as history."""

    __tablename__ = "directory_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    made_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)
    made_by: Mapped[str] = mapped_column(String(320))
    made_by_role: Mapped[str] = mapped_column(String(20))
    service_id: Mapped[str] = mapped_column(String, index=True)
    organisation_id: Mapped[str] = mapped_column(String, index=True)
    #: JSON: the edited rows before and after (spreadsheet columns, one row per place).
    before: Mapped[str] = mapped_column(Text)
    after: Mapped[str] = mapped_column(Text)
    reverted_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    reverted_by: Mapped[str] = mapped_column(String(320), default="")
    #: The change that undid this one, or that this one undoes.
    reverts_change_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class RecordCheck(Base):
    """A keeper confirmed a record's details are still right (residents see only the date)."""

    __tablename__ = "record_check"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_kind: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[str] = mapped_column(String, index=True)
    checked_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    checked_by: Mapped[str] = mapped_column(String(320))
    checked_by_role: Mapped[str] = mapped_column(String(20))


class WrongReport(Base):
    """Residents' "closed or wrong" reports of a service, counted by week (no identity)."""

    __tablename__ = "wrong_report"

    week: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    service_id: Mapped[str] = mapped_column(String, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
