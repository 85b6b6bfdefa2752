"""Envelopes and field encryption: round trips, tamper and misplacement detection, no leaks."""

from __future__ import annotations

import os
import struct

import pytest

from app.crypto.cipher import (
    ENVELOPE_VERSION,
    HEADER_BYTES,
    TAG_BYTES,
    Algorithm,
    DataKey,
    associated_data,
    envelope_algorithm,
    envelope_key_id,
    key_id_for,
    open_envelope,
    seal,
)
from app.crypto.fields import FieldCrypto
from app.errors import ConfigInvalid, DecryptionFailed

ALGORITHMS = [Algorithm.AES_256_GCM, Algorithm.SM4_GCM]
LONG_CHINESE = "北京市朝阳区建国路八十八号现代城五号楼一单元二十层二零零一室(客户要求回电)" * 40
AAD = associated_data("customers", "name", "row-1")


@pytest.fixture(params=ALGORITHMS, ids=lambda a: a.name)
def algorithm(request: pytest.FixtureRequest) -> Algorithm:
    return request.param


@pytest.fixture
def crypto(algorithm: Algorithm) -> FieldCrypto:
    return FieldCrypto(os.urandom(32), algorithm)


# -- settings and keys -----------------------------------------------------------------------


def test_algorithm_from_setting() -> None:
    assert Algorithm.from_setting("aes-256-gcm") is Algorithm.AES_256_GCM
    assert Algorithm.from_setting("sm4-gcm") is Algorithm.SM4_GCM
    assert Algorithm.from_setting(" SM4-GCM ") is Algorithm.SM4_GCM
    with pytest.raises(ConfigInvalid):
        Algorithm.from_setting("rot13")


def test_data_key_generate(algorithm: Algorithm) -> None:
    key = DataKey.generate(algorithm)
    assert len(key.material) == 32
    assert key.algorithm is algorithm
    assert key.key_id == key_id_for(key.material)
    assert 0 <= key.key_id < 2**32
    assert DataKey.generate(algorithm).material != key.material


def test_data_key_rejects_bad_material_and_wrong_key_id() -> None:
    with pytest.raises(ValueError):
        DataKey(b"short", Algorithm.AES_256_GCM, 0)
    material = os.urandom(32)
    with pytest.raises(ValueError):
        DataKey(material, Algorithm.AES_256_GCM, key_id_for(material) ^ 1)


def test_key_material_never_in_repr(algorithm: Algorithm) -> None:
    key = DataKey.generate(algorithm)
    org_key = os.urandom(32)
    crypto = FieldCrypto(org_key, algorithm)
    for text in (repr(key), str(key), repr(crypto), str(crypto)):
        for material in (key.material, org_key):
            assert material.hex() not in text
            assert repr(material) not in text
            assert str(list(material)) not in text
    assert f"{key.key_id:08x}" in repr(key)
    assert f"{crypto.org_key_id:08x}" in repr(crypto)


# -- envelopes --------------------------------------------------------------------------------


def test_envelope_header_is_as_documented(algorithm: Algorithm) -> None:
    key = DataKey.generate(algorithm)
    plaintext = b"hello"
    envelope = seal(key, plaintext, AAD)
    version, algorithm_id, key_id = struct.unpack(">BBI", envelope[:6])
    assert version == ENVELOPE_VERSION == 1
    assert algorithm_id == int(algorithm)
    assert key_id == key.key_id
    assert HEADER_BYTES == 18
    assert len(envelope) == 6 + 12 + len(plaintext) + TAG_BYTES
    assert envelope_key_id(envelope) == key.key_id
    assert envelope_algorithm(envelope) is algorithm
    assert plaintext not in envelope


def test_two_seals_differ(algorithm: Algorithm) -> None:
    key = DataKey.generate(algorithm)
    first, second = seal(key, b"same", AAD), seal(key, b"same", AAD)
    assert first != second
    assert first[6:18] != second[6:18]  # the nonces
    assert open_envelope(key, first, AAD) == open_envelope(key, second, AAD) == b"same"


