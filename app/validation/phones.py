"""Validate and normalise mainland mobile numbers and bank card/account numbers."""

from __future__ import annotations

import re
import unicodedata

from app.errors import InvalidValue

_SEPARATORS = re.compile(r"[\s\-]+")
_DIGITS = re.compile(r"[0-9]+")
_COUNTRY_PREFIXES = ("+86", "0086", "86")

# Mainland mobile numbers are 1[3-9]x xxxx xxxx. Within 13x–19x only the second digit is checked:
# the unassigned third digits (154, 194 ...) change as MIIT issues new ranges, and refusing a real
# customer's number is worse than accepting a number nobody owns.
MOBILE_SECOND_DIGITS = frozenset("3456789")

CARD_MIN_DIGITS = 12
CARD_MAX_DIGITS = 19
# Prefixes of payment cards (UnionPay 62, Visa 4, Mastercard 5) whose last digit is a Luhn check
# digit; other 12–19 digit values are bank account numbers, which carry no common checksum.
_LUHN_PREFIXES = ("62", "4", "5")
_LUHN_LENGTHS = range(16, 20)


def _compact(raw: str) -> str:
    # NFKC turns full-width digits and "+" typed with a Chinese IME into ASCII.
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", raw))


def validate_mobile(raw: str) -> str:
    """Return an 11-digit mainland mobile number; +86, 0086 or 86 in front is removed."""
    number = _compact(raw)
    if not number:
        raise InvalidValue("required")
    for prefix in _COUNTRY_PREFIXES:
        if number.startswith(prefix) and len(number) == len(prefix) + 11:
            number = number[len(prefix) :]
            break
    if len(number) != 11 or not _DIGITS.fullmatch(number) or number[0] != "1":
        raise InvalidValue("mobile_format")
    if number[1] not in MOBILE_SECOND_DIGITS:
        raise InvalidValue("mobile_prefix", prefix=number[:3])
    return number


def luhn_is_valid(digits: str) -> bool:
    """True if the last digit of an ASCII digit string is its Luhn (ISO/IEC 7812) check digit."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def luhn_check_digit(payload: str) -> str:
    """The Luhn check digit to append to an ASCII digit string."""
    return next(digit for digit in "0123456789" if luhn_is_valid(payload + digit))


def card_needs_luhn(digits: str) -> bool:
    """True for numbers shaped like payment cards, whose check digit is enforced."""
    return len(digits) in _LUHN_LENGTHS and digits.startswith(_LUHN_PREFIXES)


def validate_card(raw: str) -> str:
    """Return a card or account number as 12–19 digits; payment-card numbers must pass Luhn."""
    digits = _compact(raw)
    if not digits:
        raise InvalidValue("required")
    if not _DIGITS.fullmatch(digits) or not CARD_MIN_DIGITS <= len(digits) <= CARD_MAX_DIGITS:
        raise InvalidValue("card_format")
    if card_needs_luhn(digits) and not luhn_is_valid(digits):
        raise InvalidValue("card_checksum")
    return digits
