"""The held-out paraphrase sets (tests/nlu/, one per language) are apart from the training data.

It was written by other voices (texting spelling, non-native English, long stories, staff
shorthand) without copying training examples; these tests keep it that way: no message equal
to a training example once case and punctuation are set aside, none with nearly the same words.
"""

from __future__ import annotations

import re

import pytest
import yaml

from ops.stack import ROOT

ANNOTATION = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def examples(path) -> list[tuple[str, str]]:
    """(intent, message) of every intent example in a Rasa NLU file."""
    found = []
    for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
        if "intent" in block:
            for line in block["examples"].splitlines():
                if line.strip().startswith("- "):
                    found.append((block["intent"], ANNOTATION.sub(r"\1", line.strip()[2:])))
    return found


def words(message: str) -> tuple[str, ...]:
    return tuple(re.sub(r"[^\w\s]", " ", message.lower()).split())


# Each held-out set (English, Spanish, Portuguese) and the least number of messages it must have.
SETS = {
    "en": (ROOT / "tests" / "nlu" / "paraphrases.yml", 400),
    "es": (ROOT / "tests" / "nlu" / "es" / "paraphrases.yml", 200),
    "pt": (ROOT / "tests" / "nlu" / "pt" / "paraphrases.yml", 200),
}
PARAPHRASES = examples(SETS["en"][0])
# Every training example, in any language: a held-out message must be apart from all of them.
TRAINING = [
    message for path in sorted((ROOT / "data" / "nlu").rglob("*.yml")) for _, message in examples(path)
]


@pytest.mark.parametrize("language", SETS)
def test_the_set_is_large_and_covers_every_intent(language):
    path, least = SETS[language]
    held_out = examples(path)
    intents = yaml.safe_load((ROOT / "domain.yml").read_text())["intents"]
    assert len(held_out) >= least
    assert {intent for intent, _ in held_out} == set(intents)
    assert len({words(message) for _, message in held_out}) == len(held_out)


# On failure these name the training examples to drop, never a held-out message: the people who
# write training data must not see the held-out sets.
@pytest.mark.parametrize("language", SETS)
def test_no_paraphrase_is_a_training_example(language):
    held_out = {words(message) for _, message in examples(SETS[language][0])}
    assert [message for message in TRAINING if words(message) in held_out] == []


@pytest.mark.parametrize("language", SETS)
def test_no_paraphrase_has_nearly_the_words_of_a_training_example(language):
    held_out = [set(words(message)) for _, message in examples(SETS[language][0])]
    near = []
    for message in TRAINING:
        mine = set(words(message))
        if mine and any(len(mine & theirs) / len(mine | theirs) >= 0.8 for theirs in held_out):
            near.append(message)
    assert near == []


def test_the_scored_copy_is_masked_as_the_chat_masks_it(tmp_path):
    from ops.paraphrases import masked_copy

    target = tmp_path / "masked.yml"
    assert masked_copy(ROOT / "tests" / "nlu" / "paraphrases.yml", target) == len(PARAPHRASES)
    scored = examples(target)
    assert [intent for intent, _ in scored] == [intent for intent, _ in PARAPHRASES]
    assert "123-45-6789" in (ROOT / "tests" / "nlu" / "paraphrases.yml").read_text()
    assert "123-45-6789" not in target.read_text()
    assert any("[SSN removed]" in message for _, message in scored)
