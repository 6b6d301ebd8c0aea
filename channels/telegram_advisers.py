"""Telegram adviser handoff, the channel's side: the summary posted to the advisers' chat, replies relayed both ways,
the conversation paused in Rasa meanwhile and resumed on /fin, « stop » or the timeout.

Rasa is told through external intents (`adviser_handoff` with a `handoff_step` entity), answered by
actions/adviser_handoff.py, so that the pause, the resumption and what the user reads are events of the tracker."""

from __future__ import annotations

import asyncio
import logging
import re
import time
import unicodedata
from dataclasses import dataclass
from typing import Any, Dict, Mapping, Optional, Text

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from rasa.core.channels.channel import OutputChannel
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, BotUttered, ConversationResumed
from rasa.shared.exceptions import RasaException

from channels.base import SHOWN_KEYS
from channels.guard import clean_text
from channels.telegram_delivery import send_with_retries
from channels.telegram_handoffs import Handoff, handoff_store, new_reference

logger = logging.getLogger(__name__)

HANDOFF_INTENT, STEP_ENTITY = "adviser_handoff", "handoff_step"
HANDOFF_KEY = "adviser_handoff"  # the custom payload by which action_adviser_handoff asks for a handoff
DEFAULT_TIMEOUT_MINUTES = 30.0
MAX_TIMEOUT_MINUTES = 60  # Rasa's session_expiration_time (domain.yml): a new session would not be paused
CHAT_ID = re.compile(r"^-?\d{1,20}$")
REFERENCE = re.compile(r"\bH-[A-Z2-9]{6}\b")
END_COMMAND = re.compile(r"^/fin(?:@\w+)?\s*$", re.IGNORECASE)
STOP_WORDS = {"stop", "/stop", "arret", "arreter", "quitter"}
PRIVACY_COMMANDS = {"/oublier", "/mes_donnees"}  # the user's data is the assistant's business, not the adviser's

# what advisers read, in their chat
SUMMARY = (
    "Demande de conseiller, réf. {reference}\n\n{summary}\n\n"
    "Répondez à ce message pour écrire à la personne (votre nom ne lui est pas transmis). "
    "Répondez /fin pour clore l'échange ; sans message de conseiller pendant {minutes} min, il se clôt seul."
)
FROM_USER = "{reference} · la personne écrit :\n{text}"
ENDED_FOR_ADVISERS = {
    "adviser": "Échange {reference} clos : l'assistant automatique reprend la conversation.",
    "user": "Échange {reference} clos par la personne : elle est revenue à l'assistant automatique.",
    "timeout": "Échange {reference} clos : aucun message de conseiller depuis {minutes} min.",
}
CLOSED = "L'échange {reference} est clos : votre message n'a pas été transmis."
NOT_DELIVERED = "Message non remis à la personne (elle a peut-être bloqué le bot) : {reference}."
ADVISER_TEXT_ONLY = "Seuls les messages texte sont transmis à la personne : {reference}."
ADVISER_TOO_LONG = "Message trop long pour être transmis (plus de 2000 caractères) : coupez-le, {reference}."
# what the user reads
FROM_ADVISER = "Conseiller : {text}"
BACK_BUTTON = InlineKeyboardMarkup().row(InlineKeyboardButton("Revenir à l'assistant", callback_data="stop"))
IN_HANDOFF = "Un conseiller vous répond ici : écrivez-lui votre message, ou « stop » pour revenir à l'assistant."
NOT_FORWARDED = (
    "Votre message n'a pas pu être transmis au conseiller. Réessayez dans un instant, "
    "ou écrivez « stop » pour revenir à l'assistant."
)


@dataclass(frozen=True)
class AdviserSettings:
    """TELEGRAM_ADVISERS_CHAT_ID (the advisers' group) and ADVISER_TIMEOUT_MINUTES (default 30)."""

    chat_id: int
    timeout_minutes: float = DEFAULT_TIMEOUT_MINUTES

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> Optional["AdviserSettings"]:
        """The settings, None when TELEGRAM_ADVISERS_CHAT_ID is unset; a malformed value stops the start-up."""
        chat = (environ.get("TELEGRAM_ADVISERS_CHAT_ID") or "").strip()
        if not chat:
            return None
        if not CHAT_ID.match(chat):
            raise RasaException(
                "TELEGRAM_ADVISERS_CHAT_ID invalide : attendu l'identifiant numérique du groupe des conseillers "
                "(par exemple -1001234567890)."
            )
        raw = (environ.get("ADVISER_TIMEOUT_MINUTES") or "").strip()
        try:
            minutes = float(raw.replace(",", ".")) if raw else DEFAULT_TIMEOUT_MINUTES
        except ValueError:
            minutes = -1.0
        if not 0 < minutes <= MAX_TIMEOUT_MINUTES:
            raise RasaException(
                f"ADVISER_TIMEOUT_MINUTES invalide : une durée en minutes, de 0 à {MAX_TIMEOUT_MINUTES}."
            )
        return cls(int(chat), minutes)


