"""Which Leeds language a message is in: the script first, then letters and word lists.

Latin script is English, Polish or Romanian; Arabic script is Arabic, Farsi, Urdu or Sorani
Kurdish. Within a script, each word counts for the languages whose distinctive letters it has
(Polish ł ż ę, Romanian ș ț ă; Sorani ڕ ڵ ۆ ێ ە, Urdu ٹ ڈ ڑ ں ے, Farsi and the others' پ چ ژ گ
ی ک against Arabic's ي ك ة ى) and for the languages whose word lists hold it; a word several
languages share counts a share to each. Postcodes, numbers, a whole-message English keyword and
place names (in no list) count for nothing: such a message alone never switches language, and
gets back the hint (Telegram's language_code, or the conversation's language) or English, not
sure. Not sure also when the evidence is thin or close: the caller then asks, in one tap.

lingua-py was measured against this and not used: docs/understanding-models.md.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

from bot.understanding.keywords import detect_keyword
from bot.understanding.language_data import CODES, languages
from bot.understanding.language_text import ARABIC, LATIN, fold, script_of
from bot.understanding.needs import LEXICON

__all__ = ["ENGLISH", "LanguageGuess", "detect_language", "hint_code", "neutral"]

#: Evidence (in words) the best language needs to be sure...
SURE_SCORE = 2.0
#: ...and how many times the runner-up's it must be...
SURE_RATIO = 2.0
#: ...from at least this many words: a single word is a guess, however telling its letters.
SURE_WORDS = 2
#: What a word found only as the start of a cue stem counts for: in Latin script an English
#: word often starts like a Polish or Romanian stem ("stressed", "stres*"), so it counts half.
STEM_WEIGHT = {LATIN: 0.5, ARABIC: 1.0}
#: What a word of the English need cues that is not a common English word counts for English
#: ("settled", "status", "credit"): people name UK things in English whatever they speak.
ENGLISH_CUE_WEIGHT = 0.5
#: In Latin script, the least evidence that moves a message away from English (or the hint).
LATIN_MIN = 1.0
#: Cue words shorter than this do not count as evidence (short words are shared too often).
MIN_CUE_WORD = 4
#: What each script falls back to when nothing in the message points anywhere.
_DEFAULT = {LATIN: "en", ARABIC: "ar"}
#: Other names Telegram and phones give for the languages we read.
_HINT_ALIASES = {"ku": "ckb", "prs": "fa", "pes": "fa", "ro-md": "ro", "mo": "ro"}
_DIGITS = re.compile(r"\d")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class LanguageGuess:
    """A message's language, whether the message says so clearly, and why."""

    #: One of en, pl, ro, ur, ar, ckb, fa.
    code: str
    #: True when the message itself says so clearly; False: a guess, the hint, or English.
    sure: bool
    #: Why, for volunteers and tests ("letters ę; 2 of 3 words; 3.0 against 0.0"): letters and
    #: counts only, never the message's own words.
    why: str

    def to_dict(self) -> dict:
        return {"code": self.code, "sure": self.sure, "why": self.why}


ENGLISH = LanguageGuess("en", False, "no words to go on")


def neutral(hint: str | None, why: str) -> LanguageGuess:
    """What a message with nothing of a language in it (a postcode, a place) is in: the hint's
    language, or English; never sure."""
    hinted = hint_code(hint)
    return LanguageGuess(hinted or "en", False, why + (f"; hint {hinted}" if hinted else ""))


def hint_code(hint: str | None) -> str | None:
    """A language tag ("pl-PL", "ckb", "ku") as one of our codes, or None."""
    if not hint:
        return None
    tag = hint.strip().lower().replace("_", "-")
    tag = _HINT_ALIASES.get(tag, tag)
    primary = _HINT_ALIASES.get(tag.split("-")[0], tag.split("-")[0])
    return primary if primary in CODES else None


def _english_vocabulary() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """English's common words (en.yaml), the words of its need cues, and its cue stems."""
    common, cue_words, stems = languages()["en"].words, set(), set()
    for by_weight in LEXICON.values():
        for phrases in by_weight.values():
            for phrase in phrases:
                for word in phrase.split():
                    folded = fold(word.rstrip("*"))
                    (stems if word.endswith("*") else cue_words).add(folded)
    return common, frozenset(cue_words - common), tuple(sorted(stems))


def _english_too(word: str, english: frozenset[str], stems: tuple[str, ...]) -> bool:
    """True for a cue word English writes too ("laptop", "grant*", "club*"): in a Polish or
    Romanian list it says nothing about the language."""
    bare = word.rstrip("*")
    if bare in english or any(bare.startswith(s) for s in stems):
        return True
    return word.endswith("*") and any(w.startswith(bare) for w in english)


