"""``make bench`` prints understand's speed and a worker's memory, each against its budget."""

from __future__ import annotations

import pytest

from bench.understanding_cost import LONGEST, report, steady_messages


def test_the_steady_messages_are_distinct_and_start_with_the_longest():
    texts = steady_messages(600)
    assert len(texts) == len(set(texts)) == 600 and texts[0] == LONGEST


@pytest.mark.slow
def test_the_report_labels_each_figure_and_its_budget():
    lines = report(["need a food bank in armley", "i want to end it all tonight"], steady=20)
    text = "\n".join(lines)
    for label in ("CPU time   p50", "wall time  p50", "target p95 <= 10 ms",
                  "target < 250 MB", "after its first message", "after 20 more (caches full)",
                  "peak, while the encoder is built", "load average"):
        assert label in text, label
