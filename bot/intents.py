"""Which intents the assistant answers how: the one list that domain.yml and the rules must match.

domain.yml (the `&interruptions` list of every form slot), data/rules/registration.yml (the
rule that answers a question in the middle of the form) and data/rules/faq.yml (one rule per
FAQ) repeat these names because Rasa reads them there; `tests/unit/test_single_sources.py`
fails when they drift from this module.
"""

from __future__ import annotations

# Questions about the registration, each answered by the response `utter_<intent>`.
FAQ_INTENTS: tuple[str, ...] = (
    "ask_upgrade_required",
    "ask_check_upgraded",
    "ask_how_to_upgrade",
    "ask_get_pacer_account",
    "ask_who_can_register",
    "ask_link_cmecf_account",
    "ask_where_form",
    "ask_court_selection",
    "ask_required_fields",
    "ask_case_number_field",
    "ask_find_case_number",
    "ask_request_rejected",
    "ask_payment_required",
    "ask_fee_types",
    "ask_ach_admission",
    "ask_what_is_ach",
    "ask_same_payment_method",
    "ask_terms_of_use",
    "ask_submit",
    "ask_what_next",
    "ask_no_email",
    "ask_pacer_contact",
    "ask_what_is_pacer",
)

# Other messages answered by a response of their own name.
RESPONSE_FOR_INTENT: dict[str, str] = {
    "greet": "utter_greet",
    "goodbye": "utter_goodbye",
    "thank": "utter_you_are_welcome",
    "ask_capabilities": "utter_capabilities",
    "request_human": "utter_human_contacts",
    "ask_legal_advice": "utter_no_legal_advice",
    "share_sensitive_info": "utter_never_share_sensitive",
    # "español", "in English please" or the web chat's picker: the language slot is already set
    # (bot.language), so this says, in the new language, that the assistant goes on in it.
    "switch_language": "utter_language_switched",
}

# Answered in the middle of the form, which then asks its question again.
ANSWERED_IN_FORM: tuple[str, ...] = (*RESPONSE_FOR_INTENT, *FAQ_INTENTS)

# Handled in the form by rules of their own (stop, start over, why this question).
FORM_CONTROL_INTENTS: tuple[str, ...] = ("restart", "stop_form", "ask_why_field")

# Never taken as a form answer: the form's free-text slots skip these intents.
FORM_INTERRUPTIONS: frozenset[str] = frozenset((*ANSWERED_IN_FORM, *FORM_CONTROL_INTENTS))


def response_for(intent: str) -> str:
    """The response that answers `intent` in the middle of the form."""
    return RESPONSE_FOR_INTENT.get(intent, f"utter_{intent}")
