"""Read a message written in another Leeds language with that language's own cues.

Needs, kinds of help, crises and the own-language STOP and HELP come from the language's file
(data/languages/<code>.yaml, see language_data.py). Crisis cues of every other language of the
same script are checked too (a Farsi phrase on an Urdu keyboard still raises the crisis reply),
and English words mixed in ("potrzebuję food bank") are read with the English lexicon.
Places are not read here: postcodes and place names are the same in every language.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from bot.understanding.kinds import kinds_for_need, read_kinds
from bot.understanding.language_data import Cue, LanguageData, language, languages
from bot.understanding.language_text import fold_words
from bot.understanding.needs import lexicon_needs
from bot.understanding.safety import CRISIS_KINDS

__all__ = ["Reading", "own_keyword", "read_in_language"]

#: A need is named when its cues add up to this much (as in English, needs.py).
THRESHOLD = 2
#: A second need is kept only when a cue this strong names it, or a kind of it is named.
PLAIN_WEIGHT = 3
#: How many other words may sit between two words of a phrase (English allows two; one here,
#: where "nie mam [internetu w] domu" must not read as "nie mam domu", no home).
MAX_GAP = 1
#: Whole-message commands are at most this many words.
MAX_COMMAND_WORDS = 6


@dataclass(frozen=True)
class Reading:
    """What a message in another language says, by its own cues (English words added)."""

    needs: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    #: The crisis kind its cues name, or None.
    crisis_kind: str | None = None
    #: The language whose crisis cue matched (the message's own first).
    crisis_language: str | None = None


class _Index:
    """One language's cues, a phrase once with all it names, looked up by its first word."""

    def __init__(self, data: LanguageData, cues: tuple[Cue, ...]) -> None:
        self.prefixes = data.prefixes
        merged: dict[tuple[str, ...], dict[str, int]] = {}
        for cue in cues:
            slot = merged.setdefault(tuple(self._bare(w) for w in cue.words), {})
            slot[cue.label] = max(slot.get(cue.label, 0), cue.weight)
        # Longest phrases claim their words first, so "bank żywności" is read before "bank".
        ordered = sorted(merged.items(), key=lambda kv: (-len(kv[0]), -max(kv[1].values())))
        self.cues: tuple[tuple[tuple[str, ...], tuple[tuple[str, int], ...]], ...] = tuple(
            (words, tuple(named.items())) for words, named in ordered)
        self.exact: dict[str, list[int]] = {}
        self.stems: dict[str, list[int]] = {}
        for i, (words, _named) in enumerate(self.cues):
            first = words[0]
            if first.endswith("*"):
                self.stems.setdefault(first[:-1], []).append(i)
            else:
                self.exact.setdefault(first, []).append(i)

    def _bare(self, word: str) -> str:
        """A cue word without a grammatical prefix of two letters or more ("الكهرباء" is
        "كهرباء", "میخوام" is "خوام"), so it matches with the prefix, without it, or with
        the prefix written apart ("می خوام"). One-letter prefixes are often root letters."""
        for p in sorted(self.prefixes, key=len, reverse=True):
            if len(p) >= 2 and word.startswith(p) and len(word.rstrip("*")) - len(p) >= 3:
                return word[len(p):]
        return word

    def variants(self, token: str) -> tuple[str, ...]:
        """The token, and the token without each joined-on prefix it starts with."""
        return (token, *(token[len(p):] for p in self.prefixes
                         if token.startswith(p) and len(token) - len(p) >= 2))

    def candidates(self, forms: list[tuple[str, ...]]) -> list[int]:
        """Cues whose first word appears among the message's words, in claiming order."""
        found: set[int] = set()
        for variants in forms:
            for v in variants:
                found.update(self.exact.get(v, ()))
                for k in range(3, len(v) + 1):
                    found.update(self.stems.get(v[:k], ()))
        return sorted(found)


def _matches(word: str, variants: tuple[str, ...]) -> bool:
    if word.endswith("*"):
        stem = word[:-1]
        return any(v.startswith(stem) for v in variants)
    return word in variants


