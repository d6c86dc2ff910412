"""The conversation engine: one inbound message in, a list of replies out. It never sends anything.

    load state -> safety check -> opted out? -> keyword or step handler -> save state

The handlers (one per step, and one per keyword) are passed in by ``handlers.build_engine``,
so this module knows nothing of any step's wording or of any channel.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine as DatabaseEngine
from sqlalchemy.orm import Session

from bot import copy, store
from bot.crisis import crisis_reply
from bot.dedupe import remember, replies_for
from bot.messages import InboundMessage, Reply
from bot.steps import Step
from bot.understand import Understanding, understand
from directory.db import session_scope
from directory.opening import london_now
from directory.places import ResolvedPlace, resolve_place, resolve_point

log = logging.getLogger(__name__)

DEFAULT_TTL = dt.timedelta(hours=3)


@dataclass
class Context:
    """Everything a handler may read or change while handling one message."""

    session: Session
    message: InboundMessage
    state: store.ConversationState
    understanding: Understanding
    now: dt.datetime
    sender_hash: str
    returning: bool = False
    replies: list[Reply] = field(default_factory=list)
    #: Set by FORGET: nothing about the sender is saved afterwards.
    forgotten: bool = False

    def say(self, text: str, choices: tuple[str, ...] = (), request_location: bool = False):
        self.replies.append(Reply(text, choices, request_location))

    @property
    def counted(self) -> bool:
        """Statistics count real residents only, never the sandbox or the terminal."""
        return not self.message.channel.is_practice

    def go(self, step: Step) -> None:
        self.state.step = step.value


Handler = Callable[[Context], None]


class Engine:
    def __init__(
        self,
        database: DatabaseEngine,
        secret_key: str,
        routes: dict[Step, Handler],
        keyword_routes: dict[str, Handler],
        ttl: dt.timedelta = DEFAULT_TTL,
    ) -> None:
        self.database = database
        self.secret_key = secret_key
        self.routes = routes
        self.keyword_routes = keyword_routes
        self.ttl = ttl

    def sender_hash(self, message: InboundMessage) -> str:
        return store.sender_key(self.secret_key, message.channel.value, message.sender)

    def handle(self, message: InboundMessage) -> list[Reply]:
        """Run one message through the conversation and return the replies to send."""
        return self.handle_once(message)[0]

    def handle_once(self, message: InboundMessage) -> tuple[list[Reply], bool]:
        """Like ``handle``, and say whether the conversation ran now (False: a repeated
        message_id, answered with the replies stored the first time, which were already sent)."""
        with session_scope(self.database) as session:
            channel = message.channel.value
            key = self.sender_hash(message)
            if message.message_id:
                earlier = replies_for(session, channel, message.message_id)
                if earlier is not None:
                    return earlier, False
            now = london_now(message.received_at)
            ctx = self._converse(session, message, key, now)
            replies = ctx.replies
            if ctx.forgotten or not message.message_id:
                return replies, True
            if not remember(session, channel, message.message_id, key, replies, now):
                session.rollback()
                earlier = replies_for(session, channel, message.message_id)
                return earlier or replies, earlier is None  # another worker ran it first
            return replies, True

    def _understand(self, session: Session, message: InboundMessage) -> Understanding:
        understanding = understand(message.text, lambda text: resolve_place(session, text))
        if message.location is not None:
            place: ResolvedPlace = resolve_point(session, message.location.latitude,
                                                 message.location.longitude)
            understanding = Understanding(
                needs=understanding.needs, place=place, crisis=understanding.crisis,
                crisis_kind=understanding.crisis_kind, keyword=understanding.keyword,
                menu_number=understanding.menu_number)
        return understanding

    def _converse(self, session: Session, message: InboundMessage, key: str,
                  now: dt.datetime) -> Context:
        channel = message.channel.value
        loaded = store.load_state(session, channel, key, now, self.ttl)
        understanding = self._understand(session, message)
        ctx = Context(session, message, loaded.state, understanding, now, key,
                      returning=loaded.returning)
        if understanding.crisis:
            ctx.replies.append(crisis_reply(understanding.crisis_kind))
        keyword = understanding.keyword
        if store.is_opted_out(session, channel, key) and keyword not in ("start", "help"):
            return ctx  # opted out: silence, except the safety reply
        if keyword is not None and keyword in self.keyword_routes:
            self.keyword_routes[keyword](ctx)
        elif understanding.crisis and not (understanding.needs or understanding.place):
            ctx.say(copy.CRISIS_CARRY_ON)
        else:
            step = Step(ctx.state.step) if ctx.state.step in Step._value2member_map_ \
                else Step.START
            self.routes[step](ctx)
        if not ctx.forgotten:
            store.save_state(session, channel, key, ctx.state, now, loaded.version)
        return ctx
