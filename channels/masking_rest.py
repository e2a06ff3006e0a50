"""The REST chat channel (`POST /webhooks/rest/webhook`) with secrets masked on arrival.

Passwords, SSNs, dates of birth, card and bank numbers are replaced by placeholders
before the text reaches the NLU, the tracker store or any log line.
"""

from __future__ import annotations

from typing import Optional, Text

from rasa.core.channels.rest import RestInput
from sanic.request import Request

from bot.sensitive import mask_sensitive


class MaskingRestInput(RestInput):
    """Rasa's REST channel, but the message text is masked before Rasa sees it."""

    def _extract_message(self, req: Request) -> Optional[Text]:
        text = super()._extract_message(req)
        if not isinstance(text, str):
            return text
        return mask_sensitive(text)[0]
