"""Messages accepted per second by the helpdesk's SMTP server, beside aiosmtpd's no-op handler in the same run.

    .venv/bin/python bench/smtp_bench.py [--messages 300] [--postgresql URL]

For 1 and 20 concurrent clients (smtplib, one connection each, one message per SMTP transaction) it prints the
acceptance rate of: aiosmtpd with a handler that stores nothing (the framework's ceiling), the helpdesk on SQLite,
and the helpdesk on PostgreSQL when a URL is given — and the helpdesk/ceiling ratios. It then times, for single
messages, the span from the end of DATA (250 received) to the reply sitting in the outbox (median, p99).
Loopback only; bounded by --messages.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import smtplib  # noqa: E402

from aiosmtpd.controller import Controller  # noqa: E402
from sqlalchemy import text  # noqa: E402

from helpdesk.config import Config  # noqa: E402
from helpdesk.store.database import open_engine  # noqa: E402
from tests.mailkit import RunningService, free_port  # noqa: E402

ADDRESS = "helpdesk@bench.example"


class NoOp:
    async def handle_DATA(self, server, session, envelope) -> str:  # type: ignore[no-untyped-def]
        return "250 OK"


def message(n: int) -> bytes:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = f"user{n % 50}@client.example", ADDRESS, f"question {n}"
    mail["Message-ID"] = f"<{uuid.uuid4().hex}@client.example>"
    mail.set_content(f"Waar dien ik een melding in? ({n})\n\nMet vriendelijke groet,\nBench")
    return mail.as_bytes()


def blast(port: int, total: int, clients: int) -> float:
    """Messages accepted per second with `clients` concurrent connections."""
    bodies = [message(n) for n in range(total)]

    def worker(slice_: list[bytes]) -> None:
        with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
            for body in slice_:
                client.sendmail("bench@client.example", [ADDRESS], body)

    threads = [threading.Thread(target=worker, args=(bodies[i::clients],)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return total / (time.perf_counter() - started)


def helpdesk(database_url: str) -> RunningService:
    return RunningService(
        Config.from_env(
            {
                "HELPDESK_DATABASE_URL": database_url,
                "HELPDESK_SMTP_PORT": "0",
                "HELPDESK_WEB_PORT": "0",
                "HELPDESK_ADDRESS": ADDRESS,
                "HELPDESK_KB_DIR": str(ROOT / "knowledge_base"),
            }
        )
    )


def reply_latency(running: RunningService, samples: int) -> list[float]:
    """Seconds from 250 after DATA to the reply being in the outbox, one message at a time."""
    engine = running.service.engine
    latencies = []
    with smtplib.SMTP("127.0.0.1", running.port, timeout=30) as client:
        for n in range(samples):
            with engine.connect() as connection:
                before = connection.execute(text("SELECT COUNT(*) FROM outbox")).scalar() or 0
            client.sendmail("bench@client.example", [ADDRESS], message(10_000 + n).replace(b"user", b"solo"))
            accepted = time.perf_counter()
            while True:
                with engine.connect() as connection:
                    if (connection.execute(text("SELECT COUNT(*) FROM outbox")).scalar() or 0) > before:
                        break
                time.sleep(0.001)
            latencies.append(time.perf_counter() - accepted)
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--postgresql", help="e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()

    controller = Controller(NoOp(), hostname="127.0.0.1", port=free_port())
    controller.start()
    targets: list[tuple[str, Callable[[], RunningService]]] = []
    tmp = tempfile.TemporaryDirectory()
    targets.append(("helpdesk SQLite", lambda: helpdesk(f"sqlite:///{tmp.name}/{uuid.uuid4().hex}.db")))
    schemas: list[str] = []
    if args.postgresql:
        admin = open_engine(args.postgresql)

        def fresh_schema() -> RunningService:
            schemas.append(f"bench_{uuid.uuid4().hex[:8]}")
            with admin.begin() as connection:
                connection.execute(text(f"CREATE SCHEMA {schemas[-1]}"))
            return helpdesk(f"{args.postgresql}?options=-csearch_path%3D{schemas[-1]}")

        targets.append(("helpdesk PostgreSQL", fresh_schema))
    try:
        for clients in (1, 20):
            ceiling = blast(controller.port, args.messages, clients)
            print(f"{clients:2} client(s)  aiosmtpd no-op    {ceiling:8.1f} msg/s")
            for name, start in targets:
                running = start()
                try:
                    rate = blast(running.port, args.messages, clients)
                finally:
                    running.stop()
                print(f"{clients:2} client(s)  {name:17} {rate:8.1f} msg/s  ratio to no-op {rate / ceiling:.2f}")
        for name, start in targets:
            running = start()
            try:
                latencies = sorted(reply_latency(running, 50))
            finally:
                running.stop()
            p99 = latencies[int(0.99 * (len(latencies) - 1))]
            print(
                f"end of DATA -> reply in outbox ({name}): median {statistics.median(latencies) * 1000:.1f} ms, "
                f"p99 {p99 * 1000:.1f} ms"
            )
    finally:
        controller.stop()
        if args.postgresql:
            with admin.begin() as connection:
                for schema in schemas:
                    connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            admin.dispose()
        tmp.cleanup()


if __name__ == "__main__":
    logging.disable(logging.WARNING)  # the service's per-message logs would drown the figures
    main()
