"""Where a resident is: postcode, sector, outcode, neighbourhood or ward name, or a shared location.

``resolve_place(session, text)`` turns what someone typed into a :class:`ResolvedPlace` with a
point and a ward, and says whether the place is in Leeds.

One rule for a full postcode: it is in Leeds when it is in the Leeds postcode list (live or
terminated), and outside Leeds otherwise. The import and the admin form hold the same rule
(they refuse one missing from the list in an all-Leeds area, as it does not exist). A partial
postcode is Leeds when at least ``LEEDS_SHARE_THRESHOLD`` of its postcodes are.
"""

from __future__ import annotations

import csv
import re
import threading
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from rapidfuzz import fuzz, process
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from directory.city import CITY_KIND, CITY_LABEL, names_the_city
from directory.districts import neighbouring_district
from directory.geo import haversine_km
from directory.models import Place, Postcode, PostcodeArea, Ward
from directory.postcodes import PostcodeMatch, find_postcodes

#: A partial postcode counts as Leeds when at least this share of its postcodes is in Leeds.
LEEDS_SHARE_THRESHOLD = 0.5
#: A shared location further than this from every Leeds postcode is outside Leeds.
MAX_NEAREST_POSTCODE_KM = 1.5
#: Minimum rapidfuzz ratio for a place name typed with a slip.
NAME_SCORE_CUTOFF = 88
COMPASS = {"north", "south", "east", "west", "inner", "outer"}


@dataclass(frozen=True)
class ResolvedPlace:
    kind: str  # postcode | sector | outcode | place | ward | city | none
    label: str | None = None
    postcode: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    ward_code: str | None = None
    ward_name: str | None = None
    in_leeds: bool = False

    @property
    def found(self) -> bool:
        return self.kind != "none"

    @property
    def is_city(self) -> bool:
        """The whole city ("food bank in leeds"): no ward, measured from the city centre."""
        return self.kind == CITY_KIND

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def to_dict(self) -> dict:
        return asdict(self)


NOWHERE = ResolvedPlace(kind="none")


@dataclass(frozen=True)
class _NamedArea:
    """One name a resident might use, pointing at a ward or at one or more neighbourhoods."""

    kind: str  # "ward" or "place"
    label: str
    latitude: float
    longitude: float
    ward_code: str


@dataclass(frozen=True)
class _Gazetteer:
    wards: dict[str, str]  # code -> name
    names: dict[str, _NamedArea]  # lower-case alias -> area

    def ward_name(self, code: str | None) -> str | None:
        return self.wards.get(code or "")


