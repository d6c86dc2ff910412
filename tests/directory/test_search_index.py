"""The in-memory search index: the same results as the plain ORM search, built once per
directory version, built again after an import or an edit, and checked with one small SELECT."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from core.db import session_factory
from directory.importing import import_path
from directory.models import Service
from directory.places import resolve_place
from directory.search import index_builds, search
from directory.version import directory_version
from tests.directory import random_directory
from tests.directory.reference_search import reference_search
from tests.factories import add_service

TIMES = (dt.datetime(2026, 11, 23, 10, 0), dt.datetime(2026, 11, 28, 18, 30),
         dt.datetime(2026, 6, 1, 9, 30, tzinfo=dt.UTC))
NOW = TIMES[0]


def _same(session, need, place, at) -> None:
    new = search(session, need, place, at)
    old = reference_search(session, need, place, at)
    assert list(new.results) == old.results
    assert len(new.results) == len(old.results)
    assert list(new.local) == old.local
    assert (new.radius_km, new.anchor) == (old.radius_km, old.anchor)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [14, 2026])
def test_same_results_as_the_plain_search_on_a_random_directory(engine, seed):
    with session_factory(engine)() as session:
        wards = random_directory.build(session, seed)
        session.commit()
    with session_factory(engine)() as session:
        places = random_directory.places(seed, wards, 20)
        for k, place in enumerate(places):
            for need in random_directory.NEEDS:
                _same(session, need, place, TIMES[k % len(TIMES)])
        _same(session, "work", places[1], NOW)  # no services for the need at all
        outcome = search(session, "food", places[1], NOW)
        assert outcome.results  # the comparison above compared something
        assert outcome.local and outcome.results[-1].distance_km is None


@pytest.mark.parametrize("need", ["food", *(pytest.param(need, marks=pytest.mark.slow)
                                             for need in ("money", "housing", "mental-health",
                                                          "social"))])
def test_same_results_as_the_plain_search_on_the_shipped_directory(shipped_engine, need):
    with session_factory(shipped_engine)() as session:
        for text in ("LS9 8RU", "LS22 6PN", "armley", "LS1", "BD1 1AA", "headingley"):
            place = resolve_place(session, text)
            for at in TIMES:
                _same(session, need, place, at)
        _same(session, need, None, NOW)


def test_built_once_then_reused_until_the_directory_changes(engine):
    with session_factory(engine)() as session:
        add_service(session, "Example Pantry", postcode="LS9 8RU")
        session.commit()
    place_text = "LS9 8RU"
    with session_factory(engine)() as session:
        place = resolve_place(session, place_text)
        before = index_builds()
        for need in ("food", "money", "food"):
            search(session, need, place, NOW)
    with session_factory(engine)() as session:
        search(session, "food", place, NOW)
    assert index_builds() == before + 1


def test_an_import_reloads_the_index(engine, write_sheet, make_row):
    path = write_sheet([make_row(service="Example Imported Pantry", postcode="LS9 8RU")])
    with session_factory(engine)() as session:
        place = resolve_place(session, "LS9 8RU")
        assert search(session, "food", place, NOW).results == []
        version = directory_version(session)
    builds = index_builds()
    with session_factory(engine)() as session:
        assert import_path(session, path).written
        session.commit()
    with session_factory(engine)() as session:
        assert directory_version(session)[0] == version[0] + 1
        names = [r.name for r in search(session, "food", place, NOW).results]
        search(session, "food", place, NOW)
    assert names == ["Example Imported Pantry"]
    assert index_builds() == builds + 1


def test_an_edit_through_the_orm_reloads_the_index(engine):
    with session_factory(engine)() as session:
        add_service(session, "Example Pantry", postcode="LS9 8RU")
        add_service(session, "Example Other Pantry", postcode="LS9 8RU")
        session.commit()
    with session_factory(engine)() as session:
        place = resolve_place(session, "LS9 8RU")
        assert len(search(session, "food", place, NOW).results) == 2
        session.get(Service, "example-pantry").status = "temporarily closed"
        session.commit()
    with session_factory(engine)() as session:
        assert [r.name for r in search(session, "food", place, NOW).results] == [
            "Example Other Pantry"]


def test_a_write_that_is_rolled_back_leaves_no_trace(engine):
    with session_factory(engine)() as session:
        add_service(session, "Example Pantry", postcode="LS9 8RU")
        session.commit()
    with session_factory(engine)() as session:
        place = resolve_place(session, "LS9 8RU")
        add_service(session, "Example Passing Pantry", postcode="LS9 8RU")
        # The writing transaction sees its own change ...
        assert len(search(session, "food", place, NOW).results) == 2
        session.rollback()
    # ... and nobody sees it once it is rolled back.
    with session_factory(engine)() as session:
        assert [r.name for r in search(session, "food", place, NOW).results] == [
            "Example Pantry"]


def test_each_database_has_its_own_index(session, other_session):
    add_service(session, "Example Pantry", postcode="LS9 8RU")
    add_service(other_session, "Example Other Pantry", postcode="LS9 8RU")
    place = resolve_place(session, "LS9 8RU")
    for _ in range(2):
        assert [r.name for r in search(session, "food", place, NOW).results] == [
            "Example Pantry"]
        assert [r.name for r in search(other_session, "food", place, NOW).results] == [
            "Example Other Pantry"]


def test_a_search_on_a_loaded_index_runs_one_small_select(engine):
    with session_factory(engine)() as session:
        add_service(session, "Example Pantry", postcode="LS9 8RU",
                    sessions=((0, "10:00", "12:00"),))
        session.commit()
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    with session_factory(engine)() as session:
        place = resolve_place(session, "LS9 8RU")
        search(session, "food", place, NOW)  # loads the index
        session.commit()  # a later turn: a new transaction
        event.listen(engine, "before_cursor_execute", record)
        try:
            outcome = search(session, "food", place, NOW)
            assert outcome.results[0].opening.open_now is True
            search(session, "food", place, NOW)  # the version is read once a transaction
        finally:
            event.remove(engine, "before_cursor_execute", record)
    statements = [s for s in statements if not s.startswith("BEGIN")]
    assert len(statements) == 1
    assert statements[0].split() == [
        "SELECT", "directory_version.version,", "directory_version.token", "FROM",
        "directory_version", "WHERE", "directory_version.id", "=", statements[0].split()[-1]]


def test_results_are_built_only_when_read(engine):
    with session_factory(engine)() as session:
        for k in range(6):
            add_service(session, f"Example Pantry {k}", postcode="LS9 8RU")
        outcome = search(session, "food", resolve_place(session, "LS9 8RU"), NOW)
        results = outcome.results
        assert len(results) == 6 and len(outcome.local) == 6
        assert results._built == {}  # nothing was read yet
        first_page = results[:3]
        assert [r.name for r in first_page] == [f"Example Pantry {k}" for k in range(3)]
        assert sorted(results._built) == [0, 1, 2]
        assert results[-1] is results[5] and results[0] is first_page[0]
        with pytest.raises(IndexError):
            results[6]
