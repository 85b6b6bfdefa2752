"""Versioned AEAD envelopes: seal and open bytes under a data key (AES-256-GCM or SM4-GCM)."""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from enum import IntEnum

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.errors import ConfigInvalid, DecryptionFailed

ENVELOPE_VERSION = 1
KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
# version (1) | algorithm id (1) | key id (4, big-endian uint32)
_PREFIX = struct.Struct(">BBI")
HEADER_BYTES = _PREFIX.size + NONCE_BYTES
MIN_ENVELOPE_BYTES = HEADER_BYTES + TAG_BYTES

_KEY_ID_LABEL = b"branchdesk key id v1"
_SM4_KEY_INFO = b"branchdesk sm4-gcm v1"
_AAD_LABEL = b"branchdesk aad v1"


class Algorithm(IntEnum):
    """The AEAD named by an envelope's algorithm byte; values are on disk, never renumber."""

    AES_256_GCM = 1
    SM4_GCM = 2

    @classmethod
    def from_setting(cls, name: str) -> Algorithm:
        """Map the `cipher` setting ("aes-256-gcm" / "sm4-gcm") to an algorithm."""
        try:
            return _SETTING_NAMES[name.strip().lower()]
        except KeyError:
            raise ConfigInvalid("cipher", f"unknown cipher {name!r}") from None

    @property
    def setting_name(self) -> str:
        return {v: k for k, v in _SETTING_NAMES.items()}[self]


_SETTING_NAMES: dict[str, Algorithm] = {
    "aes-256-gcm": Algorithm.AES_256_GCM,
    "sm4-gcm": Algorithm.SM4_GCM,
}


def key_id_for(material: bytes) -> int:
    """A public 32-bit fingerprint of a key: first 4 bytes of HMAC-SHA256(material, label)."""
    mac = crypto_hmac.HMAC(material, hashes.SHA256())
    mac.update(_KEY_ID_LABEL)
    return int.from_bytes(mac.finalize()[:4], "big")


@dataclass(frozen=True)
class DataKey:
    """32 bytes of key material bound to the algorithm it is used with."""

    material: bytes
    algorithm: Algorithm
    key_id: int

    def __post_init__(self) -> None:
        if not isinstance(self.material, bytes) or len(self.material) != KEY_BYTES:
            raise ValueError(f"a data key is {KEY_BYTES} bytes")
        object.__setattr__(self, "algorithm", Algorithm(self.algorithm))
        # A wrong key id would make every envelope unreadable later; catch it at construction.
        if self.key_id != key_id_for(self.material):
            raise ValueError("key id does not match the key material")

    def __repr__(self) -> str:
        # Never the material: reprs end up in logs and crash reports.
        return f"DataKey(algorithm={self.algorithm.name}, key_id=0x{self.key_id:08x})"

    __str__ = __repr__

    @classmethod
    def from_material(cls, material: bytes, algorithm: Algorithm) -> DataKey:
        return cls(material, algorithm, key_id_for(material))

    @classmethod
    def generate(cls, algorithm: Algorithm) -> DataKey:
        return cls.from_material(os.urandom(KEY_BYTES), algorithm)


def associated_data(table: str, column: str, row_id: str) -> bytes:
    """Bind a value to its place; each part is length-prefixed so ("a","bc") != ("ab","c")."""
    parts = [_AAD_LABEL]
    for text in (table, column, row_id):
        raw = text.encode("utf-8")
        parts.append(struct.pack(">I", len(raw)))
        parts.append(raw)
    return b"".join(parts)


def _sm4_key(material: bytes) -> bytes:
    # SM4 takes 16-byte keys; derive one rather than truncating the 32-byte material.
    return HKDF(algorithm=hashes.SHA256(), length=16, salt=None, info=_SM4_KEY_INFO).derive(material)


def _encrypt(key: DataKey, nonce: bytes, plaintext: bytes, ad: bytes) -> bytes:
    if key.algorithm is Algorithm.AES_256_GCM:
        return AESGCM(key.material).encrypt(nonce, plaintext, ad)
    encryptor = Cipher(algorithms.SM4(_sm4_key(key.material)), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(ad)
    body = encryptor.update(plaintext) + encryptor.finalize()
    return body + encryptor.tag


def _decrypt(key: DataKey, nonce: bytes, sealed: bytes, ad: bytes) -> bytes:
    if key.algorithm is Algorithm.AES_256_GCM:
        return AESGCM(key.material).decrypt(nonce, sealed, ad)
    body, tag = sealed[:-TAG_BYTES], sealed[-TAG_BYTES:]
    decryptor = Cipher(algorithms.SM4(_sm4_key(key.material)), modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(ad)
    return decryptor.update(body) + decryptor.finalize()


def seal(key: DataKey, plaintext: bytes, aad: bytes) -> bytes:
    """Encrypt under `key`; the header is authenticated together with the caller's `aad`."""
    # Random 96-bit nonces: per-key message counts here stay far below the 2^32 GCM bound.
    nonce = os.urandom(NONCE_BYTES)
    header = _PREFIX.pack(ENVELOPE_VERSION, key.algorithm, key.key_id) + nonce
    # The header has a fixed length, so header + aad is an unambiguous encoding.
    return header + _encrypt(key, nonce, plaintext, header + aad)


def _parse_header(envelope: bytes) -> tuple[int, int, int, bytes]:
    if len(envelope) < MIN_ENVELOPE_BYTES:
        raise DecryptionFailed()
    version, algorithm_id, key_id = _PREFIX.unpack_from(envelope)
    nonce = envelope[_PREFIX.size : HEADER_BYTES]
    return version, algorithm_id, key_id, nonce


def open_envelope(key: DataKey, envelope: bytes, aad: bytes) -> bytes:
    """Decrypt and authenticate; any failure is DecryptionFailed, with no secret in it."""
    version, algorithm_id, key_id, nonce = _parse_header(envelope)
    if version != ENVELOPE_VERSION or algorithm_id != key.algorithm or key_id != key.key_id:
        raise DecryptionFailed()
    header = envelope[:HEADER_BYTES]
    try:
        return _decrypt(key, nonce, envelope[HEADER_BYTES:], header + aad)
    except (InvalidTag, ValueError):
        # `from None`: the library's exception adds nothing useful and must not be chained.
        raise DecryptionFailed() from None


def envelope_key_id(envelope: bytes) -> int:
    """The key id in an envelope's header (not authenticated until the envelope is opened)."""
    return _parse_header(envelope)[2]


def envelope_algorithm(envelope: bytes) -> Algorithm:
    """The algorithm in an envelope's header; DecryptionFailed if unknown."""
    algorithm_id = _parse_header(envelope)[1]
    try:
        return Algorithm(algorithm_id)
    except ValueError:
        raise DecryptionFailed() from None
