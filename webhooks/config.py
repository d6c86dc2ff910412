"""Settings from environment variables, with development defaults."""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass, field, fields
from pathlib import Path

from core.errors import BadInput
from core.sealed import WeakKey, check_key, derive_key

log = logging.getLogger(__name__)

TRUE_WORDS = {"1", "true", "yes", "on"}
#: The only values SIGNPOST_ENV may take (in any case): a typo must not mean development.
ENVIRONMENTS = ("development", "production")


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in TRUE_WORDS


@dataclass
class Settings:
    env: str = "development"
    database_url: str = ""
    secret_key: str = ""
    public_base_url: str = ""
    twilio_auth_token: str = ""
    #: When set, requests for any other Twilio account are refused.
    twilio_account_sid: str = ""
    #: The WhatsApp sender Twilio gave us ("whatsapp:+447700900999"); without it WhatsApp is off.
    twilio_whatsapp_from: str = ""
    #: Content SIDs (``HX...``) of quick-reply templates with 2 and 3 buttons (docs/channels.md).
    whatsapp_quick_reply_2: str = ""
    whatsapp_quick_reply_3: str = ""
    telegram_bot_token: str = ""
    telegram_webhook_secret: str = ""
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    #: Twilio's REST API (tests point it at a local fake).
    twilio_api_base_url: str = "https://api.twilio.com"
    #: Outbound texts go from this Messaging Service (``MG...``) when set, else from the
    #: number the resident texted.
    twilio_messaging_service_sid: str = ""
    #: Key sealing the numbers kept for follow-ups (required in production).
    followup_key: str = ""
    #: A follow-up is due this many days after the resident agreed to it.
    follow_up_days: int = 3
    sandbox_enabled: bool = True
    session_ttl_minutes: int = 180
    rate_limit_per_minute: int = 20
    sms_daily_reply_cap: int = 60
    max_text_chars: int = 1000
    #: Requests one client address may make to the ``/oruk`` API a minute (0: no limit).
    oruk_rate_limit_per_minute: int = 120
    #: Publish ``/insights`` (suppressed counts only) as open data, with no login.
    insights_public: bool = False
    #: A request to talk to a person promises a reply within this many working days.
    request_reply_days: int = 2
    #: The organisation (its id) that takes requests from wards with no community anchor.
    request_fallback_organisation: str = ""
    #: Approved WhatsApp templates by kind and language: {"followup_en": "HX..."}, read from
    #: the WHATSAPP_TEMPLATE_<KIND>_<LANGUAGE> variables.
    whatsapp_templates: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)

    @property
    def production(self) -> bool:
        return self.env == "production"


#: WHATSAPP_TEMPLATE_FOLLOWUP_EN=HX...: one approved template a kind and language.
TEMPLATE_PREFIX = "WHATSAPP_TEMPLATE_"

ENV_NAMES = {
    "env": "SIGNPOST_ENV",
    "database_url": "DATABASE_URL",
    "secret_key": "SIGNPOST_SECRET_KEY",
    "public_base_url": "PUBLIC_BASE_URL",
    "twilio_auth_token": "TWILIO_AUTH_TOKEN",
    "twilio_account_sid": "TWILIO_ACCOUNT_SID",
    "twilio_whatsapp_from": "TWILIO_WHATSAPP_FROM",
    "whatsapp_quick_reply_2": "WHATSAPP_QUICK_REPLY_2",
    "whatsapp_quick_reply_3": "WHATSAPP_QUICK_REPLY_3",
    "telegram_bot_token": "TELEGRAM_BOT_TOKEN",
    "telegram_webhook_secret": "TELEGRAM_WEBHOOK_SECRET",
    "telegram_api_base_url": "TELEGRAM_API_BASE_URL",
    "twilio_api_base_url": "TWILIO_API_BASE_URL",
    "twilio_messaging_service_sid": "TWILIO_MESSAGING_SERVICE_SID",
    "followup_key": "SIGNPOST_FOLLOWUP_KEY",
    "follow_up_days": "FOLLOW_UP_DAYS",
    "sandbox_enabled": "SANDBOX_ENABLED",
    "session_ttl_minutes": "SESSION_TTL_MINUTES",
    "rate_limit_per_minute": "RATE_LIMIT_PER_MINUTE",
    "sms_daily_reply_cap": "SMS_DAILY_REPLY_CAP",
    "max_text_chars": "MAX_TEXT_CHARS",
    "oruk_rate_limit_per_minute": "ORUK_RATE_LIMIT_PER_MINUTE",
    "insights_public": "INSIGHTS_PUBLIC",
    "request_reply_days": "REQUEST_REPLY_DAYS",
    "request_fallback_organisation": "REQUEST_FALLBACK_ORGANISATION",
}


