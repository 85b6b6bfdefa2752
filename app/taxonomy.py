"""Loads the complaint classification (JR/T 0169-2018 axes) and the department routing of its causes."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from app.domain import Channel, ComplaintType
from resources.taxonomy import DEFAULT_ROUTING_FILE, DEFAULT_TAXONOMY_FILE

LANGUAGES = ("zh_CN", "en")

_TOP_KEYS_REQUIRED = frozenset({"standard", "version", "note", "axes", "channel_map"})
_TOP_KEYS_OPTIONAL = frozenset({"title_zh", "sources"})
_ENTRY_KEYS_REQUIRED = frozenset({"code", "name_zh", "name_en", "verified"})
_ENTRY_KEYS_OPTIONAL = frozenset({"children", "internal_type"})
_DEPARTMENT_KEYS = frozenset({"code", "name_zh", "name_en"})
_INTERNAL_TYPES = ", ".join(t.value for t in ComplaintType)


class Axis(StrEnum):
    CHANNEL = "channel"  # 投诉业务办理渠道 (where the complained-of business was handled)
    BUSINESS = "business"  # 投诉业务类别
    CAUSE = "cause"  # 投诉原因


class TaxonomyError(ValueError):
    """A taxonomy or routing file is malformed, or a code or language is not known."""


def _pick_label(name_zh: str, name_en: str, language: str) -> str:
    if language == "zh_CN":
        return name_zh
    if language == "en":
        return name_en
    raise TaxonomyError(f"unknown language {language!r}; expected one of {', '.join(LANGUAGES)}")


@dataclass(frozen=True, slots=True)
class Category:
    """One entry of one axis; ``internal_type`` is set on causes only."""

    code: str
    name_zh: str
    name_en: str
    axis: Axis
    internal_type: ComplaintType | None
    parent_code: str | None
    verified: bool

    def label(self, language: str) -> str:
        return _pick_label(self.name_zh, self.name_en, language)


@dataclass(frozen=True, slots=True)
class Department:
    code: str
    name_zh: str
    name_en: str

    def label(self, language: str) -> str:
        return _pick_label(self.name_zh, self.name_en, language)


def _read_json(path: Path, what: str) -> Any:
    def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise TaxonomyError(f"{path.name}: duplicate key {key!r}")
            result[key] = value
        return result

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TaxonomyError(f"cannot read {what} file {path}: {exc.strerror or exc}") from exc
    try:
        return json.loads(text, object_pairs_hook=no_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise TaxonomyError(f"{path.name}: not valid JSON (line {exc.lineno}, column {exc.colno})") from exc


def _text(value: Any, where: str, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TaxonomyError(f"{where}: {key!r} must be a non-empty string")
    return value.strip()


def _check_keys(
    obj: Mapping[str, Any], required: frozenset[str], optional: frozenset[str], where: str
) -> None:
    missing = sorted(required - obj.keys())
    if missing:
        raise TaxonomyError(f"{where}: missing {', '.join(repr(k) for k in missing)}")
    unknown = sorted(obj.keys() - required - optional)
    if unknown:
        raise TaxonomyError(f"{where}: unknown field {', '.join(repr(k) for k in unknown)}")


def _internal_type(value: Any, where: str) -> ComplaintType:
    try:
        return ComplaintType(value)
    except ValueError:
        raise TaxonomyError(
            f"{where}: unknown internal_type {value!r}; expected one of {_INTERNAL_TYPES}"
        ) from None


class _Builder:
    """Walks the nested entries of one file, validating as it goes."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.by_code: dict[str, Category] = {}
        self.children: dict[str, list[str]] = {}
        self.order: dict[Axis, list[str]] = {axis: [] for axis in Axis}
        self.roots: dict[Axis, list[str]] = {axis: [] for axis in Axis}

    def add_all(self, entries: Any, axis: Axis, parent: str | None) -> None:
        place = f"children of {parent!r}" if parent else f"axis {axis.value!r}"
        if not isinstance(entries, list):
            raise TaxonomyError(f"{self.source}: {place} must be a list")
        if parent is None and not entries:
            raise TaxonomyError(f"{self.source}: axis {axis.value!r} has no entries")
        for index, entry in enumerate(entries):
            self.add(entry, axis, parent, f"{self.source}: {axis.value} entry #{index + 1} in {place}")

    def add(self, entry: Any, axis: Axis, parent: str | None, where: str) -> None:
        if not isinstance(entry, dict):
            raise TaxonomyError(f"{where}: must be an object")
        if isinstance(entry.get("code"), str) and entry["code"].strip():
            where = f"{self.source}: {axis.value} entry {entry['code'].strip()!r}"
        _check_keys(entry, _ENTRY_KEYS_REQUIRED, _ENTRY_KEYS_OPTIONAL, where)
        code = _text(entry["code"], where, "code")
        if code in self.by_code:
            first = self.by_code[code]
            raise TaxonomyError(
                f"{where}: duplicate code (already used by {first.axis.value} {first.name_zh!r})"
            )
        if not isinstance(entry["verified"], bool):
            raise TaxonomyError(f"{where}: 'verified' must be true or false")
        children = entry.get("children", [])
        if not isinstance(children, list):
            raise TaxonomyError(f"{where}: 'children' must be a list")
        internal: ComplaintType | None = None
        if "internal_type" in entry:
            if axis is not Axis.CAUSE:
                raise TaxonomyError(f"{where}: only cause entries carry an internal_type")
            internal = _internal_type(entry["internal_type"], where)
        elif axis is Axis.CAUSE and not children:
            raise TaxonomyError(f"{where}: cause leaf without internal_type (one of {_INTERNAL_TYPES})")
        self.by_code[code] = Category(
            code=code,
            name_zh=_text(entry["name_zh"], where, "name_zh"),
            name_en=_text(entry["name_en"], where, "name_en"),
            axis=axis,
            internal_type=internal,
            parent_code=parent,
            verified=entry["verified"],
        )
        self.children[code] = []
        self.order[axis].append(code)
        (self.children[parent] if parent else self.roots[axis]).append(code)
        if children:
            self.add_all(children, axis, code)


