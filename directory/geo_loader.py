"""Load the shipped geography CSVs (postcodes, sectors, outcodes, wards, places)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from directory.models import Place, Postcode, PostcodeArea, Ward

GEO_DIR = Path(__file__).parent / "data" / "geo"


def _rows(name: str) -> Iterator[dict[str, str]]:
    with open(GEO_DIR / name, newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


def _float(value: str) -> float | None:
    return float(value) if value.strip() else None


def load_geography(session: Session) -> None:
    """Replace the geography tables with the shipped data."""
    for model in (Place, PostcodeArea, Postcode, Ward):
        session.execute(delete(model))
    session.execute(
        insert(Ward),
        [
            {
                "code": r["ward_code"],
                "name": r["ward_name"],
                "latitude": float(r["latitude"]),
                "longitude": float(r["longitude"]),
            }
            for r in _rows("leeds_wards.csv")
        ],
    )
    for filename, live in (("leeds_postcodes.csv", True), ("leeds_postcodes_inactive.csv", False)):
        session.execute(
            insert(Postcode),
            [
                {
                    "postcode": r["postcode"],
                    "latitude": float(r["latitude"]),
                    "longitude": float(r["longitude"]),
                    "ward_code": r["ward_code"],
                    "live": live,
                }
                for r in _rows(filename)
            ],
        )
    for filename, kind, key in (("outcodes.csv", "outcode", "outcode"),
                                ("sectors.csv", "sector", "sector")):
        session.execute(
            insert(PostcodeArea),
            [
                {
                    "code": r[key],
                    "kind": kind,
                    "latitude": _float(r["latitude"]),
                    "longitude": _float(r["longitude"]),
                    "leeds_share": float(r["leeds_share"] or 0),
                    "district_name": r["main_district_name"],
                    "ward_code": r["main_leeds_ward_code"],
                }
                for r in _rows(filename)
            ],
        )
    session.execute(
        insert(Place),
        [
            {
                "name": r["place_name"],
                "name_parts": r["name_parts"],
                "latitude": float(r["latitude"]),
                "longitude": float(r["longitude"]),
                "ward_code": r["ward_code"],
            }
            for r in _rows("leeds_places.csv")
        ],
    )
