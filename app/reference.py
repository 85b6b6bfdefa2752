"""Reference data the case services need: calendar, deadline policies, taxonomy, routing, branch facts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from app.auth.passwords import Argon2Params
from app.calendar import WorkCalendar
from app.config import Settings
from app.domain import ComplaintType
from app.sla import SlaPolicies, load_policies
from app.taxonomy import Department, Taxonomy, load_routing


@dataclass(frozen=True, slots=True)
class LockoutPolicy:
    attempts: int = 5
    minutes: int = 15


# Inquiries, service requests and appointments are handled at the branch counter itself.
BRANCH_COUNTER = Department(code="BRANCH", name_zh="网点柜面", name_en="Branch counter")


@dataclass(frozen=True)
class ReferenceData:
    calendar: WorkCalendar
    policies: SlaPolicies
    taxonomy: Taxonomy
    routing: Mapping[ComplaintType, Department]
    password_params: Argon2Params = field(default_factory=Argon2Params)
    lockout: LockoutPolicy = field(default_factory=LockoutPolicy)
    branch_name: str = ""
    branch_phone: str = ""
    hotline: str = ""

    @cached_property
    def cause_codes(self) -> frozenset[str]:
        """The selectable (leaf) cause codes a case may carry."""
        return frozenset(category.code for category in self.taxonomy.causes())

    @cached_property
    def business_codes(self) -> frozenset[str]:
        """The selectable (leaf) business categories (JR/T 0169 投诉业务类别) a case may carry."""
        return frozenset(category.code for category in self.taxonomy.businesses())

    def departments(self) -> list[Department]:
        unique = {department.code: department for department in self.routing.values()}
        return [BRANCH_COUNTER, *unique.values()]

    def department(self, code: str) -> Department | None:
        return next((d for d in self.departments() if d.code == code), None)


def _optional(path: str) -> Path | None:
    return Path(path) if path else None


def load_reference(settings: Settings) -> ReferenceData:
    return ReferenceData(
        calendar=WorkCalendar.load(_optional(settings.calendar_file)),
        policies=load_policies(_optional(settings.sla_policy_file)),
        taxonomy=Taxonomy.load(_optional(settings.taxonomy_file)),
        routing=load_routing(_optional(settings.routing_file)),
        password_params=Argon2Params(memory_kib=settings.argon2_memory_kib),
        lockout=LockoutPolicy(settings.lockout_attempts, settings.lockout_minutes),
        branch_name=settings.branch_name,
        branch_phone=settings.branch_phone,
        hotline=settings.hotline,
    )
