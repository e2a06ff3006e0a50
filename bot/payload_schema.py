"""Writes, or checks, the published JSON Schema of the registration payload.

`python -m bot.payload_schema` rewrites `schemas/registration_submission.schema.json` from
`RegistrationPayload`; `python -m bot.payload_schema --check` exits 1 when that file is out of date.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.payload import RegistrationPayload

SCHEMA_PATH = (
    Path(__file__).resolve().parent.parent / "schemas" / "registration_submission.schema.json"
)


def schema_text() -> str:
    """The schema as it should be committed: pretty-printed, sorted keys, trailing newline."""
    return json.dumps(RegistrationPayload.schema(), indent=2, sort_keys=True) + "\n"


def main(argv: Sequence[str] | None = None, *, schema_path: Path = SCHEMA_PATH) -> int:
    """Run the command line; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m bot.payload_schema", description=__doc__)
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the committed schema file is out of date"
    )
    args = parser.parse_args(argv)
    expected = schema_text()
    if args.check:
        current = schema_path.read_text(encoding="utf-8") if schema_path.exists() else None
        if current != expected:
            print(
                f"{schema_path} is out of date. Run: python -m bot.payload_schema",
                file=sys.stderr,
            )
            return 1
        return 0
    schema_path.parent.mkdir(parents=True, exist_ok=True)
    schema_path.write_text(expected, encoding="utf-8")
    print(f"Wrote {schema_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
