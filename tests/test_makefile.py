"""The front door: `make help` lists every target of the Makefile, each with what it does."""

import re
import subprocess

from tests.conftest import ROOT


def test_make_help_lists_every_target():
    targets = re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.MULTILINE)
    listed = subprocess.run(
        ["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    described = dict(re.findall(r"^  make (\S+)\s+(.+)$", listed, flags=re.MULTILINE))
    assert set(targets) - {"test-output"} == set(described), listed
    assert all(len(text) > 10 for text in described.values())
