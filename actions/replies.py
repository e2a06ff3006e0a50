"""Sends `bot` replies (plain text or a domain response name) through rasa-sdk's dispatcher."""

from __future__ import annotations

from collections.abc import Iterable

from rasa_sdk.executor import CollectingDispatcher

from bot.registration_flow import Reply


def send(dispatcher: CollectingDispatcher, replies: Iterable[Reply]) -> None:
    """Utter each reply in order."""
    for reply in replies:
        if reply.response:
            dispatcher.utter_message(response=reply.response)
        else:
            dispatcher.utter_message(text=reply.text)