class HandoffRequests(OutputChannel):
    """One turn's output: passes Rasa's replies on, and keeps the summary of a handoff the action asked for."""

    def __init__(self, target: OutputChannel) -> None:
        self.target, self.summary, self.shown = target, None, 0

    def name(self) -> Text:
        return self.target.name()

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        custom = message.get("custom")
        if isinstance(custom, dict) and isinstance(custom.get(HANDOFF_KEY), dict):
            self.summary = str(custom[HANDOFF_KEY].get("summary") or "")
            return
        self.shown += any(message.get(key) for key in SHOWN_KEYS)
        await self.target.send_response(recipient_id, message)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        """The channel's own replies (a refusal, the apology)."""
        self.shown += 1
        await self.target.send_text_message(recipient_id, text, **kwargs)


class PausedOutput(OutputChannel):
    """The output of a user's message during a handoff: nothing from Rasa reaches the user, whose conversation is
    the adviser's. Rasa is silent anyway while paused; this also holds if the session expired meanwhile (a new
    session is not paused)."""

    def __init__(self, target: OutputChannel) -> None:
        self.target = target

    def name(self) -> Text:
        return self.target.name()

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        logger.info("Réponse de l'assistant retenue : un conseiller mène l'échange.")

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        """The apology when the message could not be stored: the adviser got it, so the user need not be told."""
        logger.info("Message transmis au conseiller mais non enregistré dans la conversation.")


def is_stop(text: object) -> bool:
    """« stop » (or « arrêter », « quitter »), however written."""
    if not isinstance(text, str):
        return False
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return plain.strip(" .!?") in STOP_WORDS


def is_privacy_command(text: object) -> bool:
    """/oublier or /mes_donnees (also as /oublier@bot_name)."""
    return isinstance(text, str) and text.strip().lower().split("@")[0] in PRIVACY_COMMANDS


