"""Each correction of issue 9, checked word for word on the texts the filer and staff see."""

from __future__ import annotations

import re

import pytest
from content_texts import DOMAIN, all_texts
from rasa_sdk.executor import CollectingDispatcher
from sample_registration import sample_payload
from trackers import make_tracker

import settings
from actions.registration_form import ActionBeginRegistration
from bot.answers import ACH_NOT_FOR_ADMISSION
from bot.summary import summarize
from bot.troubleshooting import NOTES
from bot.walkthrough import (
    ASK_FOR_PERMISSION,
    PERMISSION_FIRST,
    RESTRICTED_ACCOUNT,
    STEPS,
    render_step,
)

TEXTS = all_texts()
STAFF_TEXTS = [text for text in TEXTS if text.staff]


def filer(response: str) -> str:
    [text] = [v["text"] for v in DOMAIN["responses"][response] if "condition" not in v]
    return text


def staff(response: str) -> str:
    [text] = [v["text"] for v in DOMAIN["responses"][response] if "condition" in v]
    return text


def note(title: str) -> str:
    [found] = [n for n in NOTES if n.title == title]
    return " ".join([found.symptom, *found.steps])


def assert_in_order(text: str, *parts: str) -> None:
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} missing or out of order in {text!r}"
        position = found + len(part)


# ---------------------------------------------------------------------------
# Linking an old CM/ECF login
# ---------------------------------------------------------------------------


def test_link_answer_says_where_the_link_is_where_to_type_and_who_to_ask_first():
    assert_in_order(
        filer("utter_ask_link_cmecf_account"),
        "Log in to the court's CM/ECF with your upgraded PACER account.",
        "Open the Utilities menu.",
        'Click "Link a CM/ECF account to my PACER account."',
        "PACER's Manage My Account has this link too.",
        "Type your old CM/ECF username and password only on that screen. "
        "Never type them in this chat.",
        "If you don't remember your old login, contact the Clerk's Office first.",
        "Find their phone number on www.mad.uscourts.gov.",
        "Only if linking still does not work, send a new e-file request on PACER.",
    )


def test_link_staff_answer_and_note_say_the_same_in_the_same_order():
    for text in (staff("utter_ask_link_cmecf_account"), note("Linking an old CM/ECF login")):
        assert_in_order(
            text,
            "log in to the court's CM/ECF with their upgraded PACER account",
            "Utilities",
            "Link a CM/ECF account to my PACER account",
            "only on that screen",
            "contact",
            "Clerk's Office",
            "Only if linking still fails do they send a new e-file request",
        )


# ---------------------------------------------------------------------------
# Permission first, and what "restricted" means
# ---------------------------------------------------------------------------


def test_permission_comes_first_in_the_walkthrough_the_intro_and_the_summary():
    assert render_step(1).startswith(
        f"Step 1 of 10: Check your PACER account. First, make sure you may register. "
        f"{PERMISSION_FIRST} {ASK_FOR_PERMISSION} {RESTRICTED_ACCOUNT}"
    )
    assert_in_order(
        filer("utter_registration_intro"),
        "I will ask one thing at a time.\nFirst, a check. ",
        PERMISSION_FIRST,
        ASK_FOR_PERMISSION,
    )
    assert_in_order(summarize(sample_payload()), "1. Check your PACER account:", PERMISSION_FIRST)


def test_restricted_is_said_in_plain_words_where_the_account_is_described():
    for text in (filer("utter_ask_who_can_register"), STEPS[0].do, staff("utter_ask_who_can_register")):
        assert "restricted" in text
        assert re.search(r"only (?:to file|for filing) in (?:your|the caller's) own case", text)


def test_the_faq_says_who_may_register_what_restricted_means_and_who_to_ask():
    assert filer("utter_ask_who_can_register") == (
        "This account is only for people the court has allowed to e-file in their case. "
        "It is for people who have no lawyer (pro se).\n"
        "You get that permission from the court in your case. The Clerk's Office can tell you "
        "how to ask for it. Find their phone number on www.mad.uscourts.gov.\n"
        "The court calls this a restricted account. That means it is not a lawyer's account: "
        "you use it only to file in your own case, as the court allowed."
    )


# ---------------------------------------------------------------------------
# No invented timelines, frequencies or rules
# ---------------------------------------------------------------------------

