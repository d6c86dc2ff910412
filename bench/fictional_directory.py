"""A plainly fictional directory of any size, written with bulk inserts (for bench.search_scale).

Every service is "Example <kind> <n>" run by "Example Group <n>", at "<n> Example Street" with
no postcode, phoned on a number in Ofcom's drama range (01632 960xxx). Locations are spread
evenly over a box around Leeds. Nine in ten services are local; the rest serve listed wards,
the whole city or the country. Seeded: the same size gives the same directory.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from typing import Any

from sqlalchemy import Connection, insert, select, update

from directory.models import (
    DirectoryVersion,
    Location,
    Organisation,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceTerm,
    TaxonomyTerm,
    Ward,
)
from directory.needs import NEED_SLUGS, NEED_TAXONOMY, need_term_id

SOUTH, NORTH, WEST, EAST = 53.70, 53.95, -1.80, -1.29
SOURCE = "Fictional benchmark record"
CHECKED = dt.date(2026, 10, 1)
KINDS = ("Pantry", "Advice", "Hub", "Drop-in", "Line")
#: (area kind, share of services).
AREAS = (("local", 0.90), ("wards", 0.04), ("city", 0.04), ("national", 0.02))
SERVICES_PER_ORGANISATION = 5
BATCH = 5000


def _insert(connection: Connection, model: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), BATCH):
        connection.execute(insert(model), rows[start:start + BATCH])


def _area(rng: random.Random) -> str:
    pick = rng.random()
    for kind, share in AREAS:
        if pick < share:
            return kind
        pick -= share
    return AREAS[0][0]


def _sessions(rng: random.Random, service_id: str) -> list[dict[str, Any]]:
    rows = []
    for _ in range(rng.choice((0, 1, 2, 3))):
        opens = rng.randrange(8, 18)
        rows.append({"service_id": service_id, "service_at_location_id": None,
                     "weekday": rng.randrange(7), "opens_at": dt.time(opens),
                     "closes_at": dt.time(opens + rng.randrange(1, 4)), "valid_from": None,
                     "valid_to": None, "note": ""})
    return rows


def write_directory(connection: Connection, services: int, seed: int = 14) -> None:
    """Add ``services`` fictional services (and their organisations, locations, phones,
    sessions and needs) to an empty directory, and bump the directory's version."""
    rng = random.Random(seed)
    wards = list(connection.scalars(select(Ward.code).order_by(Ward.code)))
    _insert(connection, TaxonomyTerm, [
        {"id": need_term_id(slug), "name": slug, "taxonomy": NEED_TAXONOMY, "term_uri": "",
         "need_slug": slug} for slug in NEED_SLUGS])
    organisations = max(1, services // SERVICES_PER_ORGANISATION)
    _insert(connection, Organisation, [
        {"id": f"example-org-{k:06d}", "name": f"Example Group {k}", "description": "",
         "website": f"https://group{k}.example.org", "email": "",
         "anchor_wards": wards[k] if k < len(wards) else "", "source": SOURCE,
         "last_checked": CHECKED} for k in range(organisations)])
    rows: dict[Any, list[dict[str, Any]]] = {model: [] for model in (
        Service, Location, ServiceAtLocation, Phone, Schedule, ServiceTerm)}
    for k in range(services):
        service_id = f"example-{k:07d}"
        area = _area(rng)
        rows[Service].append({
            "id": service_id, "organisation_id": f"example-org-{k % organisations:06d}",
            "name": f"Example {rng.choice(KINDS)} {k}", "description": "", "url": "",
            "email": "", "status": "active" if rng.random() < 0.95 else "inactive",
            "cost_kind": rng.choice(("", "free", "pay-as-you-feel")), "cost_text": "",
            "referral_required": rng.choice((None, False, True)), "referral_how": "",
            "area_kind": area,
            "area_wards": ",".join(rng.sample(wards, 3)) if area == "wards" else "",
            "languages": "", "notes": "", "source": SOURCE, "last_checked": CHECKED})
        rows[Phone].append({"number": f"01632 960{k % 1000:03d}", "description": "",
                            "service_id": service_id, "location_id": None,
                            "organisation_id": None})
        rows[Schedule] += _sessions(rng, service_id)
        for slug in rng.sample(NEED_SLUGS, 2 if rng.random() < 0.2 else 1):
            rows[ServiceTerm].append({"service_id": service_id, "term_id": need_term_id(slug)})
        if area == "local" or rng.random() < 0.5:
            rows[Location].append({
                "id": f"example-loc-{k:07d}", "name": "", "address": f"{k} Example Street",
                "postcode": "", "latitude": round(rng.uniform(SOUTH, NORTH), 6),
                "longitude": round(rng.uniform(WEST, EAST), 6), "ward_code": "",
                "source": SOURCE, "last_checked": CHECKED})
            rows[ServiceAtLocation].append({"id": f"example-at-{k:07d}",
                                            "service_id": service_id,
                                            "location_id": f"example-loc-{k:07d}"})
    for model, found in rows.items():
        _insert(connection, model, found)
    table = DirectoryVersion.__table__
    connection.execute(update(table).values(version=table.c.version + 1,
                                            token=secrets.token_hex(16)))
