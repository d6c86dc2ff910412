"""Characters no channel can carry: control characters and their kin, found and removed.

One definition for both ends: importers clean records with it (and say which row), and every
channel's output passes through :func:`bot.sms.gsm.safe_text`, which uses it too.
"""

from __future__ import annotations

import re

#: Line breaks in other clothes: Word's soft return, form feed, file/group/record separators,
#: NEL, and Unicode's line and paragraph separators.
LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
#: Other C0 and C1 controls, lone surrogates and the two non-characters: all invalid in XML 1.0,
#: so one would make a whole TwiML reply unreadable.
UNSAFE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def with_plain_breaks(text: str) -> str:
    """``text`` with odd line breaks as plain ``\\n`` and other control characters removed."""
    return UNSAFE.sub("", LINE_BREAKS.sub("\n", text))


def odd_characters(text: str) -> list[str]:
    """The control characters in ``text`` (tabs and plain line breaks are fine), as U+XXXX."""
    found = {m.group() for m in UNSAFE.finditer(text)}
    found |= {m.group() for m in LINE_BREAKS.finditer(text) if m.group() not in ("\r\n", "\r")}
    return sorted(f"U+{ord(ch):04X}" for ch in found)
