"""The pages around the API: the demo page with the widget, the widget's files and readable articles."""

from __future__ import annotations

from pathlib import Path

import jinja2
from aiohttp import web

from helpdesk.replies import TEMPLATES_DIR
from helpdesk.web.keys import RENDERER

STATIC = Path(__file__).parent / "static"
_pages = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR / "web"), autoescape=True)


async def demo(request: web.Request) -> web.Response:
    origin = f"{request.scheme}://{request.host}"
    lang = "en" if request.query.get("lang") == "en" else "nl"
    html = _pages.get_template("demo.html").render(origin=origin, lang=lang)
    return web.Response(text=html, content_type="text/html")


async def widget_script(request: web.Request) -> web.FileResponse:
    return web.FileResponse(
        STATIC / "widget.js",
        headers={"Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=300"},
    )


async def widget_style(request: web.Request) -> web.FileResponse:
    return web.FileResponse(
        STATIC / "widget.css",
        headers={"Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=300"},
    )


async def staff_script(request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC / "staff.js", headers={"Content-Type": "text/javascript; charset=utf-8"})


async def article(request: web.Request) -> web.Response:
    renderer = request.app[RENDERER]
    lang, slug = request.match_info["lang"], request.match_info["slug"]
    try:
        answer = renderer.answer(slug, lang)
    except KeyError:
        raise web.HTTPNotFound(text="No such article") from None
    html = _pages.get_template("article.html").render(answer=answer, lang=lang)
    return web.Response(text=html, content_type="text/html")
