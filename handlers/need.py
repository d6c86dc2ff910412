"""ASK_NEED and ASK_OTHER_NEED: what the resident is looking for."""

from __future__ import annotations

from bot.engine import Context
from bot.steps import Step
from bot.wording import copy
from handlers.flow import ask_for_need, ask_for_other_need, menu_choice, other_choices
from handlers.person import ask as ask_for_person
from handlers.results import carry_on
from handlers.slots import remember_needs


def ask_need(ctx: Context) -> Step:
    """A need by number, button or words; then the place (or results, if it is known)."""
    said = ctx.understanding
    picked = menu_choice(ctx.message.text, said.menu_number, copy.MAIN_MENU)
    if picked == copy.OTHER:
        return ask_for_other_need(ctx)
    if picked:
        remember_needs(ctx, (picked,))
    elif not said.needs:
        heard = copy.place_heard(said.place.label, said.place.is_city) if said.place \
            else copy.UNCLEAR_NEED
        return ask_for_need(ctx, lead=heard)
    return carry_on(ctx)


def ask_other_need(ctx: Context) -> Step:
    """A need from the second menu; then the place (or results)."""
    said = ctx.understanding
    picked = menu_choice(ctx.message.text, said.menu_number, copy.OTHER_MENU)
    if picked == copy.PERSON:
        return ask_for_person(ctx)
    if picked:
        remember_needs(ctx, (picked,))
    elif not said.needs:
        ctx.say(copy.UNCLEAR_OTHER, other_choices())
        return Step.ASK_OTHER_NEED
    return carry_on(ctx)
