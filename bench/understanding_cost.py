"""What understanding a message costs: time a message, and a worker's memory with the models.

``python -m bench.understanding`` prints these after its figures (so ``make bench`` does);
``python -m bench.understanding_cost`` prints them alone. Issue 24's budgets: at most 10 ms a
free-text message at p95, and a worker under 250 MB resident with the models loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
TARGET_P95_MS = 10
TARGET_RSS_MB = 250
#: Distinct messages a worker reads before its steady memory is taken: more than the largest
#: per-message cache holds (4,096), so every cache is full.
STEADY_MESSAGES = 4500
#: A message long enough to fill the encoder's 128 word pieces (the most scratch memory).
LONGEST = " ".join(["my landlord has told me to leave by friday and i have nowhere to go"] * 12)


def _clear_caches() -> None:
    from bot.understanding import embed, safety, textmodel
    from bot.understanding import needs as understand_needs

    safety.assess_crisis.cache_clear()
    safety.rule_match.cache_clear()
    understand_needs.need_probabilities.cache_clear()
    understand_needs._read_cues.cache_clear()
    textmodel.hashed_features.cache_clear()
    embed._RECENT.clear()


def _at(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(q * len(values)))]


def milliseconds_a_message(texts: list[str]) -> dict[str, float]:
    """``understand`` on each free-text message with every cache emptied first: p50 and p95 of
    the wall time and of this process's CPU time (the CPU time does not count waits for a core
    that other programs hold, so it is the fairer figure on a busy machine)."""
    from bot.understanding.message import understand

    understand("warm up the models")
    wall, cpu = [], []
    for text in texts:
        _clear_caches()
        start, start_cpu = time.perf_counter(), time.process_time()
        understand(text)
        wall.append((time.perf_counter() - start) * 1e3)
        cpu.append((time.process_time() - start_cpu) * 1e3)
    wall.sort()
    cpu.sort()
    return {"wall_p50": _at(wall, 0.5), "wall_p95": _at(wall, 0.95),
            "cpu_p50": _at(cpu, 0.5), "cpu_p95": _at(cpu, 0.95)}


WORKER = """
import json, sys
from webhooks import create_app
app = create_app()
if sys.argv[1] == "prepare":
    raise SystemExit(0)
from bot.understanding.message import understand

def status():
    lines = (line.split(":", 1) for line in open("/proc/self/status"))
    return {key: int(value.split()[0]) / 1024 for key, value in lines
            if key in ("VmRSS", "VmHWM")}

understand("i need a food bank near armley")
first = status()["VmRSS"]
for text in json.load(sys.stdin):
    understand(text)
print(json.dumps({"first": first, "steady": status()["VmRSS"], "peak": status()["VmHWM"]}))
"""


@dataclass(frozen=True)
class WorkerMemory:
    """A fresh worker's resident memory in MB (VmRSS, and VmHWM for the peak)."""

    #: The web app built and the first free-text message read (both models and the encoder).
    first: float
    #: After ``messages`` more distinct messages, the longest among them: every cache full.
    steady: float
    #: The most it held at any moment (while onnxruntime builds the encoder).
    peak: float
    messages: int


def steady_messages(count: int = STEADY_MESSAGES) -> list[str]:
    """Distinct messages from the TRAINING files (and the same shouted), and the longest."""
    crisis = yaml.safe_load((DATA / "crisis_train.yaml").read_text(encoding="utf-8"))
    needs = yaml.safe_load((DATA / "needs_train.yaml").read_text(encoding="utf-8"))
    texts = [c["text"] for c in crisis["crisis"]]
    texts += [t if isinstance(t, str) else t["text"] for t in crisis["non_crisis"]]
    texts += [i["text"] for i in needs["items"]]
    texts = list(dict.fromkeys(texts + [t.upper() for t in texts]))
    return [LONGEST, *texts[:count - 1]]


def worker_memory(count: int = STEADY_MESSAGES) -> WorkerMemory:
    """A worker's memory on a database prepared beforehand (as the Procfile's release step
    does), measured in a fresh process of its own."""
    texts = steady_messages(count)
    with tempfile.TemporaryDirectory() as tmp:
        env = os.environ | {"DATABASE_URL": f"sqlite:///{tmp}/bench.db"}

        def run(step: str, stdin: str) -> str:
            return subprocess.run([sys.executable, "-c", WORKER, step], input=stdin, env=env,
                                  capture_output=True, text=True, check=True, timeout=900,
                                  cwd=ROOT).stdout

        run("prepare", "")
        got = json.loads(run("measure", json.dumps(texts)).strip().splitlines()[-1])
    return WorkerMemory(got["first"], got["steady"], got["peak"], len(texts))


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def report(texts: list[str], steady: int = STEADY_MESSAGES) -> list[str]:
    """The lines ``make bench`` prints: speed on ``texts``, and a worker's memory after its first
    message and ``steady`` more."""
    load_before = os.getloadavg()[0]
    speed = milliseconds_a_message(texts)
    memory = worker_memory(steady)
    load_after = os.getloadavg()[0]
    return [
        f"Speed of understand, ms a free-text message ({len(texts)} messages, caches emptied, "
        f"one core; load average {load_before:.1f} before, {load_after:.1f} after, "
        f"{os.cpu_count()} cores):",
        f"  CPU time   p50 {speed['cpu_p50']:5.1f}  p95 {speed['cpu_p95']:5.1f}  "
        f"(target p95 <= {TARGET_P95_MS} ms: {_verdict(speed['cpu_p95'] <= TARGET_P95_MS)})",
        f"  wall time  p50 {speed['wall_p50']:5.1f}  p95 {speed['wall_p95']:5.1f}  "
        f"(includes waiting for a core other programs hold)",
        f"Memory of a worker (web app built, both models and the encoder loaded), resident MB "
        f"(target < {TARGET_RSS_MB} MB):",
        f"  after its first message               {memory.first:5.0f}  "
        f"({_verdict(memory.first < TARGET_RSS_MB)})",
        f"  {f'after {memory.messages:,} more (caches full)':38s}{memory.steady:5.0f}  "
        f"({_verdict(memory.steady < TARGET_RSS_MB)})",
        f"  peak, while the encoder is built      {memory.peak:5.0f}",
    ]


def main() -> None:
    crisis = yaml.safe_load((DATA / "crisis_heldout.yaml").read_text(encoding="utf-8"))
    needs = yaml.safe_load((DATA / "needs_heldout.yaml").read_text(encoding="utf-8"))
    texts = [i["text"] for i in needs["items"]] + [c["text"] for c in crisis["crisis"]]
    texts += crisis["non_crisis"]
    print("\n".join(report(texts[::3])))


if __name__ == "__main__":
    main()
