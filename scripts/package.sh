#!/usr/bin/env bash
# Builds the Debian package of the desktop app with Tauri's bundler: the app, the
# `career-hub` command line alongside it in /usr/bin, a desktop entry and icons, and
# the system libraries it needs declared as dependencies. Prints the package's path.
#
#   bash scripts/package.sh            then   sudo apt install ./<the printed path>
#
# Only .deb: AppImage and the other formats download tools while they build.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh >&2
target="$(realpath -m "${CARGO_TARGET_DIR:-target}")"

cargo build --release --locked -p career-hub-cli >&2
# The bundler builds the desktop app itself (release, embedded UI) and packages it; the
# CLI's path depends on the target folder, so it is given here rather than in
# tauri.conf.json.
config=$(printf '{"bundle":{"active":true,"linux":{"deb":{"files":{"/usr/bin/career-hub":"%s"}}}}}' \
    "$target/release/career-hub")
rm -rf "$target/release/bundle/deb"
(cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles deb --ci --config "$config") >&2

deb=$(ls "$target"/release/bundle/deb/*.deb)
echo "$deb"
