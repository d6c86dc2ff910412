"""The conversation engine: one inbound message in, a list of replies out. It never sends anything.

    load state -> safety check -> opted out? -> keyword or step handler -> save state

The handlers (one per step, and one per keyword) are passed in by ``handlers.build_engine``,
so this module knows nothing of any step's wording or of any channel.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine as DatabaseEngine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot import copy, store
from bot.crisis import check_in_reply, crisis_reply
from bot.dedupe import remember, replies_for
from bot.limits import Limits, Pace, note_message, note_replies, replies_left_today
from bot.messages import InboundMessage, Reply, Venue
from bot.steps import Step
from bot.understand import Understanding, understand
from directory.clock import Clock, opening_time
from directory.db import clear_deleted, session_scope
from directory.places import ResolvedPlace, resolve_place, resolve_point

log = logging.getLogger(__name__)

DEFAULT_TTL = dt.timedelta(hours=3)
#: How often each process clears expired conversations as it goes.
PURGE_EVERY = dt.timedelta(minutes=10)
#: Two messages from one sender racing on two workers: the loser re-runs on fresh state.
MAX_ATTEMPTS = 5


@dataclass
class Context:
    """Everything a handler may read or change while handling one message."""

    session: Session
    message: InboundMessage
    state: store.ConversationState
    understanding: Understanding
    #: The real time (aware UTC): expiry, limits, counts and stamps.
    now: dt.datetime
    #: The time opening hours are judged at (London): the pretend time, if one was given.
    at: dt.datetime
    sender_hash: str
    returning: bool = False
    replies: list[Reply] = field(default_factory=list)
    #: Set by FORGET: nothing about the sender is saved afterwards.
    forgotten: bool = False

    def say(self, text: str, choices: tuple[str, ...] = (), request_location: bool = False,
            buttons: tuple[tuple[str, str], ...] = (), venue: Venue | None = None) -> None:
        self.replies.append(Reply(text, choices, request_location, buttons, venue))

    @property
    def counted(self) -> bool:
        """Statistics count real residents only, never the sandbox or the terminal."""
        return not self.message.channel.is_practice

    def go(self, step: Step) -> None:
        self.state.step = step


Handler = Callable[[Context], None]


class Engine:
    def __init__(
        self,
        database: DatabaseEngine,
        secret_key: str,
        routes: dict[Step, Handler],
        keyword_routes: dict[str, Handler],
        clock: Clock,
        ttl: dt.timedelta = DEFAULT_TTL,
        limits: Limits | None = None,
    ) -> None:
        self.database = database
        self.secret_key = secret_key
        self.routes = routes
        self.keyword_routes = keyword_routes
        self.clock = clock
        self.ttl = ttl
        self.limits = limits or Limits()
        self._last_purge: dt.datetime | None = None

    def sender_hash(self, message: InboundMessage) -> str:
        return store.sender_key(self.secret_key, message.channel.value, message.sender)

    def handle(self, message: InboundMessage) -> list[Reply]:
        """Run one message through the conversation and return the replies to send."""
        return self.handle_once(message)[0]

    def handle_once(self, message: InboundMessage) -> tuple[list[Reply], bool]:
        """Like ``handle``, and say whether the conversation ran now (False: a repeated
        message_id, answered with the replies stored the first time, which were already sent)."""
        message = self._within_limits(message)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                replies, fresh, forgotten = self._handle_in_transaction(message)
                break
            except (store.ConcurrentUpdate, IntegrityError):
                if attempt == MAX_ATTEMPTS:
                    raise
                log.info("Conversation changed on another worker; running again (%d)", attempt)
        if forgotten:
            self._clear_deleted()
        self._purge_now_and_then()
        return replies, fresh

    def _within_limits(self, message: InboundMessage) -> InboundMessage:
        """Only the first ``max_text_chars`` of a message are read; null bytes are dropped."""
        text = (message.text or "").replace("\x00", "")[: self.limits.max_text_chars]
        if text == message.text:
            return message
        return dataclasses.replace(message, text=text)

    def _handle_in_transaction(self, message: InboundMessage) -> tuple[list[Reply], bool, bool]:
        """The replies, whether the conversation ran now, and whether the sender was forgotten."""
        with session_scope(self.database) as session:
            channel = message.channel.value
            key = self.sender_hash(message)
            store.queue_sender(session, channel, key)
            if message.message_id:
                earlier = replies_for(session, channel, message.message_id)
                if earlier is not None:
                    return earlier, False, False
            now = self.clock()
            ctx = self._converse(session, message, key, now)
            replies = ctx.replies
            if not ctx.forgotten and message.channel.value == "sms":
                note_replies(session, channel, key, now, len(replies))
            if ctx.forgotten or not message.message_id:
                return replies, True, ctx.forgotten
            if not remember(session, channel, message.message_id, key, replies, now):
                session.rollback()
                earlier = replies_for(session, channel, message.message_id)
                return earlier or replies, earlier is None, False  # another worker ran it first
            return replies, True, False

    def _clear_deleted(self) -> None:
        """Once rows are deleted, leave no copy of them in the database's files."""
        try:
            if not clear_deleted(self.database):
                log.warning("Deleted rows are still in the write-ahead log (a reader was busy); "
                            "they go at the next purge")
        except Exception:  # the rows are deleted; clearing old copies must not cost a reply
            log.exception("Clearing deleted rows from the write-ahead log failed")

    def _purge_now_and_then(self) -> None:
        now = self.clock()
        if self._last_purge is not None and now - self._last_purge < PURGE_EVERY:
            return
        self._last_purge = now
        try:
            with session_scope(self.database) as session:
                removed = store.purge_expired(session, now, self.ttl)
            if removed:
                log.info("Purged %d expired conversations", removed)
        except Exception:  # purging is housekeeping: never let it cost a resident a reply
            log.exception("Purging expired conversations failed; will try again later")
            return
        self._clear_deleted()

    def _understand(self, session: Session, message: InboundMessage) -> Understanding:
        understanding = understand(message.text, lambda text: resolve_place(session, text))
        if message.location is not None:
            place: ResolvedPlace = resolve_point(session, message.location.latitude,
                                                 message.location.longitude)
            understanding = dataclasses.replace(understanding, place=place)
        return understanding

    def _converse(self, session: Session, message: InboundMessage, key: str,
                  now: dt.datetime) -> Context:
        channel = message.channel.value
        loaded = store.load_state(session, channel, key, now, self.ttl)
        understanding = self._understand(session, message)
        ctx = Context(session, message, loaded.state, understanding, now,
                      opening_time(now, message.received_at), key, returning=loaded.returning)
        if understanding.crisis:
            ctx.replies.append(crisis_reply(understanding.crisis_kind))
        elif understanding.check_in:
            ctx.replies.append(check_in_reply())
        keyword = understanding.keyword
        if keyword == "forget":  # always works: after STOP, over the limits, at the cap
            self.keyword_routes[keyword](ctx)
            return ctx
        if store.is_opted_out(session, channel, key) and keyword not in ("start", "help"):
            return ctx  # opted out: silence, except the safety reply
        pace = note_message(session, channel, key, now, self.limits)
        if pace is not Pace.OK:
            if pace is Pace.SLOW_DOWN:
                ctx.say(copy.TOO_FAST)
            return ctx  # the state is left as it was: nothing the resident said is lost
        if channel == "sms":
            left = replies_left_today(session, channel, key, now, self.limits)
            if left == 0:
                log.warning("Daily SMS reply cap reached for one sender; saying so once")
                ctx.say(copy.DAILY_CAP_REACHED)
            if left <= 0:
                return ctx  # then silence, but the safety reply, if any, still goes
        if keyword is not None and keyword in self.keyword_routes:
            self.keyword_routes[keyword](ctx)
        elif message.is_empty:
            ctx.say(copy.NOT_TEXT if message.has_media else copy.EMPTY)
            return ctx  # nothing was said: the conversation stays where it was
        elif understanding.crisis and not (understanding.needs or understanding.place):
            ctx.say(copy.CRISIS_CARRY_ON)
        else:
            self.routes[ctx.state.step](ctx)
        if not ctx.forgotten:
            store.save_state(session, channel, key, ctx.state, now, loaded.version)
        return ctx
