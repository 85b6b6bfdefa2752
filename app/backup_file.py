"""The encrypted backup file: a header, then the store's bytes in authenticated AES-256-GCM chunks.

Layout: MAGIC | header length (4, big-endian) | header (JSON) | chunks. Each chunk is its length (4) and
the GCM output of up to CHUNK plaintext bytes. The key is derived from the organisation key with HKDF and
the header's random salt; every chunk is authenticated together with the whole header, its position and
whether it is the last, so a flipped byte, a swapped, dropped or appended chunk, a truncated file or an
edited header are all refused before anything is restored.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.crypto.fields import FieldCrypto
from app.errors import BranchDeskError

MAGIC = b"BDBACKUP"
SUFFIX = ".bdbk"
FORMAT = 1
FORMAT_INCREMENTAL = 2  # older versions refuse an incremental as an unknown format instead of misreading it
CHUNK = 1 << 20
SALT_BYTES = 16
NONCE_PREFIX_BYTES = 7
_LENGTH = struct.Struct(">I")
_MAX_HEADER = 64 * 1024


class BackupInvalid(BranchDeskError):
    """A backup file that is damaged, altered, truncated or not a backup: nothing was restored."""

    def __init__(self, name: str, detail: str) -> None:
        super().__init__("backup_invalid", name=name, detail=detail)


class BackupWrongKey(BranchDeskError):
    """The backup was sealed under another organisation key than the one in this PC's keyring."""

    def __init__(self, name: str) -> None:
        super().__init__("backup_wrong_key", name=name)


@dataclass(frozen=True, slots=True)
class BackupHeader:
    """What a backup says about itself (authenticated; readable without decrypting the body)."""

    kind: str  # "full", "daily", "manual", "pre-migrate", "pre-restore"
    created_at: str  # ISO 8601 UTC
    store_id: str
    revision: str
    branch: str
    workstation: str
    org_key_id: int
    size: int
    sha256: str
    salt: str = ""
    nonce_prefix: str = ""
    format: int = FORMAT
    backup_id: str = ""
    # An incremental names the full it is rebuilt from and the backup it follows, each by id and by the
    # SHA-256 of the store that backup restores to; its body is a page set (app.backup_pages), so
    # size/sha256 describe the body and store_size/store_sha256 the rebuilt store.
    base_id: str = ""
    base_sha256: str = ""
    parent_id: str = ""
    parent_sha256: str = ""
    store_size: int = 0
    store_sha256: str = ""

    @property
    def incremental(self) -> bool:
        return bool(self.parent_id)

    @property
    def chain_id(self) -> str:
        """The id of the full backup this one's chain starts with."""
        return self.base_id if self.incremental else self.backup_id

    @property
    def state_sha256(self) -> str:
        """SHA-256 of the store this backup restores to."""
        return self.store_sha256 if self.incremental else self.sha256

    def to_bytes(self) -> bytes:
        fields = {name: getattr(self, name) for name in self.__slots__}  # type: ignore[attr-defined]
        return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes, name: str) -> BackupHeader:
        try:
            fields: dict[str, Any] = json.loads(raw)
            return cls(**fields)
        except (ValueError, TypeError):
            raise BackupInvalid(name, "header unreadable") from None


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    # prefix (7) | chunk index (4) | last flag (1): unique per chunk of a backup, and the salt makes
    # the key unique per backup, so no (key, nonce) pair ever repeats.
    return prefix + struct.pack(">I", index) + (b"\x01" if last else b"\x00")


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows; the rename is durable
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_encrypted(crypto: FieldCrypto, plain: Path, target: Path, header: BackupHeader) -> None:
    """Encrypt `plain` into `target` atomically: a temp file beside it, fsync, rename, fsync the folder."""
    salt, prefix = os.urandom(SALT_BYTES), os.urandom(NONCE_PREFIX_BYTES)
    header = with_changes(header, salt=salt.hex(), nonce_prefix=prefix.hex(), org_key_id=crypto.org_key_id)
    header_bytes = header.to_bytes()
    aead = AESGCM(crypto.backup_key(salt))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out, plain.open("rb") as source:
            out.write(MAGIC + _LENGTH.pack(len(header_bytes)) + header_bytes)
            for index, chunk, last in _chunks(source, header.size):
                sealed = aead.encrypt(_nonce(prefix, index, last), chunk, header_bytes)
                out.write(_LENGTH.pack(len(sealed)) + sealed)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
        _fsync_dir(target.parent)
    except BaseException:
        partial.unlink(missing_ok=True)  # a failed write (e.g. a full disk) leaves nothing half-written
        raise


