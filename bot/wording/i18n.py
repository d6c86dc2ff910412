"""The turn's language and gettext: every sentence is looked up when it is said, never at import.

    with speaking("pl"):            # the conversation sets it for one turn (handlers/language.py)
        copy.HELLO                  # "Cześć, tu Leeds Signpost. ..." (a fixed sentence)
        copy.near("LS9")            # a template: gettext, then the values
        gettext("Open now")         # any source string, marked for extraction

English is the source; a string missing from a catalogue, or a translation whose placeholders do
not match its source, is said in English, never a crash. The catalogues are read from the PO
files once a process (:mod:`bot.wording.catalogues`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from bot.languages import ENGLISH, LANGUAGES_BY_CODE
from bot.wording.catalogues import translations

log = logging.getLogger(__name__)

_LANGUAGE: ContextVar[str] = ContextVar("signpost_language", default=ENGLISH)


def current_language() -> str:
    """The language the words are being said in now (BCP 47); English outside a turn."""
    return _LANGUAGE.get()


def set_language(code: str | None) -> None:
    """Say everything from here to the end of the turn (``speaking``) in ``code``."""
    _LANGUAGE.set(code if code in LANGUAGES_BY_CODE else ENGLISH)


@contextmanager
def speaking(code: str | None) -> Iterator[str]:
    """Say everything inside in ``code`` (English for None or a code we do not have)."""
    token = _LANGUAGE.set(code if code in LANGUAGES_BY_CODE else ENGLISH)
    try:
        yield _LANGUAGE.get()
    finally:
        _LANGUAGE.reset(token)


def N_(source: str) -> str:  # noqa: N802 (gettext's own name for "mark, translate later")
    """Mark ``source`` for the catalogue without translating it (it is translated when read)."""
    return source


def _formatted(translated: str, source: str, values: dict[str, object]) -> str:
    if not values:
        return translated
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):
        log.warning("A translation's placeholders do not match its source; saying it in English")
        return source.format(**values)


def gettext(source: str, **values: object) -> str:
    """``source`` in the turn's language, with ``{name}`` placeholders filled from ``values``."""
    code = _LANGUAGE.get()
    translated = source if code == ENGLISH else translations(code).gettext(source)
    return _formatted(translated, source, values)


def ngettext(singular: str, plural: str, n: int, **values: object) -> str:
    """The form for ``n`` in the turn's language (``{n}`` and ``values`` filled in)."""
    code = _LANGUAGE.get()
    english = singular if n == 1 else plural
    translated = english if code == ENGLISH else translations(code).ngettext(singular, plural, n)
    return _formatted(translated, english, {"n": n, **values})


class Sentences:
    """Fixed sentences by name: ``SAY.HELLO`` is HELLO's source in the turn's language, looked
    up each time it is read (so a module's constants follow the conversation's language)."""

    def __init__(self, **sources: str) -> None:
        self._sources = sources

    def __getattr__(self, name: str) -> str:
        try:
            source = self.__dict__["_sources"][name]
        except KeyError:
            raise AttributeError(name) from None
        return gettext(source)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._sources)

    def source(self, name: str) -> str:
        """The English source of one sentence."""
        return self._sources[name]


def module_words(fixed: list[Sentences], made: dict[str, Callable[[], object]],
                 module: str) -> Callable[[str], object]:
    """A module ``__getattr__`` for the sentences in ``fixed`` and the values ``made`` (worded
    afresh at each read), so ``copy.HELLO`` keeps working as a constant would."""

    def __getattr__(name: str) -> object:
        for sentences in fixed:
            if name in sentences.names:
                return getattr(sentences, name)
        if name in made:
            return made[name]()
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__
