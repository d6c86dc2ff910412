"""WRONG: a resident says a result on the page is closed or wrong; counted with no identity."""

from __future__ import annotations

from bot.engine import Context
from bot.records import store
from bot.steps import Step
from bot.understanding.keywords import wrong_number
from bot.wording import copy
from core.clock import london_day
from handlers.answer import kept_result
from handlers.flow import known_place
from handlers.results import RESULT_CHOICES


def page_numbers(ctx: Context) -> list[int]:
    """The numbers of the results on the page the resident is looking at (kept, not searched)."""
    if not ctx.state.pages:
        return []
    page = ctx.state.pages[min(ctx.state.page, len(ctx.state.pages) - 1)]
    return [ctx.state.answer[i][1] for i in page if ctx.state.answer[i][0] == "result"]


def wrong(ctx: Context) -> None:
    """Counts a "closed or wrong" report for the numbered result (WRONG alone when the page has
    one) and thanks the resident; the step does not change."""
    if ctx.state.step is not Step.RESULTS or known_place(ctx) is None:
        ctx.say(copy.WRONG_NO_RESULTS)
        return
    numbers = page_numbers(ctx)
    number = wrong_number(ctx.message.text)
    if number is None:
        number = numbers[0] if len(numbers) == 1 else None
    item = kept_result(ctx, number) if number is not None else None
    if item is None:
        ctx.say(copy.WRONG_WHICH)
        return
    if ctx.counted:
        week = store.week_of(london_day(ctx.now))
        store.report_wrong(ctx.session, item[2], week)
    ctx.say(copy.WRONG_THANKS, RESULT_CHOICES)
