"""The two-slot form: need and place (and any community of interest), taken from each message
once, before it is routed. Handlers read the slots; only this module fills them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.engine import Context
from bot.understanding.kinds import kinds_for_need, read_timing
from bot.understanding.message import Understanding
from directory.lines import LINE_KINDS, answers_anywhere
from directory.needs import kinds_of_need
from directory.places import ResolvedPlace, city_place


def fill_slots(ctx: Context) -> None:
    """Keep what the message says: communities (until NEW), a place, and needs (main first)."""
    said = ctx.understanding
    for slug in said.communities:
        if slug not in ctx.state.communities:
            ctx.state.communities.append(slug)
    if said.place is not None:
        ctx.state.place = said.place.to_dict()
    if said.needs:
        remember_needs(ctx, said.answer_needs)
        ctx.state.kinds = list(said.kinds)
        ctx.state.items = list(said.items)
        ctx.state.urgent, ctx.state.day = False, None
        if ctx.state.place is None and not said.unknown_place and \
                asks_no_place(said, ctx.session):
            ctx.state.place = city_place(ctx.session).to_dict()
    if ctx.state.need and (said.needs or said.place is not None):
        timing = read_timing(ctx.message.text or "", ctx.at, ctx.state.need,
                             tuple(ctx.state.kinds))
        ctx.state.urgent = ctx.state.urgent or timing.urgent
        if timing.day is not None:
            ctx.state.day = timing.day.isoformat()


def asks_no_place(said: Understanding, session: Session) -> bool:
    """Whether an ask with no place is answered for the whole city at once, not after "Where
    are you?": someone to talk to now, NHS 111 or domestic abuse support (a need with that one
    kind), even beside another kind ("stressed about money, who can I talk to"); or a main
    need whose first kind read is help a Leeds-wide or national line gives ("payday loan
    texts, need advice", "fuel vouchers?", "out of hours emergency housing number")."""
    kinds, needs = said.kinds, said.answer_needs
    if not kinds and needs:
        of_need = kinds_of_need(needs[0])
        kinds = (of_need[0].slug,) if len(of_need) == 1 else ()
    if any(kind in LINE_KINDS for kind in kinds):
        return True
    main = kinds_for_need(kinds, needs[0]) if needs else ()
    return bool(main) and answers_anywhere(session, main[0])


def remember_needs(ctx: Context, needs: tuple[str, ...] | list[str]) -> None:
    """The first need is the main one; up to two others are kept beside it."""
    if needs[0] != ctx.state.need:
        ctx.state.kinds, ctx.state.items = [], []
    ctx.state.need = needs[0]
    ctx.state.other_needs = [n for n in needs[1:] if n != needs[0]][:2]


def known_place(ctx: Context) -> ResolvedPlace | None:
    return ResolvedPlace(**ctx.state.place) if ctx.state.place else None
