"""Signs of a crisis kept as data: groups of patterns in a YAML file, loaded and checked.

A file (``data/warning_signs.yaml``, ``data/medical_signs.yaml``) names groups of signs. Each
has a crisis ``kind``, a ``tier`` and its ``patterns``, regular expressions matched on the
crisis rules' canonical text (lower case, no punctuation, "can't" as "cannot", "I'm" as "i am";
see ``crisis_patterns.canonical``); ``unless`` patterns, when any matches anywhere in the
message, say the words are innocent here; ``doubted_by`` lists the doubts (past, bereavement,
figure, joke, denied) that leave the sign to the classifier, all five unless it says fewer.
A ``words`` section names lists of alternatives that patterns use as ``{name}`` ("{pills}" for
every word for tablets). Tiers:

- ``present``: danger now; the sign alone raises the crisis reply, unless the words around it
  say past, grief, a figure of speech, a joke or a denial (``crisis_context.py``);
- ``topic``: words as often innocent as not ("chest pains", "ambulance"): the classifier decides.

Every problem in a file is reported with the file and the place in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from core.errors import BadInput

__all__ = ["CRISIS_KINDS", "TIERS", "Sign", "SignsError", "load_signs"]

#: Kinds in the order they are checked: the first that matches is reported.
CRISIS_KINDS: tuple[str, ...] = ("suicide", "self-harm", "danger", "abuse", "medical")
TIERS: tuple[str, ...] = ("present", "topic")
_KEYS = {"kind", "tier", "about", "patterns", "unless", "doubted_by"}
#: What may say a sign is not present danger (``crisis_context.DOUBTS``).
DOUBTS: tuple[str, ...] = ("past", "bereavement", "figure", "joke", "denied")


class SignsError(BadInput):
    """A signs file is missing something, or holds a pattern that does not compile."""


class _Loader(yaml.SafeLoader):
    """YAML's safe loader, but a key written twice is an error, not the last one winning."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        keys = [self.construct_object(key, deep=deep) for key, _value in node.value]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise yaml.constructor.ConstructorError(None, None, f"{twice} written twice",
                                                    node.start_mark)
        return super().construct_mapping(node, deep)


@dataclass(frozen=True)
class Sign:
    """One group of patterns: what it names, and whether it may alarm alone."""

    name: str
    kind: str
    tier: str
    patterns: re.Pattern[str]
    unless: re.Pattern[str] | None = None
    #: The doubts that leave this sign to the classifier (all of DOUBTS unless the file says
    #: otherwise: grief makes "I hope I don't wake up" more worrying, not less).
    doubted_by: frozenset[str] = frozenset(DOUBTS)

    def matches(self, canon: str) -> bool:
        """True when a pattern matches the canonical text and no ``unless`` pattern does."""
        return self.patterns.search(canon) is not None and (
            self.unless is None or self.unless.search(canon) is None)


def _fail(path: Path, where: str, problem: str) -> SignsError:
    return SignsError(f"{path.name}: {where}: {problem}")


_NAME = re.compile(r"\{([a-z][a-z-]*)\}")


def _patterns(path: Path, where: str, value: object, words: dict[str, str]) -> list[str]:
    """The list's patterns, checked, with each ``{name}`` replaced by its words."""
    if not isinstance(value, list) or not value:
        raise _fail(path, where, "expected a non-empty list of patterns")
    out = []
    for at, pattern in enumerate(value):
        if not isinstance(pattern, str) or not pattern.strip():
            raise _fail(path, f"{where}[{at}]", f"{pattern!r} is not a pattern")
        if pattern != pattern.lower():
            raise _fail(path, f"{where}[{at}]", "patterns run on lower-case text: write them so")
        unknown = sorted(set(_NAME.findall(pattern)) - set(words))
        if unknown:
            raise _fail(path, f"{where}[{at}]", f"{unknown} are not in words")
        pattern = _NAME.sub(lambda m: words[m.group(1)], pattern)
        try:
            re.compile(pattern)
        except re.error as error:
            raise _fail(path, f"{where}[{at}]", f"{pattern!r} does not compile: {error}") from error
        out.append(pattern)
    return out


def _joined(path: Path, where: str, value: object, words: dict[str, str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _patterns(path, where, value, words)))


def _words(path: Path, value: object) -> dict[str, str]:
    if not isinstance(value, dict) or not all(_NAME.fullmatch(f"{{{k}}}") for k in value):
        raise _fail(path, "words", "expected a mapping of lower-case names to lists of words")
    return {name: "(?:" + "|".join(_patterns(path, f"words.{name}", alternatives, {})) + ")"
            for name, alternatives in value.items()}


def load_signs(path: Path) -> tuple[Sign, ...]:
    """The file's signs in the order written; raises SignsError naming the file and place."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as error:
        raise SignsError(f"{path.name}: not valid YAML: {error}") from error
    if not isinstance(data, dict) or not {"signs"} <= set(data) <= {"signs", "words"} \
            or not isinstance(data["signs"], dict):
        raise SignsError(f"{path.name}: expected signs: {{name: {{...}}}} and words (optional)")
    words = _words(path, data.get("words", {}))
    signs = []
    for name, sign in data["signs"].items():
        if not isinstance(sign, dict):
            raise _fail(path, str(name), "expected kind, tier and patterns")
        if set(sign) - _KEYS or not {"kind", "tier", "patterns"} <= set(sign):
            raise _fail(path, str(name), f"keys are {sorted(_KEYS)}; kind, tier and patterns "
                        "are needed")
        if sign["kind"] not in CRISIS_KINDS:
            raise _fail(path, f"{name}.kind", f"{sign['kind']!r} is not one of {CRISIS_KINDS}")
        if sign["tier"] not in TIERS:
            raise _fail(path, f"{name}.tier", f"{sign['tier']!r} is not one of {TIERS}")
        unless = sign.get("unless")
        doubted_by = sign.get("doubted_by", list(DOUBTS))
        if not isinstance(doubted_by, list) or not set(doubted_by) <= set(DOUBTS):
            raise _fail(path, f"{name}.doubted_by", f"a list of some of {DOUBTS}")
        signs.append(Sign(str(name), sign["kind"], sign["tier"],
                          _joined(path, f"{name}.patterns", sign["patterns"], words),
                          None if unless is None else _joined(path, f"{name}.unless", unless,
                                                              words),
                          frozenset(doubted_by)))
    return tuple(signs)
