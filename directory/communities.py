"""The one registry of communities of interest: who a service is for, beyond its needs.

A service's ``for_whom`` (the spreadsheet column, ORUK attributes in the
``leeds-signpost-communities`` vocabulary) names some of these. Search results carry them, so
answers can be ranked for the person asking (issue 13).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Community:
    slug: str
    #: Plain words, for a resident or a volunteer.
    label: str
    #: Other spellings a volunteer may write in the spreadsheet's ``for_whom`` column.
    aliases: tuple[str, ...] = ()
    #: How a resident says they (or the person they ask for) belong: regular expressions over
    #: the lower-cased message ("for my mum who is 80", "im a refugee", "women only").
    cues: tuple[str, ...] = ()

    @property
    def term_id(self) -> str:
        return community_term_id(self.slug)


_AGE = r"(?:aged?|who is|who's|whos|is|i am|i'm|im|turned)\s*"
COMMUNITIES: tuple[Community, ...] = (
    Community("older-people", "Older people", ("older", "over 60s", "over 55s", "60+"),
              (_AGE + r"(?:[6-9]\d|1[01]\d)\b", r"\b(?:pensioners?|elderly|oaps?|retired)\b",
               r"\bolder (?:people|person|man|woman|lady)\b", r"\bover (?:60|65|70)s?\b",
               r"\bmy (?:nan|nana|gran|grandma|grandad|grandpa)\b")),
    Community("young-people", "Young people", ("young", "teenagers", "youth"),
              (_AGE + r"(?:1[3-9]|2[0-4])\b", r"\b(?:teenagers?|teens?|young (?:people|person))\b",
               r"\bcare leavers?\b")),
    Community("children", "Children", ("kids",)),
    Community("families", "Families", ("family", "parents"),
              (r"\b(?:my|our|the) (?:kids|children|baby|babies|toddlers?)\b",
               r"\bsingle (?:mum|mom|dad|parent)\b")),
    Community("women", "Women", ("woman",),
              (r"\b(?:women|woman|ladies|female)(?: only)?\b",)),
    Community("men", "Men", (), (r"\bmen only\b", r"\bfor men\b")),
    Community("refugees-and-asylum-seekers", "Refugees and people seeking asylum",
              ("refugees", "asylum seekers", "asylum", "migrants"),
              (r"\brefugees?\b", r"\basylum\b", r"\bseeking sanctuary\b")),
    Community("lgbt", "LGBT+ people", ("lgbt+", "lgbtq+", "lgbtq"),
              (r"\blgbt", r"\b(?:gay|lesbian|bisexual|queer|trans|transgender|non.?binary)\b")),
    Community("disabled-people", "Disabled people", ("disabled", "disability"),
              (r"\b(?:disabled|disability|wheelchair)\b",)),
    Community("black-asian-minority-ethnic", "Black, Asian and minority ethnic communities",
              ("bame", "black and asian")),
    Community("people-without-a-home", "People without a home",
              ("homeless", "rough sleepers", "homeless people"),
              (r"\b(?:homeless|sleeping rough|on the streets|sofa surfing)\b",)),
    Community("carers", "Carers", ("carer",), (r"\bi(?: am|'m|m) a carer\b", r"\bcaring for\b")),
    Community("students", "Students", ("student",), (r"\bi(?: am|'m|m) a student\b",)),
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


_CUES = tuple((c.slug, re.compile("|".join(c.cues))) for c in COMMUNITIES if c.cues)


def communities_in(text: str) -> tuple[str, ...]:
    """The communities a resident's message says they belong to, in registry order."""
    lowered = " ".join(text.lower().replace("’", "'").split())
    return tuple(slug for slug, cue in _CUES if cue.search(lowered))


def community_of_term(term_id: str, taxonomy: str) -> str:
    """The community slug of a taxonomy term of ours, else ""."""
    prefix = community_term_id("")
    if taxonomy == COMMUNITY_TAXONOMY or term_id.startswith(prefix):
        slug = term_id.removeprefix(prefix)
        return slug if slug in COMMUNITIES_BY_SLUG else ""
    return ""


#: The communities that are ages: the young (children and young people: a 16-year-old is
#: both) and older people. A service whose record names only ages of one band is for them.
AGE_BANDS: tuple[frozenset[str], ...] = (frozenset({"children", "young-people"}),
                                         frozenset({"older-people"}))


def for_another_age(for_whom: tuple[str, ...] | list[str],
                    communities: tuple[str, ...] | list[str]) -> bool:
    """Whether a service's record says it is for ages other than the resident's: the
    resident named one age band ("im 16", "my nan is 80") and the service names ages, none of
    them in that band (a 16-year-old and a Neighbourhood Network for older people). Only what
    records state counts: a service naming no ages is for anyone."""
    asked = [band for band in AGE_BANDS if band & set(communities)]
    ages = {slug for band in AGE_BANDS for slug in band} & set(for_whom)
    return len(asked) == 1 and bool(ages) and not ages & asked[0]
