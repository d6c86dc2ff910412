"""Skip a regular expression cheaply when text lacks every word it would need to match.

Most messages match none of the crisis rules' hundreds of patterns, and Python's ``re`` tries a
pattern that starts with ``\\b`` at every position of the text. Each pattern here is read once
(with ``re``'s own parser) for the literal strings any match must contain, one of a set:
``\\bkill\\s+(?:myself|my self)`` needs "kill" (or "myself" or "my self"). ``Prefiltered.search``
returns None at once when none of them is in the text, and is ``re.Pattern.search`` otherwise,
so it finds exactly what the pattern finds. Anything the reading does not understand (a case-
insensitive part, a lookaround, an optional part) needs nothing, and the pattern always runs.

A message is checked against a couple of hundred patterns, which between them need some 1,500
strings. Rather than test each pattern's strings in turn, ``found_in`` finds once per text
which of all the needed strings it holds (looking up only those that start with three letters
the text has), and so which patterns may match (``live``, one bit a pattern); each
pattern then only looks at its bit.
"""

from __future__ import annotations

import re
import re._constants as c  # re's own parser (CPython 3.11+): the same reading re compiles
import re._parser as parser

__all__ = ["Prefiltered", "found_in", "live", "needed"]

#: A set of strings, one of which every match contains; None when nothing is known.
Need = frozenset[str] | None
_REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)


def _better(a: Need, b: Need) -> Need:
    """The more selective of two needs: longer shortest string, then fewer strings."""
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b, key=lambda n: (-min(map(len, n)), len(n)))


def _item(op: object, av: object) -> Need:
    """What one parsed item (not a single literal) needs."""
    if op is c.BRANCH:
        branches = [_sequence(list(branch)) for branch in av[1]]
        if any(b is None for b in branches):
            return None
        return frozenset().union(*branches)
    if op is c.SUBPATTERN:
        _group, add_flags, _del_flags, inner = av
        return None if add_flags & re.IGNORECASE else _sequence(list(inner))
    if op is c.ATOMIC_GROUP:
        return _sequence(list(av))
    if op in _REPEATS:
        low, _high, inner = av
        return _sequence(list(inner)) if low >= 1 else None
    return None


def _sequence(items: list[tuple[object, object]]) -> Need:
    """What a sequence of parsed items needs: the most selective need of any of its parts
    (runs of literal letters are read as one string)."""
    best: Need = None
    run = ""
    for op, av in [*items, (None, None)]:
        if op is c.LITERAL:
            run += chr(av)
            continue
        if run:
            best = _better(best, frozenset({run}))
            run = ""
        if op is not None:
            best = _better(best, _item(op, av))
    return best


def needed(pattern: re.Pattern[str]) -> Need:
    """Strings one of which every match of ``pattern`` contains; None when nothing is known."""
    if pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    try:
        parsed = parser.parse(pattern.pattern, pattern.flags)
    except re.error:  # pragma: no cover - it compiled, so it parses
        return None
    need = _sequence(list(parsed))
    return None if need is None or "" in need else need


#: Every string of three letters or more that some pattern needs, by its first three letters;
#: and the shorter ones.
_BY_START: dict[str, list[str]] = {}
_SHORT: list[str] = []
#: For each needed string, the patterns that need it, as bits (the n-th pattern made is bit n).
_NEEDERS: dict[str, int] = {}
#: The patterns that need nothing (they always run), and how many patterns there are.
_ALWAYS = 0
_MADE = 0
#: Recent texts and the patterns that may match each; replaced whenever a pattern is made.
_LIVE: dict[str, int] = {}
#: The last text asked about, its patterns, and how many patterns there were then.
_LAST: tuple[str | None, int, int] = (None, 0, 0)
#: Texts remembered at once: a message is searched as it came, normalised and canonical.
_LIVE_SIZE = 64


def _register(need: frozenset[str] | None) -> int:
    """A new pattern's bit, its needed strings indexed."""
    global _ALWAYS, _MADE, _LIVE
    bit = 1 << _MADE
    _MADE += 1
    if need is None:
        _ALWAYS |= bit
    for s in sorted(need or ()):
        if s not in _NEEDERS:
            (_BY_START.setdefault(s[:3], []) if len(s) >= 3 else _SHORT).append(s)
        _NEEDERS[s] = _NEEDERS.get(s, 0) | bit
    _LIVE = {}
    return bit


def found_in(text: str) -> frozenset[str]:
    """The strings, among all those the patterns need, that occur in ``text``."""
    # A string occurs only where its first three letters do.
    starts = {text[i:i + 3] for i in range(len(text) - 2)}
    return frozenset([s for start in starts for s in _BY_START.get(start, ()) if s in text]
                     + [s for s in _SHORT if s in text])


def live(text: str) -> int:
    """The bits of the patterns that may match ``text``: those that need nothing, and those
    with a needed string in it."""
    global _LAST
    last = _LAST
    if last[0] is text and last[2] == _MADE:
        return last[1]
    made, cache = _MADE, _LIVE
    bits = cache.get(text)
    if bits is None:
        bits = _ALWAYS
        for s in found_in(text):
            bits |= _NEEDERS[s]
        if len(cache) >= _LIVE_SIZE:
            cache.clear()
        cache[text] = bits
    _LAST = (text, bits, made)
    return bits


class Prefiltered:
    """A compiled pattern that answers None at once for text without any string it needs."""

    __slots__ = ("bit", "need", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.need: frozenset[str] | None = needed(pattern)
        self.bit = _register(self.need)

    def search(self, text: str) -> re.Match[str] | None:
        """``pattern.search(text)``, skipped when the text cannot match."""
        if live(text) & self.bit:
            return self.pattern.search(text)
        return None
