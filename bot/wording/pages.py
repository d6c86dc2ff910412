"""Pack result cards into whole pages within the SMS budget; a card never straddles two pages."""

from __future__ import annotations

import datetime as dt

from bot.wording import copy
from bot.wording.cards import (
    AnchorCard,
    Card,
    CashFirst,
    KindGap,
    NationalFinder,
    ResultCard,
    SectionTitle,
    is_helpful,
    times_unknown,
)
from bot.wording.names import distinct_names, short_name
from bot.wording.render import card_text, numbers_text, times_note
from bot.wording.split import fits_sms

#: At most this many numbered results on one page.
RESULTS_PER_PAGE = 3


def result_names(cards: list[Card]) -> dict[int, str]:
    """Each result's name on this page, by ``id(card)``: its short name, told apart from any
    other on the page with the same (the SMS line, the button and the map pin all use it)."""
    results = [c for c in cards if isinstance(c, ResultCard)]
    return {id(card): name for card, name in
            zip(results, distinct_names([c.result for c in results]), strict=True)}


def page_text(cards: list[Card], at: dt.datetime, header: str, more: bool,
              worded: dict[int, str] | None = None, shorten: bool = True,
              after: str = "") -> str:
    """One page: the heading, the cards, which publish no times, and how to go on.
    ``worded``: the cards' words already rendered, by ``id(card)``; ``shorten``: a page of one
    place still too long for the SMS budget (in a language sent as UCS-2) ends with the short
    footer (packing never counts on it); ``after``: a last line under the footer, left out
    of such a page if it still does not fit (a hint, never the answer)."""
    numbers = [c.number for c in cards if isinstance(c, ResultCard)]
    names = result_names(cards)
    words = [card_text(card, at, names[id(card)])
             if id(card) in names and names[id(card)] != short_name(card.result)
             else worded[id(card)] if worded else card_text(card, at) for card in cards]
    unknown = times_unknown(cards)
    phones = {c.number: bool(c.result.phone) for c in cards if isinstance(c, ResultCard)}
    parts = [header, *words,
             times_note(unknown, len(numbers), all(phones[n] for n in unknown))]
    footer = copy.results_footer(numbers_text(numbers), more)
    text = "\n".join(p for p in [*parts, footer, after] if p)
    if shorten and len(numbers) == 1 and not fits_sms(text):
        footer = copy.short_footer(numbers_text(numbers), more)
        text = "\n".join(p for p in [*parts, footer, after] if p)
        if after and not fits_sms(text):
            text = "\n".join(p for p in [*parts, footer] if p)
    return text


def pack(cards: list[Card], at: dt.datetime, header: str, after: str = "") -> list[list[Card]]:
    """The cards in pages; none when no card would help (notes alone are not an answer).
    ``after``: a last line each page ends with (``page_text``)."""
    if not any(is_helpful(card) for card in cards):
        return []
    worded = {id(card): card_text(card, at) for card in cards}  # each card worded once
    pages: list[list[Card]] = []
    current: list[Card] = []
    for card in cards:
        trial = [*current, card]
        results = sum(isinstance(c, ResultCard) for c in trial)
        too_many = isinstance(card, ResultCard) and results > RESULTS_PER_PAGE
        too_long = not all(fits_sms(page_text(trial, at, header, more, worded, False, after))
                           for more in (True, False))  # last page or not: both fit, in the
        # turn's language (UCS-2 holds 201 characters in 3 segments, GSM-7 459)
        if current and (too_many or too_long):
            # A section heading never ends a page, nor a heading with only a note under it:
            # they go with the results under them.
            heading = _heading_run(current)
            current, moved = current[:len(current) - heading], current[len(current) - heading:]
            pages.append(current)
            current = [*moved, card]
        else:
            current = trial
    if current:
        pages.append(current)
    return pages


def _heading_run(cards: list[Card]) -> int:
    """How many cards at the end of a page lead into results not on it: a gap line ("... The
    nearest:") with no result under it, and a section heading left with only notes under it
    (a heading over the supplier-credit line stays: that line is help)."""
    gaps = [i for i, card in enumerate(cards) if isinstance(card, KindGap)]
    run = 0
    if gaps and gaps[-1] != 0 and not any(isinstance(c, _RESULTS) for c in cards[gaps[-1]:]):
        run = len(cards) - gaps[-1]
    rest = cards[:len(cards) - run]
    titles = [i for i, card in enumerate(rest) if isinstance(card, SectionTitle)]
    if titles and titles[-1] != 0 and not any(is_helpful(c) for c in rest[titles[-1]:]):
        run += len(rest) - titles[-1]
    return run if run < len(cards) else 0


#: Cards a gap line leads into.
_RESULTS = (ResultCard, CashFirst, AnchorCard, NationalFinder)
