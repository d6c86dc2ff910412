"""One python-telegram-bot ``Bot`` per worker process, on its own event-loop thread, with a queue.

python-telegram-bot is asyncio-only and a ``Bot`` must stay on one event loop, while Flask runs
each request in a plain thread. So a process starts one daemon thread running an event loop and
one ``Bot`` bound to it. Under gunicorn the sender is made lazily in each worker, after the fork
(``pid`` says which process owns it).

Replies never hold a web worker. The webhook takes a ``Slot`` (a place in a bounded queue)
before the conversation runs, fills it with the rendered replies and answers Telegram at once;
the loop delivers them. Each chat has its own lane, so one chat's replies go out in order while
other chats' replies go out beside them (at most ``concurrency`` calls at a time). Every send is
bounded: HTTP timeouts, a few retries with backoff for network errors and HTTP 5xx, and a 429's
``retry_after`` honoured up to a cap. A reply given up on is logged (why, and how many messages)
with no chat id and no text. ``call`` runs one call and waits for it (for the CLI).
"""

from __future__ import annotations

import asyncio
import atexit
import collections
import datetime as dt
import logging
import os
import ssl
import threading
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import TracebackType
from typing import TypeVar

import certifi
from telegram import Bot, InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.request import HTTPXRequest

log = logging.getLogger(__name__)
#: httpx logs every request URL at INFO, and a Bot API URL holds the bot token: never show it.
logging.getLogger("httpx").setLevel(logging.WARNING)

T = TypeVar("T")
Markup = ReplyKeyboardMarkup | ReplyKeyboardRemove | InlineKeyboardMarkup | None

DEFAULT_BASE_URL = "https://api.telegram.org/bot"


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try one call: the waits between tries, and the longest 429 wait honoured."""

    delays: tuple[float, ...]
    retry_after_cap: float


#: Someone is waiting for the answer (the CLI, a button's spinner): a few quick tries.
QUICK = RetryPolicy((0.2, 0.5), 2.0)
#: Queued replies: no worker waits, so six tries over about 15 s, and 429 waits up to 30 s.
PATIENT = RetryPolicy((0.5, 1.0, 2.0, 4.0, 8.0), 30.0)


@dataclass(frozen=True)
class Pin:
    """A map pin sent after a message: a venue with its address, or a plain location."""

    latitude: float
    longitude: float
    title: str = ""
    address: str = ""


@dataclass(frozen=True)
class Outgoing:
    """One update's answer: the button press to acknowledge, then the messages in order."""

    chat_id: int | str
    messages: tuple[tuple[str, Markup] | Pin, ...] = ()
    callback_query_id: str | None = None


class Slot:
    """A place in the send queue, taken before the conversation runs so its replies fit."""

    def __init__(self, sender: TelegramSender) -> None:
        self._sender = sender
        self._used = False

    def fill(self, outgoing: Outgoing) -> None:
        """Queue ``outgoing`` in this place (once); it is delivered in the background."""
        if self._used:
            raise RuntimeError("a slot is filled once")
        self._used = True
        self._sender._submit(outgoing)

    def __enter__(self) -> Slot:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if not self._used:  # nothing to send (or the conversation failed): give it back
            self._used = True
            self._sender._release()


@lru_cache(maxsize=1)
def _tls_context() -> ssl.SSLContext:
    """One TLS context (certifi's roots, as httpx uses) for every client: loading the roots
    takes tens of milliseconds, so each sender's two clients share it."""
    return ssl.create_default_context(cafile=certifi.where())


