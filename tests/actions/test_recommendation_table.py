"""The recommendation for all 32 answer combinations, written down by hand and justified by the seeds.

Seed arguments used (seed_comparatif):
  M1 micro-travail: « flexibilité horaire accrue », « convient mieux pour des engagements courts »,
     « activité flexible et temporaire », « peu de compétences », « revenu supplémentaire sans engagement ».
  F1 freelance: « compétences spécialisées », « meilleure rémunération », « plus prometteur pour une
     indépendance durable », indépendance « Élevée », « gestion proactive des projets et clients ».
  X  both at once: « commencer par le micro-travail tout en construisant un portfolio » (transition advice):
     the profile pulls both ways, so the bot proposes a mixed path.
Skills and a main income are the strongest arguments (freelance « nécessite des compétences spécialisées »;
micro-travail « manque de viabilité pour une carrière stable »).
"""

import pytest

from actions.recommendation import score

# schedule, skills, income, career, autonomy -> expected, why
TABLE = [
    ("flexible", "basic", "supplement", "short_term", "low", "microwork", "M1 on every criterion"),
    ("flexible", "basic", "supplement", "short_term", "high", "microwork", "4 of 5 for M1, no skill to sell"),
    ("flexible", "basic", "supplement", "long_term", "low", "microwork", "4 of 5 for M1"),
    ("flexible", "basic", "supplement", "long_term", "high", "microwork", "no skill and only an extra: M1 wins 3 to 2"),
    (
        "flexible",
        "basic",
        "main",
        "short_term",
        "low",
        "microwork",
        "4 of 5 for M1; the income wish alone does not make a freelancer",
    ),
    (
        "flexible",
        "basic",
        "main",
        "short_term",
        "high",
        "mixed",
        "wants to live from it and be autonomous but has no skill yet: X",
    ),
    ("flexible", "basic", "main", "long_term", "low", "mixed", "long-term income goal without skills: X"),
    (
        "flexible",
        "basic",
        "main",
        "long_term",
        "high",
        "mixed",
        "every goal is freelance but no skill and short slots: X (build a portfolio)",
    ),
    (
        "flexible",
        "specialized",
        "supplement",
        "short_term",
        "low",
        "microwork",
        "has skills but wants a small, temporary extra from ready tasks: M1",
    ),
    (
        "flexible",
        "specialized",
        "supplement",
        "short_term",
        "high",
        "mixed",
        "skills and autonomy vs. small temporary extra: X",
    ),
    (
        "flexible",
        "specialized",
        "supplement",
        "long_term",
        "low",
        "mixed",
        "skills and long term vs. extra income and ready tasks: X",
    ),
    (
        "flexible",
        "specialized",
        "supplement",
        "long_term",
        "high",
        "freelancing",
        "skills, career and autonomy: F1, even part-time",
    ),
    (
        "flexible",
        "specialized",
        "main",
        "short_term",
        "low",
        "mixed",
        "skills and income vs. short slots, short term, ready tasks: X",
    ),
    ("flexible", "specialized", "main", "short_term", "high", "freelancing", "skills, income, autonomy: F1"),
    ("flexible", "specialized", "main", "long_term", "low", "freelancing", "skills, income, career: F1"),
    ("flexible", "specialized", "main", "long_term", "high", "freelancing", "F1 on everything but the schedule"),
    ("structured", "basic", "supplement", "short_term", "low", "microwork", "4 of 5 for M1"),
    ("structured", "basic", "supplement", "short_term", "high", "microwork", "no skill, small temporary extra: M1"),
    ("structured", "basic", "supplement", "long_term", "low", "microwork", "no skill, extra income, ready tasks: M1"),
    (
        "structured",
        "basic",
        "supplement",
        "long_term",
        "high",
        "mixed",
        "freelance-like goals without skill or income need: X",
    ),
    (
        "structured",
        "basic",
        "main",
        "short_term",
        "low",
        "mixed",
        "full days and income but no skill, short term, ready tasks: X",
    ),
    ("structured", "basic", "main", "short_term", "high", "mixed", "income and autonomy without skill: X"),
    ("structured", "basic", "main", "long_term", "low", "mixed", "income and career without skill: X"),
    (
        "structured",
        "basic",
        "main",
        "long_term",
        "high",
        "freelancing",
        "4 of 5 for F1: freelance, developing skills first",
    ),
    (
        "structured",
        "specialized",
        "supplement",
        "short_term",
        "low",
        "mixed",
        "skills and full days vs. small temporary extra from ready tasks: X",
    ),
    ("structured", "specialized", "supplement", "short_term", "high", "freelancing", "skills, full days, autonomy: F1"),
    ("structured", "specialized", "supplement", "long_term", "low", "freelancing", "skills, full days, career: F1"),
    ("structured", "specialized", "supplement", "long_term", "high", "freelancing", "4 of 5 for F1"),
    ("structured", "specialized", "main", "short_term", "low", "freelancing", "skills, full days, income: F1"),
    ("structured", "specialized", "main", "short_term", "high", "freelancing", "4 of 5 for F1"),
    ("structured", "specialized", "main", "long_term", "low", "freelancing", "4 of 5 for F1"),
    ("structured", "specialized", "main", "long_term", "high", "freelancing", "F1 on every criterion"),
]


def test_table_covers_every_combination():
    combos = {row[:5] for row in TABLE}
    assert len(combos) == 32


@pytest.mark.parametrize("schedule,skills,income,career,autonomy,expected,why", TABLE)
def test_recommendation(knowledge, schedule, skills, income, career, autonomy, expected, why):
    answers = dict(schedule=schedule, skills=skills, income=income, career=career, autonomy=autonomy)
    result, _ = score(knowledge.choice_model(), answers)
    assert result == expected, why
