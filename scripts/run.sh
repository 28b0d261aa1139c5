#!/usr/bin/env bash
# Sets up the machine, builds Career Hub and starts the desktop app on your own
# database (career-hub.db in your data folder; set CAREER_HUB_DB to use another file).
#
#   bash scripts/run.sh              the desktop app
#   bash scripts/run.sh cli ARGS…    the command line, e.g. `bash scripts/run.sh cli profile show`
#   bash scripts/run.sh server       the sync server on a throwaway PostgreSQL cluster
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
target="${CARGO_TARGET_DIR:-target}"

if [[ "${1:-}" == "cli" ]]; then
    shift
    cargo build --release --locked -p career-hub-cli
    exec "$target/release/career-hub" "$@"
fi

if [[ "${1:-}" == "server" ]]; then
    shift
    cargo build --profile server --locked -p career-hub-server
    # A throwaway cluster in a temporary folder, on a free port, stopped on exit.
    pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    dir="$(mktemp -d -t career-hub-server-XXXXXX)"
    as_pg=()
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres:postgres "$dir"
        as_pg=(runuser -u postgres --)
    fi
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    "${as_pg[@]}" "$pg_bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
    stop() {
        "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null || true
        rm -rf "$dir"
    }
    trap stop EXIT
    echo "PostgreSQL (throwaway) on 127.0.0.1:$port; its data goes when the server stops."
    echo "The sync API is served at the URL printed below; Ctrl+C stops both."
    "$target/server/career-hub-server" --database-url "postgres://postgres@127.0.0.1:$port/postgres" "$@"
    exit
fi

# A production build: the UI is embedded and served from inside the binary.
cargo build --release --locked -p career-hub-desktop --features custom-protocol
exec "$target/release/career-hub-desktop" "$@"
