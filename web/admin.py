"""The /admin dashboard of the web server: HTTP Basic auth with ADMIN_TOKEN as password, built from the store."""

from __future__ import annotations

import asyncio
import datetime as dt
import hmac
import logging
import secrets
import tempfile
from base64 import b64decode
from collections import OrderedDict
from pathlib import Path
from typing import Callable, Dict, Optional

from aiohttp import web

from dashboard.events import StoreUnavailable
from runtime.api_token import example_values, token_problem

logger = logging.getLogger(__name__)

TOKEN_VARIABLE = "ADMIN_TOKEN"
MAX_DAYS = 3660
KEPT_BUILDS = 32  # the files of the last visits: enough for the pages open at once, bounded in memory
TYPES = {".html": "text/html; charset=utf-8", ".png": "image/png", ".css": "text/css; charset=utf-8"}
UNAVAILABLE = (
    "Tableau de bord indisponible : la base des conversations est injoignable. Réessayez dans quelques minutes ; "
    "si cela dure, vérifiez que la base de données est démarrée."
)
CHALLENGE = {"WWW-Authenticate": 'Basic realm="tableau de bord", charset="UTF-8"'}


def admin_token_problem(token: Optional[str]) -> Optional[str]:
    """Why ADMIN_TOKEN cannot protect /admin, or None: the same strength rules as the Rasa API token."""
    return token_problem(token, example_values(), TOKEN_VARIABLE, "le tableau de bord /admin")


def authorised(header: str, token: str) -> bool:
    """An `Authorization: Basic` header whose password is the token (any user name), compared in constant time."""
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic" or len(encoded) > 1024:
        return False
    try:
        _, _, password = b64decode(encoded.strip(), validate=True).decode("utf-8").partition(":")
    except (ValueError, UnicodeDecodeError):
        return False
    return hmac.compare_digest(password.encode("utf-8"), token.encode("utf-8"))


def requested_days(value: Optional[str]) -> Optional[int]:
    """?jours=N as a number of days (1 to MAX_DAYS); None for everything; ValueError when malformed."""
    if value in (None, ""):
        return None
    if not value.isdigit() or not 1 <= int(value) <= MAX_DAYS:
        raise ValueError(value)
    return int(value)


def build_files(db_url: str, days: Optional[int], build_id: str) -> Dict[str, bytes]:
    """The dashboard's files (index.html, its CSS and charts) for the last `days` days, by file name; the page
    finds the others under /admin/<build_id>/."""
    from scripts.report import build

    today = dt.datetime.now(dt.timezone.utc).date()
    since = today - dt.timedelta(days=days - 1) if days else None
    with tempfile.TemporaryDirectory() as folder:
        build(db_url, Path(folder), since, None, today, f"{build_id}/")
        return {path.name: path.read_bytes() for path in Path(folder).iterdir()}


def add_admin_routes(
    app: web.Application, token: Optional[str], db_url: str, headers_for: Callable[[web.Request], Dict[str, str]]
) -> None:
    """/admin/ (the page, rebuilt on each visit) and /admin/<build>/<file> (that visit's CSS and charts), or 404
    without a token. Each visit keeps its own files, so that visits of different periods never mix."""
    builds: "OrderedDict[str, Dict[str, bytes]]" = OrderedDict()

    def refuse(request: web.Request, status: int, text: str) -> web.Response:
        extra = CHALLENGE if status == 401 else {}
        return web.Response(status=status, text=text, headers={**headers_for(request), **extra})

    async def page(request: web.Request) -> web.Response:
        if token is None:
            return refuse(request, 404, "Page introuvable.")
        if not authorised(request.headers.get("Authorization", ""), token):
            return refuse(request, 401, "Accès réservé : saisissez le jeton ADMIN_TOKEN comme mot de passe.")
        build_id, name = request.match_info.get("build"), request.match_info.get("name")
        if build_id is None and name is None:
            try:
                days = requested_days(request.query.get("jours"))
            except ValueError:
                return refuse(request, 400, "Le paramètre « jours » doit être un nombre de jours entre 1 et 3660.")
            build_id, name = secrets.token_hex(8), "index.html"
            try:
                built = await asyncio.get_running_loop().run_in_executor(None, build_files, db_url, days, build_id)
            except StoreUnavailable as error:
                logger.warning("Tableau de bord : base des conversations injoignable (%s)", error)
                return refuse(request, 503, UNAVAILABLE)
            builds[build_id] = built
            while len(builds) > KEPT_BUILDS:
                builds.popitem(last=False)
        files = builds.get(build_id, {})
        if name not in files or Path(name).suffix not in TYPES:
            return refuse(request, 404, "Page introuvable.")
        content = {**headers_for(request), "Content-Type": TYPES[Path(name).suffix], "Cache-Control": "no-store"}
        return web.Response(body=files[name], headers=content)

    async def with_slash(request: web.Request) -> web.Response:
        raise web.HTTPFound("/admin/")

    app.router.add_get("/admin", with_slash)
    app.router.add_get("/admin/", page)
    app.router.add_get("/admin/{name}", page)  # no such file, but only those with the token may know it
    app.router.add_get("/admin/{build:[0-9a-f]{16}}/{name}", page)
