"""Help a line gives: kinds whose help is a phone line or a website wherever the resident is.

Asked with no place, such help is answered for the whole city at once rather than after
"Where are you?" (issue 23); for the line kinds, no "we don't list ... near" line is said when a
line made for the kind fits.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from directory.needs import KINDS_BY_SLUG
from directory.search import directory_index

#: Kinds whose help is a phone line anywhere in the city: no "we don't list ... near" line when
#: such a line fits, and asked with no place they are answered at once for the whole city
#: rather than after "Where are you?", whatever the directory holds.
LINE_KINDS = frozenset({"talk-now", "nhs-111", "domestic-abuse-support"})


def answers_anywhere(session: Session, kind: str) -> bool:
    """Whether ``kind`` is help given wherever the resident is (the registry's ``anywhere``)
    and the directory holds a Leeds-wide or national service made for it that can be phoned
    or visited online: asked with no place, the whole city stands for the place."""
    if not KINDS_BY_SLUG[kind].anywhere:
        return False
    found = directory_index(session).need(session, KINDS_BY_SLUG[kind].need)
    return any(kind in entry.kinds and (entry.phone or entry.website)
               for entry in found.area_wide(None))
