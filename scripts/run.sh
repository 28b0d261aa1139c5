#!/usr/bin/env bash
# Sets up the machine, builds Career Hub and runs it. With no arguments it creates
# (or opens) your database and checks it; any arguments go to the `career-hub` CLI,
# e.g. `scripts/run.sh history`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cargo build --release --locked -p career-hub-cli
bin=target/release/career-hub
[[ -n "${CARGO_TARGET_DIR:-}" ]] && bin="$CARGO_TARGET_DIR/release/career-hub"

if (($#)); then
    exec "$bin" "$@"
fi
"$bin" init
exec "$bin" doctor
