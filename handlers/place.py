"""ASK_PLACE: where the resident is."""

from __future__ import annotations

from bot.engine import Context
from bot.steps import Step
from bot.wording import copy
from handlers.flow import ask_for_place
from handlers.results import carry_on


def ask_place(ctx: Context) -> Step:
    """With a place (text or shared location), results; else the question again."""
    said = ctx.understanding
    if said.place is not None:
        return carry_on(ctx)
    if said.unknown_place:  # a place we do not know: say so, rather than ask afresh
        ctx.say(copy.place_unknown(said.unknown_place, said.place_parts), request_location=True)
        return Step.ASK_PLACE
    if said.needs:  # a change of mind about the need, still no place
        return ask_for_place(ctx)
    ctx.say(copy.PLACE_NOT_FOUND, request_location=True)
    return Step.ASK_PLACE
