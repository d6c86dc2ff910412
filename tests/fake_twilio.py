"""A small stand-in for Twilio's Messages REST API on 127.0.0.1, for the real ``twilio`` client.

    with FakeTwilio(ACCOUNT_SID, AUTH_TOKEN) as fake:
        settings.twilio_api_base_url = fake.base_url    # http://127.0.0.1:PORT
        fake.fail_next(1, code=21610, status=400)       # the next create fails as Twilio's does
        fake.messages()                                 # the messages accepted, oldest first

Like Twilio it answers only ``POST /2010-04-01/Accounts/{AccountSid}/Messages.json`` with HTTP
Basic auth of the account SID and auth token (else 401, code 20003), insists on ``To``, ``Body``
(or a ``ContentSid``: a WhatsApp template or button message) and one of ``From`` or
``MessagingServiceSid`` (else 400, code 21604/21602/21603), and answers 201 with a message
resource. Every request is recorded, refused ones too.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


@dataclass
class Request:
    method: str
    path: str
    params: dict
    status: int
    authorised: bool


@dataclass
class FakeTwilio:
    account_sid: str
    auth_token: str
    requests: list[Request] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: list[tuple[int, int]] = []
        self._ids = itertools.count(1)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.02}, daemon=True)

    def __enter__(self) -> FakeTwilio:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    @property
    def base_url(self) -> str:
        """The value for ``TWILIO_API_BASE_URL``."""
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def fail_next(self, count: int, code: int = 21610, status: int = 400) -> None:
        """The next ``count`` message creations fail with Twilio error ``code``."""
        with self._lock:
            self._failures += [(status, code)] * count

    def messages(self) -> list[dict]:
        """Parameters of every message accepted (201), oldest first."""
        with self._lock:
            return [r.params for r in self.requests if r.status == 201]

    def clear(self) -> None:
        with self._lock:
            self.requests.clear()

    # --- the server ----------------------------------------------------------------------

    def _authorised(self, header: str) -> bool:
        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        return header == f"Basic {expected}"

    def _answer(self, method: str, path: str, params: dict, auth: str) -> tuple[int, dict]:
        authorised = self._authorised(auth)
        status, body = self._decide(method, path, params, authorised)
        with self._lock:
            self.requests.append(Request(method, path, params, status, authorised))
        return status, body

    def _decide(self, method: str, path: str, params: dict,
                authorised: bool) -> tuple[int, dict]:
        if not authorised:
            return 401, _error(20003, "Authenticate", 401)
        if method != "POST" or path != f"/2010-04-01/Accounts/{self.account_sid}/Messages.json":
            return 404, _error(20404, "The requested resource was not found", 404)
        if not params.get("To"):
            return 400, _error(21604, "A 'To' phone number is required.", 400)
        if not params.get("Body") and not params.get("ContentSid"):
            return 400, _error(21602, "Message body is required.", 400)
        if not params.get("From") and not params.get("MessagingServiceSid"):
            return 400, _error(21603, "A 'From' phone number is required.", 400)
        with self._lock:
            failure = self._failures.pop(0) if self._failures else None
            number = next(self._ids)
        if failure is not None:
            status, code = failure
            return status, _error(code, f"Failure {code} (fake)", status)
        sid = f"SM{number:032x}"
        return 201, {
            "sid": sid, "account_sid": self.account_sid, "to": params["To"],
            "from": params.get("From"), "body": params.get("Body", ""), "status": "queued",
            "messaging_service_sid": params.get("MessagingServiceSid"),
            "num_segments": "1", "direction": "outbound-api", "api_version": "2010-04-01",
            "error_code": None, "error_message": None, "price": None,
            "uri": f"/2010-04-01/Accounts/{self.account_sid}/Messages/{sid}.json",
        }

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8") if length else ""
                params = {k: v[-1] for k, v in parse_qs(raw, keep_blank_values=True).items()}
                path = self.path.split("?", 1)[0]
                self._reply(*fake._answer(self.command, path, params,
                                          self.headers.get("Authorization", "")))

            do_GET = do_POST

            def _reply(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                with contextlib.suppress(ConnectionError):
                    self.wfile.write(data)

            def log_message(self, format, *args) -> None:
                pass

        return Handler


def _error(code: int, message: str, status: int) -> dict:
    return {"code": code, "message": message, "status": status,
            "more_info": f"https://www.twilio.com/docs/errors/{code}"}
