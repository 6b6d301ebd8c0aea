"""The front door: `make help` lists every target of the Makefile, each with what it does."""

import importlib.util
import re
import subprocess
from pathlib import Path

from tests.conftest import ROOT


def test_make_help_lists_every_target():
    targets = re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.MULTILINE)
    listed = subprocess.run(
        ["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    described = dict(re.findall(r"^  make (\S+)\s+(.+)$", listed, flags=re.MULTILINE))
    assert set(targets) - {"test-output"} == set(described), listed
    assert all(len(text) > 10 for text in described.values())


def test_the_installed_packages_are_byte_compiled():
    """`make install` leaves bytecode beside the packages: a server's start does not compile Rasa again, even where
    Python may not write it at import (PYTHONDONTWRITEBYTECODE here, the service user in production)."""
    modules = ["rasa.core.agent", "rasa.core.run", "rasa_sdk.executor", "spacy", "sklearn.feature_extraction.text"]
    missing = [
        name
        for name in modules
        if not Path(importlib.util.cache_from_source(importlib.util.find_spec(name).origin)).is_file()
    ]
    assert not missing, f"no bytecode for {missing}: run `make install` again"
