"""Read what a resident needs from a free-text message: words, slang, typos, several at once.

The caller handles menu digits and places; this only names needs. A weighted lexicon of cue words
and phrases is matched token by token: exactly for short words; for words of 5+ letters also with
one slip of the thumb (a swap, a neighbouring key, a letter missed or doubled, measured with
rapidfuzz's edit distance); phrases in order with small gaps ("no gas on the meter"). A need counts
when its cues add up to at least 2; needs come back in the order the message first clearly names
them, so "skint and the electric is off" gives ["money", "energy"]. Nothing clear gives [], and
the caller shows the numbered menu.

A plain fuzz.ratio >= 85 was tried first and read hundreds of everyday words as cues ("starting"
as "starving", "heading" as "heating"); the slip rules plus _NO_FUZZ cut that to almost none on
a 60,000-word frequency list.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from rapidfuzz.distance import Indel

from bot.understanding.normalise import normalise
from bot.understanding.textmodel import load_model
from directory.needs import NEED_SLUGS

__all__ = ["detect_needs", "fused_main", "lexicon_needs", "need_probabilities",
           "need_scores", "needs_in_crisis"]

#: A need is named when its cues add up to this much.
THRESHOLD = 2
#: How many other words may sit between two words of a phrase.
MAX_GAP = 2
#: Below this length a word must match exactly; at or above it typos are tolerated.
FUZZY_MIN_LEN = 5

CUES_FILE = Path(__file__).resolve().parent / "data" / "need_cues.yaml"


def _load_cue_file(path: Path = CUES_FILE) -> dict:
    """The cue words (weights, shared cues, whole forms, words never read as typos)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    unknown = set(data["cues"]) - set(NEED_SLUGS)
    if unknown:
        raise ValueError(f"{path.name}: cues for needs that are not in the registry: {unknown}")
    return data


_CUE_FILE = _load_cue_file()
#: need -> weight -> phrases, as the resident types them (see the file's header).
LEXICON: dict[str, dict[int, tuple[str, ...]]] = {
    need: {int(weight): tuple(phrases) for weight, phrases in by_weight.items()}
    for need, by_weight in _CUE_FILE["cues"].items()
}
#: Cues that speak to two needs at once: (phrase, {need: weight}).
_SHARED: tuple[tuple[str, dict[str, int]], ...] = tuple(
    (phrase, dict(scores)) for phrase, scores in _CUE_FILE["shared"])
#: Whole forms of stems that people misspell; typos are matched against whole words only.
_WHOLE_FORMS: dict[str, tuple[str, ...]] = {
    need: tuple(forms) for need, forms in _CUE_FILE["whole_forms"].items()}
#: Common words one slip away from a cue, never taken as a typo of it.
_NO_FUZZ: frozenset[str] = frozenset(_CUE_FILE["no_fuzz"])


@dataclass(frozen=True)
class _Cue:
    words: tuple[str, ...]
    scores: tuple[tuple[str, int], ...]


def _cue_words(phrase: str) -> tuple[str, ...]:
    """A lexicon phrase as normalised words, keeping a trailing * on a word."""
    out: list[str] = []
    for word in phrase.split():
        star = word.endswith("*")
        toks = normalise(word.rstrip("*")).split()
        if star and toks:
            toks[-1] += "*"
        out += toks
    return tuple(out)


def _build_cues() -> tuple[_Cue, ...]:
    merged: dict[tuple[str, ...], dict[str, int]] = {}
    for need, by_weight in LEXICON.items():
        for weight, phrases in by_weight.items():
            for phrase in phrases:
                slot = merged.setdefault(_cue_words(phrase), {})
                slot[need] = max(slot.get(need, 0), weight)
    for need, forms in _WHOLE_FORMS.items():
        for form in forms:
            slot = merged.setdefault(_cue_words(form), {})
            slot[need] = max(slot.get(need, 0), 3)
    for phrase, scores in _SHARED:
        merged[_cue_words(phrase)] = dict(scores)
    cues = [_Cue(words, tuple(scores.items())) for words, scores in merged.items() if words]
    # Longest phrases claim their words first, so "food bank" is read before "food" or "bank".
    cues.sort(key=lambda c: (-len(c.words), -max(w for _, w in c.scores)))
    return tuple(cues)


_CUES = _build_cues()
_VOCAB: frozenset[str] = frozenset(w for cue in _CUES for w in cue.words if not w.endswith("*"))
_STEMS: frozenset[str] = frozenset(w[:-1] for cue in _CUES for w in cue.words if w.endswith("*"))
_FUZZY_TARGETS: tuple[str, ...] = tuple(sorted(w for w in _VOCAB if len(w) >= FUZZY_MIN_LEN))
_BY_FIRST_WORD: dict[str, list[int]] = {}
for _index, _cue in enumerate(_CUES):
    _BY_FIRST_WORD.setdefault(_cue.words[0], []).append(_index)
