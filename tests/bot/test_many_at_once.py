"""Many messages at once on two workers: none is lost, none gets an apology, every count is exact.

On PostgreSQL (``.ci/with-postgres``) they race for real, with the web app's timeouts. On SQLite
every transaction takes the write lock first, so they pass by construction; but ten writers at
once is five times what the Procfile's two sync workers can make, and SQLite's busy handler is
not first come, first served, so on a loaded machine one could wait past the web app's 2 s and
get a (correct) 503. There the apps wait longer for the lock.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import func, select

from bot.records.dedupe import ProcessedMessage
from bot.records.delivery import DeliveryCount, count_delivery
from bot.records.limits import DailyReplies, RateWindow
from bot.records.store import ConversationRow, FeedbackCount, NeedCount
from bot.wording import copy
from core.db import WEB_TIMEOUTS, Timeouts, make_engine, session_scope
from tests.clock import FakeClock
from tests.databases import on_postgres
from tests.webhooks.channels import Phone, close_app, make_app

NOW = dt.datetime(2026, 11, 23, 10, 0, 5)
THREADS = 10


@pytest.fixture
def workers(shipped_db_url, tmp_path) -> Iterator[list]:
    """Two apps on one database, as two gunicorn workers would be."""
    clock = FakeClock(NOW)
    timeouts = WEB_TIMEOUTS if on_postgres() else Timeouts(lock=30.0)
    apps = [make_app(shipped_db_url, tmp_path / f"worker{n}", clock=clock, timeouts=timeouts)
            for n in (1, 2)]
    yield apps
    for app in apps:
        close_app(app)


def _at_once(jobs: list[Callable[[], object]]) -> list[object]:
    """Run every job on its own thread, all released together; their results, in order."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(n: int) -> None:
        barrier.wait()
        try:
            results[n] = jobs[n]()
        except BaseException as exc:  # asserted on by the caller
            results[n] = exc

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return results


def _total(url: str, column) -> int:
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            return session.scalar(select(func.coalesce(func.sum(column), 0)))
    finally:
        engine.dispose()


def test_ten_messages_from_one_sender_at_once_all_run(workers, shipped_db_url):
    texts = ("hello", "food", "LS9 8RU", "MORE", "BACK", "2", "hi", "NEW", "1", "LS9 8RU")
    for trial in range(5):
        number = f"+447700900{trial:03d}"
        phones = [Phone(workers[n % 2].test_client(), number) for n in range(THREADS)]
        results = _at_once([lambda p=phone, t=text: p.text(t)
                            for phone, text in zip(phones, texts, strict=True)])
        for result in results:
            assert isinstance(result, list), repr(result)
            assert result and copy.SOMETHING_WENT_WRONG not in result
    engine = make_engine(shipped_db_url)
    with session_scope(engine) as session:
        versions = session.scalars(select(ConversationRow.version)).all()
        remembered = session.scalar(select(func.count()).select_from(ProcessedMessage))
    engine.dispose()
    # Each message ran once, one after another, on the state the one before left.
    assert versions == [THREADS] * 5
    assert remembered == 5 * THREADS
    assert _total(shipped_db_url, RateWindow.count) == 5 * THREADS


def test_counts_from_many_senders_at_once_are_exact(workers, shipped_db_url):
    senders = 40
    phones = [Phone(workers[n % 2].test_client(), f"+447700900{n:03d}") for n in range(senders)]

    shares = [phones[n::THREADS] for n in range(THREADS)]

    def texting(text: str, share: list[Phone]) -> Callable[[], object]:
        return lambda: [phone.text(text) for phone in share]

    for text in ("food near LS9 8RU", "1", "yes"):  # results, details, "Was this useful?"
        for result in _at_once([texting(text, share) for share in shares]):
            assert isinstance(result, list), repr(result)
            for texts in result:
                assert texts and copy.SOMETHING_WENT_WRONG not in texts
    assert _total(shipped_db_url, NeedCount.count) == senders
    assert _total(shipped_db_url, FeedbackCount.count) == senders
    assert _total(shipped_db_url, DailyReplies.count) >= 3 * senders
    assert _total(shipped_db_url, RateWindow.count) == 3 * senders


def test_delivery_reports_at_once_are_all_counted(shipped_engine, shipped_db_url):
    day = NOW.date()

    def report() -> None:
        for _ in range(20):
            with session_scope(shipped_engine) as session:
                count_delivery(session, "sms", "delivered", "", day)

    results = _at_once([report for _ in range(THREADS)])
    assert results == [None] * THREADS
    assert _total(shipped_db_url, DeliveryCount.count) == 20 * THREADS
