"""Tests for web/staff_console.py: sign-in, the cookie, the console, the proof and the look-up."""

from __future__ import annotations

import secrets

import pytest
from sample_registration import REFERENCE, sample_payload
from served import STAFF_TOKEN

from bot.payload import payload_json
from bot.staff_session import COOKIE_NAME, FREE_TRIES, MAX_AGE_S
from bot.troubleshooting import NOTES
from bot.walkthrough import STEPS
from web import token_gate
from web.staff_console import script_html, too_many_tries, troubleshooting_html

SESSION = "staff0123456789abcdef"
# Every test runs with its own staff-mode proofs table (the `proofs` fixture of conftest.py).
pytestmark = pytest.mark.usefixtures("proofs")


async def proof_for(client, headers: dict[str, str], session_id: str = SESSION) -> str:
    async with client.get(f"/staff/proof?session_id={session_id}", headers=headers) as response:
        assert response.status == 200
        return (await response.json())["staff_proof"]


async def sign_in(client, token: str):
    """Posts the sign-in form; returns the response (redirects are not followed)."""
    return await client.post("/staff/sign-in", data={"token": token}, allow_redirects=False)


def cookie_header(value: str) -> dict[str, str]:
    return {"Cookie": f"{COOKIE_NAME}={value}"}


async def signed_in_headers(client) -> dict[str, str]:
    async with await sign_in(client, STAFF_TOKEN) as response:
        return cookie_header(response.cookies[COOKIE_NAME].value)


async def test_console_without_sign_in_is_refused_with_the_sign_in_form(client):
    async with client.get("/staff") as response:
        assert response.status == 401
        page = await response.text()
    assert 'action="/staff/sign-in"' in page and 'type="password"' in page
    assert page.count("<main") == page.count("<h1>") == 1
    assert STEPS[0].title not in page and "lookup-form" not in page


async def test_right_token_sets_a_strict_httponly_secure_host_cookie_without_the_token(client):
    async with await sign_in(client, f"  {STAFF_TOKEN} ") as response:
        assert response.status == 303
        assert response.headers["Location"] == "/staff"
        cookie = response.cookies[COOKIE_NAME]
        set_cookie = response.headers["Set-Cookie"]
    # Secure even though this request came over plain HTTP: in production the proxy speaks
    # HTTPS to the browser. The __Host- prefix needs Secure, Path=/ and no Domain.
    assert COOKIE_NAME == "__Host-mad_staff_session"
    assert cookie["secure"] is True
    assert "Domain" not in set_cookie and "; Secure" in set_cookie
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"
    assert cookie["path"] == "/"
    assert int(cookie["max-age"]) == MAX_AGE_S
    assert STAFF_TOKEN not in cookie.value
    assert STAFF_TOKEN not in response.headers["Location"]


@pytest.mark.parametrize("token", ["", "wrong", STAFF_TOKEN + "x", STAFF_TOKEN[:-1]])
async def test_wrong_token_is_refused_and_sets_no_cookie(client, token):
    async with await sign_in(client, token) as response:
        assert response.status == 401
        assert COOKIE_NAME not in response.cookies
        assert "not right" in await response.text()


async def test_too_many_wrong_tokens_lock_the_address_even_for_the_right_token(client):
    headers = await signed_in_headers(client)  # signed in before the guessing starts
    for _ in range(3):
        async with await sign_in(client, "") as response:  # an empty form is no guess
            assert response.status == 401
    for _ in range(FREE_TRIES):
        async with await sign_in(client, "guess") as response:
            assert response.status == 401
    for token in ("guess", STAFF_TOKEN):
        async with await sign_in(client, token) as response:
            assert response.status == 429
            assert COOKIE_NAME not in response.cookies
            assert too_many_tries(30) in await response.text()
    bearer = {"Authorization": f"Bearer {STAFF_TOKEN}"}
    async with client.get(f"/api/submissions/{REFERENCE}", headers=bearer) as response:
        assert response.status == 429
        assert "wait" in (await response.json())["error"]
    async with client.get(f"/api/submissions/{REFERENCE}", headers=headers) as response:
        assert response.status == 200  # staff already signed in keep working


async def test_wrong_bearer_tokens_count_as_wrong_tries(client):
    for _ in range(FREE_TRIES):
        async with client.get(
            f"/api/submissions/{REFERENCE}", headers={"Authorization": "Bearer guess"}
        ) as response:
            assert response.status == 401
    async with await sign_in(client, STAFF_TOKEN) as response:
        assert response.status == 429


async def test_signed_in_console_shows_the_script_and_troubleshooting(client):
    headers = await signed_in_headers(client)
    async with client.get("/staff", headers=headers) as response:
        assert response.status == 200
        assert response.headers["Cache-Control"] == "no-store"
        page = await response.text()
    assert script_html() in page and troubleshooting_html() in page
    assert 'id="lookup-form"' in page and 'id="staff-chat"' in page
    assert '<script src="/static/staff.js"></script>' in page
    assert "$script" not in page and "$troubleshooting" not in page
    assert page.count("<main") == page.count('id="staff-chat"') == 1


