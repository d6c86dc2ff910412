"""Conversation state and counts, kept in the database (workers hold nothing between messages).

Senders are stored only as keyed hashes; message text is never stored. Counts keep no identity.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass, field, fields
from functools import lru_cache

from sqlalchemy import (
    Boolean,
    Date,
    Integer,
    String,
    Text,
    bindparam,
    delete,
    exists,
    literal,
    select,
    text,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.records.counting import add_to_count
from bot.records.kept import (
    Kept,
    KeptPage,
    UnreadableKept,
    decode,
    decode_page,
    encode,
    encode_page,
)
from bot.steps import Step
from core.clock import london_day
from core.db import INSERTS
from core.errors import Conflict
from core.utc import UtcDateTime
from directory.keepers.models import WrongReport
from directory.models import Base


def sender_key(secret_key: str, channel: str, sender: str) -> str:
    """The keyed hash that stands for a sender: HMAC-SHA256 of channel and sender id."""
    return hmac.new(secret_key.encode(), f"{channel}:{sender}".encode("utf-8", "surrogatepass"),
                    hashlib.sha256).hexdigest()


class ConversationRow(Base):
    __tablename__ = "conversation"

    channel: Mapped[str] = mapped_column(String(20), primary_key=True)
    sender_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)


class OptOutRow(Base):
    __tablename__ = "opt_out"

    channel: Mapped[str] = mapped_column(String(20), primary_key=True)
    sender_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    since: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class NeedCount(Base):
    """How often a need was asked for in a ward in a week, and whether anything local was found."""

    __tablename__ = "need_count"

    week: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    need: Mapped[str] = mapped_column(String(40), primary_key=True)
    ward_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    found: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class FeedbackCount(Base):
    """Answers to "Was this useful?", by week and need."""

    __tablename__ = "feedback_count"

    week: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    need: Mapped[str] = mapped_column(String(40), primary_key=True)
    useful: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


#: Fields left out of the stored JSON while unset, so older conversations save as they were.
_OMITTED_WHEN_UNSET = ("person", "crisis", "offered", "offer_open", "agreed", "detailed",
                       "language", "language_by", "hint", "language_choices", "resume",
                       "reported", "items")
#: What a fresh start (NEW, STOP, START, a follow-up's answer) keeps: the language.
_KEPT_AFRESH = ("language", "language_by", "hint")


@dataclass
class ConversationState:
    """What the conversation needs to remember between messages (for a few hours only)."""

    step: Step = Step.START
    need: str | None = None
    other_needs: list[str] = field(default_factory=list)
    #: Communities of interest the resident named: matching services come first.
    communities: list[str] = field(default_factory=list)
    #: The finer kinds of help named for the need (directory/needs.py KINDS).
    kinds: list[str] = field(default_factory=list)
    #: Things asked for within clothes and essentials (directory/items.py).
    items: list[str] = field(default_factory=list)
    #: Needed now (tonight, freezing, a night request for a bed...): what is open leads.
    urgent: bool = False
    #: The day asked ("open today", "on Sunday"), as an ISO date, or None.
    day: str | None = None
    place: dict | None = None
    page: int = 0
    asked_feedback: bool = False
    #: The answer being shown, kept as ids (``bot.records.kept``), so MORE and "Reply 2" never
    #: search again; and which of its cards are on each page.
    answer: list[Kept] = field(default_factory=list)
    pages: list[KeptPage] = field(default_factory=list)
    history: list[str] = field(default_factory=list)
    #: The organisation a request to talk to a person would go to: {"id": ..., "name": ...}.
    person: dict | None = None
    #: Follow-ups: a crisis was said in this conversation (never offered then); the offer was
    #: made for this answer, was in the last reply (so YES agrees), and was agreed to.
    crisis: bool = False
    offered: bool = False
    offer_open: bool = False
    agreed: bool = False
    #: The result whose details were shown last (the place a follow-up asks about).
    detailed: int | None = None
    #: The conversation's language (BCP 47; None: English), and how it was set: "chosen"
    #: (LANG, the sandbox's selector), "detected" (the message) or "hint" (the app's).
    language: str | None = None
    language_by: str | None = None
    #: The language the resident's app is set to (Telegram), when it is one we have.
    hint: str | None = None
    #: ASK_LANGUAGE: the languages offered, in their numbered order, and the step to carry on
    #: from once one is picked.
    language_choices: list[str] = field(default_factory=list)
    resume: str | None = None
    #: The result a WRONG report was just made for: the next message says why (heard as part
    #: of the report, never as a new search), once.
    reported: int | None = None

    def afresh(self, **changes) -> ConversationState:
        """A new conversation state that keeps the language (and ``changes``)."""
        kept = {name: getattr(self, name) for name in _KEPT_AFRESH}
        return ConversationState(**{**kept, **changes})

    def to_json(self) -> str:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["answer"] = [encode(item) for item in self.answer]
        data["pages"] = [encode_page(page) for page in self.pages]
        for name in _OMITTED_WHEN_UNSET:  # newer fields: only written once they say something
            if data[name] is None or data[name] is False or data[name] == []:
                del data[name]
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> ConversationState:
        data = json.loads(text)
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["step"] = Step.parse(known.get("step"))
        try:
            known["answer"] = [decode(raw) for raw in known.get("answer") or []]
            known["pages"] = [decode_page(raw) for raw in known.get("pages") or []]
        except (UnreadableKept, TypeError, ValueError):  # an answer no version wrote: start afresh
            known["answer"], known["pages"], known["step"] = [], [], Step.START
        return cls(**known)


@dataclass
class LoadedState:
    state: ConversationState
    #: True when an earlier conversation had expired (the resident is greeted afresh).
    returning: bool
    #: The stored version, or 0 for a new conversation.
    version: int


def _loaded(data: str | None, updated_at: dt.datetime | None, version: int | None,
            now: dt.datetime, ttl: dt.timedelta) -> LoadedState:
    if version is None:
        return LoadedState(ConversationState(), False, 0)
    if now - updated_at > ttl:
        return LoadedState(ConversationState(), True, version)
    return LoadedState(ConversationState.from_json(data), False, version)


def load_state(session: Session, channel: str, key: str, now: dt.datetime,
               ttl: dt.timedelta) -> LoadedState:
    row = session.execute(select(ConversationRow.data, ConversationRow.updated_at,
                                 ConversationRow.version)
                          .where(ConversationRow.channel == channel,
                                 ConversationRow.sender_hash == key)).first()
    return _loaded(*(row or (None, None, None)), now, ttl)


@dataclass
class TurnRead:
    """Everything a turn reads about its sender, in one statement (see ``read_turn``)."""

    #: The replies already given to this message id (a repeated delivery), or None.
    earlier: str | None
    loaded: LoadedState
    opted_out: bool
    #: Messages counted this minute, and SMS replies counted today, before this one.
    this_minute: int
    replies_today: int


def read_turn(session: Session, channel: str, key: str, message_id: str | None,
              now: dt.datetime, ttl: dt.timedelta) -> TurnRead:
    """One SELECT of scalar subqueries: the replies kept for ``message_id``, the conversation,
    the opt-out and the sender's two counts (each a primary-key lookup)."""
    from bot.records.limits import minute_of

    row = session.connection().execute(_read_statement(bool(message_id)), {
        "channel": channel, "key": key, "message_id": message_id, "minute": minute_of(now),
        "day": london_day(now)}).one()
    return TurnRead(row[0], _loaded(row[1], row[2], row[3], now, ttl), bool(row[4]),
                    row[5] or 0, row[6] or 0)


