"""Resident scenarios, answered by the bot and judged by the records it names (issue 23).

    python -m bench.scenarios [PATH ...] [--verbose] [--database-url URL]

Each scenario (a YAML file with a ``scenarios`` list; ``bench/data/scenarios_dev.yaml`` by
default) has the ``text`` a resident sends, the time it is sent (``at``, London), the ``kinds`` of
help that would do, whether it is ``urgent``, a reasonable distance (``within_km``) and the
``day`` asked (``today``, ``tomorrow``, a weekday, or null). The message goes to the real engine
on a database prepared as ``signpost db init`` prepares one, and the first page of the answer is
judged by rules from the records it names:

- **useful**: a result on the first page that fits one of the scenario's kinds (made for it or
  a side line), is within ``within_km`` (or a city-wide or national line you can phone or
  visit online), and is open in time: when urgent, open now or a line that answers now (24
  hours, or out of hours then); for a day asked, open that day. Every other result is for one
  of the scenario's needs (nothing unrelated); no heading stands without results; each place is
  listed once; each Telegram button names its place as the SMS line does.
- **an honest gap**: no such result is shown, the answer says nothing near fits, gives a line or
  the ward's anchor, and the directory truly holds nothing that would pass the rules above.

It prints the useful share by need, the share of urgent scenarios answered with a place open
in time (or a line), and, with ``--verbose``, each scenario that fails and why.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from sqlalchemy import Engine, select

from bot.messages import Channel, InboundMessage, Reply
from bot.records.kept import KeptAnchor, KeptNote, KeptResult
from bot.records.store import ConversationRow, ConversationState, sender_key
from core.clock import LONDON
from core.db import make_engine, session_scope
from directory.details import result_again
from directory.geo import haversine_km
from directory.models import AreaKind
from directory.needs import KINDS_BY_SLUG
from directory.places import ResolvedPlace
from directory.results import SearchResult, result_for
from directory.search import directory_index
from directory.timing import day_start, open_in_time, opens_on
from handlers.conversation import build_engine

DEV = Path(__file__).resolve().parent / "data" / "scenarios_dev.yaml"
SECRET = "bench-scenarios"
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_HEADING = re.compile(r"^[A-Z][A-Za-z ,&'-]*:$")


@dataclass(frozen=True)
class Scenario:
    id: str
    text: str
    at: dt.datetime
    kinds: tuple[str, ...]
    urgent: bool
    within_km: float
    day: str | None

    @property
    def need(self) -> str:
        return KINDS_BY_SLUG[self.kinds[0]].need

    @property
    def needs(self) -> set[str]:
        return {n for kind in self.kinds for n in KINDS_BY_SLUG[kind].needs}

    def day_asked(self) -> dt.date | None:
        """The day the scenario asks about, as a date (None: no day)."""
        if self.day is None:
            return None
        today = self.at.date()
        if self.day == "today":
            return today
        if self.day == "tomorrow":
            return today + dt.timedelta(days=1)
        return today + dt.timedelta(days=(_DAYS.index(self.day) - today.weekday()) % 7)


def load_scenarios(path: Path) -> list[Scenario]:
    """The scenarios in a file; ValueError names the first one that is not well formed."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for raw in data["scenarios"]:
        kinds = tuple(raw["kinds"])
        unknown = [k for k in kinds if k not in KINDS_BY_SLUG]
        if unknown or not kinds:
            raise ValueError(f"{path.name}: scenario {raw.get('id')}: unknown kinds {unknown}")
        day = raw.get("day")
        if day is not None and day not in ("today", "tomorrow", *_DAYS):
            raise ValueError(f"{path.name}: scenario {raw['id']}: day '{day}'")
        out.append(Scenario(str(raw["id"]), str(raw["text"]),
                            dt.datetime.fromisoformat(str(raw["at"])), kinds,
                            bool(raw.get("urgent")), float(raw["within_km"]), day))
    return out


@dataclass
class Verdict:
    scenario: Scenario
    useful: bool = False
    #: An urgent scenario answered with a fitting place open in time (or a line): open now,
    #: or open on the later day it asks for.
    open_in_time: bool = False
    honest_gap: bool = False
    #: An urgent scenario for which the directory holds nothing that fits and is open in time,
    #: answered with that said in a gap line and a result that fits (ignoring the hour: when
    #: it next opens) or the ward's anchor: the honest answer when the data has nothing.
    time_gap: bool = False
    why: list[str] = field(default_factory=list)
    reply: str = ""


class _Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def _state(database: Engine, sender: str) -> ConversationState | None:
    key = sender_key(SECRET, Channel.SMS.value, sender)
    with session_scope(database) as session:
        row = session.scalars(select(ConversationRow).where(
            ConversationRow.sender_hash == key)).first()
        return ConversationState.from_json(row.data) if row else None


