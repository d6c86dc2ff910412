"""The answer that helps: services that fit the kind asked, open when needed, near; or a gap.

Ranking (issue 23), among the services of one need:

1. **Fit.** One giving an item named (furniture) first, when clothes and essentials is the kind
   asked; then one made for a kind asked before a side line (one doing none is never listed),
   a service for the resident's community lifted within its fit.
2. **Time.** For an urgent ask, what is open now (or a 24-hour line, or an out-of-hours line
   out of office hours) leads, before fit; then what opens later today, soonest first; then
   the rest, each saying when it next opens (a line that publishes no hours, which may answer,
   before one shut till another day). A day asked ("open today", "on Sunday") leaves out
   places whose published hours miss that day, unless the ask is urgent and for today.
3. **Distance.** Local places within :data:`NEAR_KM` first, then lines covering the area,
   then local places up to :data:`REASONABLE_KM` (asked for a time, those within
   :data:`BUS_RIDE_KM` before the rest, whatever their fit); places farther than that (up to
   :data:`FARTHEST_KM`) come after everything else, nearest first.
4. **A way to reach it.** A service with no phone, website or address goes last.

For Leeds as a whole (``ResolvedPlace.is_city``: "food bank in leeds"), lines made for the kind
asked come first, then places near the city centre; "near" reaches :data:`REASONABLE_KM`.

When nothing local that fits is within :data:`NEAR_KM`, the answer is a gap: the reply says so
in one line, then gives what fits a little farther away and the area-wide lines that fit (then
the kinds that stand in for it, lines or near: NHS 111 for a GP), or the ward's anchor. When
asked for now (urgent) or for a day, and nothing near that fits is open then, the reply says
that too, before the nearest and when they open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy.orm import Session

from core.clock import london_wall
from directory.communities import for_another_age
from directory.geo import haversine_km
from directory.index import Anchor, Entry, Link
from directory.items import sorts_by_item
from directory.lines import LINE_KINDS
from directory.needs import KINDS_BY_SLUG, general_kinds, kinds_of_need
from directory.places import ResolvedPlace
from directory.results import SearchResult, result_for
from directory.search import directory_index
from directory.timing import day_start, open_in_time, opens_later_today, opens_on

#: Places this near are "near": they come before lines covering the area.
NEAR_KM = 3.0
#: A service for the resident's community is lifted when it is this near (or a line).
COMMUNITY_WITHIN_KM = 3.5
#: Places within this distance rank by fit; farther ones (up to FARTHEST_KM, for the edges of
#: the district) come after them all, nearest first.
REASONABLE_KM = 8.0
#: Asked for a time, what is open then this near comes before what is open farther, any fit.
BUS_RIDE_KM = 5.0
FARTHEST_KM = 15.0


@dataclass(frozen=True)
class Ask:
    """What the resident asked for: a need, finer kinds of it, how soon, which day."""

    need: str
    kinds: tuple[str, ...] = ()
    urgent: bool = False
    #: The day asked ("open today", "tomorrow", "on Sunday"), or None.
    day: dt.date | None = None
    communities: tuple[str, ...] = ()
    items: tuple[str, ...] = ()  # things named within clothes and essentials (directory/items)


@dataclass
class Answer:
    """Results in the order to show them, and whether nothing near fits (a gap)."""

    results: list[SearchResult] = field(default_factory=list)
    #: True when no local service that fits is within REASONABLE_KM.
    gap: bool = False
    #: Say the gap in a line (False for kinds whose help is a city-wide line that fits).
    say_gap: bool = False
    #: When nothing that fits is open in time: "now" (urgent), "today", or the day asked
    #: ("Sunday"); "" when something is.
    not_open: str = ""
    #: For an ask for a time (urgent, or a day): the results open when asked (open now or a
    #: line answering now; opening on the day asked), by service and location id, if they are
    #: lines or within REASONABLE_KM. None for an ask with no time.
    open_then: frozenset[tuple[str, str | None]] | None = None
    anchor: Anchor | None = None
    #: The ask as answered: its kinds are dropped for a directory that names no kinds.
    asked: Ask | None = None

    def fits(self, result: SearchResult) -> bool:
        """Whether ``result`` fits what was asked (made for it or a side line)."""
        return self.asked is None or fit_of(result, self.asked) > 0

    def leads_open(self, results: Sequence[SearchResult]) -> bool:
        """Whether the first of ``results`` (the answer's, less any shown already) is open
        when asked: always, for an ask with no time."""
        return self.open_then is None or bool(results) and (
            results[0].service_id, results[0].location_id) in self.open_then


def fit_of(result: SearchResult, ask: Ask) -> int:
    """2 made for a kind asked, 1 a side line, 0 neither. With no kind asked, a service of the
    need is made for it unless the need's kinds are only its side lines (a broad hub); one whose
    kinds are all of other needs (a food bank tagged "health") does not fit."""
    if not ask.kinds:
        need_kinds = {k.slug for k in kinds_of_need(ask.need)}
        if need_kinds & set(result.kinds):
            return 2
        if need_kinds & set(result.side_kinds):
            return 1
        return 0 if result.kinds or result.side_kinds else 2
    if any(kind in result.kinds for kind in ask.kinds):
        return 2
    return 1 if any(kind in result.side_kinds for kind in ask.kinds) else 0


def _reachable(result: SearchResult) -> bool:
    return bool(result.phone or result.website or result.address or result.area_name)


def _time_rank(result: SearchResult, ask: Ask, at: dt.datetime, on_day: bool | None) -> int:
    """0 first. Urgent: open now (or a line answering now), then opening later today, then the
    rest nearest first (each saying when it next opens). A day asked: opens that day, then
    unknown hours."""
    if _asked_now(ask, at):
        if open_in_time(result, at):
            return 0
        return 1 if opens_later_today(result, at) else 2
    if ask.day is not None:
        return {True: 0, None: 1, False: 2}[on_day]
    return 0


@dataclass(frozen=True)
class Reach:
    """How near is near for a place, and whether fitting lines lead (the whole city)."""

    near_km: float = NEAR_KM
    lines_first: bool = False


NEIGHBOURHOOD = Reach()
CITY = Reach(REASONABLE_KM, True)


def reach_of(place: ResolvedPlace | None) -> Reach:
    return CITY if place is not None and place.is_city else NEIGHBOURHOOD


def _band(result: SearchResult, fit: int, reach: Reach) -> int:
    """0 first: near places, lines, places a bus ride away, the rest; for the city, lines
    made for the kind asked first."""
    if result.distance_km is None:
        return 0 if reach.lines_first and fit == 2 else 2
    if result.distance_km <= reach.near_km:
        return 1
    return 3 if result.distance_km <= max(reach.near_km, BUS_RIDE_KM) else 4


def _asked_now(ask: Ask, at: dt.datetime) -> bool:
    """Whether the ask is for now: urgent, with no day or today."""
    return ask.urgent and ask.day in (None, london_wall(at).date())


def _timed(ask: Ask) -> bool:
    """Whether the ask is for a time: urgent, or a day named."""
    return ask.urgent or ask.day is not None


def rank(results: Sequence[SearchResult], ask: Ask, at: dt.datetime,
         on_day: dict[tuple[str, str | None], bool | None] | None = None,
         stand_ins: frozenset[str] = frozenset(),
         reach: Reach = NEIGHBOURHOOD, stand_in_km: float = FARTHEST_KM) -> list[SearchResult]:
    """The results that fit, best first (see the module docstring); each place once.
    ``on_day``: for a day asked, whether each service opens that day at each of its places
    (by service id and location id).
    ``stand_ins``: other kinds of the need whose services open in time are listed too, after
    those that fit, if they are lines or within ``stand_in_km``. ``reach``: how near is near,
    and whether fitting lines lead."""
    on_day, now, by_item = on_day or {}, _asked_now(ask, at), sorts_by_item(ask.kinds, ask.items)
    general = general_kinds(ask.need)
    kept: list[tuple[tuple, SearchResult]] = []
    for position, result in enumerate(results):
        fit = fit_of(result, ask)
        if fit == 0 and not (stand_ins and set(result.kinds) & stand_ins):
            continue
        if result.distance_km is not None and result.distance_km > FARTHEST_KM:
            continue
        if for_another_age(result.for_whom, ask.communities):
            continue  # its record says it is for other ages (older people, for a 16-year-old)
        opens = on_day.get((result.service_id, result.location_id))
        if opens is False and not now:  # a day was asked, and its hours miss it (urgent
            continue  # today: what opens soonest after today is still worth saying)
        time = _time_rank(result, ask, at, opens)
        # A stand-in helps only when it is open in time (urgent: or later today), and near.
        if fit == 0 and (time > (1 if now else 0) or (result.distance_km or 0) > stand_in_km):
            continue
        community = any(c in result.for_whom for c in ask.communities) and (
            result.distance_km is None or result.distance_km <= COMMUNITY_WITHIN_KM)
        # The kind named first comes first; none named, those only for kinds the need does
        # not mean by itself (repairs, not housing advice) after the rest.
        named = min((ask.kinds.index(k) for k in result.kinds if k in ask.kinds),
                    default=len(ask.kinds)) if ask.kinds else \
            int(bool(general and result.kinds) and not general & set(result.kinds))
        # Farther places, and (for an ask with no time) stand-ins, come after all that fits.
        far = (result.distance_km is not None and result.distance_km > REASONABLE_KM) or \
            (fit == 0 and not _timed(ask))
        # Among those opening later today (urgent), the soonest first.
        soon = result.opening.next_open.timestamp() if time == 1 and ask.urgent and \
            result.opening.next_open else 0.0
        # Lines (no distance) that publish no hours may answer: before those shut till later.
        shut_line = result.distance_km is None and time > 1 and \
            result.opening.open_now is not None
        band = _band(result, fit, reach)
        order = (far, not (by_item and set(ask.items) & set(result.items)), -fit,
                 not community, named, band, soon, result.distance_km or 0.0, shut_line, position)
        # Urgent, or a day asked: what is open then leads, then what is for the resident's
        # community (a young people's line for a 16-year-old put out at night), near before a
        # line before farther, then fit; otherwise fit leads.
        key = (not _reachable(result), time, far, not community, band, *order[1:]) \
            if _timed(ask) else (not _reachable(result), *order[:5], time, *order[5:])
        kept.append((key, result))
    kept.sort(key=lambda pair: pair[0])
    return _once(result for _key, result in kept)


def _once(ranked: Iterable[SearchResult]) -> list[SearchResult]:
    """Each service once, and a line or a place listed under two records (the same number,
    at the same spot) once: the best placed of each."""
    seen: set[str] = set()
    lines: set[tuple[str, float | None]] = set()
    out = []
    for result in ranked:
        if result.service_id in seen:
            continue
        if result.phone:
            spot = None if result.distance_km is None else round(result.distance_km, 1)
            if (result.phone, spot) in lines:
                continue
            lines.add((result.phone, spot))
        seen.add(result.service_id)
        out.append(result)
    return out


def answer(session: Session, ask: Ask, place: ResolvedPlace | None,
           at: dt.datetime) -> Answer:
    """The services that help with ``ask`` near ``place`` at ``at``, or an honest gap."""
    index = directory_index(session)
    found = index.need(session, ask.need)
    in_leeds = place is not None and place.in_leeds
    anchor = index.anchor(session, place.ward_code if in_leeds and place else None)
    found_at: list[tuple[Entry, Link | None, float | None]] = []
    if in_leeds and place is not None and place.has_point:
        _radius, near = found.nearby(place.latitude, place.longitude, (FARTHEST_KM,), 0)
        for k in range(len(near)):
            distance, entry, pos = near[k]
            found_at.append((entry, entry.links[pos], distance))
            # A service at several places: the others too, so one open when asked can lead.
            found_at += [(entry, link, d) for other, link in enumerate(entry.links)
                         if other != pos and link.latitude is not None
                         and (d := haversine_km(place.latitude, place.longitude, link.latitude,
                                                link.longitude)) <= FARTHEST_KM]
    local_ids = {entry.id for entry, _link, _d in found_at}
    ward = place.ward_code if in_leeds and place is not None else None
    found_at += [(entry, entry.links[0] if entry.links else None, None)
                 for entry in found.area_wide(ward) if entry.id not in local_ids]
    results = [result_for(entry, link, distance, at) for entry, link, distance in found_at]
    if ask.kinds and not any(r.kinds or r.side_kinds for r in results):
        ask = replace(ask, kinds=())  # a directory that names no kinds: every service may fit
    on_day: dict[tuple[str, str | None], bool | None] = {}
    if ask.day is not None:
        start = day_start(ask.day, at)
        at_start = [result_for(entry, link, distance, start) for entry, link, distance in found_at]
        for result in at_start:
            on_day[result.service_id, result.location_id] = opens_on(result, ask.day)
        if ask.day > london_wall(at).date():
            results = at_start  # each says when it opens on the day asked, not "tomorrow"
    reach = reach_of(place)
    ranked = rank(results, ask, at, on_day, reach=reach)
    not_open = _not_open(ranked, ask, at, on_day, reach.near_km)
    near = any(r.distance_km is not None and r.distance_km <= reach.near_km
               for r in ranked if fit_of(r, ask))
    stand_ins = _stand_ins(ask) if not_open or not near else frozenset()
    if stand_ins:  # nothing that fits is open when asked, or near: what else of the need is
        ranked = rank(results, ask, at, on_day, stand_ins, reach,
                      FARTHEST_KM if not_open else reach.near_km)
    ranked = _first_named_kept(ranked, ask)
    if not_open == "now":
        ranked = _nearest_kept(ranked, ask, at)
    fitting = [r for r in ranked if fit_of(r, ask)]
    line_fits = any(r.distance_km is None and fit_of(r, ask) == 2 for r in fitting)
    # For the whole city, a Leeds-wide or national line made for the ask is no gap.
    gap = in_leeds and not near and not (reach.lines_first and line_fits)
    say_gap = bool(not_open) or (gap and not (line_fits and set(ask.kinds) & LINE_KINDS))
    return Answer(results=ranked, gap=gap, say_gap=say_gap, not_open=not_open,
                  open_then=_open_then(ranked, ask, at, on_day), anchor=anchor, asked=ask)


def _first_named_kept(ranked: list[SearchResult], ask: Ask) -> list[SearchResult]:
    """For an ask for a time with several kinds, the best service made for the kind named
    first (a line, or within REASONABLE_KM) comes second at the latest, so what is open then of
    another kind never crowds it off the first page ("grants for insulation? house is
    freezing": the grants line beside the warm space open now)."""
    if len(ask.kinds) < 2 or not _timed(ask):
        return ranked
    first = next((i for i, r in enumerate(ranked) if ask.kinds[0] in r.kinds and
                  (r.distance_km is None or r.distance_km <= REASONABLE_KM)), None)
    if first is None or first <= 1:
        return ranked
    return [ranked[0], ranked[first], *ranked[1:first], *ranked[first + 1:]]


def _nearest_kept(ranked: list[SearchResult], ask: Ask, at: dt.datetime) -> list[SearchResult]:
    """Asked for now with nothing near open: after what leads (open now, farther away, or a
    line), the nearest place that fits, saying when it next opens, comes second (before a
    second place open now farther away, never before one opening later today), so the first
    page says both where to go now and where is nearest ("food tonight, Hunslet": a meal open
    now in Gipton, then the food bank in Hunslet opening tomorrow at 10)."""
    if len(ranked) < 3 or not (open_in_time(ranked[0], at) and open_in_time(ranked[1], at)):
        return ranked  # what opens later today, soonest first, keeps its place
    places = [(r.distance_km, -fit_of(r, ask), i) for i, r in enumerate(ranked)
              if r.distance_km is not None and r.distance_km <= REASONABLE_KM
              and fit_of(r, ask) and not open_in_time(r, at)]
    if not places:
        return ranked
    nearest = min(places)[2]
    if any(r.distance_km is not None and r.distance_km <= ranked[nearest].distance_km
           for r in ranked[:2]):
        return ranked  # an open place as near leads it
    return [ranked[0], ranked[nearest], *ranked[1:nearest], *ranked[nearest + 1:]]


def _open_then(ranked: list[SearchResult], ask: Ask, at: dt.datetime,
               on_day: dict[tuple[str, str | None], bool | None]
               ) -> frozenset[tuple[str, str | None]] | None:
    """The results open when asked, lines or within REASONABLE_KM (None: no time asked)."""
    if not _timed(ask):
        return None
    now = _asked_now(ask, at)
    return frozenset(
        (r.service_id, r.location_id) for r in ranked
        if (r.distance_km is None or r.distance_km <= REASONABLE_KM)
        and (open_in_time(r, at) if now else on_day.get((r.service_id, r.location_id))))


def _stand_ins(ask: Ask) -> frozenset[str]:
    """The kinds that stand in for those asked, less those asked."""
    return frozenset(k for kind in ask.kinds for k in KINDS_BY_SLUG[kind].stand_ins
                     if k not in ask.kinds)


def _not_open(ranked: list[SearchResult], ask: Ask, at: dt.datetime,
              on_day: dict[tuple[str, str | None], bool | None],
              near_km: float = NEAR_KM) -> str:
    """"now", "today" or the day's name when nothing that fits near (nor a line made for it)
    is open when asked, else ""."""
    today = london_wall(at).date()
    near = [r for r in ranked if (r.distance_km is None and fit_of(r, ask) == 2)
            or (r.distance_km is not None and r.distance_km <= near_km)]
    if ask.urgent and (ask.day is None or ask.day == today):
        return "" if any(open_in_time(r, at) for r in near) else "now"
    if ask.day is not None and not any(on_day.get((r.service_id, r.location_id))
                                       for r in near):
        return "today" if ask.day == today else ask.day.strftime("%A")
    return ""


def kind_words(ask: Ask) -> str:
    """The short name of what was asked, for a gap line: "a carers' service"."""
    return KINDS_BY_SLUG[ask.kinds[0]].words if ask.kinds else ""
