#!/usr/bin/env bash
# Screenshots of the pages a monitor uses (dashboard, an event, violations, the sitrep, the
# review queue and an event under review), taken by the Chromium end-to-end tests and written
# to docs/screenshots/ (or the folder given). Needs Debian's chromium (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshots}
mkdir -p "$out"
CEASEWATCH_SCREENSHOTS="$(cd "$out" && pwd)" .venv/bin/python -m pytest -q -p no:cacheprovider \
  tests/test_e2e_review.py
ls -l "$out"/*.png
