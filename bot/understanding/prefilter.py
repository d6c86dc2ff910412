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
which of all the needed strings it holds (looking up only those that start with a pair of
letters the text has), and each pattern asks whether any of its strings is among them.
"""

from __future__ import annotations

import re
import re._constants as c  # re's own parser (CPython 3.11+): the same reading re compiles
import re._parser as parser

__all__ = ["Prefiltered", "found_in", "needed"]

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


#: Every string some pattern needs, by its first two letters (the whole string if shorter).
_BY_START: dict[str, list[str]] = {}
#: Recent texts and the needed strings each holds; replaced whenever a pattern adds strings.
_FOUND: dict[str, frozenset[str]] = {}
#: Texts remembered at once: a message is searched as it came, normalised and canonical.
_FOUND_SIZE = 64


def _register(strings: tuple[str, ...]) -> None:
    global _FOUND
    added = False
    for s in strings:
        bucket = _BY_START.setdefault(s[:2], [])
        if s not in bucket:
            bucket.append(s)
            added = True
    if added:
        _FOUND = {}


def found_in(text: str) -> frozenset[str]:
    """The strings, among all those the patterns need, that occur in ``text``."""
    cache = _FOUND
    found = cache.get(text)
    if found is None:
        # A string occurs only where its first two letters (or its one letter) do.
        starts = {text[i:i + 2] for i in range(len(text) - 1)}.union(text)
        found = frozenset(s for start in starts for s in _BY_START.get(start, ()) if s in text)
        if len(cache) >= _FOUND_SIZE:
            cache.clear()
        cache[text] = found
    return found


class Prefiltered:
    """A compiled pattern that answers None at once for text without any string it needs."""

    __slots__ = ("need", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        need = needed(pattern)
        self.need: frozenset[str] | None = need
        if need is not None:
            _register(tuple(sorted(need)))

    def search(self, text: str) -> re.Match[str] | None:
        """``pattern.search(text)``, skipped when the text cannot match."""
        need = self.need
        if need is not None and need.isdisjoint(found_in(text)):
            return None
        return self.pattern.search(text)
