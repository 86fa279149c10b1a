"""Operations endpoints: /healthz for load balancers, /metrics for Prometheus, and request timing."""

from __future__ import annotations

import asyncio
import time

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import text

from helpdesk import metrics
from helpdesk.web.keys import ENGINE


def _database_answers(engine) -> None:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))


async def healthz(request: web.Request) -> web.Response:
    try:
        await asyncio.wait_for(asyncio.to_thread(_database_answers, request.app[ENGINE]), timeout=5)
    except Exception as exc:  # any failure means: take this worker out of rotation
        return web.json_response({"status": "unavailable", "database": type(exc).__name__}, status=503)
    return web.json_response({"status": "ok", "database": "ok"})


async def metrics_page(request: web.Request) -> web.Response:
    body = await asyncio.to_thread(metrics.render, request.app[ENGINE])
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})


@web.middleware
async def timing(request: web.Request, handler):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    try:
        return await handler(request)
    finally:
        route = request.match_info.route.resource.canonical if request.match_info.route.resource else "unmatched"
        metrics.REQUEST_SECONDS.labels(route).observe(time.perf_counter() - started)
