"""Training times: the project from scratch in a temporary copy with an empty Rasa cache, and `make train` idle."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Dict

TRAINING_INPUTS = ("config.yml", "domain.yml", "data", "nlu_components")


def from_scratch(rasa: str, env: Dict[str, str], project: Path) -> float:
    """Seconds of a full `rasa train` of a copy of `project`'s training inputs, nothing reused from any cache."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder)
        for name in TRAINING_INPUTS:
            source = project / name
            if source.is_dir():
                shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
            elif source.exists():
                shutil.copy2(source, copy / name)
        # the copy's components first; anything else they import still comes from the project
        isolated = {
            **env,
            "RASA_CACHE_DIRECTORY": str(copy / "cache"),
            "PYTHONPATH": f"{copy}:{env.get('PYTHONPATH', project)}",
        }
        start = time.perf_counter()
        subprocess.run(
            [rasa, "train", "--fixed-model-name", "bench", "--out", str(copy / "models")],
            cwd=copy,
            env=isolated,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return time.perf_counter() - start


def make_train_unchanged(env: Dict[str, str], project: Path) -> float:
    """Seconds of `make train` when nothing changed since the model was trained (make should run nothing)."""
    start = time.perf_counter()
    subprocess.run(["make", "-s", "train"], cwd=project, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start
