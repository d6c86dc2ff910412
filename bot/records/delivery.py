"""Counts of outgoing message delivery reports (sent, delivered, failed...) by day: no identities.

Neither phone numbers nor message ids are kept; only how many reports of each status (and
carrier error code) arrived on each day, which is enough to notice when replies stop arriving.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.records.counting import add_to_count
from directory.models import Base

MAX_STATUS = 20
MAX_ERROR_CODE = 10


class DeliveryCount(Base):
    __tablename__ = "delivery_count"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    channel: Mapped[str] = mapped_column(String(20), primary_key=True)
    status: Mapped[str] = mapped_column(String(MAX_STATUS), primary_key=True)
    #: The carrier or Twilio error code, or "" when there was none.
    error_code: Mapped[str] = mapped_column(String(MAX_ERROR_CODE), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


def count_delivery(session: Session, channel: str, status: str, error_code: str,
                   day: dt.date) -> None:
    """Add one report of ``status`` (with ``error_code``, or "") on ``day``."""
    add_to_count(session, DeliveryCount, {"day": day, "channel": channel,
                                          "status": status[:MAX_STATUS],
                                          "error_code": error_code[:MAX_ERROR_CODE]})


def delivery_counts(session: Session, channel: str) -> dict[tuple[str, str], int]:
    """Totals by (status, error_code) over all days."""
    totals: dict[tuple[str, str], int] = {}
    for row in session.scalars(select(DeliveryCount).where(DeliveryCount.channel == channel)):
        totals[(row.status, row.error_code)] = totals.get((row.status, row.error_code), 0) \
            + row.count
    return totals
