"""Which language a conversation speaks: the one place that sets it (issue 29)."""

from __future__ import annotations

from bot.engine import Context
from bot.wording.i18n import set_language


def speak(ctx: Context, code: str, by: str) -> None:
    """Speak ``code`` from now on in this conversation (``by``: chosen, detected or hint)."""
    ctx.state.language, ctx.state.language_by = code, by
    set_language(code)
