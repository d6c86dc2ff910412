"""Questions shared by several steps: ask for a need, ask for a place. Each says the question
and returns the step that waits for its answer.

Showing results (and ``carry_on``) lives in :mod:`handlers.results`, which builds on these.
"""

from __future__ import annotations

from bot.engine import Context
from bot.steps import Step
from bot.wording import copy


def main_choices() -> tuple[str, ...]:
    """The first menu's labels as buttons, in the turn's language."""
    return tuple(label for label, _ in copy.MAIN_MENU)


def other_choices() -> tuple[str, ...]:
    """The second menu's labels as buttons, in the turn's language."""
    return tuple(label for label, _ in copy.OTHER_MENU)


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


def ask_for_need(ctx: Context, lead: str | None = None) -> Step:
    """Show the main menu."""
    ctx.say(f"{lead}\n{copy.MAIN_MENU_TEXT}" if lead else copy.MAIN_MENU_TEXT,
            main_choices())
    return Step.ASK_NEED


def ask_for_other_need(ctx: Context) -> Step:
    ctx.say(copy.OTHER_MENU_TEXT, other_choices())
    return Step.ASK_OTHER_NEED


def ask_for_place(ctx: Context, lead: str | None = None) -> Step:
    """Ask where the resident is."""
    question = copy.ASK_PLACE_WITH_LOCATION if ctx.message.channel.shares_location \
        else copy.ASK_PLACE
    ctx.say(f"{lead}\n{question}" if lead else question, request_location=True)
    return Step.ASK_PLACE
