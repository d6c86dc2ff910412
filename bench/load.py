"""How much can the Procfile's gunicorn take? A bounded load test on loopback.

    python -m bench.load [--windows 6] [--window-seconds 2] [--concurrency 10]
                         [--residents 899] [--max-requests 6000] [--max-seconds 60]
                         [--database-url URL]

Prepares the database once (one ``create_app``, as ``bench.two_workers`` does; by default a
temporary SQLite file), starts gunicorn with the Procfile's command (2 sync workers, access log)
bound to 127.0.0.1 only, sends one untimed search per client thread (the warm-up, shown on its
own row, so that both workers have built their conversation engine and read the gazetteer),
then alternates two kinds of window at the same concurrency, ``--windows`` of each:

- bare: ``GET /`` (a small JSON answer that touches no database; ``/healthz`` counts rows) as
  fast as the client threads can send it: the ceiling of this machine, server and client;
- conversations: simulated residents, each a different fictional number in the Ofcom drama
  range (+447700900100 up), texting varied scripts as signed Twilio SMS webhooks, each with a
  unique MessageSid. A resident's messages go one after another, as texts do; ``--concurrency``
  residents talk at once, and a conversation cut by the end of a window carries on in the next.
  Every answer must be 200 TwiML with a <Message> (or, for a resident who has texted STOP, an
  empty <Response/>), else it counts as an error.

Measuring both in turns in one run compares them under the same conditions (other work on the
machine changes both alike); measured minutes apart, their ratio swung tenfold. The ratio of
each conversation window's requests a second to the bare window's before it is printed with its
median and spread (min-max).

The client is the standard library's http.client on a small pool of threads, with a new
connection per request (gunicorn's sync workers, as in the Procfile, close each connection after
one response anyway). Latency is measured from connect to the last byte read.

Bounds: at most ``--max-requests`` requests in all (each window an equal share) and
``--max-seconds`` of load; whatever is left when a bound is hit is not sent. Start-up
(preparing the database, up to 25 s for gunicorn to answer) and shutdown come on top.
gunicorn is always stopped, also on Ctrl+C or an error.

Prints the machine (nproc), the database kind, a table of requests, errors, throughput and
p50/p95/p99 latency, each window's throughput, the ratio, and each worker's peak memory; exits 1
if any request failed. The client runs on the same machine as the server and competes with it
for the same CPUs.
"""

from __future__ import annotations

import argparse
import http.client
import math
import os
import platform
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from bench.two_workers import (
    HOST,
    PUBLIC,
    REQUEST_TIMEOUT,
    ROOT,
    TOKEN,
    Server,
    _free_port,
    prepare,
)

BARE_PATH = "/"  # no database work (unlike /healthz, which counts rows)
SMS_PATH = "/webhooks/sms"
BOT_NUMBER = "+447700900999"
FIRST_RESIDENT = 100  # +447700900100 ...; 001/002 are bench.two_workers' residents
LAST_RESIDENT = 998  # 999 is the bot's own number
ERROR_SAMPLES = 5


# --- what the residents say ---------------------------------------------------------------


@dataclass(frozen=True)
class Script:
    """One resident's texts, in order. ``silent``: the indices that must get an empty answer
    (an opted-out resident); ``expect``: index -> text the answer must contain."""

    name: str
    texts: tuple[str, ...]
    silent: frozenset[int] = frozenset()
    expect: dict[int, str] = field(default_factory=dict)


