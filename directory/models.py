"""SQLAlchemy 2 models: the service directory (aligned with Open Referral UK) and geography.

Directory text columns have no length limit: imported data decides their size, and PostgreSQL
would otherwise refuse a long name half-way through an import.

Every directory record carries ``source`` (where its details came from) and
``last_checked`` (the date those details were last checked against that source); a record
synced from another ORUK API (``signpost directory sync``) also keeps that feed's address and
its id there, so no other feed, and no file import, is mistaken for its owner.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class ServiceStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    DEFUNCT = "defunct"
    TEMPORARILY_CLOSED = "temporarily closed"


class CostKind(StrEnum):
    FREE = "free"
    PAY_AS_YOU_FEEL = "pay-as-you-feel"
    FEE = "fee"


class AreaKind(StrEnum):
    """Where a service is offered: at its own locations, a list of wards, all Leeds, the country."""

    LOCAL = "local"
    WARDS = "wards"
    CITY = "city"
    NATIONAL = "national"


class Provenance:
    """Columns every directory record carries."""

    source: Mapped[str] = mapped_column(Text, default="")
    last_checked: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    #: The ORUK feed a synced record came from ("" for a record kept here), and its id there.
    feed_url: Mapped[str] = mapped_column(Text, default="")
    feed_id: Mapped[str] = mapped_column(String, default="")


class Organisation(Provenance, Base):
    __tablename__ = "organisation"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    description: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str] = mapped_column(String, default="")
    email: Mapped[str] = mapped_column(String, default="")
    #: Comma-separated ward codes for which this is a community anchor organisation.
    anchor_wards: Mapped[str] = mapped_column(Text, default="")

    services: Mapped[list[Service]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )
    phones: Mapped[list[Phone]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )


class Service(Provenance, Base):
    __tablename__ = "service"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    organisation_id: Mapped[str] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String)
    description: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String, default="")
    email: Mapped[str] = mapped_column(String, default="")
    status: Mapped[str] = mapped_column(String, default=ServiceStatus.ACTIVE.value)
    #: free / pay-as-you-feel / fee, or empty when the source does not say.
    cost_kind: Mapped[str] = mapped_column(String, default="")
    cost_text: Mapped[str] = mapped_column(Text, default="")
    #: True, False, or None when the source does not say.
    referral_required: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    referral_how: Mapped[str] = mapped_column(Text, default="")
    area_kind: Mapped[str] = mapped_column(String, default=AreaKind.LOCAL.value)
    #: Comma-separated ward codes when ``area_kind`` is ``wards``.
    area_wards: Mapped[str] = mapped_column(Text, default="")
    #: Comma-separated language names or codes.
    languages: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    organisation: Mapped[Organisation] = relationship(back_populates="services")
    locations: Mapped[list[ServiceAtLocation]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    phones: Mapped[list[Phone]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    terms: Mapped[list[ServiceTerm]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    #: Every session of the service, at any of its locations or none.
    schedules: Mapped[list[Schedule]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )

    @property
    def need_slugs(self) -> list[str]:
        return sorted({t.term.need_slug for t in self.terms if t.term.need_slug})


class Location(Provenance, Base):
    __tablename__ = "location"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(String, default="")
    address: Mapped[str] = mapped_column(Text, default="")
    postcode: Mapped[str] = mapped_column(String, default="", index=True)
    latitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    longitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    ward_code: Mapped[str] = mapped_column(String, default="", index=True)
    #: A neighbourhood or ward name the place resolver knows, for a place with no postcode or
    #: coordinates of its own: search ranks it by that area's centre and says "in <area>".
    area_name: Mapped[str] = mapped_column(String, default="")

    services: Mapped[list[ServiceAtLocation]] = relationship(
        back_populates="location", cascade="all, delete-orphan"
    )
    phones: Mapped[list[Phone]] = relationship(back_populates="location")


class ServiceAtLocation(Base):
    __tablename__ = "service_at_location"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE"), index=True
    )
    location_id: Mapped[str] = mapped_column(
        ForeignKey("location.id", ondelete="CASCADE"), index=True
    )

    service: Mapped[Service] = relationship(back_populates="locations")
    location: Mapped[Location] = relationship(back_populates="services")
    schedules: Mapped[list[Schedule]] = relationship(
        back_populates="service_at_location", cascade="all, delete-orphan"
    )


class Phone(Base):
    __tablename__ = "phone"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    number: Mapped[str] = mapped_column(String)
    description: Mapped[str] = mapped_column(Text, default="")
    service_id: Mapped[str | None] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE"), nullable=True, index=True
    )
    location_id: Mapped[str | None] = mapped_column(
        ForeignKey("location.id", ondelete="CASCADE"), nullable=True, index=True
    )
    organisation_id: Mapped[str | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), nullable=True, index=True
    )

    service: Mapped[Service | None] = relationship(back_populates="phones")
    location: Mapped[Location | None] = relationship(back_populates="phones")
    organisation: Mapped[Organisation | None] = relationship(back_populates="phones")


class Schedule(Base):
    """One weekly session: a weekday with opening and closing times (several a day allowed).

    Both times are None for a day the source names without times ("Thu, times not published").
    """

    __tablename__ = "schedule"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE"), index=True
    )
    service_at_location_id: Mapped[str | None] = mapped_column(
        ForeignKey("service_at_location.id", ondelete="CASCADE"), nullable=True, index=True
    )
    #: 0 = Monday ... 6 = Sunday.
    weekday: Mapped[int] = mapped_column(Integer)
    opens_at: Mapped[dt.time | None] = mapped_column(Time, nullable=True)
    closes_at: Mapped[dt.time | None] = mapped_column(Time, nullable=True)
    valid_from: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    valid_to: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")

    service: Mapped[Service] = relationship(back_populates="schedules")
    service_at_location: Mapped[ServiceAtLocation | None] = relationship(
        back_populates="schedules"
    )


class TaxonomyTerm(Base):
    """A term from a vocabulary: our need categories, or an imported ORUK/esd term."""

    __tablename__ = "taxonomy_term"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    taxonomy: Mapped[str] = mapped_column(String, default="")
    term_uri: Mapped[str] = mapped_column(String, default="")
    #: Our need category this term maps to, if any.
    need_slug: Mapped[str] = mapped_column(String, default="", index=True)


class ServiceTerm(Base):
    __tablename__ = "service_term"

    service_id: Mapped[str] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE"), primary_key=True
    )
    #: Indexed on its own too: a search reads a need's services by their terms.
    term_id: Mapped[str] = mapped_column(
        ForeignKey("taxonomy_term.id", ondelete="CASCADE"), primary_key=True, index=True
    )

    service: Mapped[Service] = relationship(back_populates="terms")
    term: Mapped[TaxonomyTerm] = relationship()


class DirectoryVersion(Base):
    """One row, changed in the same transaction as every directory write (directory.version),
    so each worker's in-memory search index knows cheaply when to reload."""

    __tablename__ = "directory_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    #: How many times the directory has been written.
    version: Mapped[int] = mapped_column(Integer, default=0)
    #: Random for each write, so a rolled-back write or a recreated database never repeats one.
    token: Mapped[str] = mapped_column(String(32), default="")


