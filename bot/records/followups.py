"""Follow-ups the residents agreed to: one row each, from consent to outcome.

    pending --claim--> claimed --sent--> sent --1 or 3--> answered
       |                  |                \\--2--> reason --why--> answered
       \\--STOP--> cancelled \\--failed--> failed
    (a run that stops after claiming: the rows are claimed again after CLAIM_TIMEOUT)

Practice follow-ups (the sandbox, the terminal) are rows too, on their own channel: sending,
expiry and every count leave them out (``COUNTED``); ``deliver_practice`` shows them in the
conversation instead, at the pretend time, by the same due rule as a real send.

The number (or chat id) is kept sealed (``core.sealed``) and only to send the follow-up: it is
deleted when the follow-up is answered, or ``KEEP_AFTER_SENDING`` after sending. The sender's
keyed hash (to match the answer, and for STOP and FORGET) goes when the outcome is complete.
What stays is anonymous: need, ward, the places offered, when, and the outcome.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from sqlalchemy import Integer, String, Text, and_, delete, or_, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.messages import Channel
from core.clock import LONDON, as_utc
from core.utc import UtcDateTime
from directory.models import Base

#: A claim older than this was left by a run that stopped: the row may be claimed again.
CLAIM_TIMEOUT = dt.timedelta(minutes=10)
#: The sealed number is deleted this long after sending if no answer came.
KEEP_AFTER_SENDING = dt.timedelta(days=7)
#: Follow-ups go out only between these Leeds hours (10:00 to 19:00).
SEND_FROM, SEND_UNTIL = dt.time(10, 0), dt.time(19, 0)

PENDING, CLAIMED, SENT, REASON, ANSWERED = "pending", "claimed", "sent", "reason", "answered"
CANCELLED, FAILED, EXPIRED = "cancelled", "failed", "expired"
OUTCOMES = {"1": "got_help", "2": "no_help", "3": "didnt_go"}
REASONS = {"1": "closed", "2": "details_wrong", "3": "turned_away", "4": "other"}
#: Reasons that say a service may no longer be running as listed.
STALE_REASONS = ("closed", "turned_away")
#: Answers this recent count towards the keepers' stale list.
STALE_WINDOW = dt.timedelta(days=28)
#: Channels whose follow-ups are practice: shown in the conversation, never sent or counted.
PRACTICE = tuple(channel.value for channel in Channel if channel.is_practice)


class FollowUp(Base):
    """One agreed follow-up (see the module docstring for what is kept, and for how long)."""

    __tablename__ = "follow_up"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(20), index=True)
    sender_hash: Mapped[str | None] = mapped_column(String(64), index=True, nullable=True)
    #: The sealed {"to": address, "from": the number the resident texted}; None once deleted.
    address_sealed: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: What the resident agreed to, in the words they were offered, and how they agreed.
    agreed: Mapped[str] = mapped_column(Text)
    agreed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    need: Mapped[str] = mapped_column(String(40))
    ward_code: Mapped[str] = mapped_column(String(12), default="")
    service_id: Mapped[str] = mapped_column(String, index=True)
    service_name: Mapped[str] = mapped_column(Text)
    #: The places offered: a JSON list of [service id, location id or null, need].
    places: Mapped[str] = mapped_column(Text, default="[]")
    due_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)
    status: Mapped[str] = mapped_column(String(12), index=True, default=PENDING)
    claim: Mapped[str | None] = mapped_column(String(36), nullable=True)
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    answered_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    outcome: Mapped[str] = mapped_column(String(12), default="")
    reason: Mapped[str] = mapped_column(String(16), default="")
    #: Why the last send failed (no numbers).
    detail: Mapped[str] = mapped_column(Text, default="")
    #: The conversation's language when the resident agreed (BCP 47): the follow-up is in it.
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")


#: Real follow-ups only: what is sent, expired, reported and shown to the keepers.
COUNTED = FollowUp.channel.not_in(PRACTICE)


def due_time(agreed_at: dt.datetime, days: int) -> dt.datetime:
    """10:00 Leeds time, ``days`` days after the day of agreeing (aware UTC)."""
    day = as_utc(agreed_at).astimezone(LONDON).date() + dt.timedelta(days=days)
    return dt.datetime.combine(day, SEND_FROM, tzinfo=LONDON).astimezone(dt.UTC)


def in_sending_hours(now: dt.datetime) -> bool:
    """Between 10:00 and 19:00 in Leeds."""
    clock = as_utc(now).astimezone(LONDON).time()
    return SEND_FROM <= clock < SEND_UNTIL


@dataclass(frozen=True)
class FollowUpConfig:
    """What the conversation needs to offer follow-ups: the sealing key and the delay."""

    key: str
    days: int = 3


@dataclass(frozen=True)
class Agreement:
    """What a resident agreed to, ready to record."""

    channel: str
    sender_hash: str
    address_sealed: str
    agreed: str
    need: str
    ward_code: str
    service_id: str
    service_name: str
    places: list[list]
    due_at: dt.datetime
    language: str = "en"


def record(session: Session, agreement: Agreement, now: dt.datetime) -> None:
    """Keep one agreed follow-up (a pending one for the same sender is replaced)."""
    cancel_for(session, agreement.channel, agreement.sender_hash)
    session.add(FollowUp(
        channel=agreement.channel, sender_hash=agreement.sender_hash,
        address_sealed=agreement.address_sealed, agreed=agreement.agreed, agreed_at=now,
        need=agreement.need, ward_code=agreement.ward_code or "",
        service_id=agreement.service_id, service_name=agreement.service_name,
        places=json.dumps(agreement.places), due_at=agreement.due_at, status=PENDING,
        language=agreement.language))
    session.flush()


def cancel_for(session: Session, channel: str, key: str) -> int:
    """STOP: pending follow-ups are cancelled and their numbers deleted."""
    return session.execute(
        update(FollowUp).where(FollowUp.channel == channel, FollowUp.sender_hash == key,
                               FollowUp.status.in_((PENDING, CLAIMED)))
        .values(status=CANCELLED, address_sealed=None, sender_hash=None)).rowcount


def forget_for(session: Session, channel: str, key: str) -> None:
    """FORGET: every follow-up of the sender is deleted, answered ones too."""
    session.execute(delete(FollowUp).where(FollowUp.channel == channel,
                                           FollowUp.sender_hash == key))


def _waiting(now: dt.datetime):
    """Due by ``now`` and not yet sent: pending, or left claimed by a run that stopped."""
    return and_(FollowUp.due_at <= now, FollowUp.address_sealed.is_not(None),
                or_(FollowUp.status == PENDING,
                    and_(FollowUp.status == CLAIMED, FollowUp.claimed_at < now - CLAIM_TIMEOUT)))


def claim_due(session: Session, now: dt.datetime) -> str:
    """Claim every due follow-up (and any left claimed by a run that stopped); the claim id."""
    claim = str(uuid.uuid4())
    session.execute(update(FollowUp).where(_waiting(now), COUNTED)
                    .values(status=CLAIMED, claim=claim, claimed_at=now))
    return claim


def claimed(session: Session, claim: str) -> list[FollowUp]:
    return list(session.scalars(select(FollowUp).where(FollowUp.claim == claim,
                                                       FollowUp.status == CLAIMED)
                                .order_by(FollowUp.id)))


def due(session: Session, now: dt.datetime) -> list[FollowUp]:
    """What a run would send now (for --dry-run): nothing is claimed."""
    return list(session.scalars(select(FollowUp).where(_waiting(now), COUNTED)
                                .order_by(FollowUp.id)))


def deliver_practice(session: Session, channel: str, key: str,
                     now: dt.datetime) -> list[FollowUp]:
    """The sandbox's (or the terminal's) send: the sender's practice follow-ups that
    ``signpost followups send --now`` would send at ``now`` (the pretend time), marked sent,
    each once."""
    if channel not in PRACTICE or not in_sending_hours(now):
        return []
    rows = list(session.scalars(select(FollowUp).where(
        _waiting(now), FollowUp.channel == channel, FollowUp.sender_hash == key)
        .order_by(FollowUp.id)))
    return [row for row in rows if session.execute(
        update(FollowUp).where(FollowUp.id == row.id, FollowUp.status == row.status)
        .values(status=SENT, sent_at=now)).rowcount]


def mark_sent(session: Session, row_id: int, claim: str, now: dt.datetime) -> None:
    session.execute(update(FollowUp).where(FollowUp.id == row_id, FollowUp.claim == claim)
                    .values(status=SENT, sent_at=now, detail=""))


def mark_failed(session: Session, row_id: int, claim: str, detail: str) -> None:
    """A failed send is not tried again: the number is deleted with it."""
    session.execute(update(FollowUp).where(FollowUp.id == row_id, FollowUp.claim == claim)
                    .values(status=FAILED, detail=detail[:200], address_sealed=None,
                            sender_hash=None))


def open_for(session: Session, channel: str, key: str, now: dt.datetime) -> FollowUp | None:
    """The sender's follow-up waiting for an answer (sent, or asked what happened)."""
    return session.scalars(select(FollowUp).where(
        FollowUp.channel == channel, FollowUp.sender_hash == key,
        FollowUp.status.in_((SENT, REASON)), FollowUp.sent_at > now - KEEP_AFTER_SENDING)
        .order_by(FollowUp.id.desc()).limit(1)).first()