SCRIPTS: tuple[Script, ...] = (
    Script("menu, food, more, details, feedback", ("hello", "1", "LS9 8RU", "MORE", "2", "yes"),
           expect={2: "near LS9 8RU", 3: "4)", 4: "Address:", 5: "Thank you"}),
    Script("one-line need", ("food bank near ls98ru", "MORE"), expect={0: "near LS9 8RU"}),
    Script("money, then housing", ("skint", "harehills", "NEW", "3", "LS6 1"),
           expect={1: "Harehills"}),
    Script("crisis", ("i cant go on anymore i want to end it all",), expect={0: "116 123"}),
    Script("stop and start", ("STOP", "hello?", "START", "1", "LS8"), silent=frozenset({1})),
    Script("help, back, forget", ("HELP", "4", "BACK", "2", "Armley", "FORGET")),
    Script("need, then an area", ("no food in the house", "chapeltown", "MORE", "NEW"),
           expect={1: "Chapeltown"}),
    Script("energy, back", ("gas meter run out", "LS11 5", "BACK", "LS12")),
)


#: Not timed: one message per client thread before the conversations (numbers 010 up).
WARM_UP = Script("warm-up", ("food bank near LS9 8RU",), expect={0: "near LS9 8RU"})
WARM_UP_FIRST = 10


@dataclass(frozen=True)
class Resident:
    number: str
    script: Script


def residents(count: int) -> list[Resident]:
    if not 0 < count <= LAST_RESIDENT - FIRST_RESIDENT + 1:
        raise ValueError(f"--residents must be 1..{LAST_RESIDENT - FIRST_RESIDENT + 1}")
    return [Resident(f"+447700900{FIRST_RESIDENT + i:03d}", SCRIPTS[i % len(SCRIPTS)])
            for i in range(count)]


# --- the server, as the Procfile runs it ----------------------------------------------------


def procfile_command(port: int) -> list[str]:
    """The Procfile's ``web`` command, with its bind moved to 127.0.0.1:``port``."""
    line = next((line for line in (ROOT / "Procfile").read_text(encoding="utf-8").splitlines()
                 if line.startswith("web:")), None)
    if line is None:
        raise RuntimeError("the Procfile has no web: process")
    words = shlex.split(line.removeprefix("web:"))
    if not words or words[0] != "gunicorn":
        raise RuntimeError(f"the Procfile's web process is not gunicorn: {line}")
    bind = f"{HOST}:{port}"
    args: list[str] = []
    rest = iter(words[1:])
    bound = False
    for word in rest:
        if word in ("--bind", "-b"):
            next(rest, None)
            args += ["--bind", bind]
            bound = True
        elif word.startswith("--bind="):
            args.append(f"--bind={bind}")
            bound = True
        else:
            args.append(word)
    if not bound:
        args = ["--bind", bind, *args]
    return [sys.executable, "-m", "gunicorn", *args]


def procfile_workers(command: list[str]) -> str:
    for i, word in enumerate(command):
        if word in ("--workers", "-w") and i + 1 < len(command):
            return command[i + 1]
        if word.startswith("--workers="):
            return word.split("=", 1)[1]
    return "1"


class ProcfileServer(Server):
    """``bench.two_workers.Server`` (readiness, stop, log), started with the Procfile's
    command instead: same workers, same access log, but listening on loopback only."""

    def __init__(self, database_url: str, log_path: Path) -> None:
        self.port = _free_port()
        self.command = procfile_command(self.port)
        env = {**os.environ, "DATABASE_URL": database_url, "TWILIO_AUTH_TOKEN": TOKEN,
               "PUBLIC_BASE_URL": PUBLIC, "SIGNPOST_SECRET_KEY": "bench-secret",
               "SIGNPOST_ENV": "production", "PYTHONPATH": str(ROOT),
               # production needs a sealing key for follow-ups: a throwaway one for the bench
               "SIGNPOST_FOLLOWUP_KEY": "bench-only-follow-up-key-not-for-real-use"}
        env.pop("GUNICORN_CMD_ARGS", None)
        self.log_path = log_path
        self._log = open(log_path, "wb")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(self.command, cwd=ROOT, env=env, stdout=self._log,
                                        stderr=subprocess.STDOUT)


# --- the client ------------------------------------------------------------------------------


