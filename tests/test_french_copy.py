"""What users read is French with French typography: a space before ? ! : and no English leaks."""

import re
from pathlib import Path

import pytest
import yaml

from tests.support import domain_dict

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = domain_dict()
FORMS = yaml.safe_load((ROOT / "actions" / "forms.yml").read_text(encoding="utf-8"))
ENGLISH = re.compile(r"\b(the|please|sorry|click|yes|no|hello|welcome|error|submit|loading)\b", re.IGNORECASE)


def _domain_texts():
    for name, variants in DOMAIN["responses"].items():
        for variant in variants:
            yield name, variant["text"]
            for button in variant.get("buttons", []):
                yield name, button["title"]


def _form_texts():
    for slot, config in FORMS["choice_form"]["slots"].items():
        yield slot, config["question"]
        yield slot, config["rephrase"]
        yield slot, config["default_note"]
        yield from ((slot, title) for title in config["values"].values())


TEXTS = list(_domain_texts()) + list(_form_texts())


@pytest.mark.parametrize("where,text", TEXTS)
def test_space_before_double_punctuation(where, text):
    assert not re.search(r"\S[?!:;]", re.sub(r"https?://\S+", "", text)), f"{where}: «{text}»"


@pytest.mark.parametrize("where,text", TEXTS)
def test_no_english_in_user_facing_text(where, text):
    assert not ENGLISH.search(text), f"{where}: «{text}»"


def test_one_register_vouvoiement():
    tutoiement = re.compile(r"\b(tu|te|toi|ton|ta|tes)\b", re.IGNORECASE)
    offenders = [(where, text) for where, text in TEXTS if tutoiement.search(text)]
    assert not offenders


def _facts(node):
    from dataclasses import fields, is_dataclass

    from actions.knowledge.model import Fact

    if isinstance(node, Fact):
        yield node
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from _facts(item)
    elif isinstance(node, dict):
        for item in node.values():
            yield from _facts(item)
    elif is_dataclass(node):
        for field in fields(node):
            yield from _facts(getattr(node, field.name))


def test_every_fact_of_the_store_follows_french_typography(store):
    facts = list(_facts(store))
    assert len(facts) > 300
    bad = [f.text for f in facts if re.search(r"\S[?!:;]", re.sub(r"https?://\S+", "", f.text))]
    assert not bad
    assert not [f.text for f in facts if re.search(r"\b(tu|toi|ton|tes)\b", f.text, re.IGNORECASE)]
