#!/usr/bin/env python3
"""Desktop benchmarks: release binary size, launch to first interactive paint, idle
memory (PSS) of all the app's processes, and the round trip of one command from the UI.

Run: python3 scripts/bench_desktop.py [--runs 10]   (after a release build:
cargo build --release -p career-hub-desktop --features custom-protocol)
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
BINARY = TARGET / "release" / "career-hub-desktop"


def start_display():
    for n in range(120, 200):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            xvfb = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(50):
                if Path(f"/tmp/.X11-unix/X{n}").exists():
                    return xvfb, f":{n}"
                time.sleep(0.1)
    sys.exit("no free X display for Xvfb")


def launch(display, home, exit_after_ready):
    env = dict(os.environ, DISPLAY=display, XDG_DATA_HOME=f"{home}/data", XDG_STATE_HOME=f"{home}/state",
               XDG_CACHE_HOME=f"{home}/cache", XDG_CONFIG_HOME=f"{home}/config", CAREER_HUB_MEASURE="1",
               CAREER_HUB_EXIT_AFTER_READY="1")
    env.pop("CAREER_HUB_DB", None)
    started = time.perf_counter()
    proc = subprocess.Popen([str(BINARY)], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    values = {}
    for line in proc.stdout:
        key, _, value = line.strip().partition("=")
        values[key] = float(value)
        if key == "ready_ms":
            values["wall_ms"] = (time.perf_counter() - started) * 1000
        if "ipc_round_trip_ms" in values and "ready_ms" in values:
            break
    return proc, values


def process_tree(pid):
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def pss_kib(pid):
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    if not BINARY.exists():
        sys.exit(f"{BINARY} is missing: cargo build --release -p career-hub-desktop --features custom-protocol")

    size = BINARY.stat().st_size
    with tempfile.TemporaryDirectory() as tmp:
        stripped = Path(tmp) / "stripped"
        shutil.copy(BINARY, stripped)
        subprocess.run(["strip", str(stripped)], check=True)
        stripped_size = stripped.stat().st_size
    print(f"binary: {size / 1e6:.1f} MB as built, {stripped_size / 1e6:.1f} MB stripped")

    xvfb, display = start_display()
    try:
        with tempfile.TemporaryDirectory() as home:
            first, warm, ipc = [], [], []
            for run in range(args.runs):
                fresh = tempfile.mkdtemp(dir=home)
                for target in (first, warm):
                    proc, values = launch(display, fresh, exit_after_ready=True)
                    proc.wait(timeout=30)
                    target.append(values["wall_ms"])
                    ipc.append(values["ipc_round_trip_ms"])
            print(f"launch to first interactive paint, first run (new database): median {statistics.median(first):.0f} ms "
                  f"(min {min(first):.0f}, max {max(first):.0f}, {len(first)} runs)")
            print(f"launch to first interactive paint, existing database: median {statistics.median(warm):.0f} ms "
                  f"(min {min(warm):.0f}, max {max(warm):.0f}, {len(warm)} runs)")
            print(f"IPC round trip (app_info, mean of 200 calls per launch): median {statistics.median(ipc):.3f} ms, "
                  f"max {max(ipc):.3f} ms")

            # Idle memory: a plain launch (nothing measured), 5 s after its first paint.
            idle_home = tempfile.mkdtemp(dir=home)
            env = dict(os.environ, DISPLAY=display, XDG_DATA_HOME=f"{idle_home}/data",
                       XDG_STATE_HOME=f"{idle_home}/state", XDG_CACHE_HOME=f"{idle_home}/cache",
                       XDG_CONFIG_HOME=f"{idle_home}/config")
            env.pop("CAREER_HUB_DB", None)
            env.pop("CAREER_HUB_MEASURE", None)
            proc = subprocess.Popen([str(BINARY)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            logs = Path(idle_home) / "state" / "career-hub" / "logs"
            for _ in range(300):
                if any("first interactive paint" in f.read_text(errors="replace") for f in logs.glob("*")):
                    break
                time.sleep(0.1)
            time.sleep(5)
            tree = process_tree(proc.pid)
            parts = []
            total = 0
            for pid in tree:
                try:
                    name = Path(f"/proc/{pid}/comm").read_text().strip()
                    kib = pss_kib(pid)
                except OSError:
                    continue
                total += kib
                parts.append(f"{name} {kib / 1024:.0f}")
            print(f"idle memory (PSS, 5 s after ready): {total / 1024:.0f} MiB — " + ", ".join(parts))
            proc.terminate()
            proc.wait(timeout=10)
    finally:
        xvfb.terminate()


if __name__ == "__main__":
    main()
