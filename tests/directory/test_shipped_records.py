"""The shipped directory is built from its records files by the project's own import."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from bot.sms.gsm import is_gsm7
from bot.wording.crisis import CONTACTS_FILE
from directory.build import build_directory, records_files
from directory.importing import validate_path
from directory.shipped import SHIPPED_DIRECTORY


@pytest.mark.slow
def test_the_committed_directory_is_exactly_what_the_records_build():
    text, reports = build_directory()
    assert sum(r.services_added for r in reports) == json.loads(text)["total_items"]
    assert SHIPPED_DIRECTORY.read_text(encoding="utf-8") == text, (
        "leeds_directory.json is out of date: run python -m directory.build")


@pytest.mark.parametrize("path", records_files(), ids=lambda p: p.name)
def test_every_records_file_validates_without_errors(session, path):
    report = validate_path(session, path, fmt="spreadsheet")
    assert report.errors == []
    assert report.services_added > 0


def test_every_shipped_service_says_where_its_details_came_from():
    for service in json.loads(SHIPPED_DIRECTORY.read_text(encoding="utf-8"))["contents"]:
        assert service["x_source"], service["id"]
        assert "x_last_checked" in service, service["id"]  # a date, or null: date unknown


def test_crisis_contacts_have_their_shape_and_sources():
    contacts = json.loads(CONTACTS_FILE.read_text(encoding="utf-8"))
    keys = {"id", "name", "number", "how", "cost", "when", "for", "source", "last_checked"}
    assert len({c["id"] for c in contacts}) == len(contacts)
    for contact in contacts:
        assert set(contact) == keys, contact["id"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", contact["last_checked"]), contact["id"]
        assert contact["source"].strip() and re.search(r"\w+\.\w+", contact["source"])
        assert re.fullmatch(r"[0-9 ]+", contact["number"]), contact["id"]
        assert all(is_gsm7(str(v)) for v in contact.values() if v), contact["id"]


def test_records_from_the_leeds_fan_list_are_marked_to_be_confirmed():
    """The Leeds FAN provision list asks to be consulted before reuse (gathered README)."""
    fan_files = ("homeless-and-food-aid.pdf", "leeds-map.pdf")
    marked = 0
    for path in records_files():
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                cites_fan = any(f"/leeds/{name} " in row["source"] for name in fan_files)
                confirm = "to be confirmed with Leeds FAN" in row["source"]
                assert cites_fan == confirm, row["service_id"]
                marked += confirm
    assert marked >= 5


def test_attribution_credits_every_site_a_record_cites():
    text = (Path(__file__).resolve().parents[2] / "ATTRIBUTION.md").read_text(encoding="utf-8")
    host = re.compile(r"https?://(?:www\.)?([^/\s;()]+)(/[^/\s;()]+/[^/\s;()]+)?")
    missing = set()
    for path in records_files():
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for found in host.finditer(row["source"]):
                    name = found.group(1).lower()
                    name += found.group(2) if name == "github.com" else ""
                    if f"`{name}`" not in text:
                        missing.add(name)
    assert missing == set()
    assert "Give Food" in text and "to be confirmed with Leeds FAN" in text
