"""Row values to JSON and back for the outbox and the central database: bytes stay ciphertext (base64)."""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

BYTES = "$b64"
TIME = "$ts"


def encode_value(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return {BYTES: base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dt.datetime):
        return {TIME: value.astimezone(dt.UTC).isoformat(timespec="microseconds")}
    return value


def decode_value(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        if BYTES in value:
            return base64.b64decode(value[BYTES])
        if TIME in value:
            return dt.datetime.fromisoformat(value[TIME])
    return value


def encode_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {name: encode_value(value) for name, value in row.items()}


def decode_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {name: decode_value(value) for name, value in row.items()}


def to_bytes(payload: Mapping[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def from_bytes(data: bytes) -> dict[str, Any]:
    return json.loads(data)
