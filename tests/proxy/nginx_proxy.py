"""nginx with the shipped config (deploy/nginx/mad-efile.conf) in front of a running stack, and
clients that talk to it over TLS the way a browser does: HTTPS requests and the socket.io chat
over a WebSocket, each from a loopback address of the test's choosing (127.0.0.0/8 is all
loopback), so the proxy sees one visitor per address.

nginx runs as a child process (not a daemon) with its own prefix, pid, logs and temporary files
in a folder of the test; the certificate is a fresh self-signed one for localhost, 127.0.0.1 and
::1.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import shutil
import socket
import ssl
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import websockets

from ops.stack import ROOT

TEMPLATE = ROOT / "deploy" / "nginx" / "mad-efile.conf"
HOST_NAME = "localhost"
# Web chat sessions one visitor may open at once (its CHAT_SESSION_RATE_PER_ADDRESS burst).
SESSION_BURST = 3


def nginx_binary() -> str | None:
    """nginx on the PATH or in Debian's /usr/sbin, or None when it is not installed."""
    return shutil.which("nginx", path=f"{os.environ.get('PATH', '')}:/usr/sbin")


def ipv6_loopback_works() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as sock:
            sock.bind(("::1", 0))
        return True
    except OSError:
        return False


def free_port() -> int:
    """A port free on 127.0.0.1 and, when IPv6 works, on ::1."""
    for _ in range(50):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if not ipv6_loopback_works():
            return port
        try:
            with socket.socket(socket.AF_INET6) as sock:
                sock.bind(("::1", port))
            return port
        except OSError:
            continue
    raise RuntimeError("no port free on both 127.0.0.1 and ::1")


def make_certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate (and its key) for localhost, 127.0.0.1 and ::1."""
    certificate, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", f"/CN={HOST_NAME}", "-keyout", str(key), "-out", str(certificate),
            "-addext", f"subjectAltName=DNS:{HOST_NAME},IP:127.0.0.1,IP:::1",
        ],
        check=True,
        capture_output=True,
    )
    return certificate, key


def render(template: str, values: dict[str, str]) -> str:
    """The template with each @NAME@ replaced; the IPv6 `listen` lines are dropped when their
    value is empty. Fails on a placeholder left over."""
    lines = []
    for line in template.splitlines():
        names = [name for name in values if f"@{name}@" in line]
        if any(not values[name] for name in names):
            continue
        for name in names:
            line = line.replace(f"@{name}@", values[name])
        lines.append(line)
    text = "\n".join(lines) + "\n"
    leftover = [
        line for line in text.splitlines() if "@" in line and not line.lstrip().startswith("#")
    ]
    if leftover:
        raise ValueError(f"placeholders left in the nginx config: {leftover}")
    return text


@dataclass(frozen=True)
class Answer:
    """One HTTP answer through the proxy, every header kept (a header may come twice)."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> list[str]:
        """Every value of the header `name`, in order."""
        return [value for key, value in self.headers if key.lower() == name.lower()]

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass(frozen=True)
class Proxy:
    """A running nginx in front of a stack: where to reach it and whom to trust."""

    https_port: int
    http_port: int
    certificate: Path
    folder: Path
    ipv6: bool

    @property
    def origin(self) -> str:
        """The public origin, as a browser on the court's site sees it."""
        return f"https://{HOST_NAME}:{self.https_port}"

    def tls(self) -> ssl.SSLContext:
        """A client TLS context that trusts this proxy's certificate only."""
        return ssl.create_default_context(cafile=str(self.certificate))

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        source: str = "127.0.0.1",
    ) -> Answer:
        """One HTTPS request through the proxy from the loopback address `source`."""
        server = "::1" if ":" in source else "127.0.0.1"
        connection = http.client.HTTPSConnection(
            server, self.https_port, context=self.tls(), timeout=30, source_address=(source, 0)
        )
        try:
            connection.request(
                method, path, body, {"Host": f"{HOST_NAME}:{self.https_port}", **(headers or {})}
            )
            reply = connection.getresponse()
            return Answer(reply.status, reply.getheaders(), reply.read())
        finally:
            connection.close()

    def access_log_line(self, visitor: str, request: str, wait_s: float = 10) -> str:
        """The one line of nginx's access log for `visitor` with `request` in it (nginx writes
        a WebSocket's line when it closes, so this waits for it)."""
        deadline = time.monotonic() + wait_s
        while True:
            log = (self.folder / "access.log").read_text(encoding="utf-8", errors="replace")
            lines = [
                line for line in log.splitlines()
                if line.startswith(f"{visitor} ") and request in line
            ]
            if lines or time.monotonic() > deadline:
                assert len(lines) == 1, lines
                return lines[0]
            time.sleep(0.1)


def _main_config(folder: Path, site: Path) -> str:
    """nginx.conf around the site file: everything nginx writes stays in `folder`."""
    user = "user root root;\n" if os.geteuid() == 0 else ""  # workers need the tmp folder
    temp = "".join(
        f"    {kind}_temp_path {folder / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"{user}daemon off;\nworker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'} info;\n"
        "events { worker_connections 256; }\n"
        "http {\n"
        f"    access_log {folder / 'access.log'};\n{temp}"
        f"    include {site};\n"
        "}\n"
    )


