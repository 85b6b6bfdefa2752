"""Recognise what a teller typed into the customer search box: ID number, mobile or card."""

from __future__ import annotations

import re
import unicodedata

from app.domain import LookupKind
from app.errors import InvalidValue
from app.validation.id_numbers import validate_passport, validate_resident_id, validate_uscc
from app.validation.phones import validate_mobile

_SEPARATORS = re.compile(r"[\s\-]+")
# Province-level codes (GB/T 2260), plus 83 of Taiwan residents' residence permits.
_PROVINCES = (
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82", "83",
)  # fmt: skip
_PROVINCE = "(?:" + "|".join(_PROVINCES) + ")"
# "ID shape": a province code, then a 19xx/20xx birth year (18 characters) — so that most 18-digit
# account numbers still reach the card lookup.
_RID18_SHAPE = re.compile(_PROVINCE + r"[0-9]{4}(?:19|20)[0-9]{9}[0-9X]")
_RID18_ANY = re.compile(r"[0-9]{17}[0-9X]")
_RID15_SHAPE = re.compile(_PROVINCE + r"[0-9]{13}")
_CHARS18 = re.compile(r"[0-9A-Z]{18}")
# Most all-digit USCCs are issued by 机构编制 (1), 民政 (5) or 市场监管/工商 (9); other 18-digit
# values are taken for account numbers.
_USCC_ALL_DIGIT_AUTHORITIES = "159"
_MOBILE = re.compile(r"(?:\+86|0086|86)?1[0-9]{10}")
_CARD = re.compile(r"[0-9]{12,19}")
_PASSPORT = re.compile(r"(?=.*[A-Z])[0-9A-Z]{5,17}")


def _is_uscc(term: str) -> bool:
    try:
        validate_uscc(term)
    except InvalidValue:
        return False
    return True


def _eighteen_character_id(term: str) -> str | None:
    """The ID number that an 18-character term stands for; None for an 18-digit account number."""
    if _RID18_SHAPE.fullmatch(term):
        try:
            return validate_resident_id(term)
        except InvalidValue:
            # A USCC registered by 机构编制 (12…, 13…) can look like a resident ID.
            if _is_uscc(term):
                return term
            raise
    if _is_uscc(term) and (not term.isdigit() or term[0] in _USCC_ALL_DIGIT_AUTHORITIES):
        return term
    if term.isdigit():
        return None
    if _RID18_ANY.fullmatch(term):
        return validate_resident_id(term)  # 17 digits and X: only an ID; raises why it is wrong
    return validate_uscc(term)  # letters: only a USCC; raises why it is wrong


def recognise_search_term(raw: str) -> tuple[LookupKind, str]:
    """Classify a search term and return it normalised for its blind-index lookup.

    Checks, in order, after NFKC, removing spaces and hyphens and upper-casing:
    1. 15 digits starting with a province code -> ID_NUMBER (old resident ID, returned as 18);
    2. 18 letters/digits:
       a. province code + 19xx/20xx year (+ 17 digits and 0-9/X) -> ID_NUMBER, validated; a wrong
          date, region or check digit raises the specific rid_* error, unless the term is a
          valid USCC (some USCCs look like IDs);
       b. a valid USCC (all-digit ones only if they start with 1, 5 or 9) -> ID_NUMBER;
       c. 18 digits otherwise -> on to the card check (step 4);
       d. 17 digits + X -> the rid_* error that explains it; other letters -> the uscc_* error;
    3. 11 digits starting with 1, optionally after +86 / 0086 / 86 -> MOBILE (mobile_prefix
       raised for 10x–12x);
    4. 12–19 digits -> CARD, digits only, no Luhn check (a typo just finds nothing);
    5. 5–17 letters and digits with at least one letter -> ID_NUMBER as a passport number;
    6. anything else -> InvalidValue("search_unrecognised").
    """
    term = _SEPARATORS.sub("", unicodedata.normalize("NFKC", raw)).upper()
    if _RID15_SHAPE.fullmatch(term):
        return LookupKind.ID_NUMBER, validate_resident_id(term)
    if _CHARS18.fullmatch(term):
        number = _eighteen_character_id(term)
        if number is not None:
            return LookupKind.ID_NUMBER, number
    if _MOBILE.fullmatch(term):
        return LookupKind.MOBILE, validate_mobile(term)
    if _CARD.fullmatch(term):
        return LookupKind.CARD, term
    if _PASSPORT.fullmatch(term):
        return LookupKind.ID_NUMBER, validate_passport(term)
    raise InvalidValue("search_unrecognised")
