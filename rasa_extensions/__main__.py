"""`python -m rasa_extensions ARGS`: Rasa's own command line, with our extensions installed first.

Exits with a plain message, before Rasa starts, on any Rasa but `rasa_extensions.install.RASA_VERSION`.
What was installed is printed to standard error (Rasa sets up its logging only later).
"""

from __future__ import annotations

import sys

import rasa.__main__

from rasa_extensions import install


def main() -> None:
    try:
        installed = install.install()
    except install.UnsupportedRasa as problem:
        sys.exit(str(problem))
    for line in installed:
        print(f"rasa_extensions: installed {line}", file=sys.stderr, flush=True)
    rasa.__main__.main()


if __name__ == "__main__":
    main()
