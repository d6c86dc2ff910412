"""Cached look-ups of the Leeds wards and postcodes, for checking and placing locations."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.geo import haversine_km
from directory.importing.batches import chunks
from directory.models import Postcode, PostcodeArea, Ward
from directory.places import known_area
from directory.postcodes import normalise_postcode

#: A location given only by coordinates takes the ward of the nearest Leeds postcode this close.
MAX_NEAREST_POSTCODE_KM = 1.5


def _ward_key(name: str) -> str:
    return re.sub(r"\s+", " ", name.lower().replace("&", " and ")).strip()


class Geography:
    """Cached look-ups of the Leeds geography used to check and place locations."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.wards: dict[str, str] = dict(session.execute(select(Ward.code, Ward.name)).all())
        self._ward_keys = {_ward_key(name): code for code, name in self.wards.items()}
        self.leeds_outcodes = set(session.scalars(
            select(PostcodeArea.code).where(PostcodeArea.kind == "outcode",
                                            PostcodeArea.leeds_share > 0)))
        self._postcodes: dict[str, tuple[float, float, str, bool] | None] = {}
        self._sectors: dict[str, float | None] = {}

    def preload(self, postcodes: Iterable[str]) -> None:
        """Look up many postcodes at once (as typed; the bad ones are skipped)."""
        wanted = {c for c in map(normalise_postcode, postcodes) if c} - set(self._postcodes)
        for code in wanted:
            self._postcodes[code] = None
        for chunk in chunks(wanted):
            for row in self.session.execute(
                    select(Postcode.postcode, Postcode.latitude, Postcode.longitude,
                           Postcode.ward_code, Postcode.live).where(
                        Postcode.postcode.in_(chunk))):
                self._postcodes[row[0]] = (row[1], row[2], row[3], row[4])

    def postcode(self, code: str) -> tuple[float, float, str, bool] | None:
        """(latitude, longitude, ward code, live) of a Leeds postcode, live or terminated."""
        if code not in self._postcodes:
            row = self.session.execute(
                select(Postcode.latitude, Postcode.longitude, Postcode.ward_code, Postcode.live)
                .where(Postcode.postcode == code)).first()
            self._postcodes[code] = tuple(row) if row else None  # type: ignore[assignment]
        return self._postcodes[code]

    def should_be_listed(self, code: str) -> bool:
        """True when a postcode missing from the Leeds list lies in an all-Leeds area.

        Its outcode has some Leeds postcodes, and its sector is unknown (so the postcode does
        not exist) or wholly in Leeds. Sectors shared with a neighbour (LS24 9, Tadcaster) are
        left alone: their other postcodes are real addresses outside Leeds.
        """
        outcode, inward = code.split()
        if outcode not in self.leeds_outcodes:
            return False
        sector = f"{outcode} {inward[0]}"
        if sector not in self._sectors:
            self._sectors[sector] = self.session.scalar(
                select(PostcodeArea.leeds_share).where(PostcodeArea.code == sector,
                                                       PostcodeArea.kind == "sector"))
        share = self._sectors[sector]
        return share is None or share >= 1.0

    def ward_code(self, name_or_code: str) -> str | None:
        value = name_or_code.strip()
        if value.upper() in self.wards:
            return value.upper()
        return self._ward_keys.get(_ward_key(value))

    def area(self, name: str):
        """The neighbourhood or ward the place resolver knows by exactly this name, or None."""
        return known_area(self.session, name)

    def ward_suggestion(self, name: str) -> str | None:
        hit = process.extractOne(name, list(self.wards.values()), scorer=fuzz.WRatio,
                                 score_cutoff=70)
        return hit[0] if hit else None

    def ward_near(self, latitude: float, longitude: float) -> str:
        """The ward of the nearest live Leeds postcode, if one is close enough; else ""."""
        box = 0.02
        rows = self.session.execute(
            select(Postcode.latitude, Postcode.longitude, Postcode.ward_code).where(
                Postcode.latitude.between(latitude - box, latitude + box),
                Postcode.longitude.between(longitude - box * 1.7, longitude + box * 1.7),
                Postcode.live.is_(True))).all()
        if not rows:
            return ""
        lat, lon, ward = min(rows, key=lambda r: haversine_km(latitude, longitude, r[0], r[1]))
        return ward if haversine_km(latitude, longitude, lat, lon) <= MAX_NEAREST_POSTCODE_KM \
            else ""
