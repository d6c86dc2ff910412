"""How well the bot tells the Leeds languages apart: ``python -m bench.languages`` (make bench).

Accuracy per language on the labelled messages (tests/data/languages_detect.yaml) with 95%
Wilson intervals, single words against sentences, how often "sure" is right, speed p50/p95,
the memory the word lists take, and English's own test messages (none may leave English).
When lingua-py is installed (``pip install lingua-language-detector``; the app does not use
it) the same figures for it follow, with its memory, for the comparison in
docs/understanding-models.md. Lingua has no Sorani: its Sorani figures count as misses.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from bench.understanding import Rate
from bot.understanding import language as detection
from bot.understanding.language_data import CODES
from bot.understanding.message import understand
from bot.understanding.safety import assess_crisis

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
Detect = Callable[[str], tuple[str, bool]]

#: Lingua's names for the languages it shares with us (it has no Sorani).
_LINGUA = {"ENGLISH": "en", "POLISH": "pl", "ROMANIAN": "ro", "ARABIC": "ar", "PERSIAN": "fa",
           "URDU": "ur"}


def load(section: str) -> list[dict]:
    """Labelled messages ({lang, text}) from one section of the detection file."""
    data = yaml.safe_load((DATA / "languages_detect.yaml").read_text(encoding="utf-8"))
    return data[section]


def length(text: str) -> str:
    """"single word" or "sentence" (two words or more)."""
    return "single word" if len(text.split()) == 1 else "sentence"


def ours(text: str) -> tuple[str, bool]:
    guess = detection.detect_language(text)
    return guess.code, guess.sure


def report(name: str, items: list[dict], detect: Detect) -> None:
    """Accuracy per language and by length, and how far "sure" can be trusted."""
    got = [(item, *detect(item["text"])) for item in items]
    print(f"  {name}: all {Rate(sum(c == i['lang'] for i, c, _ in got), len(got))}")
    rest = [(i, c) for i, c, _ in got if i["lang"] != "ckb"]
    print(f"    all but Sorani (lingua has none) "
          f"{Rate(sum(c == i['lang'] for i, c in rest), len(rest))}")
    for code in CODES:
        mine = [(i, c) for i, c, _ in got if i["lang"] == code]
        if mine:
            print(f"    {code:<4} {Rate(sum(c == i['lang'] for i, c in mine), len(mine))}")
    for bucket in ("single word", "sentence"):
        part = [(i, c) for i, c, _ in got if length(i["text"]) == bucket]
        print(f"    {bucket:<12} {Rate(sum(c == i['lang'] for i, c in part), len(part))}")
    sure = [(i, c) for i, c, s in got if s]
    print(f"    sure, of all   {Rate(len(sure), len(got))}")
    print(f"    right, of sure {Rate(sum(c == i['lang'] for i, c in sure), len(sure))}")
    for item, code, _ in got:
        if code != item["lang"]:
            print(f"      missed ({item['lang']} read as {code}): {item['text']}")


def milliseconds(texts: list[str], fn: Callable[[str], object],
                 clear: Callable[[], None] = lambda: None) -> tuple[float, float]:
    """p50 and p95 of the CPU time of ``fn`` on each text, caches emptied first."""
    times = []
    for text in texts:
        clear()
        start = time.process_time()
        fn(text)
        times.append((time.process_time() - start) * 1e3)
    times.sort()
    return times[len(times) // 2], times[min(len(times) - 1, int(0.95 * len(times)))]


_RSS = "[int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmRSS')][0]"
_OURS = f"""
from bot.understanding import kinds, needs, safety  # what the worker holds anyway
before = {_RSS}
from bot.understanding.in_language import read_in_language
from bot.understanding.language import detect_language
for text in ("potrzebuję jedzenia", "am nevoie de mâncare", "مجھے کھانا چاہیے", "أحتاج طعام",
             "پێویستم بە خواردنە", "به غذا نیاز دارم"):
    read_in_language(text, detect_language(text).code)