_NEGATORS: frozenset[str] = frozenset({"not", "never"})
#: Words that ask for something: a cue just after one ("need summat to eat", "where can I get
#: a food parcel"), or just before "please", names what the resident is asking for, not the
#: story around it.
_ASKING: frozenset[str] = frozenset({
    "need", "needing", "want", "wanting", "looking", "after", "get", "find", "where",
    "wheres", "any", "anywhere", "somewhere"})
#: How many words before a cue may hold the asking word.
_ASK_REACH = 4


_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS: dict[str, frozenset[str]] = {
    ch: frozenset(
        _KEY_ROWS[r2][c2]
        for r2 in range(max(r - 1, 0), min(r + 2, 3))
        for c2 in range(c - 1, c + 2)
        if 0 <= c2 < len(_KEY_ROWS[r2]) and (r2, c2) != (r, c)
    )
    for r, row in enumerate(_KEY_ROWS)
    for c, ch in enumerate(row)
}


def _one_slip(typed: str, wanted: str) -> bool:
    """One slip of the thumb inside a word: two letters swapped, a neighbouring key hit, or
    (in longer words) a letter missed or doubled. The first and last letters must be right,
    which keeps most real words ("starting" is not "starving") from passing as typos."""
    if typed == wanted or typed[0] != wanted[0] or typed[-1] != wanted[-1]:
        return False
    if len(typed) == len(wanted):
        diff = [i for i, (x, y) in enumerate(zip(typed, wanted, strict=True)) if x != y]
        if len(diff) == 2 and diff[1] == diff[0] + 1:
            return typed[diff[0]] == wanted[diff[1]] and typed[diff[1]] == wanted[diff[0]]
        return (
            len(diff) == 1
            and len(wanted) >= 6
            and typed[diff[0]] in _NEIGHBOURS.get(wanted[diff[0]], frozenset())
        )
    return len(wanted) >= 6 and Indel.distance(typed, wanted, score_cutoff=1) <= 1


def _stems_of(token: str) -> set[str]:
    return {token[:k] + "*" for k in range(1, len(token) + 1) if token[:k] in _STEMS}


@lru_cache(maxsize=16384)
def _words_for(token: str) -> frozenset[str]:
    """The lexicon words a message token stands for: itself, stems it starts with, or (for an
    unknown word of 5+ letters) the whole words it is one slip away from. A plural or "'s"
    ending is tried off as well ("leccys", "nans")."""
    forms = [token] + ([token[:-1]] if len(token) > 3 and token.endswith("s") else [])
    words: set[str] = set()
    for form in forms:
        if form in _VOCAB:
            words.add(form)
        words |= _stems_of(form)
    if words or len(token) < FUZZY_MIN_LEN or token in _NO_FUZZ:
        return frozenset(words)
    return frozenset(w for w in _FUZZY_TARGETS if _one_slip(token, w))


def _find(words: tuple[str, ...], known: list[frozenset[str]], used: list[bool]) -> list[int]:
    """Positions of the tightest in-order match of a phrase, with small gaps between words;
    [] when it is not there. "no heating no food" matches "no food" at its second "no"."""
    best: list[int] = []
    for start, here in enumerate(known):
        if best and start > best[-1]:
            break
        if used[start] or words[0] not in here:
            continue
        span = [start]
        for word in words[1:]:
            lo = span[-1] + 1
            nxt = next(
                (
                    i
                    for i in range(lo, min(lo + MAX_GAP + 1, len(known)))
                    if not used[i] and word in known[i]
                ),
                None,
            )
            if nxt is None:
                break
            span.append(nxt)
        else:
            if not best or span[-1] <= best[-1]:
                best = span
    return best


def need_scores(text: str, denied: set[str] | None = None) -> dict[str, tuple[int, int]]:
    """Each need with a cue in the text: (total weight, position of its first clear cue).
    Needs whose cue came straight after "not" are added to ``denied`` when it is given."""
    scores, said_not, _ = _read_cues(text)
    if denied is not None:
        denied.update(said_not)
    return dict(scores)


def _asked_at(tokens: list[str], start: int, end: int) -> bool:
    """True when an asking word ("need", "where", "get") sits just before ``start``, or "please"
    straight after ``end`` ("emergency money pls"); "do not want to tell the health visitor"
    asks for nothing."""
    lo = max(0, start - _ASK_REACH)
    return (any(t in _ASKING and (i == 0 or tokens[i - 1] not in _NEGATORS)
                for i, t in enumerate(tokens[lo:start], lo))
            or tokens[end + 1:end + 2] == ["please"])


