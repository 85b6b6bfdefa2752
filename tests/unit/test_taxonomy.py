"""Tests for app.taxonomy: the packaged JR/T 0169-2018 draft, its validation, routing and labels."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.domain import Channel, ComplaintType
from app.taxonomy import (
    Axis,
    Category,
    Department,
    Taxonomy,
    TaxonomyError,
    department_for,
    load_routing,
)
from resources.taxonomy import DEFAULT_ROUTING_FILE, DEFAULT_TAXONOMY_FILE


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return Taxonomy.load()


@pytest.fixture
def raw() -> dict[str, Any]:
    return json.loads(DEFAULT_TAXONOMY_FILE.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: Any, name: str = "taxonomy.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def first_cause_leaf(data: dict[str, Any]) -> dict[str, Any]:
    return data["axes"]["cause"][0]["children"][0]


# --- the packaged data ------------------------------------------------------------------------


def test_packaged_file_loads_with_three_axes(taxonomy: Taxonomy) -> None:
    assert taxonomy.standard == "JR/T 0169-2018"
    assert taxonomy.causes() and taxonomy.channels() and taxonomy.businesses()
    for axis in Axis:
        assert taxonomy.roots(axis)


def test_packaged_codes_are_marked_unverified(taxonomy: Taxonomy) -> None:
    # Nothing in the packaged draft was checked against the official text: it must say so.
    assert not taxonomy.fully_verified
    everything = taxonomy.causes() + taxonomy.channels() + taxonomy.businesses()
    assert all(not category.verified for category in everything)
    assert "UNVERIFIED" in taxonomy.note


def test_every_cause_leaf_maps_to_an_internal_type(taxonomy: Taxonomy) -> None:
    causes = taxonomy.causes()
    for cause in causes:
        assert cause.axis is Axis.CAUSE
        assert not taxonomy.children(cause.code)
        assert taxonomy.internal_type_of(cause.code) is cause.internal_type
        assert isinstance(cause.internal_type, ComplaintType)
    assert {cause.internal_type for cause in causes} == set(ComplaintType)


def test_leaves_come_in_file_order(taxonomy: Taxonomy) -> None:
    codes = [cause.code for cause in taxonomy.causes()]
    assert codes[0] == "C0101"
    assert codes == sorted(codes)
    assert codes[-1] == "C99"


def test_every_channel_has_a_channel_code(taxonomy: Taxonomy) -> None:
    for channel in Channel:
        category = taxonomy.get(taxonomy.channel_code_for(channel))
        assert category.axis is Axis.CHANNEL
        assert category in taxonomy.channels()
    assert taxonomy.channel_code_for(Channel.COUNTER) == taxonomy.channel_code_for("counter")


def test_hierarchy(taxonomy: Taxonomy) -> None:
    electronic = taxonomy.get("A0103")
    kids = taxonomy.children("A0103")
    assert [kid.parent_code for kid in kids] == ["A0103"] * len(kids)
    assert electronic.parent_code == "A01"
    assert taxonomy.get("A01").parent_code is None
    assert taxonomy.path_label("A010399", "zh_CN") == "前台业务渠道 / 电子渠道 / 其他"


def test_internal_type_of_refuses_other_axes(taxonomy: Taxonomy) -> None:
    with pytest.raises(ValueError, match="'A0101' is a channel code"):
        taxonomy.internal_type_of("A0101")


def test_unknown_code_is_a_clear_value_error(taxonomy: Taxonomy) -> None:
    with pytest.raises(ValueError, match="unknown classification code 'Z42'"):
        taxonomy.get("Z42")
    with pytest.raises(ValueError, match="'Z42'"):
        taxonomy.label("Z42", "en")
    assert "C0101" in taxonomy and "Z42" not in taxonomy


def test_labels_in_both_languages(taxonomy: Taxonomy) -> None:
    assert taxonomy.label("A0101", "zh_CN") == "营业现场"
    assert taxonomy.label("A0101", "en") == "Branch premises (counter)"
    assert taxonomy.label("C01", "zh_CN") == "服务态度及服务质量"
    assert taxonomy.label("C01", "en") == "Service attitude and quality"
    for category in taxonomy.causes() + taxonomy.channels() + taxonomy.businesses():
        assert category.label("zh_CN") and category.label("en")
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        taxonomy.label("A0101", "fr")


# --- routing --------------------------------------------------------------------------------


def test_every_internal_type_has_a_department() -> None:
    routing = load_routing()
    assert set(routing) == set(ComplaintType)
    for internal_type in ComplaintType:
        department = department_for(internal_type)
        assert isinstance(department, Department)
        assert department == routing[internal_type]
        assert department.label("zh_CN") and department.label("en")
    assert department_for("system").name_zh == "信息科技部"


def test_every_cause_routes_to_a_department(taxonomy: Taxonomy) -> None:
    for cause in taxonomy.causes():
        assert department_for(taxonomy.internal_type_of(cause.code)).code


def test_routing_can_be_replaced(tmp_path: Path) -> None:
    data = json.loads(DEFAULT_ROUTING_FILE.read_text(encoding="utf-8"))
    data["departments"]["system"] = {"code": "FINTECH", "name_zh": "金融科技部", "name_en": "Fintech"}
    routing = load_routing(write(tmp_path, data, "routing.json"))
    assert department_for(ComplaintType.SYSTEM, routing) == Department("FINTECH", "金融科技部", "Fintech")


def test_routing_missing_or_unknown_type_is_refused(tmp_path: Path) -> None:
    data = json.loads(DEFAULT_ROUTING_FILE.read_text(encoding="utf-8"))
    missing = copy.deepcopy(data)
    del missing["departments"]["policy"]
    with pytest.raises(ValueError, match="department for 'policy': missing"):
        load_routing(write(tmp_path, missing, "routing.json"))
    unknown = copy.deepcopy(data)
    unknown["departments"]["marketing"] = unknown["departments"]["product"]
    with pytest.raises(ValueError, match="unknown internal_type 'marketing'"):
        load_routing(write(tmp_path, unknown, "routing.json"))


# --- malformed files ----------------------------------------------------------------------


def test_duplicate_code_is_refused(tmp_path: Path, raw: dict[str, Any]) -> None:
    raw["axes"]["business"][0]["code"] = "A0101"
    with pytest.raises(ValueError, match=r"business entry 'A0101': duplicate code"):
        Taxonomy.load(write(tmp_path, raw))


def test_missing_internal_type_is_refused(tmp_path: Path, raw: dict[str, Any]) -> None:
    del first_cause_leaf(raw)["internal_type"]
    with pytest.raises(ValueError, match=r"cause entry 'C0101': cause leaf without internal_type"):
        Taxonomy.load(write(tmp_path, raw))


def test_unknown_internal_type_is_refused(tmp_path: Path, raw: dict[str, Any]) -> None:
    first_cause_leaf(raw)["internal_type"] = "marketing"
    with pytest.raises(ValueError, match=r"cause entry 'C0101': unknown internal_type 'marketing'"):
        Taxonomy.load(write(tmp_path, raw))


def test_internal_type_outside_causes_is_refused(tmp_path: Path, raw: dict[str, Any]) -> None:
    raw["axes"]["channel"][1]["internal_type"] = "service"
    with pytest.raises(ValueError, match=r"channel entry 'A02': only cause entries"):
        Taxonomy.load(write(tmp_path, raw))


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["axes"]["cause"][0].pop("code"), r"cause entry #1 in axis 'cause': missing 'code'"),
        (lambda d: d["axes"]["cause"][0].update(name_en=""), r"cause entry 'C01': 'name_en' must be"),
        (lambda d: d["axes"]["cause"][0].update(verified="yes"), r"cause entry 'C01': 'verified' must be"),
        (lambda d: d["axes"]["cause"][0].update(intern_type="x"), r"unknown field 'intern_type'"),
        (lambda d: d["axes"].pop("business"), r"axes: missing 'business'"),
        (lambda d: d["axes"].update(cause=[]), r"axis 'cause' has no entries"),
        (lambda d: d["channel_map"].pop("letter"), r"channel_map: no channel code for 'letter'"),
        (lambda d: d["channel_map"].update(fax="A0101"), r"channel_map: unknown intake channel 'fax'"),
        (lambda d: d["channel_map"].update(app="C0101"), r"'app' maps to 'C0101', which is not a channel"),
        (lambda d: d["channel_map"].update(app="A0103"), r"'app' maps to 'A0103', which has sub-channels"),
    ],
)
def test_malformed_structure_names_the_problem(
    tmp_path: Path, raw: dict[str, Any], mutate: Callable[[dict[str, Any]], object], message: str
) -> None:
    mutate(raw)
    with pytest.raises(ValueError, match=message):
        Taxonomy.load(write(tmp_path, raw))


def test_unreadable_or_invalid_json_is_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot read taxonomy file"):
        Taxonomy.load(tmp_path / "absent.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"standard": ', encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken.json: not valid JSON \(line 1"):
        Taxonomy.load(broken)
    duplicated = tmp_path / "dup.json"
    duplicated.write_text('{"standard": "a", "standard": "b"}', encoding="utf-8")
    with pytest.raises(ValueError, match="duplicate key 'standard'"):
        Taxonomy.load(duplicated)


def test_a_replacement_file_is_used_as_is(tmp_path: Path) -> None:
    leaf = {
        "code": "X1",
        "name_zh": "服务",
        "name_en": "Service",
        "verified": True,
        "internal_type": "service",
    }
    replacement = {
        "standard": "JR/T 0169-2018",
        "version": "bank-2026.1",
        "note": "checked by compliance",
        "channel_map": dict.fromkeys((c.value for c in Channel), "K1"),
        "axes": {
            "channel": [{"code": "K1", "name_zh": "柜面", "name_en": "Counter", "verified": True}],
            "business": [{"code": "Y1", "name_zh": "储蓄", "name_en": "Savings", "verified": True}],
            "cause": [leaf],
        },
    }
    taxonomy = Taxonomy.load(write(tmp_path, replacement))
    assert taxonomy.fully_verified
    assert taxonomy.version == "bank-2026.1"
    assert taxonomy.causes() == [
        Category("X1", "服务", "Service", Axis.CAUSE, ComplaintType.SERVICE, None, verified=True)
    ]
    assert taxonomy.channel_code_for(Channel.LETTER) == "K1"
    assert isinstance(TaxonomyError("x"), ValueError)
