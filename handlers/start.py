"""START: the first message of a conversation (or the first after a quiet spell)."""

from __future__ import annotations

from bot.engine import Context
from bot.wording import copy
from handlers.flow import (
    ask_for_need,
    ask_for_place,
    note_communities,
    remember_needs,
    remember_place,
)
from handlers.results import carry_on


def handle(ctx: Context) -> None:
    """Greets; stores any need and place in the message; asks for what is missing.

    Need and place together go straight to results.
    """
    note_communities(ctx)
    said = ctx.understanding
    hello, greeting = (copy.HELLO_AGAIN, copy.WELCOME_BACK) if ctx.returning \
        else (copy.HELLO, copy.GREETING)
    if said.place is not None:
        remember_place(ctx, said.place)
    if said.needs:
        remember_needs(ctx, said.needs)
        if said.place is not None:
            carry_on(ctx)
        else:
            ask_for_place(ctx, lead=hello)
        return
    if said.place is not None:  # only a place: say it was heard, and keep it for the results
        ask_for_need(ctx, lead=f"{hello} {copy.place_heard(said.place.label)}")
        return
    ask_for_need(ctx, lead=greeting)
