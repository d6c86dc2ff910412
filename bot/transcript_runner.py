"""Conversation scripts: YAML files of what a resident says and what the replies must contain.

    name: Food near a postcode, in one message
    now: 2026-11-23T10:00          # optional: pretend it is this time (Europe/London)
    steps:
      - say: food bank near LS9 8RU
        expect: ["near LS9 8RU", "MORE"]     # every phrase must appear in the replies
        reject: ["Sorry"]                    # none of these may appear
      - say: food
        silent: true                         # no reply at all (e.g. after STOP)
      - location: [53.7925, -1.5233]        # a shared location instead of text
        expect: ["near your location"]
      - 3 days later                          # time passes (needs 'now')
      - time: next day at 10:00               # time passes; expect what the bot sent by
        expect: ["did you get help"]          # itself meanwhile (a follow-up that came due)
    channels: [sms, telegram]                 # optional: the channels the test suite plays it on

Time passes as "N minutes|hours|days|weeks later" (or "a day later"), with "at HH:MM" after
days or weeks, or "next day at HH:MM", in Leeds time. Matching ignores case.
``signpost check-flows`` runs scripts against the engine; the test suite runs them through every
channel (or those in ``channels``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from core.clock import LONDON, london_wall
from core.errors import BadInput

#: A channel under test: (text, location or None, now or None) -> the reply texts.
Sender = Callable[[str, tuple[float, float] | None, dt.datetime | None], list[str]]
#: Time passes on a channel under test: (the new time) -> what the bot sent by itself meanwhile.
Waiter = Callable[[dt.datetime], list[str]]
#: The channels a script may name in ``channels``.
CHANNELS = ("sms", "telegram", "whatsapp")
_LATER = re.compile(
    r"^(?:(?P<count>\d+|an?|one) (?P<unit>minute|hour|day|week)s? later|(?:the )?next day)"
    r"(?: at (?P<hour>\d{1,2}):(?P<minute>\d{2}))?$", re.IGNORECASE)


class TranscriptFileError(BadInput):
    """A conversation script is not valid; the message names the file and the step."""


@dataclass(frozen=True)
class FlowStep:
    say: str
    location: tuple[float, float] | None
    expect: tuple[str, ...]
    reject: tuple[str, ...]
    silent: bool = False
    #: Time passes instead of a message: "3 days later", "next day at 10:00".
    later: str | None = None


@dataclass(frozen=True)
class Flow:
    name: str
    path: Path
    steps: tuple[FlowStep, ...]
    now: dt.datetime | None = None
    #: The channels the test suite plays it on (None: every one).
    channels: tuple[str, ...] | None = None


@dataclass
class FlowResult:
    flow: Flow
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def _phrases(value, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return tuple(str(v) for v in value)
    raise TranscriptFileError(f"{where}: expect/reject must be a phrase or a list of phrases")


def later_time(phrase: str, now: dt.datetime) -> dt.datetime:
    """``now`` moved on by ``phrase`` ("3 days later", "2 hours later", "next day at 10:00"),
    in Leeds time (aware); a naive ``now`` is Leeds time. ValueError if it is not one."""
    match = _LATER.match(" ".join(phrase.split()))
    if match is None:
        raise ValueError(f"{phrase!r} is not a time passing, like '3 days later' or "
                         "'next day at 10:00'")
    local = london_wall(now)
    unit = (match["unit"] or "day").lower()
    count = 1 if match["count"] is None or not match["count"].isdigit() else int(match["count"])
    if unit in ("minute", "hour"):
        if match["hour"] is not None:
            raise ValueError(f"{phrase!r}: 'at' goes with days or weeks")
        moved = local.astimezone(dt.UTC) + dt.timedelta(**{f"{unit}s": count})
        return moved.astimezone(LONDON)
    day = local.date() + dt.timedelta(days=count * (7 if unit == "week" else 1))
    clock = local.time().replace(tzinfo=None)
    if match["hour"] is not None:
        try:
            clock = dt.time(int(match["hour"]), int(match["minute"]))
        except ValueError as exc:
            raise ValueError(f"{phrase!r}: {match['hour']}:{match['minute']} is not a time "
                             "of day") from exc
    return dt.datetime.combine(day, clock, tzinfo=LONDON)


def _channels(value, path: Path) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not (isinstance(value, list) and value and all(v in CHANNELS for v in value)):
        raise TranscriptFileError(f"{path}: 'channels' must list some of {', '.join(CHANNELS)}")
    return tuple(value)


def _step(raw, where: str, now: dt.datetime | None) -> FlowStep:
    """One step: a message, a shared location, or time passing (a line or ``time:``)."""
    if isinstance(raw, str):
        raw = {"time": raw}
    if not isinstance(raw, dict) or not ({"say", "location", "time"} & set(raw)):
        raise TranscriptFileError(f"{where}: each step needs 'say', 'location' or a time "
                                  "passing, like '3 days later'")
    expect, reject = _phrases(raw.get("expect"), where), _phrases(raw.get("reject"), where)
    if "time" in raw:
        if now is None:
            raise TranscriptFileError(f"{where}: time can pass only in a script with a 'now'")
        try:
            later_time(str(raw["time"]), now)
        except ValueError as exc:
            raise TranscriptFileError(f"{where}: {exc}") from exc
        return FlowStep("", None, expect, reject, bool(raw.get("silent")), str(raw["time"]))
    location = raw.get("location")
    if location is not None:
        if not (isinstance(location, list) and len(location) == 2):
            raise TranscriptFileError(f"{where}: location must be [latitude, longitude]")
        location = (float(location[0]), float(location[1]))
    return FlowStep(str(raw.get("say", "")), location, expect, reject, bool(raw.get("silent")))


def load_flow(path: Path) -> Flow:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise TranscriptFileError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("steps"), list):
        raise TranscriptFileError(f"{path}: needs a 'steps' list")
    now = data.get("now")
    if isinstance(now, str):
        try:
            now = dt.datetime.fromisoformat(now)
        except ValueError as exc:
            raise TranscriptFileError(f"{path}: 'now' is not a date and time") from exc
    elif now is not None and not isinstance(now, dt.datetime):
        raise TranscriptFileError(f"{path}: 'now' is not a date and time")
    steps = tuple(_step(raw, f"{path} step {i}", now)
                  for i, raw in enumerate(data["steps"], 1))
    return Flow(str(data.get("name", path.stem)), path, steps, now,
                _channels(data.get("channels"), path))


def flow_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
        else:
            files.append(path)
    return files


def run_flow(flow: Flow, send: Sender, wait: Waiter | None = None) -> FlowResult:
    """Play the resident's side and check every reply; stops at the first failing step. Time
    passing moves the time the next messages are sent at, and ``wait`` says what the bot sent
    by itself meanwhile."""
    result = FlowResult(flow)
    at = flow.now
    for i, step in enumerate(flow.steps, 1):
        if step.later is not None:
            at = later_time(step.later, at)
            if wait is None:
                result.failures.append(f"step {i}: {step.later!r}: time cannot pass here")
                break
            replies, said = wait(at), f"time passes: {step.later}"
        else:
            replies = send(step.say, step.location, at)
            said = f"resident says {step.say!r}" if step.location is None \
                else f"resident says (location {step.location})"
        joined = "\n".join(replies)
        lowered = joined.lower()
        missing = [p for p in step.expect if p.lower() not in lowered]
        unwanted = [p for p in step.reject if p.lower() in lowered]
        if step.silent and replies:
            unwanted.append("any reply (silence expected)")
        if missing or unwanted:
            lines = [f"step {i}: {said}"]
            lines += [f"  - expected {p!r}" for p in missing]
            lines += [f"  + did not expect {p!r}" for p in unwanted]
            lines.append("  replies were:")
            lines += [f"    | {line}" for line in joined.splitlines()] or ["    | (nothing)"]
            result.failures.append("\n".join(lines))
            break
    return result
