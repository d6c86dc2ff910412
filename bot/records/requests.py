"""Requests to talk to a person: what the resident agreed to pass on, and the messages since.

A request goes to one organisation (the ward's community anchor, or a city-wide fallback) and
lives through four states::

    open --(a keeper takes it)--> assigned --(first reply)--> replied --> closed
      \\__________________________________________________________________/  (close, STOP,
                                                                              30 days open)

What is sealed (encrypted with ``core.sealed``, the follow-ups' key): the address the bot
replies to (a phone number or a Telegram chat id), the number to call (only when the resident
chose a call), and every message and note. The keeper never sees the address; the number is
shown only to the organisation's keepers of a "call" request, and each view is logged. Fourteen
days after a request closes its address, number, messages and sender hash are erased; FORGET
deletes the sender's requests at once. Every "now" is passed in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from core.clock import LONDON
from core.sealed import seal, unseal
from core.utc import UtcDateTime
from directory.holidays import closing_day
from directory.models import Base, Organisation

#: A request's number and messages are erased this long after it closes.
ERASE_AFTER = dt.timedelta(days=14)
#: A request still open this long is closed by itself.
AUTO_CLOSE_AFTER = dt.timedelta(days=30)


class State(StrEnum):
    OPEN = "open"
    ASSIGNED = "assigned"
    REPLIED = "replied"
    CLOSED = "closed"


class Way(StrEnum):
    """How the resident wants to hear back: replies through the bot, or a phone call."""

    BOT = "bot"
    CALL = "call"


class Kind(StrEnum):
    """Who wrote a request's message: the resident, a keeper's reply, or a keeper's note."""

    RESIDENT = "resident"
    KEEPER = "keeper"
    NOTE = "note"


@dataclass(frozen=True)
class RequestOptions:
    """What the conversation needs to open requests: the sealing key, the promised reply time
    in working days, and the organisation that takes requests from wards with no anchor."""

    key: str = ""
    reply_days: int = 2
    fallback_organisation: str = ""


class PersonRequest(Base):
    __tablename__ = "person_request"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(20))
    #: The sender's keyed hash while the request is kept; "" once erased.
    sender_hash: Mapped[str] = mapped_column(String(64), index=True)
    #: From the sandbox or the terminal: a volunteer's practice, never in the keepers' queue.
    practice: Mapped[bool] = mapped_column(Boolean, default=False)
    organisation_id: Mapped[str] = mapped_column(String, index=True)
    ward_code: Mapped[str] = mapped_column(String(12), default="")
    need: Mapped[str] = mapped_column(String(40), default="")
    way: Mapped[str] = mapped_column(String(10))
    state: Mapped[str] = mapped_column(String(10), index=True)
    assignee: Mapped[str] = mapped_column(String(320), default="")
    #: Sealed: where the bot sends replies ("" once erased or after STOP).
    address: Mapped[str] = mapped_column(Text, default="")
    #: Sealed: the number to call, only when the resident chose a call.
    phone: Mapped[str] = mapped_column(Text, default="")
    #: The service's own number the resident wrote to (SMS), so replies come from it.
    via: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)
    due_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    first_reply_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    #: Who closed it: a keeper's email, "auto" (30 days open) or "stop" (the resident's STOP).
    closed_by: Mapped[str] = mapped_column(String(320), default="")
    #: The keeper's answer to "Did they find help?" on closing (None: not known).
    help_found: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    erased_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)


class RequestMessage(Base):
    __tablename__ = "request_message"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("person_request.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    #: Sealed text.
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    #: The keeper who wrote it ("" for the resident).
    by: Mapped[str] = mapped_column(String(320), default="")


class NumberView(Base):
    """A keeper was shown a request's phone number: who and when (never the number)."""

    __tablename__ = "request_number_view"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("person_request.id", ondelete="CASCADE"), index=True)
    viewed_by: Mapped[str] = mapped_column(String(320))
    viewed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


@dataclass(frozen=True)
class Helper:
    """The organisation a request would go to."""

    organisation_id: str
    name: str


def helper_for(session: Session, ward_code: str | None, fallback: str) -> Helper | None:
    """The ward's anchor organisation (first by name), else the fallback, else None."""
    if ward_code:
        for org_id, name, wards in session.execute(
                select(Organisation.id, Organisation.name, Organisation.anchor_wards)
                .where(Organisation.anchor_wards != "").order_by(Organisation.name)):
            if ward_code in (w.strip() for w in wards.split(",")):
                return Helper(org_id, name)
    if fallback:
        org = session.get(Organisation, fallback)
        if org is not None:
            return Helper(org.id, org.name)
    return None


def add_working_days(start: dt.datetime, days: int) -> dt.datetime:
    """``days`` working days (Monday to Friday, not bank holidays, Leeds time) after
    ``start``."""
    moment = start.astimezone(LONDON)
    added = 0
    while added < days:
        moment += dt.timedelta(days=1)
        if moment.weekday() < 5 and not closing_day(moment.date()):
            added += 1
    return moment.astimezone(dt.UTC)


def open_request(session: Session, options: RequestOptions, *, channel: str, sender_hash: str,
                 address: str, via: str, organisation_id: str, ward_code: str, need: str, way: Way,
                 phone: str, now: dt.datetime, practice: bool) -> PersonRequest:
    """A new request, its address (and number, for a call) sealed."""
    request = PersonRequest(
        channel=channel, sender_hash=sender_hash, practice=practice,
        organisation_id=organisation_id, ward_code=ward_code, need=need, way=way.value,
        state=State.OPEN.value, assignee="", address=seal(options.key, address), via=via,
        phone=seal(options.key, phone) if phone and way is Way.CALL else "",
        created_at=now, due_at=add_working_days(now, options.reply_days))
    session.add(request)
    session.flush()
    return request


