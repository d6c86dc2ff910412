"""Keepers' passwords: argon2id with RFC 9106's low-memory profile, the cheapest profile only
for the test suite and never in production."""

from __future__ import annotations

from argon2 import PasswordHasher, profiles

from directory.keepers.accounts import CHEAP_HASHES_VARIABLE, choose_hasher, hash_password


def _parameters(hasher: PasswordHasher) -> tuple[int, int, int]:
    return hasher.time_cost, hasher.memory_cost, hasher.parallelism


def test_production_uses_the_rfc_profile_even_if_asked_for_cheap_hashes():
    strong = choose_hasher({CHEAP_HASHES_VARIABLE: "1", "SIGNPOST_ENV": "production"})
    low_memory = profiles.RFC_9106_LOW_MEMORY
    assert _parameters(strong) == (low_memory.time_cost, low_memory.memory_cost,
                                   low_memory.parallelism)
    assert _parameters(choose_hasher({})) == _parameters(strong)


def test_only_an_explicit_test_setting_outside_production_gives_the_cheapest_profile():
    cheap = choose_hasher({CHEAP_HASHES_VARIABLE: "1", "SIGNPOST_ENV": "development"})
    assert _parameters(cheap) == (profiles.CHEAPEST.time_cost, profiles.CHEAPEST.memory_cost,
                                  profiles.CHEAPEST.parallelism)
    assert _parameters(choose_hasher({CHEAP_HASHES_VARIABLE: "yes"})) != _parameters(cheap)


def test_a_hash_made_either_way_verifies_with_the_other():
    strong = choose_hasher({})
    stored = hash_password("correct horse battery staple")
    assert strong.verify(stored, "correct horse battery staple")
    assert choose_hasher({CHEAP_HASHES_VARIABLE: "1"}).verify(
        strong.hash("another long passphrase"), "another long passphrase")
