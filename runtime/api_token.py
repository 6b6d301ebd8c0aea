"""The token of Rasa's HTTP API: read from RASA_API_TOKEN (never from a command line) and refused when weak."""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path
from typing import Iterable, Mapping, Optional, Set

import pluggy

ROOT = Path(__file__).resolve().parents[1]
ENV_EXAMPLE = ROOT / ".env.example"
ENVIRONMENT_VARIABLE = "RASA_API_TOKEN"
MINIMUM_LENGTH = 24
GENERATE = 'python3 -c "import secrets; print(secrets.token_urlsafe(32))"'
PLACEHOLDERS = frozenset(
    {
        "changeme",
        "changemenow",
        "replaceme",
        "secret",
        "mysecret",
        "token",
        "mytoken",
        "apitoken",
        "yourtoken",
        "yourtokenhere",
        "tokenhere",
        "example",
        "exampletoken",
        "password",
        "test",
        "testtoken",
        "default",
        "admin",
        "rasa",
        "xxx",
    }
)  # compared without case and separators: "Change-Me" is "changeme"


def normalised(value: str) -> str:
    return re.sub(r"[^a-z0-9]", "", value.lower())


def example_values(path: Path = ENV_EXAMPLE) -> Set[str]:
    """The non-empty values of a .env file (comments after the value left out)."""
    values = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        name, equals, rest = line.partition("=")
        if not equals or name.lstrip().startswith("#"):
            continue
        value = rest.split("#", 1)[0].strip().strip("\"'")
        if value:
            values.add(value)
    return values


def token_problem(
    token: Optional[str],
    examples: Iterable[str] = (),
    variable: str = ENVIRONMENT_VARIABLE,
    service: str = "l'API HTTP de Rasa (--enable-api)",
    minimum: int = MINIMUM_LENGTH,
) -> Optional[str]:
    """Why `token` cannot protect a service (a sentence naming the problem and the fix), or None when it can."""
    fix = f"Générez-en un et placez-le dans la variable d'environnement {variable} : {GENERATE}"
    if not token:
        problem = "aucun jeton n'est défini : l'API serait ouverte à tous"
    elif normalised(token) in PLACEHOLDERS:
        problem = f"le jeton est une valeur d'exemple courante (« {token} »)"
    elif normalised(token) in {normalised(value) for value in examples}:
        problem = "le jeton est une valeur de .env.example"
    elif len(token) < minimum:
        problem = f"le jeton est trop court ({len(token)} caractères, {minimum} au minimum)"
    else:
        return None
    return f"Refus de démarrer {service} : {problem}. {fix}"


def use_environment_token(arguments: argparse.Namespace, environ: Mapping[str, str]) -> None:
    """With --enable-api: takes the token from the environment unless given, then exits if it is weak."""
    if not getattr(arguments, "enable_api", False):
        return
    if not arguments.auth_token:
        arguments.auth_token = environ.get(ENVIRONMENT_VARIABLE) or None
    problem = token_problem(arguments.auth_token, example_values())
    if problem:
        raise SystemExit(problem)


class ApiTokenCheck:
    """Rasa plugin: checks the API token on the parsed `rasa run` arguments, before the server starts."""

    @pluggy.HookimplMarker("rasa")
    def configure_commandline(self, cmdline_arguments: argparse.Namespace) -> None:
        use_environment_token(cmdline_arguments, os.environ)
