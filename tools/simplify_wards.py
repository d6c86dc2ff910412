#!/usr/bin/env python3
"""Make the shipped ward map (directory/data/geo/leeds_wards.geojson) from the ward boundaries.

Offline, run once from the repository root; its output is committed:

    .venv/bin/python tools/simplify_wards.py tools/sources/leeds_wards.geojson \
        directory/data/geo/leeds_wards.geojson

Keeps each ward's code and name; rounds coordinates to 4 decimals (about 7 m) and drops a point
closer than 20 m to the last one kept (every ring keeps its first and last points and at least
four points), which is plenty for a map drawn a few hundred pixels wide.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

MIN_METRES = 20.0


def _metres(a: list[float], b: list[float]) -> float:
    lat = math.radians((a[1] + b[1]) / 2)
    dx = (a[0] - b[0]) * 111_320 * math.cos(lat)
    dy = (a[1] - b[1]) * 110_574
    return math.hypot(dx, dy)


def simplify_ring(ring: list[list[float]]) -> list[list[float]]:
    rounded = [[round(x, 4), round(y, 4)] for x, y in ring]
    kept = [rounded[0]]
    for point in rounded[1:-1]:
        if _metres(point, kept[-1]) >= MIN_METRES:
            kept.append(point)
    kept.append(rounded[-1])
    return kept if len(kept) >= 4 else rounded


def main(source: str, target: str) -> int:
    data = json.loads(Path(source).read_text(encoding="utf-8"))
    features = []
    before = after = 0
    for feature in sorted(data["features"], key=lambda f: f["properties"]["WD25CD"]):
        geometry = feature["geometry"]
        polygons = (geometry["coordinates"] if geometry["type"] == "MultiPolygon"
                    else [geometry["coordinates"]])
        simple = [[simplify_ring(ring) for ring in polygon] for polygon in polygons]
        before += sum(len(ring) for polygon in polygons for ring in polygon)
        after += sum(len(ring) for polygon in simple for ring in polygon)
        features.append({"type": "Feature",
                         "properties": {"code": feature["properties"]["WD25CD"],
                                        "name": feature["properties"]["WD25NM"]},
                         "geometry": {"type": "MultiPolygon", "coordinates": simple}})
    Path(target).write_text(json.dumps({"type": "FeatureCollection", "features": features},
                                       separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(features)} wards, {before} points -> {after}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
