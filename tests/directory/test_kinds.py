"""Kinds of help (issue 23): the registry, the records' ``kinds`` column (and the gathered notes
convention), and kinds through import, the spreadsheet and ORUK exports and the search index."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from directory.build import records_files
from directory.exporting import export_spreadsheet
from directory.formats.oruk_objects import directory_to_oruk_json
from directory.formats.spreadsheet_cells import kinds_from_notes, parse_kinds
from directory.importing import import_path
from directory.models import Service
from directory.needs import (
    KIND_SLUGS,
    KINDS,
    KINDS_BY_SLUG,
    NEED_SLUGS,
    kind_of_term,
    kinds_of_need,
)
from directory.search import directory_index
from directory.shipped import SHIPPED_DIRECTORY

#: The shared vocabulary of 2026-12-06 (other work uses these slugs): kind -> its needs.
SHARED_KINDS = {
    "food-parcel": "food", "hot-meal": "food", "low-cost-food": "food",
    "debt-advice": "money", "benefits-advice": "money", "crisis-grant": "money",
    "housing-tonight": "housing", "homelessness-advice": "housing",
    "eviction-advice": "housing", "repairs-damp": "housing", "energy-bills": "energy",
    "warm-space": "energy", "wellbeing-support": "mental-health", "talk-now": "mental-health",
    "bereavement": "mental-health", "company": "social", "carers": "social",
    "parenting": "family", "baby-items": "family essentials",
    "school-uniform": "family essentials", "nhs-111": "health", "gp": "health",
    "dentist": "health", "sexual-health": "health", "addiction": "health", "job-help": "work",
    "esol": "work", "immigration-advice": "immigration",
    "domestic-abuse-support": "domestic-abuse", "digital-help": "digital",
    "clothes": "essentials",
}

HEADER = ("organisation,service,description,needs,kinds,address,postcode,phone,opening_times,"
          "area,source,last_checked,notes")


def _write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "kinds.csv"
    path.write_text("\n".join((HEADER, *rows)) + "\n", encoding="utf-8")
    return path


def test_the_registry_holds_exactly_the_shared_kinds_under_their_needs():
    assert set(KIND_SLUGS) == set(SHARED_KINDS)
    for slug, needs in SHARED_KINDS.items():
        assert KINDS_BY_SLUG[slug].needs == tuple(needs.split()), slug
        assert set(KINDS_BY_SLUG[slug].needs) <= set(NEED_SLUGS)
    assert [k.slug for k in kinds_of_need("essentials")] == ["baby-items", "school-uniform",
                                                             "clothes"]
    assert kind_of_term(KINDS_BY_SLUG["debt-advice"].term_id) == ("debt-advice", False)
    assert kind_of_term(KINDS_BY_SLUG["debt-advice"].side_term_id) == ("debt-advice", True)
    assert kind_of_term("leeds-signpost-kind:not-a-kind") is None


def test_a_kinds_cell_names_main_kinds_and_side_lines_and_reports_slips():
    assert parse_kinds("debt-advice; benefits-advice (side)") == (
        [("debt-advice", False), ("benefits-advice", True)], [])
    kinds, problems = parse_kinds("debt advise")
    assert kinds == [] and "did you mean debt-advice?" in problems[0]


def test_the_gathered_notes_convention_gives_kinds_and_leaves_the_note_for_residents():
    assert kinds_from_notes("kinds: nhs-111; also: dentist, talk-now") == (
        "nhs-111; dentist (side); talk-now (side)", "")
    assert kinds_from_notes("kinds: carers. Call ahead.") == ("carers", "Call ahead.")
    assert kinds_from_notes("Call ahead.") == ("", "Call ahead.")


def test_kinds_are_imported_exported_and_read_by_the_search_index(session, tmp_path):
    path = _write(
        tmp_path,
        "Example Advice Trust,Example Debt Clinic,Debt advice.,money,"
        "debt-advice; benefits-advice (side),1 Example Street,LS9 8RU,01632 960100,,,"
        "Fictional,2026-11-01,",
        "Example Trust,Example Baby Bank,Baby things.,,,,,01632 960101,,city,Fictional,"
        "2026-11-01,kinds: baby-items; also: clothes. Please call first.")
    report = import_path(session, path)
    assert report.written and not [i for i in report.issues if i.severity == "error"]
    clinic = session.get(Service, "example-advice-trust-example-debt-clinic")
    assert clinic.need_slugs == ["money"]
    bank = session.get(Service, "example-trust-example-baby-bank")
    # A kind's needs join the record's (baby items count for family and for essentials).
    assert set(bank.need_slugs) == {"family", "essentials"}
    assert bank.notes == "Please call first."  # the convention is not shown to residents

    exported = tmp_path / "out.csv"
    export_spreadsheet(session, exported)
    with open(exported, encoding="utf-8-sig", newline="") as handle:
        by_name = {row["service"]: row for row in csv.DictReader(handle)}
    assert by_name["Example Debt Clinic"]["kinds"] == "debt-advice; benefits-advice (side)"
    assert by_name["Example Baby Bank"]["kinds"] == "baby-items; clothes (side)"

    oruk = directory_to_oruk_json(session)
    [clinic_json] = [s for s in oruk["contents"] if s["name"] == "Example Debt Clinic"]
    terms = {a["taxonomy_term"]["id"]: a["taxonomy_term"] for a in clinic_json["attributes"]}
    assert terms["leeds-signpost-kind:debt-advice"]["taxonomy"] == "leeds-signpost-kinds"
    assert terms["leeds-signpost-kind-side:benefits-advice"]["taxonomy"] == \
        "leeds-signpost-kinds-side"

    index = directory_index(session)
    entry = {e.name: e for e in index.need(session, "money").entries()}["Example Debt Clinic"]
    assert (entry.kinds, entry.side_kinds) == (("debt-advice",), ("benefits-advice",))
    assert entry.fit(["debt-advice"]) == 2 and entry.fit(["benefits-advice"]) == 1
    assert entry.fit(["crisis-grant"]) == 0


def test_every_shipped_record_states_its_kinds_and_the_shipped_json_carries_them():
    without = []
    for path in records_files():
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                cell = row.get("kinds") or kinds_from_notes(row.get("notes") or "")[0]
                kinds, problems = parse_kinds(cell)
                assert not problems, (path.name, row["service_id"], problems)
                if not kinds:
                    without.append(row["service_id"])
    # The few records whose own words name no kind of help in the list (a general council
    # line; sexual-violence support lines, which the shared list has no kind for).
    assert len(without) <= 6, without
    shipped = json.loads(SHIPPED_DIRECTORY.read_text(encoding="utf-8"))
    kinds = {a["taxonomy_term"]["id"] for s in shipped["contents"] for a in s["attributes"]
             if a["taxonomy_term"].get("taxonomy", "").startswith("leeds-signpost-kinds")}
    assert "leeds-signpost-kind:housing-tonight" in kinds
    assert "leeds-signpost-kind-side:warm-space" in kinds


def test_a_kinds_stand_ins_are_other_kinds_of_its_own_need():
    for kind in KINDS:
        for other in kind.stand_ins:
            assert other != kind.slug and kind.need in KINDS_BY_SLUG[other].needs, kind.slug
