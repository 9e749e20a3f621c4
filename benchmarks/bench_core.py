"""How long one full estimate takes: the app re-estimates on every keystroke.

Builds a five-stage scenario (varied sizes and qualities, edits with reference
images, batch, auto quality), loads the shipped catalog once, then times
``estimate()`` over every active model ("all") and over every model including
retired ones. Then the scale case: a generated catalog of 500 models and a
ten-stage scenario, priced from scratch and, with an ``EstimateMemo`` as the
app keeps one, after an edit to one stage (the app's keystroke). Last, the
core's start in fresh interpreters (what the window waits for before its first
paint): pydantic alone, importing the core, reading the shipped catalog, the
user's catalog and a scenario, the first estimate. Prints one line each;
exits 0. Targets: a memoised edit under one frame (16 ms) at 500
models; per (model, stage) pricing cost is printed so catalog growth can be
told from a slower core.

    python benchmarks/bench_core.py [--runs 200] [--warmup 20] [--start-runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from imgcost_gui.core import (  # noqa: E402
    PriceCatalog,
    ReferenceImages,
    Scenario,
    Stage,
    estimate,
    load_shipped_catalog,
)
from imgcost_gui.core.memo import EstimateMemo  # noqa: E402

#: One frame: an edit must show new numbers within it.
FRAME_MS = 16.0
SCALE_MODELS = 500


def five_stage_scenario() -> Scenario:
    return Scenario(
        name="Benchmark: product catalogue",
        stages=[
            Stage(name="Drafts", requests=2000, width=1024, height=1024, quality="low"),
            Stage(
                name="Edits",
                requests=400,
                width=1024,
                height=1536,
                quality="medium",
                mode="edit",
                references=ReferenceImages(count=2, width=2048, height=1365, high_fidelity=True),
                cached_image_share=0.3,
                prompt_tokens=300,
            ),
            Stage(
                name="Batch finals",
                requests=300,
                width=1536,
                height=1024,
                quality="high",
                batch=True,
                retry_multiplier=1.2,
                failure_rate=0.05,
            ),
            Stage(
                name="Hero shots",
                jobs=25,
                images_per_job=4,
                width=2048,
                height=2048,
                quality="auto",
                auto_assumes="high",
                partial_images=2,
            ),
            Stage(
                name="Banners",
                requests=150,
                outputs_per_request=2,
                width=3840,
                height=1280,
                quality="medium",
                mode="edit",
                references=ReferenceImages(count=1, width=1024, height=1024, measured_tokens=900),
            ),
        ],
    )


def time_ns(fn: Callable[[], object], runs: int, warmup: int) -> list[int]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        fn()
        samples.append(time.perf_counter_ns() - start)
    return samples


def summary(samples: list[int]) -> tuple[float, float]:
    ordered = sorted(samples)
    median = statistics.median(ordered) / 1e6
    p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))] / 1e6
    return median, p90


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument(
        "--start-runs", type=int, default=7, help="fresh interpreters for the start (0: skip)"
    )
    args = parser.parse_args(argv)

    t0 = time.perf_counter_ns()
    catalog: PriceCatalog = load_shipped_catalog()
    load_ms = (time.perf_counter_ns() - t0) / 1e6
    scenario = five_stage_scenario()
    every_id = [m.id for m in catalog.models]
    n_active = len(estimate(scenario, catalog, ["all"]))

    active = summary(time_ns(lambda: estimate(scenario, catalog, ["all"]), args.runs, args.warmup))
    everything = summary(
        time_ns(lambda: estimate(scenario, catalog, every_id), args.runs, args.warmup)
    )
    per_pair_us = everything[0] * 1000 / (len(every_id) * len(scenario.stages))
    print(
        f"estimate() 5 stages, {args.runs} runs: "
        f"all {n_active} active models median {active[0]:.3f} ms p90 {active[1]:.3f} ms; "
        f"all {len(every_id)} models median {everything[0]:.3f} ms p90 {everything[1]:.3f} ms "
        f"({per_pair_us:.1f} us per model and stage); catalog load {load_ms:.1f} ms"
    )
    scale(catalog, max(20, args.runs // 10))
    if args.start_runs:
        start(args.start_runs)
    return 0


#: Run in a fresh interpreter: milliseconds for each step of the core's start.
START = """
import json, time
t = [time.perf_counter()]
STEPS
print(json.dumps([round((b - a) * 1000, 2) for a, b in zip(t, t[1:])]))
"""
PYDANTIC_ALONE = [
    "from pydantic import BaseModel, Field",
    "class One(BaseModel):\n    n: int = Field(1, ge=0)\nOne()",
]
CORE_START = [
    "import imgcost_gui.core as core",
    "shipped = core.load_shipped_catalog()",
    "user = core.UserCatalog(shipped, load=False); scenario = core.Scenario()",
    "core.estimate(scenario, user.catalog)",
]


def _fresh(steps: list[str], runs: int) -> list[float]:
    """Median milliseconds of each step, each run in a fresh interpreter."""
    code = START.replace("STEPS", "\n".join(f"{s}\nt.append(time.perf_counter())" for s in steps))
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    # An installed app starts from compiled bytecode: let the first run write it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp()
    samples = []
    for _ in range(runs + 1):  # the first run compiles and warms the file cache
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
        )
        samples.append(json.loads(done.stdout))
    return [statistics.median(step) for step in zip(*samples[1:], strict=True)]


def start(runs: int) -> None:
    """The core's start, as the window waits for it, against pydantic's own."""
    floor = sum(_fresh(PYDANTIC_ALONE, runs))
    imp, shipped, user, first = _fresh(CORE_START, runs)
    print(
        f"start, fresh interpreters, median of {runs}: pydantic alone {floor:.0f} ms; "
        f"import core {imp:.0f} ms, shipped catalog {shipped:.0f} ms, user catalog and "
        f"scenario {user:.0f} ms, first estimate {first:.0f} ms: "
        f"{imp + shipped + user + first:.0f} ms in all"
    )


def big_catalog(catalog: PriceCatalog, n: int) -> PriceCatalog:
    """``n`` models made by copying the shipped ones under new ids (a price update's size)."""
    models = []
    i = 0
    while len(models) < n:
        for m in catalog.models:
            if len(models) == n:
                break
            models.append(m.model_copy(update={"id": f"{m.id}-copy{i}", "family": m.family}))
        i += 1
    return PriceCatalog(checked=catalog.checked, models=models)


def ten_stages() -> Scenario:
    five = five_stage_scenario().stages
    more = [s.model_copy(update={"name": f"{s.name} (again)"}) for s in five]
    return Scenario(name="Benchmark: ten stages", stages=[*five, *more])


def scale(catalog: PriceCatalog, runs: int) -> None:
    big = big_catalog(catalog, SCALE_MODELS)
    ids = [m.id for m in big.models]
    sc = ten_stages()
    fresh = summary(time_ns(lambda: estimate(sc, big, ids), runs, 2))
    memo = EstimateMemo()
    estimate(sc, big, ids, memo=memo)
    counter = iter(range(10**9))

    def one_edit() -> None:
        sc.stages[0].requests = 1000 + next(counter)  # a keystroke in one stage
        estimate(sc, big, ids, memo=memo)

    edit = summary(time_ns(one_edit, runs, 2))
    verdict = "OK" if edit[1] < FRAME_MS else f"OVER one frame ({FRAME_MS:g} ms)"
    print(
        f"scale: {SCALE_MODELS} models x 10 stages, {runs} runs: from scratch median "
        f"{fresh[0]:.1f} ms; one stage edited, memoised: median {edit[0]:.1f} ms "
        f"p90 {edit[1]:.1f} ms ({fresh[0] / edit[0]:.1f}x faster); {verdict}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
