"""Pack result cards into whole pages within the SMS budget; a card never straddles two pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot import copy
from bot.cards import Card, ResultCard, is_helpful
from bot.split import PAGE_BUDGET, sms_septets

#: At most this many numbered results on one page.
RESULTS_PER_PAGE = 3


@dataclass(frozen=True)
class PageFrame:
    """Around the cards: the heading, the two closing hints, the first page's question."""

    header: str
    footer_more: str
    footer_last: str
    #: Always ends the first page ("Was this useful?"): room is kept for it there.
    first_page_close: str = ""

    def footer(self, page_index: int, last: bool) -> str:
        text = self.footer_last if last else self.footer_more
        if page_index == 0 and self.first_page_close:
            return f"{text}\n{self.first_page_close}"
        return text


def oldest_check(cards: list[Card]) -> dt.date | None:
    """The oldest check date among the results (extra lines carry their own)."""
    return min((c.checked for c in cards if isinstance(c, ResultCard) and c.checked),
               default=None)


def page_text(cards: list[Card], at: dt.datetime, header: str, footer: str) -> str:
    parts = [header, *(copy.card_text(card, at) for card in cards)]
    checked = oldest_check(cards)
    if checked:
        parts.append(copy.checked(copy.month_year(checked)))
    parts.append(footer)
    return "\n".join(p for p in parts if p)


def paginate_cards(cards: list[Card], at: dt.datetime, frame: PageFrame) -> list[list[Card]]:
    """The cards of every page; none when no card would help (notes alone are not an answer)."""
    if not any(is_helpful(card) for card in cards):
        return []
    pages: list[list[Card]] = []
    current: list[Card] = []
    for card in cards:
        trial = [*current, card]
        results = sum(isinstance(c, ResultCard) for c in trial)
        too_many = isinstance(card, ResultCard) and results > RESULTS_PER_PAGE
        text = page_text(trial, at, frame.header, frame.footer(len(pages), False))
        if current and (too_many or sms_septets(text) > PAGE_BUDGET):
            pages.append(current)
            current = [card]
        else:
            current = trial
    if current:
        pages.append(current)
    return pages


def paginate(cards: list[Card], at: dt.datetime, frame: PageFrame) -> list[str]:
    """Every page's text; none when no card would help (notes alone are not an answer)."""
    pages = paginate_cards(cards, at, frame)
    return [page_text(page, at, frame.header, frame.footer(i, i == len(pages) - 1))
            for i, page in enumerate(pages)]
