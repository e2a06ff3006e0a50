"""Every setting of the assistant's processes, in one place, read from the environment once.

`VARIABLES` lists each environment variable with its default and what it does; `.env.example`
is made from it (`python -m settings > .env.example`, a test checks they agree). Our own code
reads settings only through `current()`, which reads the environment the first time it is
called: each process's `main()` calls it at start, so no request handler reads the
environment. Variables marked "read by Rasa" or "read by Sanic" are listed for the operator;
our code does not read them.
"""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from urllib.parse import urlsplit

from bot.sticky import servers_from_env
from bot.submission_store import DEFAULT_DB_URL, store_url_from_env
from bot.tracker_store_url import TrackerStoreError, tracker_store_url

IPNetwork = IPv4Network | IPv6Network


@dataclass(frozen=True)
class Variable:
    """One environment variable: its name, its default ("" for none) and what it does."""

    name: str
    default: str
    help: str


VARIABLES: tuple[Variable, ...] = (
    Variable("STAFF_TOKEN", "", "Secret that help-line staff sign in with (web app; checks the "
             "staff console's staff-mode proofs in the action server). Required; `make run` "
             "makes one up when unset."),
    Variable("DASHBOARD_TOKEN", "", "Secret that opens the court's dashboard (/dashboard) of what "
             "filers struggle with; separate from STAFF_TOKEN. Empty: the dashboard is off."),
    Variable("DASHBOARD_TRACKER_DB_URL", "",
             "SQLAlchemy URL of the Rasa tracker store the dashboard reads. Empty: the SQL tracker "
             "store of RASA_ENDPOINTS, its URL made as Rasa makes it (with the TRACKER_DB_* values "
             "of endpoints.production.yml); set it only to read another copy (a read-only user)."),
    Variable("SUBMISSIONS_DB_URL", DEFAULT_DB_URL,
             "SQLAlchemy URL of the submissions store (PostgreSQL in production)."),
    Variable("RETENTION_DAYS", "30", "Days a submission and a conversation are kept: "
             "`make purge` (run daily by deploy/systemd/mad-efile-purge.timer) deletes older ones."),
    Variable("HELP_CODE_HOURS", "4", "Hours a help code works: the code a filer who asks for a "
             "person reads to the Clerk's Office so staff can find the chat. `make purge` "
             "deletes expired codes."),
    Variable("WEB_HOST", "127.0.0.1", "Address the web app listens on."),
    Variable("WEB_PORT", "8080", "Port of the web app."),
    Variable("RASA_PUBLIC_URLS", "http://localhost:5005",
             "Public URLs of the Rasa servers the web chat connects to, space- or comma-separated: "
             "one host or port per server, no path (the socket.io client would read a path as a "
             "namespace)."),
    Variable("RASA_API_URLS", "", "URLs by which the web app reaches the HTTP API of the same "
             "Rasa servers (the staff console's hand-off), in the order of RASA_PUBLIC_URLS; "
             "empty: RASA_PUBLIC_URLS."),
    Variable("ACTION_SERVER_TOKEN", "", "Secret shared by the Rasa server and the action server. "
             "Required; `make run` makes one up when unset."),
    Variable("ACTION_HOST", "127.0.0.1", "Address the action server listens on."),
    Variable("ACTION_PORT", "5055", "Port of the action server."),
    Variable("ACTION_SERVER_SANIC_WORKERS", "1", "Processes of the action server."),
    Variable("CHAT_REPLY_TIMEOUT_S", "20", "Seconds a chat turn may take before the filer is told "
             "to try again (nothing of that turn is kept)."),
    Variable("CHAT_RATE_PER_SENDER", "2/15",
             "Chat messages per conversation: refill per second / burst."),
    Variable("CHAT_RATE_PER_ADDRESS", "5/40",
             "Chat messages per client address: refill per second / burst."),
    Variable("CHAT_SESSION_RATE_PER_ADDRESS", "0.2/20",
             "Web chat sessions opened (socket.io `session_request`) per client address: "
             "refill per second / burst."),
    Variable("CHAT_SOCKET_MAX_BYTES", "32768", "Largest socket.io message or WebSocket frame a "
             "Rasa server reads, in bytes (Sanic's WEBSOCKET_MAX_SIZE; its own default is 1 MiB)."),
    Variable("CHAT_RATE_REDIS_URL", "", "Redis URL where all Rasa servers count the chat rate "
             "limits together; empty: each server counts alone."),
    Variable("RASA_PORT", "5005", "Port of the (first) Rasa server under `make run`."),
    Variable("RASA_EXTRA_PORTS", "", "Ports of more Rasa servers (scale-out profile), space-separated."),
    Variable("RASA_ENDPOINTS", "endpoints.yml",
             "Endpoints file of the Rasa servers (endpoints.production.yml for scale-out)."),
    Variable("LOG_DIR", "var/log", "Folder of the servers' log files under `make run`."),
    Variable("RUN_SECRETS_FILE", "var/run-secrets.env", "Where `make run` writes the secrets it "
             "made up for a run (readable by its owner only); it prints this path, never a secret."),
    Variable("RASA_AUTH_TOKEN", "", "Token of the Rasa HTTP API; `make run` makes one up when unset."),
    Variable("RASA_JWT_SECRET", "", "Secret of JWTs accepted by the Rasa HTTP API; empty: none."),
    Variable("CORS_ORIGINS", "http://localhost:8080",
             "Origins allowed to call the Rasa servers from a browser, space-separated."),
    Variable("ACTION_ENDPOINT_URL", "http://127.0.0.1:5055/webhook",
             "Read by Rasa (endpoints*.yml): where the action server is. Set by `make run`."),
    Variable("SANIC_REQUEST_MAX_SIZE", "16384",
             "Read by Sanic: largest request body of a Rasa server. Set by `make run`."),
    Variable("TRUSTED_PROXIES", "", "Addresses or networks (CIDR) of the reverse proxies whose "
             "X-Forwarded-For is believed (Rasa servers and web app), space-separated; empty: none, "
             "the client address is the peer's."),
    Variable("TRACKER_DB_HOST", "", "Read by Rasa (endpoints.production.yml): PostgreSQL host; "
             "TRACKER_DB_PORT, TRACKER_DB_NAME, TRACKER_DB_USER, TRACKER_DB_PASSWORD likewise."),
    Variable("LOCK_STORE_HOST", "", "Read by Rasa (endpoints.production.yml): Redis host; "
             "LOCK_STORE_PORT, LOCK_STORE_DB, LOCK_STORE_PASSWORD likewise."),
    Variable("RASA_TELEMETRY_ENABLED", "false", "Read by Rasa: keep it false."),
)

