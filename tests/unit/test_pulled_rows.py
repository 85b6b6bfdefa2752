"""Pulled rows in store form: what the payloads say, written as the local column types write it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Column, MetaData, Numeric, Table

from app.sync import outbox, payloads
from app.sync.pulled_rows import (
    PulledItem,
    kind_of,
    read_columns,
    row_of,
    sent_columns,
    store_row,
    stored_time,
)
from db import local_schema as local
from db.types import UtcDateTime

MOMENT = dt.datetime(2026, 5, 29, 19, 35, 32, 248497, tzinfo=dt.UTC)
STORED = UtcDateTime().process_bind_param(MOMENT, None)


def test_a_time_as_workstations_write_it_is_kept_and_any_other_is_written_anew() -> None:
    assert stored_time(STORED) == STORED == "2026-05-29T19:35:32.248497+00:00"
    in_china = MOMENT.astimezone(dt.timezone(dt.timedelta(hours=8))).isoformat()
    assert stored_time(in_china) == STORED
    assert stored_time("2026-05-29T19:35:32+00:00") == "2026-05-29T19:35:32.000000+00:00"
    assert stored_time(None) is None
    with pytest.raises(ValueError):
        stored_time("2026-05-29T19:35:32.248497")  # naive: refused, as the column type refuses it


def test_a_payload_row_in_store_form() -> None:
    row = {
        "id": "e1", "case_id": "c1", "seq": 3, "kind": "note", "at": MOMENT, "actor": "root",
        "status_from": None, "status_to": None, "data": "{}", "text_ct": b"\x01sealed",
        "column_of_a_newer_client": "left out",
    }  # fmt: skip
    stored = store_row(local.case_events, payloads.encode_row(row))
    del row["column_of_a_newer_client"]
    assert stored == {**row, "at": STORED}
    item = PulledItem(outbox.CASE_EVENT, "e1", 9, {"row": payloads.encode_row(row)})
    assert row_of(item) == stored and item.field("case_id") == "c1"
    assert row_of(PulledItem(outbox.CASE_EVENT, "e1", 9, {}, stored)) is stored


def test_a_case_flag_stays_a_flag() -> None:
    assert store_row(local.cases, {"escalated": True, "version": 2}) == {"escalated": True, "version": 2}


def test_sent_columns_leave_out_what_no_workstation_sends() -> None:
    names = {column.name for column in sent_columns(outbox.CASE)}
    assert not names & set(outbox.CASE_LOCAL_COLUMNS) and {"id", "version", "content_ct"} <= names
    assert "seq" not in {column.name for column in sent_columns(outbox.AUDIT)}
    assert "seq" in {column.name for column in sent_columns(outbox.CASE_EVENT)}
    assert "seq" not in {column.name for column in read_columns(outbox.CASE_EVENT)}  # numbered again here


def test_a_column_type_without_a_pulled_form_is_refused() -> None:
    table = Table("t", MetaData(), Column("amount", Numeric))
    with pytest.raises(TypeError):
        kind_of(table.c.amount)
