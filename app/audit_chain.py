"""The operation log's tamper evidence: each workstation's entries form a chain of keyed MACs.

mac = HMAC(audit key, canonical entry ‖ previous mac). Editing, inserting, reordering or deleting an
entry inside the chain breaks it at that point; entries also sync to the central database, where they
are append-only, so wiping or truncating a PC's log is visible there.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.crypto.fields import FieldCrypto
from db.repos import audit as audit_repo
from db.repos import meta as meta_repo

ANCHOR_PREFIX = "audit_anchor:"  # the mac of the last entry removed by retention, per workstation


def canonical(entry: Mapping[str, Any], prev_mac: bytes | None) -> bytes:
    detail_ct = entry.get("detail_ct")
    fields = [
        entry["id"],
        entry["at"].astimezone(dt.UTC).isoformat(timespec="microseconds"),
        entry["staff_id"],
        entry["workstation"],
        entry["action"],
        entry["object_type"],
        entry["object_id"],
        entry["result"],
        entry["detail"],
        base64.b64encode(detail_ct).decode() if detail_ct else "",
        prev_mac.hex() if prev_mac else "",
    ]
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def seal(session: Session, crypto: FieldCrypto, entry: dict[str, Any]) -> dict[str, Any]:
    """Adds prev_mac and mac to a new entry of this workstation's chain."""
    prev = audit_repo.last_mac(session, entry["workstation"])
    if prev is None:
        anchor = meta_repo.get(session, ANCHOR_PREFIX + entry["workstation"])
        prev = bytes.fromhex(anchor) if anchor else None
    return {**entry, "prev_mac": prev, "mac": crypto.audit_mac(canonical(entry, prev))}


@dataclass(frozen=True, slots=True)
class ChainBreak:
    seq: int
    entry_id: str
    workstation: str
    reason: str  # "edited" (mac does not match), "linked" (previous entry missing, inserted or moved)


@dataclass(frozen=True, slots=True)
class ChainReport:
    checked: int
    workstations: int
    first_break: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.first_break is None


def verify(session: Session, crypto: FieldCrypto) -> ChainReport:
    """Walk every workstation's chain in order; name the first entry where it breaks."""
    previous: dict[str, bytes | None] = {}
    checked = 0
    for row in audit_repo.in_order(session):
        workstation = row.workstation
        if workstation not in previous:
            anchor = meta_repo.get(session, ANCHOR_PREFIX + workstation)
            previous[workstation] = bytes.fromhex(anchor) if anchor else None
        expected_prev = previous[workstation]
        entry = row._asdict()
        if row.mac is None or crypto.audit_mac(canonical(entry, row.prev_mac)) != row.mac:
            return ChainReport(checked, len(previous), ChainBreak(row.seq, row.id, workstation, "edited"))
        if row.prev_mac != expected_prev:
            return ChainReport(checked, len(previous), ChainBreak(row.seq, row.id, workstation, "linked"))
        previous[workstation] = row.mac
        checked += 1
    return ChainReport(checked, len(previous), None)
