"""Page sets: the body of an incremental backup, the pages of a SQLite file that changed since the last link.

A store copy taken with SQLite's online backup API is page for page the store (same page size, same page
numbers), so two copies differ exactly in the pages written in between. Layout, all inside the encrypted
body: MAGIC | page size (4) | page count (4) | one digest per page of the whole store (32 each) | changed
count (4) | per changed page: its number (4) and its bytes. Digests are HMAC-SHA256 under a key derived
from the organisation key (never plain hashes, which would show equal pages across organisations); a
rebuilt store is checked page by page against them.
"""

from __future__ import annotations

import hmac
import os
import struct
from collections.abc import Iterator
from pathlib import Path

from app.backup_file import BackupInvalid

MAGIC = b"BDPAGES1"
DIGEST_BYTES = 32
_SQLITE_MAGIC = b"SQLite format 3\x00"
_U32 = struct.Struct(">I")
_HEAD = struct.Struct(">II")  # page size, page count


def page_size(plain: Path) -> int:
    """The page size from the SQLite header (bytes 16-17, big-endian; 1 means 65536)."""
    with plain.open("rb") as source:
        head = source.read(100)
    if len(head) < 100 or not head.startswith(_SQLITE_MAGIC):
        raise BackupInvalid(plain.name, "not a SQLite file")
    raw = int.from_bytes(head[16:18], "big")
    size = 65536 if raw == 1 else raw
    if size < 512 or size & (size - 1):
        raise BackupInvalid(plain.name, "page size unreadable")
    return size


def _digest(key: bytes, number: int, page: bytes) -> bytes:
    # The page number is inside the MAC: a page moved to another position does not match.
    return hmac.digest(key, _U32.pack(number) + page, "sha256")


def _pages(plain: Path, size: int) -> Iterator[tuple[int, bytes]]:
    with plain.open("rb") as source:
        yield from enumerate(iter(lambda: source.read(size), b""))


def page_digests(key: bytes, plain: Path, size: int) -> list[bytes]:
    return [_digest(key, number, page) for number, page in _pages(plain, size)]


def write_page_set(key: bytes, plain: Path, previous: list[bytes], target: Path) -> int:
    """Write the pages of `plain` whose digest differs from `previous` into `target`; how many."""
    size = page_size(plain)
    digests = page_digests(key, plain, size)
    changed = [
        n for n, d in enumerate(digests) if n >= len(previous) or not hmac.compare_digest(d, previous[n])
    ]
    with target.open("wb") as out:
        out.write(MAGIC + _HEAD.pack(size, len(digests)) + b"".join(digests) + _U32.pack(len(changed)))
        wanted = set(changed)
        for number, page in _pages(plain, size):
            if number in wanted:
                out.write(_U32.pack(number) + page)
    return len(changed)


def apply_page_set(key: bytes, page_set: Path, plain: Path, name: str) -> None:
    """Apply a page set to the store `plain` (the previous link's state) and check every page's digest;
    `name` is the backup file named in a refusal."""
    with page_set.open("rb") as source:
        head = source.read(len(MAGIC) + _HEAD.size)
        if len(head) != len(MAGIC) + _HEAD.size or not head.startswith(MAGIC):
            raise BackupInvalid(name, "page set unreadable")
        size, count = _HEAD.unpack(head[len(MAGIC) :])
        digests_raw = source.read(count * DIGEST_BYTES)
        raw_changed = source.read(_U32.size)
        if len(digests_raw) != count * DIGEST_BYTES or len(raw_changed) != _U32.size:
            raise BackupInvalid(name, "page set truncated")
        if plain.stat().st_size and page_size(plain) != size:
            raise BackupInvalid(name, "page size differs from the backup it follows")
        with plain.open("rb+") as out:
            out.truncate(size * count)  # the store may have grown or shrunk since the previous link
            for _ in range(_U32.unpack(raw_changed)[0]):
                record = source.read(_U32.size + size)
                if len(record) != _U32.size + size:
                    raise BackupInvalid(name, "page set truncated")
                number = _U32.unpack(record[: _U32.size])[0]
                if number >= count:
                    raise BackupInvalid(name, "page set unreadable")
                out.seek(number * size)
                out.write(record[_U32.size :])
            out.flush()
            os.fsync(out.fileno())
        if source.read(1):
            raise BackupInvalid(name, "data after the last page")
    for number, page in _pages(plain, size):
        expected = digests_raw[number * DIGEST_BYTES : (number + 1) * DIGEST_BYTES]
        if not hmac.compare_digest(_digest(key, number, page), expected):
            raise BackupInvalid(name, f"rebuilt page {number} does not match its digest")
