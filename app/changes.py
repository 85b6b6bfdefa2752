"""The Changes value every write returns, so views can decide whether to redraw."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Changes:
    customers: frozenset[str] = field(default_factory=frozenset)
    cases: frozenset[str] = field(default_factory=frozenset)
    audit: bool = False

    def __bool__(self) -> bool:
        return bool(self.customers or self.cases or self.audit)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            customers=self.customers | other.customers,
            cases=self.cases | other.cases,
            audit=self.audit or other.audit,
        )

    @classmethod
    def customer(cls, customer_id: str) -> Changes:
        return cls(customers=frozenset({customer_id}), audit=True)
