"""Truncated keyed blind indexes, so an exact lookup finds candidates without decrypting every row.

Sizing: an index keeps BLIND_INDEX_BITS = 16 bits, i.e. 65,536 buckets. With N customers a lookup
returns the true match plus about N / 2^16 false candidates: 0.15 at 10^4 customers, 1.5 at 10^5,
15 at 10^6. The caller decrypts every candidate and compares the normalised value exactly, so a
false candidate costs one decryption and is never returned. Truncation is the point: with many
customers sharing each index value, a stolen database (without the key) reveals little about who
is in it, and equal index values do not prove equal identity numbers.
"""

from __future__ import annotations

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.domain import LookupKind

BLIND_INDEX_BITS = 16
_INFO_PREFIX = b"branchdesk blind index v1:"


class BlindIndexer:
    """Computes blind indexes with one derived key per lookup kind."""

    def __init__(self, org_key: bytes) -> None:
        # Separate HKDF outputs per kind: the same digits as a mobile and as a card number index
        # differently, and index keys reveal nothing about the org key or customer keys.
        self._kind_keys: dict[LookupKind, bytes] = {
            kind: HKDF(
                algorithm=hashes.SHA256(),
                length=32,
                salt=None,
                info=_INFO_PREFIX + kind.value.encode("ascii"),
            ).derive(org_key)
            for kind in LookupKind
        }

    def __repr__(self) -> str:
        return "BlindIndexer()"

    def digest(self, kind: LookupKind, normalized_value: str) -> int:
        """The top BLIND_INDEX_BITS bits of HMAC-SHA256(kind key, value) as an int."""
        mac = crypto_hmac.HMAC(self._kind_keys[LookupKind(kind)], hashes.SHA256())
        mac.update(normalized_value.encode("utf-8"))
        head = int.from_bytes(mac.finalize()[:4], "big")
        return head >> (32 - BLIND_INDEX_BITS)
