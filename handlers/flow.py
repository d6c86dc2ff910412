"""Moves shared by several steps: ask for a need, ask for a place, remember what was said.

Showing results (and ``carry_on``) lives in :mod:`handlers.results`, which builds on these.
"""

from __future__ import annotations

from bot.engine import Context
from bot.steps import Step
from bot.wording import copy
from directory.places import ResolvedPlace

MAIN_CHOICES = tuple(label for label, _ in copy.MAIN_MENU)
OTHER_CHOICES = tuple(label for label, _ in copy.OTHER_MENU)


def menu_choice(text: str, number: int | None,
                menu: tuple[tuple[str, str], ...]) -> str | None:
    """The slug picked from ``menu`` by number or by its exact label (a pressed button)."""
    if number is not None and 1 <= number <= len(menu):
        return menu[number - 1][1]
    cleaned = text.strip().lower()
    for label, slug in menu:
        if cleaned == label.lower():
            return slug
    return None


def ask_for_need(ctx: Context, lead: str | None = None) -> None:
    """Show the main menu. Next: ASK_NEED."""
    ctx.say(f"{lead}\n{copy.MAIN_MENU_TEXT}" if lead else copy.MAIN_MENU_TEXT, MAIN_CHOICES)
    ctx.go(Step.ASK_NEED)


def ask_for_other_need(ctx: Context) -> None:
    ctx.say(copy.OTHER_MENU_TEXT, OTHER_CHOICES)
    ctx.go(Step.ASK_OTHER_NEED)


def ask_for_place(ctx: Context, lead: str | None = None) -> None:
    """Ask where the resident is. Next: ASK_PLACE."""
    question = copy.ASK_PLACE_WITH_LOCATION if ctx.message.channel.value == "telegram" \
        else copy.ASK_PLACE
    ctx.say(f"{lead}\n{question}" if lead else question, request_location=True)
    ctx.go(Step.ASK_PLACE)


def note_communities(ctx: Context) -> None:
    """Remember any community of interest the message names (kept until NEW)."""
    for slug in ctx.understanding.communities:
        if slug not in ctx.state.communities:
            ctx.state.communities.append(slug)


def remember_needs(ctx: Context, needs: tuple[str, ...] | list[str]) -> None:
    ctx.state.need = needs[0]
    ctx.state.other_needs = [n for n in needs[1:] if n != needs[0]][:2]


def remember_place(ctx: Context, place: ResolvedPlace) -> None:
    ctx.state.place = place.to_dict()


def known_place(ctx: Context) -> ResolvedPlace | None:
    return ResolvedPlace(**ctx.state.place) if ctx.state.place else None
