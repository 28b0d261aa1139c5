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
    # What is worth keeping between runs is the dependencies' compiled libraries. Test
    # and program binaries of earlier commits are never run again and incremental state
    # is not reused across clones; left alone they grow by gigabytes a run until the
    # disk is full.
    export CARGO_INCREMENTAL=0
    # Libraries of dependency versions and build settings no longer used stay behind too;
    # when they have grown past what one full build needs several times over, or the disk
    # is nearly full, start from an empty directory (costs one full build).
    if [[ -d "$CARGO_TARGET_DIR" ]]; then
        target_gib=$(( $(du -sk "$CARGO_TARGET_DIR" | cut -f1) / 1024 / 1024 ))
        free_gib=$(( $(df -Pk "$HOME" | awk 'NR == 2 { print $4 }') / 1024 / 1024 ))
        if (( target_gib > 15 || free_gib < 10 )); then
            echo "Removing the reused build directory (${target_gib} GiB, ${free_gib} GiB free)"
            rm -rf "$CARGO_TARGET_DIR"
        fi
    fi
    for profile_dir in "$CARGO_TARGET_DIR"/*/; do
        [[ -d "$profile_dir/deps" ]] || continue
        find "$profile_dir/deps" -maxdepth 1 -type f -perm -u+x ! -name "*.so" -delete
        rm -rf "$profile_dir/incremental"
    done
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
