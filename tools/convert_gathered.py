#!/usr/bin/env python3
"""Turn the gathered Leeds records (tools/sources/gathered/*.csv) into records files.

Offline, run once from the repository root; its output (directory/data/records/gathered_*.csv)
is committed and is then the source of truth:

    .venv/bin/python tools/convert_gathered.py [tools/sources/gathered]

Mechanical and deterministic: every value comes from the row. A row that cannot be placed
honestly (a local place with no postcode, in an area the bot does not know) is left out and
listed with its reason (directory/data/README.md repeats the list).
"""

from __future__ import annotations

import csv
import re
import sys
import tempfile
from pathlib import Path

from core.db import make_engine, session_scope
from directory.formats.spreadsheet_cells import parse_opening_times
from directory.formats.values import slugify
from directory.geo_loader import load_geography
from directory.models import Base, Postcode, Ward
from directory.places import known_area
from directory.postcodes import normalise_postcode

#: The gathered records as received (with their README: columns, sources and caveats).
GATHERED = Path(__file__).resolve().parent / "sources" / "gathered"
FILES = ("food_hubs_anchors", "wellbeing_social_family", "housing_money_energy_work")
OUT = Path(__file__).resolve().parent.parent / "directory" / "data" / "records"
COLUMNS = ("service_id", "organisation", "service", "description", "needs", "address",
           "postcode", "area_name", "phone", "website", "cost", "referral_required",
           "referral_how", "opening_times", "area", "for_whom", "languages", "status", "source",
           "last_checked", "notes", "anchor_wards", "keeper_notes")
#: Rows already in another records file: (organisation, service) -> the record that has it.
ALREADY = {
    ("Help through Hardship (Trussell / Citizens Advice)", "Help through Hardship helpline"):
        "leeds_services.csv lss:help-through-hardship",
    ("Trussell Trust with Citizens Advice", "Help through Hardship helpline"):
        "leeds_services.csv lss:help-through-hardship",
}
#: Who a service is for (the row's for_whom text) -> community slugs (directory/communities.py).
COMMUNITY_WORDS = (
    (r"older|aged 60\+|over[- ]5\d|\b60\+|55-70", "older-people"),
    (r"young people|aged 11-18|under 21|under 25|under 35|teen|youth", "young-people"),
    (r"child|under 5|pre-school|babies|school age", "children"),
    (r"famil|parent|pregnan", "families"),
    (r"\bwomen\b|\bgirls\b", "women"),
    (r"\bmen\b", "men"),
    (r"refugee|asylum|migrant", "refugees-and-asylum-seekers"),
    (r"lgbt", "lgbt"),
    (r"disab|\bSEND\b", "disabled-people"),
    (r"black|asian|minority ethnic|\bBAME\b", "black-asian-minority-ethnic"),
    (r"homeless|rough sleep|no fixed abode|hostel", "people-without-a-home"),
    (r"\bcarers?\b", "carers"),
    (r"student", "students"),
)
#: Days a row states outside its opening_hours column: (organisation, service) -> (the words
#: in the row's summary or notes, opening_times from them). Checked against the row, so a
#: changed row stops the converter instead of keeping a stale reading.
HOURS_IN_TEXT = {
    ("Holbeck Together", "Social Supermarket"):
        ("open two days a week (Mondays and Thursdays)",
         "Mon, Thu (times differ between sources: check)"),
}
LEEDS_FAN = "Leeds Food Aid Network"
#: The Leeds FAN provision list and its city-centre map (both April 2024), as archived in
#: Street Support's repository; the rows' own notes call them "Leeds FAN list" and "FAN map".
LEEDS_FAN_FILES = ("/src/pages/leeds/homeless-and-food-aid.pdf", "/src/pages/leeds/leeds-map.pdf")


def newest_date(dates: str) -> str:
    """The newest dated source (YYYY-MM-DD; YYYY-MM as its first day; YYYY as 1 January), or
    ``unknown``. ``undated``, ``c. 2019`` and ``undated (2019)`` are not dates."""
    found = []
    for raw in dates.split(" ; "):
        raw = raw.strip()
        match = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?\b", raw)
        if match:
            year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
            found.append(f"{year}-{month}-{day}")
    return max(found) if found else "unknown"


def source_text(row: dict[str, str]) -> str:
    urls, dates = row["source_urls"].split(" ; "), row["source_dates"].split(" ; ")
    parts = [f"{u.strip()} ({d.strip()})" for u, d in zip(urls, dates, strict=False)]
    text = "; ".join(parts)
    if (LEEDS_FAN in text or "leedsfoodaid" in text.lower()
            or any(u.strip().endswith(LEEDS_FAN_FILES) for u in urls)):
        text += "; facts from the Leeds Food Aid Network provision list (April 2024): to be " \
                "confirmed with Leeds FAN"
    return text


def communities(text: str) -> str:
    return "; ".join(slug for pattern, slug in COMMUNITY_WORDS if re.search(pattern, text, re.I))


def area_candidates(text: str) -> list[str]:
    bare = re.sub(r"\s*\(.*?\)", "", text).strip()
    out = [text, bare, re.sub(r"\s+ward$", "", bare)]
    out += re.findall(r"\(([^()]*)\)", text)
    out += [p.strip() for p in re.split(r"[/;,()]|\band\b|\bincl\.", text) if p.strip()]
    return [re.sub(r"\s+ward$", "", c.strip()) for c in out if c.strip()]