@lru_cache(maxsize=2)
def _read_statement(with_message_id: bool):
    """``read_turn``'s SELECT, built once (building it costs more than running it)."""
    from bot.records.dedupe import ProcessedMessage
    from bot.records.limits import DailyReplies, RateWindow

    channel, key = bindparam("channel"), bindparam("key")

    def conversation(column):
        return select(column).where(ConversationRow.channel == channel,
                                    ConversationRow.sender_hash == key).scalar_subquery()

    earlier = (select(ProcessedMessage.replies)
               .where(ProcessedMessage.channel == channel,
                      ProcessedMessage.message_id == bindparam("message_id")).scalar_subquery()
               if with_message_id else literal(None, Text))
    return select(
        earlier,
        conversation(ConversationRow.data),
        conversation(ConversationRow.updated_at),
        conversation(ConversationRow.version),
        exists().where(OptOutRow.channel == channel, OptOutRow.sender_hash == key),
        select(RateWindow.count).where(RateWindow.channel == channel,
                                       RateWindow.sender_hash == key,
                                       RateWindow.minute == bindparam("minute")
                                       ).scalar_subquery(),
        select(DailyReplies.count).where(DailyReplies.channel == channel,
                                         DailyReplies.sender_hash == key,
                                         DailyReplies.day == bindparam("day")).scalar_subquery(),
    )


#: The first key of the PostgreSQL advisory locks that queue one sender's messages.
SENDER_LOCKS = 7_151_613


def queue_sender(session: Session, channel: str, key: str) -> None:
    """Make this sender's other messages wait until this transaction ends, so each runs on the
    state the one before left. SQLite needs nothing: every transaction takes the write lock."""
    if session.get_bind().dialect.name != "postgresql":
        return
    digest = hashlib.sha256(f"{channel}:{key}".encode()).digest()
    session.execute(text("SELECT pg_advisory_xact_lock(:space, :id)"),
                    {"space": SENDER_LOCKS, "id": int.from_bytes(digest[:4], "big", signed=True)})