def _good(result: SearchResult, scenario: Scenario, at: dt.datetime,
          on_day: SearchResult | None) -> list[str]:
    """Why a result does not help the scenario ([] when it does)."""
    why = []
    if not set(scenario.kinds) & (set(result.kinds) | set(result.side_kinds)):
        why.append("does not fit")
    if result.distance_km is not None:
        if result.distance_km > scenario.within_km:
            why.append(f"{result.distance_km:.1f} km away")
    elif not (result.phone or result.website):
        why.append("a line with no phone or website")
    day = scenario.day_asked()
    if scenario.urgent and (day is None or day == at.date()):
        if not open_in_time(result, at):
            why.append("not open now")
    elif day is not None and on_day is not None and not opens_on(on_day, day):
        why.append(f"not open {scenario.day}")
    return why


def _fits_but_for_time(result: SearchResult, scenario: Scenario, at: dt.datetime) -> bool:
    """Whether a result fits one of the scenario's kinds and is within reach, whatever the
    hour (a place that will open, a line that will answer)."""
    return not [why for why in _good(result, scenario, at, None)
                if why == "does not fit" or why.endswith("km away") or why.startswith("a line")]


def _in_time(result: SearchResult, scenario: Scenario, at: dt.datetime,
             on_day: SearchResult | None) -> bool:
    """Open when an urgent scenario needs it: now (or a line answering now), or, when it asks
    for a later day ("a food parcel tomorrow"), open that day."""
    day = scenario.day_asked()
    if day is not None and day > at.date() and on_day is not None:
        return bool(opens_on(on_day, day))
    return open_in_time(result, at)


def _again(session, need: str, item: KeptResult, at: dt.datetime) -> SearchResult | None:
    return result_again(session, need, item.service_id, item.location_id, item.distance_km, at)


def _anything_helps(session, scenario: Scenario, place: ResolvedPlace, at: dt.datetime) -> bool:
    """Whether the directory holds a service that would pass the rules for this scenario."""
    index = directory_index(session)
    ward = place.ward_code if place.in_leeds else None
    day = scenario.day_asked()
    for need in scenario.needs:
        for entry in index.need(session, need).entries():
            covers = entry.area_kind in (AreaKind.CITY.value, AreaKind.NATIONAL.value) or \
                (entry.area_kind == AreaKind.WARDS.value and ward in entry.area_wards)
            places = [(link, haversine_km(place.latitude, place.longitude, link.latitude,
                                          link.longitude))
                      for link in entry.links if link.latitude is not None and place.has_point]
            tries = [(link, d) for link, d in places if d <= scenario.within_km]
            if covers:
                tries.append((entry.links[0] if entry.links else None, None))
            for link, distance in tries:
                result = result_for(entry, link, distance, at)
                on_day = result_for(entry, link, distance, day_start(day, at)) if day else None
                if not _good(result, scenario, at, on_day):
                    return True
    return False


def _text_slips(replies: list[Reply]) -> list[str]:
    """Empty headings, and buttons that name a place other than its SMS line does."""
    why = []
    for reply in replies:
        lines = [line for line in reply.text.splitlines() if line.strip()]
        for i, line in enumerate(lines):
            if _HEADING.match(line) or line.endswith(":"):
                after = lines[i + 1] if i + 1 < len(lines) else ""
                if not after or after.startswith("Reply") or _HEADING.match(after):
                    why.append(f"empty heading '{line}'")
        for label, number in reply.buttons:
            sms = next((line for line in lines if line.startswith(f"{number}) ")), "")
            if not sms.startswith(label.rstrip(".")[:38]):
                why.append(f"button '{label}' but SMS line '{sms[:50]}'")
    return why