def open_request_of(session: Session, channel: str, sender_hash: str) -> PersonRequest | None:
    """The sender's newest request that is not closed, if any."""
    return session.scalar(select(PersonRequest).where(
        PersonRequest.channel == channel, PersonRequest.sender_hash == sender_hash,
        PersonRequest.state != State.CLOSED.value).order_by(PersonRequest.id.desc()).limit(1))


def add_message(session: Session, key: str, request: PersonRequest, kind: Kind, text: str,
                now: dt.datetime, by: str = "") -> RequestMessage:
    """One message or note on the request, sealed; a keeper's first reply is timed."""
    message = RequestMessage(request_id=request.id, kind=kind.value, text=seal(key, text),
                             at=now, by=by)
    session.add(message)
    if kind is Kind.KEEPER:
        if request.first_reply_at is None:
            request.first_reply_at = now
        if request.state != State.CLOSED:
            request.state = State.REPLIED.value
        if not request.assignee:
            request.assignee = by
    session.flush()
    return message


@dataclass(frozen=True)
class ShownMessage:
    kind: str
    text: str
    at: dt.datetime
    by: str


def messages_of(session: Session, key: str, request_id: int) -> list[ShownMessage]:
    """The request's messages and notes, oldest first, unsealed."""
    rows = session.scalars(select(RequestMessage).where(RequestMessage.request_id == request_id)
                           .order_by(RequestMessage.at, RequestMessage.id))
    return [ShownMessage(m.kind, unseal(key, m.text), m.at, m.by) for m in rows]


def address_of(key: str, request: PersonRequest) -> str:
    """Where the bot sends this request's replies ("" once ended or erased)."""
    return unseal(key, request.address) if request.address else ""


def via_of(key: str, request: PersonRequest) -> str | None:
    """The number replies go from (the one the resident texted), or None."""
    return request.via or None


def show_number(session: Session, key: str, request: PersonRequest, keeper: str,
                now: dt.datetime) -> str:
    """The number to call, logged as seen by ``keeper``; "" when the resident did not agree."""
    if request.way != Way.CALL.value or not request.phone:
        return ""
    session.add(NumberView(request_id=request.id, viewed_by=keeper, viewed_at=now))
    session.flush()
    return unseal(key, request.phone)


def assign(request: PersonRequest, keeper: str) -> None:
    """A keeper takes the request."""
    request.assignee = keeper
    if request.state == State.OPEN:
        request.state = State.ASSIGNED.value


def reassign(request: PersonRequest, organisation_id: str) -> None:
    """An admin sends the request to another organisation; it waits to be taken again."""
    request.organisation_id = organisation_id
    request.assignee = ""
    if request.state == State.ASSIGNED:
        request.state = State.OPEN.value


def close(request: PersonRequest, now: dt.datetime, by: str,
          help_found: bool | None = None) -> None:
    if request.state == State.CLOSED:
        return
    request.state, request.closed_at, request.closed_by = State.CLOSED.value, now, by
    request.help_found = help_found


def end_relay(session: Session, channel: str, sender_hash: str, now: dt.datetime) -> None:
    """STOP: the sender's open requests close and forget where to reach them."""
    for request in session.scalars(select(PersonRequest).where(
            PersonRequest.channel == channel, PersonRequest.sender_hash == sender_hash,
            PersonRequest.state != State.CLOSED.value)):
        close(request, now, "stop")
        request.address, request.phone = "", ""
    session.flush()


def forget_requests(session: Session, channel: str, sender_hash: str) -> None:
    """FORGET: delete the sender's requests, their messages and their number views."""
    ids = list(session.scalars(select(PersonRequest.id).where(
        PersonRequest.channel == channel, PersonRequest.sender_hash == sender_hash)))
    if not ids:
        return
    for model in (RequestMessage, NumberView):
        session.execute(delete(model).where(model.request_id.in_(ids)))
    session.execute(delete(PersonRequest).where(PersonRequest.id.in_(ids)))


def overdue(request: PersonRequest, now: dt.datetime) -> bool:
    """Past its promised reply time with no reply yet."""
    return request.first_reply_at is None and request.state != State.CLOSED \
        and now > request.due_at


def tidy(session: Session, now: dt.datetime) -> tuple[int, int]:
    """Close requests open 30 days, and erase requests closed 14 days ago:
    (closed, erased)."""
    closed = 0
    for request in session.scalars(select(PersonRequest).where(
            PersonRequest.state != State.CLOSED.value,
            PersonRequest.created_at < now - AUTO_CLOSE_AFTER)):
        close(request, now, "auto")
        closed += 1
    session.flush()
    erased = 0
    for request in session.scalars(select(PersonRequest).where(
            PersonRequest.state == State.CLOSED.value, PersonRequest.erased_at.is_(None),
            PersonRequest.closed_at < now - ERASE_AFTER)):
        erase(session, request, now)
        erased += 1
    session.flush()
    return closed, erased


def erase(session: Session, request: PersonRequest, now: dt.datetime) -> None:
    """Keep only what counts need: organisation, ward, need, states and times (and the log of
    who saw the number, which never held it)."""
    session.execute(delete(RequestMessage).where(RequestMessage.request_id == request.id))
    request.address, request.phone, request.sender_hash = "", "", ""
    request.erased_at = now