class AdviserRelay:
    """Hands a Telegram user to the advisers' chat and back."""

    def __init__(self, settings: AdviserSettings, store: Any = None, clock=time.time) -> None:
        self.settings, self.store, self.clock = settings, store or handoff_store(), clock
        self.timeout = settings.timeout_minutes * 60

    @property
    def minutes(self) -> str:
        return f"{self.settings.timeout_minutes:g}"

    def is_advisers_chat(self, chat_id: Any) -> bool:
        return str(chat_id) == str(self.settings.chat_id)

    async def handoff_of(self, chat_id: Any) -> Optional[Handoff]:
        """The chat's handoff in progress; None if there is none or the store cannot be read (Rasa then answers,
        and a conversation left paused resumes: see resume_lost_handoff)."""
        try:
            return await self.store.of_chat(chat_id)
        except Exception as error:  # noqa: BLE001 - Redis down: the assistant answers rather than nobody
            logger.warning("Échanges avec les conseillers illisibles : %s", error)
            return None

    async def start(self, sender_id: str, chat_id: Any, summary: str, output: Any, agent: Any) -> None:
        """Posts the summary to the advisers; paused with a confirmation if it got there, else the public options."""
        reference = new_reference()
        text = SUMMARY.format(reference=reference, summary=summary, minutes=self.minutes)
        thread = await self._post(output, self.settings.chat_id, text)
        if thread is None:
            logger.warning("Groupe des conseillers injoignable : la personne reçoit les contacts publics.")
            await trigger_step(agent, sender_id, "failed", output)
            return
        await self.store.start(Handoff(reference, sender_id, chat_id, thread, self.clock() + self.timeout))
        logger.info("Conversation transmise aux conseillers (réf. %s).", reference)
        await trigger_step(agent, sender_id, "started", output)

    async def user_message(self, handoff: Handoff, text: object, output: Any, agent: Any) -> bool:
        """A user's message during a handoff: « stop » ends it, a button or command gets a note, other text goes
        to the advisers. True when the text went to the advisers (the conversation then stores it, unanswered)."""
        if is_stop(text):
            await self.end(handoff, "user", output, agent)
            return False
        cleaned, refusal = clean_text(text)
        if refusal or cleaned.startswith("/"):
            await self._post(output, handoff.chat_id, refusal or IN_HANDOFF, keyboard=BACK_BUTTON)
            return False
        forwarded = await self._post(
            output,
            self.settings.chat_id,
            FROM_USER.format(reference=handoff.reference, text=cleaned),
            reply_to=handoff.thread,
        )
        if forwarded is None:
            await self._post(output, handoff.chat_id, NOT_FORWARDED, keyboard=BACK_BUTTON)
            return False
        await self.store.link(handoff.reference, forwarded)
        return True

    async def adviser_message(self, message: Dict[str, Any], output: Any, agent: Any) -> None:
        """A message in the advisers' chat: a reply to a handoff goes to its user (/fin ends it); others are
        the advisers' own talk and are ignored."""
        replied = message.get("reply_to_message")
        if not isinstance(replied, dict):
            return
        handoff = await self.store.of_message(replied.get("message_id"))
        if handoff is None:
            closed = REFERENCE.search(str(replied.get("text") or ""))
            author = replied.get("from") if isinstance(replied.get("from"), dict) else {}
            if closed and author.get("is_bot"):
                await self._note(CLOSED, closed[0], message.get("message_id"), output)
            return
        text = message.get("text")
        if isinstance(text, str) and END_COMMAND.match(text.strip()):
            await self.end(handoff, "adviser", output, agent)
            return
        cleaned, refusal = clean_text(text)
        if refusal:
            note = ADVISER_TEXT_ONLY if not isinstance(text, str) or not text.strip() else ADVISER_TOO_LONG
            await self._note(note, handoff.reference, message.get("message_id"), output)
            return
        sent = await self._post(output, handoff.chat_id, FROM_ADVISER.format(text=cleaned), keyboard=BACK_BUTTON)
        if sent is None:
            await self._note(NOT_DELIVERED, handoff.reference, message.get("message_id"), output)
            return
        await self.store.extend(handoff.reference, self.clock() + self.timeout)
        await record_adviser_message(agent, handoff.conversation, FROM_ADVISER.format(text=cleaned), handoff.reference)

    async def end(self, handoff: Handoff, reason: str, output: Any, agent: Any) -> None:
        """Ends the handoff once (whoever comes first): the advisers are told, Rasa resumes and tells the user."""
        if await self.store.end(handoff.reference) is None:
            return
        note = ENDED_FOR_ADVISERS[reason].format(reference=handoff.reference, minutes=self.minutes)
        await self._post(output, self.settings.chat_id, note, reply_to=handoff.thread)
        logger.info("Échange avec les conseillers clos (réf. %s, %s).", handoff.reference, reason)
        await trigger_step(agent, handoff.conversation, f"ended_{reason}", output, resume=True)

    async def expire(self, output: Any, agent: Any) -> None:
        """Ends the handoffs whose deadline has passed."""
        for handoff in await self.store.expired(self.clock()):
            await self.end(handoff, "timeout", output, agent)

    async def watch(self, output_of: Any, agent_of: Any) -> None:
        """Runs `expire` for ever, a few times per timeout (at least every 30 s)."""
        pause = min(30.0, max(0.5, self.timeout / 4))
        while True:
            await asyncio.sleep(pause)
            try:
                await self.expire(output_of(), agent_of())
            except Exception:  # noqa: BLE001 - keep watching: the next round retries
                logger.exception("Clôture des échanges expirés avec les conseillers impossible.")

    async def _note(self, template: str, reference: str, reply_to: Any, output: Any) -> None:
        await self._post(output, self.settings.chat_id, template.format(reference=reference), reply_to=reply_to)

    @staticmethod
    async def _post(output: Any, chat_id: Any, text: str, reply_to: Any = None, keyboard: Any = None) -> Optional[int]:
        """Sends plain text (no markup to escape); the message id if Telegram accepted it, else None."""
        sent = []

        async def send() -> None:
            options = {"reply_to_message_id": reply_to, "allow_sending_without_reply": True} if reply_to else {}
            if keyboard:
                options["reply_markup"] = keyboard
            sent.append(await output.send_message(chat_id, text, disable_web_page_preview=True, **options))

        try:
            accepted = await send_with_retries(send, "sendMessage")
        except Exception as error:  # noqa: BLE001 - an unreachable chat is an answer too: the caller decides
            logger.warning("sendMessage abandonné : %s", error)
            return None
        return sent[-1].message_id if accepted and sent else None


async def trigger_step(agent: Any, sender_id: str, step: str, output: Any, resume: bool = False) -> None:
    """Gives Rasa the external intent of a handoff step (after ConversationResumed when `resume`), as a reminder
    would, under the conversation's lock."""
    async with agent.lock_store.lock(sender_id):
        tracker = await agent.processor.fetch_tracker_and_update_session(sender_id, output)
        if resume:  # a paused conversation never listened again: without action_listen no rule would match
            tracker.update(ConversationResumed())
            tracker.update(ActionExecuted(ACTION_LISTEN_NAME))
        await agent.processor.trigger_external_user_uttered(HANDOFF_INTENT, {STEP_ENTITY: step}, tracker, output)


async def record_adviser_message(agent: Any, sender_id: str, text: str, reference: str) -> None:
    """Keeps what the adviser wrote in the conversation, as a bot message marked as the adviser's."""
    async with agent.lock_store.lock(sender_id):
        tracker = await agent.processor.get_tracker(sender_id)
        tracker.update(BotUttered(text, metadata={HANDOFF_KEY: reference}))
        await agent.processor.save_tracker(tracker)


async def resume_lost_handoff(agent: Any, sender_id: str, output: Any) -> bool:
    """A conversation still paused by a handoff no longer known (kept in memory, then a restart) resumes as after
    a timeout; False if the conversation is not paused."""
    tracker = await agent.processor.get_tracker(sender_id)
    if not tracker.is_paused():
        return False
    await trigger_step(agent, sender_id, "ended_timeout", output, resume=True)
    return True
