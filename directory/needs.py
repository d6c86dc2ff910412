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


@dataclass(frozen=True)
class Kind:
    """A finer kind of help under one need (or two: baby items are family and essentials)."""

    slug: str
    #: The needs it counts for, its main one first.
    needs: tuple[str, ...]
    #: The short name in replies: "We don't list {words} near Rothwell."
    words: str
    #: Words in another directory's taxonomy term name that mean this kind.
    term_words: tuple[str, ...] = ()
    #: Kinds of the same need that help in the meantime when nothing of this kind is open when
    #: asked (urgent, or a day): a food bank open now for a hot meal, NHS 111 for a dentist.
    stand_ins: tuple[str, ...] = ()
    #: Help that a Leeds-wide or national line or website gives wherever the resident is (debt
    #: advice, a grief line, the out-of-hours homelessness line): asked with no place, it is
    #: answered for the whole city at once, with a word that an area brings places nearer.
    anywhere: bool = False
    #: What a resident means by the need when they name no finer kind ("housing help" is
    #: advice on a home, not repairs or a bed tonight): asked so, services made for it lead.
    general: bool = False

    @property
    def need(self) -> str:
        return self.needs[0]

    @property
    def term_id(self) -> str:
        """The taxonomy term id for a service made for this kind (its main purpose)."""
        return kind_term_id(self.slug)

    @property
    def side_term_id(self) -> str:
        """The taxonomy term id for a service that does this kind as a side line."""
        return kind_term_id(self.slug, side=True)


def _k(slug: str, needs: str, words: str, *term_words: str, instead: str = "",
       anywhere: bool = False, general: bool = False) -> Kind:
    return Kind(slug, tuple(needs.split()), words, term_words, tuple(instead.split()), anywhere,
                general)


#: The kinds of help, in need order (the shared vocabulary of 2026-12-06: slugs are stable).
KINDS: tuple[Kind, ...] = (
    _k("food-parcel", "food", "a food bank", "food bank", "foodbank", "food parcel",
       "emergency food", instead="hot-meal low-cost-food", general=True),
    _k("hot-meal", "food", "a hot meal", "hot meal", "soup kitchen", "community cafe",
       "lunch club", instead="food-parcel low-cost-food", general=True),
    _k("low-cost-food", "food", "a pantry or low-cost food", "pantry", "pantries",
       "social supermarket", "community fridge", "pay as you feel",
       instead="food-parcel hot-meal", general=True),
    _k("debt-advice", "money", "debt advice", "debt", anywhere=True, general=True),
    _k("benefits-advice", "money", "help with benefits and forms", "benefit", "welfare rights",
       anywhere=True, general=True),
    _k("crisis-grant", "money", "a crisis grant", "crisis", "grant", "welfare support",
       anywhere=True),
    _k("housing-tonight", "housing", "somewhere to stay tonight", "emergency accommodation",
       "night shelter", "out of hours", instead="homelessness-advice", anywhere=True),
    _k("homelessness-advice", "housing", "homelessness help", "homeless", "rough sleep",
       instead="housing-tonight", anywhere=True, general=True),
    _k("eviction-advice", "housing", "help with eviction", "eviction", "tenancy",
       anywhere=True, general=True),
    _k("repairs-damp", "housing", "help with repairs or damp", "repair", "damp", "disrepair",
       anywhere=True),
    _k("energy-bills", "energy", "help with energy bills", "energy bill", "fuel voucher",
       "fuel poverty", "energy advice", anywhere=True, general=True),
    _k("warm-space", "energy", "a warm space", "warm space", "welcome space"),
    _k("wellbeing-support", "mental-health", "wellbeing support", "mental health", "wellbeing",
       "talking therap", instead="talk-now", anywhere=True, general=True),
    _k("talk-now", "mental-health", "someone to talk to now", "helpline", "listening",
       "crisis line", anywhere=True),
    _k("bereavement", "mental-health", "bereavement support", "bereavement", "grief",
       instead="talk-now", anywhere=True),
    _k("company", "social", "a social group", "loneliness", "befriending", "social group",
       general=True),
    _k("carers", "social", "a carers' service", "carer", anywhere=True),
    _k("parenting", "family", "family support", "parenting", "family support",
       "children's centre", general=True),
    _k("baby-items", "family essentials", "baby items", "baby bank", "nappies", "baby"),
    _k("school-uniform", "family essentials", "school uniform help", "school uniform"),
    _k("nhs-111", "health", "NHS 111", "nhs 111", "urgent care", anywhere=True, general=True),
    _k("gp", "health", "a GP", "gp", "general practice", "doctor", instead="nhs-111",
       general=True),
    _k("dentist", "health", "a dentist", "dental", "dentist", instead="nhs-111", anywhere=True),
    _k("sexual-health", "health", "a sexual health clinic", "sexual health", instead="nhs-111",
       anywhere=True),
    _k("addiction", "health", "drug and alcohol support", "drug", "alcohol", "substance",
       anywhere=True),
    _k("job-help", "work", "help finding work", "employment", "job", "training", general=True),
    _k("esol", "work", "English classes", "esol", "english", anywhere=True),
    _k("immigration-advice", "immigration", "immigration advice", "immigration", "asylum",
       "refugee", anywhere=True, general=True),
    _k("domestic-abuse-support", "domestic-abuse", "domestic abuse support",
       "domestic abuse", "domestic violence", anywhere=True, general=True),
    _k("digital-help", "digital", "help with phones and the internet", "digital", "internet",
       general=True),
    _k("clothes", "essentials", "clothes and essentials", "clothing", "clothes", "furniture",
       "toiletries", general=True),
)

KIND_SLUGS: tuple[str, ...] = tuple(kind.slug for kind in KINDS)
KINDS_BY_SLUG: dict[str, Kind] = {kind.slug: kind for kind in KINDS}

#: The vocabularies our kind terms carry in ORUK taxonomy data: a service made for the kind,
#: and one that does it as a side line.
KIND_TAXONOMY = "leeds-signpost-kinds"
SIDE_KIND_TAXONOMY = "leeds-signpost-kinds-side"


def kind_term_id(slug: str, side: bool = False) -> str:
    """The taxonomy term id of a kind: ``leeds-signpost-kind:debt-advice`` (main purpose) or
    ``leeds-signpost-kind-side:debt-advice`` (a side line)."""
    return f"leeds-signpost-kind{'-side' if side else ''}:{slug}"


def kind_of_term(term_id: str) -> tuple[str, bool] | None:
    """(kind slug, is a side line) for one of our kind terms, else None."""
    for side in (True, False):
        prefix = kind_term_id("", side)
        if term_id.startswith(prefix) and term_id.removeprefix(prefix) in KINDS_BY_SLUG:
            return term_id.removeprefix(prefix), side
    return None


def general_kinds(need: str) -> frozenset[str]:
    """The kinds a need means when no finer kind is named."""
    return frozenset(kind.slug for kind in kinds_of_need(need) if kind.general)


def kinds_of_need(need: str) -> tuple[Kind, ...]:
    """The kinds that count for a need, in registry order."""
    return tuple(kind for kind in KINDS if need in kind.needs)


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
