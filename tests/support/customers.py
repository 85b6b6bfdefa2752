"""A customer with known values for tests, and role variants of a service context."""

from __future__ import annotations

import dataclasses

from app.context import ServiceContext
from app.domain import ConsentPurpose, CustomerDraft, IdType, Role

# Synthetic values (valid check digits), recognisable in raw bytes if they ever leaked.
KNOWN = CustomerDraft(
    name="欧阳明轩",
    id_type=IdType.RESIDENT_ID,
    id_number="11010519491231002X",
    mobile="13912345678",
    address="北京市朝阳区建国路88号1单元1201室",
    accounts=("6222020200112233446",),
    consent_given=True,
    consent_purpose=ConsentPurpose.SERVICE,
)


def with_role(ctx: ServiceContext, role: Role) -> ServiceContext:
    return dataclasses.replace(ctx, actor=dataclasses.replace(ctx.actor, role=role))
