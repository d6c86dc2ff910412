"""What a result is called on a results line, a button and a map pin: short, cut only at a
word, and never the same as another place's name in the same reply."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from directory.search import SearchResult

#: A name on a results line is cut to this many characters; the details give it whole.
SHORT_NAME = 45
#: What a cut name ends with ("..." is GSM-7; the ellipsis character is not).
CUT = "..."


def clip(text: str, limit: int) -> str:
    """``text`` whole if it fits in ``limit`` characters, else cut at the last whole word that
    fits, with "..." after it (never in the middle of a word, never after a bracket opened or
    a comma)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = text[:limit - len(CUT) + 1]  # one more: a word ending exactly there is whole
    cut = room.rsplit(" ", 1)[0] if " " in room else room[:limit - len(CUT)]
    return cut.rstrip(" ,;:-(&/") + CUT


def full_name(result: SearchResult) -> str:
    """The service's name with its organisation's, unless the name already says it."""
    if result.organisation and result.organisation.lower() not in result.name.lower():
        return f"{result.name} ({result.organisation})"
    return result.name


#: Words in an organisation's name that say it is a public body running many services ("Leeds
#: City Council", "NHS in Leeds"): its name alone does not say which service a line is.
_UMBRELLA = re.compile(r"\b(?:council|nhs)\b", re.IGNORECASE)


def short_name(result: SearchResult) -> str:
    """The name on one line: with its organisation if short enough, else the service's name,
    else the organisation's if that is what fits and it names one service (not a council or
    the NHS: "Leeds Housing Options out-of-hours..." says more than "Leeds City Council"),
    else the service's name cut at a word."""
    organisation = "" if _UMBRELLA.search(result.organisation) and result.name \
        else result.organisation
    for name in (full_name(result), result.name, organisation):
        if name and len(name) <= SHORT_NAME:
            return name
    return clip(result.name or result.organisation, SHORT_NAME)


def _own_name(result: SearchResult) -> str:
    return clip(result.name, SHORT_NAME) if result.name else ""


def _organisation(result: SearchResult) -> str:
    return clip(result.organisation, SHORT_NAME) if result.organisation else ""


def _where(result: SearchResult) -> str:
    """The name with where it is ("in Meanwood" as "(Meanwood)", else the postcode)."""
    place = result.area_name or result.postcode
    if not place:
        return ""
    return f"{clip(short_name(result), SHORT_NAME - len(place) - 3)} ({place})"


#: Ways to tell apart places whose short names are the same, tried in turn for all of them:
#: the service's own name (when the short one was the organisation's: "Leeds City Council"
#: twice), the organisation (the same service name run by two: "Sunday food for anyone who
#: comes"), then where it is.
_TELLING_APART: tuple[Callable[[SearchResult], str], ...] = (_own_name, _organisation, _where)


def distinct_names(results: Sequence[SearchResult]) -> list[str]:
    """Each result's name for one reply: its short name, unless another result in the reply
    has the same; then the first way of telling them apart that gives each its own name."""
    names = [short_name(r) for r in results]
    groups: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        groups.setdefault(name.casefold(), []).append(i)
    for key, positions in groups.items():
        if len(positions) < 2:
            continue
        others = {n.casefold() for n in names} - {key}
        for way in _TELLING_APART:
            tried = [way(results[i]) for i in positions]
            folded = {t.casefold() for t in tried}
            if all(tried) and len(folded) == len(tried) and not folded & others:
                for i, name in zip(positions, tried, strict=True):
                    names[i] = name
                break
    return names
