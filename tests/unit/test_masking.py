"""Tests for app.masking: default display of each field and the guarantees of mask()."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import CustomerField
from app.masking import MaskingPolicy, mask

POLICY = MaskingPolicy()


@pytest.mark.parametrize(
    ("value", "expected"),
    [("张三丰", "张**"), ("欧阳娜娜", "欧***"), ("张三", "张*"), ("张", "*"), ("", "")],
)
def test_names_show_the_surname_only(value: str, expected: str) -> None:
    assert POLICY.mask_name(value) == expected


def test_default_windows() -> None:
    assert POLICY.mask_id_number("11010519491231002X") == "1****************X"
    assert POLICY.mask_mobile("13812345678") == "138****5678"
    assert POLICY.mask_card("6222021234567890123") == "622202*********0123"
    assert POLICY.mask_address("北京市朝阳区建国路88号") == "北京市朝阳区******"
    assert POLICY.mask_accounts(("6222021234567890123", "4111111111111111")) == (
        "622202*********0123, 411111******1111"
    )
    assert POLICY.mask_accounts(()) == ""


def test_short_values_are_never_revealed() -> None:
    # The configured window would show everything: at most half stays visible, tail cut first.
    assert POLICY.mask_address("北京市") == "北**"
    assert POLICY.mask_mobile("1381234") == "138****"
    assert POLICY.mask_card("6222021234") == "62220*****"
    assert POLICY.mask_id_number("X") == "*"
    assert mask("abcd", 3, 4) == "ab**"
    assert mask("abcde", 1, 4) == "a***e"
    assert mask("abcdef", 2, 4) == "ab***f"


def test_mask_field() -> None:
    assert POLICY.mask_field(CustomerField.NAME, "张三丰") == "张**"
    assert POLICY.mask_field(CustomerField.MOBILE, "13812345678") == "138****5678"
    assert POLICY.mask_field(CustomerField.ID_NUMBER, "E12345678") == "E*******8"
    assert POLICY.mask_field(CustomerField.ADDRESS, "") == ""
    assert POLICY.mask_field(CustomerField.ACCOUNTS, "6222021234567890123, 4111111111111111") == (
        "622202*********0123, 411111******1111"
    )
    assert POLICY.mask_field("mobile", "13812345678") == "138****5678"  # type: ignore[arg-type]


def test_policy_from_settings() -> None:
    settings = SimpleNamespace(
        mask_name_keep=(0, 0),
        mask_id_keep=(6, 4),
        mask_mobile_keep=(3, 2),
        mask_card_keep=(0, 4),
        mask_address_keep=(3, 0),
    )
    policy = MaskingPolicy.from_settings(settings)
    assert policy.mask_name("张三丰") == "***"
    assert policy.mask_id_number("11010519491231002X") == "110105********002X"
    assert policy.mask_mobile("13812345678") == "138******78"
    assert policy.mask_card("4111111111111111") == "************1111"
    assert policy.mask_address("北京市朝阳区") == "北京市***"


def test_defaults_match_config() -> None:
    from app.config import SETTINGS_BY_NAME

    defaults = SimpleNamespace(
        **{name: SETTINGS_BY_NAME[name].default for name in SETTINGS_BY_NAME if name.startswith("mask_")}
    )
    assert MaskingPolicy.from_settings(defaults) == MaskingPolicy()


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        mask("abc", -1, 0)
    with pytest.raises(ValueError):
        mask("abc", 1, 0, fill="**")


keeps = st.integers(min_value=0, max_value=8)


def _unused_char(value: str) -> str:
    return next(chr(code) for code in range(0xE000, 0xF900) if chr(code) not in value)


@given(value=st.text(), head=keeps, tail=keeps)
def test_mask_properties(value: str, head: int, tail: int) -> None:
    masked = mask(value, head, tail)
    length = len(value)
    assert len(masked) == length

    # Mask again with a fill that the value does not contain, to count exactly what was kept.
    fill = _unused_char(value)
    marked = mask(value, head, tail, fill=fill)
    assert marked.replace(fill, "*") == masked
    hidden = [original for original, shown in zip(value, marked, strict=True) if shown == fill]
    if any(original != "*" for original in hidden):  # ("0*" keeping "0" looks the same masked)
        assert masked != value
    assert fill in marked or length == 0  # something is always masked
    shown_head = marked.find(fill) if length else 0
    shown_tail = length - 1 - marked.rfind(fill) if length else 0
    kept = length - marked.count(fill)
    assert marked == value[:shown_head] + fill * (length - kept) + value[length - shown_tail :]
    assert kept == shown_head + shown_tail  # only a prefix and a suffix survive
    assert shown_head <= head and shown_tail <= tail
    assert kept <= head + tail
    if length > head + tail:
        assert (shown_head, shown_tail) == (head, tail)  # the configured window, exactly
    else:
        assert kept <= length // 2
