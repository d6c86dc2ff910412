"""The read-only Open Referral UK 3.0 (UK profile) API under ``/oruk``.

Every answer carries ``Access-Control-Allow-Origin: *``; a 200 carries an ``ETag`` (a hash of
its body) and ``Cache-Control``, and ``If-None-Match`` with that tag gets ``304``. Each client
address may make ``ORUK_RATE_LIMIT_PER_MINUTE`` requests a minute (``webhooks/rate_limit.py``).
Writes get ``405``; an unknown id ``404``; a bad parameter, or one the request does not take
(``postcode`` on ``/services``, ``per_page`` over 200), ``400`` naming it, all as JSON.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, Response, abort, jsonify, request, url_for
from werkzeug.exceptions import HTTPException

from core.db import read_scope
from directory import oruk_api
from webhooks.rate_limit import TokenBuckets, retry_after
from webhooks.services import services as app_services

bp = Blueprint("oruk", __name__, url_prefix="/oruk")
PREFIX = "/oruk"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json"
#: How long browsers and proxies may keep an answer before asking again (with If-None-Match).
MAX_AGE_SECONDS = 60
_TRUE = {"1", "true", "yes"}


def register(app: Flask) -> None:
    """Add the API to ``app``, with its own rate-limit buckets."""
    state = app_services(app)
    state.oruk_buckets = TokenBuckets(state.settings.oruk_rate_limit_per_minute, state.clock)
    app.register_blueprint(bp)


def _engine():
    return app_services().database


def _is_api() -> bool:
    return request.path == PREFIX or request.path.startswith(PREFIX + "/")


@bp.before_request
def rate_limit() -> Response | None:
    wait = app_services().oruk_buckets.take(request.remote_addr or "?")
    if not wait:
        return None
    response = jsonify(error="Too many requests: please slow down.")
    response.status_code = 429
    response.headers["Retry-After"] = retry_after(wait)
    return response


@bp.before_request
def known_parameters() -> None:
    """A parameter this request does not take is a 400 that names it, never quietly ignored."""
    kind = (request.endpoint or "").removeprefix("oruk.")
    if kind in ("service", "taxonomy", "taxonomy_term", "about"):
        kind = ""  # one record, or the root: no parameters
    try:
        oruk_api.check_parameters(kind, list(request.args))
    except oruk_api.QueryError as exc:
        abort(400, description=str(exc))


@bp.after_app_request
def api_headers(response: Response) -> Response:
    if not _is_api():
        return response
    response.headers["Access-Control-Allow-Origin"] = "*"
    if response.status_code == 200 and request.method in ("GET", "HEAD"):
        response.headers["Cache-Control"] = f"public, max-age={MAX_AGE_SECONDS}"
        response.add_etag()
        response.make_conditional(request)
    return response


def api_error(exc: HTTPException) -> Response | None:
    """An error under ``/oruk`` as JSON; None elsewhere (``webhooks/error_pages.py`` calls
    this first for every HTTP error)."""
    if not _is_api():
        return None
    response = exc.get_response()
    response.set_data(jsonify(error=exc.description).get_data())
    response.mimetype = "application/json"
    return response


def _paging() -> oruk_api.Paging:
    return oruk_api.Paging.parse(request.args.get("page"), request.args.get("per_page"))


def _answer(build: Any) -> Response:
    """Run ``build(session)`` and answer its JSON; a bad parameter is a 400."""
    try:
        with read_scope(_engine()) as session:
            data = build(session)
    except oruk_api.QueryError as exc:
        abort(400, description=str(exc))
    if data is None:
        abort(404, description="There is nothing with that id.")
    return jsonify(data)


@bp.get("/")
def about() -> Response:
    links = {name: url_for(f"oruk.{name}", _external=True)
             for name in ("services", "taxonomies", "taxonomy_terms", "service_at_locations")}
    return jsonify(version=oruk_api.VERSION, profile=oruk_api.PROFILE, openapi_url=OPENAPI_URL,
                   links=links)


@bp.get("/services")
def services() -> Response:
    full = request.args.get("full", "").lower() in _TRUE
    return _answer(lambda s: oruk_api.service_page(
        s, oruk_api.ServiceQuery.parse(request.args), _paging(), full))


@bp.get("/services/<path:service_id>")
def service(service_id: str) -> Response:
    return _answer(lambda s: oruk_api.one_service(s, service_id))


@bp.get("/service_at_locations")
def service_at_locations() -> Response:
    def build(session):
        query, paging = oruk_api.ServiceQuery.parse(request.args), _paging()
        near, proximity = None, None
        if request.args.get("postcode"):
            near = oruk_api.postcode_point(session, request.args["postcode"])
        if request.args.get("proximity"):
            if near is None:
                raise oruk_api.QueryError("proximity needs a postcode")
            proximity = _metres(request.args["proximity"])
        return oruk_api.service_at_location_page(session, query, paging, near, proximity)

    return _answer(build)


def _metres(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise oruk_api.QueryError(f"proximity '{raw}' is not a number of metres") from None
    if not value >= 0 or value == float("inf"):
        raise oruk_api.QueryError("proximity must be a number of metres, 0 or more")
    return value


@bp.get("/taxonomies")
def taxonomies() -> Response:
    return _answer(lambda s: oruk_api.taxonomy_page(s, _paging()))


@bp.get("/taxonomies/<path:taxonomy_id>")
def taxonomy(taxonomy_id: str) -> Response:
    return _answer(lambda s: oruk_api.one_taxonomy(s, taxonomy_id))


@bp.get("/taxonomy_terms")
def taxonomy_terms() -> Response:
    return _answer(lambda s: oruk_api.taxonomy_term_page(s, _paging()))


@bp.get("/taxonomy_terms/<path:term_id>")
def taxonomy_term(term_id: str) -> Response:
    return _answer(lambda s: oruk_api.one_term(s, term_id))
