"""Password key derivation: Argon2id (argon2-cffi) with bounded parameters.

One place for every key derived from something a person types: the passphrase of a
`.ccsbak` file and the account passwords that unlock the database key (db/keyfile.py).
Parameters read from a file are checked against bounds BEFORE deriving anything, so that a
flipped bit or a hostile file cannot make us allocate a terabyte or spin for an hour.

Tests use a cheap setting (8 KiB, t = 1): honoured only when CCS_TEST_CHEAP_KDF=1 AND pytest
is running (PYTEST_CURRENT_TEST is set by pytest and inherited by the processes it starts).
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass

KEY_LEN = 32
MAX_MEMORY_KIB = 256 * 1024  # 256 MiB
MAX_ITERATIONS = 16
MAX_PARALLELISM = 4
TEST_CHEAP_ENV = "CCS_TEST_CHEAP_KDF"  # .ccsbak passphrases
TEST_CHEAP_ACCOUNTS_ENV = "CCS_TEST_CHEAP_ACCOUNT_KDF"  # account passwords (key file)


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: memory in KiB, passes, lanes."""

    memory_kib: int = 128 * 1024
    iterations: int = 3
    parallelism: int = 1

    @property
    def cost(self) -> int:
        return self.memory_kib * self.iterations

    def in_bounds(self) -> bool:
        return (all(isinstance(v, int) and not isinstance(v, bool)
                    for v in (self.memory_kib, self.iterations, self.parallelism))
                and 1 <= self.parallelism <= MAX_PARALLELISM
                and 8 * self.parallelism <= self.memory_kib <= MAX_MEMORY_KIB
                and 1 <= self.iterations <= MAX_ITERATIONS)


CHEAP = KdfParams(memory_kib=8, iterations=1, parallelism=1)


def cheap_for_tests(switch: str = TEST_CHEAP_ENV) -> bool:
    return os.environ.get(switch) == "1" and bool(os.environ.get("PYTEST_CURRENT_TEST"))


def argon2id(secret: str, salt: bytes, params: KdfParams) -> bytes:
    """A 256-bit key from a typed secret (NFC-normalised, so that "é" typed either way is
    the same password). The caller has checked `params.in_bounds()`."""
    from argon2.low_level import Type, hash_secret_raw

    if not params.in_bounds():
        raise ValueError("key derivation parameters out of bounds")
    data = unicodedata.normalize("NFC", secret).encode("utf-8")
    return hash_secret_raw(data, salt, time_cost=params.iterations,
                           memory_cost=params.memory_kib, parallelism=params.parallelism,
                           hash_len=KEY_LEN, type=Type.ID)
