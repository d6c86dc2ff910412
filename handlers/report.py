"""WRONG: a resident says a result on the page is closed or wrong; counted with no identity.
What they write next says why: it is heard as part of the report (thanked, never kept, never
run as a new search), once."""

from __future__ import annotations

from bot.engine import Context
from bot.records import store
from bot.steps import Step
from bot.understanding.keywords import wrong_number
from bot.wording import copy
from core.clock import london_day
from handlers.answer import kept_result, page_results
from handlers.results import RESULT_CHOICES
from handlers.slots import known_place


def wrong(ctx: Context) -> Step:
    """Counts a "closed or wrong" report for the numbered result (WRONG alone when the page has
    one) and thanks the resident; the step does not change."""
    if ctx.state.step is not Step.RESULTS or known_place(ctx) is None:
        ctx.say(copy.WRONG_NO_RESULTS)
        return ctx.state.step
    numbers = [item.number for item in page_results(ctx)]
    number = wrong_number(ctx.message.text)
    if number is None:
        number = numbers[0] if len(numbers) == 1 else None
    item = kept_result(ctx, number) if number is not None else None
    if item is None:
        ctx.say(copy.WRONG_WHICH)
        return ctx.state.step
    if ctx.counted:
        week, service_id = store.week_of(london_day(ctx.now)), item.service_id
        ctx.later(lambda session: store.report_wrong(session, service_id, week))
    ctx.state.reported = item.number
    ctx.say(copy.WRONG_THANKS, RESULT_CHOICES)
    return ctx.state.step


def why_wrong(ctx: Context) -> bool:
    """The message right after a WRONG report, when it is words rather than a keyword, a
    result's number or a crisis: why the place is wrong ("it has moved to Harehills"). It is
    thanked as part of the report, not searched; its words are not kept (the report is a count
    with nothing about who sent it, docs/keepers-and-insights.md). True when it was."""
    reported, ctx.state.reported = ctx.state.reported, None
    said = ctx.understanding
    if reported is None or ctx.state.step is not Step.RESULTS or said.keyword \
            or said.menu_number is not None or said.crisis or ctx.message.is_empty:
        return False
    ctx.say(copy.WRONG_REASON_THANKS, RESULT_CHOICES)
    return True
