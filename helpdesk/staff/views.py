"""The staff pages under /staff/: login, queue, ticket, actions. Server-rendered, escaped, framed by nobody.

Every page needs a session (else a redirect to the login page, or 401 for non-GET); every form that changes
something carries the session's CSRF token; every change is audited by the functions in `desk.py`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import secrets
from typing import Any

import jinja2
from aiohttp import web

from helpdesk.replies import TEMPLATES_DIR
from helpdesk.staff import accounts, desk, gaps, reports, sessions
from helpdesk.staff.sessions import COOKIE, Staff
from helpdesk.store import conversations
from helpdesk.web.keys import BROADCAST, ENGINE, PRESENCE, RENDERER, STAFF_LIMITS, STAFF_MAILER

STAFF_USER = web.RequestKey("staff_user", Staff)  # the signed-in staff member of this request
LOGIN_CSRF_COOKIE = "helpdesk_login_csrf"
MAX_REPLY = 20_000

_pages = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR / "staff"), autoescape=True)


def render(request: web.Request, template: str, **context: Any) -> web.Response:
    html = _pages.get_template(template).render(staff=request.get(STAFF_USER), **context)
    return web.Response(text=html, content_type="text/html")


def _secure(request: web.Request) -> bool:
    return request.secure  # behind a trusted proxy, X-Forwarded-Proto has set the scheme (web/forwarded.py)


@web.middleware
async def staff_guard(request: web.Request, handler):  # type: ignore[no-untyped-def]
    """Sessions and CSRF for /staff/; pages may not be framed."""
    if not request.path.startswith("/staff"):
        return await handler(request)
    if request.path not in ("/staff/login",):
        cookie = request.cookies.get(COOKIE)
        staff = await asyncio.to_thread(sessions.lookup, request.app[ENGINE], cookie)
        if staff is None:
            if request.method == "GET":
                raise web.HTTPSeeOther("/staff/login")
            raise web.HTTPUnauthorized(text="Sign in first")
        if request.method == "POST":
            form = await request.post()
            if not sessions.csrf_ok(staff, str(form.get("csrf", ""))):
                raise web.HTTPForbidden(text="The form's security token is missing or wrong; reload the page")
        request[STAFF_USER] = staff
    response = await handler(request)
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'; form-action 'self'; "
        "base-uri 'none'; object-src 'none'"
    )
    response.headers["Cache-Control"] = "no-store"
    return response


async def login_page(request: web.Request) -> web.Response:
    token = secrets.token_urlsafe(24)
    response = render(request, "login.html", csrf=token, error=None)
    response.set_cookie(
        LOGIN_CSRF_COOKIE, token, httponly=True, samesite="Strict", secure=_secure(request), path="/staff/login"
    )
    return response


async def login(request: web.Request) -> web.Response:
    form = await request.post()
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not secrets.compare_digest(expected, str(form.get("csrf", ""))):
        raise web.HTTPForbidden(text="The form's security token is missing or wrong; reload the page")
    wait = await request.app[STAFF_LIMITS].wait(request.remote or "unknown")
    if wait:
        raise web.HTTPTooManyRequests(
            text="Too many attempts; wait a moment", headers={"Retry-After": str(int(wait) + 1)}
        )
    engine = request.app[ENGINE]
    user = await asyncio.to_thread(
        accounts.authenticate, engine, str(form.get("email", "")), str(form.get("password", ""))
    )
    if user is None:
        response = render(
            request,
            "login.html",
            csrf=expected,
            error="Unknown address or wrong password, or the account is locked for a while after repeated failures.",
        )
        response.set_status(401)
        return response
    cookie = await asyncio.to_thread(sessions.start, engine, user)
    await asyncio.to_thread(desk.audit, engine, user.email, "sign-in", None, request.remote or "")
    response = web.HTTPSeeOther("/staff/")
    response.set_cookie(
        COOKIE,
        cookie,
        httponly=True,
        samesite="Strict",
        secure=_secure(request),
        path="/staff",
        max_age=sessions.SESSION_HOURS * 3600,
    )
    response.del_cookie(LOGIN_CSRF_COOKIE, path="/staff/login")
    raise response


async def logout(request: web.Request) -> web.Response:
    await asyncio.to_thread(sessions.end, request.app[ENGINE], request.cookies.get(COOKIE))
    await asyncio.to_thread(desk.audit, request.app[ENGINE], request[STAFF_USER].email, "sign-out", None, "")
    response = web.HTTPSeeOther("/staff/login")
    response.del_cookie(COOKIE, path="/staff")
    raise response


async def queue_page(request: web.Request) -> web.Response:
    query = request.query
    assignee = query.get("assignee", "")
    wanted = desk.QueueFilter(
        view=query.get("view", "escalated"),
        channel=query.get("channel", ""),
        language=query.get("language", ""),
        search=query.get("q", "").strip()[:200],
        assignee=int(assignee) if assignee.isdigit() else None,
    )
    engine = request.app[ENGINE]
    tickets = await asyncio.to_thread(desk.queue, engine, wanted)
    counts = await asyncio.to_thread(desk.counts, engine)
    users = await asyncio.to_thread(desk.users, engine)
    return render(request, "queue.html", tickets=tickets, counts=counts, wanted=wanted, users=users)


async def counts_api(request: web.Request) -> web.Response:
    return web.json_response(await asyncio.to_thread(desk.counts, request.app[ENGINE]))


def _ticket_id(request: web.Request) -> int:
    value = request.match_info["id"]
    if not value.isdigit() or len(value) > 18:
        raise web.HTTPNotFound(text="No such ticket")
    return int(value)


async def ticket_page(request: web.Request) -> web.Response:
    detail = await asyncio.to_thread(desk.ticket_detail, request.app[ENGINE], _ticket_id(request))
    if detail is None:
        raise web.HTTPNotFound(text="No such ticket")
    renderer = request.app[RENDERER]
    language = detail["ticket"].language
    articles = [renderer.answer(slug, language) for slug in renderer.kb.slugs()]
    return render(request, "ticket.html", articles=articles, **detail)


async def reply(request: web.Request) -> web.Response:
    ticket_id, staff = _ticket_id(request), request[STAFF_USER]
    form = await request.post()
    text = str(form.get("text", "")).strip()
    if not text or len(text) > MAX_REPLY:
        raise web.HTTPBadRequest(text=f"A reply needs text (at most {MAX_REPLY} characters)")
    detail = await asyncio.to_thread(desk.ticket_detail, request.app[ENGINE], ticket_id)
    if detail is None:
        raise web.HTTPNotFound(text="No such ticket")
    ticket = detail["ticket"]
    if ticket.channel == "chat":
        message = await asyncio.to_thread(
            conversations.add_staff_message, request.app[ENGINE], ticket_id, staff.email, text
        )
        await request.app[BROADCAST].send(ticket_id, message)  # type: ignore[attr-defined]
        # The visitor has gone and left an address: the answer goes by mail as well.
        watched = await asyncio.to_thread(request.app[PRESENCE].watched, ticket_id)
        if not watched and detail["contact"] is not None and STAFF_MAILER in request.app:
            await asyncio.to_thread(request.app[STAFF_MAILER], ticket_id, staff.email, text)
    elif STAFF_MAILER in request.app:
        await asyncio.to_thread(request.app[STAFF_MAILER], ticket_id, staff.email, text)
    else:
        raise web.HTTPServiceUnavailable(text="Mail replies are not available in this process")
    raise web.HTTPSeeOther(f"/staff/tickets/{ticket_id}")


async def note(request: web.Request) -> web.Response:
    ticket_id, form = _ticket_id(request), await request.post()
    text = str(form.get("text", "")).strip()
    if not text:
        raise web.HTTPBadRequest(text="A note needs text")
    await asyncio.to_thread(desk.add_note, request.app[ENGINE], ticket_id, request[STAFF_USER].email, text[:MAX_REPLY])
    raise web.HTTPSeeOther(f"/staff/tickets/{ticket_id}")


async def status(request: web.Request) -> web.Response:
    ticket_id, form = _ticket_id(request), await request.post()
    try:
        await asyncio.to_thread(
            desk.set_status, request.app[ENGINE], ticket_id, request[STAFF_USER].email, str(form.get("status", ""))
        )
    except ValueError as exc:
        raise web.HTTPBadRequest(text=str(exc)) from None
    raise web.HTTPSeeOther(f"/staff/tickets/{ticket_id}")


async def assign(request: web.Request) -> web.Response:
    ticket_id, form = _ticket_id(request), await request.post()
    value = str(form.get("assignee", ""))
    try:
        await asyncio.to_thread(
            desk.assign,
            request.app[ENGINE],
            ticket_id,
            request[STAFF_USER].email,
            int(value) if value.isdigit() else None,
        )
    except ValueError as exc:
        raise web.HTTPBadRequest(text=str(exc)) from None
    raise web.HTTPSeeOther(f"/staff/tickets/{ticket_id}")


async def gaps_page(request: web.Request) -> web.Response:
    return render(request, "gaps.html", gaps=await asyncio.to_thread(gaps.knowledge_gaps, request.app[ENGINE]))


def _period(request: web.Request) -> tuple[dt.date, dt.date]:
    today = dt.datetime.now(dt.UTC).date()
    if request.query.get("period") == "last-month":
        end = today.replace(day=1) - dt.timedelta(days=1)
        return end.replace(day=1), end
    try:
        end = dt.date.fromisoformat(request.query.get("to", "") or today.isoformat())
        start = dt.date.fromisoformat(request.query.get("from", "") or (end - dt.timedelta(days=27)).isoformat())
    except ValueError:
        raise web.HTTPBadRequest(text="Dates must be YYYY-MM-DD") from None
    if start > end or (end - start).days > 3 * 366:
        raise web.HTTPBadRequest(text="The period must run forwards and last at most three years")
    return start, end


async def reports_page(request: web.Request) -> web.Response:
    start, end = _period(request)
    report = await asyncio.to_thread(reports.build, request.app[ENGINE], start, end)
    return render(request, "reports.html", **reports.context(report))


async def reports_csv(request: web.Request) -> web.Response:
    start, end = _period(request)
    report = await asyncio.to_thread(reports.build, request.app[ENGINE], start, end)
    return web.Response(
        text=reports.to_csv(report),
        content_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="helpdesk-{start.isoformat()}-{end.isoformat()}.csv"'},
    )


async def users_page(request: web.Request) -> web.Response:
    if not request[STAFF_USER].is_admin:
        raise web.HTTPForbidden(text="Only administrators manage accounts")
    return render(request, "users.html", users=await asyncio.to_thread(desk.users, request.app[ENGINE]))


async def set_active(request: web.Request) -> web.Response:
    if not request[STAFF_USER].is_admin:
        raise web.HTTPForbidden(text="Only administrators manage accounts")
    form = await request.post()
    try:
        await asyncio.to_thread(
            accounts.set_active,
            request.app[ENGINE],
            request[STAFF_USER].email,
            _ticket_id(request),
            form.get("active") == "1",
        )
    except accounts.AccountError as exc:
        raise web.HTTPNotFound(text=str(exc)) from None
    raise web.HTTPSeeOther("/staff/users")


ROUTES = [
    web.get("/staff/login", login_page, name="staff-login"),
    web.post("/staff/login", login),
    web.post("/staff/logout", logout, name="staff-logout"),
    web.get("/staff/", queue_page, name="staff-queue"),
    web.get("/staff/api/counts", counts_api, name="staff-counts"),
    web.get("/staff/tickets/{id}", ticket_page, name="staff-ticket"),
    web.post("/staff/tickets/{id}/reply", reply),
    web.post("/staff/tickets/{id}/note", note),
    web.post("/staff/tickets/{id}/status", status),
    web.post("/staff/tickets/{id}/assign", assign),
    web.get("/staff/gaps", gaps_page, name="staff-gaps"),
    web.get("/staff/reports", reports_page, name="staff-reports"),
    web.get("/staff/reports.csv", reports_csv, name="staff-reports-csv"),
    web.get("/staff/users", users_page, name="staff-users"),
    web.post("/staff/users/{id}/active", set_active),
]
