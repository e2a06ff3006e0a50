"""The test-story messages `make margins` checks (ops/story_margins.py)."""

from __future__ import annotations

import yaml

from ops.stack import ROOT
from ops.story_margins import story_messages


def test_every_user_step_is_read_once_with_its_intent(tmp_path):
    (tmp_path / "a.yml").write_text(
        "stories:\n- story: one\n  steps:\n"
        "  - user: |\n      what is ach\n    intent: ask_what_is_ach\n"
        "  - action: utter_ask_what_is_ach\n"
        "  - user: |\n      what is ach\n    intent: ask_what_is_ach\n"
        "  - intent: greet\n"
    )
    assert list(story_messages(tmp_path)) == [("what is ach", "ask_what_is_ach")]


def test_the_real_stories_name_only_intents_of_the_domain():
    intents = set(yaml.safe_load((ROOT / "domain.yml").read_text())["intents"])
    messages = list(story_messages())
    assert len(messages) >= 100
    # nlu_fallback is Rasa's own intent for a message it could not read (not in the domain).
    assert {intent for _, intent in messages} <= intents | {"nlu_fallback"}
