"""The help-line staff console at /staff, behind the staff token.

Staff sign in by typing the staff token into a form (POST /staff/sign-in); the web app then sets
an HttpOnly, SameSite=Strict cookie (`bot.staff_session`), never the token itself. Signed in,
/staff shows the registration script (`bot.walkthrough.STEPS`), the troubleshooting notes
(`bot.troubleshooting`), the assistant in staff mode and the submission look-up. The console's
chat gets its staff-mode proof from /staff/proof (`bot.staff_mode`). Without the cookie, /staff
answers 401 with the sign-in form. After `WRONG_TRIES` wrong staff tokens from one address (the
form or the look-up API), that address may try again only once every `RETRY_AFTER_S` seconds.
"""

from __future__ import annotations

import time
from html import escape
from string import Template

from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, html, json, redirect

from bot.chat_guard import RateLimiter
from bot.staff_mode import staff_proof
from bot.staff_session import (
    COOKIE_NAME,
    MAX_AGE_S,
    is_valid_session,
    new_session,
    token_matches,
)
from bot.troubleshooting import NOTES
from bot.walkthrough import STEPS
from channels.http import client_address
from web.chat import BAD_SESSION_ID, PAGES_DIR, session_id_of

CONSOLE_PATH = "/staff"
NO_STORE = {"Cache-Control": "no-store"}
WRONG_TOKEN = "That staff token is not right. Please check it and try again."
WRONG_TRIES = 10
RETRY_AFTER_S = 30
TOO_MANY_TRIES = (
    "Too many wrong staff tokens were tried from this computer. "
    f"Please wait {RETRY_AFTER_S} seconds, then try again."
)


def staff_token_refusal(request: Request, supplied: str) -> str | None:
    """None when `supplied` is the staff token; else why not (wrong, or too many wrong tries).

    While an address has had too many wrong tries, even the right token is refused, so that
    guessing learns nothing.
    """
    wrong_tries: RateLimiter = request.app.ctx.wrong_staff_tokens
    address = client_address(request) or ""
    if wrong_tries.exhausted(address):
        return TOO_MANY_TRIES
    if token_matches(supplied, request.app.ctx.staff_token):
        return None
    if supplied.strip():
        wrong_tries.allow(address)
    return WRONG_TOKEN


def _page(title: str, main: str, **fields: str) -> str:
    """The console's page shell (web/pages/staff_page.html) around the template `main`, filled in."""

    def template(name: str) -> Template:
        return Template((PAGES_DIR / name).read_text(encoding="utf-8"))

    body = template(main).substitute(**fields)
    return template("staff_page.html").substitute(title=title, main=body)


def script_html() -> str:
    """The registration script as list items: what to tell the caller, what PACER shows."""
    return "\n".join(
        f'<li id="step-{number}"><h3>Step {number}: {escape(step.title)}</h3>'
        f'<p><span class="label">Tell the caller:</span> {escape(step.do)}</p>'
        f'<p><span class="label">On the PACER screen:</span> {escape(step.screen)}</p></li>'
        for number, step in enumerate(STEPS, start=1)
    )


def troubleshooting_html() -> str:
    """One section per troubleshooting note: how the problem shows, then the steps."""
    return "\n".join(
        f'<section class="note" aria-labelledby="note-{number}">'
        f'<h3 id="note-{number}">{escape(note.title)}</h3>'
        f'<p class="symptom">{escape(note.symptom)}</p><ol>'
        + "".join(f"<li>{escape(step)}</li>" for step in note.steps)
        + "</ol></section>"
        for number, note in enumerate(NOTES, start=1)
    )


def is_signed_in(request: Request) -> bool:
    """Whether the request carries a valid, unexpired staff console cookie."""
    return is_valid_session(
        request.app.ctx.staff_token, request.cookies.get(COOKIE_NAME), time.time()
    )


def _sign_in_page(message: str = "", status: int = 401) -> HTTPResponse:
    alert = f'<p class="alert" role="alert">{escape(message)}</p>' if message else ""
    page = _page("Sign in", "staff_sign_in.html", message=alert)
    return html(page, status=status, headers=NO_STORE)


async def console(request: Request) -> HTTPResponse:
    """The console when signed in; otherwise the sign-in form, with status 401."""
    if not is_signed_in(request):
        return _sign_in_page()
    page = _page(
        "Staff console",
        "staff_console.html",
        script=script_html(),
        troubleshooting=troubleshooting_html(),
    )
    return html(page, headers=NO_STORE)


async def sign_in(request: Request) -> HTTPResponse:
    """Checks the posted staff token; sets the console cookie and goes back to the console."""
    supplied = request.form.get("token", "") if request.form else ""
    refusal = staff_token_refusal(request, supplied)
    if refusal is not None:
        return _sign_in_page(refusal, status=429 if refusal == TOO_MANY_TRIES else 401)
    staff_token: str = request.app.ctx.staff_token
    response = redirect(CONSOLE_PATH, status=303)
    response.cookies[COOKIE_NAME] = new_session(staff_token, time.time())
    cookie = response.cookies[COOKIE_NAME]
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["max-age"] = MAX_AGE_S
    cookie["path"] = "/"
    cookie["secure"] = request.scheme == "https"
    return response


async def sign_out(request: Request) -> HTTPResponse:
    """Forgets the console cookie."""
    response = redirect(CONSOLE_PATH, status=303)
    del response.cookies[COOKIE_NAME]
    return response


async def proof(request: Request) -> HTTPResponse:
    """The staff-mode proof for the console chat's session id (signed-in staff only)."""
    if not is_signed_in(request):
        return json({"error": "Sign in to the staff console first."}, status=401)
    session_id = session_id_of(request)
    if session_id is None:
        return json({"error": BAD_SESSION_ID}, status=400)
    return json(
        {"staff_proof": staff_proof(request.app.ctx.staff_token, session_id)}, headers=NO_STORE
    )


def add_staff_console(app: Sanic) -> None:
    """Adds the console's pages and its proof endpoint to `app` (needs `app.ctx.staff_token`)."""
    app.ctx.wrong_staff_tokens = RateLimiter(per_second=1 / RETRY_AFTER_S, burst=WRONG_TRIES)
    app.add_route(console, CONSOLE_PATH, methods=["GET"])
    app.add_route(sign_in, f"{CONSOLE_PATH}/sign-in", methods=["POST"])
    app.add_route(sign_out, f"{CONSOLE_PATH}/sign-out", methods=["POST"])
    app.add_route(proof, f"{CONSOLE_PATH}/proof", methods=["GET"])