class ShippedDirectory(Base):
    """One row: which version of the shipped directory (``directory/data/leeds_directory.json``)
    this database holds, so ``signpost db init`` loads it again when the file changes, and
    which services came from it (those the file no longer has are taken out)."""

    __tablename__ = "shipped_directory"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    #: The SHA-256 of the file last loaded.
    fingerprint: Mapped[str] = mapped_column(String(64))
    #: The ids of the services it held, as a JSON list.
    service_ids: Mapped[str] = mapped_column(Text, default="[]")


# --- Geography ---------------------------------------------------------------------------


class Ward(Base):
    __tablename__ = "ward"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)


class Postcode(Base):
    __tablename__ = "postcode"

    postcode: Mapped[str] = mapped_column(String(10), primary_key=True)
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    ward_code: Mapped[str] = mapped_column(String(12))
    #: False for terminated postcodes kept as a fallback for old addresses.
    live: Mapped[bool] = mapped_column(Boolean, default=True)

    __table_args__ = (Index("ix_postcode_lat_lon", "latitude", "longitude"),)


class PostcodeArea(Base):
    """An outcode ("LS9") or sector ("LS6 1") with its centroid and the share inside Leeds."""

    __tablename__ = "postcode_area"

    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # "outcode" or "sector"
    latitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    longitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    leeds_share: Mapped[float] = mapped_column(Float, default=0.0)
    district_name: Mapped[str] = mapped_column(String(100), default="")
    ward_code: Mapped[str] = mapped_column(String(12), default="")


class Place(Base):
    """A neighbourhood name (House of Commons Library MSOA Names) with its centroid and ward."""

    __tablename__ = "place"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    name_parts: Mapped[str] = mapped_column(String(300), default="")
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    ward_code: Mapped[str] = mapped_column(String(12))
