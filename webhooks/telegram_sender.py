"""One python-telegram-bot ``Bot`` per worker process, on its own event-loop thread.

python-telegram-bot is asyncio-only and a ``Bot`` must stay on one event loop, while Flask runs
each request in a plain thread. So a process starts one daemon thread running an event loop and
one ``Bot`` bound to it; request threads hand it coroutines with ``run_coroutine_threadsafe`` and
wait a bounded time. Under gunicorn the sender is made lazily in each worker, after the fork
(``pid`` says which process owns it).

Every call is bounded: HTTP timeouts on each request, a few retries with backoff for network
errors and HTTP 5xx, ``RetryAfter`` respected up to a small cap, and a deadline for the whole
batch. ``send_messages`` and ``answer_callback`` log a failure and return False, so it never
reaches a webhook; ``call`` raises it (for the CLI, which reports it).
"""

from __future__ import annotations

import asyncio
import atexit
import datetime as dt
import logging
import os
import threading
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from typing import TypeVar

from telegram import Bot, ReplyKeyboardMarkup, ReplyKeyboardRemove
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.request import HTTPXRequest

log = logging.getLogger(__name__)

T = TypeVar("T")
Markup = ReplyKeyboardMarkup | ReplyKeyboardRemove | None

DEFAULT_BASE_URL = "https://api.telegram.org/bot"
#: Telegram shows a spinner on a pressed inline button until it is answered.
CALLBACK_TIMEOUT = 3.0


class TelegramSender:
    """Sends through one initialised ``Bot`` living on a background event loop."""

    def __init__(self, token: str, base_url: str = DEFAULT_BASE_URL, *,
                 connect_timeout: float = 2.0, read_timeout: float = 3.0,
                 retry_delays: Sequence[float] = (0.2, 0.5), retry_after_cap: float = 2.0,
                 deadline: float = 5.0) -> None:
        self.pid = os.getpid()
        self.retry_delays = tuple(retry_delays)
        self.retry_after_cap = retry_after_cap
        self.deadline = deadline
        self.bot = Bot(token, base_url=base_url or DEFAULT_BASE_URL,
                       request=self._request(8, connect_timeout, read_timeout),
                       get_updates_request=self._request(1, connect_timeout, read_timeout))
        self._initialised = False
        self._closed = False
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run_loop, name="telegram-sender",
                                        daemon=True)
        self._thread.start()
        atexit.register(self.close)

    @staticmethod
    def _request(pool: int, connect_timeout: float, read_timeout: float) -> HTTPXRequest:
        return HTTPXRequest(connection_pool_size=pool, connect_timeout=connect_timeout,
                            read_timeout=read_timeout, write_timeout=read_timeout,
                            pool_timeout=1.0)

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
        """Run ``make()`` on the bot's loop with retries; raise TelegramError or TimeoutError."""
        return self._on_loop(self._with_retries(make), timeout or self.deadline)

    def send_messages(self, chat_id: int | str,
                      messages: Sequence[tuple[str, Markup]]) -> bool:
        """Send ``(text, reply_markup)`` pieces in order; False (logged) if any failed."""
        try:
            self._on_loop(self._send_all(chat_id, messages), self.deadline)
        except (TelegramError, TimeoutError) as exc:
            log.error("Telegram: a reply could not be delivered: %s", _describe(exc))
            return False
        except Exception:
            log.exception("Telegram: a reply could not be delivered")
            return False
        return True

    def answer_callback(self, callback_query_id: str) -> bool:
        """Stop the button's spinner; False (logged) if Telegram could not be told."""
        try:
            self.call(lambda: self.bot.answer_callback_query(callback_query_id),
                      timeout=CALLBACK_TIMEOUT)
        except (TelegramError, TimeoutError) as exc:
            log.warning("Telegram: could not answer a button press: %s", _describe(exc))
            return False
        except Exception:
            log.exception("Telegram: could not answer a button press")
            return False
        return True

    def close(self) -> None:
        """Shut the bot's HTTP client and stop the loop thread (safe twice)."""
        if self._closed:
            return
        self._closed = True
        atexit.unregister(self.close)
        if self._thread.is_alive() and self.pid == os.getpid():
            try:
                self._on_loop(self.bot.shutdown(), 5.0)
            except Exception as exc:  # closing must never fail loudly
                log.warning("Telegram: shutting the bot down: %s", _describe(exc))
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=5.0)
        if not self._thread.is_alive():
            self._loop.close()

    # --- on the loop ----------------------------------------------------------------------

    def _on_loop(self, coroutine: Coroutine[object, object, T], timeout: float) -> T:
        if self._closed and self._loop.is_closed():
            coroutine.close()
            raise RuntimeError("the Telegram sender is closed")
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout=timeout)
        except TimeoutError:
            future.cancel()
            raise

    async def _send_all(self, chat_id: int | str,
                        messages: Sequence[tuple[str, Markup]]) -> None:
        for text, markup in messages:
            await self._with_retries(
                lambda text=text, markup=markup: self.bot.send_message(
                    chat_id, text, reply_markup=markup))

    async def _with_retries(self, make: Callable[[], Awaitable[T]]) -> T:
        delays = (*self.retry_delays, None)
        for attempt, delay in enumerate(delays, 1):
            try:
                if not self._initialised:
                    await self.bot.initialize()
                    self._initialised = True
                return await make()
            except RetryAfter as exc:
                wait = retry_after_seconds(exc)
                if delay is None or wait > self.retry_after_cap:
                    raise
                log.info("Telegram asked us to wait %.1fs (try %d)", wait, attempt)
                await asyncio.sleep(max(wait, delay))
            except BadRequest:
                raise  # our request is wrong: sending it again will not help
            except NetworkError as exc:  # timeouts, connection errors, HTTP 5xx
                if delay is None:
                    raise
                log.info("Telegram: %s; trying again in %.1fs (try %d)", _describe(exc), delay,
                         attempt)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")


def retry_after_seconds(exc: RetryAfter) -> float:
    value = exc.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
