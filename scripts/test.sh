#!/usr/bin/env bash
# One command: install ceasewatch into .venv, then lint, type-check and run the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check ceasewatch tests bench corpus scripts
.venv/bin/mypy
.venv/bin/pytest "$@"
