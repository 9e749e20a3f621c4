"""Calibration from hand-written responses in the Images and Responses APIs' shape.

gpt-image-2's published closed form, worked by hand:
  1024x1024 medium (q=48): s = (2*48*1024 + 1024) // 2048 = 48;
    ceil(48 * 48 * (2,000,000 + 1,048,576) / 4,000,000) = ceil(1,755.98) = 1,756.
  1536x1024 high (q=96): s = (2*96*1024 + 1536) // 3072 = 64;
    ceil(96 * 64 * (2,000,000 + 1,572,864) / 4,000,000) = ceil(5,487.92) = 5,488.
A 1024x1024 reference image (tiles, always high fidelity): shrunk to 512x512, one
tile: 65 + 129 + 4,160 = 4,354 tokens.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from imgcost_gui.core import Scenario, UserCatalog, estimate
from imgcost_gui.core.calibration import (
    References,
    calibrate,
    measured_outputs,
    percentile,
    read_responses,
)
from imgcost_gui.core.saved_responses import NoUsage
from imgcost_gui.core.sizes import Size
from imgcost_gui.core.storage import FileProblem

from .helpers import CATALOG, stage

GPT2 = CATALOG.get("gpt-image-2")


def images_body(size, quality, out, images=1, image_in=0, text_in=40):
    return {
        "created": 1793491260,
        "background": "opaque",
        "output_format": "png",
        "size": size,
        "quality": quality,
        "data": [{"b64_json": "iVBORw0KGgo="} for _ in range(images)],
        "usage": {
            "input_tokens": text_in + image_in,
            "input_tokens_details": {"text_tokens": text_in, "image_tokens": image_in},
            "output_tokens": out,
            "total_tokens": text_in + image_in + out,
        },
    }


def responses_body(size, quality, out, *, tool_usage=True, calls=1):
    body = {
        "id": "resp_1",
        "object": "response",
        "created_at": 1793491560,
        "status": "completed",
        "model": "gpt-5",
        "output": [
            {
                "type": "image_generation_call",
                "id": f"ig_{i}",
                "status": "completed",
                "size": size,
                "quality": quality,
                "result": "iVBORw0KGgo=",
            }
            for i in range(calls)
        ]
        + [{"type": "message", "id": "msg_1", "role": "assistant", "content": []}],
        "usage": {
            "input_tokens": 1200,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": 80,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": 1280,
        },
    }
    if tool_usage:
        body["tool_usage"] = {
            "image_gen": {
                "input_tokens": 60,
                "input_tokens_details": {"text_tokens": 60, "image_tokens": 0},
                "output_tokens": out,
                "output_tokens_details": {"text_tokens": 0, "image_tokens": out},
                "total_tokens": 60 + out,
            }
        }
    return body


def jsonl(tmp_path, bodies, name="responses.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(b) for b in bodies) + "\n", encoding="utf-8")
    return path


def test_percentile_is_nearest_rank():
    values = list(range(1, 21))  # 1..20
    assert percentile(values, 5) == 1  # rank ceil(0.05 * 20) = 1
    assert percentile(values, 95) == 19  # rank ceil(0.95 * 20) = 19
    ten = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    assert percentile(ten, 5) == 10  # rank ceil(0.5) = 1
    assert percentile(ten, 95) == 100  # rank ceil(9.5) = 10
    assert percentile([7], 95) == 7


def test_groups_means_and_spreads_by_hand(tmp_path):
    bodies = [
        images_body("1024x1024", "medium", 1700),
        images_body("1024x1024", "medium", 1820),
        images_body("1536x1024", "high", 5300),
        images_body("1024x1024", "medium", 1760),
        images_body("1536x1024", "high", 5500),
    ]
    found = read_responses(jsonl(tmp_path, bodies))
    medium, high = calibrate(found.found, GPT2)
    assert (str(medium.size), medium.quality, medium.responses) == ("1024x1024", "medium", 3)
    # (1700 + 1820 + 1760) / 3 = 1760; of 3 values p5 is rank 1, p95 rank 3.
    assert medium.output_tokens.mean == pytest.approx(1760)
    assert (medium.output_tokens.p5, medium.output_tokens.p95) == (1700, 1820)
    assert medium.output_tokens_estimated == 1756
    assert medium.output_ratio == pytest.approx(1760 / 1756)
    assert (str(high.size), high.quality, high.responses) == ("1536x1024", "high", 2)
    assert high.output_tokens.mean == pytest.approx(5400)  # (5300 + 5500) / 2
    assert high.output_tokens_estimated == 5488
    assert high.input_image_tokens is None
    assert high.why_no_input_estimate == "no response sent reference images"


def test_output_tokens_of_a_request_are_shared_by_its_images(tmp_path):
    # n=2: 3,480 tokens are two images of 1,740; with one image of 1,700 the
    # mean is (1740 + 1740 + 1700) / 3 = 1,726.67 over 3 images from 2 responses.
    bodies = [
        images_body("1024x1024", "medium", 3480, images=2),
        images_body("1024x1024", "medium", 1700),
    ]
    (group,) = calibrate(read_responses(jsonl(tmp_path, bodies)).found, GPT2)
    assert (group.responses, group.images) == (2, 3)
    assert group.output_tokens.mean == pytest.approx(5180 / 3)
    assert (group.output_tokens.p5, group.output_tokens.p95) == (1700, 1740)


def test_reference_images_are_measured_and_estimated_when_told(tmp_path):
    bodies = [
        images_body("1024x1024", "medium", 1750, image_in=4400),
        images_body("1024x1024", "medium", 1750, image_in=4600),
        images_body("1024x1024", "medium", 1750),  # sent none: not counted for input
    ]
    found = read_responses(jsonl(tmp_path, bodies)).found
    (blind,) = calibrate(found, GPT2)
    assert blind.input_image_requests == 2
    assert blind.input_image_tokens.mean == pytest.approx(4500)
    assert blind.input_image_tokens_estimated is None
    assert "does not say how many reference images" in blind.why_no_input_estimate
    (told,) = calibrate(found, GPT2, References(1, Size(1024, 1024)))
    assert told.input_image_tokens_estimated == 4354
    assert told.input_image_ratio == pytest.approx(4500 / 4354)


def test_responses_api_bodies_use_the_image_tools_usage(tmp_path):
    bodies = [
        responses_body("1536x1024", "high", 5500),
        responses_body("1536x1024", "high", 10800, calls=2),  # 5,400 each
        responses_body("1536x1024", "high", 80, tool_usage=False),  # whole response: 80
    ]
    found = read_responses(jsonl(tmp_path, bodies))
    (group,) = calibrate(found.found, GPT2)
    assert (group.responses, group.images) == (3, 4)
    assert group.output_tokens.mean == pytest.approx((5500 + 5400 + 5400 + 80) / 4)
    assert group.notes and "whole Responses API response" in group.notes[0]
    assert {r.api for r in found.found} == {"responses"}


def test_a_json_list_and_a_pretty_printed_body_are_read(tmp_path):
    path = tmp_path / "list.json"
    path.write_text(json.dumps([images_body("1024x1024", "low", 190)], indent=2), encoding="utf-8")
    assert read_responses(path).found[0].output_tokens == 190
    path.write_text(json.dumps(images_body("1024x1024", "low", 200), indent=2), encoding="utf-8")
    assert read_responses(path).found[0].output_tokens == 200


def test_bodies_without_usage_size_or_quality_are_left_out_and_counted(tmp_path):
    no_echo = images_body("1024x1024", "medium", 1700)
    del no_echo["size"]
    bodies = [images_body("1024x1024", "medium", 1700), {"created": 1, "data": [{}]}, no_echo]
    found = read_responses(jsonl(tmp_path, bodies))
    assert len(found.found) == 1
    assert found.skipped == {
        "no usage block": 1,
        "no size and quality in the body (only GPT Image models echo them)": 1,
    }


def test_a_file_without_usage_is_refused(tmp_path):
    path = jsonl(tmp_path, [{"created": 1, "data": [{"url": "https://example.com/a.png"}]}])
    with pytest.raises(NoUsage, match="no response with a usage block"):
        read_responses(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json at all\n", "not valid JSON"),
        ("[" * 100 + "]" * 100, "nests deeper than 64 levels"),
        ('{"usage": {"output_tokens": 1' + "0" * 40 + "}}\n", "41 digits"),  # 1 and forty 0s
        ('{"usage": {"output_tokens": NaN}}\n', "NaN"),
        ("", "empty"),
    ],
)
def test_hostile_files_are_refused_with_one_line(tmp_path, text, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileProblem, match=message) as e:
        read_responses(path)
    assert "\n" not in e.value.message


def test_a_deep_line_in_json_lines_is_refused_by_its_number(tmp_path):
    good = json.dumps(images_body("1024x1024", "low", 190))
    path = tmp_path / "deep.jsonl"
    path.write_text(good + "\n" + "[" * 70 + "]" * 70 + "\n", encoding="utf-8")
    with pytest.raises(FileProblem, match="line 2: the JSON nests deeper"):
        read_responses(path)


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path, monkeypatch):
    from imgcost_gui.core import api_files

    monkeypatch.setattr(api_files, "MAX_BYTES", 100)
    path = jsonl(tmp_path, [images_body("1024x1024", "low", 190)])
    with pytest.raises(FileProblem, match="over 0 MB"):
        read_responses(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(FileProblem, match="does not exist"):
        read_responses(tmp_path / "nope.jsonl")
    with pytest.raises(FileProblem, match="not a file"):
        read_responses(tmp_path)


def test_measured_outputs_round_and_are_used_by_estimates_then_reset(tmp_path):
    bodies = [
        images_body("1024x1024", "medium", 3481, images=2),  # 1,740.5 each
        images_body("1024x1024", "medium", 1700),
    ]
    groups = calibrate(read_responses(jsonl(tmp_path, bodies)).found, GPT2)
    kept = measured_outputs(groups, "responses.jsonl", dt.date(2026, 12, 1))
    m = kept["1024x1024/medium"]
    # mean (1740.5 * 2 + 1700) / 3 = 1,727 exactly; p5 1,700; p95 1,740.5 rounds half up to 1,741.
    assert (m.tokens, m.low, m.high, m.responses) == (1727, 1700, 1741, 2)
    user = UserCatalog(CATALOG, tmp_path / "price-overrides.json")
    user.keep_measured("gpt-image-2", kept)
    sc = Scenario(stages=[stage("1024x1024", "medium", requests=10)])
    (est,) = estimate(sc, user.catalog, ["gpt-image-2"])
    assert est.total_usd == pytest.approx(10 * 1727 * 30 / 1e6)
    assert est.low_usd == pytest.approx(10 * 1700 * 30 / 1e6)
    assert est.high_usd == pytest.approx(10 * 1741 * 30 / 1e6)
    # Calibrating again still compares with the published rule, not the kept value.
    (again,) = calibrate(
        read_responses(jsonl(tmp_path, bodies)).found, user.catalog.get("gpt-image-2")
    )
    assert again.output_tokens_estimated == 1756
    user.reset_measured("gpt-image-2")
    (est,) = estimate(sc, user.catalog, ["gpt-image-2"])
    assert est.total_usd == pytest.approx(10 * 1756 * 30 / 1e6)


def test_a_quality_imgcost_does_not_price_is_shown_not_kept(tmp_path):
    groups = calibrate(
        read_responses(jsonl(tmp_path, [images_body("1024x1024", "auto", 1700)])).found, GPT2
    )
    assert groups[0].output_tokens_estimated is None
    assert "not one ImgCost prices" in groups[0].why_no_output_estimate
    assert measured_outputs(groups, "f", dt.date(2026, 12, 1)) == {}


def test_a_model_billed_per_image_has_no_token_estimate(tmp_path):
    groups = calibrate(
        read_responses(jsonl(tmp_path, [images_body("1024x1024", "medium", 1000)])).found,
        CATALOG.get("gpt-image-1-mini"),
    )
    assert groups[0].output_tokens_estimated is None
    assert "billed per image" in groups[0].why_no_output_estimate
