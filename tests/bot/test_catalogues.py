"""The translation catalogues: up to date with the code, every string translated, the same
placeholders, keywords and numbers as the English, the right plural forms, and English whenever
a string or a catalogue is missing (issue 29)."""

from __future__ import annotations

import re

import pytest
from babel.messages.plurals import get_plural

from bot.languages import ENGLISH, LANGUAGES_BY_CODE, TRANSLATED, parse_language
from bot.wording import copy
from bot.wording.catalogues import (
    PLACEHOLDER,
    TEMPLATE,
    all_status,
    catalog,
    drafts_in,
    read_catalog,
    translations,
)
from bot.wording.i18n import (
    _formatted,
    current_language,
    gettext,
    ngettext,
    set_language,
    speaking,
)
from tools.extract_messages import extract

#: Words a resident types back: they stay in English in every language (the resident's own
#: words for STOP and HELP work too, from the understanding's word lists).
KEYWORDS = ("NEW", "MORE", "STOP", "HELP", "FORGET", "CHECK", "BACK", "START", "YES", "NO",
            "CALL", "WRONG", "LANG", "SHOUT")
#: What must never be translated: the service's name, numbers, postcodes, web addresses.
KEPT = re.compile(r"Leeds Signpost|\b\d[\d ]*\d\b|\b\d\b|LS\d+(?: \d[A-Z]{2})?|[a-z]+\.org\.uk")


def _messages(code: str):
    found = catalog(code)
    assert found is not None, f"no catalogue for {code}"
    return [m for m in found if m.id]


def _sources(message) -> tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, list | tuple) else (message.id,)


def _forms(message) -> tuple[str, ...]:
    return tuple(message.string) if isinstance(message.string, list | tuple) \
        else (message.string,)


def test_the_template_has_every_string_the_code_and_registries_say():
    """``make messages`` has been run: the template is what the code marks today."""
    committed = [(_sources(m), tuple(m.auto_comments)) for m in read_catalog(TEMPLATE) if m.id]
    extracted = [(_sources(m), tuple(m.auto_comments)) for m in extract() if m.id]
    assert committed == extracted


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_template_string_is_in_the_catalogue_and_translated(code):
    template = [_sources(m)[0] for m in read_catalog(TEMPLATE) if m.id]
    ours = {_sources(m)[0]: m for m in _messages(code)}
    assert [s for s in template if s not in ours] == []
    assert [s for s in template if not all(_forms(ours[s]))] == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_every_placeholder_and_add_none(code):
    problems = []
    for message in _messages(code):
        sources = _sources(message)
        wanted = set(PLACEHOLDER.findall(sources[0]))
        allowed = set().union(*(PLACEHOLDER.findall(s) for s in sources))
        for form in _forms(message):
            found = set(PLACEHOLDER.findall(form))
            # A plural form may leave {n} out ("one day"), never anything else.
            if not (wanted - {"{n}"} <= found <= allowed):
                problems.append((sources[0], form))
    assert problems == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_plural_forms_are_the_languages_own(code):
    rule = get_plural(code)
    found = catalog(code)
    assert found.num_plurals == rule.num_plurals
    assert found.plural_expr.replace(" ", "") == rule.plural_expr.replace(" ", "")
    plurals = [m for m in _messages(code) if m.pluralizable]
    assert plurals, "the catalogue has plural strings (working days)"
    assert {len(_forms(m)) for m in plurals} == {rule.num_plurals}


@pytest.mark.parametrize("code", TRANSLATED)
def test_keywords_names_and_numbers_stay_as_they_are(code):
    problems = []
    for message in _messages(code):
        source = _sources(message)[0]
        needed = [w for w in KEYWORDS if re.search(rf"\b{w}\b", source)]
        # "24 hours" may be said the language's own way ("całą dobę"): its number is not kept.
        needed += KEPT.findall(PLACEHOLDER.sub("", source).replace("24 hours", ""))
        for form in _forms(message):
            missing = [w for w in needed if w not in form]
            if missing:
                problems.append((source, missing))
    assert problems == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_status_counts_drafts_as_translated_and_apart(code):
    [status] = [s for s in all_status() if s.code == code]
    assert status.strings == len([m for m in read_catalog(TEMPLATE) if m.id])
    assert status.translated == status.drafts + status.reviewed
    assert status.translated == status.strings and status.missing == ()


