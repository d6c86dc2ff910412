"""Authenticated encryption at rest for the few things kept in clear only to be used once.

    token = seal(key, "+441632960001")     # Fernet: AES-128-CBC + HMAC-SHA256, with a timestamp
    unseal(key, token)                     # the plaintext, or UnreadableSealed

``key`` is the ``SIGNPOST_FOLLOWUP_KEY`` setting: either a Fernet key (32 url-safe base64 bytes,
as ``new_key()`` makes) used as it is, or any other string of at least 32 characters, stretched
into one with HKDF-SHA256. A tampered token, or one sealed under another key, never unseals.
"""

from __future__ import annotations

import base64
import binascii

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from core.errors import BadInput

#: Shorter keys are refused: a guessable key would make the sealing worthless.
MIN_KEY_CHARS = 32
_INFO = b"leeds-signpost sealed v1"


class UnreadableSealed(BadInput):
    """A token that was altered, is not a token, or was sealed under another key."""


class WeakKey(BadInput):
    """A key too short to protect anything."""


def new_key() -> str:
    """A fresh random Fernet key, for ``SIGNPOST_FOLLOWUP_KEY``."""
    return Fernet.generate_key().decode("ascii")


def derive_key(material: str, purpose: str) -> str:
    """A Fernet key derived from ``material`` (e.g. the secret key) for one ``purpose``."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=_INFO + b" " + purpose.encode("utf-8"))
    return base64.urlsafe_b64encode(hkdf.derive(material.encode("utf-8"))).decode("ascii")


def _fernet(key: str) -> Fernet:
    if _is_fernet_key(key):
        return Fernet(key.encode("ascii"))
    if len(key) < MIN_KEY_CHARS:
        raise WeakKey(f"the key must be a Fernet key or at least {MIN_KEY_CHARS} characters")
    return Fernet(derive_key(key, "key").encode("ascii"))


def _is_fernet_key(key: str) -> bool:
    try:
        return len(base64.urlsafe_b64decode(key.encode("ascii"))) == 32 and len(key) == 44
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return False


def check_key(key: str) -> None:
    """Raise WeakKey if ``key`` cannot be used (so the app refuses to start, not later)."""
    _fernet(key)


def seal(key: str, plaintext: str) -> str:
    """``plaintext`` encrypted and authenticated under ``key``, as url-safe ASCII."""
    return _fernet(key).encrypt(plaintext.encode("utf-8")).decode("ascii")


def unseal(key: str, token: str) -> str:
    """The plaintext sealed in ``token``; UnreadableSealed if it was altered or is foreign."""
    try:
        return _fernet(key).decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError, ValueError) as exc:
        if isinstance(exc, WeakKey):
            raise
        raise UnreadableSealed("a sealed value could not be opened (altered, or another key)") \
            from None
