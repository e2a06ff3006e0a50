"""Ends a completed registration: builds and stores the submission payload, then sends it.

A confirmation repeated after a timeout (the first one was stored, its reply was lost) gets
the payload stored the first time, with the same reference code: the store keys each
submission by the conversation and its answers. The filer's language (the `language` slot) is
stored beside the payload, which stays language-neutral, so staff see it in the look-up.
"""

from __future__ import annotations

import asyncio
import logging
from functools import lru_cache

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

import settings
from actions.registration_form import FORM_NAME, answers_of, clear_answers
from actions.replies import say
from bot.i18n import is_supported
from bot.payload import build_payload, payload_json
from bot.submission_store import SubmissionStore, submission_key
from bot.summary import summarize

logger = logging.getLogger(__name__)

SUBMISSION_MESSAGE_TYPE = "registration_submission"


@lru_cache(maxsize=1)
def submission_store() -> SubmissionStore:
    """The store named by SUBMISSIONS_DB_URL, opened on first use."""
    return SubmissionStore(settings.current().submissions_db_url)


class ActionFinishRegistration(Action):
    """Runs when the form ends: a payload after a "yes" at the review, none after "no" to the terms."""

    def name(self) -> str:
        return "action_finish_registration"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        answers = answers_of(tracker)
        if answers["terms_accepted"] is False:
            dispatcher.utter_message(response="utter_terms_declined")
            return clear_answers()
        if answers["confirmed"] is not True:
            return []
        key = submission_key(tracker.sender_id, answers)
        language = tracker.get_slot("language")
        try:
            payload = await asyncio.to_thread(
                submission_store().save,
                build_payload(answers),
                key,
                language if is_supported(language) else None,
            )
        except Exception:  # the filer keeps every answer and can confirm again
            logger.exception("could not store a submission")
            dispatcher.utter_message(response="utter_submission_failed")
            return [SlotSet("confirmed", None), FollowupAction(FORM_NAME)]
        dispatcher.utter_message(
            json_message={"type": SUBMISSION_MESSAGE_TYPE, "payload": payload_json(payload)}
        )
        say(dispatcher, tracker, summarize(payload))
        return clear_answers()
