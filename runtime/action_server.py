"""The action server's entry point: `rasa run actions`, with the start-up of actions/startup.py run and logged.

Usage: python -m runtime.action_server --actions actions --port 5055   (the arguments of `rasa run actions`)
A broken knowledge store stops it before it listens, with a message naming the file, the entry and the problem.
"""

from __future__ import annotations

import logging
import sys
from typing import List, Optional

import pluggy

logger = logging.getLogger("runtime.action_server")  # not "__main__" under `python -m`


class StartUp:
    """rasa-sdk plugin: the start-up runs once the actions are registered and logging is set, before listening."""

    @pluggy.HookimplMarker("rasa_sdk")
    def attach_sanic_app_extensions(self) -> None:  # pluggy passes only the hook arguments asked for: none
        from actions.knowledge.loader import KnowledgeError
        from actions.startup import start

        try:
            start()
        except KnowledgeError as error:
            logger.critical("%s", error)
            sys.exit(f"Action server not started. {error}")


def main(arguments: Optional[List[str]] = None) -> None:
    import rasa_sdk.__main__
    from rasa_sdk.plugin import plugin_manager

    sys.argv = ["rasa_sdk", *(sys.argv[1:] if arguments is None else arguments)]
    plugin_manager().register(StartUp())
    rasa_sdk.__main__.main()


if __name__ == "__main__":
    main()
