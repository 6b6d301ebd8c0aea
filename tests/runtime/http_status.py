"""The HTTP status a GET gets, errors included, for the tests that probe Rasa's API."""

import urllib.error
import urllib.request


def status_code(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code
