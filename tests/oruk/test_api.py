"""The ``/oruk`` API on the shipped directory: every answer valid against the official UK-profile
schemas (copied into tests/data/oruk-schema), paging, filters, headers, limits and errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from jsonschema import validators
from referencing import Registry, Resource

from tests.clock import FakeClock
from webhooks import create_app
from webhooks.services import services

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "oruk-schema"
PAGE_FIELDS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page",
               "empty", "contents"}


def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


_OPENAPI = _schema("openapi.json")
#: taxonomy.json refers to taxonomy_term.json by its file name.
_REGISTRY = Registry().with_resource("taxonomy_term.json",
                                     Resource.opaque(_schema("taxonomy_term.json")))


def _errors(schema: dict, document: object) -> list[str]:
    validator = validators.validator_for(schema)(schema, registry=_REGISTRY)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(document)]


def _valid_page(data: dict, item_schema: dict) -> None:
    assert set(data) == PAGE_FIELDS
    page_schema = {**_OPENAPI["components"]["schemas"]["Page"],
                   "required": sorted(PAGE_FIELDS - {"contents"})}
    assert _errors(page_schema, data) == []
    for item in data["contents"]:
        assert _errors(item_schema, item) == []


@pytest.fixture
def clock():
    return FakeClock(dt.datetime(2026, 11, 23, 10, 0))


@pytest.fixture
def client(shipped_db_url, tmp_path, clock):
    app = create_app({"database_url": shipped_db_url, "instance_path": tmp_path / "instance",
                      "secret_key": "test-secret", "oruk_rate_limit_per_minute": 1000},
                     clock=clock)
    yield app.test_client()
    services(app).database.dispose()


def _all(client, path: str) -> list[dict]:
    """Every item of a paged endpoint, page by page."""
    items, page = [], 1
    while True:
        data = client.get(f"{path}{'&' if '?' in path else '?'}page={page}&per_page=7").get_json()
        items += data["contents"]
        if data["last_page"]:
            return items
        page += 1


def test_the_root_says_version_profile_and_links(client):
    response = client.get("/oruk/")
    data = response.get_json()
    root = _OPENAPI["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]
    assert _errors(root["schema"], data) == []
    assert data["version"] == "3.0"
    assert data["links"]["services"].endswith("/oruk/services")


def _services_stored(client) -> int:
    from sqlalchemy import func, select

    from core.db import session_scope
    from directory.models import Service

    with session_scope(services(client.application).database) as session:
        return session.scalar(select(func.count()).select_from(Service))


@pytest.mark.slow
def test_every_service_validates_listed_and_in_full(client):
    listed = _all(client, "/oruk/services")
    stored = _services_stored(client)
    assert stored > 30
    assert len(listed) == stored
    assert len({s["id"] for s in listed}) == stored
    _valid_page(client.get("/oruk/services?per_page=5").get_json(), _schema(
        "compiled/service_list.json"))
    full_schema = _schema("compiled/service.json")
    for item in listed:
        response = client.get(f"/oruk/services/{item['id']}")
        assert response.status_code == 200
        full = response.get_json()
        assert _errors(full_schema, full) == [], item["id"]
        assert full["service_at_locations"] or full["service_areas"]
    _valid_page(client.get("/oruk/services?full=true&per_page=50").get_json(), full_schema)


def test_pages_carry_the_page_fields(client):
    stored = _services_stored(client)
    pages = -(-stored // 10)
    first = client.get("/oruk/services?per_page=10").get_json()
    assert (first["total_items"], first["total_pages"], first["page_number"], first["size"],
            first["first_page"], first["last_page"], first["empty"]) == (
        stored, pages, 1, 10, True, False, False)
    last = client.get(f"/oruk/services?per_page=10&page={pages}").get_json()
    assert (last["size"], last["first_page"], last["last_page"]) == (
        stored - 10 * (pages - 1), False, True)
    beyond = client.get(f"/oruk/services?per_page=10&page={pages + 5}").get_json()
    assert beyond["empty"] is True and beyond["contents"] == []
    assert client.get("/oruk/services?page=0").status_code == 400
    assert client.get("/oruk/services?per_page=lots").status_code == 400


@pytest.mark.slow
def test_taxonomies_terms_and_services_at_locations_validate(client):
    taxonomies = client.get("/oruk/taxonomies").get_json()
    _valid_page(taxonomies, _schema("taxonomy.json"))
    assert [t["id"] for t in taxonomies["contents"]] == [
        "leeds-signpost-communities", "leeds-signpost-kinds", "leeds-signpost-kinds-side",
        "leeds-signpost-needs"]
    terms = client.get("/oruk/taxonomy_terms?per_page=200").get_json()
    _valid_page(terms, _schema("taxonomy_term.json"))
    assert "leeds-signpost-need:food" in {t["id"] for t in terms["contents"]}
    assert client.get("/oruk/taxonomy_terms/leeds-signpost-need:food").status_code == 200
    links = client.get("/oruk/service_at_locations?per_page=50").get_json()
    _valid_page(links, _schema("compiled/service_at_location_list.json"))
    full = _all(client, "/oruk/services?full=true")
    assert links["total_items"] == sum(len(s["service_at_locations"]) for s in full) > 20


def test_services_at_locations_near_a_postcode(client):
    near = client.get("/oruk/service_at_locations?postcode=LS9%208RU&proximity=2000"
                      "&per_page=50").get_json()
    wider = client.get("/oruk/service_at_locations?postcode=LS9 8RU&proximity=20000"
                       "&per_page=50").get_json()
    assert 0 < near["total_items"] < wider["total_items"]
    assert client.get("/oruk/service_at_locations?postcode=ZZ1").status_code == 400
    assert client.get("/oruk/service_at_locations?proximity=100").status_code == 400


@pytest.mark.parametrize(("path", "named"), [
    ("/oruk/services?postcode=LS9%208RU", "postcode"),
    ("/oruk/services?postcode=LS9%208RU&proximity=500&colour=red", "postcode, proximity, colour"),
    ("/oruk/taxonomies?search=food", "search"),
    ("/oruk/taxonomy_terms?full=true", "full"),
    ("/oruk/service_at_locations?full=true", "full"),
    ("/oruk/services/anything?page=2", "page"),
    ("/oruk/?per_page=5", "per_page"),
], ids=lambda v: str(v))
def test_a_parameter_the_request_does_not_take_is_refused_by_name(client, path, named):
    """Issue 31: ORUK's conventions; postcode and proximity only on /service_at_locations."""
    response = client.get(path)
    assert response.status_code == 400
    assert f"for this request: {named}" in response.get_json()["error"]


