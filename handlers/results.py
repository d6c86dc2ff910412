"""RESULTS: the nearest few services, page by page, and the "Was this useful?" close."""

from __future__ import annotations

import re

from bot import copy, store
from bot.cards import (
    AnchorCard,
    Card,
    CashFirst,
    NoneLocal,
    OutsideLeeds,
    SectionTitle,
    TalkNow,
    result_cards,
)
from bot.crisis import talk_line
from bot.engine import Context
from bot.pages import PageFrame, paginate
from bot.steps import Step
from directory.search import SearchResult, search
from handlers.flow import ask_for_place, known_place, remember_needs, remember_place

RESULT_CHOICES = ("MORE", "NEW")
LAST_PAGE_CHOICES = ("NEW", "HELP")
FEEDBACK_CHOICES = ("1 Yes", "2 No")
_YES = re.compile(r"^\s*(1|yes|yeah|yep|y|useful)\b", re.IGNORECASE)
_NO = re.compile(r"^\s*(2|no|nope|n|not really)\b", re.IGNORECASE)


def _money_option(ctx: Context, place) -> SearchResult | None:
    """One money option to sit beside food answers (cash first): one you can phone if possible."""
    results = search(ctx.session, "money", place, at=ctx.at).results
    if not place.in_leeds:
        results = sorted(results, key=lambda r: r.area_kind != "national")
    with_phone = [r for r in results if r.phone]
    with_web = [r for r in results if r.website]
    return (with_phone or with_web or [None])[0]


def build_cards(ctx: Context, count: bool = False) -> list[Card]:
    """The cards for the remembered needs and place, need by need (``count``: tally the asks)."""
    place = known_place(ctx)
    needs = [ctx.state.need, *ctx.state.other_needs]
    cards: list[Card] = []
    if not place.in_leeds:
        cards.append(OutsideLeeds(place.label))
    for need in needs:
        outcome = search(ctx.session, need, place, at=ctx.at)
        if count and ctx.counted:
            store.count_need(ctx.session, ctx.now, need, place.ward_code, bool(outcome.local))
        if len(needs) > 1:
            cards.append(SectionTitle(need))
        if place.in_leeds and not outcome.local:
            cards.append(NoneLocal(need, place.label))
        section: list[Card] = list(result_cards(outcome.results))
        if need == "mental-health":
            section.insert(0, TalkNow(talk_line()))
        if need == "food":
            money = _money_option(ctx, place)
            if money is not None:
                section.insert(min(1, len(section)), CashFirst(money))
        if not outcome.local and outcome.anchor is not None:
            section.append(AnchorCard(outcome.anchor))
        cards += section
    return cards


def page_frame(ctx: Context) -> PageFrame:
    """What surrounds the cards on every results page."""
    return PageFrame(copy.near(known_place(ctx).label), copy.MORE_HINT, copy.NEW_HINT,
                     first_page_close=copy.FEEDBACK_QUESTION)


def build_pages(ctx: Context, count: bool = False) -> list[str]:
    """Every results page for the remembered needs and place, each within the SMS budget."""
    return paginate(build_cards(ctx, count), ctx.at, page_frame(ctx))


def _send_page(ctx: Context, pages: list[str]) -> None:
    page = ctx.state.page
    text = pages[page]
    last = page == len(pages) - 1
    choices = LAST_PAGE_CHOICES if last else RESULT_CHOICES
    if page == 0:  # the first page always ends with "Was this useful?"
        ctx.state.asked_feedback = True
        choices = (*choices, *FEEDBACK_CHOICES)
    ctx.say(text, choices)


def show_results(ctx: Context) -> None:
    """Sends the first page. Next: RESULTS (MORE, NEW, a new need or place, feedback)."""
    ctx.go(Step.RESULTS)
    ctx.state.page = 0
    ctx.state.asked_feedback = False
    pages = build_pages(ctx, count=True)
    if not pages:
        ctx.say(copy.nothing_near(ctx.state.need, known_place(ctx).label),
                ("NEW", "HELP"))
        return
    _send_page(ctx, pages)


def show_more(ctx: Context) -> None:
    """Sends the next page, or says that is all (and asks if it was useful)."""
    pages = build_pages(ctx)
    ctx.state.page += 1
    if ctx.state.page >= len(pages):
        ctx.state.page = len(pages)
        text = copy.no_more(known_place(ctx).label)
        choices: tuple[str, ...] = LAST_PAGE_CHOICES
        if not ctx.state.asked_feedback:
            text = f"{text}\n{copy.FEEDBACK_QUESTION}"
            ctx.state.asked_feedback = True
            choices = FEEDBACK_CHOICES
        ctx.say(text, choices)
        return
    _send_page(ctx, pages)


def carry_on(ctx: Context) -> None:
    """With a need known: show results if the place is known too, else ask for it."""
    if known_place(ctx) is not None:
        ctx.state.page = 0
        show_results(ctx)
    else:
        ask_for_place(ctx)


def after_results(ctx: Context) -> None:
    """Counts a "Was this useful?" answer, or starts a new search with a new need or place."""
    said = ctx.understanding
    text = ctx.message.text
    if ctx.state.asked_feedback and not said.needs and said.place is None:
        useful = True if _YES.match(text) else False if _NO.match(text) else None
        if useful is not None:
            if ctx.counted:
                store.count_feedback(ctx.session, ctx.now, ctx.state.need, useful)
            ctx.state.asked_feedback = True
            ctx.say(copy.THANKS_USEFUL if useful else copy.THANKS_NOT_USEFUL, ("NEW",))
            return
    if said.needs or said.place is not None:
        if said.needs:
            remember_needs(ctx, said.needs)
        if said.place is not None:
            remember_place(ctx, said.place)
        carry_on(ctx)
        return
    ctx.say(copy.MORE_HINT, RESULT_CHOICES)
