"""Sealing at rest: what is sealed opens only with its key, and never when altered."""

from __future__ import annotations

import pytest

from core.errors import BadInput
from core.sealed import UnreadableSealed, WeakKey, derive_key, new_key, seal, unseal

PASSPHRASE = "a-test-follow-up-key-of-32-chars-or-more"
NUMBER = "+441632960001"


@pytest.mark.parametrize("make", [new_key, lambda: PASSPHRASE], ids=["fernet", "passphrase"])
def test_a_sealed_value_opens_with_its_key_and_hides_the_plaintext(make):
    key = make()
    token = seal(key, NUMBER)
    assert NUMBER not in token and "1632960001" not in token
    assert unseal(key, token) == NUMBER
    assert seal(key, NUMBER) != token  # a fresh IV each time: equal values do not look equal


def test_another_key_cannot_open_it():
    token = seal(new_key(), NUMBER)
    with pytest.raises(UnreadableSealed):
        unseal(new_key(), token)
    with pytest.raises(UnreadableSealed):
        unseal(PASSPHRASE, token)


def test_an_altered_token_is_refused():
    key = new_key()
    token = seal(key, NUMBER)
    middle = len(token) // 2
    altered = token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1:]
    with pytest.raises(UnreadableSealed):
        unseal(key, altered)
    with pytest.raises(UnreadableSealed):
        unseal(key, "not a token")
    assert issubclass(UnreadableSealed, BadInput)


def test_a_short_key_is_refused():
    with pytest.raises(WeakKey):
        seal("short", NUMBER)


def test_derived_keys_differ_by_material_and_purpose():
    assert derive_key("secret", "followup") == derive_key("secret", "followup")
    assert derive_key("secret", "followup") != derive_key("secret", "other")
    assert derive_key("secret", "followup") != derive_key("secret2", "followup")
    key = derive_key("secret", "followup")
    assert unseal(key, seal(key, NUMBER)) == NUMBER
