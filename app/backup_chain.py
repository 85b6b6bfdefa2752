"""Backup chains: a full backup and the incrementals after it, found by id and rebuilt in order.

Every link is checked before its pages are used: the link it follows must be in the same folder with the
id and store checksum it names, every body authenticates (its header included), every rebuilt page
matches its keyed digest and every rebuilt store its SHA-256. A missing or altered link is refused,
naming the file.
"""

from __future__ import annotations

import logging
from pathlib import Path

from app.backup_file import SUFFIX, BackupHeader, BackupInvalid, decrypt_to, read_header, sha256_of
from app.backup_pages import apply_page_set
from app.crypto.fields import FieldCrypto

log = logging.getLogger(__name__)


def headers_in(folder: Path) -> list[tuple[Path, BackupHeader]]:
    """Readable backups in `folder`, newest first (unreadable files are logged and skipped)."""
    found = []
    for path in folder.glob(f"*{SUFFIX}") if folder.is_dir() else ():
        try:
            found.append((path, read_header(path)))
        except (BackupInvalid, OSError):
            log.warning("backup list: %s is not a readable backup", path.name)
    return sorted(found, key=lambda item: item[1].created_at, reverse=True)


def chain_of(path: Path) -> list[tuple[Path, BackupHeader]]:
    """The links needed to restore `path`: its full backup first, `path` last."""
    link = (path, read_header(path))
    links = [link]
    if not link[1].incremental:
        return links
    by_id = {header.backup_id: (p, header) for p, header in headers_in(path.parent) if header.backup_id}
    current = link
    while current[1].incremental:
        child_path, child = current
        parent = by_id.get(child.parent_id)
        if parent is None:
            raise BackupInvalid(child_path.name, f"the backup it follows ({child.parent_id}) is missing")
        if parent[1].state_sha256 != child.parent_sha256 or parent[1].chain_id != child.base_id:
            raise BackupInvalid(child_path.name, f"the backup it follows ({parent[0].name}) was altered")
        if parent in links or len(links) > len(by_id):
            raise BackupInvalid(child_path.name, "the chain loops")
        links.append(parent)
        current = parent
    full_path, full = current
    if full.backup_id != link[1].base_id or full.sha256 != link[1].base_sha256:
        raise BackupInvalid(full_path.name, "not the full backup the chain names")
    return links[::-1]


def rebuild(crypto: FieldCrypto, path: Path, plain: Path) -> BackupHeader:
    """Decrypt `path` into the store file `plain`: a full directly, an incremental as its full plus every
    link in order. BackupInvalid (naming the file) at the first problem; `plain` is then the caller's to
    remove."""
    links = chain_of(path)
    header = decrypt_to(crypto, links[0][0], plain)
    if len(links) == 1:
        return header
    key = crypto.backup_digest_key()
    page_set = plain.with_name(plain.name + ".pages")
    try:
        for link_path, _listed in links[1:]:
            # The authenticated header, not the listed one: an edited header fails decryption.
            header = decrypt_to(crypto, link_path, page_set)
            apply_page_set(key, page_set, plain, link_path.name)
            if plain.stat().st_size != header.store_size or sha256_of(plain) != header.store_sha256:
                raise BackupInvalid(link_path.name, "the rebuilt store does not match its checksum")
    finally:
        page_set.unlink(missing_ok=True)
    return header