class Budget:
    """Shared bounds: a request count, a deadline and a stop flag (Ctrl+C)."""

    def __init__(self, requests: int, deadline: float, stop: threading.Event) -> None:
        self.left = requests
        self.deadline = deadline
        self.stop = stop
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            if self.left <= 0 or self.stop.is_set() or time.monotonic() >= self.deadline:
                return False
            self.left -= 1
            return True

    def timeout(self) -> float:
        return max(1.0, min(REQUEST_TIMEOUT, self.deadline - time.monotonic() + 1.0))


class Window(Budget):
    """One window of the run: the run's bounds, and an end and a share of requests of its own."""

    def __init__(self, run: Budget, seconds: float, requests: int) -> None:
        self.run = run
        self.stop = run.stop
        self.left = requests
        self.deadline = min(time.monotonic() + seconds, run.deadline)
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            if self.left <= 0 or time.monotonic() >= self.deadline or not self.run.take():
                return False
            self.left -= 1
            return True

    def timeout(self) -> float:
        return self.run.timeout()  # a request begun near the window's end may finish after it


@dataclass
class Tally:
    """One phase's results, filled in by several threads."""

    latencies: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)
    conversations: int = 0
    completed: int = 0
    started: float = 0.0
    finished: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, seconds: float, problem: str | None = None, detail: str = "") -> None:
        with self._lock:
            self.latencies.append(seconds)
            if problem:
                self.errors[problem] += 1
                if len(self.samples) < ERROR_SAMPLES:
                    self.samples.append(f"{problem}: {detail}"[:300])

    def conversation_done(self, complete: bool) -> None:
        with self._lock:
            self.conversations += 1
            self.completed += complete

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def seconds(self) -> float:
        return max(self.finished - self.started, 1e-9)

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    @classmethod
    def merged(cls, tallies: list[Tally]) -> Tally:
        """All the windows of one kind as one (seconds: the windows' sum)."""
        whole = cls()
        for tally in tallies:
            whole.latencies += tally.latencies
            whole.errors.update(tally.errors)
            whole.samples += tally.samples[: ERROR_SAMPLES - len(whole.samples)]
            whole.conversations += tally.conversations
            whole.completed += tally.completed
            whole.finished += tally.seconds
        return whole


def request(port: int, method: str, path: str, body: str | None, headers: dict[str, str],
            timeout: float) -> tuple[int, str, bytes]:
    """One request on a new connection: (status, content type, body)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers={**headers, "Connection": "close"})
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        connection.close()


def sms_params(resident: Resident, text: str) -> tuple[str, dict[str, str]]:
    """A Twilio webhook form for ``text`` and its X-Twilio-Signature."""
    from twilio.request_validator import RequestValidator

    params = {"MessageSid": f"SM{uuid.uuid4().hex}", "AccountSid": "AC" + "0" * 32,
              "From": resident.number, "To": BOT_NUMBER, "Body": text, "NumMedia": "0"}
    return RequestValidator(TOKEN).compute_signature(PUBLIC + SMS_PATH, params), params


def check_twiml(status: int, content_type: str, body: bytes, silent: bool,
                expect: str | None) -> str | None:
    """None if the answer is right, else what is wrong with it."""
    if status != 200:
        return f"HTTP {status}"
    if "xml" not in content_type:
        return f"content type {content_type or '(none)'}"
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        return "not XML"
    if root.tag != "Response":
        return "not TwiML"
    messages = [m.text or "" for m in root.findall("Message")]
    if silent:
        return "answered an opted-out resident" if messages else None
    if not messages or not any(m.strip() for m in messages):
        return "no <Message>"
    if expect and expect not in "\n".join(messages):
        return f"answer lacks {expect!r}"
    return None


def timed(call: Callable[[], tuple[int, str, bytes]]) -> tuple[float, tuple | None, str]:
    started = time.perf_counter()
    try:
        answer = call()
    except (OSError, http.client.HTTPException) as exc:
        return time.perf_counter() - started, None, f"{type(exc).__name__}: {exc}"
    return time.perf_counter() - started, answer, ""


def bare_worker(port: int, budget: Budget, tally: Tally) -> None:
    while budget.take():
        seconds, answer, failure = timed(
            lambda: request(port, "GET", BARE_PATH, None, {}, budget.timeout()))
        if answer is None:
            tally.record(seconds, "connection", failure)
        elif answer[0] != 200 or b"Leeds Signpost" not in answer[2]:
            tally.record(seconds, f"HTTP {answer[0]}", answer[2][:200].decode(errors="replace"))
        else:
            tally.record(seconds)


class Residents:
    """Residents not yet finished: a conversation cut by a window's end waits for the next."""

    def __init__(self, people: list[Resident]) -> None:
        self.fresh = list(reversed(people))
        self.paused: list[tuple[Resident, int]] = []
        self.lock = threading.Lock()

    def take(self) -> tuple[Resident, int] | None:
        with self.lock:
            if self.paused:
                return self.paused.pop()
            if self.fresh:
                return self.fresh.pop(), 0
            return None

    def pause(self, resident: Resident, index: int) -> None:
        with self.lock:
            self.paused.append((resident, index))

    @property
    def empty(self) -> bool:
        with self.lock:
            return not self.paused and not self.fresh


