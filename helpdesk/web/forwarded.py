"""The visitor's own address and scheme behind a reverse proxy, believed only from proxies we trust.

Rate limits count per client address; behind nginx every request comes from the proxy, so all visitors would share
one bucket. X-Forwarded-For is a list each proxy appends to: read from the right, the first address that is not a
trusted proxy is the client (anything further left is whatever the client chose to send). Without
HELPDESK_TRUSTED_PROXIES the headers are ignored, as anyone can send them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from ipaddress import IPv4Network, IPv6Network, ip_address

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _trusted(address: str | None, proxies: Sequence[IPv4Network | IPv6Network]) -> bool:
    try:
        parsed = ip_address((address or "").strip())
    except ValueError:
        return False
    return any(parsed in network for network in proxies)


def client_behind(request: web.Request, proxies: Sequence[IPv4Network | IPv6Network]) -> web.Request:
    """The request as the client made it: its address and scheme, when it came through trusted proxies."""
    if not proxies or not _trusted(request.remote, proxies):
        return request
    hops = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",") if hop.strip()]
    client = next((hop for hop in reversed(hops) if not _trusted(hop, proxies)), None)
    scheme = request.headers.get("X-Forwarded-Proto", "").strip().lower()
    changes: dict[str, str] = {}
    if client is not None:
        try:
            changes["remote"] = str(ip_address(client))
        except ValueError:
            pass  # not an address: keep the proxy's, which at least limits this path as one client
    if scheme in ("http", "https"):
        changes["scheme"] = scheme
    return request.clone(**changes) if changes else request  # type: ignore[arg-type]


def forwarded_middleware(proxies: Sequence[IPv4Network | IPv6Network]) -> Callable[..., Awaitable[web.StreamResponse]]:
    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        return await handler(client_behind(request, proxies))

    return middleware
