"""Publishing charts: drawn in a worker process (off the hot path), sent with their text alternative."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Awaitable, Callable, List

from rasa_sdk.executor import CollectingDispatcher

from runtime.charts import charts_dir, draw_and_store
from runtime.drawings import load_matplotlib

logger = logging.getLogger(__name__)
# the longest an answer waits for its chart: well within the action timeout (endpoints.yml), so that a
# worker still starting costs the picture, never the answer
CHART_WAIT_SECONDS = 6.0
_pool: List[ProcessPoolExecutor] = []


def _worker() -> ProcessPoolExecutor:
    if not _pool:
        # spawn: a fresh interpreter, never a fork of the action server's threads
        _pool.append(ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")))
    return _pool[0]


def start_chart_worker() -> Future:
    """Starts the worker and has it load matplotlib now, while the person answers a form's questions, so that
    the chart at its end comes quickly; returns at once."""
    return _worker().submit(load_matplotlib)


async def publish(draw: Callable[..., bytes], *arguments: Any) -> str:
    """Runs draw(*arguments), a function of runtime.drawings, in the worker process, so that other
    conversations are not slowed; returns /charts/<id>.png."""
    loop = asyncio.get_running_loop()
    try:
        chart_id = await loop.run_in_executor(_worker(), draw_and_store, draw, arguments, str(charts_dir()))
    except BrokenProcessPool:
        _pool.clear()  # the worker died (killed, out of memory): the next chart starts a new one
        raise
    return f"/charts/{chart_id}.png"


async def send_chart(dispatcher: CollectingDispatcher, alt_text: str, chart_url: Awaitable[str]) -> None:
    """One message: the chart and its text alternative. A chart that cannot be drawn in time must not cost
    the answer, whose text says it all: the failure is logged and nothing is sent."""
    try:
        dispatcher.utter_message(text=alt_text, image=await asyncio.wait_for(chart_url, CHART_WAIT_SECONDS))
    except asyncio.TimeoutError:
        logger.warning("chart not ready within %s s, answer sent without it", CHART_WAIT_SECONDS)
    except Exception:
        logger.exception("chart not rendered")
