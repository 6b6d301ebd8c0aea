"""The action server's start-up: the knowledge store checked, the search index built, the chart worker warmed."""

from __future__ import annotations

import logging
import time

from actions.knowledge.contacts import get_contacts
from actions.knowledge.loader import get_store
from actions.knowledge.search import get_index
from charts.pipeline import start_worker

logger = logging.getLogger(__name__)


def start() -> None:
    """Everything the first question would otherwise wait for; raises KnowledgeError on a broken store."""
    started = time.monotonic()
    store = get_store()
    get_contacts()
    logger.info("knowledge store loaded and checked (%.1f s)", time.monotonic() - started)
    started = time.monotonic()
    get_index(store)
    logger.info("knowledge search index built (%.1f s)", time.monotonic() - started)
    logger.info("chart worker started and warm (%.1f s)", start_worker())