print(before, {_RSS})
"""
_THEIRS = f"""
import sys
before = {_RSS}
from lingua import Language, LanguageDetectorBuilder
languages = [getattr(Language, name) for name in {list(_LINGUA)!r}]
builder = LanguageDetectorBuilder.from_languages(*languages)
if sys.argv[1] == "low":
    builder = builder.with_low_accuracy_mode()
builder.with_preloaded_language_models().build().detect_language_of("potrzebuję jedzenia LS9")
print(before, {_RSS})
"""


def rss_delta_mb(code: str, *args: str) -> float:
    """What loading a detector adds to a fresh process's resident memory."""
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         check=True, timeout=300, cwd=ROOT).stdout.split()
    return (int(out[-1]) - int(out[-2])) / 1024


def lingua(mode: str) -> Detect:
    """Lingua-py restricted to our languages (low or high accuracy mode)."""
    from lingua import Language, LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_languages(*(getattr(Language, n) for n in _LINGUA))
    if mode == "low":
        builder = builder.with_low_accuracy_mode()
    detector = builder.with_preloaded_language_models().build()

    def detect(text: str) -> tuple[str, bool]:
        found = detector.detect_language_of(text)
        return (_LINGUA[found.name] if found else "en"), found is not None

    return detect


def english_held_out() -> list[str]:
    """English's own held-out messages (needs and crises)."""
    texts = [i["text"] for i in yaml.safe_load((DATA / "needs_heldout.yaml").read_text(
        encoding="utf-8"))["items"]]
    crisis = yaml.safe_load((DATA / "crisis_heldout.yaml").read_text(encoding="utf-8"))
    return texts + [c["text"] for c in crisis["crisis"]] + list(crisis["non_crisis"])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-lingua", action="store_true", help="skip lingua-py")
    args = parser.parse_args(argv)
    tuned, later = load("items"), load("later")
    print("Language detection (tests/data/languages_detect.yaml, 95% Wilson intervals):")
    report("ours, on `items` (word lists changed once after reading these)", tuned, ours)
    report("ours, on `later` (written after that change, never tuned on)", later, ours)
    english = english_held_out()
    print(f"  English held-out messages read as English: "
          f"{Rate(sum(detection.detect_language(t).code == 'en' for t in english), len(english))}")

    foreign = [i["text"] for i in tuned + later if i["lang"] != "en"]
    clear = detection.detect_language.cache_clear
    p50, p95 = milliseconds([i["text"] for i in tuned + later], detection.detect_language, clear)
    print(f"  speed, detect_language: p50 {p50:.3f} ms, p95 {p95:.3f} ms (CPU time)")
    p50, p95 = milliseconds(english, detection.detect_language, clear)
    print(f"  speed, detect_language on the English held-out messages (what every English "
          f"message now costs more): p50 {p50:.3f} ms, p95 {p95:.3f} ms")
    understand("warm up")
    p50, p95 = milliseconds(foreign, understand, clear)
    print(f"  speed, understand() on the other languages' messages: p50 {p50:.3f} ms, "
          f"p95 {p95:.3f} ms (CPU time)")
    print(f"  memory: the word lists, detector and readers add {rss_delta_mb(_OURS):.1f} MB to a "
          "process that already holds the English understanding code")
    alarms = [assess_crisis(t) for t in foreign]
    print(f"  the English crisis classifier on the other languages' messages (why it is not "
          f"asked): crisis reply {Rate(sum(a.alarm for a in alarms), len(alarms))}, check-in "
          f"{Rate(sum(a.check_in for a in alarms), len(alarms))}")

    if args.no_lingua:
        print("lingua-py: skipped (--no-lingua)")
        return
    if importlib.util.find_spec("lingua") is None:
        print("lingua-py is not installed: no comparison (pip install lingua-language-detector)")
        return
    for mode in ("low", "high"):
        detect = lingua(mode)
        report(f"lingua-py, {mode} accuracy mode, `items`", tuned, detect)
        report(f"lingua-py, {mode} accuracy mode, `later`", later, detect)
        p50, p95 = milliseconds([i["text"] for i in tuned + later], detect)
        print(f"    speed p50 {p50:.3f} ms, p95 {p95:.3f} ms; memory "
              f"{rss_delta_mb(_THEIRS, mode):.1f} MB")


if __name__ == "__main__":
    main()
