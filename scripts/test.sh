#!/usr/bin/env bash
# Sets up the machine, then runs every check and test of the project: formatting, lints,
# the UI's type check and unit tests, the Rust tests (core, CLI, shell, bindings drift,
# the sync server), the desktop app end to end under a virtual display, and the Debian
# package installed into a clean root.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${CI:-}" == "true" && -z "${CARGO_TARGET_DIR:-}" ]]; then
    # Reuse builds between CI runs on the same machine.
    export CARGO_TARGET_DIR="$HOME/.cache/career-hub/target"
fi

bash scripts/setup.sh

(cd ui && npm run check --silent && npm test --silent)
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --workspace --locked

# The Debian package: built as a person would build it, installed into a clean root,
# and the installed app started under a virtual display.
deb="$(bash scripts/package.sh)"
python3 scripts/test_package.py "$deb"