INVENTED = re.compile(
    r"business days?|\bfew days\b|\bweeks?\b|\boften\b|\busually\b|\btypically\b|\bmost people\b"
    r"|\bfree\b|\bmotion\b|\bBoston College\b",
    re.IGNORECASE,
)
# "Pick one you check often" asks the filer to choose an email they read; it states no frequency.
ADVICE = {"utter_ask_email": "Pick one you check often."}


@pytest.mark.parametrize("text", TEXTS, ids=lambda text: f"{text.key}{'-staff' * text.staff}")
def test_no_text_states_an_invented_timeline_or_frequency(text):
    words = text.text.replace(ADVICE.get(text.key, "\0"), "")
    assert INVENTED.findall(words) == []


def test_the_wait_and_the_rejection_give_real_next_steps():
    assert filer("utter_ask_what_next") == (
        "The court will look over your request. It will email you if it needs more from you, "
        "or if your request is granted. The court does not list a set wait time. So keep "
        "checking your email, and your spam folder too."
    )
    assert_in_order(
        filer("utter_ask_no_email"),
        "look in your spam or junk folder",
        "check that the email in your PACER account is right (Manage My Account)",
        "contact the Clerk's Office",
        "PACER Service Center",
    )
    assert filer("utter_ask_request_rejected").startswith(
        "Read the court's email to see what to do next. If your case number was missing, "
    )


# ---------------------------------------------------------------------------
# Attorney Admissions fees
# ---------------------------------------------------------------------------

ADMISSION_TEXTS = [
    filer("utter_ask_admission_fees_method"),
    filer("utter_explain_admission_fees_method"),
    filer("utter_ask_ach_admission"),
    filer("utter_ask_fee_types"),
    ACH_NOT_FOR_ADMISSION,
    STEPS[6].do,
]


@pytest.mark.parametrize("text", ADMISSION_TEXTS)
def test_the_ach_rule_is_said_as_the_court_says_it(text):
    assert "does not take ACH (bank account) for Attorney Admissions fees" in text or (
        "does not take ACH for Attorney Admissions fees" in text
    )
    assert "ACH for admission fees" not in text and "payments for admission fees" not in text


def test_a_pro_se_filer_may_leave_admission_fees_as_none():
    assert "If admission fees don't apply to you, pick none." in filer(
        "utter_ask_admission_fees_method"
    )
    assert "If admission fees don't apply to you, pick none." in ACH_NOT_FOR_ADMISSION
    assert "If admission fees don't apply to you, say none." in filer(
        "utter_explain_admission_fees_method"
    )
    assert "If admission fees don't apply to you, leave them as none." in STEPS[6].do


def test_the_admission_fee_question_offers_no_ach():
    for variation in DOMAIN["responses"]["utter_ask_admission_fees_method"]:
        assert [button["payload"] for button in variation["buttons"]] == ["credit card", "none"]


# ---------------------------------------------------------------------------
# Card and bank numbers only on PACER
# ---------------------------------------------------------------------------

MENTIONS_NUMBERS = re.compile(
    r"routing|account number|card numbers?|bank numbers?|card or bank|bank or card", re.I
)
ONLY_ON_PACER = re.compile(r"only on (?:the )?PACER")


@pytest.mark.parametrize(
    "text",
    [text for text in TEXTS if MENTIONS_NUMBERS.search(text.text)],
    ids=lambda text: f"{text.key}{'-staff' * text.staff}",
)
def test_every_text_that_mentions_card_or_bank_numbers_says_only_on_pacer(text):
    assert ONLY_ON_PACER.search(text.text), text.text


def test_what_is_ach_says_where_to_type_the_numbers():
    assert filer("utter_ask_what_is_ach").endswith(
        "PACER asks for your bank's routing number and your account number. "
        "Type them only on PACER, never in this chat."
    )


# ---------------------------------------------------------------------------
# Honest privacy wording
# ---------------------------------------------------------------------------


def test_the_intro_says_what_is_kept_for_how_long_and_that_nothing_goes_to_the_court():
    assert_in_order(
        filer("utter_registration_intro"),
        "When we are done, your answers are saved with a reference code, so court staff can "
        "read them back to you. This chat and your answers are deleted after {retention_days} "
        "days.",
        "Nothing goes to the court from this chat. You still send your request yourself, on PACER.",
    )


async def test_the_intro_gets_the_retention_days_from_the_setting(monkeypatch):
    monkeypatch.setenv("RETENTION_DAYS", "12")
    settings.current.cache_clear()
    try:
        dispatcher = CollectingDispatcher()
        tracker = make_tracker(text="register me", intent="start_registration")
        await ActionBeginRegistration().run(dispatcher, tracker, {})
    finally:
        settings.current.cache_clear()
    [message] = dispatcher.messages
    assert (message["response"], message["retention_days"]) == ("utter_registration_intro", 12)


