"""One way to even out how people type, shared by the safety check, needs and the classifiers.

Curly and straight apostrophes become one, contractions and text-speak are spelt out
("can't", "cant" and "cnt" all become "cannot"; Yorkshire "t'gas" is "the gas"), punctuation
goes, and a letter typed three or more times is kept twice ("pleeease" -> "please" after the
lexicon's own tolerance).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["normalise"]

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
                         "\u2032": "'", "\uff07": "'"})

_CONTRACTIONS: tuple[tuple[str, str], ...] = (
    (r"\bt'(?=[a-z])", "the "),  # Yorkshire "t'gas", "t'shops"
    (r"\bcan'?t\b", "cannot"),
    (r"\bwon'?t\b", "will not"),
    (r"\bain'?t\b", "is not"),
    (r"\bod'?d\b", "overdosed"),
    (r"n't\b", " not"),
    (r"'ll\b", " will"),
    (r"'m\b", " am"),
    (r"'re\b", " are"),
    (r"'ve\b", " have"),
    (r"'d\b", " would"),
    (r"\b(he|she|it|that|there|what|who|where|here)'s\b", r"\1 is"),
)

#: Text-speak and apostrophe-less spellings mapped to one canonical form.
_TXT: dict[str, str] = {
    "u": "you", "ya": "you", "ur": "your", "r": "are", "n": "and", "nd": "and",
    "im": "i am", "ive": "i have", "hes": "he is", "shes": "she is",
    "thats": "that is", "theres": "there is", "whats": "what is", "youre": "you are",
    "theyre": "they are", "cant": "cannot", "dont": "do not", "wont": "will not",
    "didnt": "did not", "doesnt": "does not", "isnt": "is not", "arent": "are not",
    "wasnt": "was not", "werent": "were not", "havent": "have not", "hasnt": "has not",
    "couldnt": "could not", "wouldnt": "would not", "shouldnt": "should not", "aint": "is not",
    "wanna": "want to", "gonna": "going to", "gotta": "got to", "dunno": "do not know",
    "plz": "please", "pls": "please", "ppl": "people", "coz": "because", "cos": "because",
    "cuz": "because", "thru": "through", "hav": "have", "wud": "would", "cud": "could",
    "nowt": "nothing", "owt": "anything", "summat": "something", "meself": "myself",
    "tonite": "tonight", "2nite": "tonight", "2day": "today", "2moro": "tomorrow",
    "tmrw": "tomorrow", "nite": "night", "mam": "mum", "b4": "before",
    # Shorthand and the commonest slips of the thumb, seen in messages written for the tests.
    "dnt": "do not", "cnt": "cannot", "wnt": "want", "gunna": "going to", "gona": "going to",
    "wana": "want to", "idk": "i do not know", "rn": "right now", "tbh": "to be honest",
    "wiv": "with", "wat": "what", "wot": "what", "agen": "again", "agian": "again",
    "becuase": "because", "becos": "because", "nothin": "nothing", "nuthin": "nothing",
    "somone": "someone", "sumone": "someone", "sum1": "someone", "some1": "someone",
    "evry": "every", "evrything": "everything", "evryone": "everyone", "anymor": "anymore",
    "cudnt": "could not", "wudnt": "would not", "hv": "have", "abt": "about", "bcos": "because",
    "bc": "because", "tho": "though", "thx": "thanks", "ta": "thanks", "nxt": "next",
}

_NON_WORD = re.compile(r"[^a-z0-9]+")
_REPEATS = re.compile(r"([a-z])\1{2,}")


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Lowercase, expand contractions and text-speak, drop punctuation, squash long repeats."""
    t = text.translate(_QUOTES).lower().replace("&", " and ")
    for pattern, repl in _CONTRACTIONS:
        t = re.sub(pattern, repl, t)
    t = t.replace("'", "")
    t = _REPEATS.sub(r"\1\1", _NON_WORD.sub(" ", t))
    return " ".join(_TXT.get(tok, tok) for tok in t.split())