def opening(text: str) -> tuple[str, str]:
    """(opening_times the reader understands, the rest as words for residents)."""
    good, rest = [], []
    depth, part, parts = 0, "", []
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == ";" and depth <= 0:
            parts.append(part)
            part = ""
        else:
            part += char
    for piece in (p.strip() for p in [*parts, part] if p.strip()):
        sessions, problems = parse_opening_times(piece)
        (rest if problems or not sessions else good).append(piece)
    return "; ".join(good), "; ".join(rest)


class Converter:
    def __init__(self, session) -> None:
        self.session = session
        self.wards = {name: code for code, name in session.query(Ward.code, Ward.name)}
        self.ids: set[str] = set()
        self.excluded: list[tuple[str, str, str]] = []

    def leeds_postcode(self, raw: str) -> str:
        code = normalise_postcode(raw) if raw else None
        return code if code and self.session.get(Postcode, code) is not None else ""

    def anchor_wards(self, row: dict[str, str], ward: str) -> str:
        text = " ".join((row["notes"], row["service_name"], row["summary"]))
        if not re.search(r"community anchor|LCAN|Community Care Hub|food hub for", text, re.I):
            return ""
        names = [n for n in sorted(self.wards) if re.search(rf"\b{re.escape(n)}\b", text)]
        if ward and ward not in names:
            names.insert(0, ward)
        return "; ".join(names)

    def convert(self, name: str, row: dict[str, str]) -> dict[str, str] | None:
        label = f"{row['org_name']} / {row['service_name']}"
        reason = ALREADY.get((row["org_name"], row["service_name"]))
        if reason:
            self.excluded.append((name, label, f"already in {reason}"))
            return None
        out = {c: "" for c in COLUMNS}
        out.update(organisation=row["org_name"], service=row["service_name"],
                   description=row["summary"], needs="; ".join(row["needs"].split("|")),
                   phone=row["phone"], website=row["website"], cost=row["cost"],
                   languages="; ".join(re.split(r"\s*[,;]\s*", row["languages"].strip()))
                   if row["languages"].strip() else "",
                   source=source_text(row), last_checked=newest_date(row["source_dates"]),
                   for_whom=communities(row["for_whom"]), keeper_notes=row["notes"])
        if row["referral"].startswith("none"):
            out["referral_required"] = "no"
        elif row["referral"].startswith("needed"):
            out["referral_required"] = "yes"
            out["referral_how"] = row["referral"].partition(":")[2].strip()
        out["opening_times"], rest = opening(row["opening_hours"])
        stated = HOURS_IN_TEXT.get((row["org_name"], row["service_name"]))
        if stated and not row["opening_hours"].strip():
            if stated[0] not in row["summary"] + row["notes"]:
                raise SystemExit(f"{label}: the row no longer says '{stated[0]}'")
            out["opening_times"] = stated[1]
        notes = [f"Times: {rest}." if rest else ""]
        if re.search(r"winter", row["notes"] + row["service_name"], re.I):
            notes.append("May run in winter only.")
        out["notes"] = " ".join(n for n in notes if n)
        ward = ""
        if row["area_kind"] in ("city", "national"):
            out["area"] = row["area_kind"]
        else:
            postcode = self.leeds_postcode(row["postcode"])
            area = next((a for a in (known_area(self.session, c)
                                     for c in area_candidates(row["ward_or_area"])) if a), None)
            if postcode:
                out["address"], out["postcode"] = row["address"], postcode
            elif area is not None:
                out["address"], out["area_name"] = row["address"], area.label
            else:
                self.excluded.append((name, label, "local, with no Leeds postcode and an area "
                                      f"('{row['ward_or_area']}') the bot does not know"))
                return None
            if area is not None:
                ward = next((n for n, c in self.wards.items() if c == area.ward_code), "")
        out["anchor_wards"] = self.anchor_wards(row, ward)
        base = slugify(f"{row['org_name']} {row['service_name']}")[:80].strip("-")
        service_id, n = f"gathered:{base}", 2
        while service_id in self.ids:
            service_id, n = f"gathered:{base}-{n}", n + 1
        self.ids.add(service_id)
        out["service_id"] = service_id
        return out


def main(folder: str) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'geo.db'}")
        Base.metadata.create_all(engine)
        with session_scope(engine) as session:
            load_geography(session)
            session.flush()
            converter = Converter(session)
            for name in FILES:
                with open(Path(folder) / f"{name}.csv", encoding="utf-8") as handle:
                    rows = [converter.convert(name, r) for r in csv.DictReader(handle)]
                kept = [r for r in rows if r is not None]
                with open(OUT / f"gathered_{name}.csv", "w", newline="",
                          encoding="utf-8") as handle:
                    writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
                    writer.writeheader()
                    writer.writerows(kept)
                print(f"{name}: {len(kept)} of {len(rows)} rows kept")
            for name, label, reason in converter.excluded:
                print(f"left out ({name}): {label}: {reason}")
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(GATHERED)))
