"""Custom actions of the assistant; the knowledge store is loaded, validated and indexed for search at import."""

import logging
import sys

from actions.knowledge.contacts import get_contacts
from actions.knowledge.loader import KnowledgeError, get_store
from actions.knowledge.search import get_index

try:
    get_index(get_store())  # built once when the action server starts, not at the first question
    get_contacts()
except KnowledgeError as error:  # stop the action server with a message naming the cause
    logging.getLogger(__name__).critical("%s", error)
    sys.exit(f"Action server not started. {error}")