def test_the_secret_warning_says_what_is_removed_and_what_is_kept():
    text = filer("utter_never_share_sensitive")
    assert "I did not keep" not in text
    assert (
        "This chat is saved. I try to remove numbers like these before it is saved, but I may "
        "miss some." in text
    )


@pytest.mark.parametrize("text", TEXTS, ids=lambda text: f"{text.key}{'-staff' * text.staff}")
def test_no_text_suggests_the_chat_sends_something_or_keeps_nothing(text):
    for phrase in ("Nothing was sent", "nothing would be sent", "I did not keep", "help line"):
        assert phrase not in text.text


def test_stopping_says_what_is_deleted_and_that_the_chat_sends_nothing():
    assert filer("utter_registration_cancelled") == (
        "OK, I stopped and deleted your answers from the form. Nothing goes to the court from "
        'this chat. You can start again any time by saying "register me".'
    )


# ---------------------------------------------------------------------------
# Real contacts, never a made-up number
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "response",
    ["utter_human_contacts", "utter_fallback_offer_person", "utter_ask_no_email"],
)
def test_contacts_name_the_clerks_office_and_where_its_number_is(response):
    text = filer(response)
    assert "Clerk's Office" in text and "phone number on www.mad.uscourts.gov" in text


def test_the_only_phone_number_is_the_pacer_service_centers():
    phones = re.compile(r"\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}")
    numbers = {number for text in TEXTS for number in phones.findall(text.text)}
    assert numbers == {"800-676-6856", "617-555-0100"}  # 617-555-0100 is the made-up example


# ---------------------------------------------------------------------------
# Terms of Use
# ---------------------------------------------------------------------------


def test_the_terms_question_asks_whether_they_will_check_the_boxes_on_pacer():
    text = filer("utter_ask_terms_accepted")
    assert "Do you agree" not in text
    assert text.endswith("Will you check the boxes on PACER after you read the terms there?")
    assert "I can't show them to you here." in text
    buttons = DOMAIN["responses"]["utter_ask_terms_accepted"][1]["buttons"]
    assert [button["title"] for button in buttons] == ["Yes, I will", "No"]


# ---------------------------------------------------------------------------
# Consistency
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", TEXTS, ids=lambda text: f"{text.key}{'-staff' * text.staff}")
def test_pacer_fees_are_always_autobill_pacer_fees(text):
    assert re.findall(r"(?<!Autobill )PACER fees", text.text) == []


@pytest.mark.parametrize("text", TEXTS, ids=lambda text: f"{text.key}{'-staff' * text.staff}")
def test_the_case_number_rule_has_one_strength(text):
    assert re.findall(r"slowed down|turned down|take longer|delayed or turned", text.text) == []
    if re.search(r"\b(?:delay|reject)", text.text) and "case number" in text.text.lower():
        assert "may be delayed or rejected" in text.text


@pytest.mark.parametrize("text", STAFF_TEXTS, ids=lambda text: text.key)
def test_staff_texts_are_short_sentences_to_read_aloud(text):
    assert "=" not in text.text and ">" not in text.text
    sentences = re.split(r"(?<=[.?!])\s+", text.text)
    assert max(len(sentence.split()) for sentence in sentences) <= 30


def test_staff_texts_use_the_walkthroughs_step_numbers():
    titles = {f"Step {n} ({step.title})" for n, step in enumerate(STEPS, start=1)}
    used = {
        match
        for text in STAFF_TEXTS
        for match in re.findall(r"Step \d+ \((?:[^()]|\([^()]*\))*\)", text.text)
    }
    assert used and used <= titles


# ---------------------------------------------------------------------------
# Multi-factor login
# ---------------------------------------------------------------------------


def test_the_login_step_and_the_notes_say_what_to_do_about_a_one_time_code():
    assert STEPS[1].do == (
        "Go to pacer.uscourts.gov and log in with your own upgraded PACER account. PACER may "
        "ask for a one-time code from your authentication app. If you can't get the code, "
        "contact the PACER Service Center."
    )
    assert_in_order(
        note("One-time code at login"),
        "PACER may ask for a one-time code at login.",
        "authentication app",
        "PACER Service Center: pacer@psc.uscourts.gov or 1-800-676-6856",
        "Never ask for the code or the password on the phone.",
    )