def with_changes(header: BackupHeader, **changes: Any) -> BackupHeader:
    fields = {name: getattr(header, name) for name in header.__slots__}  # type: ignore[attr-defined]
    return BackupHeader(**(fields | changes))


def as_full(header: BackupHeader, size: int, sha256: str, backup_id: str) -> BackupHeader:
    """The header of a standalone full backup of the same moment (a share that missed a link, or an
    incremental rewritten by an erasure)."""
    return with_changes(
        header, size=size, sha256=sha256, format=FORMAT, backup_id=backup_id, base_id="", base_sha256="",
        parent_id="", parent_sha256="", store_size=0, store_sha256="",
    )  # fmt: skip


def _chunks(source: BinaryIO, size: int) -> Iterator[tuple[int, bytes, bool]]:
    index, done = 0, 0
    while True:
        chunk = source.read(CHUNK)
        done += len(chunk)
        last = done >= size
        yield index, chunk, last
        if last:
            return
        index += 1


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_header(path: Path) -> BackupHeader:
    """The header of a backup file, without checking the body (for listing)."""
    with path.open("rb") as source:
        return _read_header(source, path.name)[0]


def _read_header(source: BinaryIO, name: str) -> tuple[BackupHeader, bytes]:
    if source.read(len(MAGIC)) != MAGIC:
        raise BackupInvalid(name, "not a BranchDesk backup")
    raw_length = source.read(_LENGTH.size)
    if len(raw_length) != _LENGTH.size:
        raise BackupInvalid(name, "truncated")
    (length,) = _LENGTH.unpack(raw_length)
    if length > _MAX_HEADER:
        raise BackupInvalid(name, "header too long")
    raw = source.read(length)
    if len(raw) != length:
        raise BackupInvalid(name, "truncated")
    header = BackupHeader.from_bytes(raw, name)
    if header.format not in (FORMAT, FORMAT_INCREMENTAL) or (header.format == FORMAT_INCREMENTAL) != (
        header.incremental
    ):
        raise BackupInvalid(name, f"unknown format {header.format}")
    return header, raw


def decrypt_to(crypto: FieldCrypto, path: Path, plain: Path) -> BackupHeader:
    """Authenticate and decrypt every chunk of `path` into `plain`; BackupInvalid at the first problem."""
    name = path.name
    with path.open("rb") as source:
        header, header_bytes = _read_header(source, name)
        if header.org_key_id != crypto.org_key_id:
            raise BackupWrongKey(name)
        try:
            salt, prefix = bytes.fromhex(header.salt), bytes.fromhex(header.nonce_prefix)
        except ValueError:
            raise BackupInvalid(name, "header unreadable") from None
        aead = AESGCM(crypto.backup_key(salt))
        digest, written, index = hashlib.sha256(), 0, 0
        with plain.open("wb") as out:
            while True:
                raw_length = source.read(_LENGTH.size)
                if len(raw_length) != _LENGTH.size:
                    raise BackupInvalid(name, "truncated")
                sealed = source.read(_LENGTH.unpack(raw_length)[0])
                remaining = header.size - written
                last = remaining <= CHUNK
                try:
                    chunk = aead.decrypt(_nonce(prefix, index, last), sealed, header_bytes)
                except InvalidTag:
                    raise BackupInvalid(name, f"chunk {index} failed authentication") from None
                digest.update(chunk)
                out.write(chunk)
                written += len(chunk)
                if last:
                    break
                index += 1
            if source.read(1):
                raise BackupInvalid(name, "data after the last chunk")
            out.flush()
            os.fsync(out.fileno())
    if written != header.size or digest.hexdigest() != header.sha256:
        raise BackupInvalid(name, "content does not match its checksum")
    return header
