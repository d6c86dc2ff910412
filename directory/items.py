"""Things asked for within clothes and essentials (furniture, toiletries, clothing, toys).

One registry serves both sides: the words that say a resident wants the item, and the words in
a service's name or description that say it gives it. When clothes and essentials is the kind
asked first, services that give the item named lead those that fit: "who gives furniture" leads
with a furniture scheme, not a coat appeal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ITEMS", "ITEMS_KIND", "ITEMS_NEED", "items_named", "sorts_by_item"]

#: The need whose answers items sort, and the kind they refine ("clothes and essentials"): an
#: ask that names another kind first ("school shoes": school uniform) is not sorted by item.
ITEMS_NEED = "essentials"
ITEMS_KIND = "clothes"


@dataclass(frozen=True)
class Item:
    slug: str
    pattern: re.Pattern[str]


def _item(slug: str, *words: str) -> Item:
    return Item(slug, re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE))


ITEMS: tuple[Item, ...] = (
    _item("furniture", "furniture", "sofas?", "settees?", "beds", "a bed", "mattress(?:es)?",
          "wardrobes?", "cookers?", "fridges?", "freezers?", "fridge freezers?",
          "washing machines?", "white goods", "appliances?", "carpets?", "pots and pans",
          "bedding"),
    _item("toiletries", "toiletries", "hygiene", "shampoo", "deodorants?", "toothpaste",
          "soap", "period products?", "period poverty", "sanitary", "pads", "tampons"),
    _item("clothing", "clothes", "clothing", "coats?", "jumpers?", "jackets?", "shoes",
          "boots", "trainers", "gloves", "scarves"),
    _item("toys", "toys?", "christmas presents", "presents for (?:the|my|our) (?:kids|children)"),
)


def items_named(text: str) -> tuple[str, ...]:
    """The item slugs the text names, in registry order."""
    return tuple(item.slug for item in ITEMS if item.pattern.search(text or ""))


def sorts_by_item(kinds: tuple[str, ...], items: tuple[str, ...]) -> bool:
    """Whether an ask is sorted by the item named: it names one, and clothes and essentials is
    the kind it names first (or it names none)."""
    return bool(items) and (not kinds or kinds[0] == ITEMS_KIND)
