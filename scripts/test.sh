#!/usr/bin/env bash
# Sets up the machine, then runs every check and test of the project.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

if [[ "${CI:-}" == "true" && -z "${CARGO_TARGET_DIR:-}" ]]; then
    # Reuse builds between CI runs on the same machine.
    export CARGO_TARGET_DIR="$HOME/.cache/career-hub/target"
fi

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --workspace --locked
