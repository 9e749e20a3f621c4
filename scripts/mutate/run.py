"""Mutation testing of ImgCost's pure layers (core, workspace), in memory, on a copy of the repo.

    cd /tmp/mut/repo && export PYTHONPATH=$PWD   # a copy: git archive HEAD imgcost_gui tests resources pyproject.toml
    python /tmp/mut/tool/run.py cover  tests/core tests/cli     # which tests reach which lines
    python /tmp/mut/tool/run.py mutate tests/core tests/cli --modules billing,schemes.token --out res.json
    # the workspace layer: --package workspace (cover and mutate alike)
    python /tmp/mut/tool/run.py cover  tests/workspace --package workspace --out ws-cover.json
    python /tmp/mut/tool/run.py mutate tests/workspace --package workspace --cover ws-cover.json --modules answer,text

``cover`` runs every test once under a line tracer and saves, per test, the lines of
the target modules it executed and its duration (cover.json).
``mutate`` collects the tests once, then for each mutant forks: the child swaps the
mutated function's code in, runs only the tests that executed the mutated line
(fastest first, stopping at the first failure, like -x), and exits 1 if one failed.
A child that overruns 5 s + 3x the tests' baseline time is killed and counted as killed.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest
from _pytest.runner import runtestprotocol

sys.path.insert(0, str(Path(__file__).parent))
from mutants import Mutant, apply_mutant, enumerate_mutants  # noqa: E402

ROOT = Path.cwd()
#: Which test killed each mutant, and how (one file a mutant).
KILLS = ROOT.parent / "kills"  # /tmp/mut/kills beside /tmp/mut/repo
TOOL = Path(__file__).parent
#: The modules of each package mutated by default (``--package``, core unless told).
PACKAGES = {
    "core": [
        "billing", "schemes.token", "schemes.per_image", "schemes.per_megapixel",
        "schemes.fixed_token", "schemes.subscription", "memo", "tokens", "compare", "calendar", "prices", "estimate",
        "sizes", "migrations", "overrides", "layered", "overrides_file", "catalog", "pricing", "results",
    ],
    "workspace": [
        "answer", "column", "columns", "comparison", "tips", "text", "lifecycle", "state",
        "charts", "cells", "volume", "scales", "cost_time", "labels", "export",
    ],
}


def target_files(package, modules):
    return {str(ROOT / "imgcost_gui" / package / f"{m.replace('.', '/')}.py"): m for m in modules}


class Cover:
    def __init__(self, package, modules, out):
        self.files = target_files(package, modules)
        self.out = out

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session):
        files = self.files
        data = {}
        for i, item in enumerate(session.items):
            nxt = session.items[i + 1] if i + 1 < len(session.items) else None
            lines: set = set()

            def local(frame, event, arg, _lines=lines):
                if event == "line":
                    _lines.add((files[frame.f_code.co_filename], frame.f_lineno))
                return local

            def glob(frame, event, arg):
                if frame.f_code.co_filename in files:
                    return local
                return None

            t0 = time.perf_counter()
            sys.settrace(glob)
            try:
                reports = runtestprotocol(item, nextitem=nxt, log=False)
            finally:
                sys.settrace(None)
            dt = time.perf_counter() - t0
            ok = not any(r.failed for r in reports)
            data[item.nodeid] = {"t": dt, "ok": ok, "lines": sorted(lines)}
        Path(self.out).write_text(json.dumps(data))
        return True


def _clear_size_caches():
    from imgcost_gui.core.sizes import _CachedCheck

    for obj in gc.get_objects():
        if isinstance(obj, _CachedCheck):
            obj.__dict__.pop("_answers", None)
            obj.__dict__.pop("parsed", None)


class Mutate:
    def __init__(self, package, modules, cover, out, jobs, only):
        self.package = package
        self.modules = modules
        self.cover = json.loads(Path(cover).read_text())
        self.out = out
        self.jobs = jobs
        self.only = only

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session):
        by_line: dict = {}
        for nodeid, d in self.cover.items():
            if d["ok"]:
                for mod, line in d["lines"]:
                    by_line.setdefault((mod, line), set()).add(nodeid)
        items = {it.nodeid: it for it in session.items}
        # Create the tmp_path base folder once, here: two children creating it at
        # once would fail each other's tests and count mutants as killed.
        session.config._tmp_path_factory.getbasetemp()
        mutants = []
        for mod in self.modules:
            mutants += enumerate_mutants(f"imgcost_gui.{self.package}.{mod}", ROOT)
        if self.only:
            mutants = [m for m in mutants if any(m.id.startswith(o) for o in self.only)]
        results = {}
        queue = []
        for m in mutants:
            short = m.module.removeprefix(f"imgcost_gui.{self.package}.")
            ids = set()
            for line in range(m.line, m.end_line + 1):
                ids |= by_line.get((short, line), set())
            sel = sorted((i for i in ids if i in items), key=lambda i: self.cover[i]["t"])
            if not sel:
                results[m.id] = {"status": "no_tests", "m": m.__dict__}
                continue
            queue.append((m, sel))
        print(f"{len(mutants)} mutants, {len(queue)} with tests", flush=True)
        running: dict[int, tuple] = {}
        done = 0
        t_start = time.time()
        while queue or running:
            while queue and len(running) < self.jobs:
                m, sel = queue.pop(0)
                budget = 5 + 3 * sum(self.cover[i]["t"] for i in sel)
                pid = os.fork()
                if pid == 0:
                    self._child(m, [items[i] for i in sel])
                running[pid] = (m, sel, time.time() + budget, time.time())
            for pid, (m, sel, deadline, t0) in list(running.items()):
                got, status = os.waitpid(pid, os.WNOHANG)
                if got == 0:
                    if time.time() > deadline:
                        os.kill(pid, signal.SIGKILL)
                        os.waitpid(pid, 0)
                        results[m.id] = {"status": "timeout", "m": m.__dict__}
                        del running[pid]
                        done += 1
                    continue
                code = os.waitstatus_to_exitcode(status)
                st = {0: "survived", 1: "killed", 3: "error"}.get(code, f"exit{code}")
                results[m.id] = {"status": st, "m": m.__dict__, "tests": len(sel),
                                 "t": round(time.time() - t0, 2)}
                kill = KILLS / m.id.replace("/", "_")
                if st == "killed" and kill.exists():
                    results[m.id]["by"] = kill.read_text().splitlines()[0]
                del running[pid]
                done += 1
                if done % 25 == 0:
                    print(f"{done}/{len(mutants)} {time.time() - t_start:.0f}s", flush=True)
            time.sleep(0.005)
        Path(self.out).write_text(json.dumps(results, indent=1))
        return True

    def _child(self, m: Mutant, sel):
        code = 3
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            try:
                apply_mutant(m, ROOT)
            except Exception:
                os._exit(3)
            if m.module == "imgcost_gui.core.sizes":
                _clear_size_caches()
            # Each child numbers its tmp_path folders in a folder of its own, so two
            # children never race for the same name.
            factory = sel[0].config._tmp_path_factory
            own = factory.getbasetemp() / f"child-{os.getpid()}"
            own.mkdir()
            factory._basetemp = own
            code = 0
            for i, item in enumerate(sel):
                nxt = sel[i + 1] if i + 1 < len(sel) else None
                reports = runtestprotocol(item, nextitem=nxt, log=False)
                failed = [r for r in reports if r.failed]
                if failed:
                    code = 1
                    KILLS.mkdir(exist_ok=True)
                    (KILLS / m.id.replace("/", "_")).write_text(
                        f"{item.nodeid}\n{failed[0].longreprtext[-3000:]}"
                    )
                    break
        except BaseException as e:
            code = 1
            KILLS.mkdir(exist_ok=True)
            (KILLS / m.id.replace("/", "_")).write_text(f"child error: {e!r}")
        os._exit(code)


def main():
    import imgcost_gui

    assert Path(imgcost_gui.__file__).is_relative_to(ROOT), (
        f"imgcost_gui comes from {imgcost_gui.__file__}, not the copy {ROOT}: set PYTHONPATH"
    )
    mode = sys.argv[1]
    args = sys.argv[2:]
    opts = {}
    rest = []
    it = iter(args)
    for a in it:
        if a.startswith("--"):
            opts[a[2:]] = next(it)
        else:
            rest.append(a)
    package = opts.get("package", "core")
    modules = opts.get("modules", ",".join(PACKAGES[package])).split(",")
    base = ["-q", "-p", "no:cacheprovider", "--basetemp", opts.get("basetemp", "/tmp/mut/bt"), *rest]
    if mode == "cover":
        plugin = Cover(package, PACKAGES[package], opts.get("out", "/tmp/mut/cover.json"))
    else:
        only = opts.get("only", "").split(",") if opts.get("only") else []
        plugin = Mutate(package, modules, opts.get("cover", "/tmp/mut/cover.json"),
                        opts.get("out", "/tmp/mut/results.json"), int(opts.get("jobs", "2")), only)
    sys.exit(pytest.main(base, plugins=[plugin]))


if __name__ == "__main__":
    main()
