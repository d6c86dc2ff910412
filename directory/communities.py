"""The one registry of communities of interest: who a service is for, beyond its needs.

A service's ``for_whom`` (the spreadsheet column, ORUK attributes in the
``leeds-signpost-communities`` vocabulary) names some of these. Search results carry them, so
answers can be ranked for the person asking (issue 13).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Community:
    slug: str
    #: Plain words, for a resident or a volunteer.
    label: str
    #: Other spellings a volunteer may write in the spreadsheet's ``for_whom`` column.
    aliases: tuple[str, ...] = ()

    @property
    def term_id(self) -> str:
        return community_term_id(self.slug)


COMMUNITIES: tuple[Community, ...] = (
    Community("older-people", "Older people", ("older", "over 60s", "over 55s", "60+")),
    Community("young-people", "Young people", ("young", "teenagers", "youth")),
    Community("children", "Children", ("kids",)),
    Community("families", "Families", ("family", "parents")),
    Community("women", "Women", ("woman",)),
    Community("men", "Men", ()),
    Community("refugees-and-asylum-seekers", "Refugees and people seeking asylum",
              ("refugees", "asylum seekers", "asylum", "migrants")),
    Community("lgbt", "LGBT+ people", ("lgbt+", "lgbtq+", "lgbtq")),
    Community("disabled-people", "Disabled people", ("disabled", "disability")),
    Community("black-asian-minority-ethnic", "Black, Asian and minority ethnic communities",
              ("bame", "black and asian")),
    Community("people-without-a-home", "People without a home",
              ("homeless", "rough sleepers", "homeless people")),
    Community("carers", "Carers", ("carer",)),
    Community("students", "Students", ("student",)),
)

COMMUNITIES_BY_SLUG: dict[str, Community] = {c.slug: c for c in COMMUNITIES}

#: The vocabulary name of community terms in ORUK taxonomy data.
COMMUNITY_TAXONOMY = "leeds-signpost-communities"


def community_term_id(slug: str) -> str:
    return f"leeds-signpost-community:{slug}"


def _key(value: str) -> str:
    return " ".join(value.lower().replace("-", " ").replace("&", " and ").split())


_LOOKUP = {_key(text): c.slug for c in COMMUNITIES for text in (c.slug, c.label, *c.aliases)}


def community_for(value: str) -> str | None:
    """The community slug a volunteer's word names (slug, label or alias), or None."""
    return _LOOKUP.get(_key(value))


def community_of_term(term_id: str, taxonomy: str) -> str:
    """The community slug of a taxonomy term of ours, else ""."""
    prefix = community_term_id("")
    if taxonomy == COMMUNITY_TAXONOMY or term_id.startswith(prefix):
        slug = term_id.removeprefix(prefix)
        return slug if slug in COMMUNITIES_BY_SLUG else ""
    return ""