def test_postcode_on_services_points_to_service_at_locations(client):
    error = client.get("/oruk/services?postcode=LS9%208RU").get_json()["error"]
    assert "postcode and proximity belong on /service_at_locations" in error


def test_per_page_over_the_cap_is_refused_not_capped(client):
    assert len(client.get("/oruk/services?per_page=200").get_json()["contents"]) == 200
    response = client.get("/oruk/services?per_page=1000")
    assert response.status_code == 400
    assert response.get_json()["error"] == ("per_page 1000 is more than 200, the most one "
                                            "page holds: ask for the next page instead")


@pytest.mark.slow
def test_service_filters(client):
    def ids(query: str) -> set[str]:
        return {s["id"] for s in _all(client, f"/oruk/services?{query}")}

    everything = ids("")
    food = ids("taxonomy_term_id=leeds-signpost-need:food")
    assert food and food < everything
    assert ids("taxonomy_id=leeds-signpost-needs") == everything - ids_without_terms(client)
    assert ids("taxonomy_id=no-such-taxonomy") == set()
    assert ids("search=FOODBANK") and ids("search=FOODBANK") < everything
    monday = ids("day=MO")
    assert monday and monday < everything
    assert ids("day=monday") == monday
    assert ids("day=MO&start_time=23:00") == set()
    assert ids("start_time=00:00&end_time=23:59") <= everything
    assert ids("minimum_age=18&maximum_age=65") == everything  # no service limits ages
    for bad in ("day=someday", "start_time=noon", "minimum_age=old"):
        assert client.get(f"/oruk/services?{bad}").status_code == 400


def ids_without_terms(client) -> set[str]:
    return {s["id"] for s in client.get("/oruk/services?full=true&per_page=200").get_json()[
        "contents"] if not s["attributes"]}


def test_headers_etag_and_errors(client):
    response = client.get("/oruk/services")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "max-age" in response.headers["Cache-Control"]
    etag = response.headers["ETag"]
    again = client.get("/oruk/services", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert client.get("/oruk/services?page=2&per_page=5").headers["ETag"] != etag
    missing = client.get("/oruk/services/no-such-service")
    assert missing.status_code == 404 and missing.get_json()["error"]
    assert missing.headers["Access-Control-Allow-Origin"] == "*"
    for method in (client.post, client.put, client.delete, client.patch):
        written = method("/oruk/services", json={"id": "x"})
        assert written.status_code == 405
        assert written.headers["Access-Control-Allow-Origin"] == "*"
    assert client.post("/oruk/services/anything").status_code == 405


def test_requests_are_rate_limited_per_client(shipped_db_url, tmp_path, clock):
    app = create_app({"database_url": shipped_db_url, "instance_path": tmp_path / "instance",
                      "secret_key": "test-secret", "oruk_rate_limit_per_minute": 3},
                     clock=clock)
    client = app.test_client()
    try:
        one = {"REMOTE_ADDR": "192.0.2.1"}
        assert [client.get("/oruk/", environ_base=one).status_code for _ in range(4)] == [
            200, 200, 200, 429]
        limited = client.get("/oruk/", environ_base=one)
        assert limited.headers["Retry-After"] == "20"
        assert client.get("/oruk/", environ_base={"REMOTE_ADDR": "192.0.2.2"}).status_code == 200
        clock.advance(seconds=20)
        assert client.get("/oruk/", environ_base=one).status_code == 200
    finally:
        services(app).database.dispose()
