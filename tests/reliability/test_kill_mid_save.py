"""SIGKILL in the middle of saves, hundreds of times per kind of file: every file
still loads afterwards (the old version or the new, never half of one), and the
temp files the kills leave go at the next save.

A small fork server imports the core once and forks one saver per kill, so a
kill costs milliseconds instead of a Python start.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from imgcost_gui.core import Scenario, Stage, load_scenario, save_scenario
from imgcost_gui.core.storage import atomic_write_text

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="SIGKILL and fork are POSIX"),
]

KILLS = 250

SERVER = textwrap.dedent(
    """
    import json, os, signal, sys
    from pathlib import Path
    from imgcost_gui.core import Scenario, Stage, save_scenario
    from imgcost_gui.core.storage import atomic_write_text

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the killed savers
    VERSIONS = {
        "scenario": [
            Scenario(name=name, stages=[Stage(name=f"{name} {i}", requests=i) for i in range(100)])
            for name in ("A", "B")
        ],
        "overrides": [
            json.dumps({"schema_version": 2, "prices": {f"model-{i}": {"image_out": str(n + i)}
                        for i in range(400)}}, indent=2) + "\\n"
            for n in (25, 40)
        ],
    }
    for line in sys.stdin:
        kind, path = line.split(maxsplit=1)
        path = Path(path.strip())
        pid = os.fork()
        if pid:
            print(pid, flush=True)
            continue
        n = 0
        while True:  # save, save, save, until killed
            version = VERSIONS[kind][n % 2]
            if kind == "scenario":
                save_scenario(version, path)
            else:
                atomic_write_text(path, version)
            n += 1
    """
)


def versions(kind: str) -> list[object]:
    if kind == "scenario":
        return [
            Scenario(name=name, stages=[Stage(name=f"{name} {i}", requests=i) for i in range(100)])
            for name in ("A", "B")
        ]
    return [
        {
            "schema_version": 2,
            "prices": {f"model-{i}": {"image_out": str(n + i)} for i in range(400)},
        }
        for n in (25, 40)
    ]


def read(kind: str, path: Path) -> object:
    if kind == "scenario":
        return load_scenario(path)[0]
    return json.loads(path.read_text(encoding="utf-8"))


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture(scope="module")
def fork_server():  # noqa: ANN201
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    yield server
    server.stdin.close()
    server.wait(timeout=30)


@pytest.mark.parametrize("kind", ["scenario", "overrides"])
def test_kills_mid_save_never_leave_a_broken_file(fork_server, tmp_path, kind, record_property):
    folder = tmp_path / "data"
    path = folder / ("plan.imgcost.json" if kind == "scenario" else "price-overrides.json")
    good = versions(kind)
    if kind == "scenario":
        save_scenario(good[0], path)
    else:
        atomic_write_text(path, json.dumps(good[0]))
    rng = random.Random(2026)
    start = time.monotonic()
    seen: set[int] = set()
    temps: set[str] = set()
    mid_write = 0
    for _ in range(KILLS):
        fork_server.stdin.write(f"{kind} {path}\n")
        pid = int(fork_server.stdout.readline())
        time.sleep(rng.uniform(0.001, 0.02))  # somewhere in a save: writing, fsync, replace
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while not gone(pid):
            assert time.monotonic() < deadline, f"saver {pid} outlived its SIGKILL"
            time.sleep(0.001)
        value = read(kind, path)  # a FileProblem or a JSON error here is the failure
        assert value in good
        seen.add(good.index(value))
        now = {p.name for p in folder.iterdir() if p.name.endswith(".tmp")}
        mid_write += bool(now - temps)  # this kill cut a write short
        temps = now
    elapsed = time.monotonic() - start
    assert seen == {0, 1}, "the savers never got to write both versions"
    assert mid_write >= KILLS // 10, "few kills landed mid-write: the campaign proves little"

    # the temp files the kills left are older than a minute by the next save
    old = time.time() - 120
    for name in temps:
        os.utime(folder / name, (old, old))
    if kind == "scenario":
        save_scenario(good[1], path)
    else:
        atomic_write_text(path, json.dumps(good[1]))
    assert [p.name for p in folder.iterdir()] == [path.name]  # no temp file left
    assert read(kind, path) == good[1]
    figures = {
        "kind": kind,
        "kills": KILLS,
        "files_checked": KILLS + 1,
        "kills_mid_write": mid_write,
        "temp_files_removed_by_the_next_save": len(temps),
        "seconds": round(elapsed, 1),
    }
    record_property("campaign", figures)
    print(f"\nkill campaign: {figures}")