class ConfigError(BadInput):
    """The configuration cannot work (e.g. production without a secret key)."""


def load_settings(instance_path: Path, overrides: dict | None = None) -> Settings:
    """Read settings from the environment; ``overrides`` (lower-case names) win."""
    overrides = dict(overrides or {})
    given = set(overrides)
    env = os.environ
    settings = Settings()
    for f in fields(Settings):
        if f.name in ("extra", "whatsapp_templates"):
            continue
        key = f.name
        if key in overrides:
            value = overrides.pop(key)
        elif ENV_NAMES[key] in env and env[ENV_NAMES[key]] != "":
            value = env[ENV_NAMES[key]]
        else:
            continue
        if f.type in ("bool", bool):
            value = value if isinstance(value, bool) else _bool(str(value), True)
        elif f.type in ("int", int):
            value = int(value)
        setattr(settings, key, value)
    settings.whatsapp_templates = _templates(env, overrides.pop("whatsapp_templates", None))
    settings.extra = overrides
    settings.env = _environment(settings.env)
    if "sandbox_enabled" not in given and not env.get("SANDBOX_ENABLED"):
        settings.sandbox_enabled = not settings.production
    if not settings.database_url:
        settings.database_url = f"sqlite:///{instance_path / 'signpost.db'}"
    if not settings.secret_key:
        if settings.production:
            raise ConfigError("SIGNPOST_SECRET_KEY must be set when SIGNPOST_ENV=production")
        settings.secret_key = _development_key(instance_path)
    settings.followup_key = _followup_key(settings)
    return settings


def _templates(env, given: dict | None) -> dict:
    """{"followup_en": "HX..."} from WHATSAPP_TEMPLATE_* variables; ``given`` wins."""
    templates = {name[len(TEMPLATE_PREFIX):].lower(): value.strip()
                 for name, value in env.items()
                 if name.startswith(TEMPLATE_PREFIX) and value.strip()}
    templates |= {str(kind).lower(): str(sid) for kind, sid in (given or {}).items() if sid}
    return templates


def _followup_key(settings: Settings) -> str:
    """SIGNPOST_FOLLOWUP_KEY, checked; in development a key derived from the secret key."""
    if settings.followup_key:
        try:
            check_key(settings.followup_key)
        except WeakKey as exc:
            raise ConfigError(f"SIGNPOST_FOLLOWUP_KEY: {exc}") from None
        return settings.followup_key
    if settings.production:
        raise ConfigError("SIGNPOST_FOLLOWUP_KEY must be set when SIGNPOST_ENV=production "
                          "(it seals the numbers kept for follow-ups); make one with "
                          "`python -c 'import core.sealed as s; print(s.new_key())'`")
    log.info("SIGNPOST_FOLLOWUP_KEY is not set: follow-ups are sealed with a development key "
             "derived from the secret key (set it in production)")
    return derive_key(settings.secret_key, "followup")


def _environment(value: str) -> str:
    """``development`` or ``production`` in any case; anything else stops the app starting."""
    env = str(value).strip().lower()
    if env not in ENVIRONMENTS:
        raise ConfigError(f"SIGNPOST_ENV must be 'development' or 'production', not {value!r}. "
                          "A mistyped value would run without production's protections.")
    return env


def _development_key(instance_path: Path) -> str:
    """A random key generated once and kept in the instance folder (development only)."""
    instance_path.mkdir(parents=True, exist_ok=True)
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()
