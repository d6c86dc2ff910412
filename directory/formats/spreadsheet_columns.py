"""The volunteer spreadsheet's columns: a CSV with one row per service at a location.

=================  ====================================================================
column             what to write
=================  ====================================================================
service_id         optional; blank = made from the organisation and service names. Rows
                   with the same id are one service at several places
organisation       required: who runs it, e.g. ``Example Community Trust``
service            required: its name, e.g. ``Example Pantry``
description        a sentence or two in plain English
needs              need slugs separated by ``;`` (``food; money``); the menu labels work
                   too (``Money & bills``)
kinds              optional: the kinds of help (directory/needs.py KINDS) separated by
                   ``;``, a side line marked ``(side)``:
                   ``debt-advice; benefits-advice (side)``. Each kind's needs are added to
                   ``needs`` (a side line ranks after services made for it). With kinds
                   blank, notes starting ``kinds: a, b; also: c`` (gathered records) are
                   read as ``a; b; c (side)``, and that part is left out of the notes
address            the place, e.g. ``Example Church Hall, 1 Example Street, Leeds``;
                   blank with a blank postcode = no fixed place (a phone line)
postcode           a Leeds postcode (``LS11 5AA``); UK postcodes elsewhere are accepted
phone              numbers separated by ``;``, each optionally ``(with a note)``
website, email     as written
cost               ``free``, ``pay-as-you-feel`` or ``fee``, optionally followed by
                   ``: details`` (``fee: £1 a bag``); any other text counts as a fee
referral_required  ``yes``, ``no`` or blank (not known)
referral_how       how to get a referral or voucher
opening_times      ``Mon 10:00-12:00; Tue,Thu 13:00-15:30``; day ranges (``Mon-Fri``) and
                   several sessions a day (``Mon 10:00-12:00, 13:00-15:00``) are allowed;
                   also ``24 hours``, days without times (``Thu (times not published)``),
                   a note in brackets (``Fri 15:00-16:30 (pantry)``; one for each
                   session: ``Wed 10:00-12:00 (cafe), 12:00-14:00 (lunch club)``) and overnight
                   sessions (``Fri 18:00-01:00``)
valid_from,        optional: the first and last day the row's opening_times apply
valid_to           (``YYYY-MM-DD``), for seasonal hours such as winter warm spaces
area               blank = at its own place(s); ``city`` = all Leeds; ``national``; or
                   ward names separated by ``;`` (``Armley; Beeston & Holbeck``)
languages          separated by ``;``
status             ``active`` (blank), ``inactive``, ``defunct``, ``temporarily closed``
source             where the details came from (a web page, a phone call and who made it)
last_checked       required: the date the details were checked, ``YYYY-MM-DD``, or
                   ``unknown`` when no source is dated
notes              a short note for residents, e.g. ``Please call ahead``
for_whom           optional: communities of interest separated by ``;``
                   (``older-people; families``; see directory/communities.py)
organisation_id    optional: the organisation's id (blank = made from its name)
organisation_description, organisation_website, organisation_email
                   optional: about the organisation rather than the service
anchor_wards       optional: wards (separated by ``;``) for which the organisation is the
                   community anchor, the friendly first door
location_id        optional: the place's id (blank = made from the address and postcode);
                   the export writes it so a round trip keeps every place
location_name      optional: the place's name (blank = the address up to the first comma)
area_name          optional: for a place with no postcode, the neighbourhood or ward it is
                   in (``Meanwood``); it must be a name the bot knows. Replies say
                   "in Meanwood" instead of a distance
latitude,          optional: the place's own coordinates (blank = the postcode's)
longitude
keeper_notes       optional: notes for directory keepers (conflicts between sources, what
                   to re-check); never imported, never shown to residents
=================  ====================================================================

Row numbers in messages are spreadsheet rows (the header is row 1). docs/directory-data.md has
the same table for volunteers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

COLUMNS = ("service_id", "organisation", "service", "description", "needs", "address",
           "postcode", "phone", "website", "email", "cost", "referral_required", "referral_how",
           "opening_times", "area", "languages", "status", "source", "last_checked", "notes",
           "valid_from", "valid_to", "for_whom", "kinds", "organisation_id",
           "organisation_description", "organisation_website", "organisation_email",
           "anchor_wards", "location_id",
           "location_name", "area_name", "latitude", "longitude", "keeper_notes")
#: The columns every spreadsheet export writes; the optional ones above only when used.
BASIC_COLUMNS = COLUMNS[:20]
REQUIRED_COLUMNS = ("organisation", "service", "last_checked")
HEADER_ALIASES = {"organization": "organisation", "opening_hours": "opening_times",
                  "need": "needs", "telephone": "phone", "phones": "phone", "url": "website",
                  "language": "languages", "postal_code": "postcode"}
#: Columns describing the service as a whole: rows of one service should agree on them.
SERVICE_COLUMNS = ("organisation", "service", "description", "website", "email", "cost",
                   "referral_required", "referral_how", "area", "status", "notes",
                   "for_whom", "kinds")
#: Columns describing the organisation: its services' rows should agree on them.
ORGANISATION_COLUMNS = ("organisation_id", "organisation_description", "organisation_website",
                        "organisation_email", "anchor_wards")


def normalise_header(name: str) -> str:
    key = re.sub(r"[\s\-]+", "_", name.strip().lower())
    return HEADER_ALIASES.get(key, key)


def looks_like_spreadsheet(header: Iterable[str]) -> bool:
    names = {normalise_header(h) for h in header}
    return "service" in names and ("organisation" in names or "last_checked" in names)
