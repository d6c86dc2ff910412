"""Parts of the city said by compass ("south Leeds", "in east leeds"): too broad to search from.

Each is answered with a few of the areas it covers, so the resident can say which part. The
parts come from Leeds City Council's community committees, which group the wards inner and outer,
north east, north west, east, south and west (``data/geo/broad_areas.csv``, sources in its
``source`` column).
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

__all__ = ["BROAD_AREAS_FILE", "PARTS", "broad_area_in", "parts_of", "read_broad_areas"]

#: How many areas the answer names ("like Beeston, Middleton or Rothwell").
PARTS = 3
BROAD_AREAS_FILE = Path(__file__).resolve().parent / "data" / "geo" / "broad_areas.csv"


def read_broad_areas(path: Path) -> dict[str, tuple[str, ...]]:
    """Compass words ("south", "north east") -> a few areas of that part of Leeds; a row
    without an area, its parts or a source is refused, naming the row."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    areas: dict[str, tuple[str, ...]] = {}
    for number, row in enumerate(rows, start=2):
        parts = tuple(p.strip() for p in (row.get("parts") or "").split("|") if p.strip())
        area = (row.get("area") or "").strip().lower()
        if not area or len(parts) != PARTS or not (row.get("source") or "").strip():
            raise ValueError(f"{path.name} row {number}: needs an area, {PARTS} "
                             "parts and a source")
        areas[area] = parts
    return areas


@lru_cache(maxsize=1)
def _areas() -> dict[str, tuple[str, ...]]:
    return read_broad_areas(BROAD_AREAS_FILE)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    # The longest first, so "north east leeds" is not read as "east leeds".
    words = sorted(_areas(), key=len, reverse=True)
    compass = "|".join(w.replace(" ", r"[\s-]*") for w in words)
    return re.compile(rf"\b(?P<area>{compass})(?:\s+of)?\s+leeds\b", re.IGNORECASE)


def _key(area: str) -> str:
    return re.sub(r"[\s-]+", " ", area.lower())


def broad_area_in(text: str) -> str:
    """The compass part of Leeds the text names, capitalised ("South Leeds", "West of Leeds"),
    or ""."""
    match = _pattern().search(text)
    if match is None:
        return ""
    return re.sub(r"\b(?!of\b)\w", lambda letter: letter.group(0).upper(), match.group(0))


def parts_of(words: str) -> tuple[str, ...]:
    """A few areas in the part of Leeds ``words`` names ("south Leeds"), or () if none."""
    match = _pattern().fullmatch(words.strip())
    return _areas().get(_key(match.group("area")), ()) if match else ()
