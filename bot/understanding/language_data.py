"""The word lists of each Leeds language (data/languages/<code>.yaml), loaded and checked.

One file a language: the words that say a message is in it, its letters, its own words for
STOP and HELP, and cues for needs, kinds of help and crises, in the resident's words. Adding a
language is adding a file (and its catalogue, in bot/wording). English's cues live in
data/need_cues.yaml, data/kind_cues.yaml and safety.py; its file holds only what detection needs.

A cue is a phrase: its words must come in order, with at most MAX_GAP other words between
them; a word ending in ``*`` is a stem ("jedzeni*" is jedzenie, jedzenia, jedzeniem). Words
are compared folded (language_text.fold), so a cue matches with or without diacritics.
Every problem in a file is reported with the file and the place in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from bot.understanding.language_text import ARABIC, LATIN, fold, script_of
from bot.understanding.safety import CRISIS_KINDS
from core.errors import BadInput
from directory.needs import KINDS_BY_SLUG, NEED_SLUGS

__all__ = ["CODES", "DATA_DIR", "Cue", "LanguageData", "LanguageDataError", "language",
           "languages", "load_language"]

DATA_DIR = Path(__file__).resolve().parent / "data" / "languages"
#: The languages the bot reads, English first (the file names in DATA_DIR).
CODES: tuple[str, ...] = ("en", "pl", "ro", "ur", "ar", "ckb", "fa")
#: The shortest stem a cue may have: shorter ones match too many unrelated words.
MIN_STEM = 3
_KEYS = {"code", "name", "english_name", "script", "reviewed", "letters", "prefixes", "words",
         "keywords", "needs", "kinds", "crisis"}
_KEYWORD_KEYS = {"stop", "help", "filler"}


class LanguageDataError(BadInput):
    """A language file is missing something or holds something the bot cannot use."""


class _Loader(yaml.SafeLoader):
    """YAML's safe loader, but a key written twice is an error, not the last one winning."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"{key!r} is written twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


@dataclass(frozen=True)
class Cue:
    """A phrase as folded words (a trailing ``*`` marks a stem) and what it names."""

    words: tuple[str, ...]
    label: str
    weight: int = 3


@dataclass(frozen=True)
class LanguageData:
    code: str
    #: The language's name in itself ("Polski"), for the "which language?" question.
    name: str
    english_name: str
    script: str
    #: False until a fluent reviewer has checked every list: the lists are drafts till then.
    reviewed: bool
    #: Letters that mark the language among the others of its script (as typed, not folded).
    letters: frozenset[str]
    #: Words written joined to the front of the next word (Arabic و, ال): tried off in matching.
    prefixes: tuple[str, ...]
    #: Common words (folded) that say a message is in this language.
    words: frozenset[str]
    needs: tuple[Cue, ...] = ()
    kinds: tuple[Cue, ...] = ()
    crisis: tuple[Cue, ...] = ()
    #: "stop" and "help" -> whole messages (folded) that mean the command.
    keywords: tuple[tuple[str, frozenset[str]], ...] = ()
    #: Polite words that may surround a command ("proszę").
    filler: frozenset[str] = frozenset()

    def cue_words(self) -> frozenset[str]:
        """Every word of every cue and keyword, stems with their ``*``."""
        phrases = [c.words for c in (*self.needs, *self.kinds, *self.crisis)]
        phrases += [tuple(p.split()) for _, ps in self.keywords for p in ps]
        return frozenset(w for words in phrases for w in words)


def _fail(path: Path, where: str, problem: str) -> LanguageDataError:
    return LanguageDataError(f"{path.name}: {where}: {problem}")


def _strings(path: Path, where: str, value: object) -> list[str]:
    if not isinstance(value, list) or not value:
        raise _fail(path, where, "expected a non-empty list of words or phrases")
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise _fail(path, where, f"{item!r} is not a word or phrase")
    return value


def _phrase(path: Path, where: str, phrase: str, script: str) -> tuple[str, ...]:
    """A cue phrase as folded words, checked: its script, and stems long enough."""
    out: list[str] = []
    for raw in phrase.split():
        star = raw.endswith("*")
        if "*" in raw.rstrip("*") or raw.count("*") > 1:
            raise _fail(path, where, f"{phrase!r}: a * may only end a word")
        for letter in raw:
            found = script_of(letter)
            if found not in (None, script):
                raise _fail(path, where, f"{phrase!r}: {letter!r} is not in the {script} "
                                         "script of this file")
        words = fold(raw.rstrip("*")).split()
        if not words:
            raise _fail(path, where, f"{phrase!r}: a word with no letters or digits")
        if star:
            if len(words[-1]) < MIN_STEM:
                raise _fail(path, where, f"{phrase!r}: the stem {words[-1]!r} is shorter "
                                         f"than {MIN_STEM} letters")
            words[-1] += "*"
        out += words
    return tuple(out)


