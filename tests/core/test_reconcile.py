"""The plan against OpenAI's Usage and Costs exports, drift worked by hand.

gpt-image-2 (text in $5/M, image out $30/M), prompts of 50 tokens ($0.00025):
  1024x1024 low:  196 tokens  -> 196 * 30 / 1e6 + 0.00025 = $0.00613 an image.
  1536x1024 high: 5,488 tokens -> 5488 * 30 / 1e6 + 0.00025 = $0.16489 an image.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from imgcost_gui.core import Scenario, Stage
from imgcost_gui.core.estimate import UnknownModel
from imgcost_gui.core.reconcile import ReconcileProblem, catalog_id, drift_pct, reconcile
from imgcost_gui.core.storage import FileProblem, load_scenario
from imgcost_gui.core.usage_exports import read_costs_export, read_usage_export

from .helpers import CATALOG

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
DAY = 86400
NOV_1 = 1793491200  # 2026-11-01T00:00:00Z
DEC_1 = NOV_1 + 30 * DAY


def usage_result(images, size="1024x1024", model="gpt-image-2", requests=None):
    return {
        "object": "organization.usage.images.result",
        "images": images,
        "num_model_requests": images if requests is None else requests,
        "model": model,
        "size": size,
        "source": None,
    }


def cost_result(value, line_item="gpt-image-2, output", currency="usd"):
    return {
        "object": "organization.costs.result",
        "amount": {"value": value, "currency": currency},
        "line_item": line_item,
        "project_id": None,
    }


def page(*days, start=NOV_1, has_more=False):
    """One bucket a day from ``start``, each with the results given for that day."""
    return {
        "object": "page",
        "data": [
            {
                "object": "bucket",
                "start_time": start + i * DAY,
                "end_time": start + (i + 1) * DAY,
                "results": list(results),
            }
            for i, results in enumerate(days)
        ],
        "has_more": has_more,
        "next_page": None,
    }


def write(tmp_path, name, value):
    path = tmp_path / name
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


def plan(period="month", **kw):
    return Scenario(
        period=period,
        models=["gpt-image-2"],
        stages=[
            Stage(name="Drafts", requests=3000, quality="low", prompt_tokens=50),
            Stage(name="Finals", requests=600, width=1536, quality="high", prompt_tokens=50),
        ],
        **kw,
    )


def test_the_shipped_examples_reconcile_by_hand():
    scenario, _ = load_scenario(EXAMPLES / "reconcile-scenario.imgcost.json")
    usage = read_usage_export(EXAMPLES / "usage-images.example.json")
    costs = read_costs_export(EXAMPLES / "costs.example.json")
    r = reconcile(scenario, CATALOG, usage, costs)
    # 3 days of a month that starts on 1 November (30 days): scale 0.1.
    assert (r.span_days, r.period_days) == (3, 30)
    assert r.scale == pytest.approx(0.1)
    assert r.priced_on == dt.date(2026, 11, 1)
    (m,) = r.models
    small, large = m.sizes
    assert (small.size, small.planned_images, small.actual_images) == ("1024x1024", 300, 330)
    assert small.images_drift_pct == pytest.approx(10.0)  # (330 - 300) / 300
    assert small.estimated_usd == pytest.approx(300 * 0.00613)
    assert small.estimated_usd_at_actual == pytest.approx(330 * 0.00613)
    assert (large.size, large.planned_images, large.actual_images) == ("1536x1024", 60, 66)
    assert large.estimated_usd == pytest.approx(60 * 0.16489)
    assert m.estimated_usd == pytest.approx(300 * 0.00613 + 60 * 0.16489)  # $11.7324
    # Billed: 0.03 + 4.20 + 0.03 + 4.30 + 0.04 + 4.60 = $13.20 for gpt-image-2.
    assert m.billed_usd == pytest.approx(13.20)
    assert m.usd_drift_pct == pytest.approx((13.20 - 11.7324) / 11.7324 * 100)  # +12.51%
    assert r.unattributed_usd == {"gpt-5, input": pytest.approx(0.85)}


def test_the_plan_scales_to_the_days_of_its_own_period(tmp_path):
    days = [[usage_result(10)]] * 7
    week = read_usage_export(write(tmp_path, "u.json", page(*days)))
    r = reconcile(plan("week"), CATALOG, week)
    # A week is 7 days: the whole plan, 3,000 drafts, against 70 made.
    assert r.scale == 1
    assert r.models[0].sizes[0].planned_images == 3000
    december = read_usage_export(write(tmp_path, "d.json", page(*days, start=DEC_1)))
    r = reconcile(plan("month"), CATALOG, december)
    # A month from 1 December is 31 days: 3,000 * 7 / 31 drafts.
    assert r.period_days == 31
    assert r.models[0].sizes[0].planned_images == pytest.approx(3000 * 7 / 31)


def test_an_export_not_grouped_by_size_is_compared_per_model(tmp_path):
    usage = read_usage_export(
        write(tmp_path, "u.json", page(*[[usage_result(120, size=None)]] * 3))
    )
    (m,) = reconcile(plan(), CATALOG, usage).models
    (row,) = m.sizes
    assert row.size is None
    assert (row.planned_images, row.actual_images) == (pytest.approx(360), 360)
    assert row.images_drift_pct == pytest.approx(0)


def test_a_size_not_planned_shows_its_images_without_a_plan(tmp_path):
    results = [usage_result(330), usage_result(5, size="1024x1536")]
    usage = read_usage_export(write(tmp_path, "u.json", page(results, [], [])))
    sizes = {s.size: s for s in reconcile(plan(), CATALOG, usage).models[0].sizes}
    assert sizes["1024x1536"].planned_images == 0
    assert sizes["1024x1536"].images_drift_pct is None
    assert sizes["1024x1536"].estimated_usd_at_actual is None
    assert sizes["1536x1024"].actual_images == 0
    assert sizes["1536x1024"].images_drift_pct == pytest.approx(-100)


def test_snapshot_names_map_to_catalog_ids():
    assert catalog_id("gpt-image-2-2026-04-21", CATALOG) == "gpt-image-2"
    assert catalog_id("gpt-image-2", CATALOG) == "gpt-image-2"
    assert catalog_id("dall-e-9", CATALOG) is None


def test_costs_attribute_by_the_first_word_of_a_line_item(tmp_path):
    usage = read_usage_export(write(tmp_path, "u.json", page([usage_result(100)], [], [])))
    items = [
        cost_result(1.5, "gpt-image-2-2026-04-21, output"),
        cost_result(0.25, "gpt-image-2, input"),
        cost_result(2, "gpt-image-1-mini, output"),
        cost_result(0.5, None),
    ]
    costs = read_costs_export(write(tmp_path, "c.json", page(items, [], [])))
    r = reconcile(plan(), CATALOG, usage, costs)
    assert r.models[0].billed_usd == pytest.approx(1.75)
    assert r.unattributed_usd == {
        "gpt-image-1-mini, output": pytest.approx(2),
        "(no line item)": pytest.approx(0.5),
    }


def test_models_the_plan_does_not_name_are_left_out_and_said(tmp_path):
    results = [usage_result(100), usage_result(40, model="gpt-image-1.5")]
    usage = read_usage_export(write(tmp_path, "u.json", page(results, [], [])))
    r = reconcile(plan(), CATALOG, usage)
    assert [m.model for m in r.models] == ["gpt-image-2"]
    assert any("gpt-image-1.5 (40 images)" in n for n in r.notes)
    both = reconcile(plan(), CATALOG, usage, models=["gpt-image-2", "gpt-image-1.5"])
    assert [m.model for m in both.models] == ["gpt-image-2", "gpt-image-1.5"]
    assert any("compared with the whole plan" in n for n in both.notes)


def test_a_model_the_catalog_lacks_is_refused(tmp_path):
    usage = read_usage_export(write(tmp_path, "u.json", page([usage_result(1, model="dall-e-9")])))
    with pytest.raises(UnknownModel, match="dall-e-9"):
        reconcile(Scenario(stages=[Stage()]), CATALOG, usage)
    with pytest.raises(UnknownModel, match="nope"):
        reconcile(plan(), CATALOG, usage, models=["nope"])
    with pytest.raises(ReconcileProblem, match="no images for gpt-image-2"):
        reconcile(plan(), CATALOG, usage)


def test_an_export_with_more_pages_says_so(tmp_path):
    usage = read_usage_export(write(tmp_path, "u.json", page([usage_result(1)], has_more=True)))
    assert any("has_more" in n for n in reconcile(plan(), CATALOG, usage).notes)


def test_pages_as_json_lines_add_up(tmp_path):
    path = tmp_path / "pages.jsonl"
    first = page([usage_result(10)], has_more=True)
    second = page([usage_result(20)], start=NOV_1 + DAY)
    path.write_text(json.dumps(first) + "\n" + json.dumps(second) + "\n", encoding="utf-8")
    usage = read_usage_export(path)
    assert usage.span.days == 2
    assert sum(r.images for r in usage.rows) == 30


def test_drift_pct():
    assert drift_pct(110, 100) == pytest.approx(10)
    assert drift_pct(90, 100) == pytest.approx(-10)
    assert drift_pct(5, 0) is None
    assert drift_pct(None, 10) is None


@pytest.mark.parametrize(
    ("value", "reader", "message"),
    [
        (page([cost_result(1)]), read_usage_export, "not 'organization.usage.images.result'"),
        (page([usage_result(1)]), read_costs_export, "not 'organization.costs.result'"),
        (page([dict(usage_result(1), model=None)]), read_usage_export, "group_by=model"),
        (page([dict(usage_result(1), images=-3)]), read_usage_export, "whole 'images'"),
        (page([cost_result(1, currency="eur")]), read_costs_export, "US dollars"),
        (page([cost_result(True)]), read_costs_export, "amount.value"),
        ({"object": "page", "data": []}, read_usage_export, "no buckets"),
        ({"hello": 1}, read_usage_export, "not a page of buckets"),
        (page([]), read_usage_export, "no usage results"),
        (
            {"data": [{"start_time": 5, "end_time": 10, "results": [usage_result(1)]}]},
            read_usage_export,
            "not a Unix time",
        ),
    ],
)
def test_bad_exports_are_refused_with_one_line(tmp_path, value, reader, message):
    with pytest.raises(FileProblem, match=message) as e:
        reader(write(tmp_path, "bad.json", value))
    assert "\n" not in e.value.message
