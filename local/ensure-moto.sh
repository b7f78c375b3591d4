#!/bin/sh
# moto for the local stack and the tests (run by the build from the project root).
# The machine's python3 if it imports moto's server, else the project's .venv, made here with pip.
# Moto.python() picks .venv/bin/python when it exists, python3 otherwise.
probe='import moto, moto.moto_server.werkzeug_app, flask_cors; assert moto.__version__ == "5.2.1"'
if [ -x .venv/bin/python ] && .venv/bin/python -c "$probe" 2>/dev/null; then
  exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "[motcua] The local stack needs Python 3 with moto[server] 5.2.1, and there is no python3 here: install Python 3 (Debian: apt-get install -y python3 python3-venv)." >&2
  exit 1
fi
if python3 -c "$probe" 2>/dev/null; then
  exit 0
fi
echo "[motcua] python3 has no moto[server] 5.2.1: installing it into .venv with pip" >&2
python3 -m venv .venv && .venv/bin/pip install -q 'moto[server]==5.2.1' || {
  # A half-made .venv would be picked by the stack (Moto.python) and fail there: take it away.
  rm -rf .venv
  echo "[motcua] Could not install moto into .venv: pip install 'moto[server]==5.2.1' (Debian needs python3-venv)." >&2
  exit 1
}
