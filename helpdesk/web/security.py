"""Headers, CORS for the configured origins only, and rate limits.

Rate limits are per process (a token bucket per client address and per conversation); behind a load balancer
with several workers each worker limits on its own.
"""

from __future__ import annotations

import time
from collections import OrderedDict

from aiohttp import web

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


def enforce(limiter: RateLimiter, key: str) -> None:
    wait = limiter.retry_after(key)
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