class ConcurrentUpdate(Conflict):
    """Another worker saved this conversation after we loaded it."""


def save_state(session: Session, channel: str, key: str, state: ConversationState,
               now: dt.datetime, loaded_version: int) -> None:
    """Save in one upsert, checking the version so two workers never overwrite each other
    silently: a new conversation (``loaded_version`` 0) must still be missing, and an existing
    one must still be at ``loaded_version`` (a conversation deleted meanwhile, by FORGET or the
    purge, would come back at version 1, so that is refused too)."""
    statement = _save_statement(session.get_bind().dialect.name)
    saved = session.connection().execute(statement, {
        "channel": channel, "sender_hash": key, "data": state.to_json(), "updated_at": now,
        "loaded": loaded_version}).scalar()
    if saved != loaded_version + 1:
        raise ConcurrentUpdate(f"conversation changed under us ({channel})")


@lru_cache(maxsize=2)
def _save_statement(dialect: str):
    statement = INSERTS[dialect](ConversationRow).values(
        channel=bindparam("channel"), sender_hash=bindparam("sender_hash"),
        data=bindparam("data"), updated_at=bindparam("updated_at"), version=1)
    return statement.on_conflict_do_update(
        index_elements=["channel", "sender_hash"],
        set_={"data": statement.excluded.data, "updated_at": statement.excluded.updated_at,
              "version": ConversationRow.version + 1},
        where=ConversationRow.version == bindparam("loaded", type_=Integer),
    ).returning(ConversationRow.version)


def end_conversation(session: Session, channel: str, key: str) -> None:
    """The conversation is over (as if it expired); opt-outs and counts stay."""
    session.execute(delete(ConversationRow).where(ConversationRow.channel == channel,
                                                  ConversationRow.sender_hash == key))


def forget_sender(session: Session, channel: str, key: str) -> None:
    """Delete every row about this sender, their requests to a person too."""
    from bot.records.dedupe import ProcessedMessage
    from bot.records.followups import FollowUp
    from bot.records.limits import forget_counts
    from bot.records.requests import forget_requests
    from bot.records.window import forget_window

    forget_requests(session, channel, key)
    forget_window(session, channel, key)
    for model in (ConversationRow, OptOutRow, ProcessedMessage, FollowUp):
        session.execute(delete(model).where(model.channel == channel,
                                            model.sender_hash == key))
    forget_counts(session, channel, key)


def is_opted_out(session: Session, channel: str, key: str) -> bool:
    return session.get(OptOutRow, (channel, key)) is not None


def opt_out(session: Session, channel: str, key: str, now: dt.datetime) -> None:
    """STOP (or Twilio's opt-out): no more messages, and pending follow-ups are cancelled."""
    from bot.records.followups import cancel_for

    cancel_for(session, channel, key)
    if not is_opted_out(session, channel, key):
        session.add(OptOutRow(channel=channel, sender_hash=key, since=now))
        session.flush()


def opt_in(session: Session, channel: str, key: str) -> None:
    session.execute(delete(OptOutRow).where(OptOutRow.channel == channel,
                                            OptOutRow.sender_hash == key))


def week_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def count_need(session: Session, now: dt.datetime, need: str, ward_code: str | None,
               found: bool) -> None:
    add_to_count(session, NeedCount, {"week": week_of(london_day(now)), "need": need,
                                      "ward_code": ward_code or "", "found": found})


def count_feedback(session: Session, now: dt.datetime, need: str, useful: bool) -> None:
    add_to_count(session, FeedbackCount, {"week": week_of(london_day(now)), "need": need,
                                          "useful": useful})


def report_wrong(session: Session, service_id: str, week: dt.date) -> None:
    """Count one resident's "closed or wrong" report of a service that week (no identity)."""
    row = session.get(WrongReport, (week, service_id))
    if row is None:
        session.add(WrongReport(week=week, service_id=service_id, count=1))
    else:
        row.count += 1
    session.flush()


def purge_expired(session: Session, now: dt.datetime, ttl: dt.timedelta) -> int:
    """Delete conversations (and remembered replies) quiet for longer than ``ttl``."""
    from bot.records.dedupe import ProcessedMessage
    from bot.records.limits import purge_counts
    from bot.records.window import purge_windows

    cutoff = now - ttl
    removed = session.execute(
        delete(ConversationRow).where(ConversationRow.updated_at < cutoff)).rowcount
    session.execute(delete(ProcessedMessage).where(ProcessedMessage.created_at < cutoff))
    purge_counts(session, now)
    purge_windows(session, now)
    return removed or 0

