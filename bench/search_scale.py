"""How search scales with the size of the directory.

    python -m bench.search_scale [--sizes 100,1000,10000,100000] [--searches 300]
                                 [--max-seconds 600]

Makes a temporary SQLite database with the schema and the Leeds geography, then for the shipped
Leeds directory and for each size a copy holding that many plainly fictional services
(:mod:`bench.fictional_directory`, written with bulk inserts). Each is measured in a fresh
worker process, as gunicorn would start one: the app (``create_app``) and its conversation
engine, then

- cold start: the worker's first search, which reads that need's services into the index;
  then how long reading every other need takes (a worker does that over its first searches);
- search: ``--searches`` searches for a random need from a random live Leeds postcode
  (seeded), each timed with its first page read (five results, opening hours included);
- every result: the same searches reading every result, and how many there were on average;
- turn: one resident's first message, "food near LS9 8RU", answered end to end (the handlers
  build every page of food and money results, not only the one sent);
- memory: the worker's resident set size at the end, and its peak.

Prints a table and the targets from issue 14, each marked met or MISSED. Bounded: the workers
get ``--max-seconds`` between them and are stopped when it runs out. Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100, 1_000, 10_000, 100_000)
AT = (2026, 11, 23, 10, 0)  # a Monday morning, London time
PAGE = 5
TURNS = 3
SEED = 14


def _memory_mb() -> tuple[float, float]:
    """(resident set size now, peak) in MB."""
    status = Path("/proc/self/status").read_text(encoding="utf-8").splitlines()
    found = {line.split(":")[0]: int(line.split()[1]) / 1024 for line in status
             if line.startswith(("VmRSS:", "VmHWM:"))}
    return found["VmRSS"], found["VmHWM"]


def _percentiles(seconds: list[float]) -> tuple[float, float]:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def _timed(work) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this thread) that ``work()`` took."""
    wall, cpu = time.perf_counter(), time.thread_time()
    work()
    return time.perf_counter() - wall, time.thread_time() - cpu


def worker(url: str, places_file: str) -> dict:
    """Measure one database in this (fresh) process; return the figures."""
    begun = time.perf_counter()
    import datetime as dt

    from bot.messages import Channel, InboundMessage
    from core.db import session_scope
    from directory.needs import NEED_SLUGS
    from directory.places import ResolvedPlace
    from directory.search import directory_index, search
    from webhooks import create_app
    from webhooks.engine_access import engine_for
    from webhooks.services import services

    at = dt.datetime(*AT)
    asks = [(need, ResolvedPlace(**place))
            for need, place in json.loads(Path(places_file).read_text(encoding="utf-8"))]
    with tempfile.TemporaryDirectory() as instance:
        app = create_app({"database_url": url, "instance_path": instance,
                          "secret_key": "bench-secret"})
        conversation = engine_for(app)
        engine = services(app).database
        figures: dict = {"start_s": time.perf_counter() - begun}
        with session_scope(engine) as session:
            started = time.perf_counter()
            search(session, *asks[0], at).results[:PAGE]
            cold = time.perf_counter() - started
            index = directory_index(session)
            started = time.perf_counter()
            for slug in NEED_SLUGS:
                index.need(session, slug)
            figures.update(services=len(index.entries), cold_s=cold,
                           read_s=time.perf_counter() - started)

            def first_page(need, place) -> None:
                for result in search(session, need, place, at).results[:PAGE]:
                    assert result.opening is not None

            def every_result(need, place) -> None:
                counts.append(sum(1 for _ in search(session, need, place, at).results))

            counts: list[int] = []
            page = [_timed(lambda ask=ask: first_page(*ask)) for ask in asks]
            every = [_timed(lambda ask=ask: every_result(*ask))[0] for ask in asks]
        turns = []
        for k in range(TURNS):
            message = InboundMessage(Channel.SANDBOX, f"bench-search-{k}", "food near LS9 8RU")
            begun = time.perf_counter()
            replies = conversation.handle(message)
            turns.append(time.perf_counter() - begun)
            assert replies and "LS9 8RU" in replies[0].text, replies
        figures.update(page_ms=_percentiles([wall for wall, _ in page]),
                       page_cpu_ms=_percentiles([cpu for _, cpu in page]),
                       every_ms=_percentiles(every), results=statistics.mean(counts),
                       turn_ms=statistics.median(turns) * 1000)
        figures["rss_mb"], figures["peak_mb"] = _memory_mb()
    return figures


def _asks(folder: Path, searches: int) -> Path:
    """Write ``searches`` (need, place) pairs: random needs at random live Leeds postcodes."""
    from sqlalchemy import select

    from core.db import make_engine, session_scope
    from directory.models import Postcode
    from directory.needs import NEED_SLUGS

    engine = make_engine(f"sqlite:///{folder / 'geography.db'}")
    with session_scope(engine) as session:
        postcodes = sorted(session.execute(select(
            Postcode.postcode, Postcode.latitude, Postcode.longitude, Postcode.ward_code)
            .where(Postcode.live)))
    engine.dispose()
    rng = random.Random(SEED)
    asks = [(rng.choice(NEED_SLUGS),
             {"kind": "postcode", "label": p.postcode, "postcode": p.postcode,
              "latitude": p.latitude, "longitude": p.longitude, "ward_code": p.ward_code,
              "in_leeds": True}) for p in rng.sample(postcodes, searches)]
    path = folder / "asks.json"
    path.write_text(json.dumps(asks), encoding="utf-8")
    return path


