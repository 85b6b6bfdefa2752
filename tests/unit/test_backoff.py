"""Retry delays grow exponentially, stay within the cap, are jittered, and reset on success."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from app.sync.backoff import Backoff


@given(st.integers(min_value=1, max_value=40), st.integers(min_value=0, max_value=2**32))
def test_delays_stay_between_half_the_base_and_the_cap(failures: int, seed: int) -> None:
    backoff = Backoff(base_seconds=5, cap_seconds=300, rng=random.Random(seed))
    delays = [backoff.failed() for _ in range(failures)]
    assert all(2.5 <= delay <= 300 for delay in delays)


def test_the_ceiling_doubles_until_the_cap_and_resets_after_success() -> None:
    backoff = Backoff(base_seconds=5, cap_seconds=60, rng=random.Random(1))
    worst = [
        max(Backoff(5, 60, failures=n, rng=random.Random(s)).failed() for s in range(300)) for n in range(6)
    ]
    assert [round(w) for w in worst] == [5, 10, 20, 40, 60, 60]  # the ceiling doubles up to the cap
    for _ in range(6):
        backoff.failed()
    many = [Backoff(rng=random.Random(seed)) for seed in range(200)]
    for item in many:
        for _ in range(6):
            item.failed()
    spread = {round(item.failed()) for item in many}
    assert len(spread) > 50  # jittered: counters do not retry in step
    backoff.succeeded()
    assert backoff.failures == 0 and backoff.failed() <= 5
