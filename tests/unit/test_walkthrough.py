"""Tests for bot/walkthrough.py: the numbered PACER steps and moving between them."""

from __future__ import annotations

import pytest

from bot.walkthrough import STEPS, clamp_step, next_step_number, render_step

LAST = len(STEPS)


def test_script_has_ten_steps_in_pacer_order():
    assert LAST == 10
    assert [step.title for step in STEPS] == [
        "Check your PACER account",
        "Log in",
        "Open the request",
        "Pick the court",
        "Pick your role",
        "Fill in your details",
        "Payment (optional)",
        "Terms of Use",
        "Submit",
        "Wait for the court",
    ]


def test_every_step_says_what_to_do_and_what_the_screen_shows():
    for step in STEPS:
        assert step.do.strip().endswith(".")
        assert step.screen.strip()


def test_steps_name_the_fixed_court_choices():
    court_step = STEPS[3].do
    assert '"U.S. District Courts"' in court_step
    assert '"Massachusetts District Court"' in court_step
    assert '"Party"' in STEPS[4].do


def test_payment_step_says_no_ach_for_attorney_admissions_and_none_if_it_does_not_apply():
    assert "This court does not take ACH for Attorney Admissions fees." in STEPS[6].do
    assert "If admission fees don't apply to you, leave them as none." in STEPS[6].do
    assert "Type card or bank numbers only on PACER, never in a chat." in STEPS[6].do


@pytest.mark.parametrize(
    ("number", "clamped"), [(-3, 1), (0, 1), (1, 1), (5, 5), (10, 10), (11, 10), (99, 10)]
)
def test_clamp_step_keeps_numbers_in_the_script(number, clamped):
    assert clamp_step(number) == clamped


@pytest.mark.parametrize(
    ("current", "move", "expected"),
    [
        (None, "start", 1),
        (None, "next", 1),
        (None, "back", 1),
        (None, "repeat", 1),
        (5, "start", 1),
        (1, "next", 2),
        (4, "next", 5),
        (4, "back", 3),
        (4, "repeat", 4),
        (1, "back", 1),
        (LAST, "next", LAST),
        (LAST, "repeat", LAST),
        (LAST, "back", LAST - 1),
    ],
)
def test_next_step_number(current, move, expected):
    assert next_step_number(current, move) == expected


def test_unknown_move_is_refused():
    with pytest.raises(KeyError):
        next_step_number(3, "sideways")


def test_first_step_text():
    assert render_step(1) == f"Step 1 of {LAST}: Check your PACER account. {STEPS[0].do}"


def test_middle_step_has_no_last_step_note():
    text = render_step(4)
    assert text.startswith(f"Step 4 of {LAST}: Pick the court. ")
    assert "last step" not in text


def test_last_step_says_it_is_the_last():
    assert render_step(LAST) == (
        f"Step {LAST} of {LAST}: Wait for the court. {STEPS[-1].do} That was the last step."
    )


def test_render_step_out_of_range_shows_a_real_step():
    assert f": {STEPS[-1].title}." in render_step(LAST + 5)
    assert f": {STEPS[0].title}." in render_step(0)
