#!/usr/bin/env bash
# One command: install ceasewatch into .venv and run the demo on the bundled corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/ceasewatch demo "$@"
