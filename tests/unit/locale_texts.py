"""Every English text built in Python that a filer may see, for the translation tests.

The texts of `bot/` and `channels/` that actions and channels translate at the edge through
`bot.i18n.translate`: the form's messages about a wrong answer, the read-back and the summary
(for the sample filer, with and without payment methods), the walkthrough's steps, the button
titles made in Python, the summary card's titles, labels and answers and the chat channels'
refusals.
"""

from __future__ import annotations

from content_texts import _message_constants
from sample_registration import ANSWERS, sample_payload

from actions.registration_form import REVIEW_BUTTONS
from actions.walkthrough import STEP_BUTTONS
from bot import answers, case_number, chat_guard
from bot.fields import FIELDS_BY_SLOT, PAYMENT_METHOD_SLOTS
from bot.registration_flow import PAYMENT_AGAIN, fix_message, review_message
from bot.sensitive import SENSITIVE_REFUSAL
from bot.summary import summarize
from bot.summary_card import card_layout
from bot.topics import NONE_OF_THESE_LABEL, TOPIC_LABELS
from bot.walkthrough import STEPS, render_step


def card_texts() -> list[str]:
    """The summary card's section titles, PACER labels and answers (bot.summary_card)."""
    texts = []
    for section in card_layout()["sections"]:
        texts.append(section["title"])
        for field in section["fields"]:
            texts += [field["label"], *field["values"].values()]
    return texts


def python_texts() -> list[str]:
    """The English texts, each as the filer would get it."""
    skipped_payment = {**ANSWERS, "set_payment_defaults": False}
    no_methods = dict.fromkeys(PAYMENT_METHOD_SLOTS, "none")
    return [
        *(value for module in (answers, case_number, chat_guard) for value in _message_constants(module).values()),
        SENSITIVE_REFUSAL,
        PAYMENT_AGAIN,
        *(fix_message(slot) for slot in FIELDS_BY_SLOT),
        review_message(ANSWERS),
        review_message(skipped_payment),
        summarize(sample_payload()),
        summarize(sample_payload(**no_methods)),
        *(render_step(number) for number in range(1, len(STEPS) + 1)),
        *(button["title"] for button in (*STEP_BUTTONS, *REVIEW_BUTTONS)),
        *TOPIC_LABELS.values(),
        NONE_OF_THESE_LABEL,
        *card_texts(),
    ]
