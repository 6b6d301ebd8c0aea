"""Free French answers to the guided-choice questions: placed on the right value, or refused."""

import pytest

from actions.answer_parsing import is_correction, parse_all, parse_answer, says_dont_know

PLACED = [
    ("schedule", "je veux bosser quand je veux", "flexible"),
    ("schedule", "quelques heures le soir apres le taf", "flexible"),
    ("schedule", "Pas d'horaires fixes, je fais ça entre deux cours", "flexible"),
    ("schedule", "plutôt des journées complètes, du lundi au vendredi", "structured"),
    ("schedule", "à temps plein", "structured"),
    ("schedule", "sans doute 4 heures par semaine", "flexible"),
    ("schedule", "genre six heures la semaine, pas plus", "flexible"),
    ("schedule", "35h par semaine comme un vrai job", "structured"),
    ("skills", "j'ai un master en design", "specialized"),
    ("skills", "Je suis développeur web depuis 5 ans", "specialized"),
    ("skills", "je sais faire du montage vidéo", "specialized"),
    ("skills", "aucune compétence particulière", "basic"),
    ("skills", "pas de diplôme, juste le bac", "basic"),
    ("skills", "des tâches simples ça m'ira", "basic"),
    ("income", "juste pour arrondir mes fins de mois", "supplement"),
    ("income", "un petit complément", "supplement"),
    ("income", "je veux en vivre", "main"),
    ("income", "remplacer mon CDI à terme", "main"),
    ("income", "pas juste un complément, un vrai salaire", "main"),
    ("income", "pas pour en vivre", "supplement"),
    ("career", "c'est temporaire", "short_term"),
    ("career", "pendant mes études seulement", "short_term"),
    ("career", "je veux construire ma carrière et me faire une clientèle", "long_term"),
    ("career", "sur le long terme", "long_term"),
    ("career", "pas une carrière, juste en attendant", "short_term"),
    ("autonomy", "je préfère qu'on me donne des tâches", "low"),
    ("autonomy", "qu'on me dise quoi faire", "low"),
    ("autonomy", "pas envie de démarcher", "low"),
    ("autonomy", "trouver mes clients moi-même et négocier mes tarifs", "high"),
    ("autonomy", "être mon propre patron", "high"),
    ("autonomy", "je ne veux pas qu'on me donne des tâches toutes faites", "high"),
    # a negated phrase means the other value
    ("schedule", "je n'ai pas de vrai emploi du temps", "flexible"),
    ("schedule", "aucun cadre fixe", "flexible"),
    ("schedule", "je ne veux pas de longues journées", "flexible"),
    ("schedule", "je ne peux pas bloquer des journées entières", "flexible"),
    ("autonomy", "pas envie de faire de la prospection", "low"),
    ("autonomy", "la prospection, ce n'est pas mon truc", "low"),
    ("autonomy", "la prospection c est pas mon truc", "low"),
    ("autonomy", "je ne crains pas la négociation", "high"),
    ("autonomy", "je n'ai pas encore mes clients, je voudrais qu'on me donne des tâches", "low"),
]

REFUSED = [  # nothing to place, or both values at once: the bot must ask again, never guess
    ("schedule", "oui"),
    ("schedule", "banane"),
    ("schedule", "le soir ou à temps plein, je ne sais pas"),
    ("skills", "c'est quoi Malt ?"),
    ("skills", ""),
    ("income", "bof"),
    ("income", "un complément ou en vivre, les deux"),
    ("career", "ok"),
    ("autonomy", "🙂"),
    ("autonomy", "x" * 10000),
]


@pytest.mark.parametrize("slot,text,expected", PLACED)
def test_free_answer_is_placed(slot, text, expected):
    assert parse_answer(slot, text) == expected


@pytest.mark.parametrize("slot,text", REFUSED)
def test_unplaceable_answer_is_refused(slot, text):
    assert parse_answer(slot, text) is None


def test_one_message_can_answer_several_questions():
    assert parse_all("je suis développeuse et je veux en vivre") == {"skills": "specialized", "income": "main"}


def test_dont_know_and_corrections_are_recognised():
    assert says_dont_know("je sais pas trop")
    assert says_dont_know("aucune idée")
    assert not says_dont_know("je veux en vivre")
    assert is_correction("en fait j'ai des compétences en développement")
    assert not is_correction("j'ai des compétences en développement")
