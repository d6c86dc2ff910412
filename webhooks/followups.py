"""Sending the follow-ups that are due, and reporting their outcomes (``signpost followups``).

    send_due(settings, database, now)   claim due rows (committed), then send each one and
                                        record it at once: run twice, it sends once; rows a
                                        stopped run left claimed are claimed again later
    outcome_report(database, start, end)  asked, answered, got help, no help by reason and
                                        didn't go, by need and ward; small counts suppressed
    practice_replies(database, channel, key, now)  the sandbox's (or terminal's) follow-ups
                                        due at the pretend time, as the replies that show them

Each channel kind has its own message function in ``MESSAGES`` (a WhatsApp template can be one).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine, select

from bot.insights.suppression import SMALL
from bot.languages import language
from bot.messages import Reply
from bot.records import followups, store
from bot.records.followups import FollowUp
from bot.wording import copy
from bot.wording.i18n import speaking
from bot.wording.split import sms_form, sms_segments
from core.clock import LONDON, as_utc
from core.db import session_scope
from core.sealed import UnreadableSealed, unseal
from webhooks.config import Settings
from webhooks.outbound import Outgoing, Sent, send
from webhooks.whatsapp_send import Started, deliver

log = logging.getLogger(__name__)


def question_text(row: FollowUp) -> str:
    """The follow-up in the language the resident agreed in: one GSM-7 segment (two in a
    language that goes as UCS-2, 70 characters a segment); the place's name is shortened to
    fit."""
    with speaking(row.language) as code:
        need = copy.need_words(row.need)
        name = row.service_name or copy.THE_PLACE_WE_SUGGESTED
        text = sms_form(copy.follow_up_question(need, name), code)
        most = 1 if language(code).sms_gsm7 else 2
        while sms_segments(text, code) > most and len(name) > 8:
            name = name[:-2].rstrip() if name.endswith("...") else name[:-4].rstrip() + "..."
            text = sms_form(copy.follow_up_question(need, name), code)
        return text


def sms_message(row: FollowUp, to: str) -> Outgoing:
    return Outgoing("sms", to, question_text(row))


def telegram_message(row: FollowUp, to: str) -> Outgoing:
    with speaking(row.language):
        buttons = copy.FOLLOW_UP_BUTTONS
    return Outgoing("telegram", to, question_text(row), buttons)


#: How each channel kind words its follow-up.
MESSAGES: dict[str, Callable[[FollowUp, str], Outgoing]] = {
    "sms": sms_message,
    "telegram": telegram_message,
}


def practice_replies(database: Engine, channel: str, key: str, now: dt.datetime) -> list[Reply]:
    """Practice follow-ups that ``send`` would send at ``now`` (the pretend time), each once,
    in the words and with the buttons a real one has; nothing goes to Twilio or Telegram. The
    conversation ends with them, as a real one would have expired days before."""
    with session_scope(database) as session:
        rows = followups.deliver_practice(session, channel, key, as_utc(now))
        if rows:
            store.end_conversation(session, channel, key)
        return [Reply(message.text, buttons=message.buttons, language=row.language)
                for row, message in ((row, telegram_message(row, "")) for row in rows)]


@dataclass
class SendReport:
    """What one run did (counts only)."""

    due: int = 0
    sent: int = 0
    failed: int = 0
    expired: int = 0
    outside_hours: bool = False
    texts: list[str] = field(default_factory=list)
    #: Why messages were not sent, and how many for each reason (no numbers).
    reasons: dict[str, int] = field(default_factory=dict)


def send_due(settings: Settings, database: Engine, now: dt.datetime,
             dry_run: bool = False) -> SendReport:
    """Send every due follow-up once (only between 10:00 and 19:00 Leeds time)."""
    report = SendReport()
    with session_scope(database) as session:
        report.expired = followups.expire(session, now)
    if not followups.in_sending_hours(now):
        report.outside_hours = True
        return report
    if dry_run:
        with session_scope(database) as session:
            rows = followups.due(session, now)
            report.due = len(rows)
            report.texts = [question_text(row) for row in rows]
        return report
    with session_scope(database) as session:  # the claim is committed before anything is sent
        claim = followups.claim_due(session, now)
    with session_scope(database) as session:
        rows = followups.claimed(session, claim)
        session.expunge_all()
    report.due = len(rows)
    for row in rows:
        sent = _send_one(settings, row, row.channel, row.address_sealed, database, now)
        with session_scope(database) as session:
            if sent.ok:
                followups.mark_sent(session, row.id, claim, now)
                report.sent += 1
            else:
                followups.mark_failed(session, row.id, claim, sent.detail)
                report.failed += 1
                report.reasons[sent.detail] = report.reasons.get(sent.detail, 0) + 1
    return report


def _send_one(settings: Settings, row: FollowUp, channel: str, sealed: str | None,
              database: Engine, now: dt.datetime) -> Sent:
    make = MESSAGES.get(channel)
    if channel == "whatsapp" and sealed is not None:
        make = None  # WhatsApp's own path: the 24-hour window decides text or template
    elif make is None or sealed is None:
        return Sent(False, f"no way to send a {channel} follow-up")
    try:
        address = json.loads(unseal(settings.followup_key, sealed))
    except (UnreadableSealed, ValueError):
        return Sent(False, "the sealed address could not be opened (another key?)")
    if make is None:
        return whatsapp_follow_up(settings, database, row, address["to"], now)
    return send(settings, make(row, address["to"]), address.get("from"))


def whatsapp_follow_up(settings: Settings, database: Engine, row: FollowUp, to: str,
                       now: dt.datetime) -> Sent:
    """Inside the resident's 24-hour window the question itself (with buttons where they are
    set up); outside it the approved template WHATSAPP_TEMPLATE_FOLLOWUP_EN, its variables the
    need and the place; with no template, nothing, and the reason is returned."""
    need, name = copy.need_words(row.need), row.service_name or "the place we suggested"
    message = Started("followup", "en", question_text(row), {"1": need, "2": name},
                      buttons=copy.FOLLOW_UP_BUTTONS)
    with session_scope(database) as session:
        return deliver(settings, session, row.sender_hash or "", now, to, message)


# --- outcomes -------------------------------------------------------------------------------


def _bounds(start: dt.date | None, end: dt.date | None) -> tuple[dt.datetime, dt.datetime]:
    low = dt.datetime.combine(start or dt.date(2000, 1, 1), dt.time(), tzinfo=LONDON)
    high = dt.datetime.combine((end or dt.date(2999, 1, 1)) + dt.timedelta(days=1), dt.time(),
                               tzinfo=LONDON)
    return low.astimezone(dt.UTC), high.astimezone(dt.UTC)


def _hidden(value: int) -> int | None:
    """A count as published: None (shown as <5) when it is small but not nothing."""
    return None if 0 < value < SMALL else value


COLUMNS = ("asked", "answered", "got_help", "no_help", "didnt_go",
           *(f"no_help_{reason}" for reason in followups.REASONS.values()))


def _tally(rows: list[tuple[str, str, str]]) -> dict[str, int]:
    counts = dict.fromkeys(COLUMNS, 0)
    for outcome, reason, _sent in rows:
        counts["asked"] += 1
        if outcome:
            counts["answered"] += 1
            counts[outcome] += 1
        if reason:
            counts[f"no_help_{reason}"] += 1
    return counts


def _published(counts: dict[str, int]) -> dict[str, int | float | None]:
    out: dict[str, int | float | None] = {k: _hidden(v) for k, v in counts.items()}
    answered = counts["answered"]
    out["share_got_help"] = (round(counts["got_help"] / answered, 3)
                             if answered >= SMALL and counts["got_help"] >= SMALL else None)
    return out


def outcome_report(database: Engine, start: dt.date | None = None,
                   end: dt.date | None = None) -> dict:
    """Follow-ups sent between ``start`` and ``end`` (Leeds days), and how they were answered,
    by need and by ward; every count under 5 is suppressed (None)."""
    low, high = _bounds(start, end)
    with session_scope(database) as session:
        rows = session.execute(select(FollowUp.need, FollowUp.ward_code, FollowUp.outcome,
                                      FollowUp.reason, FollowUp.sent_at)
                               .where(FollowUp.sent_at.is_not(None), followups.COUNTED)).all()
    rows = [r for r in rows if low <= as_utc(r.sent_at) < high]
    by_need: dict[str, list] = {}
    by_ward: dict[str, list] = {}
    for need, ward, outcome, reason, sent in rows:
        by_need.setdefault(need, []).append((outcome, reason, sent))
        by_ward.setdefault(ward or "unknown", []).append((outcome, reason, sent))
    return {
        "from": start.isoformat() if start else None, "to": end.isoformat() if end else None,
        "small_counts_hidden_below": SMALL,
        "totals": _published(_tally([(o, r, s) for _n, _w, o, r, s in rows])),
        "by_need": [{"need": need, **_published(_tally(items))}
                    for need, items in sorted(by_need.items())],
        "by_ward": [{"ward": ward, **_published(_tally(items))}
                    for ward, items in sorted(by_ward.items())],
    }


def got_help_by_need(database: Engine, start: dt.date | None = None,
                     end: dt.date | None = None) -> list[dict]:
    """For ``/insights``: the share of answered follow-ups that got help, by need (suppressed),
    for follow-ups sent between ``start`` and ``end`` (Leeds days)."""
    return [{"need": row["need"], "answered": row["answered"],
             "share_got_help": row["share_got_help"]}
            for row in outcome_report(database, start, end)["by_need"]]
