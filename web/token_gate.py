"""The secret tokens of the web app's closed pages (the staff console, the dashboard).

A token comes from a sign-in form or an `Authorization: Bearer` header. It is compared in
constant time, and wrong tries are counted per client network with a doubling wait
(`bot.staff_session.WrongTokenBackOff`). While a network must wait, even the right token is
refused from it, so that guessing learns nothing; other networks are not affected.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sanic.request import Request

from bot.chat_guard import address_key
from bot.staff_session import WrongTokenBackOff, token_matches
from channels.http import client_address


@dataclass(frozen=True)
class Refusal:
    """Why a token is not accepted, and the HTTP status that says so."""

    message: str
    status: int


def bearer_token(request: Request) -> str:
    """The token of an `Authorization: Bearer` header, or "" when there is none."""
    scheme, _, supplied = request.headers.get("authorization", "").partition(" ")
    return supplied if scheme.lower() == "bearer" else ""


def token_refusal(
    request: Request,
    supplied: str,
    token: str,
    back_off: WrongTokenBackOff,
    wrong: str,
    too_many: Callable[[float], str],
) -> Refusal | None:
    """None when `supplied` is `token`; else `wrong` (401) or `too_many(wait_s)` (429)."""
    network = address_key(client_address(request) or "")
    wait_s = back_off.wait_s(network)
    if wait_s > 0:
        return Refusal(too_many(wait_s), 429)
    if token_matches(supplied, token):
        back_off.right(network)
        return None
    if supplied.strip():
        back_off.wrong(network)
    return Refusal(wrong, 401)
