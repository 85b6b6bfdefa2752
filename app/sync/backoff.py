"""When to try again after a failed sync: exponential backoff with full jitter, capped."""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    base_seconds: float = 5.0
    cap_seconds: float = 300.0
    failures: int = 0
    rng: random.Random = field(default_factory=random.Random)

    def failed(self) -> float:
        """Record a failure; seconds to wait before the next attempt (between base/2 and the cap)."""
        self.failures += 1
        ceiling = min(self.cap_seconds, self.base_seconds * 2 ** (self.failures - 1))
        # Full jitter keeps thousands of counters from retrying in step after an outage.
        return max(self.base_seconds / 2, self.rng.uniform(0, ceiling))

    def succeeded(self) -> None:
        self.failures = 0
