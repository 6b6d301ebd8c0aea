"""A Bot API call that Telegram refused or dropped: retried a bounded number of times, then logged, never raised.

A send that raises inside Rasa would abort the turn before it is saved: the user's message and the bot's
answer would vanish from the conversation. So a failed send is given up with a warning instead."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Sequence

from aiogram.utils.exceptions import NetworkError, RestartingTelegram, RetryAfter, TelegramAPIError

logger = logging.getLogger(__name__)

RETRY_DELAYS = (0.5, 2.0)  # seconds before the 2nd and 3rd attempts after a network error or a 5xx
MAX_RETRY_AFTER = 5.0  # longer waits would hold the conversation's lock: give up instead


def _is_server_error(error: TelegramAPIError) -> bool:
    # aiogram raises the bare base class only for 5xx answers (and unknown statuses)
    return type(error) is TelegramAPIError or isinstance(error, (NetworkError, RestartingTelegram))


async def send_with_retries(
    send: Callable[[], Awaitable[Any]],
    method: str,
    delays: Sequence[float] = RETRY_DELAYS,
    max_retry_after: float = MAX_RETRY_AFTER,
) -> bool:
    """Runs `send`; after a 429, waits `retry_after` (if short enough), after a 5xx or network error waits the
    next delay, then tries again. True if Telegram accepted it; False (logged) otherwise."""
    for attempt in range(len(delays) + 1):
        try:
            await send()
            return True
        except RetryAfter as error:
            wait, cause = float(error.timeout), f"429, réessayer dans {error.timeout} s"
            if wait > max_retry_after:
                attempt = len(delays)  # too long to wait while the conversation is locked
        except asyncio.TimeoutError:
            wait, cause = delays[attempt] if attempt < len(delays) else 0.0, "pas de réponse"
        except TelegramAPIError as error:
            if not _is_server_error(error):  # 403 bot blocked by the user, 400 bad request: a retry cannot help
                logger.warning("%s refusé par Telegram, abandonné : %s", method, error)
                return False
            wait, cause = delays[attempt] if attempt < len(delays) else 0.0, str(error)
        if attempt >= len(delays):
            logger.warning("%s abandonné après %d tentative(s) : %s", method, attempt + 1, cause)
            return False
        logger.info("%s a échoué (%s) : nouvel essai dans %.1f s", method, cause, wait)
        await asyncio.sleep(wait)
    return False
