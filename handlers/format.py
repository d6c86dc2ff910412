"""Turn search results into short, whole SMS-sized pages (3 segments at most; nothing cut)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot import copy
from bot.gsm import gsm7_length, to_gsm7
from directory.search import Anchor, SearchResult

#: A results page fits in 3 GSM-7 segments.
PAGE_BUDGET = 459


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


def _time(value: dt.datetime) -> str:
    return value.strftime("%H:%M")


def when_text(result: SearchResult, now: dt.datetime) -> str:
    opening = result.opening
    if opening.open_now:
        return f"{copy.OPEN_NOW} till {_time(opening.closes_at)}" if opening.closes_at \
            else copy.OPEN_NOW
    if opening.next_open is None:
        return copy.CALL_AHEAD
    day = opening.next_open.date()
    if day == now.date():
        label = "today"
    elif day == now.date() + dt.timedelta(days=1):
        label = "tomorrow"
    else:
        label = opening.next_open.strftime("%a %d %b").replace(" 0", " ")
    return f"Next open {label} {_time(opening.next_open)}"


def expect_text(result: SearchResult) -> str:
    """What to expect at the door: cost and referral, or a nudge to ask."""
    parts = []
    if result.cost_kind == "free":
        parts.append(copy.FREE)
    elif result.cost_kind == "pay-as-you-feel":
        parts.append(copy.PAY_AS_YOU_FEEL)
    elif result.cost_kind == "fee":
        parts.append(copy.FEE)
    if result.referral_required is True:
        parts.append(copy.REFERRAL)
    elif result.referral_required is False:
        parts.append(copy.NO_REFERRAL)
    if not parts:
        return copy.ASK_ABOUT_COST
    text = ", ".join(parts)
    return text[0].upper() + text[1:]


def where_text(result: SearchResult) -> str:
    if result.distance_km is None:
        return copy.NATIONAL if result.area_kind == "national" else copy.CITY_WIDE
    km = result.distance_km
    if km < 0.1:
        return copy.VERY_CLOSE
    return f"{km:.1f} km" if km < 10 else f"{km:.0f} km"


def contact_text(result: SearchResult) -> str:
    if result.phone:
        return format_phone(result.phone)
    if result.address:
        return f"{result.address} {result.postcode}".strip()
    return result.website.removeprefix("https://").removeprefix("http://").rstrip("/")


def result_block(number: int, result: SearchResult, now: dt.datetime,
                 referral_told_in: int | None = None) -> str:
    """One result; how to get a referral is told once, later results point back to it."""
    name = result.name
    if result.organisation and result.organisation.lower() not in name.lower():
        name = f"{name} ({result.organisation})"
    lines = [f"{number}) {name}", f"{expect_text(result)}. {when_text(result, now)}.",
             f"{where_text(result)}. {contact_text(result)}"]
    if result.referral_required and result.referral_how:
        how = result.referral_how if referral_told_in is None \
            else copy.referral_as_before(referral_told_in)
        lines.insert(2, f"Referral: {how}")
    return to_gsm7("\n".join(lines))


def result_blocks(results: list[SearchResult], now: dt.datetime) -> list[Block]:
    """Numbered result blocks, each referral route spelt out only the first time."""
    told: dict[str, int] = {}
    blocks = []
    for number, result in enumerate(results, 1):
        how = result.referral_how if result.referral_required else ""
        blocks.append(Block(result_block(number, result, now, told.get(how) if how else None),
                            result.last_checked))
        if how:
            told.setdefault(how, number)
    return blocks


def anchor_block(anchor: Anchor) -> str:
    contact = format_phone(anchor.phone) if anchor.phone else anchor.website
    return to_gsm7(copy.anchor(anchor.name, contact, month_year(anchor.last_checked)))


def cash_first_block(result: SearchResult) -> str:
    """The money option beside food answers, with its own check date (it has its own source)."""
    return to_gsm7(copy.cash_first(result.name, contact_text(result),
                                   month_year(result.last_checked)))


def month_year(day: dt.date | None) -> str | None:
    return day.strftime("%b %Y") if day else None


@dataclass(frozen=True)
class Block:
    """A whole piece of a results page: a result, the cash-first line, or the anchor line."""

    text: str
    checked: dt.date | None = None
    is_result: bool = True
    #: A note on its own helps nobody: a page needs a result or a contact (money, anchor).
    is_useful: bool = True


@dataclass
class Page:
    blocks: list[Block]

    @property
    def checked(self) -> dt.date | None:
        """The oldest check date among the page's results (extra lines carry their own)."""
        return min((b.checked for b in self.blocks if b.is_result and b.checked), default=None)

    def text(self, header: str, footer: str) -> str:
        parts = [header, *(b.text for b in self.blocks)]
        if self.checked:
            parts.append(copy.checked(month_year(self.checked)))
        parts.append(footer)
        return "\n".join(p for p in parts if p)


def fits(text: str) -> bool:
    return gsm7_length(text) <= PAGE_BUDGET


def paginate(blocks: list[Block], header: str, footer_more: str, footer_last: str,
             first_page_close: str = "", max_results_per_page: int = 3) -> list[str]:
    """Pack whole blocks into pages within the SMS budget; a block never straddles two pages.

    ``first_page_close`` (the "Was this useful?" question) always ends the first page: room is
    kept for it there, so it never depends on how long the results happen to be.
    """
    def footer(page_index: int, last: bool) -> str:
        text = footer_last if last else footer_more
        return f"{text}\n{first_page_close}" if page_index == 0 and first_page_close else text

    pages: list[Page] = []
    current = Page([])
    for block in blocks:
        trial = Page([*current.blocks, block])
        results = sum(b.is_result for b in trial.blocks)
        too_many = block.is_result and results > max_results_per_page
        if current.blocks and (too_many or not fits(trial.text(header,
                                                               footer(len(pages), False)))):
            pages.append(current)
            current = Page([block])
        else:
            current = trial
    if current.blocks:
        pages.append(current)
    return [page.text(header, footer(i, i == len(pages) - 1)) for i, page in enumerate(pages)]