class Taxonomy:
    """The three axes of the national classification, loaded from a data file IT can replace."""

    def __init__(
        self,
        *,
        standard: str,
        version: str,
        note: str,
        categories: Mapping[str, Category],
        children: Mapping[str, list[str]],
        order: Mapping[Axis, list[str]],
        roots: Mapping[Axis, list[str]],
        channel_map: Mapping[Channel, str],
    ) -> None:
        self.standard = standard
        self.version = version
        self.note = note
        self._by_code = dict(categories)
        self._children = {code: tuple(kids) for code, kids in children.items()}
        self._order = {axis: tuple(codes) for axis, codes in order.items()}
        self._roots = {axis: tuple(codes) for axis, codes in roots.items()}
        self._channel_map = dict(channel_map)

    @classmethod
    def load(cls, path: Path | None = None) -> Taxonomy:
        """Read and validate a taxonomy file; ``None`` means the packaged JR/T 0169-2018 draft."""
        path = Path(path) if path is not None else DEFAULT_TAXONOMY_FILE
        return cls.from_dict(_read_json(path, "taxonomy"), source=path.name)

    @classmethod
    def from_dict(cls, data: Any, source: str = "taxonomy") -> Taxonomy:
        if not isinstance(data, dict):
            raise TaxonomyError(f"{source}: the top level must be an object")
        _check_keys(data, _TOP_KEYS_REQUIRED, _TOP_KEYS_OPTIONAL, source)
        axes = data["axes"]
        if not isinstance(axes, dict):
            raise TaxonomyError(f"{source}: 'axes' must be an object")
        _check_keys(axes, frozenset(a.value for a in Axis), frozenset(), f"{source}: axes")
        builder = _Builder(source)
        for axis in Axis:
            builder.add_all(axes[axis.value], axis, None)
        return cls(
            standard=_text(data["standard"], source, "standard"),
            version=_text(data["version"], source, "version"),
            note=_text(data["note"], source, "note"),
            categories=builder.by_code,
            children=builder.children,
            order=builder.order,
            roots=builder.roots,
            channel_map=_channel_map(data["channel_map"], builder, source),
        )

    # --- lookups -------------------------------------------------------------------------

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: str) -> Category:
        try:
            return self._by_code[code]
        except KeyError:
            raise TaxonomyError(f"unknown classification code {code!r} (taxonomy {self.version})") from None

    def causes(self) -> list[Category]:
        """Selectable causes (leaves) for the intake form, in file order."""
        return self._leaves(Axis.CAUSE)

    def channels(self) -> list[Category]:
        return self._leaves(Axis.CHANNEL)

    def businesses(self) -> list[Category]:
        return self._leaves(Axis.BUSINESS)

    def roots(self, axis: Axis | str) -> list[Category]:
        """Top-level entries of one axis, for a tree view."""
        try:
            key = Axis(axis)
        except ValueError:
            raise TaxonomyError(f"unknown axis {axis!r}; expected channel, business or cause") from None
        return [self._by_code[code] for code in self._roots[key]]

    def children(self, code: str) -> list[Category]:
        self.get(code)
        return [self._by_code[child] for child in self._children[code]]

    def internal_type_of(self, cause_code: str) -> ComplaintType:
        category = self.get(cause_code)
        if category.axis is not Axis.CAUSE:
            raise TaxonomyError(f"{cause_code!r} is a {category.axis.value} code, not a cause code")
        if category.internal_type is None:
            raise TaxonomyError(f"cause {cause_code!r} has no internal_type; choose one of its sub-causes")
        return category.internal_type

    def channel_code_for(self, channel: Channel | str) -> str:
        """Default channel code for an intake channel; staff may correct it on the form."""
        try:
            return self._channel_map[Channel(channel)]
        except ValueError:
            raise TaxonomyError(f"unknown intake channel {channel!r}") from None

    def label(self, code: str, language: str) -> str:
        return self.get(code).label(language)

    def path_label(self, code: str, language: str, separator: str = " / ") -> str:
        """The label with its ancestors, e.g. 前台业务渠道 / 电子渠道 / 其他, to tell apart the many 其他."""
        parts: list[str] = []
        current: str | None = code
        while current is not None:
            category = self.get(current)
            parts.append(category.label(language))
            current = category.parent_code
        return separator.join(reversed(parts))

    @property
    def fully_verified(self) -> bool:
        """True only when every entry was marked verified against the official text."""
        return all(category.verified for category in self._by_code.values())

    def _leaves(self, axis: Axis) -> list[Category]:
        return [self._by_code[code] for code in self._order[axis] if not self._children[code]]


