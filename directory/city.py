"""Leeds itself as the place: "food bank in leeds", "any debt advice in Leeds?", "leeds".

When the only place a message names is the city (no postcode, neighbourhood or ward), the
answer is for the whole city: city-wide and national lines, then places near the city centre.
"Leeds" that is not where someone is asking about stays no place: a name ("Leeds United",
"Leeds Beckett", "Leeds Road"), a life story ("lived in leeds 10 years", "moved to leeds"),
or a part of the city ("east leeds", which is not the whole city).
"""

from __future__ import annotations

import re

#: The label of the city as a place, said in "Leeds Signpost: across Leeds".
CITY_LABEL = "Leeds"
#: ``ResolvedPlace.kind`` for the city as a whole.
CITY_KIND = "city"

_LEEDS = re.compile(r"\bleeds\b", re.IGNORECASE)

#: Words after "Leeds" that make it a name: clubs, universities, institutions, roads, this bot.
_NAME_AFTER = re.compile(
    r"^(?:\s*-\s*|\s+)(?:united|utd|rhinos|knights|beckett|becket|uni|university|trinity|"
    r"college|conservatoire|arts?|met|metropolitan|grammar|general|teaching|city\s+council|"
    r"city\s+college|city\s+museum|council|bradford|airport|arena|festival|minster|dock|"
    r"playhouse|museum|library|infirmary|building\s+society|rugby|carnegie|road|rd|street|st|"
    r"lane|ln|avenue|ave|way|signpost|born)\b|^\.[a-z]", re.IGNORECASE)

#: Words before "Leeds" that make it a name or a part of the city ("university of leeds",
#: "east leeds", "Leeds-born" is caught after).
_NAME_BEFORE = re.compile(
    r"\b(?:university\s+of|uni\s+of|north|south|east|west|inner|outer|north\s+east|"
    r"north\s+west|south\s+east|south\s+west)\s*$", re.IGNORECASE)

#: A life story, not where help is asked for: "lived in leeds", "moved to leeds",
#: "born in leeds", "new to leeds", "I'm from Leeds".
_STORY_BEFORE = re.compile(
    r"\b(?:lived|moved|move|moving|born|grew\s+up|raised|new|came|come|coming|arrived|"
    r"studied|studying|study|visiting|visited|left|leaving|leave|relocated|relocating|"
    r"been|from|settled|emigrated)\s+(?:here\s+)?(?:in|to|into|at|from|round|around)?\s*$",
    re.IGNORECASE)

#: A length of time straight after: "in leeds 10 years", "in Leeds for six months", "since".
_DURATION_AFTER = re.compile(
    r"^\s*(?:for\s+)?(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|many|few|"
    r"some|all\s+my|most\s+of\s+my)\s*(?:years?|yrs?|months?|weeks?|days?|life|ages)\b|"
    r"^\s*since\b", re.IGNORECASE)


def a_name_follows(after: str) -> bool:
    """True when the words after "Leeds" make it a name ("Leeds Beckett", "Leeds minster")."""
    return _NAME_AFTER.match(after) is not None


def names_the_city(text: str) -> bool:
    """True when ``text`` says Leeds as the place help is asked for (see the module note)."""
    for match in _LEEDS.finditer(text):
        before, after = text[:match.start()], text[match.end():]
        if _NAME_AFTER.match(after) or _NAME_BEFORE.search(before):
            continue
        if _STORY_BEFORE.search(before) or _DURATION_AFTER.match(after):
            continue
        return True
    return False