DEFAULTS: Mapping[str, str] = {variable.name: variable.default for variable in VARIABLES}


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message names it and says why."""


def _whole_number(env: Mapping[str, str], name: str, low: int, high: int) -> int:
    text = env.get(name) or DEFAULTS[name]
    if not text.isdigit() or not low <= int(text) <= high:
        raise SettingsError(f"{name} must be a whole number from {low} to {high}, not {text!r}.")
    return int(text)


def _above_zero(env: Mapping[str, str], name: str, unit: str) -> float:
    text = env.get(name) or DEFAULTS[name]
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value > 0:
        raise SettingsError(f"{name} must be a number of {unit} above 0, not {text!r}.")
    return value


def _rate(env: Mapping[str, str], name: str) -> tuple[float, int]:
    text = env.get(name) or DEFAULTS[name]
    per_second, _, burst = text.partition("/")
    try:
        rate = (float(per_second), int(burst))
    except ValueError:
        raise SettingsError(f"{name} must be 'per_second/burst' like 2/15, not {text!r}.") from None
    return rate


def _words(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    return tuple((env.get(name) or DEFAULTS[name]).replace(",", " ").split())


def _port(env: Mapping[str, str], name: str) -> int:
    return _whole_number(env, name, 1, 65535)


def _networks(env: Mapping[str, str], name: str) -> tuple[IPNetwork, ...]:
    try:
        return tuple(ip_network(word, strict=False) for word in _words(env, name))
    except ValueError:
        raise SettingsError(
            f"{name} must be IP addresses or networks like 10.0.0.5 or 10.0.0.0/24, "
            f"not {env.get(name)!r}."
        ) from None


def _api_urls(env: Mapping[str, str], public_urls: tuple[str, ...]) -> tuple[str, ...]:
    urls = _words(env, "RASA_API_URLS")
    if not urls:
        return public_urls
    if len(urls) != len(public_urls):
        raise SettingsError(
            f"RASA_API_URLS must list as many servers as RASA_PUBLIC_URLS ({len(public_urls)}), "
            f"in the same order, not {len(urls)}."
        )
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
            raise SettingsError(f"RASA_API_URLS must be http(s) URLs, not {url!r}.")
    return tuple(url.rstrip("/") for url in urls)


def _public_urls(env: Mapping[str, str]) -> tuple[str, ...]:
    urls = tuple(servers_from_env(env.get("RASA_PUBLIC_URLS"), DEFAULTS["RASA_PUBLIC_URLS"]))
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path or parts.query:
            raise SettingsError(
                f"RASA_PUBLIC_URLS must be http(s)://host[:port] with no path, one host or port "
                f"per Rasa server, not {url!r} (the web chat's socket.io client would read a "
                "path as a namespace)."
            )
    return urls


def _dashboard_tracker_url(env: Mapping[str, str], text: Mapping[str, str]) -> str:
    """DASHBOARD_TRACKER_DB_URL; unset, the Rasa servers' SQL tracker store (RASA_ENDPOINTS),
    read only when the dashboard is on (DASHBOARD_TOKEN set): else empty."""
    if text["DASHBOARD_TRACKER_DB_URL"] or not text["DASHBOARD_TOKEN"]:
        return text["DASHBOARD_TRACKER_DB_URL"]
    endpoints = text["RASA_ENDPOINTS"]
    try:
        url = tracker_store_url(Path(endpoints), env)
    except TrackerStoreError as problem:
        raise SettingsError(
            f"DASHBOARD_TRACKER_DB_URL is not set and the tracker store of RASA_ENDPOINTS "
            f"({endpoints}) cannot be used: {problem}"
        ) from None
    if url is None:
        raise SettingsError(
            f"DASHBOARD_TRACKER_DB_URL is not set and RASA_ENDPOINTS ({endpoints}) keeps "
            "conversations in memory only, so the dashboard has nothing to read."
        )
    return url


@dataclass(frozen=True)
class Settings:
    """The settings our code reads, typed and checked."""

    staff_token: str
    dashboard_token: str
    dashboard_tracker_db_url: str
    submissions_db_url: str
    retention_days: int
    help_code_hours: float
    web_host: str
    web_port: int
    rasa_public_urls: tuple[str, ...]
    rasa_api_urls: tuple[str, ...]
    action_server_token: str
    action_host: str
    action_port: int
    action_workers: int
    chat_reply_timeout_s: float
    chat_rate_per_sender: tuple[float, int]
    chat_rate_per_address: tuple[float, int]
    chat_rate_redis_url: str
    rasa_port: int
    rasa_extra_ports: tuple[int, ...]
    rasa_endpoints: str
    log_dir: str
    run_secrets_file: str
    rasa_auth_token: str
    rasa_jwt_secret: str
    cors_origins: tuple[str, ...]
    chat_session_rate_per_address: tuple[float, int]
    chat_socket_max_bytes: int
    trusted_proxies: tuple[IPNetwork, ...]

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """Reads and checks every setting; raises `SettingsError` naming a bad one."""
        text = {name: (env.get(name) or default).strip() for name, default in DEFAULTS.items()}
        extra_ports = _words(env, "RASA_EXTRA_PORTS")
        public_urls = _public_urls(env)
        if not all(port.isdigit() and 0 < int(port) < 65536 for port in extra_ports):
            raise SettingsError(f"RASA_EXTRA_PORTS must be port numbers, not {extra_ports!r}.")
        return cls(
            staff_token=text["STAFF_TOKEN"],
            dashboard_token=text["DASHBOARD_TOKEN"],
            dashboard_tracker_db_url=_dashboard_tracker_url(env, text),
            submissions_db_url=store_url_from_env(env),
            retention_days=_whole_number(env, "RETENTION_DAYS", 1, 3650),
            help_code_hours=_above_zero(env, "HELP_CODE_HOURS", "hours"),
            web_host=text["WEB_HOST"],
            web_port=_port(env, "WEB_PORT"),
            rasa_public_urls=public_urls,
            rasa_api_urls=_api_urls(env, public_urls),
            action_server_token=text["ACTION_SERVER_TOKEN"],
            action_host=text["ACTION_HOST"],
            action_port=_port(env, "ACTION_PORT"),
            action_workers=_whole_number(env, "ACTION_SERVER_SANIC_WORKERS", 1, 64),
            chat_reply_timeout_s=_above_zero(env, "CHAT_REPLY_TIMEOUT_S", "seconds"),
            chat_rate_per_sender=_rate(env, "CHAT_RATE_PER_SENDER"),
            chat_rate_per_address=_rate(env, "CHAT_RATE_PER_ADDRESS"),
            chat_rate_redis_url=text["CHAT_RATE_REDIS_URL"],
            rasa_port=_port(env, "RASA_PORT"),
            rasa_extra_ports=tuple(int(port) for port in extra_ports),
            rasa_endpoints=text["RASA_ENDPOINTS"],
            log_dir=text["LOG_DIR"],
            run_secrets_file=text["RUN_SECRETS_FILE"],
            rasa_auth_token=text["RASA_AUTH_TOKEN"],
            rasa_jwt_secret=text["RASA_JWT_SECRET"],
            cors_origins=_words(env, "CORS_ORIGINS"),
            chat_session_rate_per_address=_rate(env, "CHAT_SESSION_RATE_PER_ADDRESS"),
            chat_socket_max_bytes=_whole_number(env, "CHAT_SOCKET_MAX_BYTES", 4096, 1 << 20),
            trusted_proxies=_networks(env, "TRUSTED_PROXIES"),
        )


@lru_cache(maxsize=1)
def current() -> Settings:
    """This process's settings, read from the environment on the first call (at start)."""
    return Settings.from_env(os.environ)


def current_or_exit() -> Settings:
    """`current()` for a process's `main()`: a bad setting ends the process with its message."""
    try:
        return current()
    except SettingsError as problem:
        sys.exit(str(problem))


def made_up_secret() -> str:
    """A random secret for a setting left unset where `make run` may make one up."""
    return secrets.token_urlsafe(24)


def env_example() -> str:
    """The text of `.env.example`: every variable, commented, with its default."""
    lines = [
        "# Every environment variable of the assistant, with its default (`python -m settings`",
        "# writes this file from settings.VARIABLES). Secrets left empty are required in",
        "# production; `make run` makes them up for one run.",
    ]
    for variable in VARIABLES:
        lines += ["", f"# {variable.help}", f"{variable.name}={variable.default}"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(env_example(), end="")
