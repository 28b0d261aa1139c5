#!/usr/bin/env bash
# Fuzzes the importers' parsers with cargo fuzz (libFuzzer):
#   bash scripts/fuzz.sh [SECONDS]     # each target for SECONDS (default 60)
# Seeds come from tests/fixtures. A crash stops the run and leaves its input in
# fuzz/artifacts/<target>/; `cargo fuzz run <target> <file>` replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# libFuzzer needs the compiler's unstable sanitizer flags: nightly when it is installed,
# else the stable compiler in bootstrap mode.
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    fuzz=(cargo +nightly fuzz)
else
    export RUSTC_BOOTSTRAP=1
    fuzz=(cargo fuzz)
fi

mkdir -p fuzz/corpus/jsonresume fuzz/corpus/linkedin
cp tests/fixtures/jsonresume/*.json fuzz/corpus/jsonresume/
# The linkedin target reads a form byte (odd: a folder) and then the CSV files in the
# order of its FILES list, separated by NUL bytes.
files=(Profile.csv Positions.csv Education.csv Skills.csv Certifications.csv Projects.csv
       Publications.csv Honors.csv Languages.csv "Email Addresses.csv")
for export in tests/fixtures/linkedin/*/; do
    name="$(basename "$export")"
    {
        printf '\001'
        for i in "${!files[@]}"; do
            [ "$i" -eq 0 ] || printf '\000'
            cat "$export/${files[$i]}" 2>/dev/null || true
        done
    } > "fuzz/corpus/linkedin/seed-$name"
done

cd fuzz
for target in jsonresume linkedin; do
    echo "== fuzzing $target for ${seconds}s"
    "${fuzz[@]}" run "$target" "corpus/$target" -- -max_total_time="$seconds"
done
