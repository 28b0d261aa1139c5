#!/usr/bin/env python3
"""Installs the Debian package into a clean root and starts the installed app.

    python3 scripts/test_package.py PATH/TO/career-hub.deb

The root is a fresh folder with an empty dpkg database (`dpkg --root`), so nothing of
this machine's own installation is touched or counted. The package's dependencies are
not installed into that root: they are checked instead against the libraries the
installed programs load (each must come from a package the .deb depends on, directly
or through those packages' own dependencies), and the programs then run with this
machine's copies of them: the command line answers, and the desktop app starts under
its own Xvfb and paints its first screen.
"""

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DESKTOP = "usr/bin/career-hub-desktop"
CLI = "usr/bin/career-hub"


def fail(message: str) -> None:
    sys.exit(f"package test: {message}")


def run(*command: str, **kwargs) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs).stdout


def field(deb: Path, name: str) -> str:
    return run("dpkg-deb", "--field", str(deb), name).strip()


def install(deb: Path, root: Path) -> None:
    admin = root / "var/lib/dpkg"
    for folder in ("info", "updates", "triggers"):
        (admin / folder).mkdir(parents=True, exist_ok=True)
    (admin / "status").touch()
    (admin / "available").touch()
    # The root holds only this package: its dependencies are checked below instead.
    run("dpkg", f"--root={root}", "--force-depends", "--force-script-chrootless",
        "--force-not-root", "--log=/dev/null", "-i", str(deb))
    status = run("dpkg-query", f"--admindir={admin}", "-W", "-f=${Status}", field(deb, "Package"))
    if status != "install ok installed":
        fail(f"dpkg left the package as {status!r}")


def dependency_closure(depends: str) -> set[str]:
    """The packages named in a Depends field and, recursively, what they depend on
    (as this machine has them installed)."""
    seen: set[str] = set()
    todo = [name for name in re.findall(r"(?:^|[,|]\s*)([a-z0-9][a-z0-9+.-]+)", depends)]
    while todo:
        name = todo.pop()
        base = name.split(":")[0]
        if base in seen:
            continue
        seen.add(base)
        try:
            more = run("dpkg-query", "-W", "-f=${Depends},${Pre-Depends}", base)
        except subprocess.CalledProcessError:
            continue
        todo.extend(re.findall(r"(?:^|[,|]\s*)([a-z0-9][a-z0-9+.-]+)", more))
    return seen


def libraries(binary: Path) -> dict[str, str]:
    """Each shared library the program loads, with the file it resolves to."""
    found = {}
    for line in run("ldd", str(binary)).splitlines():
        match = re.match(r"\s*(\S+) => (\S+)", line)
        if match:
            if match.group(2) == "not":
                fail(f"{binary.name} needs {match.group(1)}, which no installed package provides")
            found[match.group(1)] = match.group(2)
    return found


def owner(path: str) -> str:
    for candidate in (path, os.path.realpath(path), path.replace("/usr/lib", "/lib", 1)):
        try:
            return run("dpkg-query", "-S", candidate).split(":")[0].strip()
        except subprocess.CalledProcessError:
            continue
    fail(f"no package owns {path}")
    return ""


def check_dependencies(deb: Path, root: Path) -> None:
    depends = field(deb, "Depends")
    for required in ("libwebkit2gtk-4.1-0", "libgtk-3-0"):
        if required not in depends:
            fail(f"Depends does not name {required}: {depends}")
    closure = dependency_closure(depends)
    # libc comes with every Debian system (it is Essential); nothing declares it.
    essential = {"libc6", "libgcc-s1"}
    for program in (DESKTOP, CLI):
        for library, path in libraries(root / program).items():
            package = owner(path)
            if package not in closure and package not in essential:
                fail(f"{program} loads {library} from {package}, which Depends does not bring in ({depends})")


def check_files(root: Path) -> None:
    for program in (DESKTOP, CLI):
        if not os.access(root / program, os.X_OK):
            fail(f"{program} is not installed as a program")
    entries = list((root / "usr/share/applications").glob("*.desktop"))
    if len(entries) != 1:
        fail(f"expected one desktop entry, found {entries}")
    entry = entries[0].read_text()
    for line in ("Type=Application", "Name=Career Hub", "Exec=career-hub-desktop"):
        if line not in entry:
            fail(f"the desktop entry lacks {line!r}:\n{entry}")
    icon = re.search(r"^Icon=(.+)$", entry, re.M)
    if not icon or not list((root / "usr/share/icons/hicolor").glob(f"*/apps/{icon.group(1)}.png")):
        fail(f"the desktop entry's icon is not installed:\n{entry}")


def start_display() -> tuple[subprocess.Popen, str]:
    for n in range(200, 260):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            xvfb = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                if Path(f"/tmp/.X11-unix/X{n}").exists():
                    return xvfb, f":{n}"
                if xvfb.poll() is not None:
                    break
                time.sleep(0.05)
            xvfb.kill()
    fail("no free X display for Xvfb")
    raise SystemExit


def check_programs_run(root: Path, home: Path) -> None:
    env = dict(os.environ, XDG_DATA_HOME=str(home / "data"), XDG_STATE_HOME=str(home / "state"),
               XDG_CACHE_HOME=str(home / "cache"), XDG_CONFIG_HOME=str(home / "config"))
    env.pop("CAREER_HUB_DB", None)
    version = run(str(root / CLI), "--version", env=env)
    if not version.startswith("career-hub "):
        fail(f"the installed CLI says {version!r}")
    run(str(root / CLI), "init", env=env)
    xvfb, display = start_display()
    try:
        app = subprocess.Popen([str(root / DESKTOP)], env=dict(env, DISPLAY=display, CAREER_HUB_MEASURE="1",
                                                              CAREER_HUB_EXIT_AFTER_READY="1"),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            out, err = app.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            app.kill()
            fail("the installed app did not paint its first screen within 2 minutes")
        if app.returncode != 0 or "ready_ms=" not in out:
            fail(f"the installed app exited with {app.returncode} before its first paint:\n{out}\n{err}")
    finally:
        xvfb.kill()
        xvfb.wait()


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    deb = Path(sys.argv[1]).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "root"
        install(deb, root)
        check_files(root)
        check_dependencies(deb, root)
        check_programs_run(root, Path(tmp) / "home")
    print(f"package test: {deb.name} installs into a clean root, declares what it loads, and runs")


if __name__ == "__main__":
    main()
