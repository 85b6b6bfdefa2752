"""How the central database merges pushed versions of a customer, case or staff account with its own:
a newer version replaces the current one; two edits of the same version are resolved by a deterministic
rule, and the losing edit is kept whole for a supervisor. Pure: no database here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from app.domain import CaseStatus
from app.sync import outbox
from app.sync.payloads import from_bytes

# Later in the lifecycle wins when two workstations moved a case concurrently.
STATUS_RANK = {
    CaseStatus.NEW.value: 0,
    CaseStatus.ACKNOWLEDGED.value: 1,
    CaseStatus.IN_PROGRESS.value: 2,
    CaseStatus.WAITING.value: 2,
    CaseStatus.RESOLVED.value: 3,
    CaseStatus.CALLED_BACK.value: 4,
    CaseStatus.CLOSED.value: 5,
    CaseStatus.WITHDRAWN.value: 5,
}


@dataclass(frozen=True)
class OutgoingChange:
    """A queued change as the outbox holds it: `raw` is its JSON payload, sent on as it is."""

    change_id: str
    entity: str
    entity_id: str
    version: int
    raw: bytes

    @cached_property
    def payload(self) -> Mapping[str, Any]:
        return from_bytes(self.raw)


@dataclass(frozen=True, slots=True)
class RecordState:
    """The current version of one record as the central database holds it (after a change)."""

    branch: str
    version: int
    workstation: str
    change_id: str  # the change that wrote it: a later conflict must name the edit that is current
    seq: int
    payload: Mapping[str, Any]
    raw: bytes | None = None  # `payload` as pushed (valid JSON), when it is exactly that: stored as is


@dataclass(frozen=True, slots=True)
class LostEdit:
    """A pushed or current version that lost a conflict: kept whole for a supervisor."""

    entity: str
    entity_id: str
    branch: str  # the record's branch before the change: its supervisors review it
    winner_seq: int
    change_id: str
    version: int
    workstation: str
    payload: Mapping[str, Any]


def _sort_key(entity: str, state: RecordState) -> tuple[Any, ...]:
    """The deterministic order that picks a winner: status rank (cases), version, time, workstation."""
    row = state.payload["row"]
    rank = STATUS_RANK.get(row.get("status", ""), 0) if entity == outbox.CASE else 0
    return (rank, state.version, str(row.get("updated_at", {})), state.workstation)


def _with_version(payload: Mapping[str, Any], version: int) -> dict[str, Any]:
    return {**payload, "version": version, "row": {**payload["row"], "version": version}}


def incoming_state(change: OutgoingChange, seq: int) -> RecordState:
    return RecordState(
        change.payload["row"]["branch"],
        change.version,
        change.payload["origin_workstation"],
        change.change_id,
        seq,
        change.payload,
        change.raw,
    )


def merge(
    current: RecordState | None, change: OutgoingChange, seq: int
) -> tuple[RecordState, LostEdit | None]:
    """The record's state after `change` (numbered `seq`), and the edit that lost, if two collided.

    A version newer than the current one is based on it: a plain update. Otherwise two workstations
    edited the same version; the winner becomes a new version (so every workstation, the loser's
    included, pulls it again) and the loser is returned whole."""
    incoming = incoming_state(change, seq)
    if current is not None and current.payload.get("erased"):
        # An erased customer stays erased: an edit made before the erasure reached that workstation is
        # dropped, not kept as a conflict (it carries the very data that was erased).
        return current, None
    if current is None or change.version > current.version:
        return incoming, None
    winner, loser = (
        (incoming, current)
        if _sort_key(change.entity, incoming) > _sort_key(change.entity, current)
        else (current, incoming)
    )
    version = max(current.version, incoming.version) + 1
    payload = _with_version(winner.payload, version)
    merged = replace(
        winner, branch=payload["row"]["branch"], version=version, seq=seq, payload=payload, raw=None
    )
    lost = LostEdit(
        change.entity, change.entity_id, current.branch, seq,
        loser.change_id, loser.version, loser.workstation, loser.payload,
    )  # fmt: skip
    return merged, lost
