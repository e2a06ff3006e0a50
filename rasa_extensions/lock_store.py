"""Rasa's Redis lock store, made safe for several Rasa servers (endpoints.production.yml).

A Rasa server holds a conversation's lock while it handles one message of it, so that two
servers never work on the same conversation at once. Rasa 3.6's `RedisLockStore` keeps each
lock as one JSON value and changes it by reading it, changing it in Python and writing it
back. Two servers doing that at the same moment overwrite each other: both get the same
ticket and handle the conversation together, and one turn's events are lost or saved out of
order (seen in tests/scaleout). Here every such change is one Redis transaction (WATCH/MULTI,
retried when the value changed meanwhile).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

# Changes a lock (None: there is none) in place; returns the lock to keep (None: delete it)
# and the value to hand back.
Change = Callable[[TicketLock | None], tuple[TicketLock | None, Any]]


class AtomicRedisLockStore(RedisLockStore):
    """`lock_store: type: rasa_extensions.lock_store.AtomicRedisLockStore`, with `url`, `port`,
    `db`, `password` as for Rasa's `type: redis`."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    def _change(self, conversation_id: str, change: Change) -> Any:
        key = self.key_prefix + conversation_id

        def transaction(pipe: Any) -> Any:
            stored = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(stored)) if stored else None
            kept, value = change(lock)
            pipe.multi()
            if kept is None:
                pipe.delete(key)
            else:
                pipe.set(key, kept.dumps())
            return value

        return self.red.transaction(transaction, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or TicketLock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        def drop_expired(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        def finish(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return (lock if lock is not None and lock.is_someone_waiting() else None), None

        self._change(conversation_id, finish)
