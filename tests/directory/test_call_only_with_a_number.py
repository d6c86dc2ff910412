"""No reply tells a resident to call where it gives no number to call: checked over every
shipped record, in its details and on a results page."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from bot.wording.cards import ResultCard
from bot.wording.pages import page_text
from bot.wording.render import detail_text
from core.db import session_scope
from directory.details import result_again, service_detail
from directory.models import Service, ServiceAtLocation, ServiceStatus

AT = dt.datetime(2026, 12, 7, 10, 0)  # a Monday morning
CALL = re.compile(r"\bcall\b", re.IGNORECASE)
NUMBER = re.compile(r"\b0\d{2,4}(?: ?\d{2,4}){1,3}\b|\b(?:111|999|116 ?\d{3}|85258)\b")


def _every_result(session):
    services = session.scalars(select(Service).where(
        Service.status == ServiceStatus.ACTIVE.value).options(
        selectinload(Service.locations).selectinload(ServiceAtLocation.location))).all()
    for service in services:
        need = sorted(service.need_slugs)[0]
        for location_id in [link.location_id for link in service.locations] or [None]:
            yield service, need, location_id


def test_no_reply_says_call_without_a_number(shipped_engine):
    with session_scope(shipped_engine) as session:
        offenders, checked = _offenders(session)
    assert checked > 200
    assert offenders == []


def _offenders(session) -> tuple[list[str], int]:
    offenders, checked = [], 0
    for service, need, location_id in _every_result(session):
        detail = service_detail(session, need, service.id, location_id, None, AT)
        result = result_again(session, need, service.id, location_id, None, AT)
        texts = [detail_text(1, detail, AT, []),
                 page_text([ResultCard(1, result, "")], AT, "Leeds Signpost: near LS9", False)]
        checked += 1
        for text in texts:
            if CALL.search(text) and not NUMBER.search(text):
                offenders.append(f"{service.id}: {text!r}")
    return offenders, checked


def test_the_check_can_fail():
    text = "1) Example Pantry\nHours: not published, call first"
    assert CALL.search(text) and not NUMBER.search(text)
