"""Helpers of the tests that start the Rasa server: a model server that never answers, and HTTP status codes."""

import urllib.error
import urllib.request
from pathlib import Path

from runtime import launch


def endpoints_without_model(folder: Path) -> Path:
    """An endpoints.yml whose model server never answers: the server starts at once, without a model."""
    endpoints = folder / "endpoints.yml"
    endpoints.write_text(
        f"models:\n  url: http://127.0.0.1:{launch.free_port()}/model.tar.gz\n  wait_time_between_pulls: 600\n",
        encoding="utf-8",
    )
    return endpoints


def status_code(url: str) -> int:
    """The HTTP status a GET of `url` gets, errors included."""
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code
