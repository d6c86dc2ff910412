"""The project's exceptions: one base, three families. Catch a family, not a message.

    SignpostError
    |-- BadInput (also a ValueError): what a person or a file gave us cannot be used; the
    |   |   message says why, kindly and without echoing secrets. Nothing was changed.
    |   |-- QueryError (an /oruk parameter), AccountError, RevertError, InsightsError,
    |   |   ConfigError (an environment setting), UnreadableUpdate (Telegram),
    |   |   BadRequest (the sandbox API), TranscriptFileError, UnreadableKept,
    |   |   UnreadableSealed and WeakKey (core.sealed)
    |   |-- DirectoryImportError: UnknownFormatError, UnreadableFileError,
    |       InvalidDirectoryError (row-numbered issues)
    |-- Outage (also a RuntimeError): something we depend on cannot be reached just now; the
    |   |   same request may work later (webhooks answer 503 so Twilio and Telegram retry).
    |   |-- DatabaseUnavailable, FeedError (a feed page that could not be read)
    |-- Conflict (also a RuntimeError): someone else changed the same thing first; run again.
        |-- ConcurrentUpdate (two messages from one sender on two workers)

Database drivers' own errors are told apart by type and code, never by message text
(``webhooks.faults.is_database_down``).
"""

from __future__ import annotations


class SignpostError(Exception):
    """Every error the project raises on purpose."""


class BadInput(SignpostError, ValueError):
    """Input that cannot be used: the message says why; nothing was changed."""


class Outage(SignpostError, RuntimeError):
    """Something we depend on cannot be reached just now; try again later."""


class Conflict(SignpostError, RuntimeError):
    """Someone else changed the same thing first; run again on fresh state."""
