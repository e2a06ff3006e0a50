"""The step-by-step walkthrough: "walk me through it", then next, back and repeat."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import latest_intent
from actions.replies import say
from bot.walkthrough import next_step_number, render_step

MOVE_FOR_INTENT = {
    "walkthrough_start": "start",
    "walkthrough_next": "next",
    "walkthrough_back": "back",
    "walkthrough_repeat": "repeat",
}
STEP_BUTTONS = [
    {"title": "Next", "payload": "/walkthrough_next"},
    {"title": "Back", "payload": "/walkthrough_back"},
    {"title": "Repeat", "payload": "/walkthrough_repeat"},
]


class ActionWalkthrough(Action):
    """Shows one registration step at a time, with "Step N of M"."""

    def name(self) -> str:
        return "action_walkthrough"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        move = MOVE_FOR_INTENT.get(latest_intent(tracker) or "", "start")
        step = next_step_number(tracker.get_slot("walkthrough_step"), move)
        say(dispatcher, tracker, render_step(step), STEP_BUTTONS)
        return [SlotSet("walkthrough_step", step)]
