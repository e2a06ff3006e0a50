"""The SQL tracker store's engine hides statement parameters from its errors and logs.

SQLAlchemy puts a failed statement's parameters (conversation ids, event data with the filer's
answers) into its exception messages, which Rasa logs. Rasa makes the engine's arguments in
`rasa.core.tracker_store.create_engine_kwargs`; `install()` adds `hide_parameters=True` to them,
for every SQL tracker store (SQLite or PostgreSQL). `rasa_extensions.install.install()` calls it.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

import rasa.core.tracker_store


def install() -> None:
    """Makes every SQL tracker store's engine hide its parameters (once)."""
    make_kwargs = rasa.core.tracker_store.create_engine_kwargs
    if getattr(make_kwargs, "hides_parameters", False):
        return

    @wraps(make_kwargs)
    def create_engine_kwargs(url: Any) -> dict[str, Any]:
        return {**make_kwargs(url), "hide_parameters": True}

    create_engine_kwargs.hides_parameters = True  # type: ignore[attr-defined]
    rasa.core.tracker_store.create_engine_kwargs = create_engine_kwargs
