#!/usr/bin/env python3
"""Build the shipped starter directory (ORUK 3.0 JSON) and the crisis contacts from open data.

Run from the repository root:

    python directory/data/build_starter.py --shared PATH/TO/shared

It reads only the prepared inputs under ``<shared>/data`` and ``<shared>/design`` and writes
``leeds_directory.json`` and ``crisis_contacts.json`` next to this script (see FORMAT.md and
README.md in this folder). The output is deterministic: same inputs, same bytes.

Nothing here is imported at run time. Standard library only.

Rules kept by this script (see README.md):
* nothing is invented: every value is copied from an input row, or is a short plain-English
  description written from that row's text; where a source is silent the field is empty/null;
* every organisation, service and location carries ``x_source`` and ``x_last_checked`` (the date
  of the evidence, not the build date);
* all resident-facing text is GSM-7 (checked; the build fails otherwise);
* every input row is either used or excluded with a written reason (checked; a changed input
  fails the build instead of being silently mis-read).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Json = dict[str, Any]

HERE = Path(__file__).resolve().parent

# --------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------

GSM7_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = "^{}\\[~]|€\f"
GSM7 = frozenset(GSM7_BASIC + GSM7_EXTENSION)

# Typographic punctuation is swapped for its plain form; real words are never transliterated.
TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u00a0": " ",
    }
)

BANNED_WORDS = (
    "the poor",
    "the needy",
    "handout",
    "charity case",
    "vulnerable",
    "scrounger",
    "benefit claimant",
)


def plain(text: str) -> str:
    """Normalise whitespace and typographic punctuation."""
    return re.sub(r"\s+", " ", text.translate(TYPOGRAPHIC)).strip()


def check_text(where: str, text: str | None) -> None:
    """Fail the build on a non-GSM-7 character or a stigmatising word."""
    if not text:
        return
    bad = sorted({ch for ch in text if ch not in GSM7})
    if bad:
        raise SystemExit(f"non-GSM-7 characters {bad!r} in {where}: {text!r}")
    lowered = text.lower()
    for word in BANNED_WORDS:
        if word in lowered:
            raise SystemExit(f"stigmatising wording {word!r} in {where}: {text!r}")


def format_uk_phone(raw: str) -> str:
    """Add the usual spaces to an 11-digit UK number; the digits are never changed."""
    digits = re.sub(r"\D", "", raw)
    if len(digits) != 11 or not digits.startswith("0"):
        raise SystemExit(f"unexpected phone number {raw!r}")
    if digits.startswith("07"):
        return f"{digits[:5]} {digits[5:]}"
    if digits.startswith(("08", "03")) or digits[2] == "1" or digits[3] == "1":
        # 0800/0808/03xx, 011x and 01x1 area codes: 4-3-4.
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    # Other 01xxx area codes (e.g. 01937 Wetherby): 5-6.
    return f"{digits[:5]} {digits[5:]}"


def split_phones(raw: str) -> list[str]:
    """Split "01937589764/588794" into two full numbers.

    The part after "/" replaces the same number of trailing digits of the first number. This is
    only done when the result is a valid 11-digit number; otherwise the build stops.
    """
    parts = [p.strip() for p in raw.split("/") if p.strip()]
    first = re.sub(r"\D", "", parts[0])
    numbers = [first]
    for extra in parts[1:]:
        tail = re.sub(r"\D", "", extra)
        full = tail if tail.startswith("0") else first[: len(first) - len(tail)] + tail
        if len(full) != 11:
            raise SystemExit(f"ambiguous phone {raw!r}")
        numbers.append(full)
    return [format_uk_phone(n) for n in numbers]


def address_parts(address: str) -> tuple[str, str, str]:
    """Split a Give Food address ("lines, town[, county]") into address_1, city, state.

    Only splits the text as given: the last part is the town as written in the source.
    """
    parts = [p.strip() for p in plain(address).split(",") if p.strip()]
    state = ""
    if parts and parts[-1] == "West Yorkshire":
        state = parts.pop()
    if len(parts) >= 2:
        return ", ".join(parts[:-1]), parts[-1], state
    return ", ".join(parts), "", state


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --------------------------------------------------------------------------------------------
# Geography (read-only look-ups from the inputs)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PostcodePoint:
    latitude: float
    longitude: float
    ward_code: str
    ward_name: str


def load_postcodes(path: Path) -> dict[str, PostcodePoint]:
    return {
        row["postcode"]: PostcodePoint(
            float(row["latitude"]), float(row["longitude"]), row["ward_code"], row["ward_name"]
        )
        for row in read_csv(path)
    }


def load_wards(path: Path) -> dict[str, str]:
    """Ward name -> ward code."""
    return {row["ward_name"]: row["ward_code"] for row in read_csv(path)}


# --------------------------------------------------------------------------------------------
# ORUK builders
# --------------------------------------------------------------------------------------------

NEED_TAXONOMY = "leeds-signpost-needs"
NEED_SLUGS = (
    "food",
    "money",
    "housing",
    "energy",
    "mental-health",
    "social",
    "family",
    "health",
    "work",
    "immigration",
    "domestic-abuse",
    "digital",
    "essentials",
)

NO_TIMES_NOTE = "Opening times not published here: please call ahead."
NOT_RECHECKED_NOTE = "These details were not re-checked in 2026."


def need_attributes(service_id: str, needs: list[str]) -> list[Json]:
    out = []
    for need in needs:
        if need not in NEED_SLUGS:
            raise SystemExit(f"unknown need {need!r} for {service_id}")
        out.append(
            {
                "id": f"{service_id}#need:{need}",
                "taxonomy_term": {
                    "id": f"leeds-signpost-need:{need}",
                    "name": need,
                    "taxonomy": NEED_TAXONOMY,
                    "term_uri": None,
                },
            }
        )
    return out


def phone_objects(owner_id: str, numbers: list[tuple[str, str]]) -> list[Json]:
    return [
        {"id": f"{owner_id}#phone-{i}", "number": number, "description": description}
        for i, (number, description) in enumerate(numbers, 1)
    ]


def organization(
    *,
    org_id: str,
    name: str,
    description: str,
    website: str | None,
    email: str | None,
    x_source: str,
    x_last_checked: str,
    anchor_wards: list[str] | None = None,
) -> Json:
    return {
        "id": org_id,
        "name": name,
        "description": description,
        "website": website,
        "email": email,
        "x_source": x_source,
        "x_last_checked": x_last_checked,
        "x_anchor_wards": ",".join(anchor_wards or []),
    }


def location(
    *,
    loc_id: str,
    name: str,
    address: str,
    postcode: str,
    latitude: float,
    longitude: float,
    ward_code: str,
    x_source: str,
    x_last_checked: str,
) -> Json:
    address_1, city, state = address_parts(address)
    return {
        "id": loc_id,
        "location_type": "physical",
        "name": name,
        "latitude": round(latitude, 6),
        "longitude": round(longitude, 6),
        "x_source": x_source,
        "x_last_checked": x_last_checked,
        "x_ward_code": ward_code,
        "addresses": [
            {
                "id": f"{loc_id}#address",
                "address_1": address_1,
                "city": city,
                "state_province": state,
                "postal_code": postcode,
                "country": "GB",
                "address_type": "physical",
            }
        ],
        "phones": [],
    }


def service(
    *,
    service_id: str,
    name: str,
    description: str,
    url: str | None,
    email: str | None,
    x_source: str,
    x_last_checked: str,
    needs: list[str],
    org: Json,
    phones: list[tuple[str, str]],
    x_notes: str,
    referral_required: bool | None = None,
    application_process: str = "",
    extent: str | None = None,
    extent_name: str = "",
    loc: Json | None = None,
    schedules: list[Json] | None = None,
    cost_options: list[Json] | None = None,
) -> Json:
    service_areas = []
    if extent:
        service_areas.append(
            {
                "id": f"{service_id}#area",
                "name": extent_name,
                "extent_type": "leeds-signpost",
                "extent": extent,
            }
        )
    at_locations = []
    if loc is not None:
        at_locations.append({"id": f"{service_id}@{loc['id']}", "location": loc, "schedules": []})
    return {
        "id": service_id,
        "name": name,
        "description": description,
        "url": url,
        "email": email,
        "status": "active",
        "assured_date": x_last_checked,
        "x_source": x_source,
        "x_last_checked": x_last_checked,
        "cost_options": cost_options or [],
        "x_referral_required": referral_required,
        "application_process": application_process,
        "service_areas": service_areas,
        "languages": [],
        "phones": phone_objects(service_id, phones),
        "schedules": schedules or [],
        "attributes": need_attributes(service_id, needs),
        "organization": org,
        "service_at_locations": at_locations,
        "x_notes": x_notes,
    }


# --------------------------------------------------------------------------------------------
# Give Food
# --------------------------------------------------------------------------------------------

GIVEFOOD_FILE = "data/givefood/leeds_food_locations.csv"
GIVEFOOD_CURRENT = "current: in Give Food dump 2026-08"
GIVEFOOD_OLD = "not re-verified in 2026 dump (from 2024/25 locations.geojson)"
GIVEFOOD_OLD_DATE = "2024-01-01"  # conservative: see givefood_source()
GIVEFOOD_LICENCE = "CC BY 4.0"

# Rows from the 2024/25 geojson left out of the directory (the README's own caveats).
GIVEFOOD_DROP = {
    "salvation-army/otley": (
        "broken postcode: the address says New Market, Otley but LS2 3AE and the coordinates "
        "are in Leeds city centre, so the place cannot be located"
    ),
    "salvation-army/yorkshire-north-tees": (
        "Salvation Army divisional head office (administrative office), not a food service"
    ),
}

# Staff names in e-mail addresses are not published (leeds_services_README.md).
PERSONAL_EMAILS = {
    "rhea.bentley@newwortleycc.org",
    "caroline.heward@salvationarmy.org.uk",
    "mark.hodgkinson@salvationarmy.org.uk",
}
ROLE_EMAILS_WITH_DOT = {
    "leeds.central@salvationarmy.org.uk",
    "leeds.west.hunslet@salvationarmy.org.uk",
}


@dataclass(frozen=True)
class GiveFoodOrg:
    """How one Give Food organisation is shown. Names come from the Give Food rows and from
    leeds_services_sources.csv (e.g. "Leeds North & West Foodbank"); descriptions are written
    only from the Give Food text (charity register objects, notes) cited in x_source."""

    org_id: str
    name: str
    description: str
    main_service_name: str
    main_service_description: str
    location_description: str


GIVEFOOD_ORGS: dict[str, GiveFoodOrg] = {
    "Leeds North & West": GiveFoodOrg(
        org_id="givefood-org:leeds-north-west",
        name="Leeds North & West Foodbank",
        description=(
            "Food bank for north and west Leeds, part of the Trussell Trust network. "
            "It gives food and essentials (enough for 10 meals) to local people in crisis."
        ),
        main_service_name="Leeds North & West Foodbank: office",
        main_service_description=(
            "The office of Leeds North & West Foodbank, at Flexspace on Burley Hill. "
            "Phone to ask where and when you can get food."
        ),
        location_description=(
            "Leeds North & West Foodbank gives out food here. "
            "You need a voucher from a partner agency, such as Citizens Advice or a "
            "children's centre."
        ),
    ),
    "Leeds South & East": GiveFoodOrg(
        org_id="givefood-org:leeds-south-east",
        name="Leeds South & East Foodbank",
        description=(
            "Food bank for the south and east of Leeds, part of the Trussell Trust network."
        ),
        main_service_name="Leeds South & East Foodbank: main site",
        main_service_description=(
            "The main site of Leeds South & East Foodbank, on Millshaw Industrial Estate. "
            "Phone to ask where and when you can get food."
        ),
        location_description=(
            "Leeds South & East Foodbank (Trussell Trust network) gives out food here."
        ),
    ),
    "Wetherby & District": GiveFoodOrg(
        org_id="givefood-org:wetherby-district",
        name="Wetherby & District Foodbank",
        description=(
            "Food bank for Wetherby and the area around it, part of the Trussell Trust "
            "network. It helps people who are facing hardship."
        ),
        main_service_name="Wetherby & District Foodbank",
        main_service_description=(
            "Wetherby & District Foodbank (Trussell Trust network), at Barleyfields "
            "Community Centre in Wetherby."
        ),
        location_description="",
    ),
    "Otley": GiveFoodOrg(
        org_id="givefood-org:otley",
        name="Otley Foodbank",
        description="Independent food bank run from Otley Parish Church (All Saints).",
        main_service_name="Otley Foodbank",
        main_service_description=(
            "Independent food bank at Otley Parish Church (All Saints) on Kirkgate, Otley."
        ),
        location_description="",
    ),
    "New Wortley Community Centre": GiveFoodOrg(
        org_id="givefood-org:new-wortley-community-centre",
        name="New Wortley Community Centre",
        description=(
            "Community centre on Tong Road, New Wortley. Its charity register entry lists a "
            "community cafe, activities, training and volunteering, information and support, "
            "and counselling. A member of the Leeds Community Anchor Network for Armley."
        ),
        main_service_name="New Wortley Community Centre",
        main_service_description=(
            "Community centre on Tong Road, New Wortley. Give Food lists it as an independent "
            "place for food support."
        ),
        location_description="",
    ),
    "Salvation Army": GiveFoodOrg(
        org_id="givefood-org:salvation-army",
        name="Salvation Army",
        description=(
            "Church and charity. Give Food lists some of its Leeds centres as places for food "
            "support, but does not say what help each centre gives."
        ),
        main_service_name="",
        main_service_description="",
        location_description=(
            "A Salvation Army centre listed by Give Food as a place for food support. "
            "Give Food does not say what help is given here."
        ),
    ),
    "Bradford North": GiveFoodOrg(
        org_id="givefood-org:bradford-north",
        name="Bradford North Foodbank",
        description=(
            "Food bank based in Bradford, part of the Trussell Trust network. "
            "One of its places is in Rawdon, Leeds."
        ),
        main_service_name="",
        main_service_description="",
        location_description=(
            "A place in Rawdon listed for Bradford North Foodbank (Trussell Trust network)."
        ),
    ),
}

# The organisation's details come from these Give Food records.
GIVEFOOD_ORG_RECORDS = {
    "Salvation Army": ("salvation-army/leeds-central", "salvation-army/leeds-west-hunslet"),
    "Bradford North": ("bradford-north/trinity-rawdon",),
}

# Organisations whose single public e-mail is the organisation's own (the Salvation Army rows
# carry corps addresses, which stay on their services).
ORG_EMAIL_OK = {
    "Leeds North & West",
    "Leeds South & East",
    "Wetherby & District",
    "Otley",
    "New Wortley Community Centre",
    "Bradford North",
}

# Leeds North & West: the referral route, from the LNW row of leeds_services_sources.csv.
LNW_ROW = "Leeds North & West Foodbank"
LNW_REFERRAL_TEXT = "Referral by a partner agency (e.g. Citizens Advice, children's centres)"
HTH_NUMBER_RE = re.compile(r"Help through Hardship helpline (0808 ?\d{3} ?\d{4})")

# The LNW article is undated; it names the Help through Hardship helpline, which the Trussell
# Trust says it launched "at the beginning of the pandemic" (2020). So it dates from 2020 or later.
TRUSSELL_HTH_URL = "https://www.trusselltrust.org/unlock-support/"
TRUSSELL_HTH_NOTE = (
    f"{TRUSSELL_HTH_URL} (Trussell Trust, 'Summer 2021', so 2021-06-01 is used; stored public "
    "copy, not in shared/data: "
    "says Help through Hardship was launched at the beginning of the pandemic with Citizens "
    "Advice, for anyone in England or Wales facing financial crisis, offering advice, "
    "signposting and food bank referral)"
)
ARTICLE_FLOOR_DATE = "2020-01-01"


def givefood_source(row: dict[str, str], records: str | None = None) -> str:
    label = f"records {records}" if records else f"record {row['id']}"
    base = (
        f"Give Food open data (github.com/givefood/data, {GIVEFOOD_LICENCE}): "
        f"{row['source_file']} at commit {row['source_commit']}, {label}"
    )
    if row["status"] == GIVEFOOD_CURRENT:
        return f"{base} (newest record in that file {row['source_date']})"
    return (
        f"{base} (2024/25 by its content, per the Give Food README; not re-checked in the "
        f"2026-08 dump). {GIVEFOOD_OLD_DATE} is used as a conservative date: the first day of "
        "2024, the earliest year the README supports for this file"
    )


def givefood_date(row: dict[str, str]) -> str:
    if row["status"] == GIVEFOOD_CURRENT:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["source_date"]):
            raise SystemExit(f"bad source_date for {row['id']}: {row['source_date']!r}")
        return row["source_date"]
    if row["status"] == GIVEFOOD_OLD and row["source_date"].startswith("2024/25"):
        return GIVEFOOD_OLD_DATE
    raise SystemExit(f"unexpected status/date for {row['id']}: {row['status']!r}")


def public_email(raw: str) -> str | None:
    email = raw.strip()
    if not email:
        return None
    if email.lower() in PERSONAL_EMAILS:
        return None
    local = email.split("@", 1)[0].lower()
    if re.fullmatch(r"[a-z]+\.[a-z]+(\.[a-z]+)?", local) and (
        email.lower() not in ROLE_EMAILS_WITH_DOT
    ):
        raise SystemExit(f"review e-mail {email!r}: is it a person's name? add it to a list")
    return email


def row_phones(row: dict[str, str], main_phone: str | None) -> list[tuple[str, str]]:
    if not row["phone"]:
        return []
    numbers = split_phones(row["phone"])
    out: list[tuple[str, str]] = []
    for i, number in enumerate(numbers):
        if i == 0:
            same = main_phone is not None and number == main_phone and row["kind"] == "location"
            out.append((number, "Food bank main number" if same else ""))
        else:
            out.append((number, f"Second number (the source gives {row['phone']})"))
    # Otley's second number is in the notes column of the same Give Food record.
    match = re.search(r"Secondary phone: (\d{11})", row["opening_hours_or_notes"])
    if match:
        out.append((format_uk_phone(match.group(1)), "Second number"))
    return out


def build_givefood(
    shared: Path,
    postcodes: dict[str, PostcodePoint],
    wards: dict[str, str],
    lss_rows: dict[str, dict[str, str]],
) -> tuple[list[Json], list[str]]:
    rows = read_csv(shared / GIVEFOOD_FILE)
    if len(rows) != 31:
        raise SystemExit(f"expected 31 Give Food rows, found {len(rows)}: re-read the README")
    log: list[str] = []

    # Leeds North & West referral route (leeds_services_sources.csv).
    lnw = lss_rows[LNW_ROW]
    if LNW_REFERRAL_TEXT not in lnw["service_summary"]:
        raise SystemExit("LNW referral wording not found in leeds_services_sources.csv")
    lnw_article = [u for u in split_list(lnw["source"]) if u.startswith("https://westleeds")]
    if len(lnw_article) != 1:
        raise SystemExit("LNW article URL not found")
    lnw_referral_source = (
        f"referral route: leeds_services_sources.csv row '{LNW_ROW}', from "
        f"{lnw_article[0]} (West Leeds Dispatch, undated in the stored copy; 2020 or later, as "
        "it names the Help through Hardship helpline launched in 2020)"
    )
    # Kept short: it is read in an SMS with a 3-segment budget.
    lnw_process = "Get a voucher from a partner agency, like Citizens Advice."

    foodbank_rows = {r["organisation"]: r for r in rows if r["kind"] == "foodbank"}
    orgs: dict[str, Json] = {}
    for name, spec in GIVEFOOD_ORGS.items():
        org_rows = (
            [foodbank_rows[name]]
            if name in foodbank_rows
            else [r for r in rows if r["id"] in GIVEFOOD_ORG_RECORDS[name]]
        )
        if not org_rows:
            raise SystemExit(f"no Give Food record for organisation {name!r}")
        websites = sorted({r["website"] for r in org_rows if r["website"]})
        emails = sorted({e for r in org_rows if (e := public_email(r["email"])) is not None})
        anchors: list[str] = []
        if len({(r["source_file"], r["status"]) for r in org_rows}) != 1:
            raise SystemExit(f"{name}: organisation records come from different files")
        records = " and ".join(r["id"] for r in org_rows) if len(org_rows) > 1 else None
        x_source = givefood_source(org_rows[0], records)
        if name == "New Wortley Community Centre":
            anchors, anchor_source = anchor_wards_for(lss_rows, wards)
            x_source += f"; {anchor_source}"
        orgs[name] = organization(
            org_id=spec.org_id,
            name=spec.name,
            description=spec.description,
            website=websites[0] if websites else None,
            email=emails[0] if len(emails) == 1 and name in ORG_EMAIL_OK else None,
            x_source=x_source,
            x_last_checked=min(givefood_date(r) for r in org_rows),
            anchor_wards=anchors,
        )

    services: list[Json] = []
    for row in rows:
        gid = row["id"]
        if gid in GIVEFOOD_DROP:
            if row["status"] != GIVEFOOD_OLD:
                raise SystemExit(f"{gid} is current again: revisit GIVEFOOD_DROP")
            log.append(f"Give Food {gid}: excluded ({GIVEFOOD_DROP[gid]})")
            continue
        if row["organisation"] not in GIVEFOOD_ORGS:
            raise SystemExit(f"unknown Give Food organisation {row['organisation']!r}")
        spec = GIVEFOOD_ORGS[row["organisation"]]
        point = postcodes.get(row["postcode"])
        if point is None:
            raise SystemExit(f"{gid}: postcode {row['postcode']} is not a live Leeds postcode")
        if point.ward_code != row["ward_code"]:
            raise SystemExit(f"{gid}: ward {row['ward_code']} differs from the postcode file")
        checked = givefood_date(row)
        source = givefood_source(row)
        main = foodbank_rows.get(row["organisation"])
        main_phone = split_phones(main["phone"])[0] if main and main["phone"] else None

        is_lnw = row["organisation"] == "Leeds North & West"
        notes = [NO_TIMES_NOTE]
        if row["status"] == GIVEFOOD_OLD:
            notes.insert(0, NOT_RECHECKED_NOTE)
        if row["kind"] == "foodbank":
            name = spec.main_service_name
            description = spec.main_service_description
        else:
            name = f"{spec.name}: {plain(row['name'])}"
            description = spec.location_description
        if is_lnw and row["kind"] == "foodbank":
            description += " You need a voucher from a partner agency to get food."
        loc = location(
            loc_id=f"givefood-loc:{gid}",
            name=plain(row["name"]) if row["kind"] == "location" else spec.name,
            address=row["address"],
            postcode=row["postcode"],
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            ward_code=row["ward_code"],
            x_source=source,
            x_last_checked=checked,
        )
        services.append(
            service(
                service_id=f"givefood:{gid}",
                name=name,
                description=description,
                url=row["website"] or None,
                email=public_email(row["email"]),
                x_source=f"{source}; {lnw_referral_source}" if is_lnw else source,
                x_last_checked=checked,
                needs=["food"],
                org=orgs[row["organisation"]],
                phones=row_phones(row, main_phone),
                x_notes=" ".join(notes),
                referral_required=True if is_lnw else None,
                application_process=lnw_process if is_lnw else "",
                loc=loc,
            )
        )
        log.append(f"Give Food {gid}: kept ({row['status']}, last checked {checked})")
    return services, log


# --------------------------------------------------------------------------------------------
# leeds_services_sources.csv
# --------------------------------------------------------------------------------------------

LSS_FILE = "data/leeds_services_sources.csv"

# Rows whose organisation is already in the directory from Give Food.
LSS_COVERED_BY_GIVEFOOD = {
    "Leeds South & East Foodbank": "Leeds South & East",
    "Leeds North & West Foodbank": "Leeds North & West",
    "Wetherby & District Foodbank": "Wetherby & District",
    "Otley Foodbank (Otley Parish Church)": "Otley",
    "New Wortley Community Association (New Wortley Community Centre)": (
        "New Wortley Community Centre"
    ),
}

# Organisations the sources name as LCAN members / community anchors, and where kept.
LSS_ANCHOR_ROW = "New Wortley Community Association (New Wortley Community Centre)"
LSS_ANCHOR_URL = "https://www.inclusivegrowthleeds.com/news/removing-barriers-good-work"

# Every other row, with the reason it is not in the directory.
LSS_EXCLUDED = {
    "Holbeck Foodbank": "removed from Give Food by the 2026-08 dump (probably closed)",
    "Right Choices (food bank)": "removed from Give Food by the 2026-08 dump (probably closed)",
    "Health For All (Food Pantries)": (
        "no usable contact (no phone, website or postcode) and an undated Covid-era source"
    ),
    "InterACT (north Leeds churches partnership)": "no usable contact; c. 2021 source",
    "Chapeltown Youth Development Centre (Let's Eat)": (
        "no usable contact (address has no postcode); 2020 Covid lockdown project"
    ),
    "Shantona Women's Centre": "no usable contact; Covid-era activity",
    "Leeds Food Aid Network": (
        "directory only; its URL was not verified from a page of the network itself; undated"
    ),
    "Leeds Community Anchor Network (LCAN)": "network of organisations, no contact",
    "Give a Gift": "no usable contact (LCAN member, so it would be an anchor if kept)",
    "LS14 Trust": "no usable contact (LCAN member, so it would be an anchor if kept)",
    "Groundwork Yorkshire": (
        "LCAN member, but the source describes grant coordination, not a service residents use"
    ),
    "Hyde Park Source": "Covid Community Care Hub role (ended 31 March 2022); no contact",
    "Rainbow Junktion": "no usable contact; 2020 source",
    "AVSED": "Covid Community Care Hub role; no usable contact",
    "Horsforth Community Aid Project (HCAP)": "Covid Community Care Hub role; no usable contact",
    "Slung Low (The Holbeck)": "Covid Community Care Hub role (ended 2022); no contact",
    "Barca-Leeds": (
        "the advice and mental health services are dated 2016 only; the organisation's own "
        "page is undated and describes community development, not a service to contact"
    ),
    "Space2": "only evidence is c. 2017 news and an undated case study",
    "Compton Centre Community Hub (Leeds City Council)": (
        "named as a council hub only in a 2019 agenda; its Welcome Space status would be "
        "inferred from a city-wide statement; covered by the city-wide Welcome Spaces entry"
    ),
    "Left Bank Cafe": "no usable contact; seasonal 2024/25 Welcome Space",
    "Involve Leeds": "no usable contact; seasonal 2024/25 Welcome Space",
    "Harehills Bowling Club": "no usable contact; seasonal 2024/25 Welcome Space",
    "Leeds City Mission Compassion Centre (Armley)": (
        "undated winter warm space (year unknown, so the times cannot be dated); address has "
        "no postcode"
    ),
    "Pudsey Wellbeing Centre": "no usable contact; undated (c. winter 2022/23)",
    "Leeds Money Information Centre (MIC)": "c. 2014 launch source; signposting website only",
    "Citizens Advice Leeds (Leeds CAB)": "2010-2015 sources; 'historic drop-in; verify'",
    "Chapeltown Citizens Advice": "2013 source marked 'old; re-verify'; no contact",
    "Leeds Law Centre": "2013 source marked 'old; re-verify'; no contact",
    "Burley Lodge Advice Centre": "2013 source marked 'old; re-verify'; no contact",
    "Money Buddies": "no usable contact in the source (2022)",
    "Leeds City Council Local Welfare Support Scheme (LWSS)": (
        "helpline number not in the source; no other contact"
    ),
    "Leeds Survivor Led Crisis Service (Dial House / Connect Helpline)": (
        "no usable contact in the source (2014)"
    ),
    "Leeds MindMate Single Point of Access (SPA)": (
        "referral line for professionals only; residents cannot contact it themselves"
    ),
    "Leeds Neighbourhood Networks (programme)": (
        "programme without a contact; the per-scheme list was not available"
    ),
    "Belle Isle Elderly Winter Aid (BIEWA)": "no usable contact; current status not verified",
    "BAME Health and Wellbeing Hub (Reginald Terrace)": (
        "address has no postcode, no other contact; 2017 source"
    ),
    "LOOP - Leeds Online Open Platform": "data source / directory platform, not a service",
    "Forum Central": "infrastructure body, not a resident service",
    "Voluntary Action Leeds (VAL)": "infrastructure body, not a resident service",
}


def split_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(" ; ") if part.strip()]


def cite_row(row: dict[str, str], date_note: str) -> str:
    """Cite a leeds_services_sources.csv row: every URL with its date, then how the date was
    chosen."""
    urls = split_list(row["source"])
    dates = split_list(row["source_date"])
    if len(urls) != len(dates):
        raise SystemExit(f"source/date count differs for {row['org_name']!r}")
    pairs = " ; ".join(f"{u} ({d})" for u, d in zip(urls, dates, strict=True))
    return f"leeds_services_sources.csv row '{row['org_name']}': {pairs}. {date_note}"


def anchor_wards_for(
    lss_rows: dict[str, dict[str, str]], wards: dict[str, str]
) -> tuple[list[str], str]:
    row = lss_rows[LSS_ANCHOR_ROW]
    if (
        "community_anchor" not in row["categories"].split(";")
        or "LCAN" not in row["service_summary"]
    ):
        raise SystemExit("New Wortley row no longer names it as an LCAN community anchor")
    if LSS_ANCHOR_URL not in split_list(row["source"]):
        raise SystemExit("New Wortley anchor source URL not found")
    names = [part.strip() for part in row["ward_or_area"].split(";")]
    codes = []
    for name in names:
        if name not in wards:
            raise SystemExit(f"ward {name!r} not in leeds_wards.csv")
        codes.append(wards[name])
    return codes, (
        f"community anchor (LCAN member) for {', '.join(names)}: leeds_services_sources.csv "
        f"row '{LSS_ANCHOR_ROW}', {LSS_ANCHOR_URL} (undated; refers to a 2023 pilot)"
    )


def require(row: dict[str, str], column: str, text: str) -> None:
    if text not in row[column]:
        raise SystemExit(f"{row['org_name']!r}: expected {text!r} in {column}; input changed?")


def build_lss(lss_rows: dict[str, dict[str, str]]) -> tuple[list[Json], list[str]]:
    services: list[Json] = []
    log: list[str] = []

    # --- Leeds City Council: Welcome Spaces (warm_space -> energy, social; city-wide) ---------
    row = lss_rows["Leeds City Council Welcome Spaces (incl. all 37 community hubs and libraries)"]
    require(row, "source_date", "2025-01-24")
    require(row, "service_summary", "ran to 31 March 2025")
    lcc_date = "2025-01-24"
    lcc_source = cite_row(row, f"Last checked {lcc_date}: the newest dated source.")
    lcc = organization(
        org_id="lss-org:leeds-city-council",
        name="Leeds City Council",
        description="The council for Leeds. It runs the Welcome Spaces scheme each winter.",
        website="https://www.leeds.gov.uk",
        email=None,
        x_source=lcc_source + " Website: the site of the Welcome Spaces URL.",
        x_last_checked=lcc_date,
    )
    services.append(
        service(
            service_id="lss:leeds-city-council/welcome-spaces",
            name="Welcome Spaces (warm spaces) across Leeds",
            description=(
                "Warm places to go in winter, all over Leeds: a warm welcome, hot drinks, things "
                "to do and help to find other support. More than 200 places, including council "
                "community hubs and libraries. Use the council's finder to see places near you."
            ),
            url=row["website"],
            email=None,
            x_source=lcc_source
            + " Cost: the 2022 YEP source says these are places to stay warm for free.",
            x_last_checked=lcc_date,
            needs=["energy", "social"],
            org=lcc,
            phones=[],
            x_notes=(
                "Winter only: the 2024/25 season ran to 31 March 2025. "
                "Check the website for this winter's places and times."
            ),
            extent="city",
            extent_name="Leeds",
            cost_options=[
                {
                    "id": "lss:leeds-city-council/welcome-spaces#cost",
                    "option": "free",
                    "amount_description": "",
                }
            ],
        )
    )
    log.append(f"leeds_services_sources '{row['org_name']}': kept (city-wide)")

    # --- Leeds Mind (mental health; Money in Mind -> money) ----------------------------------
    row = lss_rows["Leeds Mind"]
    require(row, "source_date", "July 2024")
    require(row, "service_summary", "Financial Wellbeing (Money in Mind)")
    mind_date = "2024-07-01"
    mind_source = cite_row(
        row, f"The source gives only the month July 2024, so {mind_date} (its first day) is used."
    )
    mind = organization(
        org_id="lss-org:leeds-mind",
        name="Leeds Mind",
        description="Mental health charity in Leeds.",
        website=row["website"],
        email=None,
        x_source=mind_source,
        x_last_checked=mind_date,
    )
    mind_note = "Phone number and opening times not published here: see leedsmind.org.uk."
    services.append(
        service(
            service_id="lss:leeds-mind",
            name="Leeds Mind",
            description=(
                "Mental health charity in Leeds. At DeLacy House it runs help with work "
                "(WorkPlace Leeds), help with money (Money in Mind) and support for young people "
                "(Youth in Mind)."
            ),
            url=row["website"],
            email=None,
            x_source=mind_source,
            x_last_checked=mind_date,
            needs=["mental-health"],
            org=mind,
            phones=[],
            x_notes=mind_note,
            extent="city",
            extent_name="Leeds",
        )
    )
    services.append(
        service(
            service_id="lss:leeds-mind/money-in-mind",
            name="Leeds Mind: Money in Mind",
            description="Money in Mind is Leeds Mind's financial wellbeing service.",
            url=row["website"],
            email=None,
            x_source=mind_source,
            x_last_checked=mind_date,
            needs=["money"],
            org=mind,
            phones=[],
            x_notes=mind_note,
            extent="city",
            extent_name="Leeds",
        )
    )
    log.append(f"leeds_services_sources '{row['org_name']}': kept (2 city-wide services)")

    # --- LYPFT Leeds 24-hour mental health crisis line (crisis -> mental-health) -------------
    row = lss_rows[LYPFT_ROW]
    require(row, "phone", LYPFT_NUMBER)
    lypft_source = cite_row(row, LYPFT_DATE_NOTE) + f" Also {LYPFT_111_NOTE}."
    lypft = organization(
        org_id="lss-org:leeds-and-york-partnership-nhs-ft",
        name="Leeds and York Partnership NHS Foundation Trust",
        description="NHS trust for mental health services in Leeds.",
        website=row["website"],
        email=None,
        x_source=lypft_source,
        x_last_checked=ARTICLE_FLOOR_DATE,
    )
    services.append(
        service(
            service_id="lss:lypft-leeds-crisis-line",
            name="Leeds 24-hour mental health crisis line",
            description=(
                "NHS phone line for urgent mental health crisis support in Leeds. Open 24 hours."
            ),
            url=row["website"],
            email=None,
            x_source=lypft_source,
            x_last_checked=ARTICLE_FLOOR_DATE,
            needs=["mental-health"],
            org=lypft,
            phones=[(LYPFT_NUMBER, "24-hour crisis line")],
            x_notes=(
                "If you are in danger now, call 999. You can also call NHS 111 and choose the "
                "mental health option."
            ),
            extent="city",
            extent_name="Leeds",
            schedules=[
                {
                    "id": "lss:lypft-leeds-crisis-line#schedule-1",
                    "freq": "WEEKLY",
                    "byday": "MO,TU,WE,TH,FR,SA,SU",
                    "opens_at": "00:00",
                    "closes_at": "23:59",
                    "valid_from": None,
                    "valid_to": None,
                    "notes": "24 hours",
                }
            ],
        )
    )
    log.append(f"leeds_services_sources '{row['org_name']}': kept (city-wide)")

    # --- Help through Hardship helpline (from the Leeds North & West row) ---------------------
    row = lss_rows[LNW_ROW]
    match = HTH_NUMBER_RE.search(row["service_summary"])
    if match is None:
        raise SystemExit("Help through Hardship number not found in the LNW row")
    hth_number = format_uk_phone(match.group(1))
    article = [u for u in split_list(row["source"]) if u.startswith("https://westleeds")]
    if len(article) != 1:
        raise SystemExit("LNW article URL not found")
    hth_source = (
        f"leeds_services_sources.csv row '{LNW_ROW}' (service_summary), from {article[0]} "
        "(West Leeds Dispatch, undated in the stored copy): the helpline and its number. The "
        f"article names the helpline, launched in 2020, so {ARTICLE_FLOOR_DATE} is used as a "
        f"conservative date. Also {TRUSSELL_HTH_NOTE}."
    )
    trussell = organization(
        org_id="lss-org:trussell-trust",
        name="The Trussell Trust",
        description=(
            "Charity that supports a network of food banks. It runs the Help through Hardship "
            "helpline with Citizens Advice."
        ),
        website="https://www.trusselltrust.org",
        email=None,
        x_source=f"{TRUSSELL_HTH_NOTE}. Website: the site of that page.",
        x_last_checked="2021-06-01",
    )
    services.append(
        service(
            service_id="lss:help-through-hardship",
            name="Help through Hardship helpline",
            description=(
                "Phone helpline for anyone in England or Wales who is struggling with money. "
                "Advisers give money advice, point you to other help, and can refer you for a "
                "food bank voucher."
            ),
            url=None,
            email=None,
            x_source=hth_source,
            x_last_checked=ARTICLE_FLOOR_DATE,
            needs=["money"],
            org=trussell,
            phones=[(hth_number, "Help through Hardship helpline")],
            x_notes="Opening times not published here.",
            extent="national",
            extent_name="England and Wales",
        )
    )
    log.append(f"leeds_services_sources '{row['org_name']}': Help through Hardship kept")

    # --- Coverage: every row used or excluded with a reason -----------------------------------
    used = {
        "Leeds City Council Welcome Spaces (incl. all 37 community hubs and libraries)",
        "Leeds Mind",
        LYPFT_ROW,
    }
    for name in sorted(lss_rows):
        if name in used:
            continue
        if name in LSS_COVERED_BY_GIVEFOOD:
            log.append(
                f"leeds_services_sources '{name}': covered by Give Food "
                f"({LSS_COVERED_BY_GIVEFOOD[name]})"
            )
        elif name in LSS_EXCLUDED:
            log.append(f"leeds_services_sources '{name}': excluded ({LSS_EXCLUDED[name]})")
        else:
            raise SystemExit(f"leeds_services_sources row {name!r} has no decision")
    for name in (*LSS_EXCLUDED, *LSS_COVERED_BY_GIVEFOOD):
        if name not in lss_rows:
            raise SystemExit(f"decision for a row that is not in the input: {name!r}")
    return services, log


# --------------------------------------------------------------------------------------------
# Crisis contacts
# --------------------------------------------------------------------------------------------

CONVERSATION_FILE = "design/CONVERSATION.md"
DESIGN_DATE = "2026-11-22"
DESIGN_SOURCE = "Leeds Signpost design brief (shared/design/CONVERSATION.md, 2026-11-22)"

LYPFT_ROW = "Leeds and York Partnership NHS FT - Leeds 24hr mental health crisis line"
LYPFT_NUMBER = "0800 183 1485"
LYPFT_DATE_NOTE = (
    "The LYPFT notice is undated; it describes Covid outbreaks on wards, so it dates from 2020 "
    f"or later, and {ARTICLE_FLOOR_DATE} is used as a conservative date."
)
LYPFT_111_URL = (
    "https://www.leedsandyorkpft.nhs.uk/news/articles/more-people-in-crisis-getting-help-after-"
    "launch-of-nhs-111-mental-health-option-in-west-yorkshire/"
)
LYPFT_111_NOTE = (
    f"{LYPFT_111_URL} (LYPFT, 2024-10-10; stored public copy, not in shared/data: since May "
    "2024 callers to NHS 111 in West Yorkshire can choose a mental health option)"
)


@dataclass(frozen=True)
class Crisis:
    id: str
    name: str
    number: str
    how: str
    when: str | None
    cost: str | None
    for_: str
    published_by: str
    extra_source: str = ""
    needle: str = ""  # text that must appear in CONVERSATION.md


CRISIS: tuple[Crisis, ...] = (
    Crisis(
        id="emergency-999",
        name="Emergency services",
        number="999",
        how="call",
        when=None,
        cost=None,
        for_="Emergency: if you or someone else is in danger now",
        published_by="the UK Government at gov.uk",
        needle="999",
    ),
    Crisis(
        id="samaritans",
        name="Samaritans",
        number="116 123",
        how="call",
        when="24 hours",
        cost="free",
        for_="Talk to someone if you are struggling or thinking about suicide",
        published_by="Samaritans at samaritans.org",
        needle="Samaritans 116 123, free, 24 hours",
    ),
    Crisis(
        id="shout",
        name="Shout",
        number="85258",
        how="text SHOUT to",
        when="24 hours",
        cost="free",
        for_="Text support if you are struggling to cope",
        published_by="Shout 85258 (Mental Health Innovations) at giveusashout.org",
        extra_source=(
            "; free and 24/7: https://giveusashout.org/about-us/faq (last updated 2024-11-04)"
        ),
        needle="Shout: text SHOUT to\n85258",
    ),
    Crisis(
        id="nhs-111",
        name="NHS 111",
        number="111",
        how="call",
        when="24 hours",
        cost="free",
        for_="Urgent health help when it is not a 999 emergency. Choose the mental health option "
        "for a mental health crisis",
        published_by="NHS England at nhs.uk",
        extra_source=(
            "; free and 24 hours, with a mental health option: "
            "https://neas.nhs.uk/your-service/111 (North East Ambulance Service NHS FT, undated) "
            f"and {LYPFT_111_URL} (LYPFT, 2024-10-10)"
        ),
        needle="NHS 111",
    ),
    Crisis(
        id="national-domestic-abuse-helpline",
        name="National Domestic Abuse Helpline",
        number="0808 2000 247",
        how="call",
        when="24 hours",
        cost="free",
        for_="If someone is hurting, scaring or controlling you",
        published_by="Refuge at nationaldahelpline.org.uk",
        extra_source=(
            "; 'Freephone 24-Hour National Domestic Abuse Helpline': "
            "https://www.refuge.org.uk/category/news/ (Refuge, 2020)"
        ),
        needle="National Domestic Abuse Helpline 0808 2000 247",
    ),
)


def build_crisis(shared: Path, lss_rows: dict[str, dict[str, str]]) -> list[Json]:
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", (shared / CONVERSATION_FILE).read_text("utf-8"))
    flat = text.replace("\n", " ")
    out: list[Json] = []
    for c in CRISIS:
        if c.needle.replace("\n", " ") not in flat:
            raise SystemExit(f"crisis contact {c.id}: {c.needle!r} not found in CONVERSATION.md")
        out.append(
            {
                "id": c.id,
                "name": c.name,
                "number": c.number,
                "how": c.how,
                "when": c.when,
                "cost": c.cost,
                "for": c.for_,
                "source": f"{DESIGN_SOURCE}; published by {c.published_by}{c.extra_source}",
                "last_checked": DESIGN_DATE,
            }
        )
    row = lss_rows[LYPFT_ROW]
    require(row, "phone", LYPFT_NUMBER)
    require(row, "service_summary", "24-hour")
    out.append(
        {
            "id": "leeds-mental-health-crisis-line",
            "name": "Leeds mental health crisis line (NHS)",
            "number": LYPFT_NUMBER,
            "how": "call",
            "when": "24 hours",
            "cost": None,
            "for": "Urgent mental health crisis support in Leeds",
            "source": cite_row(row, LYPFT_DATE_NOTE),
            "last_checked": ARTICLE_FLOOR_DATE,
        }
    )
    for item in out:
        for key in ("name", "number", "how", "when", "cost", "for"):
            check_text(f"crisis {item['id']}.{key}", item[key])
    return out


# --------------------------------------------------------------------------------------------
# Checks and output
# --------------------------------------------------------------------------------------------

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_directory(services: list[Json], postcodes: dict[str, PostcodePoint]) -> None:
    ids = [s["id"] for s in services]
    if len(ids) != len(set(ids)):
        raise SystemExit("duplicate service ids")
    for s in services:
        sid = s["id"]
        for field in ("name", "description", "x_notes", "application_process"):
            check_text(f"{sid}.{field}", s[field])
        for record in (s, s["organization"]):
            if not record["x_source"] or not ISO_DATE.fullmatch(record["x_last_checked"]):
                raise SystemExit(f"{sid}: missing x_source / x_last_checked")
        check_text(f"{sid}.organization.name", s["organization"]["name"])
        check_text(f"{sid}.organization.description", s["organization"]["description"])
        for phone in s["phones"]:
            check_text(f"{sid}.phone", phone["number"] + " " + phone["description"])
        if not s["attributes"]:
            raise SystemExit(f"{sid}: no need")
        if not s["service_at_locations"] and not s["service_areas"]:
            raise SystemExit(f"{sid}: neither a location nor a service area")
        for sal in s["service_at_locations"]:
            loc = sal["location"]
            if not loc["x_source"] or not ISO_DATE.fullmatch(loc["x_last_checked"]):
                raise SystemExit(f"{sid}: location without x_source / x_last_checked")
            check_text(f"{loc['id']}.name", loc["name"])
            for addr in loc["addresses"]:
                for key in ("address_1", "city", "state_province"):
                    check_text(f"{loc['id']}.{key}", addr[key])
                point = postcodes.get(addr["postal_code"])
                if point is None or point.ward_code != loc["x_ward_code"]:
                    raise SystemExit(f"{loc['id']}: postcode/ward not in leeds_postcodes.csv")


def write_json(path: Path, data: Any) -> None:
    text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, required=True, help="the shared/ folder")
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: here)")
    parser.add_argument("--quiet", action="store_true", help="do not print the decision log")
    args = parser.parse_args(argv)
    shared: Path = args.shared.resolve()
    wards = load_wards(shared / "data/leeds_wards.csv")

    postcodes = load_postcodes(shared / "data/leeds_postcodes.csv")
    lss_list = read_csv(shared / LSS_FILE)
    lss_rows = {row["org_name"]: row for row in lss_list}
    if len(lss_rows) != len(lss_list) or len(lss_list) != 47:
        raise SystemExit("expected 47 uniquely named rows in leeds_services_sources.csv")

    givefood, log1 = build_givefood(shared, postcodes, wards, lss_rows)
    lss, log2 = build_lss(lss_rows)
    services = sorted(givefood + lss, key=lambda s: s["id"])
    check_directory(services, postcodes)
    crisis = build_crisis(shared, lss_rows)

    directory = {
        "total_items": len(services),
        "total_pages": 1,
        "page_number": 1,
        "size": len(services),
        "first_page": True,
        "last_page": True,
        "empty": not services,
        "contents": services,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    write_json(args.out / "leeds_directory.json", directory)
    write_json(args.out / "crisis_contacts.json", crisis)

    if not args.quiet:
        needs = Counter(a["taxonomy_term"]["name"] for s in services for a in s["attributes"])
        orgs = {s["organization"]["id"] for s in services}
        locations = {sal["location"]["id"] for s in services for sal in s["service_at_locations"]}
        for line in (*log1, *log2):
            print(line)
        print(
            f"\n{len(orgs)} organisations, {len(services)} services, {len(locations)} locations, "
            f"{len(crisis)} crisis contacts"
        )
        print("services per need: " + ", ".join(f"{k} {v}" for k, v in sorted(needs.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
