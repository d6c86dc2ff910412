"""The sandbox's focus rings and input borders stand out: at least 3:1 against every background
they are drawn on, in the light and the dark theme (WCAG 2.2, 1.4.11 Non-text Contrast).

The colours are read from the stylesheets themselves, so changing one there is checked here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "webhooks" / "static"
CSS = (STATIC / "sandbox.css").read_text(encoding="utf-8")
REPLIES_CSS = (STATIC / "sandbox_replies.css").read_text(encoding="utf-8")

#: Where a focus ring or an input can be drawn: the page, panels, and the two reply views.
BACKGROUNDS = ("--bg", "--surface", "--sms-bg", "--telegram-bg")
MINIMUM = 3.0


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb (or #rgb) colour."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    assert re.fullmatch(r"[0-9a-fA-F]{6}", digits), colour

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(digits[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(a: str, b: str) -> float:
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def variables(block: str) -> dict[str, str]:
    return dict(re.findall(r"(--[\w-]+)\s*:\s*(#[0-9a-fA-F]{3,6})\s*;", block))


def root_block(text: str) -> str:
    match = re.search(r":root\s*\{([^}]*)\}", text)
    assert match, "no :root block"
    return match.group(1)


def themes() -> dict[str, dict[str, str]]:
    """The light theme (the first :root), and the dark one (light, overridden by the :root in
    the prefers-color-scheme: dark block)."""
    light = variables(root_block(CSS))
    dark_media = re.search(r"@media\s*\(prefers-color-scheme:\s*dark\)\s*\{(.*?\})\s*\}",
                           CSS, re.S)
    assert dark_media, "no dark theme block"
    return {"light": light, "dark": {**light, **variables(root_block(dark_media.group(1)))}}


def test_the_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#fff", "#fff") == pytest.approx(1.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    # The old colours, which failed: a pale yellow ring and a pale grey border on white.
    assert contrast("#ffbf47", "#ffffff") < MINIMUM
    assert contrast("#c9ced8", "#ffffff") < MINIMUM


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("colour", ["--focus", "--input-border"])
def test_focus_rings_and_input_borders_reach_3_to_1(theme, colour):
    palette = themes()[theme]
    for background in BACKGROUNDS:
        ratio = contrast(palette[colour], palette[background])
        assert ratio >= MINIMUM, (f"{theme}: {colour} {palette[colour]} on {background} "
                                  f"{palette[background]} is only {ratio:.2f}:1")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_focused_input_and_the_switch_keep_3_to_1(theme):
    """A focused input's border and the switch's outline are the accent colour."""
    palette = themes()[theme]
    for background in BACKGROUNDS:
        assert contrast(palette["--accent"], palette[background]) >= MINIMUM, background


def test_the_rules_use_those_colours():
    """Every focus ring is --focus, and text boxes are bordered with --input-border."""
    outlines = re.findall(r"outline\s*:\s*([^;]+);", CSS + REPLIES_CSS)
    assert outlines
    for outline in outlines:
        assert outline.strip() == "3px solid var(--focus)", outline
    assert re.search(r":focus-visible\s*\{[^}]*outline:\s*3px solid var\(--focus\)", CSS)
    assert re.search(r"input:focus-visible \+ label\s*\{[^}]*var\(--focus\)", REPLIES_CSS)
    inputs = re.search(r'input\[type="text"\][^{]*\{([^}]*)\}', CSS)
    assert inputs and "border: 2px solid var(--input-border)" in inputs.group(1)
    assert re.search(r"input:focus-visible\s*\{[^}]*border-color:\s*var\(--accent\)", CSS)
