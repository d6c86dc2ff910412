"""WRONG: a resident says a result on the page is closed or wrong; counted with no identity."""

from __future__ import annotations

from bot import copy, store
from bot.cards import ResultCard
from bot.engine import Context
from bot.keywords import wrong_number
from bot.pages import paginate_cards
from bot.steps import Step
from directory.clock import london_day
from handlers.flow import known_place
from handlers.results import RESULT_CHOICES, build_cards, page_frame


def page_results(ctx: Context) -> list[ResultCard]:
    """The numbered results on the page the resident is looking at."""
    pages = paginate_cards(build_cards(ctx), ctx.at, page_frame(ctx))
    if not pages:
        return []
    page = pages[min(ctx.state.page, len(pages) - 1)]
    return [card for card in page if isinstance(card, ResultCard)]


def wrong(ctx: Context) -> None:
    """Counts a "closed or wrong" report for the numbered result (WRONG alone when the page has
    one) and thanks the resident; the step does not change."""
    if ctx.state.step is not Step.RESULTS or known_place(ctx) is None:
        ctx.say(copy.WRONG_NO_RESULTS)
        return
    results = page_results(ctx)
    number = wrong_number(ctx.message.text)
    if number is None:
        chosen = results if len(results) == 1 else []
    else:
        chosen = [card for card in results if card.number == number][:1]
    if not chosen:
        ctx.say(copy.WRONG_WHICH)
        return
    if ctx.counted:
        week = store.week_of(london_day(ctx.now))
        store.report_wrong(ctx.session, chosen[0].result.service_id, week)
    ctx.say(copy.WRONG_THANKS, RESULT_CHOICES)
