"""The SQLAlchemy URL of the tracker store that the Rasa servers use, read from their endpoints file.

Rasa reads `tracker_store` of the endpoints file (RASA_ENDPOINTS): for `type: SQL` it connects
to the database given by `dialect`, `url` (the host, or a whole database URL), `port`, `db`,
`username`, `password` and `query`. The dashboard and the purge read the same database without a
second copy of that setting, so this module builds the URL by Rasa's rules
(`SQLTrackerStore.get_db_url`; a unit test compares the two) with no Rasa import:

- `${VAR}` in a plain (unquoted) value is filled from the environment, as Rasa's YAML loader
  fills it; a quoted "${VAR}" stays as it is; a variable that is not set is an error naming it;
- a `url` with "://" is the whole database URL; otherwise it is the host, maybe with a port;
- `login_db` is only where Rasa first connects to create `db`: the conversations are in `db`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml  # type: ignore[import-untyped]  # (no stubs in the venv; only SafeLoader is used)
from sqlalchemy.engine import URL

SQL_TYPE = "SQL"
_HAS_VARIABLE = re.compile(r"^(.*)\$\{(.*)\}(.*)$")  # Rasa's pattern for values to expand
_VARIABLE = re.compile(r"\$(?:\{(\w+)\}|(\w+))")


class TrackerStoreError(ValueError):
    """The endpoints file's tracker store cannot be read as a SQL database: the message says why."""


class _Unexpanded(str):
    """A plain value with ${VAR} in it, filled from an environment once the file is read."""


class _Loader(yaml.SafeLoader):
    """YAML as Rasa reads its endpoints file: plain values holding ${VAR} are marked to expand."""

    def unexpanded(self, node: yaml.ScalarNode) -> _Unexpanded:
        return _Unexpanded(self.construct_scalar(node))


_Loader.add_implicit_resolver("!env_var", _HAS_VARIABLE, None)
_Loader.add_constructor("!env_var", _Loader.unexpanded)


def _filled(value: object, env: Mapping[str, str]) -> object:
    if not isinstance(value, _Unexpanded):
        return value

    def variable(match: re.Match[str]) -> str:
        name = match[1] or match[2]
        if name not in env:
            raise TrackerStoreError(f"The tracker store needs {name}, which is not set.")
        return env[name]

    return _VARIABLE.sub(variable, value)


def tracker_store_section(endpoints: Path) -> dict[str, Any]:
    """The endpoints file's `tracker_store` (empty when it has none), its ${VAR} not yet filled."""
    try:
        document = yaml.load(endpoints.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    except OSError as problem:
        raise TrackerStoreError(f"Cannot read the endpoints file {endpoints}: {problem}") from None
    except yaml.YAMLError as problem:
        raise TrackerStoreError(f"The endpoints file {endpoints} is not YAML: {problem}") from None
    section = (document or {}).get("tracker_store") if isinstance(document, dict) else None
    return dict(section or {})


def _port(value: object) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(str(value))
    except ValueError:
        raise TrackerStoreError(f"The tracker store's port must be a number, not {value!r}.") from None


def sql_url(section: Mapping[str, Any], env: Mapping[str, str]) -> str:
    """The URL of a SQL tracker store section, made as Rasa makes it (password included)."""
    values = {name: _filled(value, env) for name, value in section.items()}
    host = values.get("url")
    port = _port(values.get("port"))
    if host and "://" in str(host):
        return str(host)
    if host:
        parsed = urlsplit(f"scheme://{host}")
        port = parsed.port or port
        host = parsed.hostname or host
    query = values.get("query")
    url = URL.create(
        str(values.get("dialect", "sqlite")),
        username=None if values.get("username") is None else str(values["username"]),
        password=None if values.get("password") is None else str(values["password"]),
        host=None if host is None else str(host),
        port=port,
        database=str(values.get("db", "rasa.db")),
        query={str(k): str(v) for k, v in query.items()} if isinstance(query, Mapping) else {},
    )
    return url.render_as_string(hide_password=False)


def tracker_store_url(endpoints: Path, env: Mapping[str, str]) -> str | None:
    """The SQLAlchemy URL of the endpoints file's tracker store; None when it keeps
    conversations in memory only (no `tracker_store`). Raises `TrackerStoreError` for a store
    that is not SQL or a setting that is missing."""
    section = tracker_store_section(endpoints)
    if not section:
        return None
    if str(section.get("type")).lower() != SQL_TYPE.lower():
        raise TrackerStoreError(
            f"Only a SQL tracker store can be read, not {section.get('type')!r}."
        )
    return sql_url(section, env)


def tracker_sqlite_file(endpoints: Path) -> Path | None:
    """The SQLite file of the endpoints file's tracker store, or None if it is not one."""
    section = tracker_store_section(endpoints)
    if str(section.get("type")).lower() != SQL_TYPE.lower():
        return None
    if section.get("dialect", "sqlite") != "sqlite":
        return None
    return Path(str(section.get("db", "rasa.db")))