@lru_cache(maxsize=16)  # a message is read two or three times in a row (``detect_needs``)
def _read_cues(text: str) -> tuple[tuple[tuple[str, tuple[int, int]], ...], frozenset[str],
                                   frozenset[str]]:
    """``need_scores`` as (need, score) pairs, the needs said not to be needed, and the needs
    asked for (a clear cue just after an asking word)."""
    asked: set[str] = set()
    denied: set[str] = set()
    tokens = normalise(text).split()
    known = [_words_for(token) for token in tokens]
    used = [False] * len(tokens)
    scores: dict[str, tuple[int, int]] = {}
    candidates = sorted({i for words in known for w in words for i in _BY_FIRST_WORD.get(w, ())})
    for cue in (_CUES[i] for i in candidates):
        span = _find(cue.words, known, used)
        if not span:
            continue
        for i in span:
            used[i] = True
        if len(span) == 1 and span[0] > 0 and tokens[span[0] - 1] in _NEGATORS:
            # "not hungry, just skint": a single word straight after "not" is denied
            denied.update(need for need, _ in cue.scores)
            continue
        for need, weight in cue.scores:
            total, first = scores.get(need, (0, len(tokens)))
            # Order comes from where a need is first clearly named, not from a passing word.
            scores[need] = (total + weight, min(first, span[0]) if weight >= 2 else first)
            if weight >= 2 and _asked_at(tokens, span[0], span[-1]):
                asked.add(need)
    return tuple(scores.items()), frozenset(denied), frozenset(asked)


def fused_main(lexicon: list[str], probs: dict[str, float], trust: float, floor: float) -> str:
    """The main need from both layers, or "none" (show the menu).

    The lexicon's first need stands when the classifier gives it at least ``trust``; otherwise
    the classifier's best guess stands when it is at least ``floor`` sure; otherwise the
    lexicon's reading (or none) stands.
    """
    if lexicon and probs.get(lexicon[0], 0.0) >= trust:
        return lexicon[0]
    best = max(probs, key=probs.get)
    if probs[best] >= floor:
        return best
    return lexicon[0] if lexicon else "none"


def lexicon_needs(text: str) -> list[str]:
    """What the lexicon alone reads: need slugs, those asked for first ("skint till Tuesday,
    need summat to eat" is food, then money), then in the order the message names them; money
    not asked for comes after food ("no money for food till Friday" is food, then money)."""
    pairs, _, asked = _read_cues(text)
    named = {need for need, (total, _) in pairs if total >= THRESHOLD}
    found = [(need not in asked, need == "money" and "food" in named and "money" not in asked,
              first, -total, need)
             for need, (total, first) in pairs if total >= THRESHOLD]
    return [need for *_, need in sorted(found)]


@lru_cache(maxsize=1024)  # a dict of 15 floats is about 0.9 KB
def need_probabilities(text: str) -> dict[str, float]:
    """The classifier's probability for each need as the main one (and "none")."""
    return load_model("needs_model").scores(text)


def detect_needs(text: str) -> list[str]:
    """Need slugs in the text, main need first; [] when nothing is clear enough to act on.

    The lexicon names every need it sees; the classifier, trained on labelled messages, decides
    the main need when the lexicon's first guess is unlikely, and finds needs worded in ways the
    lexicon does not know ("my nan's on her own all day").
    """
    lexicon = lexicon_needs(text)
    if not text.strip():
        return lexicon
    meta = load_model("needs_model").meta
    main = fused_main(lexicon, need_probabilities(text), meta["lexicon_trust"],
                      meta["model_floor"])
    denied: set[str] = set()
    need_scores(text, denied)
    if main in denied:  # the classifier read a word the resident said they do NOT need
        return lexicon
    if main == "none":
        return lexicon
    return [main] + [need for need in lexicon if need != main]


def needs_in_crisis(text: str, about: str | None) -> list[str]:
    """The needs of a message that raised the crisis reply: only those named in plain words (a
    guess is not enough), and ``about``, the need the crisis is about (domestic abuse), first
    when the classifier's main need is it too: "he says sorry every time and I don't know if I
    should leave" names no need in plain words, but both classifiers read abuse."""
    lexicon = lexicon_needs(text)
    if about is None or not text.strip():
        return lexicon
    probs = need_probabilities(text)
    if max(probs, key=probs.get) != about or probs[about] < load_model("needs_model").meta[
            "model_floor"]:
        return lexicon
    return [about] + [need for need in lexicon if need != about]
