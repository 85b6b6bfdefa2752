"""Field-level encryption for services: per-customer keys wrapped by the organisation key."""

from __future__ import annotations

import hmac

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.crypto.blind_index import BlindIndexer
from app.crypto.cipher import (
    KEY_BYTES,
    Algorithm,
    DataKey,
    associated_data,
    envelope_algorithm,
    key_id_for,
    open_envelope,
    seal,
)
from app.domain import LookupKind
from app.errors import DecryptionFailed

_KCV_LABEL = b"branchdesk key check v1"
_BACKUP_LABEL = b"branchdesk backup v1"
_BACKUP_PAGES_LABEL = b"branchdesk backup page digests v1"
KCV_BYTES = 16
WRAP_TABLE = "customer_keys"
WRAP_COLUMN = "data_key"


class FieldCrypto:
    """Encrypts personal fields; holds the organisation key and never shows it."""

    def __init__(self, org_key: bytes, algorithm: Algorithm = Algorithm.AES_256_GCM) -> None:
        if not isinstance(org_key, bytes) or len(org_key) != KEY_BYTES:
            raise ValueError(f"the organisation key is {KEY_BYTES} bytes")
        self.algorithm = Algorithm(algorithm)
        self._org_key = org_key
        self._org_key_id = key_id_for(org_key)
        self._indexer = BlindIndexer(org_key)
        # Independent of the data keys and the blind-index keys: knowing one says nothing of another.
        self._audit_key = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"branchdesk audit chain v1"
        ).derive(org_key)

    def __repr__(self) -> str:
        return f"FieldCrypto(algorithm={self.algorithm.name}, org_key_id=0x{self._org_key_id:08x})"

    __str__ = __repr__

    @property
    def org_key_id(self) -> int:
        return self._org_key_id

    def _org_data_key(self, algorithm: Algorithm) -> DataKey:
        return DataKey(self._org_key, algorithm, self._org_key_id)

    def _open_with_org_key(self, envelope: bytes, aad: bytes) -> bytes:
        # New values use self.algorithm, but values sealed before the `cipher` setting changed
        # must stay readable, so the org key follows the envelope's (authenticated) algorithm.
        key = self._org_data_key(envelope_algorithm(envelope))
        return open_envelope(key, envelope, aad)

    # -- per-customer keys ------------------------------------------------------------------

    def new_customer_key(self, customer_id: str) -> tuple[bytes, DataKey]:
        """A fresh data key for one customer and its wrapped form to store beside the customer."""
        key = DataKey.generate(self.algorithm)
        # The algorithm byte travels inside the ciphertext so unwrap restores it authenticated.
        wrapped = seal(
            self._org_data_key(self.algorithm),
            bytes([key.algorithm]) + key.material,
            associated_data(WRAP_TABLE, WRAP_COLUMN, customer_id),
        )
        return wrapped, key

    def unwrap_customer_key(self, customer_id: str, wrapped: bytes) -> DataKey:
        plain = self._open_with_org_key(wrapped, associated_data(WRAP_TABLE, WRAP_COLUMN, customer_id))
        if len(plain) != 1 + KEY_BYTES:
            raise DecryptionFailed()
        try:
            algorithm = Algorithm(plain[0])
        except ValueError:
            raise DecryptionFailed() from None
        return DataKey.from_material(plain[1:], algorithm)

    # -- values -----------------------------------------------------------------------------

    def encrypt_text(self, key: DataKey, table: str, column: str, row_id: str, value: str) -> bytes:
        return seal(key, value.encode("utf-8"), associated_data(table, column, row_id))

    def decrypt_text(self, key: DataKey, table: str, column: str, row_id: str, envelope: bytes) -> str:
        plain = open_envelope(key, envelope, associated_data(table, column, row_id))
        return _utf8(plain)

    def encrypt_org_text(self, table: str, column: str, row_id: str, value: str) -> bytes:
        """For free text that belongs to no customer (e.g. a reveal reason)."""
        return seal(
            self._org_data_key(self.algorithm),
            value.encode("utf-8"),
            associated_data(table, column, row_id),
        )

    def decrypt_org_text(self, table: str, column: str, row_id: str, envelope: bytes) -> str:
        return _utf8(self._open_with_org_key(envelope, associated_data(table, column, row_id)))

    # -- lookup and key check ---------------------------------------------------------------

    def blind_index(self, kind: LookupKind, normalized_value: str) -> int:
        return self._indexer.digest(kind, normalized_value)

    def audit_mac(self, data: bytes) -> bytes:
        """The keyed MAC of one operation-log entry (with its predecessor's MAC inside `data`)."""
        mac = crypto_hmac.HMAC(self._audit_key, hashes.SHA256())
        mac.update(data)
        return mac.finalize()

    def backup_key(self, salt: bytes) -> bytes:
        """The AES-256 key of one backup file: HKDF of the organisation key with the backup's own salt."""
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_BACKUP_LABEL).derive(self._org_key)

    def backup_digest_key(self) -> bytes:
        """The HMAC key of an incremental backup's page digests: keyed, so equal pages of two
        organisations' stores never have equal digests."""
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_BACKUP_PAGES_LABEL).derive(
            self._org_key
        )

    def key_check_value(self) -> bytes:
        """Stored with the data so a wrong org key is detected before anything is decrypted."""
        mac = crypto_hmac.HMAC(self._org_key, hashes.SHA256())
        mac.update(_KCV_LABEL)
        return mac.finalize()[:KCV_BYTES]

    def matches_key_check(self, value: bytes) -> bool:
        return hmac.compare_digest(self.key_check_value(), value)


def _utf8(plain: bytes) -> str:
    try:
        return plain.decode("utf-8")
    except UnicodeDecodeError:
        # Authenticated but not text: treat as corrupt, and keep the bytes out of the error.
        raise DecryptionFailed() from None
