"""One stack behind nginx for every proxy test (tests/proxy/nginx_proxy.py).

The stack runs as in production behind the proxy: the Rasa server and the web app on loopback,
TRUSTED_PROXIES set to the address nginx connects from (127.0.0.1), RASA_PUBLIC_URLS and
CORS_ORIGINS set to the proxy's HTTPS origin. Each test talks from loopback addresses of its own
(127.0.0.x), so the per-address limits of one test never touch another. A small burst of web
chat sessions per address (3) keeps the forwarded-address test short.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from nginx_proxy import (
    SESSION_BURST,
    Proxy,
    free_port,
    make_certificate,
    nginx_binary,
    running_proxy,
)

from ops.local_stack import local_config, running
from ops.stack import Stack


@pytest.fixture(scope="session")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Proxy, Stack]]:
    nginx = nginx_binary()
    if nginx is None:
        pytest.skip("nginx is not installed (`make nginx` installs Debian's nginx-light)")
    folder = tmp_path_factory.mktemp("proxy")
    https_port = free_port()
    origin = f"https://localhost:{https_port}"
    config = local_config(
        folder,
        cors_origins=(origin,),
        extra_env={
            "TRUSTED_PROXIES": "127.0.0.1/32",
            "RASA_PUBLIC_URLS": origin,
            "CHAT_SESSION_RATE_PER_ADDRESS": f"0.001/{SESSION_BURST}",
        },
    )
    certificate = make_certificate(folder)
    with running(config) as stack, running_proxy(
        nginx, folder, https_port, certificate, config.web_port, config.rasa_port
    ) as proxy:
        yield proxy, stack


@pytest.fixture(scope="session")
def proxy(proxied: tuple[Proxy, Stack]) -> Proxy:
    return proxied[0]


@pytest.fixture(scope="session")
def stack(proxied: tuple[Proxy, Stack]) -> Stack:
    return proxied[1]
