"""Median and p95 of repeated timings, and a report line comparing with a floor measured in the same run."""

from __future__ import annotations

import statistics
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Timing:
    name: str
    median_ms: float
    p95_ms: float
    runs: int

    @classmethod
    def of(cls, name: str, seconds: list[float]) -> Timing:
        ms = sorted(value * 1000 for value in seconds)
        p95 = statistics.quantiles(ms, n=20, method="inclusive")[-1] if len(ms) > 1 else ms[0]
        return cls(name, statistics.median(ms), p95, len(ms))

    def line(self) -> str:
        return f"{self.name}: median {self.median_ms:.3f} ms, p95 {self.p95_ms:.3f} ms ({self.runs} runs)"


def ratio(subject: Timing, floor: Timing) -> str:
    return (
        f"ratio to floor: median x{subject.median_ms / floor.median_ms:.1f}, "
        f"p95 x{subject.p95_ms / floor.p95_ms:.1f}"
    )
