"""The SQL tracker store: long conversations are checkpointed without losing a message or the context."""

from pathlib import Path

import pytest
import yaml

from storage.tracker_store import ResilientSQLTrackerStore

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sql_agent(agent, tmp_path):
    """The session's agent, storing conversations in SQLite with a small checkpoint threshold."""
    store = ResilientSQLTrackerStore(
        domain=agent.domain, dialect="sqlite", db=str(tmp_path / "tracker.db"), max_session_events=40
    )
    saved = agent.tracker_store, agent.processor.tracker_store
    agent.tracker_store = agent.processor.tracker_store = store
    yield agent
    agent.tracker_store, agent.processor.tracker_store = saved


def chat(agent, loop, sender, text):
    replies = loop.run_until_complete(agent.handle_text(text, sender_id=sender)) or []
    assert replies, f"no reply to «{text}»"
    return "\n".join(reply.get("text") or "" for reply in replies)


def test_long_conversation_keeps_every_message_and_its_context(sql_agent, event_loop_session):
    loop, sender = event_loop_session, "long-conversation"
    chat(sql_agent, loop, sender, "c'est quoi le freelance ?")
    sent = ["c'est quoi le freelance ?"]
    for number in range(12):
        text = ["quelles plateformes ?", "c'est quoi Malt ?", "merci"][number % 3]
        chat(sql_agent, loop, sender, text)
        sent.append(text)

    answer = chat(sql_agent, loop, sender, "et ses inconvénients ?")
    sent.append("et ses inconvénients ?")
    assert "inconvénients du freelance" in answer  # the concept survived the checkpoints in its slot

    recent = loop.run_until_complete(sql_agent.tracker_store.retrieve(sender))
    full = loop.run_until_complete(sql_agent.tracker_store.retrieve_full_tracker(sender))
    assert len(recent.events) <= 40 + 15, "each message should only read what follows the last checkpoint"
    assert sum(event.type_name == "session_started" for event in full.events) >= 2
    assert [event.text for event in full.events if event.type_name == "user"] == sent
    assert sum(event.type_name == "bot" for event in full.events) >= len(sent)


def test_the_guided_choice_is_never_cut_by_a_checkpoint(sql_agent, event_loop_session):
    loop, sender = event_loop_session, "long-form"
    for text in ["c'est quoi le micro-travail ?", "quelles plateformes ?", "merci", "c'est quoi Malt ?"]:
        chat(sql_agent, loop, sender, text)  # a session near the threshold before the form starts
    assert "Question 1/5" in chat(sql_agent, loop, sender, "aide-moi à choisir")
    answers = [
        '/inform{"schedule": "structured"}',
        '/inform{"skills": "specialized"}',
        '/inform{"income": "main"}',
        '/inform{"career": "long_term"}',
    ]
    for number, payload in enumerate(answers, start=2):
        assert f"Question {number}/5" in chat(sql_agent, loop, sender, payload)
    assert "Ma recommandation : le freelance." in chat(sql_agent, loop, sender, '/inform{"autonomy": "high"}')


def test_a_too_small_threshold_is_refused_with_the_fix(agent, tmp_path):
    with pytest.raises(ValueError, match="max_session_events=3 .* use 100 or more"):
        ResilientSQLTrackerStore(domain=agent.domain, dialect="sqlite", db=str(tmp_path / "t.db"), max_session_events=3)


def test_outside_the_form_no_rule_depends_on_what_came_before_the_user_message():
    """A checkpoint keeps slots but not past turns: only rules inside the form may look further back."""
    offending = []
    for path in sorted((ROOT / "data" / "rules").glob("*.yml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8")).get("rules", []):
            in_form = any("active_loop" in condition for condition in rule.get("condition", []))
            if not in_form and "intent" not in rule["steps"][0] and "or" not in rule["steps"][0]:
                offending.append(f"{path.name}: {rule['rule']}")
    assert not offending, f"rules starting before the user's message: {offending}"
    stories = [
        path
        for path in (ROOT / "data" / "stories").glob("*.yml")
        if (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("stories")
    ]
    assert not stories, "multi-turn stories would need their history: raise max_session_events or review them"


@pytest.mark.parametrize("endpoints", ["endpoints.yml", "endpoints.prod.yml"])
def test_the_endpoints_files_name_this_store_with_its_checkpoint_setting(endpoints):
    """Rasa falls back to an in-memory store, with only a warning, when the class in the file does not load."""
    from rasa.shared.utils.common import class_from_module_path

    config = yaml.safe_load((ROOT / endpoints).read_text(encoding="utf-8"))["tracker_store"]
    assert class_from_module_path(config["type"]) is ResilientSQLTrackerStore
    assert config["max_session_events"] == 200


def test_the_store_only_stores_it_leaves_rasa_code_alone(tmp_path):
    from rasa.shared.core.domain import Domain

    from tests.support import adjusted_rasa_attributes

    ResilientSQLTrackerStore(domain=Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    assert adjusted_rasa_attributes() == []
