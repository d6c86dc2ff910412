"""Local results fast: numpy finds the services within a radius, exact distances come after.

The located services of a need are numpy arrays sorted by latitude. A search takes the band of
latitudes the radius reaches, keeps the points inside its longitudes (a bounding box), and
measures those with numpy. numpy's trigonometry can differ from the ``math`` module's in the
last bits, so numpy only chooses and orders roughly: a distance within :data:`SLACK` of the
radius is measured again with :func:`directory.geo.haversine_km`, and results are put in their
exact order (distance, name, id) as they are read, a run of near-equal distances at a time.
Every distance a result shows is haversine_km's, to the last bit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import numpy as np

from directory.geo import EARTH_RADIUS_KM, haversine_km

#: How far numpy's distance may be from haversine_km's, in km. The two differ by a few units
#: in the last place (about 1e-14 km here); a millimetre is room to spare.
SLACK = 1e-6
_TWO_R = 2 * EARTH_RADIUS_KM

E = TypeVar("E")


def _haversine(phi1: float, cos1: float, lon1: float, phi2: np.ndarray, cos2: np.ndarray,
               lon2: np.ndarray) -> np.ndarray:
    a = np.sin((phi2 - phi1) / 2) ** 2 + cos1 * cos2 * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    return _TWO_R * np.arcsin(np.minimum(1.0, np.sqrt(a)))


class Points(Generic[E]):
    """Points (a service's location: its number in ``owners`` and the location's position in
    that service's locations), sorted by latitude."""

    def __init__(self, owners: Sequence[E], rows: list[tuple[float, float, int, int]],
                 order: Callable[[E], object]) -> None:
        rows.sort()
        self.owners = owners
        self.lat = np.array([r[0] for r in rows], dtype=np.float64)
        self.lon = np.array([r[1] for r in rows], dtype=np.float64)
        self.phi = np.radians(self.lat)
        self.cos = np.cos(self.phi)
        self.owner = np.array([r[2] for r in rows], dtype=np.int32)
        self.pos = np.array([r[3] for r in rows], dtype=np.int32)
        counts = np.bincount(self.owner, minlength=len(owners))
        #: True for points whose owner has more than one located point.
        self.shared = counts[self.owner] > 1
        ranks = sorted(range(len(owners)), key=lambda k: order(owners[k]))
        #: Each owner's place in ``order``, to break distance ties.
        self.rank = np.empty(len(owners), dtype=np.int32)
        self.rank[ranks] = np.arange(len(owners), dtype=np.int32)

    def within(self, latitude: float, longitude: float,
               radius: float) -> tuple[np.ndarray, np.ndarray]:
        """(distance, point) for each owner's nearest point within ``radius`` km, roughly
        nearest first, then in ``order``; each distance within SLACK of exact."""
        angle = radius / EARTH_RADIUS_KM
        dlat = math.degrees(angle) + SLACK
        low, high = np.searchsorted(self.lat, (latitude - dlat, latitude + dlat))
        phi1 = math.radians(latitude)
        cos1 = math.cos(phi1)
        if abs(latitude) + dlat >= 90 or math.sin(angle) >= cos1:
            dlon = 360.0
        else:  # the widest longitude the circle reaches (no wrap at the antimeridian)
            dlon = math.degrees(math.asin(math.sin(angle) / cos1)) * 1.001 + SLACK
        band = self.lon[low:high]
        near = np.flatnonzero((band >= longitude - dlon) & (band <= longitude + dlon)) + low
        d = _haversine(phi1, cos1, longitude, self.phi[near], self.cos[near], self.lon[near])
        keep = d <= radius + SLACK
        near, d = near[keep], d[keep]
        edge = np.flatnonzero(d > radius - SLACK)
        if len(edge):  # decide the ones on the edge exactly
            d[edge] = [self.exact(latitude, longitude, k) for k in near[edge].tolist()]
            keep = d <= radius
            near, d = near[keep], d[keep]
        shared = self.shared[near]
        if shared.any():  # an owner with several points: its nearest, measured exactly
            nearest: dict[int, tuple[float, int, int]] = {}
            for k in near[shared].tolist():
                seen = (self.exact(latitude, longitude, k), int(self.pos[k]), k)
                owner = int(self.owner[k])
                if owner not in nearest or seen < nearest[owner]:
                    nearest[owner] = seen
            picked = sorted(nearest.values())
            near = np.concatenate((near[~shared], np.array([p[2] for p in picked], dtype=int)))
            d = np.concatenate((d[~shared], np.array([p[0] for p in picked])))
        order = np.lexsort((self.rank[self.owner[near]], d))
        return d[order], near[order]

    def exact(self, latitude: float, longitude: float, point: int) -> float:
        """haversine_km's distance from a place to a point."""
        return haversine_km(latitude, longitude, float(self.lat[point]), float(self.lon[point]))


class Ordered(Generic[E]):
    """Owners within a radius in exact order (distance, then ``order``), settled as read."""

    def __init__(self, points: Points[E], latitude: float, longitude: float,
                 found: tuple[np.ndarray, np.ndarray], order: Callable[[E], object]) -> None:
        self._points = points
        self._place = (latitude, longitude)
        self._d, self._point = found
        self._order = order
        self._exact: list[tuple[float, E, int]] = []

    def __len__(self) -> int:
        return len(self._d)

    def owner_numbers(self) -> np.ndarray:
        """The owners' numbers in ``Points.owners``, in no particular order."""
        return self._points.owner[self._point]

    def owners(self) -> list[E]:
        """The owners, in no particular order."""
        return [self._points.owners[k] for k in self.owner_numbers().tolist()]

    def __getitem__(self, index: int) -> tuple[float, E, int]:
        """(exact distance, owner, position of its nearest point) of the index-th nearest."""
        while len(self._exact) <= index:
            self._settle(index)
        return self._exact[index]

    def _settle(self, index: int) -> None:
        """Put the results through ``index``, and any after within 2 SLACK of the one before,
        in exact order: later ones are surely farther."""
        start, end = len(self._exact), index + 1
        while end < len(self._d) and self._d[end] - self._d[end - 1] <= 2 * SLACK:
            end += 1
        points = self._points
        run = [(points.exact(*self._place, k), points.owners[int(points.owner[k])],
                int(points.pos[k])) for k in self._point[start:end].tolist()]
        run.sort(key=lambda item: (item[0], self._order(item[1])))
        self._exact += run
