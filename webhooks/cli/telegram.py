"""``signpost telegram set-webhook|webhook-info``: point Telegram at this server, and check it."""

from __future__ import annotations

import argparse
import sys

from telegram.error import TelegramError

from webhooks.config import Settings, load_settings
from webhooks.telegram import ALLOWED_UPDATES, WEBHOOK_PATH
from webhooks.telegram_sender import TelegramSender


def _instance_settings() -> Settings:
    from webhooks import PROJECT_ROOT

    return load_settings(PROJECT_ROOT / "instance")


def webhook_url(settings: Settings) -> str:
    """Where Telegram should post updates: ``PUBLIC_BASE_URL`` + the webhook path."""
    return settings.public_base_url.rstrip("/") + WEBHOOK_PATH


def _missing(settings: Settings, *names: str) -> list[str]:
    """The environment variables behind the empty ``names`` settings."""
    env = {"telegram_bot_token": "TELEGRAM_BOT_TOKEN",
           "telegram_webhook_secret": "TELEGRAM_WEBHOOK_SECRET",
           "public_base_url": "PUBLIC_BASE_URL"}
    return [env[name] for name in names if not getattr(settings, name)]


def cmd_set_webhook(args: argparse.Namespace) -> int:
    settings = _instance_settings()
    missing = _missing(settings, "telegram_bot_token", "telegram_webhook_secret",
                       "public_base_url")
    if missing:
        print(f"Set {', '.join(missing)} first (see 'Connecting SMS and Telegram' "
              "in docs/channels.md).", file=sys.stderr)
        return 2
    url = webhook_url(settings)
    if not url.startswith("https://"):
        print(f"Warning: Telegram only calls https addresses, and {url} is not one.",
              file=sys.stderr)
    sender = TelegramSender(settings.telegram_bot_token, settings.telegram_api_base_url)
    try:
        sender.call(lambda: sender.bot.set_webhook(
            url, secret_token=settings.telegram_webhook_secret,
            allowed_updates=list(ALLOWED_UPDATES), drop_pending_updates=True))
    except (TelegramError, TimeoutError) as exc:
        print(f"Telegram did not accept the webhook: {exc or type(exc).__name__}",
              file=sys.stderr)
        return 1
    finally:
        sender.close()
    print(f"Telegram will send updates to {url}")
    return 0


def cmd_webhook_info(args: argparse.Namespace) -> int:
    settings = _instance_settings()
    missing = _missing(settings, "telegram_bot_token")
    if missing:
        print(f"Set {', '.join(missing)} first (see 'Connecting SMS and Telegram' "
              "in docs/channels.md).", file=sys.stderr)
        return 2
    sender = TelegramSender(settings.telegram_bot_token, settings.telegram_api_base_url)
    try:
        info = sender.call(sender.bot.get_webhook_info)
    except (TelegramError, TimeoutError) as exc:
        print(f"Could not ask Telegram: {exc or type(exc).__name__}", file=sys.stderr)
        return 1
    finally:
        sender.close()
    print(f"url: {info.url or '(none)'}")
    print(f"pending updates: {info.pending_update_count}")
    if info.last_error_message:
        print(f"last error: {info.last_error_message} ({info.last_error_date})")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``signpost telegram set-webhook|webhook-info``."""
    telegram = commands.add_parser("telegram", help="connect the Telegram bot")
    tsub = telegram.add_subparsers(dest="telegram_command", required=True, metavar="ACTION")
    tsub.add_parser("set-webhook", help="tell Telegram to send updates to PUBLIC_BASE_URL"
                    ).set_defaults(func=cmd_set_webhook)
    tsub.add_parser("webhook-info", help="show where Telegram sends updates, and errors"
                    ).set_defaults(func=cmd_webhook_info)
