"""The shipped directory is worth asking: every need answered everywhere in Leeds (issue 12)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from core.clock import LONDON
from core.db import make_engine
from directory.geo import haversine_km
from directory.models import Postcode, Service, Ward
from directory.needs import NEED_SLUGS
from directory.places import resolve_place
from directory.search import search

AT = dt.datetime(2026, 11, 24, 23, 0, tzinfo=LONDON)


@pytest.fixture(scope="module")
def shipped(shipped_template: str):
    engine = make_engine(shipped_template)
    with Session(engine) as session:
        yield session
    engine.dispose()


def _ward_postcodes(session: Session) -> dict[str, str]:
    """One live postcode per ward (the first in order): a sample across all 33 wards."""
    rows = session.execute(select(Postcode.ward_code, func.min(Postcode.postcode))
                           .where(Postcode.live.is_(True)).group_by(Postcode.ward_code)).all()
    return dict(rows)


def test_every_need_has_at_least_two_options_for_a_postcode_in_every_ward(shipped):
    postcodes = _ward_postcodes(shipped)
    assert len(postcodes) == 33
    short = []
    for _ward, postcode in sorted(postcodes.items()):
        place = resolve_place(shipped, postcode)
        for need in NEED_SLUGS:
            found = len(search(shipped, need, place, AT).results)
            if found < 2:
                short.append((postcode, need, found))
    assert short == []


def test_at_least_28_wards_have_food_within_3_km_of_their_centre(shipped):
    wards = shipped.scalars(select(Ward)).all()
    with_food = [w.name for w in wards
                 if any(r.distance_km is not None and r.distance_km <= 3.0 for r in search(
                     shipped, "food", resolve_place(shipped, w.name), AT).results)]
    assert len(with_food) >= 28, sorted(set(w.name for w in wards) - set(with_food))


def test_at_least_60_percent_of_local_services_have_opening_hours(shipped):
    services = shipped.scalars(select(Service).options(
        selectinload(Service.locations), selectinload(Service.schedules))).all()
    local = [s for s in services if s.locations and s.status == "active"]
    with_hours = [s for s in local if s.schedules]
    assert len(with_hours) / len(local) >= 0.6, f"{len(with_hours)} of {len(local)}"


def test_ward_centres_are_in_leeds(shipped):
    for ward in shipped.scalars(select(Ward)):
        assert haversine_km(ward.latitude, ward.longitude, 53.8, -1.55) < 25
