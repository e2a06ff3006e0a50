"""The assistant behind a real TLS-terminating nginx (deploy/nginx/mad-efile.conf, issue 11).

Over HTTPS through the proxy: a filer gets an answer over a socket.io WebSocket; only the web app
and the socket.io chat are published (Rasa's HTTP API and REST channel get the proxy's 404); the
servers listen on loopback only; X-Forwarded-For is believed only from the proxy, so a visitor's
own header does not choose the address its limits count; the staff cookie is `__Host-` and
`Secure`, HSTS is set once, and signing out ends the session and its staff-mode proof.
"""

from __future__ import annotations

import socket
import urllib.parse
from http.client import HTTPConnection

import psutil
import pytest
import yaml
from nginx_proxy import SESSION_BURST, Answer, Proxy, SocketChat

from bot.chat_guard import TOO_FAST
from bot.staff_session import COOKIE_NAME, FREE_TRIES
from ops.local_stack import http
from ops.stack import ROOT, Stack

HSTS = "max-age=31536000"
NGINX_404 = b"<center>nginx</center>"
COURT_QUESTION = "which court do I pick on PACER?"


def court_answers() -> tuple[str, str]:
    """The filer's and the staff's answer to COURT_QUESTION, as domain.yml words them."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    variations = domain["responses"]["utter_ask_court_selection"]
    staff = [v["text"] for v in variations if v.get("condition")]
    filer = [v["text"] for v in variations if not v.get("condition")]
    assert len(staff) == len(filer) == 1
    return filer[0], staff[0]


def is_the_proxys_404(answer: Answer) -> bool:
    from_nginx = NGINX_404 in answer.body and answer.header("Server") == ["nginx"]
    return answer.status == 404 and from_nginx


def staff_cookie(answer: Answer) -> str:
    """`name=value` of the staff session cookie that `answer` sets."""
    return answer.header("Set-Cookie")[0].split(";")[0]


def sign_in(proxy: Proxy, token: str, source: str, **headers: str) -> Answer:
    body = urllib.parse.urlencode({"token": token}).encode()
    form = {"Content-Type": "application/x-www-form-urlencoded", **headers}
    return proxy.request("POST", "/staff/sign-in", body, form, source=source)


async def test_a_filer_gets_an_answer_over_a_websocket_through_the_proxy(proxy):
    config = proxy.request("GET", "/chat/config?session_id=abcdef0123456789", source="127.0.0.11")
    assert (config.status, config.json()) == (200, {"socket_url": proxy.origin})
    filer_answer, _ = court_answers()
    async with SocketChat(proxy, source="127.0.0.11") as chat:
        assert await chat.open_session() == ("session_confirm", chat.session_id)
        assert await chat.say(COURT_QUESTION) == [filer_answer]
    upgrade = proxy.access_log_line("127.0.0.11", '"GET /socket.io/?EIO=4&transport=websocket ')
    assert '" 101 ' in upgrade, upgrade  # switched to a WebSocket at the proxy, not polling


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/status"),
        ("GET", "/version"),
        ("GET", "/domain"),
        ("PUT", "/model"),
        ("DELETE", "/model"),
        ("POST", "/model/parse"),
        ("POST", "/model/test/intents"),
        ("GET", "/conversations/someone-123/tracker"),
        ("POST", "/conversations/someone-123/messages"),
        ("POST", "/webhooks/rest/webhook"),
        ("GET", "/webhooks/rest/"),
        ("GET", "/webhooks/socketio/"),
        ("GET", "/health"),
        ("GET", "/chat/%2e%2e/status"),  # /status once normalized
        ("GET", "/staff/../version"),
    ],
)
def test_rasas_http_api_and_other_paths_get_the_proxys_404(proxy, stack, method, path):
    token = urllib.parse.quote(stack.config.rasa_auth_token)
    answer = proxy.request(method, f"{path}?token={token}", b"{}", source="127.0.0.12")
    assert is_the_proxys_404(answer), (answer.status, answer.body[:200])
    assert answer.header("Strict-Transport-Security") == [HSTS]


def test_the_api_is_there_on_loopback_so_the_404_is_the_proxys_doing(stack):
    token = urllib.parse.quote(stack.config.rasa_auth_token)
    reply = http("GET", f"http://127.0.0.1:{stack.config.rasa_port}/status?token={token}")
    assert reply.status == 200


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        ("/chat/embed.js", 200),
        ("/chat/languages", 200),
        ("/vendor/socket.io.min.js", 200),
        ("/static/chat.js", 200),
        ("/staff", 401),  # the web app's sign-in form
        ("/api/submissions/MAD-NOPE", 401),
    ],
)
def test_the_web_app_is_published_over_https(proxy, path, status):
    answer = proxy.request("GET", path, source="127.0.0.13")
    assert answer.status == status
    assert NGINX_404 not in answer.body
    assert answer.header("Strict-Transport-Security") == [HSTS]  # the web app's, once


def test_ipv6_visitors_reach_it_too(proxy):
    if not proxy.ipv6:
        pytest.skip("IPv6 loopback does not work on this machine")
    assert proxy.request("GET", "/chat/languages", source="::1").status == 200


def test_plain_http_is_redirected_to_https(proxy):
    connection = HTTPConnection("127.0.0.1", proxy.http_port, timeout=10)
    try:
        connection.request("GET", "/staff?x=1", headers={"Host": "localhost"})
        reply = connection.getresponse()
        assert (reply.status, reply.getheader("Location")) == (301, f"{proxy.origin}/staff?x=1")
    finally:
        connection.close()


def test_large_bodies_are_refused_at_the_proxy(proxy):
    body = b'{"response": "utter_greet", "rating": "up", "pad": "' + b"x" * 20_000 + b'"}'
    answer = proxy.request("POST", "/chat/rating", body, {"Content-Type": "application/json"})
    assert answer.status == 413


def _listening_addresses(port: int) -> set[str]:
    return {
        c.laddr.ip
        for c in psutil.net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN and c.laddr.port == port
    }


def _outside_addresses() -> list[tuple[socket.AddressFamily, str]]:
    """This machine's addresses that are not loopback (nor IPv6 link-local)."""
    found = []
    for addresses in psutil.net_if_addrs().values():
        for address in addresses:
            ip = address.address.split("%")[0]
            if address.family == socket.AF_INET and not ip.startswith("127."):
                found.append((socket.AF_INET, ip))
            elif address.family == socket.AF_INET6 and ip != "::1" and not ip.startswith("fe80"):
                found.append((socket.AF_INET6, ip))
    return found


