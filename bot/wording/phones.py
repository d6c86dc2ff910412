"""UK phone numbers written the way people read them."""

from __future__ import annotations

import re


def format_phone(number: str) -> str:
    """UK numbers in their usual groups: 0113 277 2229, 07840 455725, 0808 208 2138."""
    digits = re.sub(r"\D", "", number)
    if digits.startswith("44") and len(digits) == 12:
        digits = "0" + digits[2:]
    if len(digits) != 11 or not digits.startswith("0"):
        return number.strip()
    if digits.startswith("011") or digits[3] == "1" and digits.startswith("01"):
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"  # 0113 277 2229, 0161 ...
    if digits.startswith("02"):
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    if digits.startswith(("03", "08")):
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    return f"{digits[:5]} {digits[5:]}"
