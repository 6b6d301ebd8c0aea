"""Marks a message written in another language than French, or asking the assistant for one, as other_language."""

from __future__ import annotations

import re
import unicodedata
from typing import Optional, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.training_data.message import Message

from nlu_components.gazetteer import folded_words, words
from nlu_components.intent_override import IntentOverride

INTENT_NAME = "other_language"
# Grammar words of the languages people write in besides French, none of them a French word but « es », « os » and
# « su », rare in these questions and never enough alone: the domain's borrowed English (« freelance », « job »,
# « remote », « full time ») is left out on purpose.
FOREIGN_WORDS = frozenset(
    # English
    "the you your is are am was what how why which who can could would should do does did i my we with "
    "for and this that there here speak english hello please help need want find make earn money work "
    "looking any from about online have has everyone guys morning evening good thank thanks bye much it to "
    "someone guy wants pay fee unlock tasks legit safe"
    # Spanish
    " hola como puedo necesito hablas hablo trabajo dinero ganar gracias ayudar por favor usted donde "
    "quiero tengo puedes ayudarme espanol ingles trabajar desde casa hay muy hacer puede buenas una el los las "
    "para cual cuanto tambien pero estoy soy mucho tareas microtareas microtrabajo visado estudiante paga pagan "
    "mejor cuando es o confiable estafa lo gano obligatorio declarar impuestos"
    # German
    " ich sie wie kann bitte sprechen spreche nicht und ist das ein eine mit fur arbeit geld verdienen "
    "englisch deutsch kein hallo sprichst bist hast habe mein danke gut serios kannst mir dir auf antworten helfen "
    "gibt auch aufgaben wo warum bin"
    # Italian and Portuguese
    " parli parlo sono posso lavoro lavorare soldi voce fala falo nao trabalho dinheiro ganhar obrigado "
    "italiano portugues francese frances buongiorno ciao grazie vorrei sapere funziona come lavoro per quem "
    "mora em qual melhor iniciantes uma trabalhar isso estou sou quanto tambem muito onde fazer diferenca "
    "senza parlare della ola boa tarde quais sao os melhores sites plataformas microtrabalho bem salve puo su dall "
    "guadagna guadagnare"
    # Darija written in Latin letters
    " wach kifach bghit nkhdem daba t9der n9der m3aya chno darija khouya ndir nbda flous bzaf kayn 3afak ana "
    "3andi jdid dyal hna mzyan bach khoya kheddama khedma kayna wla fransa drari"
    # Romanian
    " buna ziua cum castig bani lucra inscriu pe daca sunt din"
    # Dutch and Polish
    " spreek ik zoek werk goedemiddag mowisz po angielsku czy jest przez placi jak dla"
    # Turkish
    " merhaba nasil bir icin var misiniz musunuz musun konusuyor evet hayir tesekkurler tesekkur ederim calismak "
    "kazanmak kazanabilirim evden internetten turkce ingilizce yardim nerede hangi".split()
)
FRENCH_WORDS = frozenset(
    "je j tu il elle on nous vous le la les l un une des du de d au aux est c ce ca quoi comment pourquoi "
    "quel quelle quels quelles mon ma mes ton ta tes votre vos pour avec sur dans pas ne qui que qu et ou "
    "oui non merci bonjour salut suis es sont faire peux veux combien".split()
)
# French grammar words that Spanish, Italian, Portuguese or German write the same: they say nothing of the language
SHARED_WORDS = frozenset("de un la que es tu on a du".split())
# a greeting alone (« Hello there ») is a greeting, in whatever language: it does not count
GREETINGS = frozenset("hello hi hey hola hallo ciao buongiorno salam goedemiddag".split())
MIN_FOREIGN = 2  # two grammar words of another language, and more than three times the French ones
LANGUAGES = r"(anglais|english|espagnol|arabe|allemand|italien|portugais|roumain|russe|turc|chinois|ukrainien|polonais)"
# « parlez-vous anglais ? », « tu peux répondre en anglais ? »: the assistant asked to use another language (not
# « il faut parler anglais pour Upwork ? », the language a platform asks of its workers)
ADJECTIVES = r"(anglaise|espagnole|arabe|allemande|italienne|portugaise|roumaine|russe|turque|chinoise|polonaise)"
LANGUAGE_REQUEST = re.compile(
    r"\b(?:(?:vous|tu|bot|chatbot|assistant) (?:\w+ ){0,2}?(?:parlez|parles|parle|comprenez|comprends|comprend)"
    r"|(?:parlez|parles|comprenez|comprends) (?:vous|tu)"
    r"|(?:sais|savez|peux|pouvez|peut|pourriez|pourrais|pourrait|possible de|moyen de) (?:\w+ ){0,2}?"
    r"(?:parler|repondre|ecrire|discuter|comprendre))"
    rf"(?: \w+){{0,2}}? {LANGUAGES}\b"
    # « ce bot existe en version anglaise ? »: the assistant itself, not a platform
    rf"|\b(?:bot|chatbot|chat|assistant|conseiller)\b(?: \w+){{0,4}}? version {ADJECTIVES}\b"
    rf"|\bversion {ADJECTIVES} (?:\w+ ){{0,2}}?(?:bot|chatbot|chat|assistant|conseiller)\b"
)


MIN_OTHER_SCRIPT = 3  # letters of another alphabet than the Latin one (Arabic, Cyrillic, Chinese…), and most of them


def in_another_script(text: Text) -> bool:
    """Whether most of the text's letters belong to another alphabet than French's: a lone « Ω » does not count."""
    letters = [char for char in text if char.isalpha()]
    other = sum(not unicodedata.name(char, "LATIN").startswith("LATIN") for char in letters)
    return other >= MIN_OTHER_SCRIPT and other > len(letters) / 2


def asks_for_another_language(text: Text) -> bool:
    """Whether a French message asks the assistant whether it speaks another language, or to use one."""
    return bool(LANGUAGE_REQUEST.search(folded_words(text)))


def foreign(text: Text) -> bool:
    """Whether the text reads as another language than French: another alphabet, or a count of grammar words."""
    if in_another_script(text):
        return True
    tokens = [word for word, _, _ in words(text)]
    foreign_count = sum(word in FOREIGN_WORDS and word not in GREETINGS for word in tokens)
    french_count = sum(word in FRENCH_WORDS and word not in SHARED_WORDS for word in tokens)
    return foreign_count >= MIN_FOREIGN and foreign_count > 3 * french_count


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class LanguageGuard(IntentOverride):
    """After the classifiers: a message in another language, or asking for one, gets the intent other_language."""

    def override(self, text: Text, message: Message) -> Optional[Text]:
        return INTENT_NAME if foreign(text) or asks_for_another_language(text) else None
