"""ASK_NEED and ASK_OTHER_NEED: what the resident is looking for."""

from __future__ import annotations

from bot import copy
from bot.engine import Context
from handlers.flow import (
    ask_for_need,
    ask_for_other_need,
    carry_on,
    menu_choice,
    remember_needs,
    remember_place,
)


def ask_need(ctx: Context) -> None:
    """Stores the need (number, button or words) and any place; asks for the place next."""
    said = ctx.understanding
    if said.place is not None:
        remember_place(ctx, said.place)
    picked = menu_choice(ctx.message.text, said.menu_number, copy.MAIN_MENU)
    if picked == "other":
        ask_for_other_need(ctx)
        return
    needs = (picked,) if picked else said.needs
    if not needs:
        ask_for_need(ctx, lead=copy.UNCLEAR_NEED)
        return
    remember_needs(ctx, needs)
    carry_on(ctx)


def ask_other_need(ctx: Context) -> None:
    """Stores a need from the second menu; asks for the place next."""
    said = ctx.understanding
    if said.place is not None:
        remember_place(ctx, said.place)
    picked = menu_choice(ctx.message.text, said.menu_number, copy.OTHER_MENU)
    needs = (picked,) if picked else said.needs
    if not needs:
        ctx.say(copy.UNCLEAR_OTHER, tuple(label for label, _ in copy.OTHER_MENU))
        return
    remember_needs(ctx, needs)
    carry_on(ctx)