def _channel_map(raw: Any, builder: _Builder, source: str) -> dict[Channel, str]:
    where = f"{source}: channel_map"
    if not isinstance(raw, dict):
        raise TaxonomyError(f"{where}: must be an object")
    known = {channel.value for channel in Channel}
    unknown = sorted(raw.keys() - known)
    if unknown:
        raise TaxonomyError(f"{where}: unknown intake channel {', '.join(repr(k) for k in unknown)}")
    missing = [channel.value for channel in Channel if channel.value not in raw]
    if missing:
        raise TaxonomyError(f"{where}: no channel code for {', '.join(repr(k) for k in missing)}")
    result: dict[Channel, str] = {}
    for channel in Channel:
        code = raw[channel.value]
        category = builder.by_code.get(code) if isinstance(code, str) else None
        if category is None or category.axis is not Axis.CHANNEL:
            raise TaxonomyError(f"{where}: {channel.value!r} maps to {code!r}, which is not a channel code")
        if builder.children[code]:
            raise TaxonomyError(f"{where}: {channel.value!r} maps to {code!r}, which has sub-channels")
        result[channel] = code
    return result


# --- routing ---------------------------------------------------------------------------------


def load_routing(path: Path | None = None) -> dict[ComplaintType, Department]:
    """Read the internal type → department table; ``None`` means the packaged default."""
    path = Path(path) if path is not None else DEFAULT_ROUTING_FILE
    data = _read_json(path, "routing")
    source = path.name
    if not isinstance(data, dict):
        raise TaxonomyError(f"{source}: the top level must be an object")
    _check_keys(data, frozenset({"departments"}), frozenset({"version", "note"}), source)
    departments = data["departments"]
    if not isinstance(departments, dict):
        raise TaxonomyError(f"{source}: 'departments' must be an object")
    for key in departments:
        _internal_type(key, f"{source}: departments")
    result: dict[ComplaintType, Department] = {}
    for internal in ComplaintType:
        where = f"{source}: department for {internal.value!r}"
        entry = departments.get(internal.value)
        if entry is None:
            raise TaxonomyError(f"{where}: missing; every internal type needs a department")
        if not isinstance(entry, dict):
            raise TaxonomyError(f"{where}: must be an object")
        _check_keys(entry, _DEPARTMENT_KEYS, frozenset(), where)
        result[internal] = Department(
            code=_text(entry["code"], where, "code"),
            name_zh=_text(entry["name_zh"], where, "name_zh"),
            name_en=_text(entry["name_en"], where, "name_en"),
        )
    return result


@lru_cache(maxsize=1)
def _packaged_routing() -> Mapping[ComplaintType, Department]:
    return MappingProxyType(load_routing())


def department_for(
    internal_type: ComplaintType | str, routing: Mapping[ComplaintType, Department] | None = None
) -> Department:
    """The handling department for an internal type, from ``routing`` or the packaged table."""
    table = routing if routing is not None else _packaged_routing()
    key = _internal_type(internal_type, "department_for")
    try:
        return table[key]
    except KeyError:
        raise TaxonomyError(f"no department configured for internal type {key.value!r}") from None
