"""Messages in another language, or asking the assistant for one, read as other_language; French stays French."""

import pytest

from nlu_components.language import asks_for_another_language, foreign


@pytest.mark.parametrize(
    "text",
    [
        "hey do you speak english",
        "where can i find some work online",
        "hola, puedo trabajar desde casa?",
        "ich spreche kein Französisch, bitte",
        "hey guys, what can you do",
        "hallo, ist Malt gut?",
        "salam, kifach nbda f internet?",
        "Olá, o Upwork funciona para quem mora em Portugal?",
        "Qual plataforma paga melhor para iniciantes?",
        "buenas, se puede hacer microtareas con un visado de estudiante?",
        "salam, ana f lyon, wach n9der nkhdem f Malt bla papiers?",
        "Boa tarde, quais são os melhores sites de freelance?",
        "Salve, si può lavorare su Malt dall'Italia?",
        "Salut, cum pot să câștig bani online?",
        "is Upwork safe?",
        "good evening",
        "thank you so much, bye",
        "Clickworker es confiable?",
        "a guy on Telegram wants me to pay a fee to unlock tasks, is it normal?",
        "wach kayna khedma f Upwork l drari dyal fransa?",
        "Gibt es hier auch Aufgaben auf Deutsch?",
        "kannst du mir bitte helfen",
        "kannst du mir helfen?",
        "¿Es obligatorio pagar impuestos por lo que gano en Upwork?",
        "Czy Toloka jest bezpieczna?",
        "Merhaba, evden nasıl para kazanabilirim?",
        "Türkçe yardım var mı?",
    ],
)
def test_messages_in_another_language_are_foreign(text):
    assert foreign(text)


@pytest.mark.parametrize(
    "text",
    [
        "Parlez-vous anglais ?",
        "tu sais parler espagnol ?",
        "le chatbot comprend l'arabe ?",
        "vous pouvez me répondre en anglais svp ?",
        "ce bot existe aussi en version anglaise ?",
        "il y a une version espagnole de cet assistant ?",
        "vous pourriez me répondre en italien ?",
        "pourrais-tu me parler en portugais stp",
        "est-il possible de discuter en anglais ?",
        "y a moyen de parler en arabe avec vous ?",
    ],
)
def test_asking_the_assistant_for_another_language_is_other_language(text):
    assert asks_for_another_language(text)


@pytest.mark.parametrize(
    "text",
    [
        "il faut parler anglais pour travailler sur Upwork ?",
        "tu dois parler anglais pour Prolific ?",
        "Upwork est en anglais ?",
        "Malt existe en version anglaise ?",
        "il faut savoir parler en anglais avec les clients d'Upwork ?",
    ],
)
def test_the_english_a_platform_asks_for_is_not_a_language_request(text):
    assert not asks_for_another_language(text)


@pytest.mark.parametrize(
    "text",
    [
        "je cherche un job en full time",
        "c'est quoi le freelance ?",
        "des sites pour un side hustle ?",
        "help, je comprends rien",
        "bosser en remote sur malt, c'est possible ?",
        "hello !",
        "hello, c'est quoi Malt ?",
        "salut, hello, vous êtes là ?",
        "hello there !",
        "la différence entre le micro-travail et le freelance, c'est quoi ?",
        "je suis en master, je peux faire des études Prolific pendant mes cours ?",
        "wesh, c'est quoi le meilleur site pour débuter ?",
        "un site de micro-travail en espagnol ou en portugais, ça existe ?",
        "on a tous un peu peur de se lancer, c'est legit Prolific ?",
        "tu es sur Malt depuis longtemps ?",
        "c'est safe de donner son IBAN à Toloka ?",
    ],
)
def test_french_with_borrowed_english_stays_french(text):
    assert not foreign(text)


@pytest.mark.parametrize(
    "text",
    [
        "أريد العمل من المنزل",
        "Вы говорите по-русски?",
        "我想在网上找工作",
        "Μπορώ να δουλέψω στο Upwork;",
        "Upwork पर काम कैसे करें?",
    ],
)
def test_a_message_in_another_script_is_foreign(text):
    assert foreign(text)


@pytest.mark.parametrize(
    "text",
    ["c'est quoi Upwork 🤔🙏", "ça veut dire quoi « Ω » ?", "le micro-travail ☕ c'est rentable ?"],
)
def test_french_with_emoji_or_a_foreign_letter_stays_french(text):
    assert not foreign(text)
