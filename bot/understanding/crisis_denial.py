"""Is a crisis rule's match said not to be so? A denial scoped to the words the rule matched.

"no thoughts of hurting myself", "not suicidal, just quiet", "I would never kill myself": the
words a rule matched come straight after a denial in the same clause. Only the words just
before the match are read (a clause ends at a full stop, a comma or "but" in what was typed), so
"I can't stop thinking about killing myself" and "not sleeping, I want to die" are not denied,
and a rule is denied only when every place it matched is ("I'm not suicidal, I just want it
all to end" is not). "don't", "doesn't" and "didn't" deny nothing here: "I don't want to die
but..." is as often said in a crisis as out of one. A denied rule is left to the classifier
(``safety.py``), as a rule its context doubts is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.understanding.crisis_patterns import canonical

__all__ = ["clauses", "denied", "is_denied"]

#: A clause boundary in the typed text: a stop, comma, semicolon, colon, question or exclamation
#: mark, a dash or a line break, or "but".
_BOUNDARY = re.compile(r"[.,;:!?\n]+|\s[-\u2013\u2014]\s|\bbut\b", re.IGNORECASE)
#: A denial straight before the rule's words (canonical text, so "isn't" is "is not").
_DENIAL = re.compile(
    r"(?:(?<!\bdo )(?<!\bdoes )(?<!\bdid )\bnot|\bnever|\bno|\bnobody|\bno one|\bnoone)"
    r"(?: (?:really|even|at all|actually|ever|currently|particularly|feeling|been|got|longer"
    r"|once|thought about|had|felt))?$"
    # "no thoughts of", "no plans to", "never had any thoughts of", "without any urge to"
    r"|\b(?:no|never (?:had|have|felt)(?: any)?|without(?: any)?) (?:\w+ )?(?:thoughts?|plans?"
    r"|intentions?|intent|urges?|desire|wish|risk|signs?|feelings?|history|question|chance)"
    r" (?:of|to|about|at|for|that)(?: \w+)?$")


def clauses(raw: str) -> tuple[str, ...]:
    """The typed message split into clauses, each in canonical text."""
    return tuple(c for c in (canonical(part) for part in _BOUNDARY.split(raw)) if c)


def is_denied(words: str, clause: str) -> bool:
    """True when ``words`` (canonical) stand in ``clause`` straight after a denial, every time."""
    found = False
    start = clause.find(words)
    while start >= 0:
        if _DENIAL.search(clause[:start].rstrip()) is None:
            return False
        found = True
        start = clause.find(words, start + 1)
    return found


def denied(matched: Iterable[str], raw: str) -> bool:
    """True when every match of a rule (canonical words) is denied in the clause that holds it;
    False when any is not, or when a match spans clauses (its clause cannot be told)."""
    parts = clauses(raw)
    seen = False
    for words in matched:
        holders = [c for c in parts if words in c]
        if not holders or not all(is_denied(words, c) for c in holders):
            return False
        seen = True
    return seen
