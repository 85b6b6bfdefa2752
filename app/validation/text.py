"""Validate and normalise free text typed at the counter: personal names, addresses, reasons."""

from __future__ import annotations

import unicodedata

from app.errors import InvalidValue

# Tab, newline and carriage return arrive from copy-paste; they are whitespace to collapse,
# not hidden content, so they are not counted as control characters.
_WHITESPACE_CONTROLS = frozenset("\t\n\r")

# Categories that are invisible or can reorder/hide text: Cc controls, Cf format characters
# (zero-width space/joiners, bidi overrides and isolates, BOM, soft hyphen), Cs lone surrogates,
# Zl/Zp line and paragraph separators. Private use (Co) and unassigned (Cn) are not refused here:
# Python 3.11 knows Unicode 14 only, and rare name characters from newer CJK extensions would
# otherwise look "unassigned".
_CONTROL_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})

# Middle-dot look-alikes that IMEs produce inside transliterated names (e.g. 阿卜杜·热合曼).
_MIDDLE_DOTS = {"\u00b7": "\u00b7", "\u30fb": "\u00b7", "\u2022": "\u00b7", "\uff65": "\u00b7"}
_NAME_PUNCTUATION = frozenset(" -'.\u00b7")
_APOSTROPHES = {"\u2019": "'"}  # a typographic apostrophe is the same letter as '

# CJK ideograph blocks: URO, extension A, compatibility, and the supplementary-plane extensions
# B–I and compatibility supplement, so that rare characters in real names (生僻字) are accepted.
_CJK_RANGES = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2EE5F),
    (0x2F800, 0x2FA1F),
    (0x30000, 0x323AF),
)


def has_control_chars(text: str) -> bool:
    """True if text holds an invisible or text-reordering character (tab/newline excepted)."""
    return any(
        unicodedata.category(ch) in _CONTROL_CATEGORIES and ch not in _WHITESPACE_CONTROLS for ch in text
    )


def _collapse_whitespace(text: str) -> str:
    # str.split() with no argument also splits on U+3000 (ideographic space) and NBSP.
    return " ".join(text.split())


def _fold_fullwidth_ascii(text: str) -> str:
    # Full-width Latin letters and punctuation (ＪＯＨＮ) come from Chinese IMEs in full-width mode.
    return "".join(chr(ord(ch) - 0xFEE0) if 0xFF01 <= ord(ch) <= 0xFF5E else ch for ch in text)


def _is_cjk_ideograph(ch: str) -> bool:
    code = ord(ch)
    return ch == "\u3007" or any(low <= code <= high for low, high in _CJK_RANGES)


def _is_latin_letter(ch: str) -> bool:
    return unicodedata.category(ch).startswith("L") and unicodedata.name(ch, "").startswith("LATIN ")


def _clean_text(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw)
    if has_control_chars(text):
        raise InvalidValue("control_chars")
    return _collapse_whitespace(text)


def validate_name(raw: str, max_length: int = 50) -> str:
    """Return a person's name normalised (NFC, trimmed, single spaces, one middle dot)."""
    text = _clean_text(_fold_fullwidth_ascii(raw))
    if not text:
        raise InvalidValue("required")
    text = "".join(_MIDDLE_DOTS.get(ch, _APOSTROPHES.get(ch, ch)) for ch in text)
    has_letter = False
    for ch in text:
        if _is_cjk_ideograph(ch) or _is_latin_letter(ch):
            has_letter = True
        elif ch not in _NAME_PUNCTUATION:
            raise InvalidValue("name_chars")
    if not has_letter:
        raise InvalidValue("name_chars")  # only dots and hyphens is not a name
    if len(text) > max_length:
        raise InvalidValue("too_long", max=max_length)
    return text


def validate_organisation_name(raw: str, max_length: int = 100) -> str:
    """Return an organisation's registered name trimmed; brackets and digits are allowed."""
    # Registered company names contain brackets and digits (腾讯科技(深圳)有限公司), so the
    # person-name alphabet does not apply; only invisible characters are refused.
    text = _clean_text(raw)
    if not text:
        raise InvalidValue("required")
    if len(text) > max_length:
        raise InvalidValue("too_long", max=max_length)
    return text


def validate_address(raw: str, max_length: int = 200) -> str:
    """Return an address trimmed to single spaces; an empty address is allowed and gives ""."""
    text = _clean_text(raw)
    if len(text) > max_length:
        raise InvalidValue("too_long", max=max_length)
    return text


def validate_reason(raw: str, min_length: int = 2, max_length: int = 200) -> str:
    """Return the reason given for a change or a reveal, trimmed; too short is refused."""
    text = _clean_text(raw)
    if len(text) < min_length:
        raise InvalidValue("reason_required", min=min_length)
    if len(text) > max_length:
        raise InvalidValue("too_long", max=max_length)
    return text
