"""The translation catalogues: one PO file a language, read with Babel once a process.

    bot/wording/locale/messages.pot                   every source string (English)
    bot/wording/locale/<code>/LC_MESSAGES/messages.po one language's translations

The PO files are read directly (no compile step): a fresh clone works with ``make run``.
Translations marked ``fuzzy`` are drafts, written without a fluent reviewer: they are used (a
draft beats English for someone who reads little English), shown as drafts in the sandbox, and
counted apart by ``signpost translations status``. A reviewer approves one by clearing the flag.
"""

from __future__ import annotations

import gettext as stdlib_gettext
import io
import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.languages import LANGUAGES_BY_CODE, TRANSLATED

log = logging.getLogger(__name__)

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def po_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN)


@cache
def catalog(code: str) -> Catalog | None:
    """One language's catalogue as Babel reads it; None when it is missing or unreadable."""
    path = po_path(code)
    if code not in LANGUAGES_BY_CODE or not path.is_file():
        return None
    try:
        return read_catalog(path, code)
    except Exception:  # a broken catalogue costs its language, never a reply
        log.exception("The %s catalogue cannot be read; its strings are said in English", code)
        return None


@cache
def translations(code: str) -> stdlib_gettext.NullTranslations:
    """gettext lookups for ``code``, drafts included; English (the source) where it has none."""
    found = catalog(code)
    if found is None:
        return stdlib_gettext.NullTranslations()
    buffer = io.BytesIO()
    write_mo(buffer, found, use_fuzzy=True)
    buffer.seek(0)
    return stdlib_gettext.GNUTranslations(buffer)


def _forms(message: Message) -> tuple[str, ...]:
    return tuple(message.string) if isinstance(message.string, list | tuple) \
        else (message.string,)


def _ids(message: Message) -> tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, list | tuple) else (message.id,)


def is_translated(message: Message) -> bool:
    """Every form of the message has words (a draft counts)."""
    return all(form for form in _forms(message))


# --- Status ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LanguageStatus:
    code: str
    name: str
    #: Source strings (the template's), and how many of them the catalogue translates.
    strings: int
    #: ``translated`` counts drafts too: translated = drafts + reviewed.
    translated: int
    drafts: int
    reviewed: int
    missing: tuple[str, ...]


def template_ids() -> list[str]:
    """Every source string, from the template (messages.pot)."""
    return [_ids(m)[0] for m in read_catalog(TEMPLATE) if m.id]


def status(code: str) -> LanguageStatus:
    """How far one language's catalogue has come, against the template."""
    sources = template_ids()
    found = catalog(code)
    by_id = {_ids(m)[0]: m for m in found if m.id} if found is not None else {}
    done = [by_id[s] for s in sources if s in by_id and is_translated(by_id[s])]
    drafts = sum(1 for m in done if m.fuzzy)
    missing = tuple(s for s in sources if s not in by_id or not is_translated(by_id[s]))
    return LanguageStatus(code, LANGUAGES_BY_CODE[code].english_name, len(sources), len(done),
                          drafts, len(done) - drafts, missing)


def all_status() -> list[LanguageStatus]:
    return [status(code) for code in TRANSLATED]


# --- Drafts in a reply -------------------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    """A draft translation (``fuzzy``) that a reply uses: its English source and its words."""

    source: str
    draft: str


#: Placeholders in a draft match at most this much of a reply (never a whole other sentence).
_FILLED = r"[^\n]{0,120}?"
#: Drafts with fewer letters than this outside their placeholders are not looked for.
_SHORTEST = 3


@cache
def _draft_patterns(code: str) -> tuple[tuple[re.Pattern[str], Draft], ...]:
    found = catalog(code)
    if found is None:
        return ()
    patterns = []
    for message in found:
        if not message.id or not message.fuzzy or not is_translated(message):
            continue
        for form in dict.fromkeys(_forms(message)):
            pieces = PLACEHOLDER.split(form)
            if sum(len(p.strip()) for p in pieces) < _SHORTEST:
                continue
            pattern = re.compile(_FILLED.join(re.escape(p) for p in pieces))
            patterns.append((pattern, Draft(_ids(message)[0], form)))
    return tuple(patterns)


def drafts_in(text: str, code: str) -> list[Draft]:
    """The draft translations whose words appear in ``text`` (a reply in language ``code``)."""
    if code not in TRANSLATED:
        return []
    seen: dict[str, Draft] = {}
    for pattern, draft in _draft_patterns(code):
        if draft.source not in seen and pattern.search(text):
            seen[draft.source] = draft
    return list(seen.values())
