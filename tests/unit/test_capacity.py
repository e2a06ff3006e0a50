"""The capacity run's parts that need no stack (ops/capacity.py): the stepping and its stop rule,
how long a step is measured, the population that keeps a level, the summary, the ratio and the
targets; the bench's latency quantiles and process rows it shares (ops/bench.py); and the filer's
turn callback (ops/filer.py) against a local stand-in for the REST channel."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest
from aiohttp import web
from local_http import serving

from ops.bench import latency_quantiles, process_rows
from ops.capacity import (
    NOT_MEASURED,
    Outcome,
    Population,
    Record,
    Step,
    clearly_over,
    comparison_lines,
    hold_s,
    next_level,
    passes,
    profile_report,
    ratio_verdict,
    share_of_budget,
    target_lines,
)
from ops.filer import Filer
from ops.procstat import Usage

LIMIT_S = 0.300


def step(filers: int, p95_ms: float, errors: int = 0, turns: int = 100, seconds=10.0) -> Step:
    """A step whose `turns` latencies have exactly that p95 (all equal)."""
    return Step(filers, seconds, [p95_ms / 1000] * turns, [f"error {n}" for n in range(errors)])


def outcome(profile: str, *steps: Step, stopped: str = "") -> Outcome:
    return Outcome(profile, LIMIT_S, list(steps), stopped)


# --- the stop rule and the stepping


def test_a_step_is_held_within_the_limit_with_no_error():
    assert passes(step(20, 300), LIMIT_S)
    assert not passes(step(20, 301), LIMIT_S)
    assert not passes(step(20, 50, errors=1), LIMIT_S)
    assert not passes(step(20, 50, turns=0), LIMIT_S)


def test_the_p95_decides_not_the_slowest_turns():
    latencies = [0.050] * 95 + [2.0] * 5
    assert passes(Step(20, 10.0, latencies, []), LIMIT_S)
    assert not passes(Step(20, 10.0, [0.050] * 94 + [2.0] * 6, []), LIMIT_S)


def test_stepping_goes_up_until_a_step_fails_or_none_is_left():
    plan = [20, 50, 100]
    assert next_level(plan, [], LIMIT_S) == 20
    assert next_level(plan, [step(20, 80)], LIMIT_S) == 50
    assert next_level(plan, [step(20, 80), step(50, 400)], LIMIT_S) is None
    assert next_level(plan, [step(20, 80), step(50, 90, errors=1)], LIMIT_S) is None
    assert next_level(plan, [step(20, 80), step(50, 90), step(100, 200)], LIMIT_S) is None


def test_a_step_ends_early_only_when_clearly_over_the_limit_on_enough_turns():
    assert clearly_over([0.601] * 100, LIMIT_S)
    assert not clearly_over([0.601] * 99, LIMIT_S)
    assert not clearly_over([0.600] * 100, LIMIT_S)
    assert not clearly_over([0.400] * 200, LIMIT_S)


def test_a_low_level_is_measured_long_enough_for_its_turns():
    assert hold_s(20, think_s=15.0, hold=60.0, min_turns=150) == 112.5
    assert hold_s(200, think_s=15.0, hold=60.0, min_turns=150) == 60.0
    assert hold_s(20, think_s=15.0, hold=60.0, min_turns=0) == 60.0


def test_each_profile_gets_an_equal_share_of_the_budget_left():
    assert share_of_budget(100.0, 700.0, 2) == 400.0
    assert share_of_budget(400.0, 700.0, 1) == 700.0
    assert share_of_budget(800.0, 700.0, 1) == 800.0


# --- what a profile held


def test_the_level_held_is_the_last_step_before_the_first_failed_one():
    run = outcome("default", step(20, 40), step(50, 90), step(100, 450))
    assert run.held_filers == 50
    assert run.limit_found


def test_a_run_that_stopped_before_any_step_failed_holds_at_least_its_last_level():
    run = outcome("scaleout", step(20, 40), step(50, 90))
    assert run.held_filers == 50
    assert not run.limit_found


def test_a_profile_failing_its_first_step_holds_nothing():
    run = outcome("default", step(20, 40, errors=2))
    assert (run.held, run.held_filers, run.limit_found) == (None, 0, True)
    assert run.errors == ["error 0", "error 1"]


def test_window_latencies_and_errors_are_those_of_the_step():
    record = Record()
    for at, latency in [(1.0, 0.1), (2.0, 0.2), (3.0, 0.3), (4.0, 0.4)]:
        record.turn(latency, at)
    record.errors += [(1.5, "early"), (3.5, "late")]
    assert record.latencies(2.0, 4.0) == [0.2, 0.3]
    assert record.latencies(3.0) == [0.3, 0.4]
    assert record.errors_since(2.0) == ["late"]


def test_cpu_per_turn_counts_the_window_only():
    usage = [
        Usage("Rasa server", 11, 900_000, 850_000, 12.0),
        Usage("web app", 12, 50_000, 40_000, 1.5),
    ]
    measured = Step(50, 10.0, [0.05] * 200, [], usage, cpu_before={11: 4.0})
    assert measured.total_cpu_s == 9.5
    assert measured.cpu_ms_per_turn(measured.cpu_of(usage[0])) == 40.0
    assert measured.turns_per_s == 20.0


# --- the report


def held_run(profile: str, levels: dict[int, float], failed_at: int | None) -> Outcome:
    steps = [step(filers, p95, seconds=60.0, turns=filers * 4) for filers, p95 in levels.items()]
    if failed_at is not None:
        steps.append(step(failed_at, 900))
    return outcome(profile, *steps, stopped="test")


def test_the_ratio_of_filers_held_and_of_turns_per_second():
    default = held_run("default", {20: 50, 100: 120, 200: 250}, failed_at=300)
    scaleout = held_run("scaleout", {20: 40, 200: 150, 400: 280}, failed_at=500)
    assert comparison_lines({"default": default, "scaleout": scaleout}) == [
        "== scale-out / default, same run (levels on the step grid: the limit lies between the "
        "level held and the next step)",
        "  filers held: 400 / 200 = 2.00x",
        "  turns/s there: 26.7 / 13.3 = 2.00x",
    ]


def test_a_lower_bound_is_named_in_the_ratio():
    default = held_run("default", {20: 50}, failed_at=50)
    scaleout = held_run("scaleout", {20: 40, 50: 60}, failed_at=None)
    assert comparison_lines({"default": default, "scaleout": scaleout})[1] == (
        "  filers held: 50 / 20 = 2.50x (scaleout at least: the run stopped before its limit)"
    )
    assert comparison_lines({"default": default}) == [
        "== scale-out / default: not measured (both profiles are needed)"
    ]


@pytest.mark.parametrize(
    ("scaleout_held", "scaleout_found", "default_held", "default_found", "verdict"),
    [
        (600, True, 300, True, "PASS"),
        (500, True, 300, True, "FAIL"),
        (600, False, 300, True, "PASS"),  # at least 2x
        (500, False, 300, True, NOT_MEASURED),  # at least 1.67x: might still be 1.8x
        (500, True, 300, False, "FAIL"),  # at most 1.67x
        (600, True, 300, False, NOT_MEASURED),  # at most 2x
        (600, True, 0, True, NOT_MEASURED),
    ],
)
def test_the_ratio_target_is_judged_only_where_the_bounds_settle_it(
    scaleout_held, scaleout_found, default_held, default_found, verdict
):
    def run(profile, held, found):
        levels = {held: 100} if held else {}
        return held_run(profile, levels, failed_at=held + 100 if found else None)

    scaleout = run("scaleout", scaleout_held, scaleout_found)
    default = run("default", default_held, default_found)
    assert ratio_verdict(scaleout, default) == verdict


def test_every_target_is_printed_with_its_verdict():
    default = held_run("default", {20: 120, 100: 200, 200: 290}, failed_at=300)
    scaleout = held_run("scaleout", {20: 60, 300: 200, 500: 290}, failed_at=600)
    assert target_lines({"default": default, "scaleout": scaleout}) == [
        "== targets (issue 11)",
        "  [PASS] scale-out holds >= 500 filers: 500",
        "  [PASS] scale-out >= 1.8x default: 2.50x",
        "  [FAIL] default p95 < 100 ms at 20 filers: 120 ms",
        "  [PASS] scaleout p95 < 100 ms at 20 filers: 60 ms",
        "  [PASS] 0 errors: 0",
    ]


def test_a_short_run_does_not_pass_or_fail_what_it_did_not_reach():
    default = held_run("default", {20: 50, 50: 80}, failed_at=None)
    scaleout = held_run("scaleout", {50: 60}, failed_at=None)
    scaleout.steps.append(step(100, 90, errors=1))
    assert target_lines({"default": default, "scaleout": scaleout}) == [
        "== targets (issue 11)",
        "  [FAIL] scale-out holds >= 500 filers: 50",
        "  [FAIL] scale-out >= 1.8x default: 1.00x",
        "  [PASS] default p95 < 100 ms at 20 filers: 50 ms",
        "  [NOT MEASURED] scaleout p95 < 100 ms at 20 filers",
        "  [FAIL] 0 errors: 1",
    ]
    assert target_lines({"default": default})[1:3] == [
        "  [NOT MEASURED] scale-out holds >= 500 filers",
        "  [NOT MEASURED] scale-out >= 1.8x default",
    ]


def test_the_profile_report_gives_cpu_per_turn_and_memory_at_the_level_held():
    usage = [Usage("Rasa server", 11, 900 * 1024, 850 * 1024, 14.0)]
    held = Step(200, 60.0, [0.1] * 800, [], usage, cpu_before={11: 2.0}, client_cpu_s=0.8)
    run = outcome("default", step(20, 45), held, step(300, 700), stopped="p95 700 ms at 300 filers")
    text = profile_report(run)
    assert (
        "  held: 200 filers at once (p95 <= 300 ms, 0 errors); stopped: p95 700 ms at 300 filers"
        in text
    )
    assert (
        "  at 200 filers: 13.3 turns/s, p95 100 ms, CPU per turn 15.0 ms (all processes; this script 1.0 ms more)"
        in text
    )
    assert "    Rasa server                  11          900     850        15.0" in text
    assert text.endswith("  p95 at 20 filers: 45 ms")


# --- the parts shared with the bench


def test_latency_quantiles():
    assert latency_quantiles([]) == (0.0, 0.0, 0.0)
    assert latency_quantiles([0.2]) == (0.2, 0.2, 0.2)
    p50, p95, p99 = latency_quantiles([n / 100 for n in range(101)])
    assert (round(p50, 6), round(p95, 6), round(p99, 6)) == (0.5, 0.95, 0.99)


def test_database_backends_are_one_row_and_servers_one_row_each():
    processes = [
        Usage("Rasa server", 1, 2048, 1024, 3.0),
        Usage("PostgreSQL child", 2, 1024, 512, 1.0),
        Usage("PostgreSQL child", 3, 3072, 512, 2.0),
        Usage("PostgreSQL child", 4, 1024, 1024, 4.0),
    ]
    assert list(process_rows(processes, lambda process: process.cpu_s)) == [
        ("Rasa server", "1", 2.0, 1.0, 3.0),
        ("PostgreSQL child x3", "max/sum", 3.0, 2.0, 7.0),
    ]


# --- the population that keeps a level


async def test_a_filer_that_ends_is_replaced_so_the_level_stays():
    finish = {number: asyncio.Event() for number in range(6)}
    started = {number: asyncio.Event() for number in range(6)}

    async def filer(number: int) -> None:
        started[number].set()
        await finish[number].wait()

    def running() -> list[int]:
        return [number for number, event in started.items() if event.is_set()]

    population = Population(filer)
    population.resize(2)
    await asyncio.wait_for(started[1].wait(), 5)
    assert (running(), len(population.tasks)) == ([0, 1], 2)
    finish[0].set()
    await asyncio.wait_for(started[2].wait(), 5)
    assert (running(), len(population.tasks)) == ([0, 1, 2], 2)
    population.resize(4)
    await asyncio.wait_for(started[4].wait(), 5)
    assert (running(), len(population.tasks)) == ([0, 1, 2, 3, 4], 4)
    tasks = set(population.tasks)
    await population.close()
    assert (population.tasks, population.started) == (set(), 5)
    assert all(task.cancelled() for task in tasks)
    assert not started[5].is_set()


# --- the filer's turn callback


async def test_the_filer_reports_each_turn_as_its_reply_arrives():
    async def webhook(request: web.Request) -> web.Response:
        body = await request.json()
        return web.json_response([{"text": f"you said {body['message']}"}])

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    told: list[float] = []
    async with serving(app) as url, aiohttp.ClientSession() as session:
        filer = Filer(0, [url], on_turn=told.append)
        messages = await filer.say(session, filer.servers[0], "hello")
        await filer.say(session, filer.servers[0], "again")
    assert json.dumps(messages) == '[{"text": "you said hello"}]'
    assert told == filer.latencies_s and len(told) == 2
