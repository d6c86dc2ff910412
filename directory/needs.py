"""The one registry of needs: slug, menu label, the words replies use, and taxonomy mapping.

Everything that names a need reads it from here: the menus, the reply wording, the
classifiers' classes, the spreadsheet's ``needs`` column, the ORUK taxonomy terms and the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Menu(StrEnum):
    """Which menu offers a need: the first one, or the one behind "Something else"."""

    MAIN = "main"
    OTHER = "other"


@dataclass(frozen=True)
class Need:
    slug: str
    #: The menu label (a resident reads it; GSM-7, low-stigma).
    label: str
    #: The short name in replies: "We don't know of {words} near LS9 yet."
    words: str
    menu: Menu
    #: Words in another directory's taxonomy term name that mean this need.
    term_words: tuple[str, ...]
    #: When a taxonomy term names several needs, the lowest goes first: narrow needs come
    #: before the wider ones their words contain ("mental health" contains "health").
    term_order: int = 2
    #: Other spellings a volunteer may write in the spreadsheet's ``needs`` column.
    aliases: tuple[str, ...] = ()

    @property
    def term_id(self) -> str:
        """The taxonomy term id under which the need is exported."""
        return need_term_id(self.slug)


NEEDS: tuple[Need, ...] = (
    Need("food", "Food", "food support", Menu.MAIN, ("food", "meal", "pantry", "pantries")),
    Need("money", "Money & bills", "money advice", Menu.MAIN,
         ("money", "debt", "benefit", "financ")),
    Need("housing", "Housing", "housing help", Menu.MAIN,
         ("housing", "homeless", "accommodation")),
    Need("energy", "Heating & energy", "heating help", Menu.MAIN, ("energy", "fuel", "heating")),
    Need("mental-health", "Feeling low", "wellbeing support", Menu.MAIN, ("mental health",),
         term_order=1),
    Need("social", "Company & things to do", "community groups", Menu.OTHER,
         ("lonel", "isolation", "social")),
    Need("family", "Family & children", "family support", Menu.OTHER,
         ("family", "families", "child", "parent")),
    Need("health", "Health", "health services", Menu.OTHER, ("health",)),
    Need("work", "Work & training", "work and training help", Menu.OTHER,
         ("employment", "work", "job")),
    Need("immigration", "Immigration", "immigration advice", Menu.OTHER,
         ("immigration", "asylum", "refugee"), aliases=("Immigration & asylum",)),
    Need("domestic-abuse", "Domestic abuse", "domestic abuse support", Menu.OTHER,
         ("domestic abuse", "domestic violence"), term_order=0),
    Need("digital", "Phones & internet", "phone and internet help", Menu.OTHER,
         ("digital", "internet", "online skills")),
    Need("essentials", "Clothes & essentials", "help with essentials", Menu.OTHER,
         ("clothing", "clothes", "essentials", "toiletries")),
)

NEED_SLUGS: tuple[str, ...] = tuple(need.slug for need in NEEDS)
NEEDS_BY_SLUG: dict[str, Need] = {need.slug: need for need in NEEDS}

#: The vocabulary name our own need terms carry in ORUK taxonomy data.
NEED_TAXONOMY = "leeds-signpost-needs"


def need_term_id(slug: str) -> str:
    """The taxonomy term id under which a need is exported."""
    return f"leeds-signpost-need:{slug}"


def is_need(slug: str | None) -> bool:
    return slug in NEEDS_BY_SLUG


def menu_needs(menu: Menu) -> tuple[Need, ...]:
    """The needs a menu offers, in menu order."""
    return tuple(need for need in NEEDS if need.menu is menu)


def needs_for_terms() -> tuple[Need, ...]:
    """Needs in the order taxonomy terms are read: the narrow ones first."""
    return tuple(sorted(NEEDS, key=lambda need: need.term_order))
