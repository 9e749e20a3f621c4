"""A scenario's limits are part of its schema: a file that looks in range but is
impossible is refused by name, the limits are in the JSON schema, and the
biggest scenario allowed still prices."""

import json
from decimal import Decimal

import pytest
from pydantic import ValidationError

from imgcost_gui.core import (
    FileProblem,
    ReferenceImages,
    ResponsesOverhead,
    Scenario,
    Stage,
    load_scenario,
)
from imgcost_gui.core.scenario import MAX_REQUESTS

from .helpers import CATALOG
from .scenario_files import write


def stage_file(tmp_path, **stage):
    return write(tmp_path, json.dumps({"schema_version": 1, "stages": [stage]}))


@pytest.mark.parametrize(
    "stage, words",
    [
        ({"jobs": 10**12, "images_per_job": 10**12}, "jobs x images_per_job"),
        ({"references": {"count": 10**18}}, "references, count"),
        ({"references": {"count": 2, "width": 10**30}}, "number with 31 digits"),
        ({"references": {"count": 2, "height": 10**20}}, "references, height"),
        ({"prompt_tokens": 10**12}, "prompt_tokens"),
        ({"responses": {"input_usd_per_m": "1e308"}}, "input_usd_per_m"),
    ],
)
def test_in_range_looking_but_impossible_stages_are_refused(tmp_path, stage, words):
    with pytest.raises(FileProblem, match=words):
        load_scenario(stage_file(tmp_path, name="Drafts", **stage))


def test_the_request_limit_holds_for_jobs_too():
    Stage(jobs=10**6, images_per_job=10**6)  # exactly the limit
    with pytest.raises(ValidationError, match=f"{MAX_REQUESTS:,}"):
        Stage(jobs=10**6 + 1, images_per_job=10**6)
    stage = Stage(jobs=10**6)
    with pytest.raises(ValidationError):
        stage.images_per_job = 10**7  # the form assigns one field at a time


def test_scenario_wide_limits(tmp_path):
    with pytest.raises(ValidationError, match="budget_usd"):
        Scenario(budget_usd=Decimal("1e308"))
    with pytest.raises(ValidationError, match="at most 100 items"):
        Scenario(stages=[Stage(name=f"s{i}") for i in range(101)])
    with pytest.raises(ValidationError, match="at most 200 characters"):
        Scenario(name="x" * 201)


def test_the_limits_are_in_the_json_schema():
    schema = Scenario.model_json_schema()
    stage = schema["$defs"]["Stage"]["properties"]
    refs = schema["$defs"]["ReferenceImages"]["properties"]
    assert schema["properties"]["stages"]["maxItems"] == 100
    assert stage["prompt_tokens"]["maximum"] == 10**7
    assert refs["count"]["maximum"] == 16 and refs["width"]["maximum"] == 20000
    assert "1,000,000,000,000" in stage["jobs"]["description"]  # the product's limit, in words


def test_the_biggest_scenario_allowed_still_prices(tmp_path):
    """Every limit at once: estimates stay finite numbers, never an OverflowError."""
    from imgcost_gui.core import estimate

    biggest = Stage(
        name="Everything",
        jobs=10**6,
        images_per_job=10**6,
        outputs_per_request=10,
        width=20000,
        height=20000,
        quality="high",
        mode="edit",
        references=ReferenceImages(count=16, width=20000, height=20000, high_fidelity=True),
        prompt_tokens=10**7,
        retry_multiplier=100,
        failure_rate=0.999999,
        responses=ResponsesOverhead(
            input_tokens=10**7,
            output_tokens=10**7,
            input_usd_per_m=Decimal(10**6),
            output_usd_per_m=Decimal(10**6),
        ),
    )
    supported = biggest.model_copy(update={"name": "Supported size", "width": 1024, "height": 1024})
    scenario = Scenario(stages=[biggest, supported], budget_usd=Decimal(10**12))
    results = estimate(scenario, CATALOG)
    assert any(s.total_usd for r in results for s in r.stages)
    for r in results:
        json.dumps(r.to_dict(), allow_nan=False, default=str)  # no inf, no NaN
