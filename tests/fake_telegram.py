"""A small stand-in for the Telegram Bot API on 127.0.0.1, for the real python-telegram-bot Bot.

    with FakeTelegram(TOKEN) as fake:
        Bot(TOKEN, base_url=fake.base_url)    # http://127.0.0.1:PORT/bot
        fake.fail_next_sends(2, status=500)   # or status=429, retry_after=1
        fake.delay_sends(10)                  # sendMessage answers only after 10 s
        fake.slow_next_sends(1, 1.5)          # the next sendMessage answers after 1.5 s
        fake.sent()                           # sendMessage calls that succeeded

It records every call (getMe, sendMessage, answerCallbackQuery, setWebhook, getWebhookInfo...)
with its decoded parameters and answers as Telegram does: {"ok": true, "result": ...}.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

BOT_USER = {"id": 7700900000, "is_bot": True, "first_name": "Leeds Signpost (test)",
            "username": "leeds_signpost_test_bot", "can_join_groups": False,
            "can_read_all_group_messages": False, "supports_inline_queries": False}
#: Parameters python-telegram-bot sends JSON-encoded (strings are sent as they are).
JSON_PARAMETERS = {"reply_markup", "allowed_updates", "drop_pending_updates", "chat_id",
                   "show_alert", "cache_time", "max_connections", "entities"}


@dataclass
class Call:
    method: str
    params: dict
    status: int = 200


@dataclass
class _Failure:
    status: int
    retry_after: int | None = None


@dataclass
class FakeTelegram:
    token: str
    calls: list[Call] = field(default_factory=list)
    webhook: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: list[_Failure] = []
        self._send_delay = 0.0
        self._slow: list[float] = []
        self._released = threading.Event()
        self._message_ids = itertools.count(1)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.02}, daemon=True)

    # --- lifecycle ----------------------------------------------------------------------

    def __enter__(self) -> FakeTelegram:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    @property
    def base_url(self) -> str:
        """The ``base_url`` for python-telegram-bot's Bot (the token is appended to it)."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    # --- what the test asks --------------------------------------------------------------

    def fail_next_sends(self, count: int, status: int = 500, retry_after: int | None = None):
        """The next ``count`` sendMessage calls fail (500, or 429 with retry_after)."""
        with self._lock:
            self._failures += [_Failure(status, retry_after)] * count

    def delay_sends(self, seconds: float) -> None:
        """sendMessage answers only after ``seconds`` (or when ``release()`` is called)."""
        self._send_delay = seconds
        self._released.clear()

    def slow_next_sends(self, count: int, seconds: float) -> None:
        """The next ``count`` sendMessage calls to arrive each answer after ``seconds``."""
        with self._lock:
            self._slow += [seconds] * count

    def release(self) -> None:
        self._send_delay = 0.0
        self._released.set()

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def sent(self, chat_id: int | None = None) -> list[dict]:
        """Parameters of every sendMessage that succeeded, oldest first."""
        return [c.params for c in self.calls_to("sendMessage")
                if c.status == 200 and (chat_id is None or c.params.get("chat_id") == chat_id)]

    def sent_texts(self, chat_id: int | None = None) -> list[str]:
        return [params["text"] for params in self.sent(chat_id)]

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()

    # --- the server ----------------------------------------------------------------------

    def _answer(self, method: str, params: dict) -> tuple[int, dict]:
        if method == "sendMessage" and self._send_delay:
            self._released.wait(self._send_delay)
        with self._lock:
            slow = self._slow.pop(0) if method == "sendMessage" and self._slow else 0.0
        if slow:
            time.sleep(slow)
        with self._lock:
            failure = self._failures.pop(0) if method == "sendMessage" and self._failures \
                else None
            status = failure.status if failure else 200
            self.calls.append(Call(method, params, status))
            if failure is not None:
                body: dict = {"ok": False, "error_code": failure.status,
                              "description": "Internal Server Error"}
                if failure.retry_after is not None:
                    body["description"] = f"Too Many Requests: retry after {failure.retry_after}"
                    body["parameters"] = {"retry_after": failure.retry_after}
                return failure.status, body
            if method == "setWebhook":
                self.webhook = dict(params)
            message_id = next(self._message_ids)
        if method == "getMe":
            return 200, {"ok": True, "result": BOT_USER}
        if method in ("sendMessage", "sendVenue", "sendLocation"):
            chat_id = params.get("chat_id")
            result = {"message_id": message_id, "date": int(time.time()), "from": BOT_USER,
                      "chat": {"id": chat_id, "type": "private", "first_name": "Resident"}}
            if method == "sendMessage":
                result["text"] = params.get("text", "")
            else:
                point = {"latitude": float(params["latitude"]),
                         "longitude": float(params["longitude"])}
                result["location"] = point
                if method == "sendVenue":
                    result["venue"] = {"location": point, "title": params.get("title", ""),
                                       "address": params.get("address", "")}
            return 200, {"ok": True, "result": result}
        if method in ("answerCallbackQuery", "setWebhook", "deleteWebhook"):
            return 200, {"ok": True, "result": True}
        if method == "getWebhookInfo":
            return 200, {"ok": True, "result": {
                "url": self.webhook.get("url", ""), "has_custom_certificate": False,
                "pending_update_count": 0}}
        return 404, {"ok": False, "error_code": 404, "description": "Not Found"}

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                prefix = f"/bot{fake.token}/"
                if not self.path.startswith(prefix):
                    self._reply(401, {"ok": False, "error_code": 401,
                                      "description": "Unauthorized"})
                    return
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8") if length else ""
                params = _decode(raw, self.headers.get("Content-Type", ""))
                self._reply(*fake._answer(self.path[len(prefix):], params))

            do_GET = do_POST

            def _reply(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                with contextlib.suppress(ConnectionError):  # the client gave up waiting
                    self.wfile.write(data)

            def log_message(self, format, *args) -> None:
                pass

        return Handler


def _decode(raw: str, content_type: str) -> dict:
    if not raw:
        return {}
    if content_type.startswith("application/json"):
        return json.loads(raw)
    params = {key: values[-1] for key, values in parse_qs(raw, keep_blank_values=True).items()}
    for key in JSON_PARAMETERS & params.keys():
        with contextlib.suppress(ValueError):
            params[key] = json.loads(params[key])
    return params


def text_update(update_id: int, chat_id: int, text: str, chat_type: str = "private") -> dict:
    """An update as Telegram sends it when someone types (or presses a reply-keyboard button)."""
    return {"update_id": update_id,
            "message": _message(update_id, chat_id, chat_type=chat_type, text=text)}


def location_update(update_id: int, chat_id: int, latitude: float, longitude: float) -> dict:
    return {"update_id": update_id, "message": _message(
        update_id, chat_id, location={"latitude": latitude, "longitude": longitude})}


def contact_update(update_id: int, chat_id: int, phone: str, user_id: int | None = None) -> dict:
    """The "Share my phone number" button pressed: a contact (the sender's own, unless another
    ``user_id`` is given)."""
    return {"update_id": update_id, "message": _message(update_id, chat_id, contact={
        "phone_number": phone, "first_name": "Resident",
        "user_id": chat_id if user_id is None else user_id})}


def callback_update(update_id: int, chat_id: int, data: str, chat_type: str = "private") -> dict:
    """An inline-keyboard button press."""
    return {"update_id": update_id, "callback_query": {
        "id": f"cbq-{update_id}", "chat_instance": "-700900", "data": data,
        "from": _user(chat_id),
        "message": _message(update_id - 1, chat_id, text="Pick one", from_bot=True,
                            chat_type=chat_type)}}


def media_update(update_id: int, chat_id: int, kind: str) -> dict:
    """A sticker, photo, voice note or document, without a caption."""
    media = {
        "sticker": {"file_id": "CAAC-sticker", "file_unique_id": "s1", "type": "regular",
                    "width": 512, "height": 512, "is_animated": False, "is_video": False},
        "photo": [{"file_id": "AgAC-photo", "file_unique_id": "p1", "width": 90,
                   "height": 90}],
        "voice": {"file_id": "AwAC-voice", "file_unique_id": "v1", "duration": 3},
        "document": {"file_id": "BQAC-doc", "file_unique_id": "d1", "file_name": "letter.pdf"},
    }[kind]
    return {"update_id": update_id, "message": _message(update_id, chat_id, **{kind: media})}


def edited_update(update_id: int, chat_id: int, text: str) -> dict:
    message = _message(update_id, chat_id, text=text)
    message["edit_date"] = message["date"] + 5
    return {"update_id": update_id, "edited_message": message}


def _user(user_id: int) -> dict:
    return {"id": user_id, "is_bot": False, "first_name": "Resident", "language_code": "en"}


def _message(message_id: int, chat_id: int, from_bot: bool = False, chat_type: str = "private",
             **content) -> dict:
    chat = {"id": chat_id, "type": chat_type}
    chat |= {"first_name": "Resident"} if chat_type == "private" else {"title": "A group"}
    return {"message_id": message_id, "date": 1795000000, "chat": chat,
            "from": BOT_USER if from_bot else _user(chat_id), **content}