class TelegramSender:
    """Sends through one initialised ``Bot`` living on a background event loop."""

    def __init__(self, token: str, base_url: str = DEFAULT_BASE_URL, *,
                 connect_timeout: float = 2.0, read_timeout: float = 3.0,
                 send_read_timeout: float = 10.0,
                 retry_delays: Sequence[float] = PATIENT.delays,
                 retry_after_cap: float = PATIENT.retry_after_cap,
                 max_queue: int = 500, concurrency: int = 8, close_timeout: float = 10.0,
                 deadline: float = 5.0) -> None:
        self.pid = os.getpid()
        self.policy = RetryPolicy(tuple(retry_delays), retry_after_cap)
        self.send_read_timeout = send_read_timeout
        self.max_queue = max_queue
        self.close_timeout = close_timeout
        self.deadline = deadline
        self.bot = Bot(token, base_url=base_url or DEFAULT_BASE_URL,
                       request=self._request(concurrency, connect_timeout, read_timeout),
                       get_updates_request=self._request(1, connect_timeout, read_timeout))
        #: Counts since start, no identities: sent, given_up (messages), refused (updates).
        self.counts: collections.Counter[str] = collections.Counter()
        self._pending = 0  # slots taken: reserved, queued or being delivered
        self._changed = threading.Condition()
        self._closed = False
        self._initialised = False
        self._initialising = asyncio.Lock()
        self._calls = asyncio.Semaphore(concurrency)
        self._lanes: dict[int | str, collections.deque[Outgoing]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run_loop, name="telegram-sender",
                                        daemon=True)
        self._thread.start()
        atexit.register(self.close)

    @staticmethod
    def _request(pool: int, connect_timeout: float, read_timeout: float) -> HTTPXRequest:
        return HTTPXRequest(connection_pool_size=pool, connect_timeout=connect_timeout,
                            read_timeout=read_timeout, write_timeout=read_timeout,
                            pool_timeout=1.0, httpx_kwargs={"verify": _tls_context()})

    def _run_loop(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_forever()
        finally:
            pending = asyncio.all_tasks(self._loop)
            for task in pending:
                task.cancel()
            self._loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            self._loop.run_until_complete(self._loop.shutdown_asyncgens())

    # --- calls from request threads -------------------------------------------------------

    def call(self, make: Callable[[], Awaitable[T]], timeout: float | None = None) -> T:
        """Run ``make()`` now with quick retries and wait; TelegramError or TimeoutError."""
        return self._on_loop(self._with_retries(make, QUICK), timeout or self.deadline)

    def reserve(self) -> Slot | None:
        """A place in the queue, or None (logged and counted) when it is full or closed."""
        with self._changed:
            refused = self._closed or self._pending >= self.max_queue
            if refused:
                self.counts["refused"] += 1
            else:
                self._pending += 1
            waiting, total = self._pending, self.counts["refused"]
        if not refused:
            return Slot(self)
        log.warning("Telegram: the send queue is %s (%d waiting); refused an update so "
                    "Telegram sends it again later (%d refused since start)",
                    "closed" if self._closed else "full", waiting, total)
        return None

    def drain(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds until nothing is queued; False if something still is."""
        with self._changed:
            return self._changed.wait_for(lambda: self._pending == 0, timeout)

    @property
    def pending(self) -> int:
        """Places taken in the queue: replies reserved, waiting or being delivered."""
        with self._changed:
            return self._pending

    def close(self) -> None:
        """Wait up to ``close_timeout`` for queued replies, then stop the bot (safe twice)."""
        with self._changed:
            if self._closed:
                return
            self._closed = True
        atexit.unregister(self.close)
        if self.pid != os.getpid() or not self._thread.is_alive():
            return  # a copy inherited through a fork: the parent owns the loop
        if not self.drain(self.close_timeout):
            left = self.pending
            log.warning("Telegram: shutting down with %d update(s) still queued after %.0f s; "
                        "their replies are not delivered", left, self.close_timeout)
        try:
            self._on_loop(self._shut_down(), 5.0)
        except Exception as exc:  # closing must never fail loudly
            log.warning("Telegram: shutting the bot down: %s", _describe(exc))
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5.0)
        if not self._thread.is_alive():
            self._loop.close()

    def _submit(self, outgoing: Outgoing) -> None:
        try:
            self._loop.call_soon_threadsafe(self._accept, outgoing)
        except RuntimeError:  # the loop is closed: the process is shutting down
            self._give_up(outgoing, len(outgoing.messages), "the sender is closed")
            self._release()

    def _release(self) -> None:
        with self._changed:
            self._pending -= 1
            self._changed.notify_all()

    def _give_up(self, outgoing: Outgoing, undelivered: int, reason: str) -> None:
        with self._changed:
            self.counts["given_up"] += undelivered
            total = self.counts["given_up"]
        log.warning("Telegram: gave up on a reply (%s): %d of its %d message(s) not delivered "
                    "(%d since start)", reason, undelivered, len(outgoing.messages), total)

    # --- on the loop ----------------------------------------------------------------------

    def _on_loop(self, coroutine: Coroutine[object, object, T], timeout: float) -> T:
        if self._loop.is_closed():
            coroutine.close()
            raise RuntimeError("the Telegram sender is closed")
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout=timeout)
        except TimeoutError:
            future.cancel()
            raise

    def _accept(self, outgoing: Outgoing) -> None:
        try:
            self._queue_in_lane(outgoing)
        except Exception as exc:  # never leave a place taken: drain and close would wait on it
            self._give_up(outgoing, len(outgoing.messages), _reason(exc))
            self._release()

    def _queue_in_lane(self, outgoing: Outgoing) -> None:
        lane = self._lanes.get(outgoing.chat_id)
        if lane is None:
            lane = self._lanes[outgoing.chat_id] = collections.deque()
            task = self._loop.create_task(self._drain_lane(outgoing.chat_id, lane))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        lane.append(outgoing)

    async def _drain_lane(self, chat_id: int | str,
                          lane: collections.deque[Outgoing]) -> None:
        """Deliver one chat's answers in the order they were queued, then retire the lane."""
        try:
            while lane:
                outgoing = lane.popleft()
                try:
                    await self._deliver(outgoing)
                finally:
                    self._release()
        finally:
            self._lanes.pop(chat_id, None)

    async def _deliver(self, outgoing: Outgoing) -> None:
        if outgoing.callback_query_id is not None:
            query_id = outgoing.callback_query_id
            try:
                await self._with_retries(lambda: self.bot.answer_callback_query(query_id),
                                         QUICK)
            except Exception as exc:
                log.warning("Telegram: could not answer a button press (%s)", _reason(exc))
        for index, item in enumerate(outgoing.messages):
            try:
                await self._with_retries(lambda item=item: self._send(outgoing.chat_id, item),
                                         self.policy)
            except Exception as exc:  # the rest would arrive out of order: give up on them
                self._give_up(outgoing, len(outgoing.messages) - index, _reason(exc))
                return
            with self._changed:
                self.counts["sent"] += 1

    def _send(self, chat_id: int | str, item: tuple[str, Markup] | Pin) -> Awaitable[object]:
        """The Bot API call for one message or map pin."""
        if isinstance(item, Pin):
            if item.address:
                return self.bot.send_venue(chat_id, item.latitude, item.longitude, item.title,
                                           item.address, read_timeout=self.send_read_timeout)
            return self.bot.send_location(chat_id, item.latitude, item.longitude,
                                          read_timeout=self.send_read_timeout)
        text, markup = item
        return self.bot.send_message(chat_id, text, reply_markup=markup,
                                     read_timeout=self.send_read_timeout)

    async def _shut_down(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.bot.shutdown()

    async def _with_retries(self, make: Callable[[], Awaitable[T]], policy: RetryPolicy) -> T:
        delays = (*policy.delays, None)
        for attempt, delay in enumerate(delays, 1):
            try:
                async with self._calls:
                    await self._initialise()
                    return await make()
            except RetryAfter as exc:
                wait = retry_after_seconds(exc)
                if delay is None or wait > policy.retry_after_cap:
                    raise
                log.info("Telegram asked us to wait %.1fs (try %d)", wait, attempt)
                await asyncio.sleep(wait)
            except BadRequest:
                raise  # our request is wrong: sending it again will not help
            except NetworkError as exc:  # timeouts, connection errors, HTTP 5xx
                if delay is None:
                    raise
                log.info("Telegram: %s; trying again in %.1fs (try %d)", _describe(exc), delay,
                         attempt)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")

    async def _initialise(self) -> None:
        async with self._initialising:
            if not self._initialised:
                await self.bot.initialize()
                self._initialised = True


def retry_after_seconds(exc: RetryAfter) -> float:
    value = exc.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


def _reason(exc: BaseException) -> str:
    """Why a call failed: Telegram's own words, or only the kind of an unexpected error."""
    return _describe(exc) if isinstance(exc, TelegramError) else type(exc).__name__


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
