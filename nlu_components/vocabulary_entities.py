"""Entity extractor for closed vocabularies: platforms, concepts, legal topics and filters, from lookup tables."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any, Dict, List, Optional, Set, Text, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_components import LEFT_OUT, BuiltFromConfig, gazetteer, source_fingerprint
from nlu_components.french_words import french_words, is_french_word
from nlu_components.gazetteer import FUNCTION_WORDS, Gazetteer, Name, folded_words, words
from nlu_components.platform_pair import ALTERNATIVE_WORDS, COMPARISON_WORDS

VOCABULARY_FILE = "vocabulary.json"
CONTEXT_SUFFIX = ":context"
MIN_MENTIONS = 2  # evidence needed before a type is left out for an intent, or a word counts as a cue
OPEN_ENTITY = "platform"  # people name platforms the store does not know; the answer says so
# where a platform's name is expected (« sur apen »), a short word one typo away from a known name is that name
SHORT_NAME_TYPOS = 1
PAIR_WORDS = {"ou", "vs", "versus", "et", "que", "bien", "contre"}  # what may stand between two compared names
# « un micro-travailleur indépendant »: the adjective says what the micro-worker is, it does not name the freelance
INDEPENDENT = {"independant", "independante", "independants", "independantes"}


def names_from_lookup_tables(lookup_tables: List[Dict[Text, Any]]) -> List[Tuple[str, Name]]:
    """(spelling, name) pairs from lookup tables named `<entity>:<value>` or `<entity>:<value>:context`."""
    pairs = []
    for table in lookup_tables:
        label = str(table.get("name", ""))
        needs_context = label.endswith(CONTEXT_SUFFIX)
        entity, _, value = label[: -len(CONTEXT_SUFFIX)].partition(":") if needs_context else label.partition(":")
        if not entity or not value:
            continue  # a lookup table for another component
        pairs += [(str(spelling), Name(entity, value, needs_context)) for spelling in table.get("elements", [])]
    return pairs


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class VocabularyEntityExtractor(BuiltFromConfig, EntityExtractorMixin, GraphComponent):
    """Finds the names the knowledge store knows, with their canonical value, in the user's text.

    Spellings come from the lookup tables of data/nlu/vocabulary.yml (generated from knowledge/ by
    scripts/generate_vocabulary.py). Matching ignores case, accents, spaces and hyphens, and tolerates one typo in
    names of 5 to 8 letters and two from 9 ("micro-travial", "frelancing"); see nlu_components/gazetteer.py.
    Training also learns where annotators chose not to tag a name: when most training examples of an intent
    mention a type of entity without annotating it (a legal word in passing in an income question), that type is
    not extracted for that intent. Put it after the intent classifier. Each (entity, value) is reported once.

    Platforms the store does not know ("tu connais Kolabtree ?") are reported with the text as value, so the
    answer can say it does not know them: for an intent whose examples name platforms, when no known one is
    found, a word that never occurs in the training sentences and is not French (« comme illustratrice »), right
    after a word that precedes platform names in them ("connais", "sur") or said of it as of them ("c'est
    fiable"), is taken as a platform name.
    """

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> Optional[Text]:
        return source_fingerprint(__file__, gazetteer.__file__)  # retrain when its code or the matching changes

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        spellings: Optional[List[Tuple[str, Name]]] = None,
        untagged_by_intent: Optional[Dict[Text, Set[Text]]] = None,
        open_names: Optional[Dict[Text, Any]] = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage, self._resource = model_storage, resource
        self._use(spellings or [], untagged_by_intent or {}, open_names or {})

    def _use(
        self, spellings: List[Tuple[str, Name]], untagged_by_intent: Dict[Text, Set[Text]], open_names: Dict[Text, Any]
    ) -> None:
        """Sets what the component knows, trained or loaded."""
        self._spellings = spellings
        self._untagged_by_intent = untagged_by_intent
        self._open_intents: Set[Text] = set(open_names.get("intents", []))
        self._platform_intents: Set[Text] = set(open_names.get("platform_intents", []))
        self._cues: Set[Text] = set(open_names.get("cues", []))
        self._after_cues: Set[Text] = set(open_names.get("after_cues", []))
        self._known_words: Set[Text] = set(open_names.get("known_words", []))
        self._gazetteer = Gazetteer(self._spellings, open_names.get("ordinary_words", []), french_words())

    def train(self, training_data: TrainingData) -> Resource:
        self._spellings = names_from_lookup_tables(training_data.lookup_tables)
        self._gazetteer = Gazetteer(self._spellings)  # what _learn_untagged matches with
        open_names = self._learn_open_names(training_data)
        self._use(self._spellings, self._learn_untagged(training_data), open_names)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / VOCABULARY_FILE).write_text(
                json.dumps(
                    {
                        "spellings": [
                            [spelling, name.entity, name.value, name.needs_context]
                            for spelling, name in self._spellings
                        ],
                        "untagged_by_intent": {
                            intent: sorted(types) for intent, types in self._untagged_by_intent.items()
                        },
                        "open_names": open_names,
                    },
                    ensure_ascii=False,
                ),
                encoding="utf-8",
            )
        return self._resource

    @staticmethod
    def _learn_open_names(training_data: TrainingData) -> Dict[Text, List[Text]]:
        """What training says about names: intents that name platforms (always, or at all), the words just
        before a platform name, the words outside platform names, and the words outside any name."""
        intents, known, ordinary, cues, after = set(), set(), set(), defaultdict(int), defaultdict(int)
        examples, with_platform = defaultdict(int), defaultdict(int)
        for example in training_data.intent_examples:
            text = example.get(TEXT) or ""
            entities = example.get(ENTITIES) or []
            spans = [(e["start"], e["end"]) for e in entities if e["entity"] == OPEN_ENTITY]
            examples[example.get(INTENT)] += 1
            if spans:
                intents.add(example.get(INTENT))
                with_platform[example.get(INTENT)] += 1
            tokens = words(text)
            for index, (word, start, end) in enumerate(tokens):
                if not any(e["start"] <= start and end <= e["end"] for e in entities):
                    ordinary.add(word)
                if any(s <= start and end <= e for s, e in spans):
                    if index and not any(s <= tokens[index - 1][1] < e for s, e in spans):
                        cues[tokens[index - 1][0]] += 1
                    following = _said_of(tokens, index)
                    if following is not None and not any(s <= tokens[following][1] < e for s, e in spans):
                        after[tokens[following][0]] += 1
                else:
                    known.add(word)
        # "de" or "et" come before any word; "sur" is kept: « sur Malt », « avis sur Yoojo »
        generic = FUNCTION_WORDS - {"sur"}
        return {
            "intents": sorted(intents),
            "platform_intents": sorted(i for i in with_platform if with_platform[i] * 2 >= examples[i]),
            "ordinary_words": sorted(ordinary),
            "cues": sorted(w for w, n in cues.items() if n >= MIN_MENTIONS and w not in generic),
            "after_cues": sorted(w for w, n in after.items() if n >= MIN_MENTIONS),
            "known_words": sorted(known),
        }

    def _unknown_names(self, text: Text, platform_expected: bool) -> List[Dict[Text, Any]]:
        """Words never seen in training, after a cue word (or first or last, when the message is about a platform:
        « vous connaissez Zorbleo ? »), or said of it as of platform names in training (« Zorbleo c'est fiable ? »)."""
        tokens = words(text)
        found = []
        for index, (word, start, end) in enumerate(tokens):
            following = _said_of(tokens, index)
            edge = index in (0, len(tokens) - 1) and platform_expected
            placed = (
                edge
                or (index and tokens[index - 1][0] in self._cues)
                or (following is not None and tokens[following][0] in self._after_cues)
            )
            if (
                placed
                and word not in self._known_words
                and word not in FUNCTION_WORDS
                and not is_french_word(word)
                and len(word) >= 4
                and word[0].isalpha()
            ):
                if index + 1 < len(tokens) and text[end : end + 1] == "." and tokens[index + 1][1] == end + 1:
                    end = tokens[index + 1][2]  # "Lemon.io"
                known = self._gazetteer.closest_name(word, OPEN_ENTITY, SHORT_NAME_TYPOS)
                found.append(
                    {
                        "entity": OPEN_ENTITY,
                        "value": known.value if known else text[start:end],
                        "start": start,
                        "end": end,
                        "confidence_entity": 0.8,
                    }
                )
        return found

    def _learn_untagged(self, training_data: TrainingData) -> Dict[Text, Set[Text]]:
        """Per intent, the entity types its examples mostly mention without annotating them."""
        mentions: Dict[Tuple[Text, Text], int] = defaultdict(int)
        tagged: Dict[Tuple[Text, Text], int] = defaultdict(int)
        for example in training_data.intent_examples:
            annotated = {entity["entity"] for entity in example.get(ENTITIES) or []}
            for entity_type in {match.entity for match in self._gazetteer.find(example.get(TEXT) or "")}:
                mentions[example.get(INTENT), entity_type] += 1
                tagged[example.get(INTENT), entity_type] += entity_type in annotated
        untagged: Dict[Text, Set[Text]] = defaultdict(set)
        for (intent, entity_type), count in mentions.items():
            if count >= MIN_MENTIONS and tagged[intent, entity_type] * 2 < count:
                untagged[intent].add(entity_type)
        return dict(untagged)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "VocabularyEntityExtractor":
        try:
            with model_storage.read_from(resource) as directory:
                saved = json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            return cls(config, model_storage, resource)
        spellings = [
            (spelling, Name(entity, value, bool(context))) for spelling, entity, value, context in saved["spellings"]
        ]
        untagged = {intent: set(types) for intent, types in saved["untagged_by_intent"].items()}
        return cls(config, model_storage, resource, spellings, untagged, saved.get("open_names"))

    def entities(
        self, text: Text, intent: Optional[Text] = None, names: Optional[List[Dict[Text, Any]]] = None
    ) -> List[Dict[Text, Any]]:
        """The entities of a text, as Rasa reports them, less the types left untagged for that intent (`names`:
        its known names, when already found)."""
        names = self.known_names(text, intent) if names is None else names
        found = [e for e in names if e["entity"] not in self._left_out(intent)]
        platforms = [e for e in found if e["entity"] == OPEN_ENTITY]
        # « Swagbucks ou Prolific ? »: one known platform set against another name is a comparison with an unknown
        folded = folded_words(text)
        against = len(platforms) == 1 and bool(COMPARISON_WORDS.search(folded)) and not ALTERNATIVE_WORDS.search(folded)
        if intent in self._open_intents and (not platforms or against):
            taken = {e["value"] for e in found}
            found += [
                name
                for name in self._unknown_names(text, intent in self._platform_intents)
                if name["value"] not in taken
                and not any(e["start"] < name["end"] and name["start"] < e["end"] for e in found)
                and (not platforms or _joined(text, name, platforms[0]))
            ][:1]
        return self.add_extractor_name(found)

    def _left_out(self, intent: Optional[Text]) -> Set[Text]:
        return self._untagged_by_intent.get(intent, set()) if intent else set()

    def known_names(self, text: Text, intent: Optional[Text] = None) -> List[Dict[Text, Any]]:
        """Every known name of a text, each (entity, value) once, whatever the intent leaves out."""
        found, seen = [], set()
        for match in self._gazetteer.find(text, intent in self._platform_intents):
            if (match.entity, match.value) in seen:
                continue
            seen.add((match.entity, match.value))
            found.append(
                {
                    "entity": match.entity,
                    "value": match.value,
                    "start": match.start,
                    "end": match.end,
                    "confidence_entity": 1.0 if match.edits == 0 else 0.9,
                }
            )
        return [name for name in found if not any(_qualifies(text, other, name) for other in found)]

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text.strip() or text.startswith("/"):
                continue  # button payloads carry their entities (Rasa's RegexMessageHandler)
            intent = (message.get(INTENT) or {}).get("name")
            names = self.known_names(text, intent)
            message.set(ENTITIES, message.get(ENTITIES, []) + self.entities(text, intent, names), add_to_output=True)
            left_out = [e for e in names if e["entity"] in self._left_out(intent)]
            message.set(LEFT_OUT, self.add_extractor_name(left_out))
        return messages


def _said_of(tokens: List[Tuple[str, int, int]], index: int) -> Optional[int]:
    """The position of the word said of the word at `index` by « c'est » or « est » (« Zorbleo c'est fiable »:
    fiable), articles skipped, or None."""
    following = [word for word, _, _ in tokens[index + 1 : index + 3]]
    start = index + 3 if following == ["c", "est"] else index + 2 if following[:1] == ["est"] else None
    if start is None:
        return None
    return next((i for i in range(start, min(start + 2, len(tokens))) if tokens[i][0] not in FUNCTION_WORDS), None)


def _qualifies(text: Text, concept: Dict[Text, Any], name: Dict[Text, Any]) -> bool:
    """Whether `name` is « indépendant » said of the micro-travail `concept` just before it."""
    return (
        concept["value"] == "microwork"
        and name["entity"] == "concept"
        and folded_words(text[name["start"] : name["end"]]) in INDEPENDENT
        and name["start"] >= concept["end"]
        and not text[concept["end"] : name["start"]].strip()
    )


def _joined(text: Text, first: Dict[Text, Any], second: Dict[Text, Any]) -> bool:
    """Two names set side by side by a comparison word only (« Swagbucks ou Prolific », « Malt vs X »), not two
    names of one sentence (« Toloka paie plus vite sur Wise ? »)."""
    left, right = sorted((first, second), key=lambda e: e["start"])
    between = [w for w, _, _ in words(text[left["end"] : right["start"]])]
    return bool(between) and all(w in PAIR_WORDS for w in between)
