"""What a message says: needs, a place, a keyword, a menu number, and whether it is a crisis."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.keywords import detect_keyword
from bot.safety import crisis_kind, is_crisis
from bot.understand_needs import detect_needs
from directory.places import ResolvedPlace

PlaceResolver = Callable[[str], ResolvedPlace]

_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s*$")


@dataclass(frozen=True)
class Understanding:
    needs: tuple[str, ...] = ()
    place: ResolvedPlace | None = None
    crisis: bool = False
    crisis_kind: str | None = None
    keyword: str | None = None
    menu_number: int | None = None

    @property
    def need(self) -> str | None:
        return self.needs[0] if self.needs else None

    def to_dict(self) -> dict:
        return {
            "need": self.need,
            "needs": list(self.needs),
            "location": self.place.to_dict() if self.place else None,
            "crisis": self.crisis,
            "keyword": self.keyword,
        }


def understand(text: str, place_resolver: PlaceResolver | None = None) -> Understanding:
    """Read one message. The crisis check always runs, whatever else the text holds."""
    text = text or ""
    crisis = is_crisis(text)
    number = _NUMBER.match(text)
    keyword = detect_keyword(text)
    needs: tuple[str, ...] = ()
    place = None
    if number is None and keyword is None:
        needs = tuple(detect_needs(text))
        if place_resolver is not None and text.strip():
            found = place_resolver(text)
            place = found if found.found else None
    return Understanding(
        needs=needs,
        place=place,
        crisis=crisis,
        crisis_kind=crisis_kind(text) if crisis else None,
        keyword=keyword,
        menu_number=int(number.group(1)) if number else None,
    )