def conversation_worker(port: int, residents_left: Residents, budget: Budget,
                        tally: Tally) -> None:
    while not budget.stop.is_set() and time.monotonic() < budget.deadline:
        taken = residents_left.take()
        if taken is None:
            return
        resident, first = taken
        done = talk(port, resident, budget, tally, first)
        if done < len(resident.script.texts):
            residents_left.pause(resident, done)
        else:
            tally.conversation_done(True)


def talk(port: int, resident: Resident, budget: Budget, tally: Tally, first: int = 0) -> int:
    """Text one resident's script from message ``first``; how far it got (the next index)."""
    script = resident.script
    for i in range(first, len(script.texts)):
        text = script.texts[i]
        if not budget.take():
            return i
        signature, params = sms_params(resident, text)
        headers = {"Content-Type": "application/x-www-form-urlencoded",
                   "X-Twilio-Signature": signature}
        seconds, answer, failure = timed(
            lambda params=params, headers=headers: request(
                port, "POST", SMS_PATH, urlencode(params), headers, budget.timeout()))
        if answer is None:
            tally.record(seconds, "connection", failure)
            continue
        problem = check_twiml(*answer, silent=i in script.silent, expect=script.expect.get(i))
        detail = f"{resident.number} {text!r} -> {answer[2][:200].decode(errors='replace')}"
        tally.record(seconds, problem, detail)
    return len(script.texts)


