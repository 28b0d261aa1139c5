#!/usr/bin/env python3
"""Whole-process cost of `career-hub cv export` on JSON Resume's sample résumé.

Builds the release CLI, imports the sample into a fresh database, makes it a CV
version, then runs the export RUNS times, each followed by `career-hub --version` (the
floor of any process), and reports the binary's size and, for both commands, the
median wall time and the peak resident memory (from wait4's rusage).

    python3 scripts/bench_cv_process.py [RUNS]
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
    cli = str(target / "release/career-hub")
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, CAREER_HUB_DB=str(Path(tmp) / "bench.db"))
        for args in (["init"], ["import", "jsonresume", str(SAMPLE)], ["cv", "create", "Sample"]):
            subprocess.run([cli, *args], env=env, check=True, capture_output=True)
        out = str(Path(tmp) / "cv.pdf")
        # Interleaved, so both see the same machine: the export and, as the floor of any
        # process, `career-hub --version`.
        export, floor = Runs(), Runs()
        for _ in range(runs):
            export.run([cli, "cv", "export", "--out", out, "--force"], env)
            floor.run([cli, "--version"], env)
        size = Path(out).stat().st_size
    print(f"binary: {Path(cli).stat().st_size / 1e6:.2f} MB ({cli})")
    print(f"career-hub cv export, {runs} runs: {export}, PDF {size} bytes")
    print(f"career-hub --version, {runs} runs: {floor}")


class Runs:
    """Wall times and peak resident memory of runs of one command."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.peaks: list[float] = []

    def run(self, command: list[str], env: dict) -> None:
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        self.times.append(time.perf_counter() - start)
        if status != 0:
            sys.exit(f"{' '.join(command[1:])} failed with status {status}")
        self.peaks.append(usage.ru_maxrss / 1024)  # KiB to MiB

    def __str__(self) -> str:
        return (
            f"median {statistics.median(self.times) * 1000:.1f} ms, min {min(self.times) * 1000:.1f} ms, "
            f"peak RSS {max(self.peaks):.1f} MiB (median {statistics.median(self.peaks):.1f} MiB)"
        )


if __name__ == "__main__":
    main()
