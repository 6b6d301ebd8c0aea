"""Sending a chart from an action: the picture drawn by charts/ (outside the actions) with its text alternative."""

from __future__ import annotations

import asyncio
import logging
from typing import Awaitable

from rasa_sdk.executor import CollectingDispatcher

logger = logging.getLogger(__name__)
# the longest an answer waits for its chart: well within the action timeout (endpoints.yml), so that a
# worker still starting costs the picture, never the answer
CHART_WAIT_SECONDS = 6.0


async def send_chart(dispatcher: CollectingDispatcher, alt_text: str, chart_url: Awaitable[str]) -> None:
    """One message: the chart and its text alternative. A chart that cannot be drawn in time must not cost the
    answer, whose text says it all: the failure is logged and nothing is sent."""
    try:
        dispatcher.utter_message(text=alt_text, image=await asyncio.wait_for(chart_url, CHART_WAIT_SECONDS))
    except asyncio.TimeoutError:
        logger.warning("chart not ready within %s s, answer sent without it", CHART_WAIT_SECONDS)
    except Exception:
        logger.exception("chart not rendered")
