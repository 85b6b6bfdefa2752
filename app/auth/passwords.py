"""Staff passwords: Argon2id from `cryptography` in PHC strings; never stored or logged in the clear."""

from __future__ import annotations

import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from app.errors import InvalidValue

MIN_LENGTH = 8
MAX_LENGTH = 128


@dataclass(frozen=True, slots=True)
class Argon2Params:
    """OWASP's Argon2id baseline (m=19 MiB, t=2, p=1) raised to 64 MiB; about 0.1–0.3 s per check."""

    memory_kib: int = 65536
    iterations: int = 3
    lanes: int = 4


def check_policy(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise InvalidValue("password_short", min=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise InvalidValue("too_long", max=MAX_LENGTH)
    if not any(ch.isalpha() for ch in password) or not any(ch.isdigit() for ch in password):
        raise InvalidValue("password_weak")


def hash_password(password: str, params: Argon2Params = Argon2Params()) -> str:
    kdf = Argon2id(
        salt=os.urandom(16),
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive_phc_encoded(password.encode("utf-8"))


def verify_password(password: str, phc: str) -> bool:
    """Constant-time check against the stored PHC string (its own parameters are used)."""
    try:
        Argon2id.verify_phc_encoded(password.encode("utf-8"), phc)
    except (InvalidKey, ValueError):
        return False
    return True
