"""Staff mode: keeps the `staff_mode` slot in step with the staff proof of each message.

Rasa runs `action_validate_slot_mappings` after each user message. The staff console's chat
sends `{"staff_proof": ...}` as message metadata; with a proof that matches the session id and
the staff token (STAFF_TOKEN, `bot.staff_mode`), `staff_mode` is True and the domain's
staff variations answer (terse, with the script step). Anything else makes it False.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction
from rasa_sdk.types import DomainDict

import settings
from bot.chat_ids import session_of
from bot.staff_mode import is_staff

SLOT = "staff_mode"


class ValidateSlotMappings(ValidationAction):
    """Rasa's global slot-mapping action: fills `staff_mode`; form slots are left to the form."""

    async def extract_staff_mode(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """True when the latest message carries a valid staff proof; set only when it changes."""
        metadata = tracker.latest_message.get("metadata") or {}
        proof = metadata.get("staff_proof") if isinstance(metadata, dict) else None
        session_id = session_of(tracker.sender_id)  # the proof is made of the web chat's session id
        staff = is_staff(settings.current().staff_token, session_id, proof)
        if bool(tracker.get_slot(SLOT)) == staff:
            return {}
        return {SLOT: staff}
