#!/usr/bin/env bash
# Sets up the machine, builds Career Hub and starts the desktop app on your own
# database (career-hub.db in your data folder; set CAREER_HUB_DB to use another file).
#
#   bash scripts/run.sh              the desktop app
#   bash scripts/run.sh cli ARGS…    the command line, e.g. `bash scripts/run.sh cli profile show`
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
target="${CARGO_TARGET_DIR:-target}"

if [[ "${1:-}" == "cli" ]]; then
    shift
    cargo build --release --locked -p career-hub-cli
    exec "$target/release/career-hub" "$@"
fi

# A production build: the UI is embedded and served from inside the binary.
cargo build --release --locked -p career-hub-desktop --features custom-protocol
exec "$target/release/career-hub-desktop" "$@"
