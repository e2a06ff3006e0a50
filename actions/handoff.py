"""The warm hand-off, the filer's side (issue 13): the help code, and a person joining and leaving.

- When the filer is offered a person (asked for one, or after two misses in a row), the contacts
  come with a help code (`bot.help_codes`) for this conversation: a message in the filer's
  language (`utter_help_code`), which also carries the code as a custom payload
  `{"help_code": "H-4KQ7"}` so the web chat can show it large and copyable. In staff mode (the
  staff console's own chat) there is no code. If the code cannot be made, the contacts still go.
- `action_staff_joined` (run by the staff console through Rasa's HTTP API, after it paused the
  conversation) tells the filer a person from the court joined and the assistant waits.
- `action_staff_left` (after the conversation is resumed) tells the filer the person left and,
  when the registration form is running, asks the form's next question again, as the form would,
  so the filer's next answer fills it.

A help code and a conversation id are never logged.
"""

from __future__ import annotations

import asyncio
import logging
from functools import lru_cache

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

import settings
from actions.registration_form import FORM_NAME, ActionAskConfirmed, answers_of
from bot.help_codes import HelpCodeStore
from bot.registration_flow import required_slots

logger = logging.getLogger(__name__)

HELP_CODE_RESPONSE = "utter_help_code"
# The responses that offer a person; each is followed by the help code.
OFFER_PERSON_RESPONSES = frozenset({"utter_human_contacts", "utter_fallback_offer_person"})
REQUESTED_SLOT = "requested_slot"
# The form's questions asked by an action of ours rather than by `utter_ask_<slot>`.
CUSTOM_ASK_ACTIONS: dict[str, type[Action]] = {ActionAskConfirmed().name(): ActionAskConfirmed}


@lru_cache(maxsize=1)
def help_code_store() -> HelpCodeStore:
    """The help codes of SUBMISSIONS_DB_URL's database, opened on first use."""
    config = settings.current()
    return HelpCodeStore(config.submissions_db_url, config.help_code_hours)


async def utter_with_help_code(
    dispatcher: CollectingDispatcher, tracker: Tracker, response: str
) -> None:
    """Utter `response`; when it offers a person, the filer's help code follows."""
    dispatcher.utter_message(response=response)
    if response not in OFFER_PERSON_RESPONSES or tracker.get_slot("staff_mode"):
        return
    try:
        code = await asyncio.to_thread(help_code_store().issue, tracker.sender_id)
    except Exception:  # the contacts are there; the filer can still call and describe the chat
        logger.exception("could not make a help code")
        return
    dispatcher.utter_message(
        response=HELP_CODE_RESPONSE, help_code=code, json_message={"help_code": code}
    )


class ActionHumanContacts(Action):
    """Gives the people who can help, and the filer's help code for the Clerk's Office."""

    def name(self) -> str:
        return "action_human_contacts"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        await utter_with_help_code(dispatcher, tracker, "utter_human_contacts")
        return []


class ActionStaffJoined(Action):
    """Tells the filer that a person from the court joined the chat and the assistant waits."""

    def name(self) -> str:
        return "action_staff_joined"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_staff_joined")
        return []


class ActionStaffLeft(Action):
    """Tells the filer the person left; a running form asks its next question again."""

    def name(self) -> str:
        return "action_staff_left"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_staff_left")
        if tracker.active_loop_name != FORM_NAME:
            return []
        slot = next_question(tracker)
        if slot is None:
            return []
        ask_action = f"action_ask_{slot}"
        if ask_action in CUSTOM_ASK_ACTIONS:
            await CUSTOM_ASK_ACTIONS[ask_action]().run(dispatcher, tracker, domain)
        else:
            dispatcher.utter_message(response=f"utter_ask_{slot}")
        # Staff may have answered the question that was asked: then the form's next one is asked.
        return [] if slot == tracker.get_slot(REQUESTED_SLOT) else [SlotSet(REQUESTED_SLOT, slot)]


def next_question(tracker: Tracker) -> str | None:
    """The slot the form asks for next: the first of its required slots with no answer."""
    answers = answers_of(tracker)
    return next((slot for slot in required_slots(answers) if answers.get(slot) is None), None)
