"""Result cards: what a results page says, as data. ``bot.wording.copy`` words them; channels
encode.

Handlers build a list of cards for the remembered needs and place; ``bot.wording.pages`` packs them
into SMS-sized pages; ``bot.wording.copy.card_text`` renders each one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from directory.search import Anchor, SearchResult


@dataclass(frozen=True)
class OutsideLeeds:
    """The place is outside Leeds: what follows helps wherever you are."""

    place_label: str


@dataclass(frozen=True)
class SectionTitle:
    """The title over one need's results when several needs were asked about."""

    need: str


@dataclass(frozen=True)
class NoneLocal:
    """Nothing for the need near the place (city-wide or national options may follow)."""

    need: str
    place_label: str


@dataclass(frozen=True)
class KindGap:
    """Nothing near the place fits the kind of help asked (or nothing that fits is open when
    asked): said once, honestly. ``kind`` is a kind of help, or a need when none was named."""

    kind: str
    place_label: str
    #: "now", "today", the day asked as an ISO date (said "tomorrow" when it is; a day's name
    #: in answers kept before), or "" (nothing near at all).
    when: str = ""
    #: What follows the line: for a time, "open" (the first result is open now all the
    #: same: another kind, or a line), "farther" (it is of the kind asked, open now, and
    #: farther away), "untimed" (none of the first results publishes its times), or "" (the
    #: nearest, each saying when it opens); with no time, "nearest" (the first result is a
    #: place that fits, farther than near) or "".
    then: str = ""
    #: Where the line says nothing fits: "" near the place, "in" Leeds as a whole, or a
    #: distance in km ("3") when the nearest places that fit, listed after it, are farther.
    where: str = ""


@dataclass(frozen=True)
class TalkNow:
    """The line to call for anyone who needs to talk now, beside wellbeing answers."""

    contact_line: str


@dataclass(frozen=True)
class SupplierCredit:
    """Beside help with energy bills when none is open: ask your supplier for temporary
    credit."""


@dataclass(frozen=True)
class NationalFinder:
    """Outside Leeds: a national finder for the need (Give Food's map for food)."""

    need: str


@dataclass(frozen=True)
class ResultCard:
    """One numbered service, on about one line; "Reply 1" gives its details."""

    number: int
    result: SearchResult
    #: The community of interest the resident named that this service is for, if any.
    for_whom: str = ""

    @property
    def checked(self) -> dt.date | None:
        return self.result.last_checked


@dataclass(frozen=True)
class CashFirst:
    """A money option beside food answers (cash first), with its own check date."""

    result: SearchResult

    @property
    def checked(self) -> dt.date | None:
        return self.result.last_checked


@dataclass(frozen=True)
class AnchorCard:
    """The ward's community anchor: a friendly first door when nothing local was found."""

    anchor: Anchor

    @property
    def checked(self) -> dt.date | None:
        return self.anchor.last_checked


Card = (OutsideLeeds | SectionTitle | NoneLocal | KindGap | TalkNow | SupplierCredit
        | NationalFinder | ResultCard | CashFirst | AnchorCard)

#: Cards that give a resident somewhere to turn; a page of notes alone helps nobody.
HELPFUL = (TalkNow, SupplierCredit, NationalFinder, ResultCard, CashFirst, AnchorCard)


def is_helpful(card: Card) -> bool:
    return isinstance(card, HELPFUL)


def times_unknown(cards: list[Card]) -> list[int]:
    """The numbers of the results whose opening times are not published."""
    return [c.number for c in cards if isinstance(c, ResultCard)
            and c.result.opening.open_now is None and c.result.opening.next_open is None
            and c.result.opening.next_day is None and not c.result.line_hours]
