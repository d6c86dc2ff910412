"""Error pages in the site's look (plain words, a link home), the home page, and the favicon.

The ``/oruk`` API answers its errors as JSON (``webhooks/oruk.py``); the webhooks, the sandbox's
JSON API and ``/healthz`` keep their short machine answers. Every other error (403, 404, 405,
500...) is a page a person can read, with the way back.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, render_template, request, send_from_directory
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from webhooks.oruk import api_error

#: (heading, sentence) for each status a person may meet.
PAGES: dict[int, tuple[str, str]] = {
    400: ("That did not work", "Something in the address or the form was not right. Go back "
          "and try again."),
    403: ("You cannot open this page", "This page is not open to you. If you keep records "
          "for an organisation, log in with its account, or ask an admin."),
    404: ("Page not found", "There is no page at this address. The link may be old, or have a "
          "typing mistake."),
    405: ("That did not work", "This page cannot be used that way. Go back and try again."),
    413: ("That was too big", "What you sent is too big for us to take. Try something "
          "shorter."),
    429: ("Too many tries", "Please wait a few minutes, then try again."),
    500: ("Something went wrong", "Something went wrong on our side. Please try again in a few "
          "minutes."),
}
GENERIC = ("Something went wrong", "This page could not be shown. Please try again in a few "
           "minutes.")
CSRF_EXPIRED = ("Please try that again", "The form was open for a long time, or was sent "
                "twice. Go back, reload the page and try again.")
#: Paths whose callers are programs: they keep Flask's short answers.
MACHINE_PATHS = ("/webhooks/", "/sandbox/api/", "/healthz")


def _words(exc: HTTPException) -> tuple[str, str, str]:
    """(heading, sentence, detail): the detail is a description our own code gave, if any."""
    if isinstance(exc, CSRFError):
        return (*CSRF_EXPIRED, "")
    heading, sentence = PAGES.get(exc.code or 500, GENERIC)
    own = exc.description if exc.description != type(exc).description else ""
    return heading, sentence, own or ""


def _keepers_path() -> bool:
    return request.path.startswith(("/admin", "/insights"))


def error_page(exc: HTTPException) -> Response | HTTPException:
    """The page for an HTTP error (keeping its headers, such as ``Allow`` and
    ``Retry-After``), the API's JSON under ``/oruk``, or the short answer for programs."""
    answer = api_error(exc)
    if answer is not None:
        return answer
    if exc.code is None or exc.code < 400 or request.path.startswith(MACHINE_PATHS):
        return exc
    heading, sentence, detail = _words(exc)
    response = exc.get_response()
    response.set_data(render_template("error.html", code=exc.code, heading=heading,
                                      sentence=sentence, detail=detail,
                                      keepers=_keepers_path()))
    response.mimetype = "text/html"
    return response


def register(app: Flask) -> None:
    """Add the error pages and ``/favicon.ico`` to ``app``."""
    app.register_error_handler(HTTPException, error_page)

    @app.get("/favicon.ico")
    def favicon() -> Response:
        return send_from_directory(current_app.static_folder or "", "favicon.ico",
                                   mimetype="image/vnd.microsoft.icon", max_age=86400)


def home_page(sandbox_enabled: bool) -> str:
    """The home page a browser gets at ``/``."""
    return render_template("home.html", sandbox=sandbox_enabled)
