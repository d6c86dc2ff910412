"""How well the bot reads crises and needs: run ``make bench`` (``python -m bench.understanding``).

Figures on the frozen HELD-OUT messages (tests/data/*_heldout.yaml, never used for tuning) come
first, with 95% Wilson intervals; then the 5-fold cross-validation figures recorded when the
classifiers were trained (``make models``), then speed and memory (``understanding_cost.py``).
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from bench import understanding_cost
from bot.understanding import needs as understand_needs
from bot.understanding.message import understand
from bot.understanding.needs import detect_needs
from bot.understanding.safety import assess_crisis
from bot.understanding.textmodel import load_model

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def load_crisis(name: str) -> tuple[list[dict], list[str]]:
    """Crisis messages (text, kind) and messages that are not a crisis, from a data file."""
    data = yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))
    return data["crisis"], data["non_crisis"]


def load_needs(name: str) -> list[dict]:
    return yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))["items"]


def wilson(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval for a proportion."""
    if n == 0:
        return 0.0, 1.0
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Rate:
    hits: int
    n: int

    @property
    def value(self) -> float:
        return self.hits / self.n if self.n else 0.0

    def __str__(self) -> str:
        low, high = wilson(self.hits, self.n)
        return f"{self.value:.3f} ({self.hits}/{self.n}, 95% CI {low:.3f}-{high:.3f})"


@dataclass(frozen=True)
class CrisisFigures:
    alarm_recall: Rate  # crises answered with the crisis reply first
    alarm_false_alarms: Rate  # other messages answered with the crisis reply
    safety_recall: Rate  # crises given the safety numbers (crisis reply or check-in line)
    safety_false_alarms: Rate  # other messages given a check-in line or the crisis reply
    kind_right: Rate  # of crises with the crisis reply, the kind right
    missed: list[str]


def crisis_figures(crisis: list[dict], non_crisis: list[str]) -> CrisisFigures:
    got = [assess_crisis(item["text"]) for item in crisis]
    other = [assess_crisis(text) for text in non_crisis]
    alarmed = [(a, item) for a, item in zip(got, crisis, strict=True) if a.alarm]
    return CrisisFigures(
        Rate(sum(a.alarm for a in got), len(got)),
        Rate(sum(a.alarm for a in other), len(other)),
        Rate(sum(a.alarm or a.check_in for a in got), len(got)),
        Rate(sum(a.alarm or a.check_in for a in other), len(other)),
        Rate(sum(a.kind == item["kind"] for a, item in alarmed), len(alarmed)),
        [item["text"] for a, item in zip(got, crisis, strict=True)
         if not (a.alarm or a.check_in)],
    )


@dataclass(frozen=True)
class NeedsFigures:
    main_right: Rate
    exact_right: Rate
    misses: list[tuple[str, list[str], list[str]]]


def needs_figures(items: list[dict]) -> NeedsFigures:
    got = [detect_needs(item["text"]) for item in items]
    return NeedsFigures(
        Rate(sum(g[:1] == item["needs"][:1] for g, item in zip(got, items, strict=True)),
             len(items)),
        Rate(sum(set(g) == set(item["needs"]) for g, item in zip(got, items, strict=True)),
             len(items)),
        [(item["text"], item["needs"], g) for g, item in zip(got, items, strict=True)
         if g[:1] != item["needs"][:1]],
    )


def main() -> None:
    crisis, non_crisis = load_crisis("crisis_heldout")
    figures = crisis_figures(crisis, non_crisis)
    print(f"Crisis, held out ({len(crisis)} crises, {len(non_crisis)} other messages):")
    print(f"  crisis reply first, recall        {figures.alarm_recall}")
    print(f"  crisis reply first, false alarms  {figures.alarm_false_alarms}")
    print(f"  safety numbers, recall            {figures.safety_recall}")
    print(f"  safety numbers, on other messages {figures.safety_false_alarms}")
    print(f"  kind right (of crisis replies)    {figures.kind_right}")
    meta = load_model("crisis_model").meta
    cv = meta["cv"]
    print(f"Crisis, 5-fold cross-validation on {meta['trained_on']['messages']} training "
          f"messages (thresholds chosen on these, so they flatter a little):")
    print(f"  crisis reply: recall {cv['alarm_recall']:.3f}, false alarms "
          f"{cv['alarm_false_alarms']:.3f} (score >= {meta['alarm_threshold']})")
    print(f"  safety numbers: recall {cv['check_recall']:.3f}, on other messages "
          f"{cv['check_false_alarms']:.3f} (score >= {meta['check_threshold']})")
    if "rule_alarm_threshold" in meta:
        print(f"  a doubted rule alarms at score >= {meta['rule_alarm_threshold']}, earns the "
              f"check-in line at >= {meta['rule_check_threshold']}; everyday needs messages "
              f"(out of fold): check-in or more {cv['ordinary_check_in']:.3f}, crisis reply "
              f"{cv['ordinary_alarm']:.3f}")

    items = load_needs("needs_heldout")
    needs = needs_figures(items)
    print(f"\nNeeds, held out ({len(items)} messages):")
    print(f"  main need right  {needs.main_right}")
    print(f"  every need right {needs.exact_right}")
    lexicon_only = Rate(sum(understand_needs.lexicon_needs(i["text"])[:1] == i["needs"][:1]
                            for i in items), len(items))
    print(f"  lexicon alone, main need right {lexicon_only}")
    meta = load_model("needs_model").meta
    print(f"Needs, 5-fold cross-validation on {meta['trained_on']['messages']} training messages:"
          f" main need right {meta['cv']['main_accuracy']:.3f}")

    ordinary = [understand(i["text"]) for i in items]
    print(f"\nOrdinary (needs, held out) messages: crisis reply "
          f"{Rate(sum(u.crisis for u in ordinary), len(ordinary))}, check-in line "
          f"{Rate(sum(u.check_in for u in ordinary), len(ordinary))}")
    near = yaml.safe_load((DATA / "crisis_present_near_miss.yaml").read_text(encoding="utf-8"))
    got = [assess_crisis(c["text"]) for c in near["crisis"]]
    print(f"Present crises that look like near-misses (tests/data): crisis reply "
          f"{Rate(sum(a.alarm for a in got), len(got))}")

    texts = [i["text"] for i in items] + [c["text"] for c in crisis] + non_crisis
    print()
    print("\n".join(understanding_cost.report(texts[::3])))

    print(f"\nHeld-out crises given no safety numbers: {len(figures.missed)}; held-out needs with "
          f"the wrong main need: {len(needs.misses)}")
    if "--verbose" in sys.argv[1:]:  # the frozen texts themselves, only when asked
        print("Crises given no safety numbers:", figures.missed or "none")
        print("Needs with the wrong main need (text | wanted | got):")
        for text, want, got in needs.misses:
            print(f"  {text!r} | {want} | {got}")


if __name__ == "__main__":
    main()
