"""The case lifecycle: which status may follow which. Every other move is refused."""

from __future__ import annotations

from app.domain import CaseStatus
from app.errors import IllegalTransition

S = CaseStatus

# new → acknowledged → in progress ⇄ waiting → resolved → called back → closed; withdrawn from any
# open state. A simple question may be resolved on the spot (new → resolved). Reopening
# (resolved/called back/closed → in progress) has its own action, reopen_case, with a reason.
TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    S.NEW: frozenset({S.ACKNOWLEDGED, S.IN_PROGRESS, S.RESOLVED, S.WITHDRAWN}),
    S.ACKNOWLEDGED: frozenset({S.IN_PROGRESS, S.WAITING, S.RESOLVED, S.WITHDRAWN}),
    S.IN_PROGRESS: frozenset({S.WAITING, S.RESOLVED, S.WITHDRAWN}),
    S.WAITING: frozenset({S.IN_PROGRESS, S.RESOLVED, S.WITHDRAWN}),
    S.RESOLVED: frozenset({S.CLOSED}),  # called_back only through a reached callback
    S.CALLED_BACK: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

REOPENABLE = frozenset({S.RESOLVED, S.CALLED_BACK, S.CLOSED})
FINISHED = frozenset({S.CLOSED, S.WITHDRAWN})


def allowed_from(current: CaseStatus) -> tuple[CaseStatus, ...]:
    """The statuses change_status may move to, in lifecycle order."""
    return tuple(status for status in CaseStatus if status in TRANSITIONS[current])


def check_transition(current: CaseStatus, target: CaseStatus) -> None:
    if target not in TRANSITIONS[current]:
        raise IllegalTransition(current.value, target.value)
