"""Retry back-off for tasks that talk to other servers: exponential, jittered, capped, Retry-After wins."""

import random


def backoff_seconds(
    retries: int, retry_after: float | None = None, *, base: float = 60, cap: float = 3600
) -> int:
    """Seconds until the next attempt after `retries` failed ones: base·2^retries (at most `cap`) ±20 %
    jitter, so that many tasks failing together do not come back together; a server's Retry-After wins
    when it asks for longer. Never less than one second."""
    delay = min(base * 2**retries, cap) * random.uniform(0.8, 1.2)  # noqa: S311 - jitter, not cryptography
    return max(round(delay), int(retry_after or 0), 1)
