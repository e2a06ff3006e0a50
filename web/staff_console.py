"""The help-line staff console at /staff, behind the staff token.

Staff sign in by typing the staff token into a form (POST /staff/sign-in); the web app then
starts a server-side session and sets its id in an HttpOnly, SameSite=Strict, always Secure
`__Host-` cookie (`bot.staff_session`), never the token itself. Signing out ends the session on
the server, so a kept copy of the cookie no longer works. Signed in, /staff shows the
registration script (`bot.walkthrough.STEPS`), the troubleshooting notes
(`bot.troubleshooting`), the assistant in staff mode and the submission look-up. The console's
chat gets its staff-mode proof from /staff/proof (`bot.staff_mode`), good until the session
signs out or expires. Without a session, /staff answers 401 with the sign-in form. Wrong staff
tokens (the form or the look-up API) are counted per client network, with a doubling wait after
`FREE_TRIES` (`bot.staff_session`).
"""

from __future__ import annotations

import asyncio
import math
from html import escape

from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, html, json, redirect

import settings
from bot.staff_mode import StaffProofs
from bot.staff_session import COOKIE_NAME, MAX_AGE_S, StaffSessions, WrongTokenBackOff
from bot.troubleshooting import NOTES
from bot.walkthrough import STEPS
from web.chat import BAD_SESSION_ID, session_id_of
from web.pages import NO_STORE, Site, sign_in_page, site_page
from web.token_gate import Refusal, token_refusal

CONSOLE_PATH = "/staff"
CONSOLE = Site(
    "Help-line staff console",
    "Pro se e-filing registration, U.S. District Court, District of Massachusetts",
    "chat.css",
)
WRONG_TOKEN = "That staff token is not right. Please check it and try again."


def too_many_tries(wait_s: float) -> str:
    """What staff are told while their network must wait before trying a token again."""
    wait = f"{math.ceil(wait_s)} seconds" if wait_s < 120 else f"{math.ceil(wait_s / 60)} minutes"
    return (
        "Too many wrong staff tokens were tried from this computer. "
        f"Please wait {wait}, then try again."
    )


def staff_token_refusal(request: Request, supplied: str) -> Refusal | None:
    """None when `supplied` is the staff token; else why not (401 wrong, 429 too many wrong)."""
    return token_refusal(
        request,
        supplied,
        request.app.ctx.staff_token,
        request.app.ctx.wrong_staff_tokens,
        WRONG_TOKEN,
        too_many_tries,
    )


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


def _sessions(request: Request) -> StaffSessions:
    return request.app.ctx.staff_sessions


def staff_proofs(app: Sanic) -> StaffProofs:
    """The staff-mode proofs in force (in SUBMISSIONS_DB_URL's database), opened on first use."""
    if getattr(app.ctx, "staff_proofs", None) is None:
        app.ctx.staff_proofs = StaffProofs(settings.current().submissions_db_url)
    return app.ctx.staff_proofs


def is_signed_in(request: Request) -> bool:
    """Whether the request carries the cookie of a staff session that has not ended."""
    return _sessions(request).is_valid(request.cookies.get(COOKIE_NAME))


def _sign_in_page(message: str = "", status: int = 401) -> HTTPResponse:
    return sign_in_page(CONSOLE, "staff_sign_in.html", message, status)


async def console(request: Request) -> HTTPResponse:
    """The console when signed in; otherwise the sign-in form, with status 401."""
    if not is_signed_in(request):
        return _sign_in_page()
    page = site_page(
        CONSOLE,
        "Staff console",
        "staff_console.html",
        script=script_html(),
        troubleshooting=troubleshooting_html(),
    )
    return html(page, headers=NO_STORE)


def set_session_cookie(
    response: HTTPResponse, value: str, max_age: int, name: str = COOKIE_NAME
) -> None:
    """A session cookie (the console's by default): HttpOnly, SameSite=Strict, and always Secure
    with Path=/ and no Domain, as its `__Host-` prefix requires (the web app runs behind an
    HTTPS proxy)."""
    response.cookies[name] = value
    cookie = response.cookies[name]
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["secure"] = True
    cookie["path"] = "/"
    cookie["max-age"] = max_age


async def sign_in(request: Request) -> HTTPResponse:
    """Checks the posted staff token; starts a session and goes back to the console."""
    supplied = request.form.get("token", "") if request.form else ""
    refusal = staff_token_refusal(request, supplied)
    if refusal is not None:
        return _sign_in_page(refusal.message, status=refusal.status)
    response = redirect(CONSOLE_PATH, status=303)
    set_session_cookie(response, _sessions(request).start(), MAX_AGE_S)
    return response


async def sign_out(request: Request) -> HTTPResponse:
    """Ends the session and its staff-mode proofs on the server and tells the browser to forget
    its cookie."""
    cookie = request.cookies.get(COOKIE_NAME)
    _sessions(request).end(cookie)
    if cookie:
        await asyncio.to_thread(staff_proofs(request.app).revoke, cookie)
    response = redirect(CONSOLE_PATH, status=303)
    set_session_cookie(response, "", 0)
    return response


async def proof(request: Request) -> HTTPResponse:
    """A staff-mode proof for the console chat's session id (signed-in staff only), good until
    this staff session signs out or expires."""
    cookie = request.cookies.get(COOKIE_NAME)
    expires_at = _sessions(request).expires_at(cookie)
    if cookie is None or expires_at is None:
        return json({"error": "Sign in to the staff console first."}, status=401)
    session_id = session_id_of(request)
    if session_id is None:
        return json({"error": BAD_SESSION_ID}, status=400)
    issue = staff_proofs(request.app).issue
    proof_value = await asyncio.to_thread(issue, cookie, session_id, expires_at)
    return json({"staff_proof": proof_value}, headers=NO_STORE)


def add_staff_console(app: Sanic) -> None:
    """Adds the console's pages and its proof endpoint to `app` (needs `app.ctx.staff_token`)."""
    app.ctx.wrong_staff_tokens = WrongTokenBackOff()
    app.ctx.staff_sessions = StaffSessions()
    app.add_route(console, CONSOLE_PATH, methods=["GET"])
    app.add_route(sign_in, f"{CONSOLE_PATH}/sign-in", methods=["POST"])
    app.add_route(sign_out, f"{CONSOLE_PATH}/sign-out", methods=["POST"])
    app.add_route(proof, f"{CONSOLE_PATH}/proof", methods=["GET"])
