"""The message catalogue: low-stigma words only, GSM-7 only, neutral first lines."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.sms.gsm import is_gsm7
from bot.wording import copy
from bot.wording.cards import (
    AnchorCard,
    CashFirst,
    NoneLocal,
    OutsideLeeds,
    ResultCard,
    SectionTitle,
    TalkNow,
)
from bot.wording.crisis import ORDER, SAMARITANS, crisis_contacts, crisis_reply
from bot.wording.pages import page_text
from bot.wording.render import age_text, card_text, detail_text, when_text, where_text
from core.clock import LONDON
from directory.details import ServiceDetail, WeeklySession
from directory.needs import NEED_SLUGS, NEEDS_BY_SLUG
from directory.opening import OpeningState
from directory.search import Anchor, SearchResult

STIGMATISING = [
    "the poor", "poor people", "the needy", "needy", "handout", "hand-out", "charity case",
    "vulnerable", "scrounger", "benefit claimant", "claimants", "service user", "signposting",
    "provision", "destitute", "deserving", "beggar", "freeloader",
]

AT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=LONDON)  # a Monday morning


def _result(name: str, **changes) -> SearchResult:
    """A fictional search result (Example names, an 01632 960 number)."""
    fields = dict(
        service_id=name.lower().replace(" ", "-"), name=name, organisation="Example Trust",
        distance_km=1.24, address="1 Example Street", postcode="LS9 8RU",
        phone="01632 960123", website="https://example.org",
        opening=OpeningState(False, AT + dt.timedelta(hours=3)), cost_kind="free",
        cost_text="", referral_required=True, referral_how="Ask your GP.", area_kind="local",
        notes="", source="fictional", last_checked=dt.date(2026, 1, 5))
    return SearchResult(**{**fields, **changes})


def card_samples() -> list[str]:
    """Every kind of result card and a details reply, worded by the catalogue."""
    results = [
        _result("Example Pantry"),
        _result("Example Cafe", cost_kind="pay-as-you-feel", referral_required=False,
                opening=OpeningState(True, AT, AT + dt.timedelta(hours=2))),
        _result("Example Hub", cost_kind="fee", referral_required=None, distance_km=None,
                area_kind="national", opening=OpeningState(None, None), phone="",
                last_checked=None),
        _result("Example Fridge", cost_kind="", referral_required=None, distance_km=0.05,
                opening=OpeningState(False, AT + dt.timedelta(days=4)), phone="", address="",
                last_checked=dt.date(2023, 5, 1)),
    ]
    cards = [*(ResultCard(n, r) for n, r in enumerate(results, 1)), OutsideLeeds("M1 1AE"),
             SectionTitle("food"), NoneLocal("housing", "LS9"), TalkNow("Samaritans: 116 123"),
             CashFirst(results[0]),
             AnchorCard(Anchor("Example Centre", "01632 960000", "", "fictional", None))]
    detail = ServiceDetail(results[0], "1 Example Street, Leeds", "LS9 8RU", 53.8, -1.5,
                           "Example Hall", (WeeklySession(0, dt.time(10), dt.time(12)),
                                            WeeklySession(0, dt.time(13), dt.time(15, 30))), "")
    return [*(card_text(card, AT) for card in cards), detail_text(1, detail, AT, [2, 3]),
            page_text(cards[:4], AT, copy.near("LS9 8RU"), more=True)]


SENTENCES = (copy.all_sentences() + card_samples()
             + [crisis_reply(k).text for k in (None, "abuse", "suicide")])


def test_cards_are_worded_by_the_catalogue():
    texts = card_samples()
    assert texts[0] == ("1) Example Pantry (Example Trust). Free, referral needed. "
                        "Next open today 12pm. 1.2 km. 01632 960123")
    assert texts[1].startswith("2) Example Cafe (Example Trust). Pay as you feel, no referral "
                               "needed. Open now till 11am.")
    assert texts[2] == ("3) Example Hub (Example Trust). There is a cost. UK-wide "
                        "(date of details unknown)")  # no phone: "Reply 3" gives the website
    assert texts[3] == ("4) Example Fridge (Example Trust). Next open Fri 9am. Very close "
                        "(details from 2023)")
    assert texts[5] == "Food support:"
    # The number says whose it is: the service and its organisation (issue 23).
    assert texts[8] == "Money worries? Example Pantry (Example Trust) 01632 960123"
    details = texts[10].splitlines()
    assert details[1] == "Address: Example Hall, 1 Example Street, Leeds, LS9 8RU"
    assert details[2] == "Hours: Mon 10am-12pm, 1pm-3:30pm"
    assert "Referral: Ask your GP." in details
    assert details[-1] == "Reply 2 or 3 for another, MORE for more, NEW to start again."
    page = texts[11]
    assert "Times not published for 3." in page
    assert page.endswith("Reply 1, 2, 3 or 4 for the address and times, or MORE for more.")


@pytest.mark.parametrize("word", STIGMATISING)
def test_no_stigmatising_words_anywhere_a_resident_reads(word):
    pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
    offenders = [s for s in SENTENCES if pattern.search(s)]
    assert offenders == []


def test_every_sentence_is_gsm7():
    offenders = [s for s in SENTENCES if not is_gsm7(s)]
    assert offenders == []


def test_the_catalogue_is_not_empty_and_the_check_can_fail():
    assert len(SENTENCES) > 40
    assert not is_gsm7("It\u2019s here \u2013 call us")


def test_first_lines_are_neutral_on_a_lock_screen():
    sensitive = re.compile(r"food bank|debt|suicid|abuse|crisis|homeless", re.IGNORECASE)
    firsts = [copy.GREETING, copy.near("LS9 8RU"), crisis_reply(None).text.splitlines()[0],
              crisis_reply("abuse").text.splitlines()[0], copy.HELP, copy.STOPPED]
    assert [f for f in firsts if sensitive.search(f.splitlines()[0])] == []


def test_every_contact_the_safety_replies_name_is_in_the_data_file():
    named = {contact for order in ORDER.values() for contact in order} | {SAMARITANS}
    assert named <= set(crisis_contacts())


def test_menus_offer_every_need_once_with_the_registry_labels():
    offered = [slug for menu in (copy.MAIN_MENU, copy.OTHER_MENU) for _, slug in menu]
    assert sorted(s for s in offered if s not in (copy.OTHER, copy.PERSON)) == sorted(NEED_SLUGS)
    assert copy.OTHER_MENU[-1] == (copy.TALK_TO_PERSON, copy.PERSON)
    assert copy.MAIN_MENU[-1] == (copy.SOMETHING_ELSE, copy.OTHER)
    labels = {slug: label for menu in (copy.MAIN_MENU, copy.OTHER_MENU) for label, slug in menu}
    assert labels["immigration"] == NEEDS_BY_SLUG["immigration"].label == "Immigration"
    assert str(len(copy.OTHER_MENU)) in copy.UNCLEAR_OTHER


def test_how_old_details_are_is_said_from_the_turns_time():
    assert age_text(dt.date(2026, 1, 5), AT) == ""  # recent: the line says nothing
    assert age_text(dt.date(2023, 5, 1), AT) == "details from 2023"
    assert age_text(None, AT) == "date of details unknown"
    later = AT + dt.timedelta(days=400)
    assert age_text(dt.date(2026, 1, 5), later) == "details from 2026"
    recent = ServiceDetail(_result("Example Pantry"), "", "", None, None, "", (), "")
    assert "Details checked Jan 2026. Please call first." in detail_text(1, recent, AT, [])
    undated = ServiceDetail(_result("Example Pantry", last_checked=None), "", "", None, None,
                            "", (), "")
    assert "Date of details unknown. Please call first." in detail_text(1, undated, AT, [])


def test_undated_money_option_and_anchor_say_so():
    undated = _result("Example Advice", last_checked=None)
    assert card_text(CashFirst(undated), AT).endswith("(date of details unknown)")
    old = Anchor("Example Centre", "01632 960000", "", "fictional", dt.date(2022, 6, 1))
    assert card_text(AnchorCard(old), AT).endswith("(details from 2022)")


def test_a_place_known_by_its_area_says_where_not_how_far():
    result = _result("Example Cafe", distance_km=0.8, area_name="Meanwood")
    assert where_text(result) == "in Meanwood"
    assert "In Meanwood" in card_text(ResultCard(1, result), AT)
    assert "0.8 km" not in card_text(ResultCard(1, result), AT)


def test_days_without_times_and_24_hours():
    thursday = _result("Example Pantry", opening=OpeningState(
        None, None, next_day=dt.date(2026, 3, 5)))
    assert when_text(thursday, AT) == "Open Thu, call for times"
    always = _result("Example Line", opening=OpeningState(
        True, AT.replace(hour=0), AT.replace(hour=23, minute=59)))
    assert when_text(always, AT) == "Open 24 hours"
    cards = [ResultCard(1, thursday), ResultCard(2, _result("Example Hall", opening=OpeningState(
        None, None)))]
    assert "Times not published for 2: call first." in page_text(cards, AT, "x", more=False)


def test_long_names_and_web_pages_are_kept_short_on_the_results_line():
    long = _result("Example community cafe, shop, food assistance and advice on Tuesdays",
                   organisation="Example Support Centre (Example Society)", phone="",
                   website="https://example.org/a/very/long/page/about/the/cafe")
    line = card_text(ResultCard(1, long), AT)
    assert line.startswith("1) Example Support Centre (Example Society). ")
    assert "example.org" not in line  # the web page is in the details, not on the line


@pytest.mark.parametrize("name", [
    "Example Sexual Health - main clinic and walk-in advice for young people",
    "Example Holiday Activities and Food programme for children on free school meals"])
def test_a_name_cut_short_ends_with_three_dots_never_four(name):
    """Issue 31: "...main clinic and...." had a full stop after the three dots."""
    organisation = "Example Trust with a name far too long to fit on the results line"
    line = card_text(ResultCard(1, _result(name, organisation=organisation)), AT)
    assert "...." not in line and "…" not in line
    first = line.split(") ", 1)[1]
    assert re.match(r"[^.]+\.\.\. Free, referral needed\.", first), line


def test_a_shared_location_outside_leeds_starts_with_a_capital():
    text = card_text(OutsideLeeds("your location"), AT)
    assert text.startswith("Your location looks like it is outside Leeds.")
    assert card_text(OutsideLeeds("M1 1AE"), AT).startswith("M1 1AE looks like")


def test_a_page_never_ends_with_a_heading_and_only_a_note_under_it():
    from bot.wording.cards import KindGap
    from bot.wording.pages import pack

    cards = [SectionTitle("housing"), *(ResultCard(n, _result(f"Example Centre {n}"))
                                        for n in (1, 2)),
             SectionTitle("food"), KindGap("hot-meal", "LS9", "now"),
             ResultCard(3, _result("Example Cafe"))]
    pages = pack(cards, AT, "Leeds Signpost: near LS9")
    assert len(pages) == 2  # three results and a gap line do not fit one page
    for page in pages:
        titles = [i for i, card in enumerate(page) if isinstance(card, SectionTitle)]
        assert titles and any(isinstance(c, ResultCard) for c in page[titles[-1]:]), page


def test_a_gap_line_never_ends_a_page_but_a_heading_over_the_supplier_line_may():
    """Eighth pass: a heading, the supplier-credit line and "... The nearest:" left at a page's
    end with the result it leads into on the next page read as an answer cut off."""
    from bot.wording.cards import KindGap, SupplierCredit
    from bot.wording.pages import pack

    cards = [SectionTitle("money"), ResultCard(1, _result("Example Advice Centre for All")),
             SectionTitle("energy"), SupplierCredit(), KindGap("energy-bills", "LS9", "now"),
             ResultCard(2, _result("Example Energy Line for Households in Leeds East"))]
    pages = pack(cards, AT, "Leeds Signpost: near LS9")
    assert len(pages) == 2, pages
    for page in pages:
        gaps = [i for i, card in enumerate(page) if isinstance(card, KindGap)]
        assert not gaps or any(isinstance(c, ResultCard) for c in page[gaps[-1]:]), page
    assert isinstance(pages[0][-1], SupplierCredit), pages[0]
    assert isinstance(pages[1][0], KindGap), pages[1]


@pytest.mark.parametrize(("then", "follows"), [
    ("", "The nearest, and when they open:"),
    ("open", "Open now instead:"), ("open-first", "Open now first:"),
    ("untimed", "The nearest:"),
])
def test_a_gap_line_said_for_a_time_says_truly_what_follows_it(then, follows):
    from bot.wording.cards import KindGap, SupplierCredit

    text = card_text(KindGap("food-parcel", "LS9", "now", then), AT)
    assert text == f"We don't list a food bank open now near LS9. {follows}"
    assert card_text(SupplierCredit(), AT) == copy.SUPPLIER_CREDIT
    assert is_gsm7(copy.SUPPLIER_CREDIT)


def test_a_line_open_every_hour_says_so_once_and_an_out_of_hours_line_says_what_it_does():
    every_hour = tuple(WeeklySession(day, dt.time(0, 0), dt.time(23, 59)) for day in range(7))
    line = _result("Example Line", address="", postcode="", distance_km=None)
    detail = ServiceDetail(line, "", "", None, None, "", every_hour, "")
    assert "Hours: open 24 hours" in detail_text(1, detail, AT, []).splitlines()
    night_line = _result("Example Night Line", address="", postcode="", distance_km=None,
                         line_hours="out-of-hours")
    detail = ServiceDetail(night_line, "", "", None, None, "", (), "")
    assert "Hours: answers out of hours" in detail_text(1, detail, AT, []).splitlines()
    # Six days round the clock is not every day: the days are listed.
    detail = ServiceDetail(line, "", "", None, None, "", every_hour[:6], "")
    assert "Hours: Mon open 24 hours;" in detail_text(1, detail, AT, [])


def test_a_place_next_open_a_week_ahead_names_the_date_not_todays_weekday():
    week_on = _result("Example Supper", opening=OpeningState(False, AT + dt.timedelta(days=7)))
    assert "Next open 9 Mar 9am" in card_text(ResultCard(1, week_on), AT)
    six_days = _result("Example Supper", opening=OpeningState(False, AT + dt.timedelta(days=6)))
    assert "Next open Sun 9am" in card_text(ResultCard(1, six_days), AT)