def _weighted(path: Path, section: str, data: object, known: tuple[str, ...] | dict,
              script: str, every: bool) -> tuple[Cue, ...]:
    """Cues under ``slug: {weight: [phrases]}`` or ``slug: [phrases]`` (weight 3)."""
    if not isinstance(data, dict):
        raise _fail(path, section, "expected a mapping of slugs to phrases")
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise _fail(path, section, f"{unknown} are not in the registry "
                                   f"(known: {', '.join(known)})")
    missing = [slug for slug in known if slug not in data] if every else []
    if missing:
        raise _fail(path, section, f"no cues for {missing}: every one needs some")
    cues: list[Cue] = []
    for slug, value in data.items():
        by_weight = value if isinstance(value, dict) else {3: value}
        for weight, phrases in by_weight.items():
            where = f"{section}.{slug}.{weight}"
            if weight not in (1, 2, 3):
                raise _fail(path, where, "a weight is 1, 2 or 3")
            cues += [Cue(_phrase(path, where, p, script), slug, weight)
                     for p in _strings(path, where, phrases)]
    return tuple(cues)


def _keywords(path: Path, data: object, script: str) -> tuple[tuple, frozenset[str]]:
    if not isinstance(data, dict) or set(data) - _KEYWORD_KEYS or not {"stop", "help"} <= set(
            data):
        raise _fail(path, "keywords", "expected stop, help and (optionally) filler lists")
    commands = tuple((name, frozenset(" ".join(_phrase(path, f"keywords.{name}", p, script))
                                      for p in _strings(path, f"keywords.{name}", data[name])))
                     for name in ("stop", "help"))
    for name, phrases in commands:
        if any("*" in p for p in phrases):
            raise _fail(path, f"keywords.{name}", "whole words only, no stems")
    filler = frozenset(w for p in data.get("filler") or [] for w in fold(p).split())
    return commands, filler


def load_language(path: Path) -> LanguageData:
    """One language file, checked; raises LanguageDataError naming the file and the place."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    except yaml.YAMLError as error:
        raise LanguageDataError(f"{path.name}: not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise LanguageDataError(f"{path.name}: expected a mapping at the top")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise _fail(path, "top", f"unknown keys {unknown} (known: {sorted(_KEYS)})")
    for key in ("code", "name", "english_name", "script", "reviewed", "words"):
        if key not in data:
            raise _fail(path, "top", f"{key} is missing")
    code, script = data["code"], data["script"]
    if code != path.stem:
        raise _fail(path, "code", f"{code!r} is not the file's name ({path.stem!r})")
    if script not in (LATIN, ARABIC):
        raise _fail(path, "script", f"{script!r} is not {LATIN} or {ARABIC}")
    if not isinstance(data["reviewed"], bool):
        raise _fail(path, "reviewed", "true or false (false: a draft awaiting a fluent reviewer)")
    letters = data.get("letters") or ""
    if not isinstance(letters, str) or any(script_of(ch) != script for ch in letters):
        raise _fail(path, "letters", f"a string of letters of the {script} script")
    listed = data["words"].split() if isinstance(data["words"], str) else data["words"]
    words = frozenset(w for p in _strings(path, "words", listed)
                      for w in _phrase(path, "words", p, script))
    if any(w.endswith("*") for w in words):
        raise _fail(path, "words", "whole words only, no stems")
    prefixes = tuple(fold(p) for p in data.get("prefixes") or [])
    base = dict(code=code, name=str(data["name"]), english_name=str(data["english_name"]),
                script=script, reviewed=data["reviewed"], letters=frozenset(letters),
                prefixes=prefixes, words=words)
    if code == "en":
        extra = sorted({"needs", "kinds", "crisis", "keywords"} & set(data))
        if extra:
            raise _fail(path, "top", f"{extra}: English cues live in need_cues.yaml, "
                                     "kind_cues.yaml, safety.py and keywords.py")
        return LanguageData(**base)
    for key in ("needs", "crisis", "keywords"):
        if key not in data:
            raise _fail(path, "top", f"{key} is missing")
    commands, filler = _keywords(path, data["keywords"], script)
    return LanguageData(
        **base,
        needs=_weighted(path, "needs", data["needs"], NEED_SLUGS, script, every=True),
        kinds=_weighted(path, "kinds", data.get("kinds") or {}, tuple(KINDS_BY_SLUG), script,
                        every=False),
        crisis=_weighted(path, "crisis", data["crisis"], CRISIS_KINDS, script, every=True),
        keywords=commands, filler=filler)


@cache
def languages() -> dict[str, LanguageData]:
    """Every language file, loaded once, in CODES order."""
    return {code: load_language(DATA_DIR / f"{code}.yaml") for code in CODES}


def language(code: str) -> LanguageData:
    """One language's lists."""
    return languages()[code]
