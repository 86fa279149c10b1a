"""`helpdesk serve`: the one place that wires storage, the assistant and the channels together.

Web (chat API, widget), SMTP server, mail processor and outbox worker share one asyncio loop; blocking database
and SMTP-client work runs in threads. SIGINT/SIGTERM stop it cleanly: the servers stop accepting and the workers
finish their current item.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import signal
import time

from aiohttp import web
from sqlalchemy import Engine

from helpdesk.assistant import Assistant
from helpdesk.config import Config
from helpdesk.knowledge.articles import load_knowledge_base
from helpdesk.replies import ReplyRenderer
from helpdesk.store.database import migrate, open_engine, secret_key
from helpdesk.store.retention import purge
from helpdesk.web.app import create_app
from helpdesk.web.broadcast import LocalBroadcast, PostgresBroadcast
from helpdesk.web.hub import Hub
from mail.compose import MailComposer
from mail.intake import GroupCommitter
from mail.outbox import Relay, run_outbox, wait_any
from mail.processor import MailProcessor
from mail.smtp import HelpdeskHandler, make_smtp, tls_context
from mail.staff_mail import queue_staff_notice, queue_staff_reply

log = logging.getLogger("helpdesk.service")

# While mail arrived this recently (seconds), processing waits so that accepting stays fast ...
ACCEPT_PRIORITY_SECONDS = 0.05
# ... but never longer than this since the last message was answered.
MAX_DEFER_SECONDS = 2.0
PURGE_INTERVAL_SECONDS = 24 * 3600


class Service:
    def __init__(self, config: Config, engine: Engine | None = None) -> None:
        self.config = config
        self.engine = engine or open_engine(config.database_url)
        migrate(self.engine)
        self.key = secret_key(self.engine, config.secret_key)
        self.assistant = Assistant(load_knowledge_base(config.kb_dir))
        self.renderer = renderer = ReplyRenderer(self.assistant.kb, config.address)
        self.hub = Hub()
        self.composer = MailComposer(renderer, config.address, self.key)
        self.processor = MailProcessor(
            self.engine, self.assistant, self.composer, config.addresses, config.staff_address, self.key
        )
        self.relay = Relay.parse(config.relay) if config.relay else None
        self.tls = tls_context(config.tls_cert, config.tls_key)
        self.smtp_port: int | None = None
        self.web_port: int | None = None
        self._stored = asyncio.Event()
        self._last_stored = 0.0
        self._outbox_due = asyncio.Event()

    def _on_stored(self) -> None:
        self._last_stored = time.monotonic()
        self._stored.set()

    async def _process_loop(self, stop: asyncio.Event, poll_seconds: float = 5.0) -> None:
        """Answer stored mail one message at a time, giving way to the SMTP server while mail is pouring in.

        Accepting comes first (a sender waits for our 250; an answer may take a moment longer), but no message waits
        more than MAX_DEFER_SECONDS because of it.
        """
        last_processed = time.monotonic()
        while not stop.is_set():
            since_stored = time.monotonic() - self._last_stored
            if since_stored < ACCEPT_PRIORITY_SECONDS and time.monotonic() - last_processed < MAX_DEFER_SECONDS:
                await wait_any([stop], ACCEPT_PRIORITY_SECONDS - since_stored)
                continue
            message_id = await asyncio.to_thread(self.processor.claim)
            if message_id is None:
                await wait_any([self._stored, stop], poll_seconds)
                self._stored.clear()
                continue
            await asyncio.to_thread(self.processor.process, message_id)
            last_processed = time.monotonic()
            self._outbox_due.set()

    async def _purge_loop(self, stop: asyncio.Event) -> None:
        """The daily retention run (`helpdesk purge` does the same by hand)."""
        while not stop.is_set():
            report = await asyncio.to_thread(purge, self.engine, self.config.retention_days)
            log.info("retention: purged %s", report)
            await wait_any([stop], PURGE_INTERVAL_SECONDS)

    async def run(self, stop: asyncio.Event) -> None:
        loop = asyncio.get_running_loop()
        self.smtp_handler = HelpdeskHandler(self.config.addresses, GroupCommitter(self.engine).store, self._on_stored)
        server = await loop.create_server(
            lambda: make_smtp(self.smtp_handler, self.config.max_message_bytes, self.tls),
            self.config.smtp_host,
            self.config.smtp_port,
        )
        staff_mailer = functools.partial(queue_staff_reply, self.engine, self.composer)
        staff_notifier = (
            functools.partial(queue_staff_notice, self.engine, self.composer, self.config.staff_address)
            if self.config.staff_address
            else None
        )
        broadcast = (
            PostgresBroadcast(self.hub, self.engine)
            if self.engine.dialect.name == "postgresql"
            else LocalBroadcast(self.hub)
        )
        app = create_app(
            self.config, self.engine, self.assistant, self.renderer, self.hub, staff_mailer, staff_notifier, broadcast
        )
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, self.config.web_host, self.config.web_port)
        await site.start()
        self.web_port = runner.addresses[0][1]
        log.info("web on http://%s:%s/", self.config.web_host, self.web_port)
        self.smtp_port = server.sockets[0].getsockname()[1]
        log.info("SMTP on %s:%s for %s", self.config.smtp_host, self.smtp_port, ", ".join(self.config.addresses))
        workers = [
            asyncio.create_task(self._process_loop(stop), name="mail-processor"),
            asyncio.create_task(run_outbox(self.engine, self.relay, self._outbox_due, stop), name="outbox"),
            asyncio.create_task(self._purge_loop(stop), name="retention"),
            asyncio.create_task(broadcast.run(stop), name="broadcast"),
        ]
        try:
            await stop.wait()
        finally:
            log.info("stopping")
            server.close()
            await server.wait_closed()
            await runner.cleanup()
            # Workers see `stop` and finish the item in hand: no thread is left holding a connection.
            await asyncio.gather(*workers, return_exceptions=True)
            self.engine.dispose()


def serve(config: Config) -> None:
    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await Service(config).run(stop)

    asyncio.run(main())
