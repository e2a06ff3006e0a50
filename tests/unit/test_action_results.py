"""The Rasa server checks action server replies as Rasa does, but with a validator built once."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

import channels  # noqa: F401  (importing the package installs the check)
from channels.action_results import validate_action_result

ACTION = RemoteAction("validate_registration_form", None)
REPLY = {
    "events": [
        {"event": "slot", "name": "email", "value": "a@example.com", "timestamp": None},
        {"event": "slot", "name": "requested_slot", "value": "phone", "timestamp": None},
    ],
    "responses": [{"response": "utter_ask_phone"}],
}


def test_rasa_uses_the_built_once_check():
    assert RemoteAction._validate_action_result is validate_action_result


def test_a_good_reply_passes():
    assert ACTION._validate_action_result(REPLY) is True
    assert ACTION._validate_action_result({"events": [], "responses": []}) is True


@pytest.mark.parametrize(
    "reply",
    [
        {"events": [{"event": "no_such_event"}]},
        {"events": "not a list"},
        {"responses": ["not an object"]},
        ["not an object"],
    ],
)
def test_a_bad_reply_fails_as_with_rasas_own_check(reply):
    with pytest.raises(jsonschema.ValidationError) as ours:
        ACTION._validate_action_result(reply)
    with pytest.raises(jsonschema.ValidationError) as rasas:
        jsonschema.validate(reply, RemoteAction.action_response_format_spec())
    assert ours.value.message.startswith(rasas.value.message)
    assert "Failed to validate Action server response" in ours.value.message