def test_the_servers_listen_on_loopback_only(stack: Stack):
    config = stack.config
    for port in (config.rasa_port, config.web_port, config.action_port):
        assert _listening_addresses(port) == {"127.0.0.1"}, port
        for family, ip in _outside_addresses():
            with socket.socket(family) as sock, pytest.raises(ConnectionRefusedError):
                sock.settimeout(5)
                sock.connect((ip, port))


def test_a_visitors_own_forwarded_for_does_not_choose_its_staff_sign_in_count(proxy, stack):
    """Wrong tokens from one visitor, each with another made-up X-Forwarded-For, are counted
    together (the proxy's header names the visitor); another visitor is not locked out."""
    for attempt in range(FREE_TRIES):
        spoofed = {"X-Forwarded-For": f"198.51.100.{attempt + 1}"}
        assert sign_in(proxy, "wrong-token", "127.0.0.21", **spoofed).status == 401
    spoofed = {"X-Forwarded-For": "203.0.113.9"}
    assert sign_in(proxy, stack.config.staff_token, "127.0.0.21", **spoofed).status == 429
    assert sign_in(proxy, stack.config.staff_token, "127.0.0.22").status == 303
    # Straight to the web app (not through the proxy), a forwarded header is not believed.
    direct = HTTPConnection("127.0.0.1", stack.config.web_port, source_address=("127.0.0.21", 0))
    try:
        body = urllib.parse.urlencode({"token": stack.config.staff_token})
        headers = {"Content-Type": "application/x-www-form-urlencoded", **spoofed}
        direct.request("POST", "/staff/sign-in", body, headers)
        assert direct.getresponse().status == 429
    finally:
        direct.close()


async def test_a_visitors_own_forwarded_for_does_not_choose_its_chat_session_count(proxy):
    """Web chat sessions are limited per visitor address (CHAT_SESSION_RATE_PER_ADDRESS), and a
    made-up X-Forwarded-For on the WebSocket does not escape the limit."""
    for attempt in range(SESSION_BURST + 1):
        spoofed = {"X-Forwarded-For": f"198.51.100.{attempt + 1}"}
        async with SocketChat(proxy, source="127.0.0.31", **spoofed) as chat:
            name, data = await chat.open_session()
        if attempt < SESSION_BURST:
            assert (name, data) == ("session_confirm", chat.session_id)
        else:
            assert (name, data) == ("bot_uttered", {"text": TOO_FAST})
    async with SocketChat(proxy, source="127.0.0.32") as chat:
        assert await chat.open_session() == ("session_confirm", chat.session_id)


async def test_staff_cookie_hsts_and_sign_out_through_the_proxy(proxy, stack):
    signed_in = sign_in(proxy, stack.config.staff_token, "127.0.0.41")
    assert signed_in.status == 303
    assert signed_in.header("Strict-Transport-Security") == [HSTS]
    [set_cookie] = signed_in.header("Set-Cookie")
    name_value, *attributes = (part.strip() for part in set_cookie.split(";"))
    assert name_value.startswith(f"{COOKIE_NAME}=") and COOKIE_NAME.startswith("__Host-")
    assert {a.lower() for a in attributes} >= {"secure", "httponly", "path=/", "samesite=strict"}
    assert not any(a.lower().startswith("domain") for a in attributes)
    cookie = {"Cookie": staff_cookie(signed_in)}
    assert proxy.request("GET", "/staff", headers=cookie, source="127.0.0.41").status == 200

    filer_answer, staff_answer = court_answers()
    async with SocketChat(proxy, source="127.0.0.41") as chat:
        await chat.open_session()
        path = f"/staff/proof?session_id={chat.session_id}"
        proof = proxy.request("GET", path, headers=cookie, source="127.0.0.41").json()
        assert await chat.say(COURT_QUESTION, metadata=proof) == [staff_answer]

        signed_out = proxy.request("POST", "/staff/sign-out", headers=cookie, source="127.0.0.41")
        assert signed_out.status == 303
        # The old cookie is refused, and the proof it got no longer makes staff mode.
        assert proxy.request("GET", "/staff", headers=cookie, source="127.0.0.41").status == 401
        assert proxy.request("GET", path, headers=cookie, source="127.0.0.41").status == 401
        assert await chat.say(COURT_QUESTION, metadata=proof) == [filer_answer]