def _clean_name(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", name.lower().replace("-", " ")).split())


def _strip_compass(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[-1].lower() in COMPASS:
        words.pop()
    return " ".join(words)


_GAZETTEERS: dict[int, tuple[Engine, _Gazetteer]] = {}
_GAZETTEER_LOCK = threading.Lock()


def _gazetteer(session: Session) -> _Gazetteer:
    """Names of wards and neighbourhoods, built once per database (the geography is static).

    Built through the caller's own session, so it never waits on a second connection.
    """
    engine = session.get_bind()
    cached = _GAZETTEERS.get(id(engine))
    if cached is not None and cached[0] is engine:
        return cached[1]
    # A new engine on a database with the same geography (another worker's connection, a copy
    # of the same template) shares the names already built.
    fingerprint = _geography_fingerprint(session)
    gazetteer = _BY_GEOGRAPHY.get(fingerprint) or _build_gazetteer(session)
    with _GAZETTEER_LOCK:
        if len(_GAZETTEERS) > 16:
            _GAZETTEERS.clear()
        if len(_BY_GEOGRAPHY) > 4:
            _BY_GEOGRAPHY.clear()
        _GAZETTEERS[id(engine)] = (engine, gazetteer)
        _BY_GEOGRAPHY[fingerprint] = gazetteer
    return gazetteer


_BY_GEOGRAPHY: dict[tuple, _Gazetteer] = {}


def _geography_fingerprint(session: Session) -> tuple:
    """Counts and sums over every column the names are built from: equal only for the same
    geography (an added, removed, renamed or moved place or ward changes it)."""
    places = session.execute(select(
        func.count(), func.max(Place.id), func.sum(func.length(Place.name)),
        func.sum(func.length(Place.name_parts)), func.sum(Place.latitude),
        func.sum(Place.longitude), func.sum(func.length(Place.ward_code)))).one()
    wards = session.execute(select(
        func.count(), func.sum(func.length(Ward.name)), func.sum(Ward.latitude),
        func.sum(Ward.longitude))).one()
    postcodes = session.execute(select(func.count()).select_from(Postcode)).one()
    return (tuple(places), tuple(wards), tuple(postcodes), _gazetteer_file_stamp())


def _gazetteer_file_stamp() -> tuple[int, int]:
    stat = GAZETTEER_FILE.stat()
    return (stat.st_size, stat.st_mtime_ns)


def _build_gazetteer(session: Session) -> _Gazetteer:
    wards = session.scalars(select(Ward)).all()
    places = session.scalars(select(Place)).all()
    ward_names = {w.code: w.name for w in wards}
    names: dict[str, _NamedArea] = {}
    grouped: dict[str, list[Place]] = {}
    for place in places:
        aliases = {place.name}
        for part in [place.name, *place.name_parts.split("|")]:
            stripped = _strip_compass(part.strip())
            if stripped and stripped.lower() not in COMPASS:
                aliases.add(stripped)
        for alias in aliases:
            grouped.setdefault(_clean_name(alias), []).append(place)
    for alias, members in grouped.items():
        if not alias:
            continue
        lat = sum(p.latitude for p in members) / len(members)
        lon = sum(p.longitude for p in members) / len(members)
        ward = Counter(p.ward_code for p in members).most_common(1)[0][0]
        label = _pretty_label(alias, members)
        names[alias] = _NamedArea("place", label, lat, lon, ward)
    for ward in wards:
        full = _clean_name(ward.name)
        names[full] = _NamedArea("ward", ward.name, ward.latitude, ward.longitude, ward.code)
        for part in re.split(r"\s*[&,]\s*", ward.name):
            alias = _clean_name(part)
            if alias and alias not in names:
                names[alias] = _NamedArea("ward", part.strip(), ward.latitude, ward.longitude,
                                          ward.code)
    names["city centre"] = names.get("leeds city centre", names.get("city centre"))  # type: ignore[assignment]
    names["town centre"] = names["city centre"]
    for alias, area in _gazetteer_places(session, wards).items():
        names.setdefault(alias, area)
    return _Gazetteer(ward_names, {k: v for k, v in names.items() if v is not None})


#: Localities, estates and landmarks residents name, each placed by a sourced postcode, an
#: ONS ward, or (where neither was found) a cited coordinate: see the file's ``source`` column.
GAZETTEER_FILE = Path(__file__).resolve().parent / "data" / "geo" / "leeds_gazetteer.csv"


def _gazetteer_places(session: Session, wards: list[Ward],
                      path: Path = GAZETTEER_FILE) -> dict[str, _NamedArea]:
    """The gazetteer file's names (and aliases) as areas; rows that cannot be placed with this
    database's geography are left out."""
    by_name = {w.name: w for w in wards}
    found: dict[str, _NamedArea] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        area = None
        if row["ward_name"] and row["ward_name"] in by_name:
            ward = by_name[row["ward_name"]]
            area = _NamedArea("place", row["name"], ward.latitude, ward.longitude, ward.code)
        elif row["postcode"]:
            point = session.get(Postcode, row["postcode"])
            if point is not None:
                area = _NamedArea("place", row["name"], point.latitude, point.longitude,
                                  point.ward_code)
        elif row["latitude"] and row["longitude"]:
            lat, lon = float(row["latitude"]), float(row["longitude"])
            near = _nearest_postcode(session, lat, lon)
            if near is not None and near[1] <= MAX_NEAREST_POSTCODE_KM:
                area = _NamedArea("place", row["name"], lat, lon, near[0].ward_code)
        if area is None:
            continue
        for alias in [row["name"], *row["aliases"].split(";")]:
            if _clean_name(alias):
                found[_clean_name(alias)] = area
    return found


def _pretty_label(alias: str, members: list[Place]) -> str:
    """The alias as it is spelt in the source names ("Chapeltown", "Hyde Park")."""
    for place in members:
        for part in [place.name, *place.name_parts.split("|")]:
            candidate = _strip_compass(part.strip())
            if _clean_name(candidate) == alias:
                return candidate
    return alias.title()


_FILLER = {
    "i", "im", "i'm", "live", "living", "in", "at", "near", "around", "by", "the", "a", "an",
    "from", "to", "of", "on", "and", "my", "me", "is", "area", "leeds", "please", "pls", "its",
    "it's", "just", "off", "up", "down", "round", "we", "are", "were", "based", "stay",
    "staying", "currently", "bank", "food", "help", "need", "with", "for", "any", "there",
}


def _ngrams(text: str, named_leeds: bool = False) -> list[str]:
    """Runs of up to four words that neither start nor end with a filler word; with
    ``named_leeds``, runs of two or more may start or end with "leeds" ("Leeds Minster",
    "Trinity Leeds"), for looking up names exactly."""
    words = [w for w in re.findall(r"[a-z0-9']+", text.lower().replace("-", " "))]
    grams: list[str] = []
    for size in (4, 3, 2, 1):
        for i in range(len(words) - size + 1):
            gram = words[i : i + size]
            edges = (gram[0], gram[-1])
            if any(w in _FILLER and not (named_leeds and size > 1 and w == "leeds")
                   for w in edges):
                continue
            grams.append(" ".join(w.replace("'", "") for w in gram))
    return grams


def known_area(session: Session, name: str) -> _NamedArea | None:
    """The neighbourhood or ward with exactly this name (any case or spacing), or None."""
    return _gazetteer(session).names.get(_clean_name(name))


#: The city centre as people say it: "leeds centre", "centre of leeds", "town centre", "in town".
_CITY_CENTRE = re.compile(r"\b(?:leeds\s+(?:city\s+)?cent(?:re|er)|cent(?:re|er)\s+of\s+leeds|"
                          r"city\s+cent(?:re|er)|town\s+cent(?:re|er)|in\s+town)\b", re.I)


def match_place_name(session: Session, text: str) -> _NamedArea | None:
    """The neighbourhood or ward named in ``text``, allowing for typos."""
    gazetteer = _gazetteer(session)
    names = gazetteer.names
    for gram in _ngrams(text):
        if gram in names:
            return names[gram]
    if _CITY_CENTRE.search(text) and "city centre" in names:
        return names["city centre"]
    # Only then a name with "Leeds" in it ("Trinity Leeds", "Leeds uni"): a place said beside it
    # ("food bank in Armley, I work at Leeds uni") is where help is wanted.
    for gram in _ngrams(text, named_leeds=True):
        if gram in names:
            return names[gram]
    best: tuple[float, _NamedArea] | None = None
    for gram in _ngrams(text):
        if len(gram) < 5:
            continue
        hit = process.extractOne(gram, names.keys(), scorer=fuzz.ratio,
                                 score_cutoff=NAME_SCORE_CUTOFF)
        if hit and (best is None or hit[1] > best[0]):
            best = (hit[1], names[hit[0]])
    return best[1] if best else None


def _area(session: Session, code: str) -> PostcodeArea | None:
    return session.get(PostcodeArea, code)


def _from_postcode_match(session: Session, match: PostcodeMatch) -> ResolvedPlace | None:
    gazetteer = _gazetteer(session)
    if match.kind == "postcode":
        row = session.get(Postcode, match.code)
        if row is not None:
            return ResolvedPlace("postcode", match.code, match.code, row.latitude, row.longitude,
                                 row.ward_code, gazetteer.ward_name(row.ward_code), True)
        # Not in the Leeds list (which holds every Leeds postcode, live or terminated): outside
        # Leeds, as the import and the admin form hold too (LS99 9ZZ does not exist). It keeps
        # its sector's or outcode's point, so a neighbour such as Tadcaster is still near.
        sector = _area(session, match.code[:-2])
        outcode = _area(session, match.outcode)
        area = sector if sector is not None and sector.latitude is not None else outcode
        return ResolvedPlace("postcode", match.code, match.code,
                             area.latitude if area else None, area.longitude if area else None,
                             None, None, False)
    area = _area(session, match.code)
    if area is None:
        if match.kind == "sector":
            return None  # fall back to the outcode match that follows
        return ResolvedPlace("outcode", match.code, None, None, None, None, None, False)
    in_leeds = area.leeds_share >= LEEDS_SHARE_THRESHOLD
    ward = area.ward_code if in_leeds else None
    return ResolvedPlace(match.kind, match.code, None, area.latitude, area.longitude,
                         ward or None, gazetteer.ward_name(ward), in_leeds)


#: A message that is only a postcode district, perhaps with "in", "near" or "I live in".
_ONLY_A_CODE = re.compile(
    r"^\s*(?:(?:i\s*(?:am|'m|m)|im|i\s+live|we\s+live|living|based|staying)\s+)?"
    r"(?:in|near|at|around|from)?\s*[a-z0-9]{2,4}(?:\s*[0-9][a-z]{2})?\s*[.!]*\s*$",
    re.IGNORECASE)


def city_place(session: Session) -> ResolvedPlace:
    """Leeds as a whole: measured from the city centre, with no ward of its own."""
    centre = known_area(session, "city centre")
    if centre is None:
        return NOWHERE
    return ResolvedPlace(CITY_KIND, CITY_LABEL, None, centre.latitude, centre.longitude,
                         None, None, True)


def resolve_place(session: Session, text: str) -> ResolvedPlace:
    """Understand a place in ``text``: postcodes first, then neighbourhood and ward names,
    then Leeds itself as the only place said (:mod:`directory.city`)."""
    matches = find_postcodes(text)
    known_codes = [m for m in matches if m.kind != "outcode" or _area(session, m.code)]
    if not known_codes and not _ONLY_A_CODE.match(text):
        matches = []  # "M1 was closed": a road, not a district far from here
    for match in known_codes or matches:
        place = _from_postcode_match(session, match)
        if place is not None:
            return place
    named = match_place_name(session, text)
    if named is not None:
        gazetteer = _gazetteer(session)
        return ResolvedPlace(named.kind, named.label, None, named.latitude, named.longitude,
                             named.ward_code, gazetteer.ward_name(named.ward_code), True)
    if names_the_city(text):
        return city_place(session)
    district = neighbouring_district(session, text)
    if district is not None:
        name, latitude, longitude = district
        return ResolvedPlace("district", name, None, latitude, longitude, None, None, False)
    return NOWHERE


def _nearest_postcode(session: Session, latitude: float,
                      longitude: float) -> tuple[Postcode, float] | None:
    """The nearest live Leeds postcode to a point and its distance in km, if one is near."""
    for box in (0.01, 0.03):
        rows = session.scalars(
            select(Postcode).where(
                Postcode.latitude.between(latitude - box, latitude + box),
                Postcode.longitude.between(longitude - box * 1.7, longitude + box * 1.7),
                Postcode.live.is_(True),
            )
        ).all()
        if rows:
            nearest = min(rows, key=lambda r: haversine_km(latitude, longitude,
                                                            r.latitude, r.longitude))
            return nearest, haversine_km(latitude, longitude, nearest.latitude,
                                         nearest.longitude)
    return None


def resolve_point(session: Session, latitude: float, longitude: float) -> ResolvedPlace:
    """A shared location: the point itself, with the ward of the nearest Leeds postcode."""
    gazetteer = _gazetteer(session)
    found = _nearest_postcode(session, latitude, longitude)
    if found is not None and found[1] <= MAX_NEAREST_POSTCODE_KM:
        nearest = found[0]
        return ResolvedPlace("postcode", f"your location (near {nearest.postcode})",
                             nearest.postcode, latitude, longitude, nearest.ward_code,
                             gazetteer.ward_name(nearest.ward_code), True)
    return ResolvedPlace("postcode", "your location", None, latitude, longitude, None, None,
                         False)
