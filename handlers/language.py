"""The conversation's language: settled first every turn, changed with LANG, asked in one tap
when a guess is unsure.

Where the turn's language comes from (``settle``, the first guard, before the safety line):

    1. a choice: LANG and a number, or the channel's own selector (the sandbox's ``language``);
       a choice stays until another choice, FORGET, or the conversation expires;
    2. what the message is written in: ``detect`` below, THE ONE HOOK for detection (the other
       half of issue 29); a sure guess is used, an unsure one is asked about in one tap;
    3. the app's language (Telegram's ``language_code``), when it is one we have;
    4. English.

The language is kept in the conversation (``ConversationState.language``), so every later
turn starts in it; ``bot.wording.i18n.set_language`` makes every sentence of the turn follow.
"""

from __future__ import annotations

from typing import Protocol

from bot.engine import Context
from bot.languages import (
    CHOSEN,
    DETECTED,
    ENGLISH,
    HINT,
    LANGUAGE_CODES,
    LANGUAGES_BY_CODE,
    MULTIPLE,
    language,
    parse_language,
)
from bot.sms.gsm import is_gsm7
from bot.steps import Step
from bot.understanding.language import detect_language
from bot.wording import copy
from bot.wording.i18n import current_language, set_language
from handlers.flow import ask_for_need, ask_for_other_need, ask_for_place
from handlers.results import show_results
from handlers.slots import known_place
from handlers.speaking import speak


class Guess(Protocol):
    """What detection says: a language code (BCP 47) and whether it is sure."""

    code: str
    sure: bool


def detect(text: str, hint: str | None) -> Guess | None:
    """The language ``text`` is written in, given the conversation's (or the app's) language
    as ``hint``; None when it cannot tell (a number, a postcode, one short word).

    Detection is ``bot.understanding.language.detect_language`` (the script, then word lists).
    A message with nothing of a language in it (digits, a postcode, a keyword, a place) comes
    back as the hint's language and not sure, so it never moves the conversation's language.
    """
    return detect_language(text, hint)


def settle(ctx: Context) -> None:
    """Decide the turn's language before anything is said (see the module's docstring)."""
    state, message = ctx.state, ctx.message
    hint = parse_language(message.language_hint)
    if hint is not None:
        state.hint = hint
    chosen = parse_language(message.language)
    if chosen is not None:
        speak(ctx, chosen, CHOSEN)
    elif state.language_by != CHOSEN and state.step is not Step.ASK_LANGUAGE \
            and message.text.strip():
        guess = detect(message.text, state.language or state.hint)
        code = parse_language(guess.code) if guess is not None else None
        if code is not None and guess.sure:
            speak(ctx, code, DETECTED)
        elif code is not None and code != (state.language or state.hint or ENGLISH):
            ctx.unsure_language = code
    if state.language is None and state.hint is not None:
        speak(ctx, state.hint, HINT)
    set_language(state.language)


def offer(ctx: Context) -> Step:
    """LANG: every language in its own name, one number each; the step waits for the pick."""
    if ctx.state.step is not Step.ASK_LANGUAGE:
        ctx.state.resume = ctx.state.step.value
    ctx.state.language_choices = list(LANGUAGE_CODES)
    ctx.say(copy.choose_language(), _choices(ctx), language=MULTIPLE)
    return Step.ASK_LANGUAGE


def confirm(ctx: Context, code: str) -> Step:
    """One tap, when the message may be in ``code`` but detection is not sure."""
    current = language(current_language())
    ctx.state.resume = ctx.state.step.value
    ctx.state.language_choices = [code, current.code]
    ctx.say(copy.confirm_language(LANGUAGES_BY_CODE[code], current, _plain(ctx)), _choices(ctx),
            language=MULTIPLE)
    return Step.ASK_LANGUAGE


def _plain(ctx: Context) -> bool:
    """The resident wrote without accents or another script (the question follows suit)."""
    return is_gsm7(ctx.message.text)


def _choices(ctx: Context) -> tuple[str, ...]:
    return tuple(LANGUAGES_BY_CODE[code].own_name for code in ctx.state.language_choices)


def _picked(ctx: Context) -> str | None:
    """The language picked by number, by a pressed button (its own name) or by its name."""
    choices = ctx.state.language_choices or list(LANGUAGE_CODES)
    number = ctx.understanding.menu_number
    if number is not None and 1 <= number <= len(choices):
        return choices[number - 1]
    said = " ".join(ctx.message.text.split()).casefold()
    for code in choices:
        names = LANGUAGES_BY_CODE[code]
        if said in (names.own_name.casefold(), copy.unaccented(names.own_name).casefold(),
                    names.english_name.casefold(), code):
            return code
    return None


def answer(ctx: Context) -> Step:
    """ASK_LANGUAGE: the language picked, then the conversation carries on where it was; a need
    or a place instead carries on in the language as it is."""
    picked = _picked(ctx)
    said = ctx.understanding
    if picked is None and not (said.needs or said.place is not None):
        ctx.say(copy.choose_language() if len(ctx.state.language_choices) != 2 else
                copy.confirm_language(LANGUAGES_BY_CODE[ctx.state.language_choices[0]],
                                      language(ctx.state.language_choices[1]), _plain(ctx)),
                _choices(ctx),
                language=MULTIPLE)
        return Step.ASK_LANGUAGE
    lead = None
    if picked is not None:
        speak(ctx, picked, CHOSEN)
        lead = copy.LANGUAGE_CHOSEN
    return carry_on(ctx, lead)


def carry_on(ctx: Context, lead: str | None) -> Step:
    """Back to where the conversation was, in its language: results again when the need and
    place are known, else the question that was waiting."""
    resume = Step.parse(ctx.state.resume)
    ctx.state.resume, ctx.state.language_choices = None, []
    if ctx.state.need and known_place(ctx) is not None:
        if lead:
            ctx.say(lead)
        return show_results(ctx)
    if ctx.state.need:
        return ask_for_place(ctx, lead=lead)
    if resume is Step.ASK_OTHER_NEED:
        if lead:
            ctx.say(lead)
        return ask_for_other_need(ctx)
    return ask_for_need(ctx, lead=lead or copy.ASK_NEED_AGAIN)
