"""The README fits on a few screens, and every relative link in it and in docs/ leads somewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README_MAX_LINES = 250

#: Files that work in progress is adding while a page already links them (paths from the
#: repository's root). A link to one may point nowhere until it lands; delete the entry then.
PENDING: set[str] = set()

_FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
_CODE = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.M)


def pages() -> list[Path]:
    """The README and every page under docs/."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def links(text: str) -> list[str]:
    """The targets of the markdown links in ``text``, leaving out code blocks and inline code."""
    return _LINK.findall(_CODE.sub("", _FENCE.sub("", text)))


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(text: str) -> set[str]:
    """Every heading anchor of a markdown page, with GitHub's -1, -2 for repeated headings."""
    found: set[str] = set()
    counts: dict[str, int] = {}
    for heading in _HEADING.findall(_FENCE.sub("", text)):
        base = slug(heading)
        n = counts.get(base, 0)
        counts[base] = n + 1
        found.add(base if n == 0 else f"{base}-{n}")
    return found


def broken_links(page: Path, root: Path = ROOT, pending: frozenset[str] = frozenset()) -> list[str]:
    """The relative links on ``page`` whose file, or heading within a markdown file, is missing."""
    text = page.read_text(encoding="utf-8")
    problems = []
    for target in links(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):  # http:, https:, mailto:
            continue
        path_part, _, fragment = target.partition("#")
        resolved = (page.parent / path_part).resolve() if path_part else page
        if not resolved.exists():
            inside = resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) \
                else str(resolved)
            if inside not in pending:
                problems.append(f"{page.name}: {target} (no such file)")
            continue
        if fragment and resolved.suffix == ".md" \
                and fragment not in anchors(resolved.read_text(encoding="utf-8")):
            problems.append(f"{page.name}: {target} (no such heading)")
    return problems


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_leads_somewhere(page):
    assert broken_links(page, pending=frozenset(PENDING)) == []


def test_the_readme_fits_on_a_few_screens():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").count("\n")
    assert lines <= README_MAX_LINES


def test_every_docs_page_is_in_the_further_reading():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "\n## Further reading\n" in readme
    further = readme.split("\n## Further reading\n", 1)[1]
    linked = {target.partition("#")[0] for target in links(further)}
    assert {f"docs/{p.name}" for p in (ROOT / "docs").glob("*.md")} <= linked


def test_a_broken_link_and_a_missing_heading_are_found(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "other.md").write_text("# Other\n\n## The open API (`/oruk`)\n",
                                                encoding="utf-8")
    page = tmp_path / "README.md"
    page.write_text(
        "# Example Page\n\n"
        "[fine](docs/other.md#the-open-api-oruk) [here](#example-page) "
        "[web](https://example.org/missing)\n"
        "[gone](docs/gone.md) [no heading](docs/other.md#nowhere) [pending](handlers/new.py)\n"
        "`[in code](docs/also-gone.md)`\n\n```\n[in a block](docs/also-gone.md)\n```\n",
        encoding="utf-8")
    assert broken_links(page, root=tmp_path, pending=frozenset({"handlers/new.py"})) == [
        "README.md: docs/gone.md (no such file)",
        "README.md: docs/other.md#nowhere (no such heading)",
    ]
