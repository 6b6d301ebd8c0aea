"""Custom actions of the assistant; the knowledge store is loaded and validated at import."""

import logging
import sys

from actions.knowledge.contacts import get_contacts
from actions.knowledge.loader import KnowledgeError, get_store

try:
    get_store()
    get_contacts()
except KnowledgeError as error:  # stop the action server with a message naming the cause
    logging.getLogger(__name__).critical("%s", error)
    sys.exit(f"Action server not started. {error}")
