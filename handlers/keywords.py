"""Words that work at every step: HELP, NEW/MENU, BACK, MORE, STOP, START, FORGET."""

from __future__ import annotations

from bot.engine import Context
from bot.records import store
from bot.steps import Step
from bot.wording import copy
from bot.wording.phones import format_phone
from directory.search import find_anchor
from handlers.flow import ask_for_need, ask_for_place, known_place
from handlers.results import show_more


def help_(ctx: Context) -> None:
    """Explains the service and the keywords, and names the local anchor once the place is
    known; the step does not change."""
    place = known_place(ctx)
    anchor = find_anchor(ctx.session, place.ward_code) if place and place.in_leeds else None
    if anchor is not None and (anchor.phone or anchor.website):
        contact = format_phone(anchor.phone) if anchor.phone else anchor.website
        ctx.say(copy.help_with_person(anchor.name, contact), ("NEW",))
        return
    ctx.say(copy.HELP, ("NEW",))


def new(ctx: Context) -> None:
    """Forgets the need and place and shows the menu. Next: ASK_NEED."""
    ctx.state = store.ConversationState()
    ask_for_need(ctx, lead=copy.ASK_NEED_AGAIN)


def back(ctx: Context) -> None:
    """One step back: results -> place question -> need menu."""
    step = ctx.state.step
    if step is Step.RESULTS:
        ctx.state.page = 0
        ask_for_place(ctx)
    elif step in (Step.ASK_PLACE, Step.ASK_OTHER_NEED):
        ask_for_need(ctx)
    else:
        ask_for_need(ctx, lead=copy.NOTHING_TO_GO_BACK_TO)


def more(ctx: Context) -> None:
    """Next page of results, if there are results."""
    if ctx.state.step is Step.RESULTS and known_place(ctx) is not None:
        show_more(ctx)
    else:
        ctx.say(copy.NO_RESULTS_YET)


def stop(ctx: Context) -> None:
    """Records the opt-out: no more replies until START."""
    store.opt_out(ctx.session, ctx.message.channel.value, ctx.sender_hash, ctx.now)
    ctx.state = store.ConversationState()
    ctx.say(copy.STOPPED)


def start(ctx: Context) -> None:
    """Lifts an opt-out and starts afresh. Next: ASK_NEED."""
    store.opt_in(ctx.session, ctx.message.channel.value, ctx.sender_hash)
    ctx.state = store.ConversationState()
    ask_for_need(ctx, lead=copy.GREETING)


def forget(ctx: Context) -> None:
    """Deletes every row about the sender, a STOP too, and says so; nothing is saved after."""
    channel = ctx.message.channel.value
    was_stopped = store.is_opted_out(ctx.session, channel, ctx.sender_hash)
    store.forget_sender(ctx.session, channel, ctx.sender_hash)
    ctx.forgotten = True
    ctx.say(copy.FORGOTTEN_AND_STOP_CLEARED if was_stopped else copy.FORGOTTEN)