def _find(words: tuple[str, ...], forms: list[tuple[str, ...]], used: list[bool]) -> list[int]:
    """Positions of the first in-order match of a phrase with small gaps; [] when absent."""
    for start, here in enumerate(forms):
        if used[start] or not _matches(words[0], here):
            continue
        span = [start]
        for word in words[1:]:
            lo = span[-1] + 1
            nxt = next((i for i in range(lo, min(lo + MAX_GAP + 1, len(forms)))
                        if not used[i] and _matches(word, forms[i])), None)
            if nxt is None:
                break
            span.append(nxt)
        else:
            return span
    return []


def _hits(index: _Index, tokens: tuple[str, ...]) -> list[tuple[str, int, int]]:
    """(what a cue names, its weight, where it starts) for each cue found, longest first,
    each word of the message used by one cue only."""
    forms = [index.variants(t) for t in tokens]
    used = [False] * len(tokens)
    out: list[tuple[str, int, int]] = []
    for i in index.candidates(forms):
        words, named = index.cues[i]
        span = _find(words, forms, used)
        if span:
            for j in span:
                used[j] = True
            out += [(label, weight, span[0]) for label, weight in named]
    return out


@cache
def _index(code: str, section: str) -> _Index:
    data = language(code)
    return _Index(data, getattr(data, section))


def _needs(code: str, tokens: tuple[str, ...]) -> dict[str, tuple[int, int]]:
    """Each need with a cue: (total weight, position of its first cue of weight 2 or more)."""
    scores: dict[str, tuple[int, int]] = {}
    for need, weight, at in _hits(_index(code, "needs"), tokens):
        total, first = scores.get(need, (0, len(tokens)))
        scores[need] = (total + weight, min(first, at) if weight >= 2 else first)
    return scores


def _kinds(code: str, tokens: tuple[str, ...]) -> tuple[str, ...]:
    first: dict[str, int] = {}
    for kind, _weight, at in _hits(_index(code, "kinds"), tokens):
        first[kind] = min(first.get(kind, at), at)
    return tuple(sorted(first, key=first.get))


def _crisis(code: str, tokens: tuple[str, ...]) -> str | None:
    found = {kind for kind, _weight, _at in _hits(_index(code, "crisis"), tokens)}
    return next((kind for kind in CRISIS_KINDS if kind in found), None)


def _same_script(code: str) -> tuple[str, ...]:
    """The language first, then the others of its script (not English: safety.py reads it)."""
    script = language(code).script
    return (code, *(c for c, d in languages().items()
                    if c not in (code, "en") and d.script == script))


def _not_in_language(text: str, code: str) -> str:
    """The message without the language's own common words, for the English lexicon: Polish
    "dla" (for) is not DLA, the benefit."""
    words = language(code).words
    return " ".join(w for w in text.split() if not set(fold_words(w)) <= words)


@lru_cache(maxsize=4096)
def read_in_language(text: str, code: str) -> Reading:
    """Needs, kinds and any crisis in a message in language ``code`` (not "en")."""
    tokens = fold_words(text)
    crisis, said_in = None, None
    for other in _same_script(code):
        crisis = _crisis(other, tokens)
        if crisis is not None:
            said_in = other
            break
    scores = _needs(code, tokens)
    named = sorted((first, -total, need) for need, (total, first) in scores.items()
                   if total >= THRESHOLD)
    kinds = _kinds(code, tokens)
    english = _not_in_language(text, code)
    kinds += tuple(k for k in read_kinds(english) if k not in kinds)
    needs = [need for _, _, need in named]
    needs += [n for n in lexicon_needs(english) if n not in needs]
    if len(needs) > 1:  # another need is kept only when the words say it plainly
        needs = needs[:1] + [n for n in needs[1:] if kinds_for_need(kinds, n)
                             or scores.get(n, (0, 0))[0] >= PLAIN_WEIGHT or n not in scores]
    return Reading(tuple(needs), kinds, crisis, said_in)


def own_keyword(text: str, code: str) -> str | None:
    """"stop" or "help" when the whole message is the language's own word for it."""
    if code not in languages() or code == "en":
        return None
    data = language(code)
    words = fold_words(text)
    if not words or len(words) > MAX_COMMAND_WORDS:
        return None
    core = tuple(w for w in words if w not in data.filler) or words
    for name, phrases in data.keywords:
        if " ".join(words) in phrases or " ".join(core) in phrases:
            return name
    return None
