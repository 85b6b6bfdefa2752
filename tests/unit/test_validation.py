"""Tests for app.validation: known good and bad values, and properties over arbitrary text."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from app.domain import CustomerDraft, IdType, LookupKind
from app.errors import InvalidValue, ValidationError
from app.messages import TEXTS, Message
from app.validation import (
    check_customer_draft,
    has_control_chars,
    recognise_search_term,
    validate_address,
    validate_card,
    validate_customer_draft,
    validate_id_number,
    validate_mobile,
    validate_name,
    validate_organisation_name,
    validate_passport,
    validate_reason,
    validate_resident_id,
    validate_uscc,
)
from app.validation.id_numbers import resident_id_check_digit
from app.validation.phones import luhn_check_digit, luhn_is_valid

VALID_RID = "11010519491231002X"
VALID_USCC = "91350100M000100Y43"
UNIONPAY = "622202123456789012" + luhn_check_digit("622202123456789012")


def rid(first17: str) -> str:
    return first17 + resident_id_check_digit(first17)


def raises(code: str, **params: object) -> Callable[[Callable[[], object]], None]:
    def check(call: Callable[[], object]) -> None:
        with pytest.raises(InvalidValue) as info:
            call()
        assert info.value.message == Message(code, dict(params))

    return check


# Case tables, several short cases a line.
# fmt: off
RID_FORMS = [VALID_RID, "11010519491231002x", " 110105 19491231 002X ", "110105-19491231-002X",
             "１１０１０５１９４９１２３１００２Ｘ"]
RID_SHAPE_ERRORS = [("", "required"), ("   ", "required"), ("1101051949123100", "rid_length"),
                    ("1101051949123100211", "rid_length"), ("1101051949A231002X", "rid_format"),
                    ("11010519491231002Y", "rid_format"), ("11010549123100X", "rid_format")]
USCC_ERRORS = [("", "required"), ("91350100M000100Y44", "uscc_checksum"),
               ("91350100M000100I43", "uscc_format"), ("91350100M000100Y4", "uscc_format"),
               ("9135A100M000100Y43", "uscc_format")]
MOBILE_FORMS = ["13812345678", "138 1234 5678", "138-1234-5678", "+86 138 1234 5678", "8613812345678",
                "0086 13812345678", "+86-138-1234-5678", "１３８１２３４５６７８"]
MOBILE_ERRORS = [("", "required", {}), ("1381234567", "mobile_format", {}),
                 ("138123456789", "mobile_format", {}), ("23812345678", "mobile_format", {}),
                 ("1381234567a", "mobile_format", {}), ("+85291234567", "mobile_format", {}),
                 ("12345678901", "mobile_prefix", {"prefix": "123"}),
                 ("+86 10012345678", "mobile_prefix", {"prefix": "100"})]
CARDS = [("4111 1111 1111 1111", "4111111111111111"), ("5555-5555-5555-4444", "5555555555554444"),
         (UNIONPAY, UNIONPAY), ("310066123456789012", "310066123456789012"),  # account: no Luhn
         ("411111111112", "411111111112"), ("6222021234567", "6222021234567")]  # too short for Luhn
CARD_ERRORS = [("", "required"), ("4111111111111112", "card_checksum"), (UNIONPAY[:-1] + "x", "card_format"),
               ("12345678901", "card_format"), ("1" * 20, "card_format"),
               (UNIONPAY[:-1] + str((int(UNIONPAY[-1]) + 1) % 10), "card_checksum")]
NAMES = [("张三", "张三"), ("  张   三丰 ", "张 三丰"), ("欧阳娜娜", "欧阳娜娜"),
         ("阿卜杜・热合曼", "阿卜杜·热合曼"), ("阿卜杜•热合曼", "阿卜杜·热合曼"),
         ("José Müller-O'Neil", "José Müller-O'Neil"), ("Jose\u0301", "José"),
         ("J. R. R. Tolkien", "J. R. R. Tolkien"), ("O\u2019Brien", "O'Brien"),
         ("ＪＯＨＮ　ＳＭＩＴＨ", "JOHN SMITH"), ("㐀三", "㐀三"), ("王\U00020000", "王\U00020000")]
NAME_ERRORS = [("张\u200b三", "control_chars"), ("\u202e张三", "control_chars"),
               ("张\x00三", "control_chars"), ("张三\ufeff", "control_chars"),
               ("张\u2066三\u2069", "control_chars"), ("张\u200d三", "control_chars"),
               ("张三1", "name_chars"), ("张三@", "name_chars"), ("··", "name_chars"),
               ("张三😀", "name_chars"), ("", "required"), (" \u3000 ", "required")]
SEARCHES = [
    (VALID_RID.lower(), (LookupKind.ID_NUMBER, VALID_RID)),
    ("110105491231002", (LookupKind.ID_NUMBER, VALID_RID)),
    (VALID_USCC.lower(), (LookupKind.ID_NUMBER, VALID_USCC)),
    ("913505007821784439", (LookupKind.ID_NUMBER, "913505007821784439")),  # all-digit USCC
    ("121200004013590816", (LookupKind.ID_NUMBER, "121200004013590816")),  # 机构编制, Tianjin
    ("+86 138-1234-5678", (LookupKind.MOBILE, "13812345678")),
    ("13812345678", (LookupKind.MOBILE, "13812345678")),
    (f"{UNIONPAY[:4]} {UNIONPAY[4:]}", (LookupKind.CARD, UNIONPAY)),
    ("4111111111111112", (LookupKind.CARD, "4111111111111112")),  # no Luhn for search
    ("310066123456789012", (LookupKind.CARD, "310066123456789012")),  # 18-digit account
    ("e1234 5678", (LookupKind.ID_NUMBER, "E12345678")),
]
SEARCH_ERRORS = [("110105194912310021", "rid_checksum", {}),
                 (rid("11010519490231002"), "rid_birth_date", {"date": "1949-02-31"}),
                 ("99010519491231002X", "rid_region", {}), ("91350100M000100Y44", "uscc_checksum", {}),
                 ("12345678901", "mobile_prefix", {"prefix": "123"}), ("", "search_unrecognised", {}),
                 ("张三", "search_unrecognised", {}), ("1234", "search_unrecognised", {}),
                 ("E123!", "search_unrecognised", {})]
# fmt: on


# --- resident ID -----------------------------------------------------------------------------


@pytest.mark.parametrize("raw", RID_FORMS)
def test_resident_id_valid_forms(raw: str) -> None:
    assert validate_resident_id(raw) == VALID_RID


def test_resident_id_agrees_with_stdnum_on_the_known_example() -> None:
    assert ric.is_valid(VALID_RID)


def test_wrong_check_digit() -> None:
    raises("rid_checksum")(lambda: validate_resident_id("110105194912310021"))


def test_birth_date_that_does_not_exist() -> None:
    number = rid("11010519490231002")
    raises("rid_birth_date", date="1949-02-31")(lambda: validate_resident_id(number))


def test_birth_date_in_the_future_or_before_1900() -> None:
    future = rid(f"110105{dt.date.today().year + 1}0101002")
    raises("rid_birth_date", date=f"{dt.date.today().year + 1}-01-01")(lambda: validate_resident_id(future))
    raises("rid_birth_date", date="1899-12-31")(lambda: validate_resident_id(rid("11010518991231002")))


def test_fifteen_digit_number_is_upgraded() -> None:
    assert validate_resident_id("110105491231002") == VALID_RID
    raises("rid_birth_date", date="1949-02-31")(lambda: validate_resident_id("110105490231002"))


@pytest.mark.parametrize(("raw", "code"), RID_SHAPE_ERRORS)
def test_resident_id_shape_errors(raw: str, code: str) -> None:
    raises(code)(lambda: validate_resident_id(raw))


@pytest.mark.parametrize("region", ["990000", "000000", "119999"])
def test_unknown_region(region: str) -> None:
    raises("rid_region")(lambda: validate_resident_id(rid(region + "19800101001")))


@pytest.mark.parametrize(
    "first17",
    [
        "44190019700101001",  # 东莞市 code dates from 1988; older residents received it later
        "11011219500101001",  # 通州区 (1997) for someone born in 1950
        "83000019800101001",  # residence permit of a Taiwan resident
        "81000019800101001",  # residence permit of a Hong Kong resident born before 1997
    ],
)
def test_real_numbers_that_stdnum_would_refuse_are_accepted(first17: str) -> None:
    number = rid(first17)
    assert not ric.is_valid(number)  # stdnum checks the year the region code was valid
    assert validate_resident_id(number) == number


def test_abolished_region_code_is_accepted() -> None:
    number = rid("41272319600101001")  # 商水县 code abolished in 2000; its holders keep it
    assert validate_resident_id(number) == number


# --- USCC and passport -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", [VALID_USCC, "91350100m000100y43", "9135 0100 M000 100Y 43", "91110000600037341L"]
)
def test_uscc_valid(raw: str) -> None:
    expected = raw.replace(" ", "").upper()
    assert uscc.is_valid(expected)
    assert validate_uscc(raw) == expected


def test_uscc_with_letter_authority_is_accepted() -> None:
    first17 = "N2330110MA2XXXXX1"  # registered by 农业农村部门 (rural collective)
    number = first17 + uscc.calc_check_digit(first17)
    assert validate_uscc(number) == number


@pytest.mark.parametrize(("raw", "code"), USCC_ERRORS)
def test_uscc_errors(raw: str, code: str) -> None:
    raises(code)(lambda: validate_uscc(raw))


def test_passport() -> None:
    assert validate_passport(" e1234 5678 ") == "E12345678"
    assert validate_passport("123456789") == "123456789"
    raises("passport_format")(lambda: validate_passport("E123"))
    raises("passport_format")(lambda: validate_passport("E1234567!"))
    raises("passport_format")(lambda: validate_passport("E" * 18))
    raises("required")(lambda: validate_passport(""))


def test_id_number_dispatch() -> None:
    assert validate_id_number(IdType.RESIDENT_ID, "110105491231002") == VALID_RID
    assert validate_id_number(IdType.USCC, VALID_USCC.lower()) == VALID_USCC
    assert validate_id_number(IdType.PASSPORT, "g1234567") == "G1234567"


# --- mobile and card -------------------------------------------------------------------------


@pytest.mark.parametrize("raw", MOBILE_FORMS)
def test_mobile_forms(raw: str) -> None:
    assert validate_mobile(raw) == "13812345678"


@pytest.mark.parametrize(("raw", "code", "params"), MOBILE_ERRORS)
def test_mobile_errors(raw: str, code: str, params: dict[str, object]) -> None:
    raises(code, **params)(lambda: validate_mobile(raw))


def test_luhn() -> None:
    assert luhn_is_valid("4111111111111111")
    assert not luhn_is_valid("4111111111111112")
    assert luhn_is_valid(UNIONPAY)
    assert luhn_check_digit("7992739871") == "3"


@pytest.mark.parametrize(("raw", "expected"), CARDS)
def test_card_valid(raw: str, expected: str) -> None:
    assert validate_card(raw) == expected


@pytest.mark.parametrize(("raw", "code"), CARD_ERRORS)
def test_card_errors(raw: str, code: str) -> None:
    raises(code)(lambda: validate_card(raw))


# --- names and free text ---------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), NAMES)
def test_name_valid(raw: str, expected: str) -> None:
    assert validate_name(raw) == expected


@pytest.mark.parametrize(("raw", "code"), NAME_ERRORS)
def test_name_errors(raw: str, code: str) -> None:
    raises(code)(lambda: validate_name(raw))


def test_name_length() -> None:
    assert validate_name("王" * 50) == "王" * 50
    raises("too_long", max=50)(lambda: validate_name("王" * 51))
    raises("too_long", max=4)(lambda: validate_name("欧阳娜娜娜", max_length=4))


def test_organisation_name_allows_brackets_and_digits() -> None:
    assert validate_organisation_name(" 腾讯科技(深圳)有限公司 ") == "腾讯科技(深圳)有限公司"
    raises("control_chars")(lambda: validate_organisation_name("某\u200b公司"))
    raises("required")(lambda: validate_organisation_name(""))


def test_address_and_reason() -> None:
    assert validate_address("") == ""
    assert validate_address(" 上海市 徐汇区\n漕溪北路 1 号 ") == "上海市 徐汇区 漕溪北路 1 号"
    raises("control_chars")(lambda: validate_address("上海\u202e市"))
    raises("too_long", max=200)(lambda: validate_address("路" * 201))
    assert validate_reason("  客户要求更正  ") == "客户要求更正"
    raises("reason_required", min=2)(lambda: validate_reason(" a "))
    raises("reason_required", min=5)(lambda: validate_reason("更正", min_length=5))
    raises("too_long", max=200)(lambda: validate_reason("因" * 201))


def test_has_control_chars() -> None:
    assert not has_control_chars("张三\tLi\n")
    for char in "\x00\x1b\x7f\u200b\u200c\u200d\u2060\u202a\u202e\u2066\u2069\ufeff\u00ad\u2028":
        assert has_control_chars(f"a{char}b"), repr(char)


# --- whole customer --------------------------------------------------------------------------


def draft(**changes: object) -> CustomerDraft:
    accounts = (UNIONPAY, "", f"{UNIONPAY[:6]} {UNIONPAY[6:]}", "310066123456789012")
    base = CustomerDraft(" 张三 ", IdType.RESIDENT_ID, "110105491231002", "+86 138 1234 5678",
                         "北京市朝阳区", accounts, consent_given=True)  # fmt: skip
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_customer_draft_normalised() -> None:
    customer, errors = check_customer_draft(draft())
    assert errors == {}
    assert customer is not None
    assert (customer.name, customer.id_number, customer.mobile) == ("张三", VALID_RID, "13812345678")
    assert customer.accounts == (UNIONPAY, "310066123456789012")  # blank skipped, duplicate dropped
    assert validate_customer_draft(draft()) == customer


def test_customer_draft_reports_every_field() -> None:
    bad = draft(
        name="张\u200b三",
        id_number="110105194912310021",
        mobile="123",
        address="\x00",
        accounts=(UNIONPAY, "4111111111111112", "12"),
        consent_given=False,
    )
    customer, errors = check_customer_draft(bad)
    assert customer is None
    assert errors == {
        "name": Message("control_chars"),
        "id_number": Message("rid_checksum"),
        "mobile": Message("mobile_format"),
        "address": Message("control_chars"),
        "accounts": Message("card_checksum"),
        "consent": Message("consent_required"),
    }
    with pytest.raises(ValidationError) as info:
        validate_customer_draft(bad)
    assert info.value.field_errors == errors


def test_organisation_customer() -> None:
    customer, errors = check_customer_draft(
        draft(name="上海某某贸易有限公司(浦东)", id_type=IdType.USCC, id_number=VALID_USCC)
    )
    assert errors == {} and customer is not None and customer.id_type is IdType.USCC


# --- search ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), SEARCHES)
def test_search_recognises(raw: str, expected: tuple[LookupKind, str]) -> None:
    assert recognise_search_term(raw) == expected


@pytest.mark.parametrize(("raw", "code", "params"), SEARCH_ERRORS)
def test_search_explains_bad_terms(raw: str, code: str, params: dict[str, object]) -> None:
    raises(code, **params)(lambda: recognise_search_term(raw))


# --- properties ------------------------------------------------------------------------------

REGIONS = ("110105", "310104", "440304", "441900", "412723", "510107", "650102", "830000")
# fmt: off
TEXT_VALIDATORS: list[Callable[[str], object]] = [
    validate_resident_id, validate_uscc, validate_passport, validate_mobile, validate_card,
    validate_name, validate_organisation_name, validate_address, validate_reason, recognise_search_term,
]
# fmt: on
ID_LIKE = st.text(alphabet="0123456789xX -+", max_size=22)


@st.composite
def resident_ids(draw: st.DrawFn) -> str:
    region = draw(st.sampled_from(REGIONS))
    born = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date.today()))
    first17 = f"{region}{born:%Y%m%d}{draw(st.integers(0, 999)):03d}"
    return first17 + resident_id_check_digit(first17)


@pytest.mark.parametrize("validate", TEXT_VALIDATORS)
@given(raw=st.one_of(st.text(), ID_LIKE))
def test_validators_raise_only_invalid_value(validate: Callable[[str], object], raw: str) -> None:
    try:
        validate(raw)
    except InvalidValue as exc:
        assert exc.message.code in TEXTS
        exc.message.render("zh_CN")  # every placeholder is supplied
        exc.message.render("en")


@pytest.mark.parametrize("validate", TEXT_VALIDATORS[:-1])
@given(raw=st.one_of(st.text(), ID_LIKE))
def test_normalisation_is_idempotent(validate: Callable[[str], str], raw: str) -> None:
    try:
        once = validate(raw)
    except InvalidValue:
        return
    assert validate(once) == once


@given(number=resident_ids())
def test_generated_resident_ids_validate_and_round_trip(number: str) -> None:
    assert validate_resident_id(number) == number
    assert validate_resident_id(number.lower().replace("", " ")) == number
    assert recognise_search_term(number) == (LookupKind.ID_NUMBER, number)
    if number[6:8] == "19":  # an old 15-digit number of the same person upgrades to this one
        assert validate_resident_id(number[:6] + number[8:17]) == number


@given(number=resident_ids(), position=st.integers(0, 16), delta=st.integers(1, 9))
def test_any_single_digit_typo_is_caught(number: str, position: int, delta: int) -> None:
    typo = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1 :]
    with pytest.raises(InvalidValue):
        validate_resident_id(typo)
