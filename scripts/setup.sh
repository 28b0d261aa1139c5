#!/usr/bin/env bash
# Installs what Career Hub needs to build and test on Debian 12, and nothing that is
# already there. Safe to run again.
set -euo pipefail

packages=(build-essential pkg-config)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    sudo_cmd=()
    [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
    echo "setup: Rust is not installed; install it with rustup (https://rustup.rs) and run this again" >&2
    exit 1
fi
rustup component add rustfmt clippy >/dev/null 2>&1 || true
