"""The central database password lives in the OS keyring, never in a config file or a log."""

from __future__ import annotations

import keyring.errors
from sqlalchemy.engine import make_url

from app.crypto.keys import KEYRING_SERVICE, KeyringChoice
from app.errors import KeyringFailure

CENTRAL_PASSWORD = "central-database-password"


def store_central_password(choice: KeyringChoice, password: str) -> None:
    try:
        choice.backend.set_password(KEYRING_SERVICE, CENTRAL_PASSWORD, password)
    except keyring.errors.KeyringError as exc:
        raise KeyringFailure(f"store failed ({type(exc).__name__})") from None


def url_with_password(choice: KeyringChoice, url: str) -> str:
    """The URL as configured, with the keyring's password filled in when the URL carries none."""
    parsed = make_url(url)
    if parsed.password is not None:
        return url
    try:
        password = choice.backend.get_password(KEYRING_SERVICE, CENTRAL_PASSWORD)
    except keyring.errors.KeyringError as exc:
        raise KeyringFailure(f"read failed ({type(exc).__name__})") from None
    if password is None:
        return url
    return parsed.set(password=password).render_as_string(hide_password=False)
