"""The steps of a conversation.

    START --(need + place)--------------------------------> RESULTS
      |  \\--(need)--> ASK_PLACE --(place)------------------> RESULTS --MORE--> next page
      |                  ^  BACK                              |  1/2 -> "Was this useful?"
      \\--(other)--> ASK_NEED --(6)--> ASK_OTHER_NEED --(need)-/   NEW -> ASK_NEED

Any step: safety check first; then HELP, NEW/MENU, BACK, MORE, STOP/START, FORGET, LANG.
"""

from __future__ import annotations

from enum import StrEnum


class Step(StrEnum):
    START = "start"
    ASK_NEED = "ask_need"
    ASK_OTHER_NEED = "ask_other_need"
    ASK_PLACE = "ask_place"
    RESULTS = "results"
    #: Talking to a person: where are you, the offer (YES / CALL / NO), the number (Telegram),
    #: and an open request that the resident's messages join.
    PERSON_PLACE = "person_place"
    PERSON_OFFER = "person_offer"
    PERSON_PHONE = "person_phone"
    PERSON_OPEN = "person_open"
    #: Which language: LANG's list, or one tap when a guess is unsure ("Polski? 1 Polski,
    #: 2 English"); then back to where the conversation was.
    ASK_LANGUAGE = "ask_language"

    @classmethod
    def parse(cls, value: object) -> Step:
        """The step a stored value names; START for anything unknown (an older version's step)."""
        try:
            return cls(value)
        except ValueError:
            return cls.START
