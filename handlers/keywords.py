"""Words that work at every step: HELP, NEW/MENU, BACK, MORE, STOP, START, FORGET."""

from __future__ import annotations

from bot.engine import Context
from bot.records import store
from bot.records.requests import end_relay
from bot.steps import Step
from bot.wording import copy
from bot.wording.phones import format_phone
from directory.search import find_anchor
from handlers.flow import ask_for_need, ask_for_place
from handlers.results import show_more
from handlers.slots import known_place


def help_(ctx: Context) -> Step:
    """Explains the service and the keywords, and names the local anchor once the place is
    known; the step does not change."""
    place = known_place(ctx)
    anchor = find_anchor(ctx.session, place.ward_code) if place and place.in_leeds else None
    if anchor is not None and (anchor.phone or anchor.website):
        contact = format_phone(anchor.phone) if anchor.phone else anchor.website
        ctx.say(copy.help_with_person(anchor.name, contact), ("NEW",))
    else:
        ctx.say(copy.HELP, ("NEW",))
    return ctx.state.step


def new(ctx: Context) -> Step:
    """Forgets the need and place and shows the menu (a crisis said is remembered)."""
    ctx.state = ctx.state.afresh(crisis=ctx.state.crisis)
    return ask_for_need(ctx, lead=copy.ASK_NEED_AGAIN)


def back(ctx: Context) -> Step:
    """One step back: results -> place question -> need menu."""
    step = ctx.state.step
    if step is Step.RESULTS:
        ctx.state.page = 0
        return ask_for_place(ctx)
    if step in (Step.ASK_PLACE, Step.ASK_OTHER_NEED):
        return ask_for_need(ctx)
    return ask_for_need(ctx, lead=copy.NOTHING_TO_GO_BACK_TO)


def more(ctx: Context) -> Step:
    """Next page of results, if there are results."""
    if ctx.state.step is Step.RESULTS and known_place(ctx) is not None:
        return show_more(ctx)
    ctx.say(copy.NO_RESULTS_YET)
    return ctx.state.step


def stop(ctx: Context) -> Step:
    """Records the opt-out (with the turn's writes): no more replies until START; any open
    request to a person closes, and the bot forgets where to reach the resident."""
    channel, key, now = ctx.message.channel.value, ctx.sender_hash, ctx.now
    ctx.later(lambda session: store.opt_out(session, channel, key, now))
    ctx.later(lambda session: end_relay(session, channel, key, now))
    ctx.state = ctx.state.afresh()
    ctx.say(copy.STOPPED)
    return Step.START


def start(ctx: Context) -> Step:
    """Lifts an opt-out and starts afresh."""
    channel, key = ctx.message.channel.value, ctx.sender_hash
    ctx.later(lambda session: store.opt_in(session, channel, key))
    ctx.state = ctx.state.afresh()
    return ask_for_need(ctx, lead=copy.GREETING)


def forget(ctx: Context) -> Step:
    """Deletes every row about the sender, a STOP too, and says so; nothing is saved after."""
    channel, key = ctx.message.channel.value, ctx.sender_hash
    ctx.later(lambda session: store.forget_sender(session, channel, key))
    ctx.forgotten = True
    ctx.say(copy.FORGOTTEN_AND_STOP_CLEARED if ctx.read.opted_out else copy.FORGOTTEN)
    return Step.START
