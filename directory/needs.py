"""The need categories a resident can ask about: one slug each, used everywhere."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Need:
    slug: str
    label: str


NEEDS: tuple[Need, ...] = (
    Need("food", "Food"),
    Need("money", "Money & bills"),
    Need("housing", "Housing"),
    Need("energy", "Heating & energy"),
    Need("mental-health", "Feeling low"),
    Need("social", "Company & things to do"),
    Need("family", "Family & children"),
    Need("health", "Health"),
    Need("work", "Work & training"),
    Need("immigration", "Immigration & asylum"),
    Need("domestic-abuse", "Domestic abuse"),
    Need("digital", "Phones & internet"),
    Need("essentials", "Clothes & essentials"),
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
