"""Tests for actions/slot_mappings.py with real rasa-sdk objects: `staff_mode` follows the proof."""

from __future__ import annotations

import time

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from trackers import DOMAIN, make_tracker, slot_events

from actions.slot_mappings import ValidateSlotMappings
from bot.staff_mode import StaffProofs

TOKEN = "staff-token-for-tests"
# Every test runs with its own staff-mode proofs table (the `proofs` fixture of conftest.py).
pytestmark = pytest.mark.usefixtures("proofs")
STAFF_DOMAIN = {
    **DOMAIN,
    "slots": {**DOMAIN["slots"], "staff_mode": {"type": "bool", "mappings": [{"type": "custom"}]}},
}


def tracker_with(metadata: object, staff_mode: bool = False):
    tracker = make_tracker(
        {"staff_mode": staff_mode, "language": "en"},
        text="which court do I pick",
        intent="ask_court_selection",
    )
    tracker.latest_message["metadata"] = metadata
    return tracker


async def run(tracker) -> list[dict]:
    dispatcher = CollectingDispatcher()
    events = await ValidateSlotMappings().run(dispatcher, tracker, STAFF_DOMAIN)
    assert dispatcher.messages == []
    return events


@pytest.fixture(autouse=True)
def staff_token(monkeypatch):
    monkeypatch.setenv("STAFF_TOKEN", TOKEN)


def issued(proofs: StaffProofs, session_id: str = "filer", staff: str = "staff-cookie") -> dict:
    """Metadata with a proof the web app issued to a staff session for `session_id`."""
    return {"staff_proof": proofs.issue(staff, session_id, time.time() + 3600)}


def test_it_is_rasas_global_slot_mapping_action():
    assert ValidateSlotMappings().name() == "action_validate_slot_mappings"


async def test_a_valid_proof_turns_staff_mode_on(proofs):
    events = await run(tracker_with(issued(proofs)))
    assert events == [SlotSet("staff_mode", True)]


@pytest.mark.parametrize(
    "metadata",
    [
        None,
        {},
        "not a dict",
        {"staff_proof": "0" * 64},
        {"staff_proof": TOKEN},
    ],
)
async def test_no_valid_proof_turns_staff_mode_off(metadata):
    assert slot_events(await run(tracker_with(metadata, staff_mode=True))) == {"staff_mode": False}


async def test_another_sessions_proof_turns_staff_mode_off(proofs):
    tracker = tracker_with(issued(proofs, "another-session"), staff_mode=True)
    assert slot_events(await run(tracker)) == {"staff_mode": False}


async def test_a_proof_revoked_at_sign_out_turns_staff_mode_off(proofs):
    metadata = issued(proofs)
    assert await run(tracker_with(metadata)) == [SlotSet("staff_mode", True)]
    proofs.revoke("staff-cookie")
    assert slot_events(await run(tracker_with(metadata, staff_mode=True))) == {"staff_mode": False}


async def test_nothing_is_set_when_nothing_changes(proofs):
    assert await run(tracker_with({})) == []
    assert await run(tracker_with(issued(proofs), staff_mode=True)) == []


async def test_without_a_staff_token_on_the_server_nobody_is_staff(monkeypatch, proofs):
    monkeypatch.delenv("STAFF_TOKEN")
    assert await run(tracker_with(issued(proofs))) == []


async def test_form_answers_being_extracted_are_left_alone(proofs):
    """The form's slot candidates pass untouched (validate_registration_form checks them)."""
    tracker = tracker_with(issued(proofs))
    tracker.events.append(SlotSet("first_name", "Maria"))
    tracker.slots["first_name"] = "Maria"
    assert await run(tracker) == [SlotSet("staff_mode", True)]
