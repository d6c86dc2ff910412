"""Text, date, time, phone, address, cost and taxonomy helpers shared by the parsers."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from directory.communities import community_of_term
from directory.formats.records import TermRecord
from directory.models import CostKind
from directory.needs import (
    NEED_TAXONOMY,
    is_need,
    kind_of_term,
    need_term_id,
    needs_for_terms,
)

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

#: Keywords in a taxonomy term's name that map it to one of our needs (from the need registry):
#: first match wins, so the narrower needs come before the wider ones.
NEED_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (need.slug, need.term_words) for need in needs_for_terms())
_NEED_PATTERNS = tuple(
    (slug, re.compile("|".join(rf"\b{re.escape(k)}" for k in keywords)))
    for slug, keywords in NEED_KEYWORDS
)


#: A URL scheme, as a browser reads one (it drops spaces and controls inside it first).
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):", re.I)
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]")
WEB_SCHEMES = ("http", "https")


def website_problem(value: str) -> str:
    """Why ``value`` cannot be a website, or "": only http and https addresses (or a bare
    host such as ``example.org``, which no browser runs) are accepted."""
    squeezed = _IGNORED_IN_SCHEME.sub("", value or "")
    match = _SCHEME.match(squeezed)
    if match is None:
        return ""
    if match.group(1).lower() not in WEB_SCHEMES:
        return f"'{value}' is not a web address (only http:// and https:// are accepted)"
    if not re.match(r"https?://[^/?#\s]", squeezed, re.I):
        return f"'{value}' has no site name after {match.group(1)}://"
    return ""


def text(value: Any) -> str:
    """A JSON or CSV value as stripped text (None is empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def default_source(file_name: str, imported_on: dt.date | None = None) -> str:
    """The source of a record that names none: the file, and the day it was imported if known."""
    if imported_on is None:
        return f"imported from {file_name}"
    return f"imported from {file_name} on {imported_on.isoformat()}"


def clean_phone(raw: Any) -> str:
    """A phone number without the stray quotes some exports wrap it in."""
    return text(raw).strip("\"' ").strip()


def join_address(*parts: Any) -> str:
    """Address lines and town joined with ", "; a town already at the end is not repeated."""
    out: list[str] = []
    for part in (text(p) for p in parts):
        if part and not (out and out[-1].lower().endswith(part.lower())):
            out.append(part)
    return ", ".join(out)


def split_address(address: str) -> tuple[str, str]:
    """The inverse of :func:`join_address` for export: (address_1, city)."""
    head, sep, tail = address.rpartition(", ")
    return (head, tail) if sep else (address, "")


def split_list(value: str, separators: str = ",;") -> list[str]:
    return [part.strip() for part in re.split(f"[{re.escape(separators)}]", value) if part.strip()]


def parse_bool(value: Any) -> bool | None:
    """true/false/yes/no/1/0 (any case) or None when blank; ValueError otherwise."""
    if value is None or isinstance(value, bool):
        return value
    raw = text(value).lower()
    if raw in ("", "null", "unknown"):
        return None
    if raw in ("true", "yes", "y", "1"):
        return True
    if raw in ("false", "no", "n", "0"):
        return False
    raise ValueError(raw)


def parse_date(raw: str) -> dt.date | None:
    """An ISO date (a timestamp's date part is accepted); None when blank; ValueError if bad."""
    raw = raw.strip()
    if not raw:
        return None
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?", raw)
    if not match:
        raise ValueError(raw)
    return dt.date.fromisoformat(match.group(1))


_TIME_RE = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")


def parse_time(raw: str) -> dt.time:
    """HH:MM or HH:MM:SS (a time-zone suffix is ignored: times are local); ValueError if bad."""
    match = _TIME_RE.fullmatch(raw.strip())
    if not match:
        raise ValueError(raw)
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    return dt.time(hour, minute, second)  # raises ValueError when out of range


def format_time(value: dt.time) -> str:
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def slugify(value: str) -> str:
    """``Example Café & Pantry`` -> ``example-cafe-pantry``."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def need_for_term(term_id: str, name: str, taxonomy: str) -> str:
    """Our need slug for a taxonomy term: our own terms by name or id, others by keyword."""
    if community_of_term(term_id, taxonomy) or kind_of_term(term_id):
        return ""
    prefix = need_term_id("")
    if taxonomy == NEED_TAXONOMY or term_id.startswith(prefix):
        for candidate in (name, term_id.removeprefix(prefix)):
            if is_need(candidate):
                return candidate
        return ""
    lowered = name.lower()
    for slug, pattern in _NEED_PATTERNS:
        if pattern.search(lowered):
            return slug
    return ""


def term_record(term_id: str, name: str, taxonomy: str = "", term_uri: str = "") -> TermRecord:
    name = name or term_id
    return TermRecord(term_id, name, taxonomy, term_uri, need_for_term(term_id, name, taxonomy))


def guess_cost_kind(description: str) -> str:
    """free / pay-as-you-feel / fee from free text such as ORUK ``fees``; "" when blank."""
    lowered = description.lower()
    if not lowered:
        return ""
    if re.search(r"pay[- ]?as[- ]?you[- ]?feel|donation", lowered):
        return CostKind.PAY_AS_YOU_FEEL.value
    if re.match(r"(free|no charge|no cost)\b", lowered):
        return CostKind.FREE.value
    return CostKind.FEE.value


def cost_kind_word(option: str) -> str | None:
    """free / pay-as-you-feel / fee when ``option`` is one of those words (or a synonym)."""
    word = re.sub(r"[\s_]+", "-", option.strip().lower())
    if word == "free":
        return CostKind.FREE.value
    if word in ("pay-as-you-feel", "payasyoufeel", "pay-what-you-can", "donation"):
        return CostKind.PAY_AS_YOU_FEEL.value
    if word in ("fee", "fees", "paid", "charge"):
        return CostKind.FEE.value
    return None


def _money(amount: str, currency: str) -> str:
    try:
        value = float(amount)
    except ValueError:
        return amount
    symbol = "£" if currency.lower() in ("", "gbp") else f"{currency.upper()} "
    return f"{symbol}{value:.0f}" if value.is_integer() else f"{symbol}{value:.2f}"


def cost_from_options(options: Iterable[dict[str, Any]], fees: str = "") -> tuple[str, str]:
    """(cost_kind, cost_text) from ORUK ``cost_options`` and, failing those, ``fees``."""
    kinds: list[str] = []
    texts: list[str] = []
    for option in options:
        label = text(option.get("option"))
        amount = text(option.get("amount"))
        described = text(option.get("amount_description"))
        kind = cost_kind_word(label)
        if kind is not None:
            parts = [_money(amount, text(option.get("currency"))) if amount else "", described]
        else:
            if amount:
                try:
                    kind = CostKind.FREE.value if float(amount) == 0 else CostKind.FEE.value
                except ValueError:
                    kind = CostKind.FEE.value
            else:
                kind = guess_cost_kind(f"{label} {described}".strip()) or CostKind.FEE.value
            price = " ".join(p for p in (_money(amount, text(option.get("currency")))
                                         if amount else "", described) if p)
            parts = [": ".join(p for p in (label, price) if p)]
        kinds.append(kind)
        texts.append(" ".join(p for p in parts if p))
    if kinds:
        for kind in (CostKind.FEE.value, CostKind.PAY_AS_YOU_FEEL.value, CostKind.FREE.value):
            if kind in kinds:
                return kind, "; ".join(t for t in texts if t)
    fees = fees.strip()
    kind = guess_cost_kind(fees)
    return kind, "" if cost_kind_word(fees) else fees
