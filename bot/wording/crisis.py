"""The safety reply: emergency and crisis numbers from one data file, with their sources."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.messages import Reply
from bot.wording import copy

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
        parts = [f"{self.name}: {self.how} {self.number}"]
        if self.cost == "free":
            parts.append("free")
        if self.when:
            parts.append(self.when)
        return ", ".join(parts)


@lru_cache(maxsize=1)
def crisis_contacts() -> dict[str, CrisisContact]:
    data = json.loads(CONTACTS_FILE.read_text(encoding="utf-8"))
    fields = CrisisContact.__dataclass_fields__
    contacts = [CrisisContact(**{k: v for k, v in item.items() if k in fields}) for item in data]
    return {c.id: c for c in contacts}


def crisis_reply(kind: str | None) -> Reply:
    """Kind words, 999 first, then the numbers that fit what was said."""
    contacts = crisis_contacts()
    if kind == "medical":
        # An ambulance first; then NHS 111 for urgent help that is not an emergency.
        return Reply("\n".join([copy.CRISIS_MEDICAL_OPENING, copy.CRISIS_MEDICAL_FIRST,
                                contacts[AMBULANCE].line(), copy.CRISIS_MEDICAL_NOT_EMERGENCY,
                                contacts[NHS_111].line()]))
    order = ORDER.get(kind, ORDER[None])
    lines = [copy.CRISIS_OPENING, copy.CRISIS_DANGER_FIRST]
    lines += [contacts[key].line() for key in order]
    return Reply("\n".join(lines))


def check_in_reply() -> Reply:
    """A short safety line for a message that might, or might not, be a crisis."""
    return Reply(copy.CHECK_IN.format(samaritans=crisis_contacts()[SAMARITANS].number))


def talk_line() -> str:
    """Samaritans, for every wellbeing answer: a safety net for crises worded in ways we miss."""
    return crisis_contacts()[SAMARITANS].line()
