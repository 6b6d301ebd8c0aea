"""The Rasa server's entry point: installs runtime.speedups and runtime.fault_policy, then runs `rasa run`/`shell`.

Usage: python -m runtime.serve [shell] <the arguments of `rasa run` or `rasa shell`>
  python -m runtime.serve --model models/conseiller.tar.gz --port 5005 --endpoints endpoints.yml
  python -m runtime.serve shell --model models/conseiller.tar.gz --endpoints endpoints.yml
"""

from __future__ import annotations

import logging
import os
import sys
from typing import List, Optional

import pluggy

from runtime import fault_policy, speedups
from runtime.api_token import ApiTokenCheck

logger = logging.getLogger("runtime.serve")  # not "__main__" under `python -m`
SHELL = "shell"
REQUEST_MAX_BYTES = 64 * 1024  # a message is at most a few KB: a bigger body gets Sanic's 413 unread
# as channels.socketio.MAX_FRAME_BYTES: a bigger websocket frame closes the connection from its header, unread
WEBSOCKET_MAX_BYTES = 16 * 1024


class StartUp:
    """Rasa plugin: installs the speed-ups once Rasa has set up its logging, before the command runs."""

    @pluggy.HookimplMarker("rasa")
    def configure_commandline(self) -> None:  # pluggy passes only the hook arguments asked for: none
        install_speedups()
        cap_request_size()
        install_fault_policy()


def install_speedups() -> List[str]:
    """Installs the adjustments and says so in the server's log."""
    names = speedups.install()
    if names:
        logger.info("runtime.speedups installed: %s", ", ".join(names))
    return names


def cap_request_size() -> int:
    """Caps request bodies through Sanic's own setting, read from the environment when Rasa creates its app."""
    os.environ["SANIC_REQUEST_MAX_SIZE"] = str(REQUEST_MAX_BYTES)
    os.environ["SANIC_WEBSOCKET_MAX_SIZE"] = str(WEBSOCKET_MAX_BYTES)
    logger.info("Sanic request bodies capped at %d bytes", REQUEST_MAX_BYTES)
    logger.info("Sanic websocket frames capped at %d bytes", WEBSOCKET_MAX_BYTES)
    return REQUEST_MAX_BYTES


def install_fault_policy() -> List[str]:
    """Installs the failure handling and says so in the server's log."""
    names = fault_policy.install()
    if names:
        logger.info("runtime.fault_policy installed: %s", ", ".join(names))
    return names


def rasa_command(arguments: List[str]) -> List[str]:
    """The `rasa` command line for these arguments: `rasa shell …` after `shell`, `rasa run …` otherwise."""
    if arguments[:1] == [SHELL]:
        return ["rasa", *arguments]
    return ["rasa", "run", *arguments]


def main(arguments: Optional[List[str]] = None) -> None:
    import rasa.__main__
    from rasa.plugin import plugin_manager

    sys.argv = rasa_command(sys.argv[1:] if arguments is None else arguments)
    plugin_manager().register(StartUp())
    plugin_manager().register(ApiTokenCheck())
    rasa.__main__.main()


if __name__ == "__main__":
    main()
