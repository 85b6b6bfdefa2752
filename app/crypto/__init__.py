"""Encryption at rest: AEAD envelopes, per-customer field keys, blind indexes, the keyring key."""

from __future__ import annotations

from app.crypto.blind_index import BLIND_INDEX_BITS, BlindIndexer
from app.crypto.cipher import (
    ENVELOPE_VERSION,
    Algorithm,
    DataKey,
    associated_data,
    envelope_algorithm,
    envelope_key_id,
    key_id_for,
    open_envelope,
    seal,
)
from app.crypto.fields import FieldCrypto
from app.crypto.keys import (
    KEYRING_SERVICE,
    ORG_KEY_USERNAME,
    KeyringChoice,
    OrgKeyStore,
    choose_keyring,
)

__all__ = [
    "BLIND_INDEX_BITS",
    "ENVELOPE_VERSION",
    "KEYRING_SERVICE",
    "ORG_KEY_USERNAME",
    "Algorithm",
    "BlindIndexer",
    "DataKey",
    "FieldCrypto",
    "KeyringChoice",
    "OrgKeyStore",
    "associated_data",
    "choose_keyring",
    "envelope_algorithm",
    "envelope_key_id",
    "key_id_for",
    "open_envelope",
    "seal",
]