def warm_up(port: int, count: int, budget: Budget, tally: Tally) -> None:
    """One search per client thread, all at once, so that every worker has built its
    conversation engine and read the gazetteer before the timed conversations."""
    people = [Resident(f"+4477009000{WARM_UP_FIRST + i:02d}", WARM_UP) for i in range(count)]
    threads = [threading.Thread(target=talk, args=(port, person, budget, tally), daemon=True)
               for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def run_threads(count: int, target: Callable[[], None], stop: threading.Event) -> None:
    threads = [threading.Thread(target=target, daemon=True, name=f"load-{i}")
               for i in range(count)]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            while thread.is_alive():
                thread.join(0.2)
    except BaseException:
        stop.set()  # let the threads run out; they are daemons, so none can hold us
        raise


# --- figures ---------------------------------------------------------------------------------


def percentile(values: Iterable[float], p: float) -> float:
    """The nearest-rank percentile (NaN for no values)."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    return ordered[max(math.ceil(p / 100 * len(ordered)) - 1, 0)]


def nproc() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def database_kind(url: str, given: bool) -> str:
    from sqlalchemy.engine import make_url

    backend = make_url(url).get_backend_name()
    name = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(backend, backend)
    return f"{name} ({'--database-url' if given else 'temporary file'})"


def table_row(label: str, tally: Tally) -> str:
    ms = [percentile(tally.latencies, p) * 1000 for p in (50, 95, 99)]
    return (f"{label:<28}{tally.requests:>9}{tally.error_count:>8}"
            f"{tally.rate:>10.1f}{ms[0]:>9.1f}{ms[1]:>9.1f}{ms[2]:>9.1f}")


def worker_memory(master: int) -> list[tuple[int, float, float]]:
    """(pid, peak MB, now MB) of each of gunicorn's workers (Linux; else none)."""
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return []
    found = []
    for pid in children:
        try:
            fields = dict(line.split(":", 1) for line in
                          Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
            found.append((int(pid), int(fields["VmHWM"].split()[0]) / 1024,
                          int(fields["VmRSS"].split()[0]) / 1024))
        except (OSError, KeyError, ValueError):
            continue
    return found


def ratios(bare: list[Tally], chat: list[Tally]) -> list[float]:
    """Each conversation window's requests a second over the bare window's before it."""
    return [c.rate / b.rate for b, c in zip(bare, chat, strict=False)
            if b.requests and c.requests]


def report(server: ProcfileServer, database: str, args: argparse.Namespace, bare: list[Tally],
           warm: Tally, chat: list[Tally], memory: list[tuple[int, float, float]],
           load_before: float) -> None:
    print()
    print("Leeds Signpost load test (loopback only)")
    print(f"machine:   nproc={nproc()}, {cpu_model()}, {platform.system()} "
          f"{platform.machine()}, Python {platform.python_version()}; "
          f"load average {load_before:.2f} before the run")
    print(f"server:    gunicorn on {HOST}:{server.port}, "
          f"{procfile_workers(server.command)} workers, as the Procfile")
    print(f"database:  {database}")
    print(f"client:    http.client, {args.concurrency} threads, new connection per request, "
          f"on the same machine")
    print(f"windows:   {len(chat)} of each kind, in turns, {args.window_seconds:g} s each")
    print()
    print(f"{'phase':<28}{'requests':>9}{'errors':>8}{'req/s':>10}"
          f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    print("-" * 82)
    bare_all, chat_all = Tally.merged(bare), Tally.merged(chat)
    print(table_row(f"bare GET {BARE_PATH} (no DB)", bare_all))
    print(table_row("conversations (signed SMS)", chat_all))
    print(table_row("(warm-up, not in figures)", warm))
    print("-" * 82)
    print("req/s by window:  bare " + " ".join(f"{t.rate:.0f}" for t in bare)
          + " | conversations " + " ".join(f"{t.rate:.0f}" for t in chat))
    found = ratios(bare, chat)
    if found:
        print(f"conversations / bare: median {statistics.median(found):.2f} "
              f"(min {min(found):.2f}, max {max(found):.2f}, {len(found)} pairs)")
    print(f"conversations: {chat_all.completed} completed, {chat_all.requests} messages, "
          f"{chat_all.rate:.1f} messages/s")
    if memory:
        print("worker memory: " + ", ".join(f"pid {pid} peak {peak:.0f} MB (now {now:.0f} MB)"
                                            for pid, peak, now in memory))
    for name, tally in (("bare", bare_all), ("warm-up", warm), ("conversations", chat_all)):
        if tally.errors:
            print(f"{name} errors: " + ", ".join(f"{k} x{v}" for k, v in tally.errors.items()))
            for sample in tally.samples:
                print(f"  e.g. {sample}")


# --- the run ---------------------------------------------------------------------------------


def window(count: int, work: Callable[[Window, Tally], None], run_budget: Budget,
           seconds: float, requests: int) -> Tally:
    budget = Window(run_budget, seconds, requests)
    tally = Tally()
    tally.started = time.perf_counter()
    run_threads(count, lambda: work(budget, tally), run_budget.stop)
    tally.finished = time.perf_counter()
    return tally


def run(args: argparse.Namespace) -> int:
    people = residents(args.residents)
    stop = threading.Event()
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else math.nan
    with tempfile.TemporaryDirectory(prefix="signpost-load-") as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'signpost.db'}"
        database = database_kind(url, bool(args.database_url))
        print(f"Preparing the database: {database} ...", flush=True)
        prepare(url, Path(tmp) / "instance")
        with ProcfileServer(url, Path(tmp) / "gunicorn.log") as server:
            try:
                server.wait_ready()
                print(f"gunicorn ready on {HOST}:{server.port} (pid {server.process.pid}); "
                      f"load for at most {args.max_seconds:g} s and {args.max_requests} "
                      f"requests", flush=True)
                budget = Budget(args.max_requests, time.monotonic() + args.max_seconds, stop)
                warm = Tally()
                warm.started = time.perf_counter()
                run_threads(1, lambda: warm_up(server.port, args.concurrency, budget, warm),
                            stop)
                warm.finished = time.perf_counter()
                left = Residents(people)
                share = max(budget.left // (2 * args.windows), 1)  # each window's most
                bare: list[Tally] = []
                chat: list[Tally] = []
                for n in range(args.windows):
                    if left.empty or budget.left <= 0 or time.monotonic() >= budget.deadline:
                        break
                    bare.append(window(args.concurrency, lambda w, t: bare_worker(
                        server.port, w, t), budget, args.window_seconds, share))
                    chat.append(window(args.concurrency, lambda w, t: conversation_worker(
                        server.port, left, w, t), budget, args.window_seconds, share))
                    print(f"window {n + 1}: bare {bare[-1].rate:.0f} req/s, conversations "
                          f"{chat[-1].rate:.0f} req/s", flush=True)
                memory = worker_memory(server.process.pid)
            except (RuntimeError, OSError) as exc:
                print(f"FAIL: {exc}")
                print(server.log_tail())
                return 1
        report(server, database, args, bare, warm, chat, memory, load_before)
    errors = sum(t.error_count for t in (*bare, warm, *chat))
    if len(chat) < args.windows:
        print("note: a bound (--max-requests, --max-seconds or --residents) cut the run short")
    print("FAIL: some requests failed" if errors else "OK: no errors")
    return 1 if errors else 0


def positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be a positive whole number")
    return value


def positive_float(text: str) -> float:
    value = float(text)
    if not value > 0 or math.isinf(value):
        raise argparse.ArgumentTypeError("must be a positive number of seconds")
    return value


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    everyone = LAST_RESIDENT - FIRST_RESIDENT + 1
    parser.add_argument("--windows", type=positive_int, default=6,
                        help="windows of each kind, bare and conversations, in turns (default 6)")
    parser.add_argument("--window-seconds", type=positive_float, default=2.0,
                        help="length of each window (default 2)")
    parser.add_argument("--residents", type=positive_int, default=everyone,
                        help=f"simulated residents at most, one conversation each "
                             f"(default {everyone}, every fictional number)")
    parser.add_argument("--concurrency", type=positive_int, default=10,
                        help="client threads, i.e. requests in flight (default 10)")
    parser.add_argument("--max-requests", type=positive_int, default=6000,
                        help="hard cap on requests in all windows (default 6000)")
    parser.add_argument("--max-seconds", type=positive_float, default=60.0,
                        help="hard cap on load time, all windows (default 60)")
    parser.add_argument("--database-url", help="a database to use, e.g. postgresql://... "
                        "(default: a temporary SQLite file)")
    args = parser.parse_args(argv)
    try:
        residents(args.residents)
    except ValueError as exc:
        parser.error(str(exc))
    if args.concurrency > 64:
        parser.error("--concurrency is at most 64")
    return args


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds through the server's stop()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return run(args)
    except KeyboardInterrupt:
        print("\ninterrupted; gunicorn stopped", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    raise SystemExit(main())
