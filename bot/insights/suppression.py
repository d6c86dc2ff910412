"""Small-count suppression for published tables: no count under 5 can be read or worked out.

Every count under ``SMALL`` is hidden (primary suppression). Tables also publish totals, and a
total over parts of which exactly one is hidden gives that one away by subtraction; so, for
every additive line (parts and their total), one hidden member is never left alone: the
smallest shown part (or the total, when no part is left) is hidden too (complementary
suppression). Nor may the hidden members of a line add up to a small count a reader can
work out (a total of 8 with one shown part of 6 gives away that the hidden ones hold 2): then
the smallest shown part is hidden too. The lines are checked again until nothing changes.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence

#: Counts below this are never shown.
SMALL = 5

Line = tuple[Sequence[Hashable], Hashable]


def suppress(values: Mapping[Hashable, int], lines: Iterable[Line], small: int = SMALL,
             zero_ok: Iterable[Hashable] = ()) -> set[Hashable]:
    """The keys of ``values`` to hide. ``lines`` are (parts, total) with ``sum(parts) ==
    total``; after hiding, no line has exactly one hidden member. Keys in ``zero_ok`` are
    hidden when 1 to ``small - 1``, but may be worked out when 0 (no one is in them)."""
    zero_ok = set(zero_ok)
    hidden = {key for key, value in values.items()
              if value < small and not (value == 0 and key in zero_ok)}
    # A total of nothing is 0, hidden by itself and giving nothing away.
    checked = [(tuple(parts), total) for parts, total in lines if parts]
    changed = True
    while changed:
        changed = False
        for parts, total in checked:
            members = (*parts, total)
            count = sum(member in hidden for member in members)
            if count == 0 or (count > 1 and not _small_remainder(values, parts, total, hidden,
                                                                  small)):
                continue
            candidates = [m for m in parts if m not in hidden] or [
                m for m in (total,) if m not in hidden]
            if not candidates:  # the one hidden member is the only member: nothing to give away
                continue
            hidden.add(min(candidates, key=lambda key: (values[key], repr(key))))
            changed = True
    return hidden


def _small_remainder(values: Mapping[Hashable, int], parts: Sequence[Hashable],
                     total: Hashable, hidden: set[Hashable], small: int) -> bool:
    """True when the hidden parts' sum follows from the shown ones and is 1 to ``small - 1``."""
    if total in hidden:
        return False
    remainder = values[total] - sum(values[p] for p in parts if p not in hidden)
    return 0 < remainder < small


def shown(values: Mapping[Hashable, int], hidden: set[Hashable]) -> dict[Hashable, int | None]:
    """``values`` with every hidden one as ``None``."""
    return {key: (None if key in hidden else value) for key, value in values.items()}
