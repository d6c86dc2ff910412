"""Gather every source string into the template and merge it into each language's catalogue.

    python -m tools.extract_messages          (make messages)

1. The code: every ``N_("...")``, ``gettext("...")`` and ``ngettext("...", "...", n)`` in
   ``bot/``, ``handlers/`` and ``webhooks/`` (Babel's extractor), with ``# TRANSLATORS:``
   comments for the translator.
2. The registries: each need's menu label and words, each kind's words, each community's label
   (``directory/needs.py``, ``directory/communities.py``), and the crisis lines' ``how`` and
   ``when`` (``directory/data/crisis_contacts.json``).

It writes ``bot/wording/locale/messages.pot`` and updates every ``<code>/LC_MESSAGES/
messages.po``: a new string comes in untranslated, a changed one keeps its old translation
marked ``fuzzy`` (a draft again) only if Babel finds it close, and a removed one is dropped.
``tests/bot/test_catalogues.py`` fails when the template is out of date with the code.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from bot.languages import TRANSLATED
from bot.wording.catalogues import DOMAIN, TEMPLATE, po_path
from bot.wording.crisis import CONTACTS_FILE
from directory.communities import COMMUNITIES
from directory.needs import KINDS, NEEDS

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "webhooks")
KEYWORDS = {"N_": None, "gettext": None, "ngettext": (1, 2)}
PROJECT = "Leeds Signpost"
#: The template's date stays put, so running this twice changes nothing.
CREATED = dt.datetime(2026, 12, 6, tzinfo=dt.UTC)


def _new_catalog(locale: str | None = None) -> Catalog:
    return Catalog(locale=locale, domain=DOMAIN, project=PROJECT, version="1",
                   copyright_holder="Leeds Signpost contributors",
                   msgid_bugs_address="https://github.com/leeds-signpost/issues",
                   creation_date=CREATED, revision_date=CREATED, fuzzy=False)


def _registry_strings() -> list[tuple[str, str, str]]:
    """(source, where it comes from, what it is for the translator)."""
    found = []
    for need in NEEDS:
        found.append((need.label, "directory/needs.py", f"Menu label of the need '{need.slug}'"))
        found.append((need.words, "directory/needs.py",
                      f"The need '{need.slug}' in a sentence: We don't know of ... near LS9"))
    for kind in KINDS:
        found.append((kind.words, "directory/needs.py",
                      f"A kind of help in a sentence: We don't list ... near LS9 ({kind.slug})"))
    for community in COMMUNITIES:
        found.append((community.label, "directory/communities.py",
                      "Who a place is for, after its name: (for ...)"))
    for contact in json.loads(CONTACTS_FILE.read_text(encoding="utf-8")):
        for field in ("how", "when"):
            if contact.get(field):
                found.append((contact[field], "directory/data/crisis_contacts.json",
                              f"Crisis line: '{field}' as in 'Samaritans: call 116 123, free, "
                              "24 hours' (keep SHOUT as it is)"))
    return found


def extract() -> Catalog:
    """The template as the code and registries have it now."""
    catalog = _new_catalog()
    for package in PACKAGES:
        for filename, lineno, message, comments, context in extract_from_dir(
                ROOT / package, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
                strip_comment_tags=True):
            catalog.add(message, None, [(f"{package}/{filename}", lineno)],
                        auto_comments=comments, context=context)
    for source, where, note in _registry_strings():
        existing = catalog.get(source)
        if existing is None:
            catalog.add(source, None, [(where, 0)], auto_comments=[note])
        elif (where, 0) not in existing.locations:
            existing.locations.append((where, 0))
    return catalog


def render(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False, sort_by_file=False,
             omit_header=False, ignore_obsolete=True)
    return buffer.getvalue()


def update(code: str, template: Catalog) -> bytes:
    """One language's catalogue merged with the template (drafts stay drafts)."""
    path = po_path(code)
    if path.is_file():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=code, domain=DOMAIN)
    else:
        catalog = _new_catalog(code)
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False,
                   update_creation_date=False)
    catalog.revision_date = CREATED
    catalog.fuzzy = False
    catalog.last_translator = "Drafts, no fluent reviewer yet"
    catalog.language_team = "Leeds Signpost reviewers"
    return render(catalog)


def main() -> int:
    template = extract()
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE.write_bytes(render(template))
    print(f"{TEMPLATE.relative_to(ROOT)}: {len(template)} strings")
    for code in TRANSLATED:
        path = po_path(code)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(update(code, template))
        print(f"{path.relative_to(ROOT)}: updated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
