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

Matching ignores case. ``signpost check-flows`` runs scripts against the engine; the test suite
runs them through every channel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from core.errors import BadInput

#: A channel under test: (text, location or None, now or None) -> the reply texts.
Sender = Callable[[str, tuple[float, float] | None, dt.datetime | None], list[str]]


class TranscriptFileError(BadInput):
    """A conversation script is not valid; the message names the file and the step."""


@dataclass(frozen=True)
class FlowStep:
    say: str
    location: tuple[float, float] | None
    expect: tuple[str, ...]
    reject: tuple[str, ...]
    silent: bool = False


@dataclass(frozen=True)
class Flow:
    name: str
    path: Path
    steps: tuple[FlowStep, ...]
    now: dt.datetime | None = None


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
    steps = []
    for i, raw in enumerate(data["steps"], 1):
        where = f"{path} step {i}"
        if not isinstance(raw, dict) or ("say" not in raw and "location" not in raw):
            raise TranscriptFileError(f"{where}: each step needs 'say' or 'location'")
        location = raw.get("location")
        if location is not None:
            if not (isinstance(location, list) and len(location) == 2):
                raise TranscriptFileError(f"{where}: location must be [latitude, longitude]")
            location = (float(location[0]), float(location[1]))
        steps.append(FlowStep(str(raw.get("say", "")), location,
                              _phrases(raw.get("expect"), where),
                              _phrases(raw.get("reject"), where), bool(raw.get("silent"))))
    return Flow(str(data.get("name", path.stem)), path, tuple(steps), now)


def flow_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
        else:
            files.append(path)
    return files


def run_flow(flow: Flow, send: Sender) -> FlowResult:
    """Play the resident's side and check every reply; stops at the first failing step."""
    result = FlowResult(flow)
    for i, step in enumerate(flow.steps, 1):
        replies = send(step.say, step.location, flow.now)
        joined = "\n".join(replies)
        lowered = joined.lower()
        missing = [p for p in step.expect if p.lower() not in lowered]
        unwanted = [p for p in step.reject if p.lower() in lowered]
        if step.silent and replies:
            unwanted.append("any reply (silence expected)")
        if missing or unwanted:
            said = step.say if step.location is None else f"(location {step.location})"
            lines = [f"step {i}: resident says {said!r}"]
            lines += [f"  - expected {p!r}" for p in missing]
            lines += [f"  + did not expect {p!r}" for p in unwanted]
            lines.append("  replies were:")
            lines += [f"    | {line}" for line in joined.splitlines()] or ["    | (nothing)"]
            result.failures.append("\n".join(lines))
            break
    return result
