"""Short names of what a filer may have meant, for the "Did you mean ...?" buttons.

When the assistant is not sure what a message means, it offers the two or three likeliest
meanings as buttons (`bot.fallback.clarify_choices`). Each button shows the label below and,
when pressed, sends its intent, so the filer gets that answer at once. Intents missing here
(yes, no, a bare form answer, "next", "stop" ...) are never offered: they only make sense in a
context the filer is already in.
"""

from __future__ import annotations

TOPIC_LABELS: dict[str, str] = {
    "start_registration": "Fill in my registration answers with me",
    "walkthrough_start": "Guide me through the PACER screens",
    "ask_who_can_register": "Who may register",
    "ask_where_form": "Where the form is on PACER",
    "ask_upgrade_required": "Do I need an upgraded PACER account?",
    "ask_check_upgraded": "Is my PACER account upgraded?",
    "ask_how_to_upgrade": "How to upgrade my PACER account",
    "ask_get_pacer_account": "How to get a PACER account",
    "ask_what_is_pacer": "What PACER is",
    "ask_pacer_contact": "How to reach PACER",
    "ask_link_cmecf_account": "Link my old CM/ECF login",
    "ask_court_selection": "Which court to pick on PACER",
    "ask_required_fields": "Which answers are required",
    "ask_case_number_field": "The Most Recent Case question",
    "ask_find_case_number": "How to find my case number",
    "ask_payment_required": "Do I have to pay?",
    "ask_fee_types": "The kinds of fees",
    "ask_ach_admission": "ACH for admission fees",
    "ask_what_is_ach": "What ACH is",
    "ask_same_payment_method": "One payment method for all fees",
    "ask_terms_of_use": "The terms of use",
    "ask_submit": "How to send my request",
    "ask_what_next": "What happens after I send it",
    "ask_no_email": "I got no email",
    "ask_request_rejected": "My request was rejected",
    "ask_legal_advice": "Help with my case itself",
    "ask_capabilities": "What you can help with",
    "request_human": "Talk to a person",
}

# The last button: none of the offered meanings. It counts as a miss, so the next answer
# says what the assistant can do and who can help.
NONE_OF_THESE_LABEL = "Something else"
NONE_OF_THESE_INTENT = "out_of_scope"