def answer(session: Session, row_id: int, outcome: str, now: dt.datetime) -> None:
    """1, 2 or 3: the outcome is kept and the number deleted (a 2 still waits for why)."""
    waiting = outcome == "no_help"
    values = {"outcome": outcome, "answered_at": now, "address_sealed": None,
              "status": REASON if waiting else ANSWERED}
    if not waiting:
        values["sender_hash"] = None
    session.execute(update(FollowUp).where(FollowUp.id == row_id).values(**values))


def give_reason(session: Session, row_id: int, reason: str) -> None:
    """Why there was no help; the outcome is complete and nothing ties it to the sender."""
    session.execute(update(FollowUp).where(FollowUp.id == row_id)
                    .values(reason=reason, status=ANSWERED, sender_hash=None))


def expire(session: Session, now: dt.datetime) -> int:
    """Numbers and hashes kept longer than KEEP_AFTER_SENDING after sending are deleted."""
    return session.execute(
        update(FollowUp).where(FollowUp.status.in_((SENT, REASON)), COUNTED,
                               FollowUp.sent_at <= now - KEEP_AFTER_SENDING)
        .values(status=EXPIRED, address_sealed=None, sender_hash=None)).rowcount


def stale_services(session: Session, since: dt.datetime, at_least: int = 2) -> dict[str, int]:
    """Services with ``at_least`` "closed" or "turned away" answers since ``since``."""
    counts: dict[str, int] = {}
    for service_id in session.scalars(select(FollowUp.service_id).where(
            FollowUp.reason.in_(STALE_REASONS), FollowUp.answered_at >= since, COUNTED)):
        counts[service_id] = counts.get(service_id, 0) + 1
    return {sid: n for sid, n in counts.items() if n >= at_least}


def outcomes_for(session: Session, service_id: str) -> dict[str, int]:
    """How a service's follow-ups were answered: asked, got_help, no_help, didnt_go, reasons."""
    counts: dict[str, int] = {}
    for outcome, reason, sent in session.execute(select(
            FollowUp.outcome, FollowUp.reason, FollowUp.sent_at)
            .where(FollowUp.service_id == service_id, COUNTED)):
        if sent is not None:
            counts["asked"] = counts.get("asked", 0) + 1
        for name in (outcome, f"no_help:{reason}" if reason else ""):
            if name:
                counts[name] = counts.get(name, 0) + 1
    return counts
