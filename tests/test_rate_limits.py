"""Rate limits: token buckets in one process, and limits counted in the database that several processes share."""

from __future__ import annotations

from sqlalchemy import Engine

from helpdesk.store.ratecounts import take_token
from helpdesk.web.security import RateLimiter, SharedRateLimiter


async def test_a_bucket_allows_its_burst_then_says_how_long_to_wait() -> None:
    limiter = RateLimiter(rate=0.5, burst=3)
    assert [await limiter.wait("10.0.0.1") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert 0 < await limiter.wait("10.0.0.1") <= 2.0
    assert await limiter.wait("10.0.0.2") == 0.0  # another client has its own bucket


async def test_two_processes_share_one_limit(engine: Engine) -> None:
    first, second = (SharedRateLimiter(engine, "client", rate=0.05, burst=4) for _ in range(2))
    waits = [await limiter.wait("10.0.0.1") for limiter in (first, second, first, second, first)]
    assert waits[:4] == [0.0] * 4
    assert 0 < waits[4] <= 20.0  # the fifth is one too many, whichever process it reaches; a token comes in 20 s
    assert await second.wait("10.0.0.2") == 0.0


def test_a_shared_bucket_refills_at_its_rate(engine: Engine) -> None:
    assert [take_token(engine, "k", rate=1.0, burst=2, now=100.0) for _ in range(3)][:2] == [0.0, 0.0]
    assert take_token(engine, "k", rate=1.0, burst=2, now=100.0) == 1.0
    assert take_token(engine, "k", rate=1.0, burst=2, now=101.0) == 0.0  # one token back after a second
    assert take_token(engine, "k", rate=1.0, burst=2, now=101.0) > 0