def _wait_for_port(process: subprocess.Popen[bytes], port: int, folder: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (folder / "error.log").read_text(errors="replace")
            raise RuntimeError(f"nginx exited with {process.returncode}:\n{log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("nginx did not open its port within 20 s")


@contextmanager
def running_proxy(
    nginx: str,
    folder: Path,
    https_port: int,
    certificate: tuple[Path, Path],
    web_port: int,
    rasa_port: int,
) -> Iterator[Proxy]:
    """nginx with deploy/nginx/mad-efile.conf in front of the web app and one Rasa server."""
    ipv6 = ipv6_loopback_works()
    http_port = free_port()
    values = {
        "SERVER_NAME": HOST_NAME,
        "PUBLIC_ORIGIN": f"https://{HOST_NAME}:{https_port}",
        "HTTPS_LISTEN": f"127.0.0.1:{https_port}",
        "HTTPS_LISTEN_V6": f"[::1]:{https_port}" if ipv6 else "",
        "HTTP_LISTEN": f"127.0.0.1:{http_port}",
        "HTTP_LISTEN_V6": f"[::1]:{http_port}" if ipv6 else "",
        "CERTIFICATE": str(certificate[0]),
        "CERTIFICATE_KEY": str(certificate[1]),
        "WEB_APP": f"127.0.0.1:{web_port}",
        "RASA_SERVER": f"127.0.0.1:{rasa_port}",
    }
    site = folder / "mad-efile.conf"
    site.write_text(render(TEMPLATE.read_text(encoding="utf-8"), values))
    (folder / "nginx.conf").write_text(_main_config(folder, site))
    command = [nginx, "-p", str(folder), "-c", str(folder / "nginx.conf")]
    command += ["-e", str(folder / "error.log")]  # not /var/log/nginx, even before it starts
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if checked.returncode != 0:
        raise RuntimeError(f"nginx -t refused the config:\n{checked.stderr}")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_port(process, https_port, folder)
        yield Proxy(https_port, http_port, certificate[0], folder, ipv6)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class SocketChat:
    """The web chat's socket.io session over a WebSocket through the proxy (Engine.IO 4 spoken
    directly: python-socketio's WebSocket transport needs a newer aiohttp than Rasa allows)."""

    def __init__(self, proxy: Proxy, source: str = "127.0.0.1", **headers: str) -> None:
        self.proxy = proxy
        self.source = source
        self.headers = {"Origin": proxy.origin, **headers}
        self.session_id = ""
        self.socket: Any = None

    async def __aenter__(self) -> SocketChat:
        server = "::1" if ":" in self.source else "127.0.0.1"
        self.socket = await websockets.connect(
            f"wss://{HOST_NAME}:{self.proxy.https_port}/socket.io/?EIO=4&transport=websocket",
            ssl=self.proxy.tls(),
            host=server,
            server_hostname=HOST_NAME,
            local_addr=(self.source, 0),
            extra_headers=self.headers,
            open_timeout=30,
        )
        opened = await self._packet()
        assert opened.startswith("0{"), opened
        await self.socket.send("40")
        connected = await self._packet()
        assert connected.startswith("40"), connected
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.socket.close()

    async def _packet(self, timeout_s: float = 30) -> str:
        """The next Engine.IO packet that is not a ping (pings are answered)."""
        while True:
            try:
                packet = await asyncio.wait_for(self.socket.recv(), timeout_s)
            except asyncio.TimeoutError as error:  # not yet the built-in TimeoutError on 3.10
                raise TimeoutError(f"nothing from the chat within {timeout_s} s") from error
            if packet == "2":
                await self.socket.send("3")
                continue
            return packet

    async def emit(self, event: str, data: Any) -> None:
        await self.socket.send("42" + json.dumps([event, data]))

    async def event(self, timeout_s: float = 30) -> tuple[str, Any]:
        """The next socket.io event: its name and data."""
        packet = await self._packet(timeout_s)
        assert packet.startswith("42"), packet
        name, data = json.loads(packet[2:])
        return name, data

    async def open_session(self) -> tuple[str, Any]:
        """Asks for a new session; returns the answer (`session_confirm` or a refusal)."""
        self.session_id = uuid.uuid4().hex
        await self.emit("session_request", {"session_id": self.session_id})
        return await self.event()

    async def say(self, text: str, metadata: dict[str, Any] | None = None) -> list[str]:
        """Sends one message; returns the texts of the replies (until 2 s of quiet)."""
        message: dict[str, Any] = {"message": text, "session_id": self.session_id}
        if metadata is not None:
            message["metadata"] = metadata
        await self.emit("user_uttered", message)
        texts = []
        timeout_s = 60.0
        while True:
            try:
                name, data = await self.event(timeout_s)
            except TimeoutError:
                return texts
            assert name == "bot_uttered", (name, data)
            texts.append(data.get("text", ""))
            timeout_s = 2.0
