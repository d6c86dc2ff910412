"""UK phone numbers written the way people read them: the one place a number's display is made,
so the same number always prints the same way, whatever spacing its source used."""

from __future__ import annotations

import re

#: A run of digits with the spaces, hyphens or brackets people write between them.
_RUN = re.compile(r"\+?\(?\d[\d\s()-]*\d|\d")


def _grouped(digits: str) -> str | None:
    """The digits of one number in the UK numbering plan's groups; None if not one we know."""
    if digits.startswith("44") and len(digits) == 12:
        digits = "0" + digits[2:]
    if len(digits) == 11 and digits.startswith("0"):
        if digits.startswith("011") or digits[3] == "1" and digits.startswith("01"):
            return f"{digits[:4]} {digits[4:7]} {digits[7:]}"  # 0113 277 2229, 0161 ...
        if digits.startswith("02"):
            return f"{digits[:3]} {digits[3:7]} {digits[7:]}"  # 020 7946 0000
        if digits.startswith(("03", "08", "09")):
            return f"{digits[:4]} {digits[4:7]} {digits[7:]}"  # 0808 200 0247
        return f"{digits[:5]} {digits[5:]}"  # 07840 455725, 01937 588794
    if len(digits) == 10 and digits.startswith(("0800", "0500")):
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"  # 0800 585 858
    if len(digits) == 8 and digits.startswith("0800"):
        return f"{digits[:4]} {digits[4:]}"  # 0800 1111
    if len(digits) == 6 and digits.startswith("116"):
        return f"{digits[:3]} {digits[3:]}"  # 116 123
    return None


def format_phone(number: str) -> str:
    """Each number in the text in its usual groups (0113 277 2229, 07840 455725, 0808 200
    0247); any words around them ("Adults: ...", "option 3") kept; digits never changed."""

    def group(match: re.Match[str]) -> str:
        run = match.group(0)
        shown = _grouped(re.sub(r"\D", "", run))
        return run if shown is None else shown

    return _RUN.sub(group, " ".join(number.split()))
