"""Rasa's HTTP API starts only with a strong token, read from RASA_API_TOKEN; .env.example holds no secret."""

import secrets

import pytest

from runtime import launch
from runtime.api_token import ENV_EXAMPLE, GENERATE, example_values, token_problem
from tests.runtime.probes import endpoints_without_model, status_code

STRONG = secrets.token_urlsafe(32)
SECRET_NAMES = ("PASSWORD", "TOKEN", "SECRET", "KEY")


@pytest.mark.parametrize(
    "token,problem",
    [
        (None, "aucun jeton n'est défini"),
        ("", "aucun jeton n'est défini"),
        ("change-me", "valeur d'exemple courante (« change-me »)"),
        ("CHANGEME", "valeur d'exemple courante"),
        ("secret", "valeur d'exemple courante"),
        ("Your_Token_Here", "valeur d'exemple courante"),
        ("x7Gq2LpW9", "trop court (9 caractères, 24 au minimum)"),
    ],
)
def test_a_weak_token_is_refused_with_the_problem_and_the_fix(token, problem):
    message = token_problem(token)
    assert message.startswith("Refus de démarrer l'API HTTP de Rasa (--enable-api) : ")
    assert problem in message
    assert message.endswith(f"placez-le dans la variable d'environnement RASA_API_TOKEN : {GENERATE}")


def test_a_value_of_an_env_example_file_is_refused_even_when_long(tmp_path):
    example = tmp_path / ".env.example"
    example.write_text("# settings\nRASA_API_TOKEN=please-put-a-real-token-here   # a comment\n", encoding="utf-8")
    assert example_values(example) == {"please-put-a-real-token-here"}
    assert "valeur de .env.example" in token_problem("please-put-a-real-token-here", example_values(example))


def test_a_generated_token_is_accepted():
    assert token_problem(STRONG, example_values()) is None


def test_env_example_holds_no_secret_and_says_how_to_generate_one():
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    secrets_given = {
        line.split("=", 1)[0]: line.split("=", 1)[1].split("#", 1)[0].strip()
        for line in text.splitlines()
        if "=" in line and not line.startswith("#") and any(name in line.split("=", 1)[0] for name in SECRET_NAMES)
    }
    assert {"POSTGRES_PASSWORD", "RASA_API_TOKEN", "TELEGRAM_SECRET_TOKEN"} <= set(secrets_given)
    assert {name: value for name, value in secrets_given.items() if value} == {}
    assert GENERATE in text


def test_the_entry_point_refuses_a_weak_token_and_exits(tmp_path):
    log = tmp_path / "rasa.log"
    env = {**launch.server_env(), "RASA_API_TOKEN": "change-me"}
    args = [launch.PYTHON, "-m", "runtime.serve", "--enable-api", "--endpoints", str(endpoints_without_model(tmp_path))]
    process = launch.start_process([*args, "--port", str(launch.free_port())], log, env)
    assert process.wait(timeout=120) != 0
    assert "Refus de démarrer l'API HTTP de Rasa (--enable-api) : le jeton est une valeur d'exemple" in log.read_text()


def test_the_entry_point_serves_the_api_with_the_token_from_the_environment(tmp_path):
    env = {**launch.server_env(), "RASA_API_TOKEN": STRONG}
    with launch.rasa_server(
        endpoints_without_model(tmp_path), tmp_path / "rasa.log", extra=["--enable-api"], env=env
    ) as server:
        assert status_code(f"{server.url}/status") == 401
        assert status_code(f"{server.url}/status?token={STRONG}") == 409  # authorised; no model loaded yet
