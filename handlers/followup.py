""""Did you get help?": the offer after an answer, consent (CHECK, or YES just after the offer),
and the resident's answer to the follow-up when it comes (1 yes, 2 no + why, 3 didn't go).

The offer is made at most once per answer, never in a conversation where a crisis was said, and
only where the bot can send a message first (SMS, Telegram, WhatsApp) or where practice
follow-ups appear in the conversation (the sandbox, the terminal: their times are the pretend
time, and nothing about them is counted). Sending is ``signpost followups
send`` (``webhooks/followups.py``); what is kept, and for how long, is
``bot.records.followups``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from functools import partial

from bot.engine import Context
from bot.languages import HINT
from bot.records import followups, store
from bot.records.followups import Agreement, FollowUp
from bot.records.kept import KeptPage, KeptResult
from bot.steps import Step
from bot.wording import copy
from bot.wording.cards import ResultCard
from bot.wording.dates import short_day
from bot.wording.i18n import current_language
from bot.wording.pages import page_text
from bot.wording.split import fits_sms
from core.clock import LONDON, as_utc, london_day
from core.sealed import seal
from directory.details import result_again
from handlers.answer import kept_result, page_results
from handlers.slots import known_place
from handlers.speaking import speak

#: Channels the bot can write to first.
SENDING_CHANNELS = ("sms", "telegram", "whatsapp")
_YES = re.compile(r"^\s*(yes|yeah|yep|y|ok|okay|please|yes please)\W*$", re.IGNORECASE)
_DIGIT = re.compile(r"^\s*([1-4])\W*$")


def _the_result(ctx: Context) -> KeptResult | None:
    """The place a follow-up would ask about: the one whose details were shown, else the first."""
    if ctx.state.detailed is not None:
        item = kept_result(ctx, ctx.state.detailed)
        if item is not None:
            return item
    shown = page_results(ctx)
    return shown[0] if shown else None


def _follows_up(ctx: Context) -> bool:
    """Follow-ups are on: a channel the bot can write to first, or practice (sandbox)."""
    channel = ctx.message.channel
    return ctx.followups is not None and (channel.value in SENDING_CHANNELS
                                          or channel.is_practice)


def _time(ctx: Context) -> dt.datetime:
    """When a follow-up is agreed or answered: now, or in practice the pretend time (the clock
    the sandbox's follow-ups follow, so a volunteer can move it past the due time)."""
    return as_utc(ctx.at) if ctx.message.channel.is_practice else ctx.now


#: Needs whose answers never offer a text later: someone else may read the phone.
NO_FOLLOW_UP_NEEDS = frozenset({"domestic-abuse"})


def can_offer(ctx: Context) -> bool:
    return (_follows_up(ctx)
            and not (ctx.state.crisis or ctx.understanding.crisis)
            and ctx.state.need not in NO_FOLLOW_UP_NEEDS
            and not ctx.state.offered and _the_result(ctx) is not None)


def add_offer(ctx: Context) -> None:
    """Add the one offer to the last reply, if this answer may have one."""
    if not ctx.replies or not can_offer(ctx):
        return
    due = followups.due_time(_time(ctx), ctx.followups.days)
    day = short_day(due.astimezone(LONDON).weekday())
    last = ctx.replies[-1]
    text = f"{last.text}\n{copy.follow_up_offer(day)}"
    channel = ctx.message.channel  # the sandbox shows the SMS view too: it keeps SMS's rule
    if (channel.value == "sms" or channel.is_practice) and not fits_sms(text):
        return  # never split a packed page for the offer: a later answer may carry it
    ctx.replies[-1] = dataclasses.replace(last, text=text)
    ctx.state.offered = ctx.state.offer_open = True


def check(ctx: Context) -> Step:
    """CHECK: agree to one follow-up about the answer just given."""
    return _agree(ctx, "CHECK")


def _agree(ctx: Context, how: str) -> Step:
    item = _the_result(ctx) if ctx.state.step is Step.RESULTS else None
    if ctx.state.agreed:
        ctx.say(copy.FOLLOW_UP_ALREADY, ("NEW",))
        return ctx.state.step
    if item is None or not can_offer_now(ctx):
        ctx.say(copy.FOLLOW_UP_NOTHING_TO_CHECK)
        return ctx.state.step
    config, now = ctx.followups, _time(ctx)
    due = followups.due_time(now, config.days)
    address = json.dumps({"to": ctx.message.sender, "from": ctx.message.recipient})
    name = _name(ctx, item)
    places = [[k.service_id, k.location_id, k.need] for k in ctx.state.answer
              if isinstance(k, KeptResult)]
    place = known_place(ctx)
    day = short_day(due.astimezone(LONDON).weekday())
    agreement = Agreement(
        ctx.message.channel.value, ctx.sender_hash, seal(config.key, address),
        f"{how}: {copy.follow_up_offer(day)}", item.need,
        (place.ward_code if place else None) or "", item.service_id, name, places, due,
        current_language())
    ctx.later(partial(followups.record, agreement=agreement, now=now))
    ctx.state.agreed, ctx.state.offer_open = True, False
    ctx.say(copy.FOLLOW_UP_AGREED, ("NEW",))
    return ctx.state.step


def can_offer_now(ctx: Context) -> bool:
    """Consent is taken where an offer could be made (the offer itself may be earlier)."""
    return _follows_up(ctx) and not (ctx.state.crisis or ctx.understanding.crisis)


def _name(ctx: Context, item: KeptResult) -> str:
    result = result_again(ctx.session, item.need, item.service_id, item.location_id, None, ctx.at)
    return result.name if result is not None else ""


def yes_to_offer(ctx: Context) -> bool:
    """YES right after the offer agrees to it; any other message closes the offer."""
    was_open, ctx.state.offer_open = ctx.state.offer_open, False
    if not (was_open and _YES.match(ctx.message.text or "")):
        return False
    ctx.state.step = _agree(ctx, "YES")
    return True


def reply_to_follow_up(ctx: Context) -> bool:
    """1, 2 or 3 to a follow-up that was sent (or 1-4 to "What happened?"); True if it was."""
    match = _DIGIT.match(ctx.message.text or "")
    if match is None:
        return False
    now = _time(ctx)
    row = followups.open_for(ctx.session, ctx.message.channel.value, ctx.sender_hash, now)
    if row is None or (row.status == followups.SENT and ctx.state.step is not Step.START):
        return False
    if ctx.state.language is None and row.language != current_language():
        # A new conversation answering the follow-up: go on in the language it was agreed in.
        speak(ctx, row.language, HINT)
    digit = match.group(1)
    if row.status == followups.REASON:
        _reason(ctx, row, followups.REASONS[digit])
        return True
    if digit not in followups.OUTCOMES:
        return False
    outcome = followups.OUTCOMES[digit]
    ctx.later(partial(followups.answer, row_id=row.id, outcome=outcome, now=now))
    ctx.state = ctx.state.afresh(step=Step.START)
    if outcome == "got_help":
        ctx.say(copy.FOLLOW_UP_THANKS, ("NEW",))
    elif outcome == "no_help":
        ctx.say(copy.FOLLOW_UP_WHAT_HAPPENED, buttons=copy.FOLLOW_UP_REASON_BUTTONS)
    else:
        ctx.say(copy.FOLLOW_UP_STILL_NEED, ("NEW", "HELP"))
    return True


def _reason(ctx: Context, row: FollowUp, reason: str) -> None:
    """Why there was no help: to the keepers' review (as WRONG is; never from practice), then
    the other places."""
    week, service_id = store.week_of(london_day(ctx.now)), row.service_id
    ctx.later(partial(followups.give_reason, row_id=row.id, reason=reason))
    if ctx.counted:
        ctx.later(lambda session: store.report_wrong(session, service_id, week))
    others = [p for p in json.loads(row.places or "[]") if p[0] != row.service_id]
    kept, cards = [], []
    for service, location, need in others:
        result = result_again(ctx.session, need, service, location, None, ctx.at)
        if result is not None and len(cards) < 3:
            number = len(cards) + 1
            kept.append(KeptResult(number, service, location, None, need))
            cards.append(ResultCard(number, result))
    ctx.state = ctx.state.afresh(step=Step.START)
    if not cards:
        ctx.say(copy.FOLLOW_UP_NO_OTHERS, ("NEW",))
        return
    ctx.state = ctx.state.afresh(step=Step.RESULTS, need=row.need, answer=kept,
                                 pages=[KeptPage(tuple(range(len(kept))))],
                                 offered=True, agreed=True)
    ctx.say(page_text(cards, ctx.at, copy.FOLLOW_UP_NEXT_PLACES, False), ("NEW",))
