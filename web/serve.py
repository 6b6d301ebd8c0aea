"""Serves the chat page (web/) with a strict Content-Security-Policy, security headers and a generated config.js."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Dict, Optional, Tuple
from urllib.parse import urlsplit

from aiohttp import web

from runtime.charts import chart_file_of_url

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run as a script: the project's packages (dashboard, runtime)

from web.admin import add_admin_routes, admin_token_problem  # noqa: E402

DEFAULT_SOCKET_URL = "http://localhost:5005"
FILES: Dict[str, Tuple[str, str]] = {  # URL path -> (file under web/, content type)
    "/": ("index.html", "text/html; charset=utf-8"),
    "/index.html": ("index.html", "text/html; charset=utf-8"),
    "/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/style.css": ("style.css", "text/css; charset=utf-8"),
    "/favicon.svg": ("favicon.svg", "image/svg+xml"),
    "/vendor/rasa-webchat/index.js": ("vendor/rasa-webchat/index.js", "text/javascript; charset=utf-8"),
}
PERMISSIONS_POLICY = ", ".join(  # the page needs none of these browser features
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)
CHART_CACHE = "public, max-age=31536000, immutable"
HSTS = "max-age=31536000"  # one year; no includeSubDomains: other hosts of the domain are not ours to decide


def socket_origins(socket_url: str) -> Tuple[str, str]:
    """The http(s) and ws(s) origins of the Rasa socket server; ValueError when the URL is unusable."""
    parts = urlsplit(socket_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"RASA_SOCKET_URL doit être une adresse http(s)://hôte[:port], pas « {socket_url} »")
    ws_scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{parts.scheme}://{parts.netloc}", f"{ws_scheme}://{parts.netloc}"


def security_headers(socket_url: str) -> Dict[str, str]:
    """CSP: scripts, fonts and images from this server only; connections to it and to the socket server.
    Inline styles are allowed because the widget injects its CSS in <style> elements."""
    http_origin, ws_origin = socket_origins(socket_url)
    policy = "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            f"connect-src 'self' {http_origin} {ws_origin}",
            "object-src 'none'",
            "frame-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )
    return {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "Cache-Control": "no-cache",
    }


def came_over_https(request: web.Request) -> bool:
    """TLS here, or at a proxy in front that says so (X-Forwarded-Proto); browsers ignore HSTS over plain HTTP."""
    forwarded = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
    return request.secure or forwarded == "https"


def config_js(socket_url: str) -> str:
    config = {"socketUrl": socket_url.rstrip("/"), "socketPath": "/socket.io/"}
    return f"window.CONSEILLER_CONFIG = {json.dumps(config)};\n"


def make_app(
    socket_url: str = DEFAULT_SOCKET_URL, admin_token: Optional[str] = None, admin_db_url: str = ""
) -> web.Application:
    headers = security_headers(socket_url)
    config = config_js(socket_url).encode("utf-8")

    def headers_for(request: web.Request) -> Dict[str, str]:
        return {**headers, "Strict-Transport-Security": HSTS} if came_over_https(request) else headers

    async def serve(request: web.Request) -> web.Response:
        if request.path == "/config.js":
            content = {**headers_for(request), "Content-Type": "text/javascript; charset=utf-8"}
            return web.Response(body=config, headers=content)
        name, content_type = FILES[request.path]
        content = {**headers_for(request), "Content-Type": content_type}
        return web.Response(body=(HERE / name).read_bytes(), headers=content)

    async def chart(request: web.Request) -> web.Response:
        path = chart_file_of_url(request.path)
        if path is None:
            return await not_found(request)
        # a chart's id is derived from its content: the same URL always shows the same picture
        content = {**headers_for(request), "Content-Type": "image/png", "Cache-Control": CHART_CACHE}
        return web.Response(body=path.read_bytes(), headers=content)

    async def not_found(request: web.Request) -> web.Response:
        return web.Response(status=404, text="Page introuvable.", headers=headers_for(request))

    app = web.Application()
    add_admin_routes(app, admin_token, admin_db_url, headers_for)
    for path in [*FILES, "/config.js"]:
        app.router.add_get(path, serve)
    app.router.add_get("/charts/{name}", chart)
    app.router.add_route("*", "/{tail:.*}", not_found)
    return app


def admin_db_url(environ: Dict[str, str]) -> str:
    """The tracker store the dashboard reads: ADMIN_DB_URL, else the one of ADMIN_ENDPOINTS (endpoints.yml)."""
    if environ.get("ADMIN_DB_URL"):
        return environ["ADMIN_DB_URL"]
    from scripts.report import endpoints_url

    return endpoints_url(environ.get("ADMIN_ENDPOINTS", "endpoints.yml"))


def main() -> int:
    port = int(os.environ.get("WEB_PORT", "8080"))
    host = os.environ.get("WEB_HOST", "127.0.0.1")
    socket_url = os.environ.get("RASA_SOCKET_URL", DEFAULT_SOCKET_URL)
    admin_token = os.environ.get("ADMIN_TOKEN") or None
    if admin_token and admin_token_problem(admin_token):
        print(admin_token_problem(admin_token), file=sys.stderr)
        return 2
    try:
        app = make_app(socket_url, admin_token, admin_db_url(os.environ) if admin_token else "")
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0", "::") else host
    print(f"Page du conseiller : http://{shown}:{port}/ (serveur socket.io : {socket_url})", flush=True)
    web.run_app(app, host=host, port=port, print=None, access_log=None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
