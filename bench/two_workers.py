"""Two gunicorn workers, one conversation: is the state kept when messages land on both?

    python -m bench.two_workers [--database-url URL]

Starts gunicorn as the Procfile does (2 sync workers, ``webhooks:create_app()``) on 127.0.0.1
with a temporary SQLite database, then texts a signed SMS conversation, each message on a new
connection. A sync worker serves one connection at a time, so before each message the bench
parks a half-sent request on the worker that answered the previous one: the next message must
go to the other worker. Each answer names its worker (the X-Served-By header). Loopback only,
bounded by timeouts; prints PASS or FAIL and exits 0 or 1.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from twilio.request_validator import RequestValidator

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
TOKEN = "bench-twilio-auth-token"
PUBLIC = "https://signpost.example"  # what Twilio would sign; the bench itself stays on loopback
RESIDENT = "+447700900001"  # fictional (Ofcom drama range)
CONVERSATION = ("hello", "2", "BACK", "1", "LS9 8RU")
START_TIMEOUT = 25.0
REQUEST_TIMEOUT = 10.0
PARKING_TRIES = 5
SETTLE = 0.2


@dataclass
class Answer:
    status: int
    pid: str
    body: bytes

    @property
    def texts(self) -> list[str]:
        return [m.text or "" for m in ET.fromstring(self.body).findall("Message")]


class Server:
    """gunicorn with 2 workers on a free loopback port, stopped on exit."""

    def __init__(self, database_url: str, log_path: Path) -> None:
        self.port = _free_port()
        env = {**os.environ, "DATABASE_URL": database_url, "TWILIO_AUTH_TOKEN": TOKEN,
               "PUBLIC_BASE_URL": PUBLIC, "SIGNPOST_SECRET_KEY": "bench-secret",
               "SIGNPOST_ENV": "development", "PYTHONPATH": str(ROOT)}
        self.log_path = log_path
        self._log = open(log_path, "wb")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"{HOST}:{self.port}",
             "--timeout", "20", "--graceful-timeout", "3", "webhooks:create_app()"],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                connection = http.client.HTTPConnection(HOST, self.port, timeout=2)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    connection.close()
                    return
                connection.close()
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {START_TIMEOUT:.0f}s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self._log.close()

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    # --- requests -------------------------------------------------------------------------

    def post(self, path: str, params: dict) -> Answer:
        """A signed form post on a new connection."""
        signature = RequestValidator(TOKEN).compute_signature(PUBLIC + path, params)
        connection = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
        try:
            connection.request("POST", path, body=urlencode(params), headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Twilio-Signature": signature, "Connection": "close"})
            response = connection.getresponse()
            return Answer(response.status, response.getheader("X-Served-By", "?"),
                          response.read())
        finally:
            connection.close()

    def text(self, body: str) -> Answer:
        return self.post("/webhooks/sms", {
            "MessageSid": f"SM{uuid.uuid4().hex}", "AccountSid": "AC" + "0" * 32, "From": RESIDENT,
            "To": "+447700900999",
            "Body": body, "NumMedia": "0"})

    def probe(self) -> str:
        """Which worker is free: a signed delivery report, answered by whoever is idle."""
        answer = self.post("/webhooks/sms/status", {
            "MessageSid": f"SM{uuid.uuid4().hex}", "AccountSid": "AC" + "0" * 32,
            "MessageStatus": "sent",
            "To": "+447700900002", "From": "+447700900999"})
        return answer.pid

    def park_on(self, pid: str) -> socket.socket:
        """Hold worker ``pid`` with a half-sent request, so the next request goes elsewhere."""
        for _ in range(PARKING_TRIES):
            first = self._half_request()
            if self.probe() != pid:
                return first  # the other worker answered the probe: ``first`` holds ``pid``
            # ``first`` holds the other worker, so only ``pid`` is free to take a second one;
            # give it a moment to (it may still be closing the probe's connection).
            second = self._half_request()
            time.sleep(SETTLE)
            first.close()
            if self.probe() != pid:
                return second
            second.close()
            time.sleep(SETTLE)
        raise RuntimeError(f"could not steer a request away from worker {pid}")

    def _half_request(self) -> socket.socket:
        blocker = socket.create_connection((HOST, self.port), timeout=REQUEST_TIMEOUT)
        blocker.sendall(b"POST /webhooks/sms HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        return blocker


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def prepare(database_url: str, instance_path: Path) -> None:
    """Create the schema and load the Leeds data once, before the workers start (as a release
    step would), by building the app once in this process."""
    from webhooks import create_app
    from webhooks.services import services

    app = create_app({"database_url": database_url, "instance_path": instance_path,
                      "secret_key": "bench-secret"})
    services(app).database.dispose()


def run(database_url: str | None = None) -> bool:
    with tempfile.TemporaryDirectory(prefix="signpost-bench-") as tmp:
        url = database_url or f"sqlite:///{Path(tmp) / 'signpost.db'}"
        prepare(url, Path(tmp) / "instance")
        with Server(url, Path(tmp) / "gunicorn.log") as server:
            try:
                return _converse(server)
            except (RuntimeError, OSError, ET.ParseError) as exc:
                print(f"FAIL: {exc}")
                print(server.log_tail())
                return False


def _converse(server: Server) -> bool:
    server.wait_ready()
    served: list[str] = []
    last: Answer | None = None
    for i, body in enumerate(CONVERSATION):
        blocker = server.park_on(served[-1]) if served else None
        try:
            last = server.text(body)
        finally:
            if blocker is not None:
                blocker.close()
        if last.status != 200:
            print(f"FAIL: {body!r} was answered {last.status}")
            return False
        served.append(last.pid)
        first_line = (last.texts or ["(no reply)"])[0].splitlines()[0]
        print(f"{i + 1}. {body!r:12} -> worker {last.pid}: {first_line}")
    final = "\n".join(last.texts) if last else ""
    workers = sorted(set(served))
    has_results = "near LS9 8RU" in final and "1)" in final
    print(f"Workers that served the conversation: {', '.join(workers)}")
    if len(workers) < 2:
        print("FAIL: every message went to one worker")
        return False
    if not has_results:
        print("FAIL: the last reply has no results, so the state was lost between workers")
        print(final)
        return False
    print("PASS: one conversation across two workers kept its state and ended in results")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.two_workers", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="a database to use (default: a temporary one)")
    args = parser.parse_args(argv)
    return 0 if run(args.database_url) else 1


if __name__ == "__main__":
    raise SystemExit(main())
