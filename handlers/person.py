"""Talking to a person: the offer, the resident's YES (or CALL), and the messages that follow.

    PERSON (any step) --(no place yet)--> PERSON_PLACE --(place)--> PERSON_OFFER
    PERSON_OFFER --YES--> PERSON_OPEN;  --CALL--> PERSON_OPEN (SMS: this number) or
    PERSON_PHONE (Telegram: "Share my phone number", or YES for replies here) --> PERSON_OPEN
    PERSON_OPEN: each message joins the open request (NEW leaves; STOP ends the request)

Nothing is passed on without a YES or CALL; a crisis is answered by the guards first and never
waits for a keeper.
"""

from __future__ import annotations

import datetime as dt

from bot.engine import Context
from bot.records.requests import (
    Kind,
    PersonRequest,
    Way,
    add_message,
    helper_for,
    open_request,
    open_request_of,
)
from bot.steps import Step
from bot.wording import copy
from directory.places import ResolvedPlace
from handlers.flow import ask_for_need
from handlers.slots import known_place

OFFER_CHOICES = ("YES", "CALL", "NO")
_YES = {"yes", "y", "yeah", "yep", "yes please", "ok", "okay", "send", "send it", "sure"}
_NO = {"no", "n", "nope", "no thanks", "no thank you", "dont", "don't", "cancel"}
_CALL = {"call", "call me", "phone", "phone me", "ring", "ring me", "a call", "phone call"}


def _word(ctx: Context) -> str:
    return " ".join(ctx.message.text.lower().replace(".", " ").replace("!", " ").split())


def answers_offer(ctx: Context) -> bool:
    """True for YES, NO or CALL said to the offer: an answer to us, not a worry to check on."""
    return ctx.state.step in (Step.PERSON_OFFER, Step.PERSON_PHONE) \
        and _word(ctx) in _YES | _NO | _CALL


def ask(ctx: Context) -> Step:
    """PERSON: joins an open request, else offers the ward's anchor (asking the place first)."""
    if open_request_of(ctx.session, ctx.message.channel.value, ctx.sender_hash) is not None:
        return join(ctx)
    place = known_place(ctx)
    if place is None:
        ctx.say(copy.PERSON_ASK_PLACE, request_location=True)
        return Step.PERSON_PLACE
    return offer(ctx, place)


def offer(ctx: Context, place: ResolvedPlace) -> Step:
    """Names who would help, what they see and how soon; asks YES, CALL or NO."""
    ward = place.ward_code if place.in_leeds else None
    helper = helper_for(ctx.session, ward, ctx.requests.fallback_organisation)
    if helper is None:
        ctx.state.person = None
        return ask_for_need(ctx, lead=copy.PERSON_NOBODY)
    ctx.state.person = {"id": helper.organisation_id, "name": helper.name}
    area = (place.ward_name if place.in_leeds and place.ward_name else place.label) or copy.YOU
    ctx.say(copy.person_offer(helper.name, ctx.state.need, area, ctx.requests.reply_days),
            OFFER_CHOICES)
    return Step.PERSON_OFFER


def ask_place(ctx: Context) -> Step:
    """PERSON_PLACE: the place (kept by the slots), then the offer."""
    place = known_place(ctx)
    if ctx.understanding.place is None or place is None:
        ctx.say(copy.PERSON_ASK_PLACE, request_location=True)
        return Step.PERSON_PLACE
    return offer(ctx, place)


def answer_offer(ctx: Context) -> Step:
    """PERSON_OFFER: YES sends with replies through the bot; CALL with the number; NO not."""
    word = _word(ctx)
    if ctx.state.person is None:
        return ask(ctx)
    if word in _YES:
        return send(ctx, Way.BOT, "")
    if word in _CALL:
        if ctx.message.channel.value == "telegram":
            ctx.say(copy.PERSON_SHARE_PHONE, ("YES", "NO"), request_contact=True)
            return Step.PERSON_PHONE
        return send(ctx, Way.CALL, ctx.message.sender)
    if word in _NO:
        ctx.state.person = None
        return ask_for_need(ctx, lead=copy.PERSON_NOT_SENT)
    ctx.say(copy.PERSON_UNCLEAR, OFFER_CHOICES)
    return Step.PERSON_OFFER


def answer_phone(ctx: Context) -> Step:
    """PERSON_PHONE (Telegram): a shared number sends for a call; YES for replies here."""
    if ctx.message.phone:
        return send(ctx, Way.CALL, ctx.message.phone)
    word = _word(ctx)
    if word in _YES:
        return send(ctx, Way.BOT, "")
    if word in _NO:
        ctx.state.person = None
        return ask_for_need(ctx, lead=copy.PERSON_NOT_SENT)
    ctx.say(copy.PERSON_SHARE_PHONE, ("YES", "NO"), request_contact=True)
    return Step.PERSON_PHONE


def send(ctx: Context, way: Way, phone: str) -> Step:
    """Opens the request (with the turn's writes) and says who will answer and when."""
    helper = ctx.state.person or {}
    place = known_place(ctx)
    ward = place.ward_code if place is not None and place.in_leeds else ""
    channel, key, now, options = ctx.message.channel.value, ctx.sender_hash, ctx.now, ctx.requests
    via, address, need = ctx.message.recipient or "", ctx.message.sender, ctx.state.need or ""
    practice = ctx.message.channel.is_practice
    ctx.later(lambda session: open_request(
        session, options, channel=channel, sender_hash=key, address=address, via=via,
        organisation_id=helper["id"], ward_code=ward or "", need=need, way=way, phone=phone,
        now=now, practice=practice))
    ctx.say(copy.person_sent(helper.get("name", ""), options.reply_days, way is Way.CALL),
            ("NEW",))
    return Step.PERSON_OPEN


def join(ctx: Context) -> Step:
    """PERSON_OPEN: the message joins the open request; with none open, the menu."""
    request = open_request_of(ctx.session, ctx.message.channel.value, ctx.sender_hash)
    if request is None:
        ctx.state.person = None
        return ask_for_need(ctx, lead=copy.PERSON_ENDED)
    text = ctx.message.text.strip()
    if text:
        _later_message(ctx, request.id, text, ctx.now)
    ctx.say(copy.PERSON_NOTED, ("NEW",))
    return Step.PERSON_OPEN


def _later_message(ctx: Context, request_id: int, text: str, now: dt.datetime) -> None:
    key = ctx.requests.key
    ctx.later(lambda session: add_message(session, key, session.get(PersonRequest, request_id),
                                          Kind.RESIDENT, text, now))
