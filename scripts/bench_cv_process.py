#!/usr/bin/env python3
"""Whole-process cost of `career-hub cv export` on JSON Resume's sample résumé.

Builds the release CLI, imports the sample into a fresh database, makes it a CV
version, then runs the export RUNS times and reports the median wall time and the
peak resident memory (from wait4's rusage) of the process.

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
        times, peaks = [], []
        for _ in range(runs):
            start = time.perf_counter()
            process = subprocess.Popen(
                [cli, "cv", "export", "--out", out],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            _, status, usage = os.wait4(process.pid, 0)
            times.append(time.perf_counter() - start)
            if status != 0:
                sys.exit(f"career-hub cv export failed with status {status}")
            peaks.append(usage.ru_maxrss / 1024)  # KiB to MiB
        size = Path(out).stat().st_size
    print(
        f"career-hub cv export, {runs} runs: median {statistics.median(times) * 1000:.1f} ms, "
        f"min {min(times) * 1000:.1f} ms, peak RSS {max(peaks):.1f} MiB "
        f"(median {statistics.median(peaks):.1f} MiB), PDF {size} bytes"
    )


if __name__ == "__main__":
    main()
