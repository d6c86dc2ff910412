"""START: the first message of a conversation (or the first after a quiet spell)."""

from __future__ import annotations

from bot.engine import Context
from bot.steps import Step
from bot.wording import copy
from handlers.flow import ask_for_need, ask_for_place
from handlers.results import across_leeds, carry_on
from handlers.slots import asks_no_place, known_place


def handle(ctx: Context) -> Step:
    """Greets and asks for what is missing; need and place together go straight to results."""
    said = ctx.understanding
    hello, greeting = (copy.HELLO_AGAIN, copy.WELCOME_BACK) if ctx.returning \
        else (copy.HELLO, copy.GREETING)
    if said.needs:
        if said.place is None and said.unknown_place:
            lead = f"{hello} {copy.place_unknown(said.unknown_place, said.place_parts)}"
            if asks_no_place(said, ctx.session):  # help a line gives: across Leeds meanwhile
                return across_leeds(ctx, lead)
            return ask_for_place(ctx, lead=lead)
        answer_now = said.place is not None or (asks_no_place(said, ctx.session)
                                                and known_place(ctx) is not None)
        return carry_on(ctx) if answer_now else ask_for_place(ctx, lead=hello)
    if said.place is not None:  # only a place: say it was heard, and keep it for the results
        heard = copy.place_heard(said.place.label, said.place.is_city)
        return ask_for_need(ctx, lead=f"{hello} {heard}")
    return ask_for_need(ctx, lead=greeting)
