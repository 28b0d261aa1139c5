#!/usr/bin/env bash
# Installs what Career Hub needs to build, run and test on Debian 12, and nothing that
# is already there. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: a C toolchain for bundled SQLite; WebKitGTK to build the desktop
# shell; a virtual display, WebKit's WebDriver, xdotool and imagemagick (to answer
# native file dialogs and capture the screen), poppler and qpdf to test it and its PDFs as a person would,
# LibreOffice Writer (headless) to open the Word documents it writes;
# the fonts the CV PDFs embed (read at build time by crates/typeset/build.rs);
# PostgreSQL, whose server the sync server's tests start privately (never a running one);
# and GNU time, which the CV export benchmark reads a process's peak memory from.
packages=(
    build-essential pkg-config libssl-dev
    libwebkit2gtk-4.1-dev librsvg2-dev
    xvfb xauth webkit2gtk-driver xdotool imagemagick
    poppler-utils qpdf sqlite3
    libreoffice-writer-nogui
    fonts-dejavu-core fonts-dejavu-extra fonts-droid-fallback
    postgresql
    time
)
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

# Node.js 20.19 or newer builds the UI (Vite 8).
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null; then
    echo "setup: Node.js 20.19 or newer is needed to build the UI (found: $(node --version 2>/dev/null || echo none))" >&2
    exit 1
fi
(cd ui && npm ci --no-audit --no-fund --loglevel=error)
(cd ui && npm run build --silent)

# The WebDriver bridge for the desktop end-to-end tests.
if ! command -v tauri-driver >/dev/null 2>&1; then
    cargo install tauri-driver --locked --quiet
fi
