"""Nearest services for a need: local ones by distance, then those whose area covers the place.

Searches read this process's in-memory index of the directory (:mod:`directory.index`), one per
database. A new one is started when the directory's version has changed
(:mod:`directory.version`), which costs one small SELECT a search to check; each need's services
are read into it on that need's first search (:mod:`directory.index_load`).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict

from sqlalchemy.orm import Session

from directory.index import Anchor
from directory.index_load import DirectoryIndex
from directory.places import ResolvedPlace
from directory.results import ResultList, SearchOutcome, SearchResult
from directory.version import Version, directory_version

__all__ = ["ENOUGH_LOCAL", "RADII_KM", "Anchor", "SearchOutcome", "SearchResult",
           "directory_index", "find_anchor", "index_builds", "search"]

#: Radii tried in turn until enough local services are found, in kilometres.
RADII_KM = (3.0, 6.0, 12.0, 25.0)
#: How many local services make a search radius "enough".
ENOUGH_LOCAL = 3
#: Indexes kept at once, for the databases most recently seen changed (a worker uses one).
KEEP_INDEXES = 4

_indexes: OrderedDict[str, tuple[Version, DirectoryIndex]] = OrderedDict()
_building = threading.Lock()
_builds = 0


def index_builds() -> int:
    """How many indexes this process has started so far (one per directory version seen)."""
    return _builds


def directory_index(session: Session) -> DirectoryIndex:
    """This process's index of the session's database, as the session's transaction sees it."""
    global _builds
    key = session.get_bind().engine.url.render_as_string(hide_password=True)
    version = directory_version(session)
    cached = _indexes.get(key)
    if cached is not None and cached[0] == version:
        return cached[1]
    with _building:
        cached = _indexes.get(key)
        if cached is not None and cached[0] == version:
            return cached[1]
        index = DirectoryIndex()
        _indexes[key] = (version, index)
        _indexes.move_to_end(key)
        while len(_indexes) > KEEP_INDEXES:
            _indexes.popitem(last=False)
        _builds += 1
        return index


def find_anchor(session: Session, ward_code: str | None) -> Anchor | None:
    """The ward's community anchor organisation, if it has one."""
    return directory_index(session).anchor(session, ward_code)


def search(
    session: Session,
    need: str,
    place: ResolvedPlace | None,
    at: dt.datetime,
) -> SearchOutcome:
    """Every matching active service: local ones nearest first, then area-wide ones."""
    index = directory_index(session)
    found = index.need(session, need)
    outcome = SearchOutcome(anchor=index.anchor(session, place.ward_code if place else None))
    local = None
    if place is not None and place.in_leeds and place.has_point:
        outcome.radius_km, local = found.nearby(place.latitude, place.longitude, RADII_KM,
                                                ENOUGH_LOCAL)
    ward = place.ward_code if place is not None and place.in_leeds else None
    outcome.results = ResultList(local or (), found.area_wide(ward, local), at)
    return outcome