@pytest.mark.parametrize("plaintext", [b"", b"x", "张三".encode(), LONG_CHINESE.encode()])
def test_seal_round_trip(algorithm: Algorithm, plaintext: bytes) -> None:
    key = DataKey.generate(algorithm)
    assert open_envelope(key, seal(key, plaintext, AAD), AAD) == plaintext


def test_every_flipped_byte_fails(algorithm: Algorithm) -> None:
    key = DataKey.generate(algorithm)
    envelope = seal(key, b"13800138000", AAD)
    for index in range(len(envelope)):  # header, nonce, ciphertext and tag alike
        for mask in (0x01, 0x80):
            tampered = bytearray(envelope)
            tampered[index] ^= mask
            with pytest.raises(DecryptionFailed):
                open_envelope(key, bytes(tampered), AAD)


def test_truncated_envelope_fails(algorithm: Algorithm) -> None:
    key = DataKey.generate(algorithm)
    envelope = seal(key, b"13800138000", AAD)
    for length in range(len(envelope)):
        with pytest.raises(DecryptionFailed):
            open_envelope(key, envelope[:length], AAD)
    with pytest.raises(DecryptionFailed):
        envelope_key_id(b"\x01\x01")


def test_unknown_version_or_algorithm_fails() -> None:
    key = DataKey.generate(Algorithm.AES_256_GCM)
    envelope = seal(key, b"value", AAD)
    for header in (b"\x02\x01", b"\x01\x07", b"\x00\x01"):
        with pytest.raises(DecryptionFailed):
            open_envelope(key, header + envelope[2:], AAD)
    with pytest.raises(DecryptionFailed):
        envelope_algorithm(b"\x01\x07" + envelope[2:])


def test_wrong_key_or_wrong_algorithm_fails() -> None:
    key = DataKey.generate(Algorithm.AES_256_GCM)
    envelope = seal(key, b"value", AAD)
    with pytest.raises(DecryptionFailed):
        open_envelope(DataKey.generate(Algorithm.AES_256_GCM), envelope, AAD)
    # Same material, other algorithm: the header says AES, so the SM4 key must not open it.
    with pytest.raises(DecryptionFailed):
        open_envelope(DataKey.from_material(key.material, Algorithm.SM4_GCM), envelope, AAD)


def test_associated_data_is_unambiguous() -> None:
    assert associated_data("a", "bc", "r") != associated_data("ab", "c", "r")
    assert associated_data("t", "a", "bc") != associated_data("t", "ab", "c")
    assert associated_data("t", "c", "r") == associated_data("t", "c", "r")


def test_decryption_failed_leaks_nothing(algorithm: Algorithm) -> None:
    key = DataKey.generate(algorithm)
    secret = "110101199003077777"
    envelope = seal(key, secret.encode(), AAD)
    with pytest.raises(DecryptionFailed) as caught:
        open_envelope(key, envelope, associated_data("customers", "name", "row-2"))
    exc = caught.value
    for text in (str(exc), repr(exc), exc.render("zh_CN"), exc.render("en"), repr(exc.args)):
        assert secret not in text
        assert key.material.hex() not in text
    assert exc.__cause__ is None
    assert exc.__suppress_context__


# -- field encryption -------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["", "张三", "Zhang San", LONG_CHINESE])
def test_text_round_trip(crypto: FieldCrypto, value: str) -> None:
    wrapped, key = crypto.new_customer_key("cust-1")
    envelope = crypto.encrypt_text(key, "customers", "name", "cust-1", value)
    assert crypto.decrypt_text(key, "customers", "name", "cust-1", envelope) == value
    unwrapped = crypto.unwrap_customer_key("cust-1", wrapped)
    assert crypto.decrypt_text(unwrapped, "customers", "name", "cust-1", envelope) == value


def test_customer_key_wrap_round_trip(crypto: FieldCrypto) -> None:
    wrapped, key = crypto.new_customer_key("cust-1")
    assert key.algorithm is crypto.algorithm
    assert envelope_key_id(wrapped) == crypto.org_key_id
    assert key.material not in wrapped
    assert crypto.unwrap_customer_key("cust-1", wrapped) == key
    assert crypto.new_customer_key("cust-1")[1].material != key.material


