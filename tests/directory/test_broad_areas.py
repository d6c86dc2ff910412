"""Parts of the city by compass ("south Leeds"): the file is checked, and each part it names is
a Leeds place that lies that way from the city centre."""

from __future__ import annotations

import math

import pytest

from directory import broad_areas
from directory.broad_areas import broad_area_in, parts_of, read_broad_areas
from directory.places import resolve_place

#: Leeds City Centre as the gazetteer places it (the Town Hall area).
CENTRE = (53.7997, -1.5492)
#: Compass words -> the bearings (degrees from north) a part in that direction may lie within.
BEARINGS = {"north": (-60, 60), "north east": (0, 90), "north west": (-90, 0), "east": (30, 150),
            "south": (120, 240), "south east": (90, 180), "west": (210, 330),
            "south west": (180, 270)}


def _bearing(lat: float, lon: float) -> float:
    dy = lat - CENTRE[0]
    dx = (lon - CENTRE[1]) * math.cos(math.radians(CENTRE[0]))
    return math.degrees(math.atan2(dx, dy)) % 360


def _within(angle: float, low: float, high: float) -> bool:
    return any(low <= a <= high for a in (angle, angle - 360, angle + 360))


def _km(lat: float, lon: float) -> float:
    dy = (lat - CENTRE[0]) * 111.2
    dx = (lon - CENTRE[1]) * 111.2 * math.cos(math.radians(CENTRE[0]))
    return math.hypot(dx, dy)


@pytest.mark.parametrize("area", sorted(broad_areas._areas()))
def test_each_part_is_a_leeds_place_that_way_from_the_centre(session, area):
    for part in parts_of(f"{area} Leeds"):
        place = resolve_place(session, part)
        assert place.found and place.in_leeds, (area, part)
        if area in BEARINGS:
            assert _within(_bearing(place.latitude, place.longitude), *BEARINGS[area]), part
        elif area == "inner":
            assert _km(place.latitude, place.longitude) < 4, part
        else:
            assert _km(place.latitude, place.longitude) > 6, part  # Morley: 6.5 km


@pytest.mark.parametrize(("text", "said"), [
    ("food bank south leeds", "South Leeds"), ("any warm spaces in north east Leeds?",
                                               "North East Leeds"),
    ("im in west of leeds", "West of Leeds"), ("NORTH-WEST LEEDS", "NORTH-WEST LEEDS"),
    ("east-leeds", ""), ("south", ""),
    ("Leeds South & East Foodbank", ""), ("lived in leeds all my life", ""),
])
def test_a_part_of_the_city_is_read_only_as_compass_then_leeds(text, said):
    assert broad_area_in(text) == said
    assert bool(parts_of(said)) == bool(said)


def test_a_broken_file_is_refused_with_its_row(tmp_path):
    bad = tmp_path / "broad_areas.csv"
    bad.write_text("area,parts,source\nsouth,Beeston|Middleton|Rothwell,a page\n"
                   "east,Harehills|Seacroft,a page\n", encoding="utf-8")
    with pytest.raises(ValueError, match="broad_areas.csv row 3"):
        read_broad_areas(bad)