@pytest.mark.parametrize("value", ["", "garbage", secrets.token_urlsafe(32), STAFF_TOKEN])
async def test_forged_cookies_are_refused(client, value):
    headers = cookie_header(value)
    async with client.get("/staff", headers=headers) as response:
        assert response.status == 401
    async with client.get(f"/staff/proof?session_id={SESSION}", headers=headers) as response:
        assert response.status == 401
    async with client.get(f"/api/submissions/{REFERENCE}", headers=headers) as response:
        assert response.status == 401


async def test_sign_out_ends_the_session_on_the_server_too(client, proofs):
    headers = await signed_in_headers(client)
    other_staff = await signed_in_headers(client)
    proof, other_proof = await proof_for(client, headers), await proof_for(client, other_staff)
    assert proofs.is_valid(SESSION, proof)
    async with client.post("/staff/sign-out", headers=headers, allow_redirects=False) as response:
        assert response.status == 303
        cookie = response.cookies[COOKIE_NAME]
        assert (cookie.value, int(cookie["max-age"])) == ("", 0)
        assert (cookie["secure"], cookie["path"]) == (True, "/")  # else browsers ignore it
    # Someone who kept a copy of the cookie is signed out as well.
    async with client.get("/staff", headers=headers) as response:
        assert response.status == 401
    async with client.get(f"/api/submissions/{REFERENCE}", headers=headers) as response:
        assert response.status == 401
    async with client.get(f"/staff/proof?session_id={SESSION}", headers=headers) as response:
        assert response.status == 401
    async with client.get("/staff", headers=other_staff) as response:
        assert response.status == 200  # other staff stay signed in
    # The staff-mode proof the session got ends with it; other staff keep theirs.
    assert not proofs.is_valid(SESSION, proof)
    assert proofs.is_valid(SESSION, other_proof)


async def test_each_sign_in_gets_its_own_session(client):
    values = {(await signed_in_headers(client))["Cookie"] for _ in range(3)}
    assert len(values) == 3


async def test_every_answer_asks_browsers_to_keep_to_https(client):
    for path in ("/health", "/staff", f"/api/submissions/{REFERENCE}"):
        async with client.get(path) as response:
            assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


@pytest.fixture
def address_from_header(monkeypatch):
    """Requests say which client address they come from (as a trusted proxy would)."""
    monkeypatch.setattr(
        token_gate, "client_address", lambda request: request.headers["X-Test-Address"]
    )


async def sign_in_from(client, address: str, token: str) -> int:
    async with client.post(
        "/staff/sign-in", data={"token": token}, headers={"X-Test-Address": address},
        allow_redirects=False,
    ) as response:
        return response.status


async def test_one_guessing_network_does_not_lock_out_staff_elsewhere(client, address_from_header):
    attacker = "2001:db8:1:2::1"
    for _ in range(FREE_TRIES):
        assert await sign_in_from(client, attacker, "guess") == 401
    assert await sign_in_from(client, attacker, STAFF_TOKEN) == 429
    # The same /64 is the same client; any other network signs in as usual.
    assert await sign_in_from(client, "2001:db8:1:2:ffff::9", STAFF_TOKEN) == 429
    assert await sign_in_from(client, "2001:db8:1:3::1", STAFF_TOKEN) == 303
    assert await sign_in_from(client, "198.51.100.7", STAFF_TOKEN) == 303
    assert await sign_in_from(client, "::ffff:198.51.100.8", STAFF_TOKEN) == 303


async def test_proof_for_the_console_chat_session(client, proofs):
    headers = await signed_in_headers(client)
    async with client.get(f"/staff/proof?session_id={SESSION}", headers=headers) as response:
        assert response.status == 200
        proof = (await response.json())["staff_proof"]
        assert response.headers["Cache-Control"] == "no-store"
    assert proofs.is_valid(SESSION, proof)
    assert not proofs.is_valid("another0session", proof)
    async with client.get("/staff/proof?session_id=bad!", headers=headers) as response:
        assert response.status == 400


async def test_look_up_works_with_the_console_cookie(client):
    headers = await signed_in_headers(client)
    async with client.get(f"/api/submissions/{REFERENCE}", headers=headers) as response:
        assert response.status == 200
        assert await response.json() == payload_json(sample_payload())


def test_script_lists_every_step_with_what_to_say_and_the_screen():
    html = script_html()
    for number, step in enumerate(STEPS, start=1):
        assert f'<li id="step-{number}"><h3>Step {number}: {step.title}</h3>' in html
    assert html.count("Tell the caller:") == html.count("On the PACER screen:") == len(STEPS)


def test_html_is_escaped():
    assert "&quot;U.S. District Courts&quot;" in script_html()
    assert "&quot;An account may already exist&quot;" in troubleshooting_html()
    assert troubleshooting_html().count("<section") == len(NOTES)