def judge(database: Engine, scenario: Scenario, replies: list[Reply],
          state: ConversationState | None) -> Verdict:
    """The verdict on one scenario's first answer."""
    verdict = Verdict(scenario, reply="\n".join(r.text for r in replies))
    at = scenario.at.replace(tzinfo=LONDON)
    if state is None or not state.place:
        verdict.why.append("no answer (the bot asked again)")
        return verdict
    if not state.pages:  # "We don't know of ... near X yet": a gap with nothing to offer
        with session_scope(database) as session:
            if not _anything_helps(session, scenario, ResolvedPlace(**state.place), at):
                verdict.useful = verdict.honest_gap = True
            else:
                verdict.why.append("nothing offered, but the directory has something")
        return verdict
    place = ResolvedPlace(**state.place)
    page = [state.answer[i] for i in state.pages[0].positions]
    verdict.why += _text_slips(replies[-1:])
    with session_scope(database) as session:
        results = [item for item in page if isinstance(item, KeptResult)]
        ids = [item.service_id for item in results]
        if len(ids) != len(set(ids)):
            verdict.why.append("a place listed twice")
        helped = False
        day = scenario.day_asked()
        for item in results:
            result = _again(session, item.need, item, at)
            if result is None:
                continue
            # The main need's results must be for the scenario's needs (another need the
            # message named gets its own section).
            if item.need == state.need and item.need not in scenario.needs and \
                    not scenario.needs & {n for k in (*result.kinds, *result.side_kinds)
                                          for n in KINDS_BY_SLUG[k].needs}:
                verdict.why.append(f"unrelated: {result.name}")
            on_day = _again(session, item.need, item, day_start(day, at)) if day else None
            if not _good(result, scenario, at, on_day):
                helped = True
                verdict.open_in_time = verdict.open_in_time or \
                    _in_time(result, scenario, at, on_day)
        said_gap = any(isinstance(item, KeptNote) and item.kind in ("gap", "none_local")
                       for item in page)
        if not helped:
            offered = any(isinstance(item, KeptResult | KeptAnchor) for item in page)
            if said_gap and offered and not _anything_helps(session, scenario, place, at):
                verdict.honest_gap = True
                verdict.time_gap = scenario.urgent and (
                    any(isinstance(item, KeptAnchor) for item in page) or
                    any(r is not None and _fits_but_for_time(r, scenario, at)
                        for r in (_again(session, i.need, i, at) for i in results)))
            else:
                verdict.why.append("no result that helps" + (" (a false gap)" if said_gap
                                                              else ""))
    verdict.useful = (helped or verdict.honest_gap) and not verdict.why
    verdict.time_gap = verdict.time_gap and verdict.useful
    return verdict


def run(paths: list[Path], database_url: str | None = None) -> list[Verdict]:
    """Every scenario through the engine on a prepared database; their verdicts."""
    from webhooks.preparation import prepare

    with tempfile.TemporaryDirectory() as tmp:
        database = make_engine(database_url or f"sqlite:///{Path(tmp) / 'bench.db'}")
        try:
            prepare(database, Path(tmp))
            clock = _Clock()
            engine = build_engine(database, SECRET, clock=clock)
            verdicts = []
            for n, scenario in enumerate(s for path in paths for s in load_scenarios(path)):
                clock.now = scenario.at.replace(tzinfo=LONDON).astimezone(dt.UTC)
                sender = f"bench-{n}-{scenario.id}"
                replies = engine.handle(InboundMessage(Channel.SMS, sender, scenario.text))
                verdicts.append(judge(database, scenario, replies, _state(database, sender)))
            return verdicts
        finally:
            database.dispose()


def report(verdicts: list[Verdict], verbose: bool = False) -> str:
    """The useful share by need, overall, and urgent ones answered in time."""
    by_need: dict[str, list[Verdict]] = defaultdict(list)
    for verdict in verdicts:
        by_need[verdict.scenario.need].append(verdict)
    lines = [f"{'need':<16} useful"]
    for need, group in sorted(by_need.items()):
        hits = sum(v.useful for v in group)
        lines.append(f"{need:<16} {hits}/{len(group)} ({hits / len(group):.0%})")
    useful = sum(v.useful for v in verdicts)
    urgent = [v for v in verdicts if v.scenario.urgent]
    in_time = sum(v.open_in_time for v in urgent)
    lines += [f"useful: {useful}/{len(verdicts)} ({useful / max(len(verdicts), 1):.1%}); "
              f"honest gaps among them: {sum(v.honest_gap for v in verdicts)}",
              f"urgent answered with a place open in time or a line: {in_time}/{len(urgent)}",
              f"urgent answered in time, or an honest gap where the directory has nothing "
              f"open then: {in_time + sum(v.time_gap for v in urgent)}/{len(urgent)}"]
    if verbose:
        for verdict in verdicts:
            if not verdict.useful or (verdict.scenario.urgent and not verdict.open_in_time):
                gap = " (an honest gap: nothing open then)" if verdict.time_gap else ""
                lines.append(f"\n{verdict.scenario.id} {list(verdict.scenario.kinds)} "
                             f"urgent={verdict.scenario.urgent} day={verdict.scenario.day} "
                             f"at {verdict.scenario.at:%a %H:%M}{gap}: {verdict.scenario.text}\n"
                             f"  why: {'; '.join(verdict.why) or 'not open in time'}\n  "
                             + verdict.reply.replace("\n", "\n  "))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scenarios", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, default=[DEV])
    parser.add_argument("--verbose", action="store_true", help="show each failing scenario")
    parser.add_argument("--database-url", help="a database to prepare and use (default: a "
                        "temporary SQLite file)")
    args = parser.parse_args(argv)
    print(report(run(args.paths, args.database_url), args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
