"""The answer a conversation keeps between messages, as typed values with one encode/decode pair.

An answer is searched once and kept as ids, so MORE and "Reply 2" never search again. Each kept
card is stored as a short JSON list (the format older conversations already hold):

    ["result", number, service id, location id or None, distance km or None, need, community]
    ["cash", service id, location id or None]          ["anchor", ward code]
    ["outside", place label]   ["title", need]   ["finder", need]
    ["none_local", need, place label]   ["talk"]   ["supplier"]
    ["gap", kind of help or need, place label, when, what follows, where]  (older: without
    the last one or two)

and each page as the list of its cards' positions in the answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import BadInput


@dataclass(frozen=True)
class KeptResult:
    """A numbered result: which service at which place, found by which need's search."""

    number: int
    service_id: str
    location_id: str | None
    distance_km: float | None
    need: str
    #: The community of interest it was raised for, or "".
    for_whom: str = ""


@dataclass(frozen=True)
class KeptMoney:
    """The money option shown beside food answers."""

    service_id: str
    location_id: str | None


@dataclass(frozen=True)
class KeptAnchor:
    """The ward's community anchor, offered when nothing local was found."""

    ward_code: str | None


#: The kinds of kept note, each with the numbers of words it may keep (a gap line kept before
#: it said what follows it has three, before it said where four).
NOTE_KINDS = {"outside": (1,), "title": (1,), "finder": (1,), "none_local": (2,), "gap": (3, 4, 5),
              "talk": (0,), "supplier": (0,)}


@dataclass(frozen=True)
class KeptNote:
    """A card with no directory record behind it, kept by its kind and its words."""

    kind: str
    words: tuple[str, ...] = ()


Kept = KeptResult | KeptMoney | KeptAnchor | KeptNote


@dataclass(frozen=True)
class KeptPage:
    """One page of the answer: the positions of its cards in the kept answer."""

    positions: tuple[int, ...]


class UnreadableKept(BadInput):
    """A stored card that no version of the bot wrote."""


def encode(item: Kept) -> list:
    match item:
        case KeptResult():
            return ["result", item.number, item.service_id, item.location_id, item.distance_km,
                    item.need, item.for_whom]
        case KeptMoney():
            return ["cash", item.service_id, item.location_id]
        case KeptAnchor():
            return ["anchor", item.ward_code]
        case KeptNote():
            return [item.kind, *item.words]
    raise TypeError(f"not a kept card: {item!r}")


def decode(raw: list) -> Kept:
    if not isinstance(raw, list) or not raw:
        raise UnreadableKept(repr(raw)[:80])
    kind, rest = raw[0], raw[1:]
    if kind == "result" and len(rest) == 6:
        number, service_id, location_id, distance, need, for_whom = rest
        return KeptResult(int(number), service_id, location_id, distance, need, for_whom or "")
    if kind == "cash" and len(rest) == 2:
        return KeptMoney(rest[0], rest[1])
    if kind == "anchor" and len(rest) == 1:
        return KeptAnchor(rest[0])
    if kind in NOTE_KINDS and len(rest) in NOTE_KINDS[kind]:
        return KeptNote(kind, tuple(rest))
    raise UnreadableKept(repr(raw)[:80])


def encode_page(page: KeptPage) -> list[int]:
    return list(page.positions)


def decode_page(raw: list) -> KeptPage:
    return KeptPage(tuple(int(i) for i in raw))
