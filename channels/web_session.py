"""Website sessions issued by the server: a random id and its HMAC under a server secret, checked on every reuse."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path
from typing import Mapping, Optional

from rasa.shared.exceptions import RasaException

from runtime.api_token import example_values, token_problem

ROOT = Path(__file__).resolve().parents[1]
SECRET_VARIABLE = "WEB_SESSION_SECRET"
SECRET_FILE_VARIABLE = "WEB_SESSION_SECRET_FILE"
DEFAULT_SECRET_FILE = ROOT / ".web-session-secret"  # git-ignored; readable by its owner only
SECRET_MINIMUM = 32  # characters
SERVICE = "les sessions du site web (canal socket.io)"
ID_BYTES = MAC_BYTES = 12  # 16 characters each in base64url: a 32-character session
ID_CHARS = 16


def _encoded(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii")


def _mac(secret: bytes, session: str) -> str:
    return _encoded(hmac.new(secret, session.encode("ascii"), hashlib.sha256).digest()[:MAC_BYTES])


def issue(secret: bytes) -> str:
    """A new signed session: 16 random characters, then their 16-character signature."""
    session = _encoded(secrets.token_bytes(ID_BYTES))
    return session + _mac(secret, session)


def verified(signed: object, secret: bytes) -> Optional[str]:
    """The session inside `signed` if this server issued it, else None (constant-time comparison)."""
    if not isinstance(signed, str) or len(signed) != 2 * ID_CHARS or not signed.isascii():
        return None
    session, mac = signed[:ID_CHARS], signed[ID_CHARS:]
    return session if hmac.compare_digest(mac, _mac(secret, session)) else None


def server_secret(environ: Mapping[str, str] = os.environ) -> bytes:
    """WEB_SESSION_SECRET, else the secret in WEB_SESSION_SECRET_FILE (default .web-session-secret), generated
    there with owner-only permissions on first use; every replica reading the same file shares the sessions."""
    if environ.get(SECRET_VARIABLE):
        secret = environ[SECRET_VARIABLE]
        problem = token_problem(secret, example_values(), SECRET_VARIABLE, SERVICE, SECRET_MINIMUM)
        if problem:  # a guessable secret lets anyone sign a session id and read another person's conversation
            raise RasaException(problem)
        return secret.encode("utf-8")
    path = Path(environ.get(SECRET_FILE_VARIABLE) or DEFAULT_SECRET_FILE)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        return read_secret(path)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(secrets.token_urlsafe(32))
    return read_secret(path)


def read_secret(path: Path, tries: int = 20) -> bytes:
    for _ in range(tries):  # a server starting beside this one may still be writing it
        secret = path.read_text(encoding="ascii").strip()
        if len(secret) >= SECRET_MINIMUM:
            return secret.encode("ascii")
        time.sleep(0.05)
    raise RuntimeError(
        f"{path} : secret des sessions web absent ou trop court ({SECRET_MINIMUM} caractères au minimum)."
    )
