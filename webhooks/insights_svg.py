"""The insights pictures as server-drawn SVG: a ward map, bars by need and a weekly line.

Plain string building, every text escaped; colours come from classes in ``insights.css`` (the
CSP allows no inline styles). A suppressed count draws nothing and reads "<5". Each picture
has a title and is followed on the page by a table with the same numbers.
"""

from __future__ import annotations

import math
from html import escape

from markupsafe import Markup

from directory.ward_shapes import ward_shapes

SHADES = 4


def _n(value: int | None) -> str:
    return "<5" if value is None else str(value)


def _svg(kind: str, width: int, height: int, title: str, body: list[str]) -> Markup:
    ident = f"{kind}-title"
    return Markup(
        f'<svg class="chart {kind}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{ident}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}">{escape(title)}</title>{"".join(body)}</svg>')


def shade(value: int | None, largest: int) -> int:
    """0 for a suppressed count, else 1..SHADES by its share of the largest shown."""
    if value is None or largest <= 0:
        return 0
    return max(1, math.ceil(SHADES * value / largest))


def ward_map(report: dict, width: int = 600) -> Markup:
    """Leeds's wards shaded by asks where nothing local was found."""
    unmet = {row["ward_code"]: row["not_found"] for row in report["by_ward"]}
    largest = max([v for v in unmet.values() if v is not None], default=0)
    shapes = ward_shapes()
    points = [p for shape in shapes for ring in shape.rings for p in ring]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    squash = math.cos(math.radians((north + south) / 2))  # a degree east is shorter
    scale = (width - 20) / ((east - west) * squash)
    height = round((north - south) * scale) + 20

    def xy(lon: float, lat: float) -> str:
        return f"{(lon - west) * squash * scale + 10:.1f},{(north - lat) * scale + 10:.1f}"

    body = []
    for shape in shapes:
        value = unmet.get(shape.code)
        path = "".join("M" + "L".join(xy(*p) for p in ring) + "Z" for ring in shape.rings)
        body.append(f'<path class="ward shade-{shade(value, largest)}" d="{path}">'
                    f'<title>{escape(shape.name)}: {_n(value)} asks with nothing local found'
                    '</title></path>')
    return _svg("ward-map", width, height,
                "Map of Leeds wards, darker where more asks found nothing local", body)


def need_bars(report: dict, width: int = 600) -> Markup:
    """A bar a need: all asks, with the part where nothing local was found darker."""
    rows = report["by_need"]
    label_width, row_height = 170, 26
    largest = max([r["asks"] for r in rows if r["asks"] is not None], default=0)
    room = width - label_width - 50
    body = []
    for index, row in enumerate(rows):
        y = index * row_height + 4
        body.append(f'<text class="label" x="{label_width - 6}" y="{y + 15}" '
                    f'text-anchor="end">{escape(row["label"])}</text>')
        end = label_width
        if row["asks"] is not None and largest:
            length = room * row["asks"] / largest
            body.append(f'<rect class="bar asks" x="{label_width}" y="{y}" '
                        f'width="{length:.1f}" height="{row_height - 8}"/>')
            end += length
            if row["not_found"] is not None:
                body.append(f'<rect class="bar unmet" x="{label_width}" y="{y}" '
                            f'width="{room * row["not_found"] / largest:.1f}" '
                            f'height="{row_height - 8}"/>')
        body.append(f'<text class="value" x="{end + 5:.1f}" y="{y + 15}">'
                    f'{_n(row["asks"])}</text>')
    return _svg("need-bars", width, len(rows) * row_height + 8,
                "Asks by need: the darker part found nothing local", body)


def weekly_line(report: dict, width: int = 600, height: int = 220) -> Markup:
    """Asks a week, and asks that found nothing local; a suppressed week breaks the line."""
    weeks = report["by_week"]
    left, bottom, top = 40, height - 30, 12
    values = [w[m] for w in weeks for m in ("asks", "not_found") if w[m] is not None]
    largest = max(values, default=0) or 1
    step = (width - left - 20) / max(len(weeks) - 1, 1)

    def point(index: int, value: int) -> str:
        return f"{left + index * step:.1f},{bottom - (bottom - top) * value / largest:.1f}"

    body = [f'<line class="axis" x1="{left}" y1="{bottom}" x2="{width - 10}" y2="{bottom}"/>',
            f'<text class="label" x="{left - 4}" y="{top + 4}" text-anchor="end">'
            f'{largest}</text>',
            f'<text class="label" x="{left - 4}" y="{bottom}" text-anchor="end">0</text>']
    if weeks:
        body.append(f'<text class="label" x="{left}" y="{height - 8}">'
                    f'{escape(weeks[0]["week"])}</text>')
        body.append(f'<text class="label" x="{width - 10}" y="{height - 8}" '
                    f'text-anchor="end">{escape(weeks[-1]["week"])}</text>')
    for measure in ("asks", "not_found"):
        run: list[str] = []
        for index, week in enumerate([*weeks, {measure: None}]):
            if week[measure] is not None:
                run.append(point(index, week[measure]))
                continue
            if len(run) == 1:
                body.append(f'<circle class="dot {measure}" cx="{run[0].split(",")[0]}" '
                            f'cy="{run[0].split(",")[1]}" r="3"/>')
            elif run:
                body.append(f'<polyline class="line {measure}" points="{" ".join(run)}"/>')
            run = []
    return _svg("weekly-line", width, height,
                "Asks each week (upper line) and asks that found nothing local (lower line)",
                body)