def _shares(weights: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """A word several languages hold counts a share to each."""
    return {k: {c: w / len(v) for c, w in v.items()} for k, v in weights.items()}


@cache
def _tables() -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]],
                       dict[str, dict[str, float]], dict[str, str]]:
    """Letter -> {language: share}, word -> {language: share}, stem -> shares; scripts."""
    letter_sets: dict[str, dict[str, float]] = {}
    word_sets: dict[str, dict[str, float]] = {}
    stem_sets: dict[str, dict[str, float]] = {}
    script: dict[str, str] = {}
    common, english_cues, english_stems = _english_vocabulary()
    for word in english_cues:  # names of UK things ("universal credit") are used in any language
        word_sets.setdefault(word, {})["en"] = ENGLISH_CUE_WEIGHT
    for code, data in languages().items():
        script[code] = data.script
        for letter in data.letters:
            letter_sets.setdefault(letter, {})[code] = 1.0
        for word in data.words:
            word_sets.setdefault(word, {})[code] = 1.0
        for word in data.cue_words():
            if len(word.rstrip("*")) < MIN_CUE_WORD or _DIGITS.search(word) or (
                    data.script == LATIN
                    and _english_too(word, common | english_cues, english_stems)):
                continue
            target = stem_sets if word.endswith("*") else word_sets
            target.setdefault(word.rstrip("*"), {}).setdefault(code, 1.0)
    return _shares(letter_sets), _shares(word_sets), _shares(stem_sets), script


def _word_evidence(token: str, prefixes: dict[str, tuple[str, ...]],
                   stem_weight: float) -> dict[str, float]:
    """The languages a folded word belongs to (as a word, a cue stem, or after a prefix)."""
    _letters, words, stems, _script = _tables()
    found = dict(words.get(token, {}))
    if not found:
        for k in range(len(token), MIN_CUE_WORD - 1, -1):
            if token[:k] in stems:
                found = {c: share * stem_weight for c, share in stems[token[:k]].items()}
                break
    if not found:
        for code, pre in prefixes.items():
            for p in pre:
                rest = token[len(p):]
                if token.startswith(p) and len(rest) >= 2 and code in words.get(rest, {}):
                    found[code] = 1.0
        found = {c: 1 / len(found) for c in found}
    return found


def _scores(raw_words: list[str], script: str) -> tuple[Counter, Counter, set[str]]:
    """Each language's evidence in the message's words, how many words gave it, and the
    telling letters seen."""
    letters, _words, _stems, scripts = _tables()
    candidates = {c for c, s in scripts.items() if s == script}
    prefixes = {c: d.prefixes for c, d in languages().items() if c in candidates and d.prefixes}
    scores: Counter = Counter({c: 0.0 for c in candidates})
    words: Counter = Counter()
    seen_letters: set[str] = set()
    for raw in raw_words:
        per_word: dict[str, float] = {}
        for ch in set(raw):
            shares = letters.get(ch)
            if shares:
                seen_letters.add(ch)
                for code, share in shares.items():
                    per_word[code] = per_word.get(code, 0) + share
        for token in fold(raw).split():
            for code, share in _word_evidence(token, prefixes, STEM_WEIGHT[script]).items():
                per_word[code] = per_word.get(code, 0) + share
        for code, value in per_word.items():
            if code in candidates:
                scores[code] += min(value, 2.0)  # one word counts for at most two
                words[code] += 1
    return scores, words, seen_letters


def _main_script(text: str) -> str | None:
    if text.isascii():  # the commonest case: any ASCII letter is Latin
        return LATIN if _ASCII_LETTER.search(text) else None
    counts = Counter(s for s in map(script_of, text) if s is not None)
    return counts.most_common(1)[0][0] if counts else None


@lru_cache(maxsize=4096)
def detect_language(text: str, hint: str | None = None) -> LanguageGuess:
    """The language of a message (one of en, pl, ro, ur, ar, ckb, fa), and whether it is sure.

    ``hint`` (Telegram's language_code, or the conversation's language) settles ties and is
    the answer when the message has nothing to go on."""
    hinted = hint_code(hint)
    fallback = neutral(hint, "no words to go on")
    text = text or ""
    raw_words = [w for w in text.split() if not _DIGITS.search(w)]
    script = _main_script(" ".join(raw_words))
    if script is None:
        return fallback
    if script not in _DEFAULT:
        return LanguageGuess(hinted or "en", False, f"a script we do not read yet ({script})")
    if script == LATIN and detect_keyword(text) is not None:
        return neutral(hint, "an English keyword")
    scores, words, letters = _scores(raw_words, script)
    if script == LATIN and not letters and sum(len(w.strip(".,!?")) for w in raw_words) < 2:
        return neutral(hint, "one letter")  # "o", "a": nothing of any language
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0] != hinted,
                                                    CODES.index(kv[0])))
    (best, top), (_, second) = ranked[0], ranked[1]
    if top == 0 or (script == LATIN and best != "en" and top < LATIN_MIN):
        if hinted is not None and hinted in scores:
            return LanguageGuess(hinted, False, f"nothing telling; hint {hinted}")
        if script == LATIN:
            return fallback
        return LanguageGuess(_DEFAULT[script], False, "nothing telling in the script")
    sure = top >= SURE_SCORE and top >= SURE_RATIO * second and words[best] >= SURE_WORDS
    tie = top == second
    # The why names letters and counts, never the message's words: it may be shown or kept.
    reason = (f"letters {' '.join(sorted(letters))}; " if letters else "") + (
        f"{words[best]} of {len(raw_words)} words; {top:.1f} against {second:.1f}") + (
        f"; tie settled by hint {hinted}" if tie and best == hinted else "")
    return LanguageGuess(best, sure and not tie, reason)
