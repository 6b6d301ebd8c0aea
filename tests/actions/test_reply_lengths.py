"""Every answer the store's topics give stays short (at most 700 characters: a phone screen) and ends with
buttons; longer topics continue on a next page instead."""

import pytest

from actions.concepts import TOPICS, topic_reply
from actions.getting_started import getting_started_reply
from actions.legal import legal_reply
from actions.platforms import ASPECT_TITLES, platform_info_reply
from actions.situations import situation_reply

LIMIT = 700


def pages(build):
    """Every page of an answer: page 1, then each next page its « Voir la suite » button asks for."""
    shown, number = [], 1
    while number and len(shown) < 20:
        reply = build(number)
        shown.append(reply)
        following = [b for b in reply.buttons if '"page"' in b["payload"]]
        number = number + 1 if following else None
    return shown


def answers(knowledge):
    store = knowledge.store
    for topic in store.legal:
        yield f"legal {topic}", pages(lambda n, t=topic: legal_reply(knowledge, t, n))
    for intent in TOPICS:
        for concept in ("microwork", "freelancing"):
            yield f"{intent} {concept}", pages(lambda n, i=intent, c=concept: topic_reply(knowledge, i, [c], n))
        yield f"{intent} both", pages(lambda n, i=intent: topic_reply(knowledge, i, ["microwork", "freelancing"], n))
    for concept in ("microwork", "freelancing", None):
        ids = [concept] if concept else []
        yield f"getting started {concept}", pages(lambda n, c=ids: getting_started_reply(knowledge, c, n))
    for situation in store.situations:
        yield f"situation {situation}", pages(lambda n, s=situation: situation_reply(knowledge, s, n))
    for platform in store.platforms.values():
        for aspect in (None, *ASPECT_TITLES):
            yield f"{platform.id} {aspect}", [platform_info_reply(knowledge, platform, aspect)]


def test_every_page_of_every_topic_is_short_and_has_buttons(knowledge):
    too_long, without_buttons, count = [], [], 0
    for name, replies in answers(knowledge):
        for number, reply in enumerate(replies, start=1):
            count += 1
            if len(reply.text) > LIMIT:
                too_long.append(f"{name} p{number}: {len(reply.text)}")
            if not reply.buttons:
                without_buttons.append(f"{name} p{number}")
    assert count > 120
    assert not too_long, "answers over 700 characters:\n" + "\n".join(too_long)
    assert not without_buttons


@pytest.mark.parametrize("topic", ["micro_entreprise", "acre", "declaration"])
def test_a_long_topic_keeps_every_fact_across_its_pages(knowledge, topic):
    shown = [f for reply in pages(lambda n: legal_reply(knowledge, topic, n)) for f in reply.facts]
    assert sorted(f.text for f in shown) == sorted(f.text for f in knowledge.legal_topic(topic).facts)
