"""The conversation engine: the mechanics of one turn. One inbound message in, a list of replies
out; it never sends anything, and it knows no step, keyword or wording: what happens to a message
is ``handlers/conversation.py`` (the ordered guards, then the routes), passed in as ``converse``.

    read the sender's state -> understand -> converse(ctx) -> write at the end -> replies

A turn costs a handful of statements: one SELECT reads everything about the sender (the replies
kept for a repeated message id, the conversation, the opt-out and both counts), the handlers
read the directory's version (and the directory itself when it changed), and the end of the
turn writes: the message id (``INSERT ... ON CONFLICT DO NOTHING``), the rate count, every write
the handlers asked for (``ctx.later``: STOP, START, FORGET, WRONG and the counts), the
conversation (one upsert, checked against the version read) and the SMS reply count, each count
an atomic upsert that returns the new count.

Two messages from one sender must not both run on the same state. On PostgreSQL the turn first
takes an advisory lock for its sender and holds it to the end. On SQLite the first attempt reads
and thinks in a read transaction beside the other workers (WAL) and takes the write lock only
for the writes at the end, where every count and the conversation's version must be what was
read plus this turn's own additions; if not, another message from the sender got in between,
and the turn runs again, this time holding the write lock from the start, so it cannot be
overtaken again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine as DatabaseEngine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from bot.messages import InboundMessage, Reply, Venue
from bot.records import store
from bot.records.dedupe import decode, remember, replies_for
from bot.records.followups import FollowUpConfig
from bot.records.limits import Limits, count_message, note_replies
from bot.records.requests import RequestOptions
from bot.records.window import note_inbound
from bot.steps import Step
from bot.understanding.message import Understanding, understand
from bot.wording.i18n import current_language, speaking
from bot.wording.split import sms_pieces
from core.clock import Clock, opening_time
from core.db import READ_ONLY_BEGIN, clear_deleted, session_scope
from directory.places import ResolvedPlace, resolve_place, resolve_point

log = logging.getLogger(__name__)

#: The sender hash a FORGET's message id is remembered under: no one's.
FORGOTTEN_SENDER = ""

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
    #: What the turn read about the sender: opt-out and counts (``store.TurnRead``).
    read: store.TurnRead
    limits: Limits
    returning: bool = False
    replies: list[Reply] = field(default_factory=list)
    #: Set by FORGET: nothing about the sender is saved afterwards.
    forgotten: bool = False
    #: Writes a handler asks for, made at the end of the turn with the others (``later``).
    writes: list[Callable[[Session], None]] = field(default_factory=list)
    #: The turn counted the message against the per-minute limit / saves the conversation.
    paced: bool = False
    save: bool = False
    #: The conversation's version as read (0: none).
    version: int = 0
    #: How requests to talk to a person are opened (the sealing key, the reply time).
    requests: RequestOptions = field(default_factory=RequestOptions)
    #: Follow-ups can be offered (None: not on this engine).
    followups: FollowUpConfig | None = None
    #: A language the message may be in, not surely: asked in one tap (handlers/language.py).
    unsure_language: str | None = None

    def say(self, text: str, choices: tuple[str, ...] = (), request_location: bool = False,
            buttons: tuple[tuple[str, str], ...] = (), venue: Venue | None = None,
            request_contact: bool = False, emphasis: tuple[str, ...] = (),
            language: str | None = None) -> None:
        """Add a reply, in the turn's language unless ``language`` says otherwise. A text too
        long for 3 SMS segments in its language goes as several replies of whole lines, the
        choices, buttons and map pin on the last (``bot.wording.split.sms_pieces``)."""
        language = language or current_language()
        *before, last = sms_pieces(text, language)
        self.replies += [Reply(piece, emphasis=emphasis, language=language) for piece in before]
        self.replies.append(Reply(last, choices, request_location, buttons, venue,
                                  request_contact=request_contact, emphasis=emphasis,
                                  language=language))

    @property
    def counted(self) -> bool:
        """Statistics count real residents only, never the sandbox or the terminal."""
        return not self.message.channel.is_practice

    def later(self, write: Callable[[Session], None]) -> None:
        """Make ``write(session)`` with the turn's other writes, at its end."""
        self.writes.append(write)


#: A step's or a keyword's handler: it answers, and returns the step the conversation is at next.
Handler = Callable[[Context], Step]
#: The whole conversation for one message (``handlers.conversation.converse``).
Converse = Callable[[Context], None]


