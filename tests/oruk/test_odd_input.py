"""Odd input to the API and the exports (issue 26, findings 9 and 12): huge page numbers and
NULs are a 400, never a 500; the ORUK CSV package never lets a spreadsheet run a value."""

from __future__ import annotations

import csv

import pytest

from directory.formats.oruk_csv_export import write_package
from directory.importing import import_path
from directory.models import Organisation, Service
from tests.factories import add_service
from tests.keepers.conftest import app, client, clock  # noqa: F401

FORMULAS = ["=HYPERLINK(\"http://example.org\",\"click\")", "+1+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3", "\tTab", "\r=1"]


@pytest.mark.parametrize("path", ["/oruk/services", "/oruk/taxonomy_terms",
                                  "/oruk/taxonomies", "/oruk/service_at_locations"])
@pytest.mark.parametrize("page", ["100000000000000000000", "9" * 5000, "1000001"])
def test_a_huge_page_number_is_a_400(client, path, page):  # noqa: F811
    response = client.get(f"{path}?page={page}")
    assert response.status_code == 400
    assert "page" in response.get_json()["error"]


def test_a_nul_in_the_api_is_a_400(client):  # noqa: F811
    assert client.get("/oruk/services?search=a%00b").status_code == 400
    assert client.get("/oruk/services/a%00b").status_code == 400


def test_the_oruk_csv_package_shows_formulas_and_reads_them_back(session, tmp_path):
    service = add_service(session, "Example Pantry", postcode="LS9 8RU")
    service.description, service.notes = FORMULAS[0], FORMULAS[1]
    service.organisation.description = FORMULAS[2]
    service.organisation.name = FORMULAS[3]
    service.name = FORMULAS[4].strip() + " " + FORMULAS[5].strip()
    session.commit()
    folder = tmp_path / "package"
    write_package(session, folder)
    cells = [cell for name in ("services.csv", "organizations.csv")
             for row in csv.reader((folder / name).read_text(encoding="utf-8").splitlines())
             for cell in row]
    for formula in FORMULAS[:4]:
        assert formula not in cells
        assert "'" + formula in cells
    longitudes = [row["longitude"] for row in csv.DictReader(
        (folder / "locations.csv").read_text(encoding="utf-8").splitlines())]
    assert longitudes and all(value.startswith("-1.") for value in longitudes)  # numbers stay

    report = import_path(session, folder / "datapackage.json", replace=True)
    assert not report.has_errors, report.issues
    session.commit()
    assert session.get(Service, "example-pantry").description == FORMULAS[0]
    assert session.get(Organisation, service.organisation_id).name == FORMULAS[3]