def test_unwrap_with_wrong_customer_id_fails(crypto: FieldCrypto) -> None:
    wrapped, _ = crypto.new_customer_key("cust-1")
    with pytest.raises(DecryptionFailed):
        crypto.unwrap_customer_key("cust-2", wrapped)


def test_other_org_key_cannot_unwrap_or_decrypt(crypto: FieldCrypto) -> None:
    wrapped, _ = crypto.new_customer_key("cust-1")
    reason = crypto.encrypt_org_text("reveals", "reason", "rev-1", "客户来电核实")
    other = FieldCrypto(os.urandom(32), crypto.algorithm)
    with pytest.raises(DecryptionFailed):
        other.unwrap_customer_key("cust-1", wrapped)
    with pytest.raises(DecryptionFailed):
        other.decrypt_org_text("reveals", "reason", "rev-1", reason)


@pytest.mark.parametrize(
    ("table", "column", "row_id"),
    [
        ("customers", "name", "cust-2"),  # moved to another row
        ("customers", "address", "cust-1"),  # to another column
        ("cases", "name", "cust-1"),  # to another table
    ],
)
def test_moved_value_fails(crypto: FieldCrypto, table: str, column: str, row_id: str) -> None:
    _, key = crypto.new_customer_key("cust-1")
    envelope = crypto.encrypt_text(key, "customers", "name", "cust-1", "张三")
    with pytest.raises(DecryptionFailed):
        crypto.decrypt_text(key, table, column, row_id, envelope)
    org_envelope = crypto.encrypt_org_text("customers", "name", "cust-1", "张三")
    with pytest.raises(DecryptionFailed):
        crypto.decrypt_org_text(table, column, row_id, org_envelope)


def test_other_customer_key_fails(crypto: FieldCrypto) -> None:
    _, key = crypto.new_customer_key("cust-1")
    _, other_key = crypto.new_customer_key("cust-2")
    envelope = crypto.encrypt_text(key, "customers", "name", "cust-1", "张三")
    with pytest.raises(DecryptionFailed):
        crypto.decrypt_text(other_key, "customers", "name", "cust-1", envelope)


def test_org_text_round_trip(crypto: FieldCrypto) -> None:
    for value in ("", "客户本人到柜台核实身份", LONG_CHINESE):
        envelope = crypto.encrypt_org_text("reveals", "reason", "rev-1", value)
        assert crypto.decrypt_org_text("reveals", "reason", "rev-1", envelope) == value


def test_org_values_stay_readable_after_cipher_setting_changes() -> None:
    org_key = os.urandom(32)
    before = FieldCrypto(org_key, Algorithm.AES_256_GCM)
    wrapped, key = before.new_customer_key("cust-1")
    reason = before.encrypt_org_text("reveals", "reason", "rev-1", "核实")
    after = FieldCrypto(org_key, Algorithm.SM4_GCM)
    assert after.unwrap_customer_key("cust-1", wrapped) == key
    assert after.decrypt_org_text("reveals", "reason", "rev-1", reason) == "核实"
    assert envelope_algorithm(after.encrypt_org_text("t", "c", "r", "x")) is Algorithm.SM4_GCM


def test_key_check_value() -> None:
    org_key = os.urandom(32)
    crypto = FieldCrypto(org_key)
    kcv = crypto.key_check_value()
    assert len(kcv) == 16
    assert kcv == FieldCrypto(org_key, Algorithm.SM4_GCM).key_check_value()
    assert crypto.matches_key_check(kcv)
    assert not crypto.matches_key_check(FieldCrypto(os.urandom(32)).key_check_value())
    assert not crypto.matches_key_check(b"")
    assert org_key not in kcv


def test_field_crypto_rejects_bad_org_key() -> None:
    with pytest.raises(ValueError):
        FieldCrypto(b"too short")
