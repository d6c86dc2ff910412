"""The keepers' view of requests to a person: who sees which, rows for a list, and the median
time to first reply. Numbers are never part of a row: only ``requests.show_number`` gives one,
and logs it."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.records.requests import PersonRequest, State, overdue
from bot.records.store import load_state, save_state
from bot.steps import Step
from directory.models import Organisation, Ward


@dataclass(frozen=True)
class RequestRow:
    """One request as a list shows it: never an address, a number or a message."""

    id: int
    state: str
    organisation_id: str
    organisation: str
    ward: str
    need: str
    way: str
    assignee: str
    created_at: str
    due_at: str
    first_reply_at: str | None
    closed_at: str | None
    #: Hours from the request to the first reply (None: no reply yet).
    hours_to_first_reply: float | None
    overdue: bool
    #: "yes" when a number was agreed (shown only on the request's own page, and logged).
    number: str

    def to_dict(self) -> dict:
        return asdict(self)


def visible(organisation_ids: Iterable[str] | None, open_only: bool = False):
    """The SELECT of real (not practice) requests that keepers of ``organisation_ids`` may see
    (None: every organisation, for admins and the command line), newest first."""
    query = select(PersonRequest).where(PersonRequest.practice.is_(False))
    if organisation_ids is not None:
        query = query.where(PersonRequest.organisation_id.in_(list(organisation_ids)))
    if open_only:
        query = query.where(PersonRequest.state != State.CLOSED.value)
    return query.order_by(PersonRequest.id.desc())


def _hours(request: PersonRequest) -> float | None:
    if request.first_reply_at is None:
        return None
    return round((request.first_reply_at - request.created_at).total_seconds() / 3600, 1)


def rows(session: Session, requests: Iterable[PersonRequest], now: dt.datetime) -> list[RequestRow]:
    """The requests as list rows, with organisation and ward names."""
    requests = list(requests)
    orgs = dict(session.execute(select(Organisation.id, Organisation.name).where(
        Organisation.id.in_({r.organisation_id for r in requests}))).all())
    wards = dict(session.execute(select(Ward.code, Ward.name).where(
        Ward.code.in_({r.ward_code for r in requests}))).all())
    return [RequestRow(
        id=r.id, state=r.state, organisation_id=r.organisation_id,
        organisation=orgs.get(r.organisation_id, r.organisation_id),
        ward=wards.get(r.ward_code, r.ward_code), need=r.need, way=r.way, assignee=r.assignee,
        created_at=r.created_at.isoformat(), due_at=r.due_at.isoformat(),
        first_reply_at=r.first_reply_at.isoformat() if r.first_reply_at else None,
        closed_at=r.closed_at.isoformat() if r.closed_at else None,
        hours_to_first_reply=_hours(r), overdue=overdue(r, now),
        number="yes" if r.phone else "no") for r in requests]


def list_requests(session: Session, now: dt.datetime, organisation_ids: Iterable[str] | None,
                  open_only: bool = False, limit: int = 500) -> list[RequestRow]:
    return rows(session, session.scalars(visible(organisation_ids, open_only).limit(limit)), now)


def median_hours_to_first_reply(session: Session, start: dt.datetime,
                                end: dt.datetime) -> tuple[int, int, float | None]:
    """Real requests made in [start, end): how many, how many were answered, and the median
    hours to a first reply among those (None when none was)."""
    made = list(session.execute(select(PersonRequest.created_at, PersonRequest.first_reply_at)
                                .where(PersonRequest.practice.is_(False),
                                       PersonRequest.created_at >= start,
                                       PersonRequest.created_at < end)).all())
    waits = [(reply - made_at).total_seconds() / 3600 for made_at, reply in made if reply]
    return len(made), len(waits), (round(statistics.median(waits), 1) if waits else None)


def await_answer(session: Session, request: PersonRequest, helper: str,
                 now: dt.datetime) -> None:
    """After a keeper's reply, the resident's next messages join the request: their
    conversation waits at PERSON_OPEN (for the usual few hours)."""
    if not request.sender_hash:
        return
    loaded = load_state(session, request.channel, request.sender_hash, now, dt.timedelta.max)
    state = loaded.state
    state.step = Step.PERSON_OPEN
    state.person = {"id": request.organisation_id, "name": helper}
    save_state(session, request.channel, request.sender_hash, state,
               now, loaded.version)
