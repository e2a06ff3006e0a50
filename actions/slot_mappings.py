"""Rasa's global slot-mapping action: the `staff_mode` and `language` slots of each message.

Rasa runs `action_validate_slot_mappings` after each user message.

- Staff mode: the staff console's chat sends `{"staff_proof": ...}` as message metadata; with a
  proof that the web app issued for this session and has not revoked (`bot.staff_mode`, in the
  submissions database; never without STAFF_TOKEN), `staff_mode` is True and the domain's staff
  variations answer (terse, with the script step). Anything else makes it False.
- Language: the web chat's picker (`{"language": "es"}` metadata), a message that names a
  language, or, while none is set, the language of the text (`bot.language.decide`). Answers
  already given stay as they are. A message in a language we do not speak gets, once, the reply
  of `bot.i18n.unsupported_reply`.
"""

from __future__ import annotations

import asyncio
from functools import cache, partial
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction
from rasa_sdk.types import DomainDict

import settings
from bot.chat_ids import session_of
from bot.i18n import unsupported_reply, unsupported_texts
from bot.language import decide
from bot.staff_mode import StaffProofs, is_staff

SLOT = "staff_mode"
LANGUAGE_SLOT = "language"


@cache
def _staff_proofs(url: str) -> StaffProofs:
    return StaffProofs(url)


def _metadata(tracker: Tracker) -> dict[str, Any]:
    metadata = tracker.latest_message.get("metadata") or {}
    return metadata if isinstance(metadata, dict) else {}


def _said_unsupported_before(tracker: Tracker) -> bool:
    english = unsupported_texts()["en"]
    return any(
        event.get("event") == "bot" and str(event.get("text") or "").startswith(english)
        for event in tracker.events
    )


class ValidateSlotMappings(ValidationAction):
    """Fills `staff_mode` and `language`; form slots are left to the form."""

    async def extract_staff_mode(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """True when the latest message carries a valid staff proof; set only when it changes."""
        proof = _metadata(tracker).get("staff_proof")
        session_id = session_of(tracker.sender_id)  # the proof is made of the web chat's session id
        config = settings.current()
        proofs = partial(_staff_proofs, config.submissions_db_url)
        staff = await asyncio.to_thread(is_staff, config.staff_token, session_id, proof, proofs)
        if bool(tracker.get_slot(SLOT)) == staff:
            return {}
        return {SLOT: staff}

    async def extract_language(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The conversation's language, set only when the latest message changes it."""
        decision = decide(
            tracker.latest_message.get("text") or "",
            _metadata(tracker),
            tracker.get_slot(LANGUAGE_SLOT),
            form_question=bool(tracker.active_loop_name and tracker.get_slot("requested_slot")),
        )
        if decision.unsupported and not _said_unsupported_before(tracker):
            dispatcher.utter_message(text=unsupported_reply(decision.unsupported))
        return {LANGUAGE_SLOT: decision.language} if decision.language else {}
