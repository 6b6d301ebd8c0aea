"""Knowledge search on blind questions (tests/retrieval/questions.yml): top-3 recall and honest answers."""

import pytest

from tests.retrieval.evaluation import evaluate, questions, unresolved

# Issue 12 §1: top-3 recall >= 0.90 on the answerable questions and >= 0.90 honest answers on the others.
# The threshold and boosts (actions/knowledge/search.py) were chosen on the dev questions only.
TARGET = 0.90


@pytest.fixture(scope="module")
def index(store):
    from actions.knowledge.search import get_index

    return get_index(store)


@pytest.mark.parametrize("part", ["dev", "test"])
def test_every_annotation_names_a_fact_of_the_store(index, part):
    assert not unresolved(index, part)


@pytest.mark.parametrize("part", ["dev", "test"])
def test_every_question_is_annotated(part):
    assert all("answers" in q for q in questions(part))


@pytest.mark.parametrize("part", ["dev", "test"])
def test_search_meets_the_targets(index, part, quality_report):
    score = evaluate(index, part)
    quality_report.append(score.line())
    quality_report.append(
        f"  missed: {' '.join(score.missed) or '-'} · answered unanswerable: {' '.join(score.padded) or '-'}"
    )
    assert score.recall >= TARGET and score.honesty >= TARGET, score.line()
