"""Pushing new messages to open widgets: WebSockets and long-poll waiters of this process, per conversation."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

from aiohttp import web


class Hub:
    def __init__(self) -> None:
        self._sockets: dict[int, set[web.WebSocketResponse]] = defaultdict(set)
        self._waiters: dict[int, set[asyncio.Event]] = defaultdict(set)

    def join(self, conversation: int, socket: web.WebSocketResponse) -> None:
        self._sockets[conversation].add(socket)

    def leave(self, conversation: int, socket: web.WebSocketResponse) -> None:
        self._sockets[conversation].discard(socket)
        if not self._sockets[conversation]:
            del self._sockets[conversation]

    def watchers(self, conversation: int) -> int:
        return len(self._sockets.get(conversation, ()))

    def held(self) -> list[int]:
        """The conversations with a WebSocket open on this process."""
        return list(self._sockets)

    def waiting(self, conversation: int) -> int:
        return len(self._waiters.get(conversation, ()))

    async def publish(self, conversation: int, message: dict[str, Any]) -> None:
        for socket in list(self._sockets.get(conversation, ())):
            if not socket.closed:
                await socket.send_json({"type": "message", "message": message})
        for event in self._waiters.pop(conversation, set()):
            event.set()

    async def wait(self, conversation: int, seconds: float) -> None:
        """Long polling: return when something is published for the conversation, or after `seconds`."""
        event = asyncio.Event()
        self._waiters[conversation].add(event)
        try:
            await asyncio.wait_for(event.wait(), timeout=seconds)
        except TimeoutError:
            pass
        finally:
            self._waiters.get(conversation, set()).discard(event)

    async def close(self) -> None:
        for sockets in list(self._sockets.values()):
            for socket in list(sockets):
                await socket.close()
