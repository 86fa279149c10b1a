"""The OpenAPI 3.1 description of the chat API, served at /api/openapi.json (tests check it against the app)."""

from __future__ import annotations

from typing import Any

from aiohttp import web

_ERROR = {"$ref": "#/components/responses/Error"}
_INT64 = {"type": "integer", "format": "int64", "minimum": 1, "maximum": 2**63 - 1}
_ID = {"name": "id", "in": "path", "required": True, "schema": _INT64}
_AUTH: list[dict[str, list[str]]] = [{"conversationToken": []}]


def _json_body(schema: dict[str, Any], required: bool = True) -> dict[str, Any]:
    return {"required": required, "content": {"application/json": {"schema": schema}}}


def _ok(schema: dict[str, Any], status: str = "200", description: str = "OK") -> dict[str, Any]:
    return {status: {"description": description, "content": {"application/json": {"schema": schema}}}}


MESSAGE = {
    "type": "object",
    "required": ["id", "role", "text", "created_at"],
    "properties": {
        "id": {"type": "integer"},
        "role": {"type": "string", "enum": ["visitor", "assistant", "staff"]},
        "text": {"type": "string"},
        "created_at": {"type": "string", "format": "date-time"},
        "articles": {"type": "array", "items": {"type": "string"}},
        "deflect": {"type": "boolean"},
        "escalate": {"type": "boolean"},
        "lang": {"type": "string", "enum": ["nl", "en"]},
    },
}
REPLY = {
    "allOf": [
        {"$ref": "#/components/schemas/Message"},
        {
            "type": "object",
            "required": ["articles", "deflect", "escalate", "lang", "citations"],
            "properties": {
                "citations": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["slug", "title", "basis", "url"],
                        "properties": {
                            "slug": {"type": "string"},
                            "title": {"type": "string"},
                            "basis": {"type": "array", "items": {"type": "string"}},
                            "url": {"type": "string"},
                        },
                    },
                },
            },
        },
    ]
}

_DEADLINE_PARAMS = [
    {
        "name": "track",
        "in": "query",
        "required": True,
        "schema": {"type": "string", "enum": ["vulnerability", "incident"]},
    },
    {
        "name": "aware_at",
        "in": "query",
        "required": True,
        "schema": {
            "type": "string",
            "description": "date and time of becoming aware (a date alone is refused); Dutch time unless an offset "
            "is given",
        },
    },
    {
        "name": "measure_at",
        "in": "query",
        "schema": {
            "type": "string",
            "description": "track=vulnerability only: the date, or date and time, a corrective or mitigating measure "
            "became available (Dutch time unless an offset is given); gives the final report, 14 days later",
        },
    },
    {
        "name": "notified_at",
        "in": "query",
        "schema": {
            "type": "string",
            "description": "track=incident only: the date, or date and time, the incident notification was "
            "submitted (Dutch time unless an offset is given); gives the final report, one month later",
        },
    },
    {"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["nl", "en"], "default": "nl"}},
]
DEADLINE_PATHS: dict[str, Any] = {
    "/api/deadlines": {
        "get": {
            "summary": "Due moments of the early warning, the notification and the final report, in Dutch time",
            "description": "The final report of the track has `at: null` and a `text` saying why when its start "
            "(`measure_at` or `notified_at`) is not given. A date alone gives a date.",
            "parameters": _DEADLINE_PARAMS,
            "responses": _ok(
                {
                    "type": "object",
                    "required": ["track", "due", "wording"],
                    "properties": {
                        "track": {"type": "string"},
                        "wording": {"type": "string"},
                        "due": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["stage", "at", "text", "name"],
                                "properties": {
                                    "stage": {
                                        "type": "string",
                                        "enum": [
                                            "early_warning",
                                            "notification",
                                            "vulnerability_final_report",
                                            "incident_final_report",
                                        ],
                                    },
                                    "at": {
                                        "type": ["string", "null"],
                                        "description": "ISO 8601 date-time with offset, a date, or null when "
                                        "not computed",
                                    },
                                    "text": {"type": "string", "description": "the due moment, or why it is not"},
                                    "name": {"type": "string"},
                                },
                            },
                        },
                    },
                }
            )
            | {"400": _ERROR},
        }
    },
    "/api/deadlines.ics": {
        "get": {
            "summary": "The computed due moments as an iCalendar file (a date alone is an all-day event)",
            "parameters": _DEADLINE_PARAMS,
            "responses": {
                "200": {"description": "iCalendar", "content": {"text/calendar": {"schema": {"type": "string"}}}},
                "400": _ERROR,
            },
        }
    },
}

DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "CRA reporting helpdesk chat API",
        "version": "1.0",
        "description": "How to report under CRA Art. 14 and what a report contains. Not a reporting channel.",
    },
    "paths": {
        "/api/chat/conversations": {
            "post": {
                "summary": "Start a conversation",
                "requestBody": _json_body(
                    {
                        "type": "object",
                        "properties": {"lang": {"type": "string", "enum": ["nl", "en"]}},
                        "additionalProperties": False,
                    },
                    required=False,
                ),
                "responses": _ok(
                    {
                        "type": "object",
                        "required": ["id", "token"],
                        "properties": {"id": {"type": "integer"}, "token": {"type": "string"}},
                    },
                    "201",
                    "Created; send the token as Authorization: Bearer",
                )
                | {"400": _ERROR, "429": _ERROR},
            }
        },
        "/api/chat/conversations/{id}/messages": {
            "post": {
                "summary": "Ask a question; the assistant's reply comes back at once",
                "security": _AUTH,
                "parameters": [_ID],
                "requestBody": _json_body(
                    {
                        "type": "object",
                        "required": ["text"],
                        "properties": {"text": {"type": "string", "minLength": 1, "maxLength": 4000}},
                    }
                ),
                "responses": _ok(
                    {
                        "type": "object",
                        "required": ["message", "reply"],
                        "properties": {
                            "message": {"$ref": "#/components/schemas/Message"},
                            "reply": {"$ref": "#/components/schemas/Reply"},
                        },
                    },
                    "201",
                    "Stored and answered",
                )
                | {"400": _ERROR, "401": _ERROR, "404": _ERROR, "413": _ERROR, "429": _ERROR},
            },
            "get": {
                "summary": "Messages after a given id (polling; wait up to 25 s for new ones)",
                "security": _AUTH,
                "parameters": [
                    _ID,
                    {
                        "name": "after",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 0, "maximum": 2**63 - 1, "default": 0},
                    },
                    {"name": "wait", "in": "query", "schema": {"type": "number", "minimum": 0, "maximum": 25}},
                ],
                "responses": _ok(
                    {
                        "type": "object",
                        "required": ["messages"],
                        "properties": {
                            "messages": {"type": "array", "items": {"$ref": "#/components/schemas/Message"}}
                        },
                    }
                )
                | {"400": _ERROR, "401": _ERROR, "404": _ERROR},
            },
        },
        "/api/chat/conversations/{id}/ws": {
            "get": {
                "summary": "WebSocket pushing new messages as {type: 'message', message}; token as ?token=",
                "parameters": [_ID, {"name": "token", "in": "query", "required": True, "schema": {"type": "string"}}],
                "responses": {"101": {"description": "Switching protocols"}, "404": _ERROR},
            }
        },
        "/api/chat/conversations/{id}/escalate": {
            "post": {
                "summary": "Hand the conversation to a person; an e-mail address lets staff answer by mail later",
                "security": _AUTH,
                "parameters": [_ID],
                "requestBody": _json_body(
                    {
                        "type": "object",
                        "properties": {
                            "email": {"type": "string", "format": "email"},
                            "note": {"type": "string", "maxLength": 2000},
                        },
                    },
                    required=False,
                ),
                "responses": _ok(
                    {
                        "type": "object",
                        "required": ["escalated", "ticket", "email"],
                        "properties": {
                            "escalated": {"type": "boolean"},
                            "ticket": {"type": "string"},
                            "email": {"type": "boolean"},
                        },
                    }
                )
                | {"400": _ERROR, "401": _ERROR, "404": _ERROR},
            }
        },
        "/api/chat/conversations/{id}/feedback": {
            "post": {
                "summary": "Did this answer help?",
                "security": _AUTH,
                "parameters": [_ID],
                "requestBody": _json_body(
                    {
                        "type": "object",
                        "required": ["message_id", "helpful"],
                        "properties": {"message_id": _INT64, "helpful": {"type": "boolean"}},
                    }
                ),
                "responses": _ok(
                    {
                        "type": "object",
                        "required": ["stored", "offer_escalation"],
                        "properties": {"stored": {"type": "boolean"}, "offer_escalation": {"type": "boolean"}},
                    }
                )
                | {"400": _ERROR, "401": _ERROR, "404": _ERROR},
            }
        },
    },
    "components": {
        "securitySchemes": {"conversationToken": {"type": "http", "scheme": "bearer"}},
        "schemas": {"Message": MESSAGE, "Reply": REPLY},
        "responses": {
            "Error": {
                "description": "Error",
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["error"],
                            "properties": {
                                "error": {
                                    "type": "object",
                                    "required": ["status", "message"],
                                    "properties": {
                                        "status": {"type": "integer"},
                                        "message": {"type": "string"},
                                        "field": {"type": "string"},
                                    },
                                }
                            },
                        }
                    }
                },
            }
        },
    },
}


async def openapi(request: web.Request) -> web.Response:
    return web.json_response(DOCUMENT)


DOCUMENT["paths"].update(DEADLINE_PATHS)
