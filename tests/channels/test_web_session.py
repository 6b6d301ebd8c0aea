"""Website sessions: signed by the server, refused when forged, the secret kept in an owner-only file."""

import stat

import pytest
from rasa.shared.exceptions import RasaException

from channels import web_session

SECRET = b"s" * 32


def test_an_issued_session_verifies_and_a_forged_one_does_not():
    signed = web_session.issue(SECRET)
    assert len(signed) == 32 and web_session.verified(signed, SECRET) == signed[:16]
    assert web_session.issue(SECRET) != signed
    forged = [
        signed[:16] + ("A" if signed[16] != "A" else "B") + signed[17:],
        signed[:16],
        "x" * 32,
        signed + "x",
        "é" * 32,
        None,
        42,
    ]
    assert [web_session.verified(f, SECRET) for f in forged] == [None] * len(forged)
    assert web_session.verified(signed, b"t" * 32) is None  # another server's secret


def test_the_secret_comes_from_the_environment_else_from_a_private_file_made_once(tmp_path):
    assert web_session.server_secret({"WEB_SESSION_SECRET": "from-env-" + "x" * 30}) == b"from-env-" + b"x" * 30
    path = tmp_path / "secret"
    environ = {"WEB_SESSION_SECRET_FILE": str(path)}
    first = web_session.server_secret(environ)
    assert len(first) >= 32 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert web_session.server_secret(environ) == first  # never overwritten: sessions survive a restart


def test_a_symlink_in_place_of_the_file_is_never_written_through(tmp_path):
    target = tmp_path / "target"
    target.write_text("x" * 40)
    link = tmp_path / "secret"
    link.symlink_to(target)
    assert web_session.server_secret({"WEB_SESSION_SECRET_FILE": str(link)}) == b"x" * 40
    assert target.read_text() == "x" * 40


def test_a_weak_secret_from_the_environment_refuses_to_start_with_the_fix():
    for weak, problem in [
        ("changeme", "valeur d'exemple"),
        ("Change-Me", "valeur d'exemple"),
        ("k" * 31, "trop court (31 caractères, 32 au minimum)"),
    ]:
        with pytest.raises(RasaException) as refused:
            web_session.server_secret({"WEB_SESSION_SECRET": weak})
        message = str(refused.value)
        assert problem in message and "WEB_SESSION_SECRET" in message and "secrets.token_urlsafe" in message
    assert web_session.server_secret({"WEB_SESSION_SECRET": "k" * 32}) == b"k" * 32
