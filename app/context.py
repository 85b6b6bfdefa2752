"""What every service call needs besides its session: who acts, the field crypto, masking, the clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from app.crypto.fields import FieldCrypto
from app.domain import Actor
from app.masking import MaskingPolicy
from app.reference import ReferenceData


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True)
class ServiceContext:
    actor: Actor
    crypto: FieldCrypto
    masking: MaskingPolicy
    reference: ReferenceData
    clock: Callable[[], dt.datetime] = field(default=utc_now)
