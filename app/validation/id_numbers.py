"""Validate and normalise identity document numbers: resident ID, USCC and passport."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from stdnum import numdb
from stdnum.cn import ric, uscc

from app.domain import IdType
from app.errors import InvalidValue

_SEPARATORS = re.compile(r"[\s\-]+")
_RID18 = re.compile(r"[0-9]{17}[0-9X]")
_RID15 = re.compile(r"[0-9]{15}")
_PASSPORT = re.compile(r"[A-Z0-9]{5,17}")
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015: no I, O, Z, S, V
_USCC = re.compile(rf"[{_USCC_ALPHABET}]{{2}}[0-9]{{6}}[{_USCC_ALPHABET}]{{10}}")

# Residence permits for Hong Kong, Macao and Taiwan residents (港澳台居民居住证, 2018) use the
# resident-ID layout with these codes; stdnum's table lacks 830000 and dates 810000/820000 from
# the handovers, which would refuse permit holders born earlier.
_PERMIT_REGIONS = frozenset({"810000", "820000", "830000"})
_EARLIEST_BIRTH_YEAR = 1900


def _compact(raw: str) -> str:
    # NFKC turns full-width digits and letters typed with a Chinese IME into ASCII.
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", raw)).upper()


def resident_id_check_digit(first17: str) -> str:
    """The check character (0-9 or X, ISO 7064 MOD 11-2) for the first 17 digits of a resident ID."""
    # stdnum's calc_check_digit ignores the last character of what it is given.
    return ric.calc_check_digit(first17 + "0")


def region_is_known(code: str) -> bool:
    """True if the 6-digit code was a county-level region code at any time since 1980."""
    if code in _PERMIT_REGIONS:
        return True
    info: dict[str, str] = {}
    for _part, props in numdb.get("cn/loc").info(code):
        info.update(props)
    # Years are deliberately ignored: stdnum refuses a code for people born before the code
    # existed (东莞 441900 dates from 1988), but numbers are assigned at registration, so real
    # holders born earlier carry it; likewise holders keep codes abolished later (412723).
    return "province" in info and "county" in info


def _birth_date(yyyy: str, mm: str, dd: str) -> dt.date:
    written = f"{yyyy}-{mm}-{dd}"
    try:
        born = dt.date(int(yyyy), int(mm), int(dd))
    except ValueError:
        raise InvalidValue("rid_birth_date", date=written) from None
    if born.year < _EARLIEST_BIRTH_YEAR or born > dt.date.today():
        raise InvalidValue("rid_birth_date", date=written)
    return born


def validate_resident_id(raw: str) -> str:
    """Return an 18-character resident ID number; an old 15-digit number is upgraded to 18."""
    number = _compact(raw)
    if not number:
        raise InvalidValue("required")
    if len(number) not in (15, 18):
        raise InvalidValue("rid_length")
    if len(number) == 15:
        if not _RID15.fullmatch(number):
            raise InvalidValue("rid_format")
        # First-generation cards (until 1999) wrote the year with two digits and had no check digit.
        _birth_date("19" + number[6:8], number[8:10], number[10:12])
        first17 = number[:6] + "19" + number[6:]
        if not region_is_known(number[:6]):
            raise InvalidValue("rid_region")
        return first17 + resident_id_check_digit(first17)
    if not _RID18.fullmatch(number):
        raise InvalidValue("rid_format")
    # Date and region before the checksum: a typo inside the date is then reported where it is.
    _birth_date(number[6:10], number[10:12], number[12:14])
    if not region_is_known(number[:6]):
        raise InvalidValue("rid_region")
    if number[-1] != resident_id_check_digit(number[:17]):
        raise InvalidValue("rid_checksum")
    return number


def validate_uscc(raw: str) -> str:
    """Return a unified social credit code (统一社会信用代码) upper-cased, check character verified."""
    number = _compact(raw)
    if not number:
        raise InvalidValue("required")
    # Own format check rather than stdnum's validate(): stdnum wants 8 leading digits, but the
    # registering authority and entity type may be letters (N2… rural collectives, Y1… others).
    if not _USCC.fullmatch(number):
        raise InvalidValue("uscc_format")
    if number[-1] != uscc.calc_check_digit(number[:17]):
        raise InvalidValue("uscc_checksum")
    return number


def validate_passport(raw: str) -> str:
    """Return a passport number upper-cased: 5 to 17 letters or digits."""
    number = _compact(raw)
    if not number:
        raise InvalidValue("required")
    if not _PASSPORT.fullmatch(number):
        raise InvalidValue("passport_format")
    return number


_VALIDATORS = {
    IdType.RESIDENT_ID: validate_resident_id,
    IdType.USCC: validate_uscc,
    IdType.PASSPORT: validate_passport,
}


def validate_id_number(id_type: IdType, raw: str) -> str:
    """Validate raw as a number of the given document type and return it normalised."""
    return _VALIDATORS[IdType(id_type)](raw)