def _databases(folder: Path, sizes: list[int]) -> list[tuple[str, str]]:
    """(label, URL) for the shipped directory and each size, written into ``folder``."""
    from bench.fictional_directory import write_directory
    from core.db import make_engine, session_scope
    from directory.geo_loader import load_geography
    from directory.shipped import load_shipped_directory
    from webhooks.migrate import upgrade

    def made(name: str, fill) -> str:
        path = folder / f"{name}.db"
        shutil.copyfile(folder / "geography.db", path)
        engine = make_engine(f"sqlite:///{path}")
        with session_scope(engine) as session:
            fill(session)
        engine.dispose()
        return f"sqlite:///{path}"

    engine = make_engine(f"sqlite:///{folder / 'geography.db'}")
    upgrade(engine)
    with session_scope(engine) as session:
        load_geography(session)
    engine.dispose()
    found = [("shipped", made("shipped", load_shipped_directory))]
    for size in sizes:
        found.append((f"{size:,}", made(f"services-{size}", lambda session, size=size:
                                        write_directory(session.connection(), size, SEED))))
    return found


def _run_worker(url: str, asks: Path, seconds: float) -> dict:
    """Measure a database in a fresh worker process (killed after ``seconds``)."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.search_scale", "--worker", url, "--asks", str(asks)],
        cwd=ROOT, capture_output=True, text=True, timeout=seconds, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the worker failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


ROW = ("{:>8} {:>8} {:>7} {:>7} {:>7} {:>7} {:>7} {:>8} {:>8} {:>8} {:>8} {:>8} {:>7} {:>6} "
       "{:>7}")
HEADER = ROW.format("size", "services", "start s", "cold s", "read s", "p50 ms", "p95 ms",
                    "cpu p50", "cpu p95", "all p50", "all p95", "results", "turn ms", "RSS MB",
                    "peak MB")


def _row(label: str, f: dict) -> str:
    return ROW.format(label, f["services"], f"{f['start_s']:.2f}", f"{f['cold_s']:.3f}",
                      f"{f['read_s']:.3f}",
                      f"{f['page_ms'][0]:.2f}", f"{f['page_ms'][1]:.2f}",
                      f"{f['page_cpu_ms'][0]:.2f}", f"{f['page_cpu_ms'][1]:.2f}",
                      f"{f['every_ms'][0]:.1f}", f"{f['every_ms'][1]:.1f}",
                      f"{f['results']:.0f}", f"{f['turn_ms']:.0f}", f"{f['rss_mb']:.0f}",
                      f"{f['peak_mb']:.0f}")


def _targets(figures: dict[str, dict]) -> list[tuple[str, bool]]:
    """Issue 14's targets that these sizes can judge, each with whether it was met."""
    checks: list[tuple[str, bool]] = []
    if "shipped" not in figures:
        return checks
    shipped = figures["shipped"]
    checks.append((f"a worker with the shipped directory uses at most 120 MB "
                   f"({shipped['rss_mb']:.0f} MB, peak {shipped['peak_mb']:.0f} MB)",
                   shipped["rss_mb"] <= 120))
    checks.append((f"cold start with the shipped directory at most 1 s "
                   f"({shipped['cold_s']:.3f} s)", shipped["cold_s"] <= 1))
    big = figures.get(f"{100_000:,}")
    if big is not None:
        checks.append((f"search over 100,000 services at most 5 ms at p95 "
                       f"({big['page_ms'][1]:.2f} ms)", big["page_ms"][1] <= 5))
        small = figures.get("100")
        if small is not None:
            wall = big["page_ms"][1] / small["page_ms"][1]
            cpu = big["page_cpu_ms"][1] / small["page_cpu_ms"][1]
            checks.append((f"... and at most 3x its time at 100 services (p95 {wall:.1f}x; "
                           f"in CPU time {cpu:.1f}x)", wall <= 3))
        checks.append((f"a worker with 100,000 services uses at most 300 MB "
                       f"({big['rss_mb']:.0f} MB, peak {big['peak_mb']:.0f} MB)",
                       big["rss_mb"] <= 300))
        checks.append((f"cold start with 100,000 services at most 1 s ({big['cold_s']:.3f} s)",
                       big["cold_s"] <= 1))
    return checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES),
                        help="numbers of fictional services, comma-separated")
    parser.add_argument("--searches", type=int, default=300)
    parser.add_argument("--max-seconds", type=float, default=600.0)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--asks", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.asks)))
        return 0
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    deadline = time.monotonic() + args.max_seconds
    print(f"Search at scale: SQLite, nproc={os.cpu_count()}, Python {sys.version.split()[0]}, "
          f"{args.searches} searches a size, first page = {PAGE} results")
    figures: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="signpost-search-") as folder:
        begun = time.perf_counter()
        databases = _databases(Path(folder), sizes)
        asks = _asks(Path(folder), args.searches)
        print(f"Databases written in {time.perf_counter() - begun:.1f} s\n")
        print(HEADER)
        for label, url in databases:
            left = deadline - time.monotonic()
            try:
                if left < 1:
                    raise subprocess.TimeoutExpired("worker", 0)
                figures[label] = _run_worker(url, asks, left)
            except subprocess.TimeoutExpired:
                print(f"{label:>8} not measured: --max-seconds ran out")
                continue
            print(_row(label, figures[label]), flush=True)
    print("\nstart: a fresh worker's imports and app; cold: its first search; read: reading "
          "every other need; "
          "p50/p95: a search with its first page read (wall clock; cpu: this thread's CPU "
          "time, which a busy machine does not stretch); all: a search reading every result; "
          "turn: 'food near LS9 8RU' end to end; RSS/peak: the worker's memory at the end and "
          "at most.")
    for text, met in _targets(figures):
        print(f"  {'met   ' if met else 'MISSED'} {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
