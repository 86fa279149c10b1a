"""Headers, CORS for the configured origins only, and rate limits.

Rate limits are token buckets per client address and per conversation: in memory with one process on SQLite, in
the database on PostgreSQL, where several processes behind a load balancer share one limit.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from typing import Protocol

from aiohttp import web
from sqlalchemy import Engine

from helpdesk.store.ratecounts import take_token
from helpdesk.web.errors import ApiError

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'self'; base-uri 'none'; form-action 'self'; object-src 'none'"
)


class RateLimiter:
    """Token buckets: `rate` requests per second with bursts of `burst`, remembered for at most `size` keys."""

    def __init__(self, rate: float, burst: int, size: int = 10_000) -> None:
        self.rate, self.burst, self.size = rate, burst, size
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def retry_after(self, key: str) -> float:
        """0 when the request may go ahead (and is counted), else seconds to wait."""
        now = time.monotonic()
        tokens, last = self._buckets.pop(key, (float(self.burst), now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens >= 1:
            self._buckets[key] = (tokens - 1, now)
            wait = 0.0
        else:
            self._buckets[key] = (tokens, now)
            wait = (1 - tokens) / self.rate
        while len(self._buckets) > self.size:
            self._buckets.popitem(last=False)
        return wait

    async def wait(self, key: str) -> float:
        return self.retry_after(key)


class SharedRateLimiter:
    """The same token buckets as `RateLimiter`, kept in the database for every process at once."""

    def __init__(self, engine: Engine, name: str, rate: float, burst: int) -> None:
        self.engine, self.name, self.rate, self.burst = engine, name, rate, burst

    async def wait(self, key: str) -> float:
        """0 when the request may go ahead (and is counted), else seconds to wait."""
        return await asyncio.to_thread(take_token, self.engine, f"{self.name}:{key}", self.rate, self.burst)


class Limiter(Protocol):
    async def wait(self, key: str) -> float: ...


def make_limiter(engine: Engine, name: str, rate: float, burst: int) -> Limiter:
    """Shared through the database on PostgreSQL (several processes), in memory on SQLite (one process)."""
    if engine.dialect.name == "postgresql":
        return SharedRateLimiter(engine, name, rate, burst)
    return RateLimiter(rate, burst)


async def enforce(limiter: Limiter, key: str) -> None:
    wait = await limiter.wait(key)
    if wait:
        raise ApiError(429, "Too many requests; please wait a moment", headers={"Retry-After": str(int(wait) + 1)})


def security_middleware(allowed_origins: tuple[str, ...]):  # type: ignore[no-untyped-def]
    allowed = set(allowed_origins)

    @web.middleware
    async def middleware(request: web.Request, handler):  # type: ignore[no-untyped-def]
        origin = request.headers.get("Origin")
        cors = origin in allowed and request.path.startswith("/api/")
        if request.method == "OPTIONS" and request.path.startswith("/api/"):
            response: web.StreamResponse = (
                web.Response(status=204) if cors else ApiError(403, "Origin not allowed").response()
            )
        else:
            response = await handler(request)
        headers = response.headers
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Content-Security-Policy", CSP)
        if cors and origin:
            headers["Access-Control-Allow-Origin"] = origin
            headers["Vary"] = "Origin"
            headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type"
            headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            headers["Access-Control-Max-Age"] = "600"
        return response

    return middleware
