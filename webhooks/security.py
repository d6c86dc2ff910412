"""Security headers on every response (no sniffing, no framing, no referrer, a strict CSP), and
no NUL character in any page's input (PostgreSQL cannot store one: it would be a 500)."""

from __future__ import annotations

from flask import Flask, Response, abort, request

from webhooks.config import Settings

#: Pages load only our own scripts, styles and API; nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; "
    "object-src 'none'"
)


def _has_nul() -> bool:
    """True when the path, the query or a posted form field holds a NUL character."""
    if "\x00" in request.path:
        return True
    pairs = [*request.args.items(multi=True)]
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        pairs += [*request.form.items(multi=True)]
    return any("\x00" in key or "\x00" in value for key, value in pairs)


def add_security_headers(app: Flask, settings: Settings) -> None:
    @app.before_request
    def refuse_nul() -> None:
        # The channels' webhooks clean their own text (a signed SMS is answered, not refused).
        if not request.path.startswith("/webhooks") and _has_nul():
            abort(400, description="The request holds a NUL character.")

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy",
                                    "geolocation=(self), camera=(), microphone=()")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if request.path.startswith(("/webhooks", "/sandbox/api", "/healthz", "/admin",
                                    "/insights")):
            response.headers.setdefault("Cache-Control", "no-store")
        if settings.production:
            response.headers.setdefault("Strict-Transport-Security",
                                        "max-age=31536000; includeSubDomains")
        return response
