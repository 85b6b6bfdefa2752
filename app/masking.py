"""Mask personal values for display (脱敏): keep a configured head and tail, star the rest."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app.domain import CustomerField

Keep = tuple[int, int]
_ACCOUNT_SEPARATORS = re.compile(r"[,,;;\s]+")


def mask(value: str, head: int, tail: int, fill: str = "*") -> str:
    """Return value with all but `head` leading and `tail` trailing characters replaced by fill.

    The output has the same length as the input. When the value is longer than head + tail
    the configured window is honoured exactly (a phone shows 3 + 4 of its 11 digits, as banks
    print it). When the value is not longer than head + tail, the window would show all of it,
    so it shrinks — tail first, then head — until at most floor(len / 2) characters remain,
    which keeps at least one character (in fact at least half) masked.
    """
    if head < 0 or tail < 0:
        raise ValueError("head and tail must not be negative")
    if len(fill) != 1:
        raise ValueError("fill must be a single character")
    length = len(value)
    if length <= head + tail:
        excess = head + tail - length // 2
        cut_tail = min(tail, excess)
        tail -= cut_tail
        head -= excess - cut_tail
    hidden = length - head - tail
    return value[:head] + fill * hidden + value[length - tail :]


def _keep(value: Any) -> Keep:
    head, tail = value
    return int(head), int(tail)


@dataclass(frozen=True, slots=True)
class MaskingPolicy:
    """How many leading and trailing characters of each personal field stay visible."""

    name_keep: Keep = (1, 0)  # surname only: 张三丰 -> 张**
    id_keep: Keep = (1, 1)  # 1****************X
    mobile_keep: Keep = (3, 4)  # 138****5678
    card_keep: Keep = (6, 4)  # issuer (BIN) and last four, as on receipts
    address_keep: Keep = (6, 0)  # roughly province and city

    @classmethod
    def from_settings(cls, settings: Any) -> MaskingPolicy:
        """Build the policy from app.config Settings (mask_*_keep values)."""
        return cls(
            name_keep=_keep(settings.mask_name_keep),
            id_keep=_keep(settings.mask_id_keep),
            mobile_keep=_keep(settings.mask_mobile_keep),
            card_keep=_keep(settings.mask_card_keep),
            address_keep=_keep(settings.mask_address_keep),
        )

    def mask_name(self, value: str) -> str:
        return mask(value, *self.name_keep)

    def mask_id_number(self, value: str) -> str:
        return mask(value, *self.id_keep)

    def mask_mobile(self, value: str) -> str:
        return mask(value, *self.mobile_keep)

    def mask_card(self, value: str) -> str:
        return mask(value, *self.card_keep)

    def mask_address(self, value: str) -> str:
        return mask(value, *self.address_keep)

    def mask_accounts(self, accounts: tuple[str, ...]) -> str:
        """Each card or account number masked, joined with ", "."""
        return ", ".join(self.mask_card(account) for account in accounts)

    def mask_field(self, field: CustomerField, value: str) -> str:
        """Mask one field's value; for ACCOUNTS, value is a list separated by commas or spaces."""
        field = CustomerField(field)
        if field is CustomerField.ACCOUNTS:
            parts = tuple(part for part in _ACCOUNT_SEPARATORS.split(value) if part)
            return self.mask_accounts(parts)
        maskers = {
            CustomerField.NAME: self.mask_name,
            CustomerField.ID_NUMBER: self.mask_id_number,
            CustomerField.MOBILE: self.mask_mobile,
            CustomerField.ADDRESS: self.mask_address,
        }
        return maskers[field](value)
