"""A clock a test moves by hand (`clock.now += seconds`), for code that takes a `clock`."""

from __future__ import annotations


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now
