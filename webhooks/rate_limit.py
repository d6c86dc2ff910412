"""A small in-process token bucket per client address, for the public ``/oruk`` API.

Each worker process keeps its own buckets, so with the Procfile's 2 workers a client may get up
to twice the rate; that is enough to stop one client hogging the API, not a quota.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict

from core.clock import Clock

#: Buckets kept at most; the least recently seen client is forgotten first.
MAX_CLIENTS = 10_000


class TokenBuckets:
    """``per_minute`` requests a minute per key, in bursts of up to ``per_minute``."""

    def __init__(self, per_minute: int, clock: Clock) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Take a token for ``key``: 0 when allowed, else the seconds until the next one."""
        if self.per_minute <= 0:
            return 0.0
        now = self.clock().timestamp()
        rate = self.per_minute / 60.0
        with self._lock:
            tokens, then = self._buckets.pop(key, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + max(0.0, now - then) * rate)
            wait = 0.0
            if tokens >= 1:
                tokens -= 1
            else:
                wait = (1 - tokens) / rate
            self._buckets[key] = (tokens, now)
            while len(self._buckets) > MAX_CLIENTS:
                self._buckets.popitem(last=False)
        return wait


def retry_after(wait: float) -> str:
    """A Retry-After header value: whole seconds, at least 1."""
    return str(max(1, math.ceil(wait)))
