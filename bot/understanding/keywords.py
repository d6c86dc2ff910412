"""Whole-message commands (HELP, STOP, START, MORE, NEW, BACK, FORGET, LANG), in any case or
spacing.

Only a message that is the command, perhaps with "please" or "!" around it, counts:
"more please" is MORE, "i need more food" is not; "help" is HELP, "help me find food" is a need.
"""

from __future__ import annotations

import re

from bot.understanding.in_language import own_keyword

__all__ = [
    "KEYWORDS",
    "TWILIO_HELP_WORDS",
    "TWILIO_OPT_IN_WORDS",
    "TWILIO_OPT_OUT_WORDS",
    "asks_for_person",
    "detect_keyword",
    "wrong_number",
]

#: Words Twilio Messaging treats as opt-out by default: it stops delivery itself.
TWILIO_OPT_OUT_WORDS: tuple[str, ...] = (
    "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE",
)
#: Words Twilio treats as opt-in after an opt-out. YES is among them for Twilio, but
#: `detect_keyword` does not read "yes" as START: mid-conversation it answers a question.
TWILIO_OPT_IN_WORDS: tuple[str, ...] = ("START", "YES", "UNSTOP")
#: Words Twilio answers with its help message by default.
TWILIO_HELP_WORDS: tuple[str, ...] = ("HELP", "INFO")

#: The command names detect_keyword can return.
KEYWORDS: tuple[str, ...] = ("help", "stop", "start", "more", "new", "back", "forget",
                              "wrong", "person", "check", "lang")

_PHRASES: dict[str, tuple[str, ...]] = {
    "stop": (
        *(w.lower() for w in TWILIO_OPT_OUT_WORDS),
        "stop all", "opt out", "stop texting me", "stop messaging me", "stop messages",
        "stop sending me messages", "stop texts",
    ),
    "start": ("start", "unstop", "subscribe", "opt in", "optin", "resubscribe"),
    "help": ("help", "info", "how does this work", "what can i say", "commands"),
    "more": ("more", "more results", "show more", "more options", "next", "next page", "see more"),
    "new": (
        "new", "menu", "main menu", "restart", "start again", "start over", "new search",
        "reset", "begin again", "go to menu", "back to menu", "back to start",
    ),
    "back": ("back", "go back", "previous", "undo"),
    "check": ("check", "check in", "check on me", "check up", "yes check"),
    "lang": ("lang", "language", "languages", "change language", "other language"),
    "forget": (
        "forget", "forget me", "delete", "delete me", "delete my data", "delete my details",
        "delete my info", "delete my information", "delete everything", "erase my data",
        "remove my data", "wipe my data", "forget my data", "forget everything",
    ),
}

#: Polite words that may surround a command without changing it.
_FILLER: frozenset[str] = frozenset({
    "please", "pls", "plz", "thanks", "thank", "ta", "ok", "okay", "now", "mate",
    "love", "just", "can", "i", "have", "could", "x", "xx", "xxx", "cheers",
})

_LOOKUP: dict[str, str] = {}
for _name, _phrases in _PHRASES.items():
    for _phrase in _phrases:
        _LOOKUP.setdefault(_phrase, _name)
        _LOOKUP.setdefault(_phrase.replace(" ", ""), _name)

_NON_WORD = re.compile(r"[^a-z0-9]+")
_REPEATS = re.compile(r"([a-z])\1+")


def _candidates(text: str) -> list[str]:
    """The message as command candidates: as typed, without filler, squashed, de-repeated."""
    words = _NON_WORD.sub(" ", text.lower().replace("\u2019", "'").replace("'", "")).split()
    if not words or len(words) > 6:
        return []
    core = [w for w in words if w not in _FILLER] or words
    out: list[str] = []
    for seq in (words, core):
        joined = " ".join(seq)
        out += [joined, joined.replace(" ", ""), _REPEATS.sub(r"\1", joined)]
    return out


#: "WRONG", "WRONG 2", "wrong #2", "2 wrong": a resident says a result is closed or wrong.
_WRONG = re.compile(r"^\W*(?:wrong\W*(?:no\.?|#)?\s*(\d{1,2})?|(\d{1,2})\W*wrong)[\s.!]*$",
                    re.IGNORECASE)


def wrong_number(text: str) -> int | None:
    """The result number in a WRONG report ("WRONG 2" is 2), or None when none is given."""
    match = _WRONG.match(text or "")
    if not match:
        return None
    number = match.group(1) or match.group(2)
    return int(number) if number else None


#: Asking for a person: "PERSON", "can someone call me", "i need to talk to a real person".
#: The ask must end the message (but for "please" and the like): "talk to someone about my
#: debts" asks for money advice, and is read as that need.
_PERSON = re.compile(
    r"(?:^\W*(?:a\s+)?(?:real\s+)?(?:person|human)"
    r"|\b(?:talk|speak|chat)\s+(?:to|with)\s+(?:a\s+|some\s*)?(?:real\s+|actual\s+)?"
    r"(?:person|human|one|body|someone|somebody)"
    r"|\b(?:some\s*one|some\s*body|a\s+person|any\s*one)\s+(?:call|ring|phone|"
    r"talk\s+to|speak\s+to)\s+me"
    r"|\b(?:call|ring|phone)\s+me(?:\s+back)?)"
    r"(?:\W+(?:please|pls|plz|now|today|asap|back|thanks|thank you|x+))*\W*$",
    re.IGNORECASE)


def asks_for_person(text: str) -> bool:
    """True when a message asks to talk to a person ("can someone call me")."""
    return _PERSON.search((text or "").replace("\u2019", "'")) is not None


def before_person_ask(text: str) -> str:
    """The words before a closing ask for a person ("feeling low, can I talk to someone" gives
    "feeling low, can I "); "" when there is no such ask."""
    found = _PERSON.search((text or "").replace("\u2019", "'"))
    return found.string[:found.start()] if found else ""


def detect_keyword(text: str, language: str = "en") -> str | None:
    """The command a whole message gives ("help", "stop", ...), or None for anything else.
    In another ``language`` its own words for STOP and HELP count too ("POMOC" is help)."""
    if _WRONG.match(text or ""):
        return "wrong"
    if asks_for_person(text):
        return "person"
    for candidate in _candidates(text):
        if candidate in _LOOKUP:
            return _LOOKUP[candidate]
    return own_keyword(text, language) if language != "en" else None
