"""Conversation commands for ``signpost``: understand, chat, check-flows, purge, telegram."""

from __future__ import annotations


def add_extra_commands(sub) -> None:
    """Register the conversation commands (added as the engine lands)."""
