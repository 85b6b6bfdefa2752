"""The timeline marks kept on a case (first response, first resolution, called back, satisfaction) are
computed in Python when a case is written or pulled; they must agree with the definition the upgrade to
schema 0007 filled them by, in SQL over the stored timeline, for any timeline."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import sqlite3
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain import CaseEventKind, CaseKind, CaseStatus, Channel, Severity
from app.services.case_marks import case_columns
from app.sla import CaseFacts, TimelineFact
from db.types import UtcDateTime

UPGRADE = importlib.import_module("db.migrations.local.versions.0007_case_outcomes")
START = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
STORED = UtcDateTime()

_flag = st.sampled_from([True, False, None, 1, 0])
_data = st.fixed_dictionaries(
    {},
    optional={
        "customer_contact": _flag,
        "reached": _flag,
        "satisfaction": st.one_of(st.none(), st.integers(1, 5)),
    },
)
# Every kind, the ones the marks look at more often.
_kind = st.one_of(
    st.sampled_from([CaseEventKind.STATUS, CaseEventKind.NOTE, CaseEventKind.CALLBACK]),
    st.sampled_from(list(CaseEventKind)),
)
_event = st.tuples(
    _kind,
    st.integers(0, 20),  # hours after the start: several facts share a time
    st.one_of(
        st.none(),
        st.sampled_from([CaseStatus.RESOLVED, CaseStatus.WITHDRAWN]),
        st.sampled_from(list(CaseStatus)),
    ),
    _data,
)


def _by_definition(events: list[tuple[Any, ...]]) -> tuple[Any, ...]:
    """The marks as the upgrade's SQL computes them over the stored timeline."""
    with sqlite3.connect(":memory:") as connection:
        connection.execute("CREATE TABLE cases (id TEXT)")
        connection.execute(
            "CREATE TABLE case_events"
            " (case_id TEXT, seq INTEGER, kind TEXT, at TEXT, status_to TEXT, data TEXT)"
        )
        connection.execute("INSERT INTO cases VALUES ('c1')")
        connection.executemany("INSERT INTO case_events VALUES ('c1', ?, ?, ?, ?, ?)", events)
        return connection.execute(
            f"SELECT {UPGRADE._FIRST_RESPONSE}, {UPGRADE._FIRST_RESOLVED}, {UPGRADE._CALLED_BACK}, "
            f"{UPGRADE._SATISFACTION} FROM cases"
        ).fetchone()


@settings(max_examples=300, deadline=None)
@given(st.lists(_event, max_size=12))
def test_the_marks_agree_with_the_upgrades_definition(timeline: list[tuple[Any, ...]]) -> None:
    stored = [
        (position, kind.value, STORED.process_bind_param(START + dt.timedelta(hours=hours), None),
         status.value if status and kind is CaseEventKind.STATUS else None, json.dumps(data))
        for position, (kind, hours, status, data) in enumerate(timeline, start=1)
    ]  # fmt: skip
    # Facts in timeline order, as the store reads them: by time, then position.
    facts = CaseFacts(
        CaseKind.COMPLAINT, Severity.GENERAL, Channel.COUNTER, START,
        tuple(
            TimelineFact(CaseEventKind(kind), dt.datetime.fromisoformat(at),
                         CaseStatus(status_to) if status_to else None, json.loads(data))
            for _, kind, at, status_to, data in sorted(stored, key=lambda event: (event[2], event[0]))
        ),
    )  # fmt: skip
    first_response, first_resolved, called_back, satisfaction = case_columns(facts)
    assert (
        STORED.process_bind_param(first_response, None),
        STORED.process_bind_param(first_resolved, None),
        int(called_back),
        satisfaction,
    ) == _by_definition(stored)
