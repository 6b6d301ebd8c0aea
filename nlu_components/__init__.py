"""Custom NLU pipeline components (loaded by `rasa train` and `rasa run` from the project root)."""

import hashlib
from pathlib import Path
from typing import Any, Dict, Text

from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage

# message attribute set by the entity extractor: the known names the first intent's examples do not annotate, for
# a later step that reads the message as another intent
LEFT_OUT = "entities_left_out"


def source_fingerprint(*module_files: str) -> str:
    """Hash of a component's source files (its module and the helpers it uses), for `fingerprint_addon`.

    Rasa's training cache keys a component by its class's source, configuration and inputs, not by the rest
    of its module: without this, a change to a module-level helper (`normalise`, a constant) would be ignored
    and the component's stale output restored from `.rasa/cache`.
    """
    digest = hashlib.sha256()
    for module_file in module_files:
        digest.update(Path(module_file).read_bytes())
    return digest.hexdigest()


class BuiltFromConfig:
    """Rasa's `create` for a component that starts from its configuration alone, untrained."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "BuiltFromConfig":
        return cls(config, model_storage, resource)
