"""Sends `bot` replies (plain text or a domain response name) through rasa-sdk's dispatcher.

Texts built in Python are translated here, at the edge, into the conversation's language
(`bot.i18n.translate`); domain responses are translated by the Rasa server's NLG
(`rasa_extensions.nlg`). Staff mode stays English.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.i18n import ENGLISH, is_supported, translate, translate_buttons
from bot.registration_flow import Reply


def language_of(tracker: Tracker) -> str:
    """The conversation's language for texts built in Python: English in staff mode."""
    language = tracker.get_slot("language")
    if tracker.get_slot("staff_mode") or not is_supported(language):
        return ENGLISH
    return str(language)


def say(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    text: str,
    buttons: list[dict[str, Any]] | None = None,
) -> None:
    """Utter a text built in Python (and its buttons) in the conversation's language."""
    language = language_of(tracker)
    if buttons is None:
        dispatcher.utter_message(text=translate(text, language))
    else:
        dispatcher.utter_message(
            text=translate(text, language), buttons=translate_buttons(buttons, language)
        )


def send(dispatcher: CollectingDispatcher, tracker: Tracker, replies: Iterable[Reply]) -> None:
    """Utter each reply in order, in the conversation's language."""
    for reply in replies:
        if reply.response:
            dispatcher.utter_message(response=reply.response)
        else:
            say(dispatcher, tracker, reply.text or "")
