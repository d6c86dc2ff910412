"""The one registry of the languages the bot answers in: code, names, direction and SMS settings.

English is the source; every other language is a catalogue in ``bot/wording/locale/<code>/``
(see docs/languages.md). Adding a language is a line here, its catalogue and its word lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The source language: every sentence is written in English first.
ENGLISH = "en"
#: BCP 47's code for a text in several languages: LANG's list, each language in its own name.
MULTIPLE = "mul"

#: How a conversation's language was set (``ConversationState.language_by``): chosen (LANG or
#: a channel's selector), detected from a message, or a hint (the app's language, or the
#: language a follow-up was agreed in).
CHOSEN, DETECTED, HINT = "chosen", "detected", "hint"


@dataclass(frozen=True)
class Language:
    #: BCP 47 code, as the catalogue folder, the sandbox API and each reply's ``language`` say.
    code: str
    #: Its name in English (docs, the command line) and in itself (what a resident picks).
    english_name: str
    own_name: str
    #: Written right to left (the sandbox sets ``dir="rtl"``).
    rtl: bool = False
    #: Written in the Latin alphabet: GSM-7 is possible once accents are dropped.
    latin: bool = True
    #: A fluent reviewer has marked replies without accents ("zolty" for "żółty")
    #: as readable: SMS then goes as GSM-7 (153 characters a segment) rather than
    #: UCS-2 (67). Only a reviewer changes this (docs/languages.md); it starts False.
    gsm7_without_diacritics_readable: bool = False
    #: Times as "4pm" (English) rather than "16:00".
    twelve_hour: bool = False

    @property
    def sms_gsm7(self) -> bool:
        """SMS in GSM-7: English, or a Latin-script language a reviewer has marked readable."""
        return self.code == ENGLISH or (self.latin and self.gsm7_without_diacritics_readable)


LANGUAGES: tuple[Language, ...] = (
    Language(ENGLISH, "English", "English", twelve_hour=True),
    Language("pl", "Polish", "Polski"),
    Language("ro", "Romanian", "Română"),
    Language("ur", "Urdu", "اردو", rtl=True, latin=False),
    Language("ar", "Arabic", "العربية", rtl=True, latin=False),
    Language("ckb", "Kurdish (Sorani)", "کوردی", rtl=True, latin=False),
    Language("fa", "Farsi", "فارسی", rtl=True, latin=False),
)

LANGUAGE_CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)
LANGUAGES_BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}
#: The languages with a catalogue (all but the source).
TRANSLATED: tuple[str, ...] = tuple(code for code in LANGUAGE_CODES if code != ENGLISH)

_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
#: Other codes for a language we have: Persian's macrolanguage code, Kurdish written in Arabic
#: script. A bare "ku" is usually Kurmanji (Latin script), which we do not have.
_ALIASES = {"pes": "fa", "prs": "fa", "ku-arab": "ckb", "ku-iq": "ckb", "ku-ir": "ckb"}


def parse_language(value: object) -> str | None:
    """Our code for a language tag ("pl-PL", "fa_IR", "EN", "ckb"), or None if we have none."""
    if not isinstance(value, str) or not _TAG.fullmatch(value.strip()):
        return None
    tag = value.strip().replace("_", "-").lower()
    for candidate in (tag, "-".join(tag.split("-")[:2]), tag.split("-")[0]):
        code = _ALIASES.get(candidate, candidate)
        if code in LANGUAGES_BY_CODE:
            return code
    return None


def language(code: str | None) -> Language:
    """The language for ``code``; English for None or a code we do not have."""
    return LANGUAGES_BY_CODE.get(code or ENGLISH, LANGUAGES_BY_CODE[ENGLISH])
