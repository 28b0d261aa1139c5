#!/usr/bin/env python3
"""Whole-process cost of `career-hub cv export` on JSON Resume's sample résumé.

Builds the release CLI, imports the sample into a fresh database, makes it a CV
version, then runs the export RUNS times, each followed by `career-hub --version` (the
floor of any process), and reports the binary's size and, for both commands, the
median wall time and the peak resident memory. Other CLI binaries given after RUNS (an
earlier commit's build) are measured the same way, in turn with it, each with its own
database and cache folder.

The peak is what GNU time (`/usr/bin/time`, Debian package `time`) reports for a second
run of each command. A process's own peak cannot be read from the wait4 of a process
Python starts: Python starts it with vfork, and Linux carries the parent's peak (this
script's, about 14 MiB) over into the child's figure when the child execs.

    python3 scripts/bench_cv_process.py [RUNS] [OTHER_CLI ...]
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "ui/node_modules/resume-schema/sample.resume.json"


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    subprocess.run(
        ["cargo", "build", "--release", "--locked", "-p", "career-hub-cli"],
        cwd=ROOT,
        check=True,
    )
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    # Other builds to compare with (an earlier commit's CLI), run in turn with this one.
    clis = [str(target / "release/career-hub"), *sys.argv[2:]]
    with tempfile.TemporaryDirectory() as tmp:
        benches = [Bench(cli, Path(tmp) / str(i)) for i, cli in enumerate(clis)]
        # Interleaved, so all see the same machine: the export and, as the floor of any
        # process, `career-hub --version`.
        for _ in range(runs):
            for bench in benches:
                bench.export.run([bench.cli, "cv", "export", "--out", bench.out, "--force"], bench.env)
                bench.floor.run([bench.cli, "--version"], bench.env)
        for bench in benches:
            size = Path(bench.out).stat().st_size
            print(f"binary: {Path(bench.cli).stat().st_size / 1e6:.2f} MB ({bench.cli})")
            print(f"  career-hub cv export, {runs} runs: {bench.export}, PDF {size} bytes")
            print(f"  career-hub --version, {runs} runs: {bench.floor}")


class Bench:
    """One CLI with its own database (the sample as a CV version) and cache folder."""

    def __init__(self, cli: str, home: Path) -> None:
        home.mkdir()
        self.cli = cli
        self.env = dict(
            os.environ,
            CAREER_HUB_DB=str(home / "bench.db"),
            XDG_CACHE_HOME=str(home / "cache"),
        )
        for args in (["init"], ["import", "jsonresume", str(SAMPLE)], ["cv", "create", "Sample"]):
            subprocess.run([cli, *args], env=self.env, check=True, capture_output=True)
        self.out = str(home / "cv.pdf")
        self.export, self.floor = Runs(), Runs()


class Runs:
    """Wall times and peak resident memory of runs of one command."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.peaks: list[float] = []

    def run(self, command: list[str], env: dict) -> None:
        start = time.perf_counter()
        status = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        self.times.append(time.perf_counter() - start)
        if status != 0:
            sys.exit(f"{' '.join(command[1:])} failed with status {status}")
        # GNU time forks the command from its own small process and reports the
        # command's peak alone, in KiB.
        measured = subprocess.run(
            ["/usr/bin/time", "-f", "%M", *command],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=True,
        )
        self.peaks.append(int(measured.stderr.strip().splitlines()[-1]) / 1024)

    def __str__(self) -> str:
        return (
            f"median {statistics.median(self.times) * 1000:.1f} ms, min {min(self.times) * 1000:.1f} ms, "
            f"peak RSS {max(self.peaks):.1f} MiB (median {statistics.median(self.peaks):.1f} MiB)"
        )


if __name__ == "__main__":
    main()
