#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter, or explains how to get one and fails.
set -u
for candidate in python3.10 "$HOME"/.pyenv/versions/3.10*/bin/python3.10 /root/.pyenv/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10; do
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if "$path" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
    echo "$path"; exit 0
  fi
done
cat >&2 <<'MSG'
Python 3.10 was not found, and Rasa 3.6 needs it (it does not install on Python 3.11+).
Install it, then run the command again, for example:
  pyenv install 3.10.13            (with pyenv)
  apt-get install python3.10-venv  (on a distribution that packages 3.10)
MSG
exit 1
