"""The safety reply: emergency and crisis numbers from one data file, with their sources.

In the turn's language: the words around the numbers are translated (the data file's ``how``
and ``when`` are catalogue strings too), the names and numbers never are; in any language but
English a line says that 999 can bring an interpreter. A reply longer than the SMS budget in
its language goes as two or more replies, each whole lines, 999 always in the first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.languages import ENGLISH
from bot.messages import Reply
from bot.wording import copy
from bot.wording.i18n import current_language, gettext
from bot.wording.phones import format_phone
from bot.wording.split import sms_pieces

DATA_DIR = Path(__file__).resolve().parents[2] / "directory" / "data"
CONTACTS_FILE = DATA_DIR / "crisis_contacts.json"

#: Contact ids in the data file that the replies name.
SAMARITANS = "samaritans"
SHOUT = "shout"
NHS_111 = "nhs-111"
DOMESTIC_ABUSE = "national-domestic-abuse-helpline"
AMBULANCE = "ambulance-999"

#: Which contacts to list for each kind of crisis, most relevant first (999 is always said first).
ORDER: dict[str | None, tuple[str, ...]] = {
    "abuse": (DOMESTIC_ABUSE, SAMARITANS, NHS_111),
    "danger": (DOMESTIC_ABUSE, SAMARITANS, NHS_111),
    None: (SAMARITANS, SHOUT, NHS_111, DOMESTIC_ABUSE),
}


@dataclass(frozen=True)
class CrisisContact:
    id: str
    name: str
    number: str
    how: str
    cost: str | None
    when: str | None
    source: str
    last_checked: str

    def line(self) -> str:
        """"Samaritans: call 116 123, free, 24 hours", in the turn's language."""
        parts = [f"{self.name}: {gettext(self.how)} {format_phone(self.number)}"]
        if self.cost == "free":
            parts.append(gettext("free"))
        if self.when:
            parts.append(gettext(self.when))
        # TRANSLATORS: The comma between a crisis line's parts ("، " in Arabic script).
        return gettext(", ").join(parts)


@lru_cache(maxsize=1)
def crisis_contacts() -> dict[str, CrisisContact]:
    data = json.loads(CONTACTS_FILE.read_text(encoding="utf-8"))
    fields = CrisisContact.__dataclass_fields__
    contacts = [CrisisContact(**{k: v for k, v in item.items() if k in fields}) for item in data]
    return {c.id: c for c in contacts}


def crisis_lines(kind: str | None) -> list[str]:
    """Kind words, 999 first (and the interpreter), then the numbers that fit what was said."""
    contacts = crisis_contacts()
    interpreter = [copy.CRISIS_INTERPRETER] if current_language() != ENGLISH else []
    if kind == "medical":
        # An ambulance first; then NHS 111 for urgent help that is not an emergency.
        return [copy.CRISIS_MEDICAL_OPENING, copy.CRISIS_MEDICAL_FIRST, *interpreter,
                contacts[AMBULANCE].line(), copy.CRISIS_MEDICAL_NOT_EMERGENCY,
                contacts[NHS_111].line()]
    order = ORDER.get(kind, ORDER[None])
    return [copy.CRISIS_OPENING, copy.CRISIS_DANGER_FIRST, *interpreter,
            *(contacts[key].line() for key in order)]


def crisis_reply(kind: str | None) -> Reply:
    """The whole safety reply as one message (see ``crisis_replies`` for the SMS budget)."""
    return Reply("\n".join(crisis_lines(kind)), language=current_language())


def crisis_replies(kind: str | None) -> list[Reply]:
    """The safety reply in as few messages as fit 3 SMS segments each in the turn's language
    (one in English; two in a language sent as UCS-2), whole lines in order."""
    text = "\n".join(crisis_lines(kind))
    return [Reply(piece, language=current_language()) for piece in sms_pieces(text)]


def check_in_reply() -> Reply:
    """A short safety line for a message that might, or might not, be a crisis."""
    samaritans = format_phone(crisis_contacts()[SAMARITANS].number)
    return Reply(copy.CHECK_IN.format(samaritans=samaritans), language=current_language())


def talk_line() -> str:
    """Samaritans, for every wellbeing answer: a safety net for crises worded in ways we miss."""
    return crisis_contacts()[SAMARITANS].line()
