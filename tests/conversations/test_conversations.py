"""Conversation tests: real French user text through the trained model and the real action server.

Each conversation in *.yml beside this file is a list of turns:
  user: what the user types (or a button payload)
  intent: the intent the model must recognise (optional)
  says: fragments the bot's replies must contain, in any order
  not_says: fragments they must not contain
  buttons: button titles that must be offered
  slots: slot values expected after the turn
  image: the start of the text alternative of a chart the bot must send (served at /charts/<id>.png)
"""

import uuid
from pathlib import Path

import pytest
import yaml

from runtime.charts import chart_file_of_url

CONVERSATIONS = [
    (path.stem, conversation)
    for path in sorted(Path(__file__).parent.glob("*.yml"))
    for conversation in yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]
]


@pytest.mark.parametrize(
    "conversation", [c for _, c in CONVERSATIONS], ids=[f"{topic}: {c['name']}" for topic, c in CONVERSATIONS]
)
def test_conversation(conversation, agent, event_loop_session):
    sender = f"test-{uuid.uuid4()}"
    run = event_loop_session.run_until_complete
    for number, turn in enumerate(conversation["turns"], start=1):
        replies = run(agent.handle_text(turn["user"], sender_id=sender)) or []
        tracker = run(agent.tracker_store.retrieve(sender))
        where = f"turn {number} «{turn['user']}»"
        text = "\n".join(r.get("text") or "" for r in replies)
        buttons = [b["title"] for r in replies for b in (r.get("buttons") or [])]
        assert replies, f"{where}: the bot stayed silent"
        if "intent" in turn:
            assert tracker.latest_message.intent.get("name") == turn["intent"], f"{where}: wrong intent\n{text}"
        for fragment in turn.get("says", []):
            assert fragment in text, f"{where}: missing «{fragment}» in:\n{text}"
        for fragment in turn.get("not_says", []):
            assert fragment not in text, f"{where}: unexpected «{fragment}» in:\n{text}"
        for title in turn.get("buttons", []):
            assert title in buttons, f"{where}: no button «{title}» in {buttons}"
        for title in turn.get("no_buttons", []):
            assert title not in buttons, f"{where}: unexpected button «{title}» in {buttons}"
        if "image" in turn:  # the REST channel sends a chart as its text alternative, then the image
            charts = {r["image"]: before.get("text") or "" for before, r in zip(replies, replies[1:]) if r.get("image")}
            assert any(t.startswith(turn["image"]) for t in charts.values()), f"{where}: no such chart in {replies}"
            assert all(chart_file_of_url(url) for url in charts), f"{where}: a chart is not served"
        for slot, value in (turn.get("slots") or {}).items():
            assert tracker.get_slot(slot) == value, (
                f"{where}: slot {slot}={tracker.get_slot(slot)!r}, expected {value!r}"
            )
