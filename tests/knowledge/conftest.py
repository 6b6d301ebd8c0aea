"""Fixtures of the knowledge-store tests: a copy of the store to break."""

import shutil

import pytest
import yaml

from actions.knowledge.loader import DEFAULT_DIR


@pytest.fixture
def broken_copy(tmp_path):
    """A copy of the store to break; returns a function editing one file's YAML."""
    target = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_DIR, target)

    def edit(name, change):
        path = target / f"{name}.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return target

    return edit
