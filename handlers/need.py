"""ASK_NEED and ASK_OTHER_NEED: what the resident is looking for."""

from __future__ import annotations

from bot.engine import Context
from bot.wording import copy
from handlers.flow import (
    OTHER_CHOICES,
    ask_for_need,
    ask_for_other_need,
    menu_choice,
    note_communities,
    remember_needs,
    remember_place,
)
from handlers.results import carry_on


def ask_need(ctx: Context) -> None:
    """Stores the need (number, button or words) and any place; asks for the place next."""
    note_communities(ctx)
    said = ctx.understanding
    if said.place is not None:
        remember_place(ctx, said.place)
    picked = menu_choice(ctx.message.text, said.menu_number, copy.MAIN_MENU)
    if picked == copy.OTHER:
        ask_for_other_need(ctx)
        return
    needs = (picked,) if picked else said.needs
    if not needs:
        heard = copy.place_heard(said.place.label) if said.place else copy.UNCLEAR_NEED
        ask_for_need(ctx, lead=heard)
        return
    remember_needs(ctx, needs)
    carry_on(ctx)


def ask_other_need(ctx: Context) -> None:
    """Stores a need from the second menu; asks for the place next."""
    note_communities(ctx)
    said = ctx.understanding
    if said.place is not None:
        remember_place(ctx, said.place)
    picked = menu_choice(ctx.message.text, said.menu_number, copy.OTHER_MENU)
    needs = (picked,) if picked else said.needs
    if not needs:
        ctx.say(copy.UNCLEAR_OTHER, OTHER_CHOICES)
        return
    remember_needs(ctx, needs)
    carry_on(ctx)
