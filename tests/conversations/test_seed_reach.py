"""Every notion of the seed articles is reachable: blind questions, asked to the bot, get a reply that shows it."""

import uuid
from pathlib import Path

import pytest
import yaml

from actions.relevance import stems
from tests.knowledge.test_seed_coverage import CHECKLIST, _facts, _resolve

QUESTIONS = yaml.safe_load((Path(__file__).parents[1] / "knowledge" / "seed_questions.yml").read_text(encoding="utf-8"))
# words of the seeds' own subject, that any reply holds: they do not show a notion was reached
SUBJECT = stems("micro-travail microwork freelance freelancing plus être avec pour dans sont vous leur cela cette")
SHOWN = 0.6  # a reply shows a notion when it holds a fact of its place, or this share of the quote's words
# Measured on 2026-12-02 through the trained bot. dev (used to find the misses): 19/67 before (the lexicon without
# « microwork », a topic's facts ordered by shared words only, no fact from a neighbouring topic), 31/67 after;
# test, run once after: 28/66. Issue 12 asks every notion reachable: NOT met. The guards (just under the measured
# figures) catch regressions. With the search's resemblance (2026-12-02, later): dev 36/67, test 32/66; with one's
# own profile read as a situation: dev 39/67, test 32/66. On 2026-12-03, after the NLU fixes of new_intents_dev6
# (« X contrairement à / par rapport à Y » a comparison) and the lexicon's starting and lasting words: dev 46/67,
# test 36/66; with a fact of the other concept that names the one asked about: dev 47/67, test 36/66. With four more
# questions per fact for the knowledge search (2026-12-04): dev 47/67 (one more, one less), test 39/66; after the NLU
# fixes of new_intents_dev8, 44/67 (unsure readings just above the fallback's 0.4 taken for an intent), and with the
# fallback at 0.45: dev 46/67, test 40/66; with a dozen training sentences asking for a concept's principle, origin or
# appeal (2026-12-04): dev 48/67, test 39/66.
GUARD = {"dev": 0.68, "test": 0.57}


def shows(item: dict, reply: str) -> bool:
    place = _facts(_resolve(item["where"]))
    cited = [f for f in place if item["seed"] in f.get("sources", [])] or place
    quote = stems(item["quote"]) - SUBJECT
    held = len(quote & stems(reply)) / max(len(quote), 1)
    return any(f["text"][:40] in reply for f in cited) or held >= SHOWN


def test_the_questions_name_points_of_the_checklist():
    quotes = {item["quote"] for item in CHECKLIST}
    asked = [q["quote"] for part in QUESTIONS.values() for q in part]
    assert sorted(asked) == sorted(quotes)


@pytest.mark.parametrize("part", ["dev", "test"])
def test_the_seed_notions_are_reachable(part, agent, event_loop_session, quality_report):
    by_quote = {item["quote"]: item for item in CHECKLIST}
    run = event_loop_session.run_until_complete
    reached, missed = 0, []
    for number, question in enumerate(QUESTIONS[part]):
        replies = run(agent.handle_text(question["question"], sender_id=f"seed-{uuid.uuid4()}")) or []
        reply = "\n".join(r.get("text") or "" for r in replies)
        if shows(by_quote[question["quote"]], reply):
            reached += 1
        else:
            missed.append(str(number))
    share = reached / len(QUESTIONS[part])
    quality_report.append(
        f"seed notions {part}: {reached}/{len(QUESTIONS[part])} reached by a blind question ({share:.3f}) · "
        f"issue 12 asks all · missed #{' #'.join(missed) or '-'}"
    )
    assert share >= GUARD[part], f"{reached}/{len(QUESTIONS[part])}"