class Engine:
    def __init__(
        self,
        database: DatabaseEngine,
        secret_key: str,
        converse: Converse,
        clock: Clock,
        ttl: dt.timedelta = DEFAULT_TTL,
        limits: Limits | None = None,
        requests: RequestOptions | None = None,
        followups: FollowUpConfig | None = None,
    ) -> None:
        self.database = database
        self.secret_key = secret_key
        self.converse = converse
        self.clock = clock
        self.ttl = ttl
        self.limits = limits or Limits()
        self.requests = requests or RequestOptions()
        self.followups = followups
        self._last_purge: dt.datetime | None = None

    def sender_hash(self, message: InboundMessage) -> str:
        return store.sender_key(self.secret_key, message.channel.value, message.sender)

    def handle(self, message: InboundMessage) -> list[Reply]:
        """Run one message through the conversation and return the replies to send."""
        return self.handle_once(message)[0]

    def handle_once(self, message: InboundMessage) -> tuple[list[Reply], bool]:
        """Like ``handle``, and say whether the conversation ran now (False: a repeated
        message_id, answered with the replies stored the first time, which were already sent).
        The turn's language lasts only the turn: English again afterwards."""
        with speaking(None):
            return self._handle_once(message)

    def _handle_once(self, message: InboundMessage) -> tuple[list[Reply], bool]:
        message = self._within_limits(message)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                replies, fresh, forgotten = self._handle_in_transaction(message,
                                                                        read_first=attempt == 1)
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

    def _handle_in_transaction(self, message: InboundMessage,
                               read_first: bool = True) -> tuple[list[Reply], bool, bool]:
        """The replies, whether the conversation ran now, and whether the sender was forgotten.
        ``read_first``: on SQLite, read and think without the write lock (see the top)."""
        split = read_first and self.database.dialect.name == "sqlite"
        with session_scope(self.database) as session:
            channel = message.channel.value
            key = self.sender_hash(message)
            changes = 0
            if split:
                raw = session.connection(
                    execution_options=READ_ONLY_BEGIN).connection.dbapi_connection
                changes = raw.total_changes
            store.queue_sender(session, channel, key)
            now = self.clock()
            read = store.read_turn(session, channel, key, message.message_id, now, self.ttl)
            if read.earlier is not None:
                return decode(read.earlier), False, False
            try:
                ctx = self._converse(session, message, key, now, read)
            except OperationalError as exc:
                if split and "locked" in str(exc):  # a handler's write met a newer snapshot
                    raise store.ConcurrentUpdate("the database changed while thinking") from exc
                raise
            if split and raw.total_changes == changes:
                session.commit()  # end the read; the writes below take the write lock
            return self._write(session, message, key, now, ctx, read)

    def _write(self, session: Session, message: InboundMessage, key: str, now: dt.datetime,
               ctx: Context, read: store.TurnRead) -> tuple[list[Reply], bool, bool]:
        """The end of the turn: every write, each checked against what the turn read."""
        channel = message.channel.value
        replies = ctx.replies
        if ctx.forgotten:  # FORGET: its deletions, and nothing about the sender is kept
            for write in ctx.writes:
                write(session)
            # The message id is kept without the sender (so nothing links it to them), for a
            # redelivered FORGET to get the same answer once instead of a second one.
            if message.message_id and not remember(session, channel, message.message_id,
                                                   FORGOTTEN_SENDER, replies, now):
                session.rollback()
                return replies_for(session, channel, message.message_id) or [], False, False
            return replies, True, True
        if message.message_id and not remember(session, channel, message.message_id, key,
                                               replies, now):
            session.rollback()
            earlier = replies_for(session, channel, message.message_id)
            return earlier or replies, earlier is None, False  # another worker ran it first
        if ctx.paced and count_message(session, channel, key, now) != read.this_minute + 1:
            raise store.ConcurrentUpdate(f"another message counted meanwhile ({channel})")
        for write in ctx.writes:
            write(session)
        if message.channel.has_reply_window:
            note_inbound(session, channel, key, now)
        if ctx.save:
            store.save_state(session, channel, key, ctx.state, now, ctx.version)
        if channel == "sms":
            total = note_replies(session, channel, key, now, len(replies))
            if total is not None and total != read.replies_today + len(replies):
                raise store.ConcurrentUpdate(f"another reply counted meanwhile ({channel})")
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

    def _understand(self, session: Session, message: InboundMessage,
                    language_hint: str | None = None) -> Understanding:
        """What the message says, read in its language (``language_hint``: the conversation's
        language, else the app's)."""
        understanding = understand(message.text, lambda text: resolve_place(session, text),
                                   language_hint)
        if message.location is not None:
            place: ResolvedPlace = resolve_point(session, message.location.latitude,
                                                 message.location.longitude)
            understanding = dataclasses.replace(understanding, place=place)
        return understanding

    def _converse(self, session: Session, message: InboundMessage, key: str,
                  now: dt.datetime, read: store.TurnRead) -> Context:
        loaded = read.loaded
        hint = message.language or loaded.state.language or message.language_hint \
            or loaded.state.hint
        ctx = Context(session, message, loaded.state, self._understand(session, message, hint),
                      now,
                      opening_time(now, message.received_at), key, read, self.limits,
                      returning=loaded.returning, version=loaded.version,
                      requests=self.requests, followups=self.followups)
        self.converse(ctx)
        return ctx
