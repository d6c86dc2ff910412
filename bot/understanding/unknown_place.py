"""Words that name a place we could not find: "near Scholes Park", "near Leeds minster"."""

from __future__ import annotations

import re

from directory.city import a_name_follows

#: "in Scholes Park", "near the Crown pub", "I live in Fearnville": words after a place word.
_PLACE_WORDS = re.compile(
    r"\b(?i:in|near|nr|at|around|by|from)\s+(?P<place>(?i:the\s+)?[A-Za-z][A-Za-z'-]+"
    r"(?:\s+[A-Z][A-Za-z'-]+){0,3})")
#: Words after "in" or "at" that are not places ("in debt", "at night", "in the day").
_NOT_PLACES = frozenset("""
    a an the my our his her their me us it this that debt arrears pain need trouble bed night
    day morning evening afternoon week weekend month year time times work school hospital
    home house flat crisis care private public leeds uk england town tears bits general
    touch total all bad desperate danger rent court tonight today tomorrow now moment minute
    mine hostel tent car van street streets rough queue advance person case need fact future
    past present cash full half first last love charge london prison custody sofa
    summer winter spring autumn christmas easter january february march april may june july
    august september october november december monday tuesday wednesday thursday friday
    saturday sunday mornings evenings nights weekends english shock tears agony
    bus buses train trains shelter doorway doorways shop shops library garden kitchen bathroom
    office cold dark rain snow middle end area next every some few couple any own one two
    three four five six seven eight nine ten days weeks months years hours ages
""".split())


def place_words(text: str) -> str:
    """Words that name a place we could not find ("Scholes Park"), or "" when none do."""
    for match in _PLACE_WORDS.finditer(text):
        words = match.group("place").split()
        if words[0].lower() == "the":
            words = words[1:]
        if words and words[0].lower() == "leeds":  # "near Leeds minster": a name we lack
            words = words[1:] or _next_word(text, match.end())
            if words and words[0].lower() not in _LEEDS_BODIES:
                return " ".join(["Leeds", *words])[:40]
            continue  # Leeds alone is the city, or no place at all (directory.city)
        if not words or words[0].lower() in _NOT_PLACES or len(words[0]) < 3:
            continue
        return " ".join(words)[:40]
    return ""


def _next_word(text: str, end: int) -> list[str]:
    """The word after ``end`` when it is part of a name: capitalised as typed ("Leeds
    Playhouse"), or a word that makes Leeds a name ("leeds minster"); else [] ("new in leeds
    from Eritrea", "in leeds since 2019")."""
    found = re.match(r"\s+([A-Za-z][A-Za-z'-]+)", text[end:])
    if not found or found.group(1).lower() in _NOT_PLACES or found.group(1).lower() in _JOINING:
        return []
    return [found.group(1)] if found.group(1)[0].isupper() or a_name_follows(text[end:]) \
        else []


#: Words after "Leeds" that name a body, not a place ("a letter from Leeds City Council").
_LEEDS_BODIES = frozenset("""
    city council united utd rhinos knights housing options mind credit citizens food north
    south east west community jobcentre foodbank carers women's womens money welfare
""".split())
#: Words that join a sentence, never the second word of a name ("near Leeds and ...").
_JOINING = frozenset("and or but so to for with please pls if is are was am i im x".split())
