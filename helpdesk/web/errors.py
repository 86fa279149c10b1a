"""One JSON error shape for the API: `{"error": {"status", "message", "field"?}}`.

Handlers raise `ApiError`; the middleware turns it, aiohttp's own HTTP errors on `/api/` and anything unexpected
into that shape, with nothing internal in the message.
"""

from __future__ import annotations

import logging

from aiohttp import web

log = logging.getLogger("helpdesk.web")


class ApiError(Exception):
    def __init__(self, status: int, message: str, field: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.message, self.field, self.headers = status, message, field, headers or {}

    def response(self) -> web.Response:
        error = {"status": self.status, "message": self.message} | ({"field": self.field} if self.field else {})
        return web.json_response({"error": error}, status=self.status, headers=self.headers)


@web.middleware
async def json_errors(request: web.Request, handler):  # type: ignore[no-untyped-def]
    try:
        return await handler(request)
    except ApiError as error:
        return error.response()
    except web.HTTPException as exc:
        if not request.path.startswith("/api/") or exc.status < 400:
            raise
        return ApiError(exc.status, exc.reason).response()
    except Exception:
        log.exception("unhandled error on %s %s", request.method, request.path)
        if not request.path.startswith("/api/"):
            raise
        return ApiError(500, "Internal error; please try again later").response()
