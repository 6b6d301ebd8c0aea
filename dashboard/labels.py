"""The dashboard's French names for the topics answers record (last_topic); tests check every topic has one."""

from __future__ import annotations

TOPIC_LABELS = {
    "definition": "Définition",
    "advantages": "Avantages",
    "drawbacks": "Inconvénients",
    "skills": "Compétences",
    "income": "Revenus",
    "comparison": "Comparaison micro-travail / freelance",
    "platforms": "Liste des plateformes",
    "platform_info": "Une plateforme",
    "platform_comparison": "Deux plateformes comparées",
    "legal": "Statuts et démarches",
    "getting_started": "Bien débuter",
    "situation": "Situation personnelle",
    "offer_check": "Vérification d'une offre",
    "recommendation": "Recommandation du choix guidé",
    "simulation": "Simulation de revenus",
    "knowledge_search": "Recherche dans la base",
    "ask_human": "Parler à un humain",
}


def topic_label(topic: str) -> str:
    """The French name of a topic; anything else (« inconnu », a topic of an older version) as it is."""
    return TOPIC_LABELS.get(topic, topic)
