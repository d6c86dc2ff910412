"""RESULTS: the answer page by page (MORE), a result's details ("Reply 2"), and, once, "Was
this useful?" (YES or NO, so it never collides with the numbers)."""

from __future__ import annotations

import re
from functools import partial

from bot.engine import Context
from bot.messages import Venue
from bot.records import store
from bot.steps import Step
from bot.understanding.kinds import kinds_for_need
from bot.wording import copy
from bot.wording.names import short_name
from bot.wording.render import detail_text, kind_words
from directory.details import service_detail
from directory.places import city_place
from handlers.answer import (
    kept_result,
    new_answer,
    page_cards,
    page_results,
    show_page,
    shown_name,
)
from handlers.flow import ask_for_place
from handlers.followup import add_offer
from handlers.slots import asks_no_place, known_place

RESULT_CHOICES = ("MORE", "NEW")
LAST_PAGE_CHOICES = ("NEW", "HELP")
_YES = re.compile(r"^\s*(yes|yeah|yep|y|useful|it was)\b", re.IGNORECASE)
_NO = re.compile(r"^\s*(no|nope|n|not really)\b", re.IGNORECASE)


def _page_choices(ctx: Context) -> tuple[str, ...]:
    last = ctx.state.page >= len(ctx.state.pages) - 1
    return LAST_PAGE_CHOICES if last else RESULT_CHOICES


def show_results(ctx: Context) -> Step:
    """Searches and sends the first page; then MORE, a number, NEW or a new need."""
    ctx.state.asked_feedback = False
    ctx.state.offered = ctx.state.agreed = False  # a new answer may have its own follow-up
    ctx.state.detailed = None
    first = new_answer(ctx)
    if first is None:
        kinds = kinds_for_need(ctx.state.kinds, ctx.state.need)
        words = kind_words(kinds[0] if kinds else ctx.state.need)
        place = known_place(ctx)
        ctx.say(copy.nothing_near(words, place.label, "in" if place.is_city else ""),
                ("NEW", "HELP"))
    else:
        show_page(ctx, first, _page_choices(ctx))
        add_offer(ctx)
    return Step.RESULTS


def _ask_feedback_once(ctx: Context, text: str) -> tuple[str, tuple[str, ...] | None]:
    """``text`` with "Was this useful?" added the first time; the choices to offer then."""
    if ctx.state.asked_feedback:
        return text, None
    ctx.state.asked_feedback = True
    return f"{text}\n{copy.FEEDBACK_QUESTION}", (copy.FEEDBACK_YES, copy.FEEDBACK_NO)


def show_more(ctx: Context) -> Step:
    """Sends the next kept page, or says that is all (and asks if it was useful)."""
    if ctx.state.page + 1 >= len(ctx.state.pages):
        ctx.state.page = len(ctx.state.pages)
        place = known_place(ctx)
        text, choices = _ask_feedback_once(ctx, copy.no_more(place.label, place.is_city))
        ctx.say(text, choices or LAST_PAGE_CHOICES)
        return Step.RESULTS
    ctx.state.page += 1
    show_page(ctx, page_cards(ctx, ctx.state.page), _page_choices(ctx))
    return Step.RESULTS


def show_details(ctx: Context, number: int) -> Step:
    """The address, hours, cost, referral and contacts of result ``number``, with a map pin."""
    item = kept_result(ctx, number)
    if item is None:
        ctx.say(copy.NO_SUCH_RESULT, RESULT_CHOICES)
        return Step.RESULTS
    detail = service_detail(ctx.session, item.need, item.service_id, item.location_id,
                            item.distance_km, ctx.at)
    if detail is None:
        ctx.say(copy.GONE, ("NEW",))
        return Step.RESULTS
    others = [kept.number for kept in page_results(ctx) if kept.number != number]
    text, choices = _ask_feedback_once(ctx, detail_text(number, detail, ctx.at, others))
    venue = None
    if detail.latitude is not None and detail.longitude is not None:
        address = ", ".join(p for p in (detail.address, detail.postcode) if p)
        # The pin names the place as its results line and button do.
        name = shown_name(ctx, number) or short_name(detail.result)
        venue = Venue(detail.latitude, detail.longitude, name, address)
    ctx.state.detailed = number
    ctx.say(text, choices or RESULT_CHOICES, venue=venue, emphasis=(detail.result.name,))
    if choices is None:  # one question a message: YES must mean one thing
        add_offer(ctx)
    return Step.RESULTS


def carry_on(ctx: Context) -> Step:
    """With a need known: show results if the place is known too, else ask for it. A place
    named that we do not know is said back, rather than the last place used or asking afresh
    (for help a line gives, with the answer across Leeds: :func:`across_leeds`)."""
    said = ctx.understanding
    if said.place is None and said.unknown_place:
        if asks_no_place(said, ctx.session):
            return across_leeds(ctx, copy.place_unknown(said.unknown_place, said.place_parts))
        ctx.state.place = None
        return ask_for_place(ctx, lead=copy.place_unknown(said.unknown_place, said.place_parts))
    return show_results(ctx) if known_place(ctx) is not None else ask_for_place(ctx)


def across_leeds(ctx: Context, lead: str) -> Step:
    """Help a line gives, asked near a place we do not know ("free condoms near the uni"):
    ``lead`` says the place back, then the answer for the whole city, which ends inviting a
    postcode or area for places nearer."""
    ctx.state.place = city_place(ctx.session).to_dict()
    ctx.say(lead)
    return show_results(ctx)


def _feedback(ctx: Context, text: str) -> bool:
    """Counts a YES or NO to "Was this useful?"; True when the message was one."""
    pressed = " ".join(text.split()).casefold()  # a button: "Yes", or "Tak" in Polish
    useful = True if _YES.match(text) or pressed == copy.FEEDBACK_YES.casefold() else \
        False if _NO.match(text) or pressed == copy.FEEDBACK_NO.casefold() else None
    if useful is None:
        return False
    if ctx.counted:
        ctx.later(partial(store.count_feedback, now=ctx.now, need=ctx.state.need,
                          useful=useful))
    ctx.say(copy.THANKS_USEFUL if useful else copy.THANKS_NOT_USEFUL, ("NEW",))
    return True


def after_results(ctx: Context) -> Step:
    """A result's number, an answer to "Was this useful?", or a new need or place."""
    said = ctx.understanding
    if said.menu_number is not None:
        return show_details(ctx, said.menu_number)
    if ctx.state.asked_feedback and not said.needs and said.place is None \
            and _feedback(ctx, ctx.message.text):
        return Step.RESULTS
    if said.needs or said.place is not None:
        return carry_on(ctx)
    ctx.say(copy.MORE_HINT, RESULT_CHOICES)
    return Step.RESULTS
