"""The shipped Leeds ward boundaries (``data/geo/leeds_wards.geojson``), for drawing the map."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

WARDS_GEOJSON = Path(__file__).parent / "data" / "geo" / "leeds_wards.geojson"

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class WardShape:
    code: str
    name: str
    #: Outer rings and holes of every polygon, as (longitude, latitude) points.
    rings: tuple[Ring, ...]


@lru_cache(maxsize=1)
def ward_shapes() -> tuple[WardShape, ...]:
    """Every ward's shape, in code order."""
    data = json.loads(WARDS_GEOJSON.read_text(encoding="utf-8"))
    shapes = []
    for feature in data["features"]:
        rings = tuple(tuple((float(x), float(y)) for x, y in ring)
                      for polygon in feature["geometry"]["coordinates"] for ring in polygon)
        shapes.append(WardShape(feature["properties"]["code"], feature["properties"]["name"],
                                rings))
    return tuple(sorted(shapes, key=lambda s: s.code))
