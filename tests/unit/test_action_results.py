"""The Rasa server checks action server replies as Rasa does, but with a validator built once."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from rasa_extensions.action_results import validate_action_result

ACTION = RemoteAction("validate_registration_form", None)
REPLY = {
    "events": [
        {"event": "slot", "name": "email", "value": "a@example.com", "timestamp": None},
        {"event": "slot", "name": "requested_slot", "value": "phone", "timestamp": None},
    ],
    "responses": [{"response": "utter_ask_phone"}],
}


def test_a_good_reply_passes():
    assert validate_action_result(ACTION, REPLY) is True
    assert validate_action_result(ACTION, {"events": [], "responses": []}) is True


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
        validate_action_result(ACTION, reply)
    with pytest.raises(jsonschema.ValidationError) as rasas:
        jsonschema.validate(reply, RemoteAction.action_response_format_spec())
    assert ours.value.message.startswith(rasas.value.message)
    assert "Failed to validate Action server response" in ours.value.message
