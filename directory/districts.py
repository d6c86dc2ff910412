"""Neighbouring districts said by name ("staying in Wakefield"): outside Leeds, kindly.

The postcode areas the project ships (``data/geo/outcodes.csv``, ONS, OGL) name the local
authority district most of each outcode's postcodes are in. A message naming one of those
districts other than Leeds is a place outside Leeds, at the centre of its outcodes, so the
answer says so and gives what helps anywhere, instead of "I don't know 'Wakefield'".
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.models import PostcodeArea

__all__ = ["neighbouring_district"]

#: "Wakefield Road" and "Bradford Rd" are streets in Leeds, not the districts.
_STREET = r"(?:road|rd|street|st|lane|ln|avenue|ave|gate|way|terrace|close|drive|old road)\b"
#: Per database: lower-case name -> (name, latitude, longitude), read once.
_KNOWN: dict[str, dict[str, tuple[str, float, float]]] = {}


def _districts(session: Session) -> dict[str, tuple[str, float, float]]:
    """The districts other than Leeds, each at the mean of its outcodes' centres."""
    key = str(session.get_bind().url)
    if key not in _KNOWN:
        sums: dict[str, list[float]] = {}
        for name, lat, lon in session.execute(
                select(PostcodeArea.district_name, PostcodeArea.latitude, PostcodeArea.longitude)
                .where(PostcodeArea.kind == "outcode", PostcodeArea.latitude.is_not(None),
                       PostcodeArea.district_name != "", PostcodeArea.district_name != "Leeds")):
            total = sums.setdefault(name, [0.0, 0.0, 0.0])
            total[0], total[1], total[2] = total[0] + lat, total[1] + lon, total[2] + 1
        found = {name.lower(): (name, lat / n, lon / n) for name, (lat, lon, n) in sums.items()}
        if not found:
            return found  # geography not loaded yet: ask again next time
        _KNOWN[key] = found
    return _KNOWN[key]


def neighbouring_district(session: Session, text: str) -> tuple[str, float, float] | None:
    """The district outside Leeds the text names as a whole word, with its centre; or None."""
    said = text.lower()
    for key, found in _districts(session).items():
        if re.search(rf"\b{re.escape(key)}\b(?!\s+{_STREET})", said):
            return found
    return None