def test_a_sentence_follows_the_turns_language_and_english_is_the_default():
    assert current_language() == ENGLISH
    english = copy.HELLO
    with speaking("pl"):
        polish = copy.HELLO
        assert current_language() == "pl"
        with speaking("ar"):
            assert copy.HELLO not in (english, polish)
        assert polish == copy.HELLO
    assert copy.HELLO == english == "Hi, this is Leeds Signpost. Free, private, no names needed."
    assert polish != english and "Leeds Signpost" in polish


def test_a_missing_string_or_catalogue_is_said_in_english():
    with speaking("pl"):
        assert gettext("A sentence no catalogue has, {x}.", x=1) == \
            "A sentence no catalogue has, 1."
        assert ngettext("{n} thing no one has", "{n} things no one has", 3) == \
            "3 things no one has"
    with speaking("tig"):  # a language we have no catalogue for (Tigrinya, not yet)
        assert current_language() == ENGLISH
        assert copy.HELLO.startswith("Hi, this is Leeds Signpost")
    assert translations("xx").gettext("Free") == "Free"


def test_a_translation_with_the_wrong_placeholders_falls_back_to_english():
    """A reviewer's slip ({miejsce} for {place}) costs the sentence its translation, not the
    reply: it is said in English."""
    assert _formatted("Leeds Signpost: blisko {miejsce}", "Leeds Signpost: near {place}",
                      {"place": "LS9"}) == "Leeds Signpost: near LS9"
    assert _formatted("Leeds Signpost: blisko {place}", "Leeds Signpost: near {place}",
                      {"place": "LS9"}) == "Leeds Signpost: blisko LS9"


def test_plurals_pick_the_languages_form():
    with speaking("pl"):
        one, few, many = (copy.person_sent("Example Centre", days, True) for days in (1, 2, 5))
    assert len({one, few, many}) == 3  # Polish: dzień, dni... three forms
    with speaking("ar"):
        forms = {copy.person_sent("Example Centre", days, True) for days in (1, 2, 3, 11, 100)}
    assert len(forms) == 5


def test_set_language_is_undone_at_the_end_of_the_turn():
    with speaking(None):
        set_language("fa")
        assert current_language() == "fa"
    assert current_language() == ENGLISH


@pytest.mark.parametrize("code", TRANSLATED)
def test_drafts_are_found_in_a_reply_that_uses_them(code):
    with speaking(code):
        text = copy.near("LS9 8RU")
    drafts = drafts_in(text, code)
    assert [d.source for d in drafts] == ["Leeds Signpost: near {place}"]
    assert drafts_in("Leeds Signpost: near LS9 8RU", code) == []  # English is never a draft
    assert drafts_in(text, ENGLISH) == []


@pytest.mark.parametrize(("tag", "code"), [
    ("pl-PL", "pl"), ("PL", "pl"), ("fa_IR", "fa"), ("ckb", "ckb"), ("ku-Arab", "ckb"),
    ("ar-SA", "ar"), ("en-GB", "en"), ("ku", None), ("ti", None), ("", None), ("pl;DROP", None),
    (None, None)])
def test_language_tags_are_read_as_our_codes(tag, code):
    assert parse_language(tag) == code


def test_every_language_has_its_own_name_and_direction():
    assert [c for c, lang in LANGUAGES_BY_CODE.items() if lang.rtl] == ["ur", "ar", "ckb", "fa"]
    assert all(not lang.gsm7_without_diacritics_readable for lang in LANGUAGES_BY_CODE.values())
