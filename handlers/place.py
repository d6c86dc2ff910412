"""ASK_PLACE: where the resident is."""

from __future__ import annotations

from bot.engine import Context
from bot.wording import copy
from handlers.flow import ask_for_place, note_communities, remember_needs, remember_place
from handlers.results import carry_on


def ask_place(ctx: Context) -> None:
    """Stores the place (text or shared location) and shows results; asks again if unclear."""
    note_communities(ctx)
    said = ctx.understanding
    if said.needs:
        remember_needs(ctx, said.needs)  # a change of mind about the need
    if said.place is None:
        if said.needs:
            ask_for_place(ctx)
        else:
            ctx.say(copy.PLACE_NOT_FOUND, request_location=True)
        return
    remember_place(ctx, said.place)
    carry_on(ctx)
