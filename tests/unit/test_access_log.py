"""The web app's access log (web/access_log.py): no query string, no session id, no reference code."""

from __future__ import annotations

import logging

from sample_registration import REFERENCE
from served import STAFF_TOKEN

from bot.chat_ids import log_id

SESSION = "0123456789abcdef0123456789abcdef"


async def test_access_log_keeps_no_query_string_and_no_id(client, caplog):
    caplog.set_level(logging.INFO, logger="sanic.access")
    async with client.get(f"/chat/config?session_id={SESSION}") as reply:
        assert reply.status == 200
    headers = {"Authorization": f"Bearer {STAFF_TOKEN}"}
    async with client.get(f"/api/submissions/{REFERENCE}", headers=headers) as reply:
        assert reply.status == 200
    async with client.get(f"/staff/proof?session_id={SESSION}") as reply:
        assert reply.status == 401
    lines = [
        (record.request, record.status, record.host)
        for record in caplog.records
        if record.name == "sanic.access"
    ]
    assert lines == [
        ("GET /chat/config", 200, "127.0.0.1"),
        (f"GET /api/submissions/{log_id(REFERENCE)}", 200, "127.0.0.1"),
        ("GET /staff/proof", 401, "127.0.0.1"),
    ]
    logged = caplog.text + "".join(str(record.__dict__) for record in caplog.records)
    assert SESSION not in logged and REFERENCE not in logged and STAFF_TOKEN not in logged
