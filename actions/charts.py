"""Sending a chart from an action: the pipeline of charts/ (outside the actions), and the message with its text."""

from __future__ import annotations

import logging
from typing import Awaitable

from rasa_sdk.executor import CollectingDispatcher

from charts.pipeline import PALETTE, new_figure, png_of, publish, store_png

__all__ = ["PALETTE", "new_figure", "png_of", "publish", "send_chart", "store_png"]
logger = logging.getLogger(__name__)


async def send_chart(dispatcher: CollectingDispatcher, alt_text: str, chart_url: Awaitable[str]) -> None:
    """One message: the chart and its text alternative. A chart that cannot be drawn must not cost the
    answer, whose text says it all: the failure is logged and nothing is sent."""
    try:
        dispatcher.utter_message(text=alt_text, image=await chart_url)
    except Exception:
        logger.exception("chart not rendered")
