"""Chat round trips per second and latency, beside a bare aiohttp handler in the same run; open WebSockets.

    .venv/bin/python bench/chat_bench.py [--messages 200] [--sockets 2000]

Both servers run in this process on loopback, each in its own thread and event loop; the client (aiohttp) runs
in the main thread. A round trip is one POST of a question and its answer (stored, decided, stored again). The
bare handler answers the same POST with a fixed JSON body: the framework's own ceiling on this machine. Rate limits
are lifted for the run. Then it opens --sockets WebSockets to live conversations and reports the server's memory.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
from aiohttp import web  # noqa: E402

from helpdesk.assistant import Assistant  # noqa: E402
from helpdesk.config import Config  # noqa: E402
from helpdesk.knowledge.articles import load_knowledge_base  # noqa: E402
from helpdesk.replies import ReplyRenderer  # noqa: E402
from helpdesk.store.database import migrate, open_engine  # noqa: E402
from helpdesk.web.app import create_app  # noqa: E402
from helpdesk.web.hub import Hub  # noqa: E402
from helpdesk.web.keys import LIMITS  # noqa: E402
from helpdesk.web.security import Limiter, RateLimiter  # noqa: E402

QUESTIONS = [
    "Binnen hoeveel uur moet ik een vroegtijdige waarschuwing doen?",
    "Where do we submit a notification?",
    "Wat moet er in het eindverslag over een incident?",
    "What is ENISA?",
]


def serve_in_thread(app: web.Application) -> int:
    """Run `app` on a free loopback port in its own thread; returns the port."""
    ready = threading.Event()
    port: list[int] = []

    def run() -> None:
        loop = asyncio.new_event_loop()
        runner = web.AppRunner(app, access_log=None)
        loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0, backlog=1024)
        loop.run_until_complete(site.start())
        port.append(runner.addresses[0][1])
        ready.set()
        loop.run_forever()

    threading.Thread(target=run, daemon=True).start()
    ready.wait(10)
    return port[0]


def bare_app() -> web.Application:
    async def handler(request: web.Request) -> web.Response:
        await request.json()
        return web.json_response({"reply": {"text": "ok"}}, status=201)

    async def start(request: web.Request) -> web.Response:
        return web.json_response({"id": 1, "token": "t"}, status=201)

    app = web.Application()
    app.router.add_post("/api/chat/conversations/{id}/messages", handler)
    app.router.add_post("/api/chat/conversations", start)
    return app


async def round_trips(port: int, conversations: int, per_conversation: int) -> tuple[float, list[float]]:
    latencies: list[float] = []
    connector = aiohttp.TCPConnector(limit=conversations)
    async with aiohttp.ClientSession(f"http://127.0.0.1:{port}", connector=connector) as session:

        async def talk(n: int) -> None:
            async with session.post("/api/chat/conversations", json={}) as response:
                created = await response.json()
            headers = {"Authorization": f"Bearer {created['token']}"}
            for m in range(per_conversation):
                started = time.perf_counter()
                async with session.post(
                    f"/api/chat/conversations/{created['id']}/messages",
                    headers=headers,
                    json={"text": QUESTIONS[(n + m) % len(QUESTIONS)]},
                ) as response:
                    assert response.status == 201, await response.text()
                    await response.read()
                latencies.append(time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*(talk(n) for n in range(conversations)))
        elapsed = time.perf_counter() - started
    return len(latencies) / elapsed, sorted(latencies)


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


async def open_sockets(port: int, count: int) -> tuple[int, float, float]:
    before = rss_mb()
    async with aiohttp.ClientSession(f"http://127.0.0.1:{port}", connector=aiohttp.TCPConnector(limit=0)) as session:
        async with session.post("/api/chat/conversations", json={}) as response:
            created = await response.json()
        sockets = []
        for _ in range(count):
            try:
                sockets.append(
                    await session.ws_connect(f"/api/chat/conversations/{created['id']}/ws?token={created['token']}")
                )
            except (aiohttp.ClientError, OSError):
                break
        after = rss_mb()
        for socket in sockets:
            await socket.close()
    return len(sockets), before, after


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=200, help="round trips per measurement")
    parser.add_argument("--sockets", type=int, default=2000)
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    logging.disable(logging.WARNING)

    with tempfile.TemporaryDirectory() as tmp:
        engine = open_engine(f"sqlite:///{tmp}/chat.db")
        migrate(engine)
        assistant = Assistant(load_knowledge_base(ROOT / "knowledge_base"))
        app = create_app(
            Config.from_env({}), engine, assistant, ReplyRenderer(assistant.kb, "helpdesk@localhost"), Hub()
        )
        unlimited: dict[str, Limiter] = {"client": RateLimiter(1e9, 10**9), "conversation": RateLimiter(1e9, 10**9)}
        app[LIMITS] = unlimited
        helpdesk_port, bare_port = serve_in_thread(app), serve_in_thread(bare_app())
        for conversations in (1, 50):
            per = max(1, args.messages // conversations)
            for name, port in (("bare aiohttp", bare_port), ("helpdesk chat", helpdesk_port)):
                rate, latencies = asyncio.run(round_trips(port, conversations, per))
                p99 = latencies[int(0.99 * (len(latencies) - 1))]
                print(
                    f"{conversations:2} conversation(s)  {name:13} {rate:8.1f} round trips/s  "
                    f"median {statistics.median(latencies) * 1000:6.1f} ms  p99 {p99 * 1000:6.1f} ms"
                )
        opened, before, after = asyncio.run(open_sockets(helpdesk_port, args.sockets))
        print(
            f"open WebSockets: {opened} held; process memory {before:.0f} MiB -> {after:.0f} MiB "
            f"({(after - before) * 1024 / max(opened, 1):.1f} KiB per socket, client side included)"
        )


if __name__ == "__main__":
    main()
