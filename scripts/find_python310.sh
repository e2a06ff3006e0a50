#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter (Rasa 3.6 needs 3.10), from PATH or pyenv.
set -u
is_310() { "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; }
candidates=(python3.10)
if command -v pyenv >/dev/null 2>&1; then
  candidates+=("$(pyenv root)"/versions/3.10*/bin/python3.10)
fi
candidates+=("$HOME"/.pyenv/versions/3.10*/bin/python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10 python3)
for candidate in "${candidates[@]}"; do
  if is_310 "$candidate"; then
    command -v "$candidate"
    exit 0
  fi
done
cat >&2 <<'MSG'
No Python 3.10 found. Rasa 3.6 runs only on Python 3.10. Install one, for example:
  pyenv install 3.10.13            (with pyenv), or
  apt-get install python3.10 python3.10-venv   (where your system has it)
then run the make command again.
MSG
exit 1
