"""Our NLU extensions: a random word is never "yes", a bare language request is one, and a message
read as a secret loses its text."""

from __future__ import annotations

import inspect

import pytest
from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.nlu.training_data.message import Message

from rasa_extensions import secret_messages
from rasa_extensions.intent_guards import IntentGuards, guard
from rasa_extensions.secret_messages import REMOVED_TEXT, read_as_secret, removing_secret_text


def intent(name: str, confidence: float = 0.97) -> dict:
    return {"name": name, "confidence": confidence}


# ---------------------------------------------------------------------------
# intent_guards
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["qwe", "Q.", "asdf jkl", "blue sky", "maybe", "7"])
@pytest.mark.parametrize("name", ["affirm", "deny"])
def test_a_yes_or_no_that_is_not_plain_becomes_a_fallback(text, name):
    assert guard({"text": text, "intent": intent(name)}) == intent("nlu_fallback")


@pytest.mark.parametrize(
    ("text", "name"),
    [("yes", "affirm"), ("Yeah sure", "affirm"), ("ok go ahead", "affirm"), ("no", "deny"),
     ("nope", "deny"), ("not now", "deny"), ("sure, why not", "affirm"), ("cx confirms", "affirm"),
     ("she declines", "deny"),
     # Longer than two words: a sentence, kept as the NLU read it.
     ("everything on that list checks out", "affirm"), ("I would rather not do that", "deny")],
)
def test_a_plain_yes_or_no_is_kept(text, name):
    assert guard({"text": text, "intent": intent(name)}) is None


def test_other_intents_are_left_alone():
    assert guard({"text": "qwe", "intent": intent("ask_fee_types")}) is None
    assert guard({"text": "qwe", "intent": intent("nlu_fallback")}) is None


@pytest.mark.parametrize(
    "text",
    ["please use english from now on", "spanish would be better", "let's go back to English please",
     "en español por favor", "português", "could you reply in portuguese instead"],
)
@pytest.mark.parametrize("name", ["ask_no_email", "ask_legal_advice", "nlu_fallback", "affirm"])
def test_a_message_that_only_asks_for_a_language_is_that_request(text, name):
    assert guard({"text": text, "intent": intent(name)}) == intent("switch_language", 1.0)


@pytest.mark.parametrize(
    "text",
    ["I do not have an email in English", "my case is in spanish and english", "qwe", "Spanish Ave"],
)
def test_a_message_that_says_more_than_a_language_keeps_its_intent(text):
    assert guard({"text": text, "intent": intent("ask_no_email")}) is None


def test_the_component_rewrites_intent_and_ranking_of_a_message():
    ranking = [intent("affirm"), intent("inform", 0.02)]
    odd = Message(data={"text": "qwe", "intent": intent("affirm"), "intent_ranking": list(ranking)})
    plain = Message(data={"text": "yes", "intent": intent("affirm"), "intent_ranking": list(ranking)})
    IntentGuards().process([odd, plain])
    assert odd.get("intent") == intent("nlu_fallback")
    assert odd.get("intent_ranking") == [intent("nlu_fallback"), *ranking]
    assert plain.get("intent") == intent("affirm")
    assert plain.get("intent_ranking") == ranking


# ---------------------------------------------------------------------------
# secret_messages
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ranking", "secret"),
    [
        ([intent("share_sensitive_info"), intent("inform", 0.01)], True),
        ([intent("nlu_fallback", 0.5), intent("share_sensitive_info", 0.4)], True),
        ([intent("nlu_fallback", 0.5), intent("inform", 0.4), intent("share_sensitive_info")], False),
        ([intent("inform"), intent("share_sensitive_info", 0.02)], False),
        ([], False),
    ],
)
def test_read_as_secret_looks_at_the_likeliest_meaning(ranking, secret):
    parse = {"intent": ranking[0] if ranking else {}, "intent_ranking": ranking}
    assert read_as_secret(parse) is secret


def parse_with(result_intent: str, text: str) -> tuple[UserMessage, dict]:
    def parse_message_with_graph(self, message, tracker, only_output_properties=True):
        return {"text": message.text, "intent": intent(result_intent),
                "intent_ranking": [intent(result_intent)], "entities": []}

    message = UserMessage(text=text, sender_id="filer")
    parse = removing_secret_text(parse_message_with_graph)(None, message, None)
    return message, parse


def test_a_message_read_as_a_secret_is_kept_without_its_text():
    message, parse = parse_with("share_sensitive_info", "my login is jdoe and bluebird77")
    assert message.text == REMOVED_TEXT
    assert parse["text"] == REMOVED_TEXT
    assert parse["intent"]["name"] == "share_sensitive_info"


def test_other_messages_keep_their_text():
    message, parse = parse_with("inform", "jane.doe@example.com")
    assert message.text == parse["text"] == "jane.doe@example.com"


def test_install_wraps_the_nlu_run_once(monkeypatch):
    # Another test may have installed the extensions in this process already: start from Rasa's.
    original = inspect.unwrap(MessageProcessor._parse_message_with_graph)
    monkeypatch.setattr(MessageProcessor, "_parse_message_with_graph", original)
    secret_messages.install()
    wrapped = MessageProcessor._parse_message_with_graph
    assert wrapped is not original and wrapped.__wrapped__ is original
    secret_messages.install()
    assert MessageProcessor._parse_message_with_graph is wrapped
