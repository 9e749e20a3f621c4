"""Peers' price files read, compared and kept, against small hand-written files.

``data/peers/catalog.json`` is the catalog under test (gpt-image-2 at
5 / 1.25 / 8 / 2 / 30 with a 50% batch, gpt-image-1-mini's published
per-image prices, Gemini 3 Pro Image with fixed tokens, SD3.5 Medium at
$0.035). Each expected diff below is worked out by hand from the fixtures.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from imgcost_gui.core.catalog import PerImagePricing, PriceCatalog, TokenPricing
from imgcost_gui.core.peers import (
    UnknownRows,
    UpdatedLayer,
    agrees,
    apply_rows,
    catalog_peer,
    diff_catalog,
    installed_genai_prices,
    read_price_file,
    render_text,
)
from imgcost_gui.core.peers.names import model_from_path
from imgcost_gui.core.storage import FileProblem

DATA = Path(__file__).parent / "data" / "peers"
DAY = dt.date(2026, 12, 1)
D = Decimal


@pytest.fixture(scope="module")
def catalog() -> PriceCatalog:
    return PriceCatalog.model_validate(json.loads((DATA / "catalog.json").read_text()))


@pytest.fixture(scope="module")
def litellm_diff(catalog):
    return diff_catalog(catalog, read_price_file(DATA / "litellm.json"), day=DAY)


@pytest.fixture(scope="module")
def genai_diff(catalog):
    return diff_catalog(catalog, read_price_file(DATA / "genai.json"), day=DAY)


# --- reading ----------------------------------------------------------------------------


def test_each_kind_of_file_is_recognised():
    assert read_price_file(DATA / "litellm.json").kind == "litellm"
    assert read_price_file(DATA / "genai.json").kind == "genai-prices"
    own = read_price_file(DATA / "catalog.json")
    assert own.kind == "imgcost"
    assert own.version == "checked 2026-11-30"


def test_a_file_outside_the_installed_packages_has_no_known_version():
    assert read_price_file(DATA / "litellm.json").version == "unknown"
    assert read_price_file(DATA / "genai.json").version == "unknown"


def test_litellm_per_token_prices_become_dollars_per_million():
    peer = read_price_file(DATA / "litellm.json")
    rates = {
        p.key: p.value for p in peer.points if p.target_id == "gpt-image-2" and p.kind == "token"
    }
    assert rates == {
        "text_in": D("5"),
        "cached_text_in": D("1.25"),
        "image_in": D("8"),
        "cached_image_in": D("2"),
        "image_out": D("32"),
    }
    assert all(isinstance(v, Decimal) for v in rates.values())


def test_litellm_per_image_keys_become_cells_and_the_chat_model_is_ignored():
    peer = read_price_file(DATA / "litellm.json")
    cells = {p.key: p.value for p in peer.points if p.target_id == "gpt-image-1-mini"}
    assert cells == {
        "1024x1024/low": D("0.005"),
        "1024x1024/medium": D("0.012"),
        "retired_on": dt.date(2026, 12, 1),
    }
    assert peer.ignored == 1  # gpt-4o; sample_spec is not a model


def test_genai_output_mtok_is_image_output_for_gpt_image_and_text_output_beside_image_output():
    peer = read_price_file(DATA / "genai.json")
    undated = {
        (p.target_id, p.key): p.value
        for p in peer.points
        if p.kind == "token" and p.effective is None
    }
    assert undated[("gpt-image-2", "image_out")] == D("30")
    assert undated[("gemini-3-pro-image-preview", "image_out")] == D("120")
    assert undated[("gemini-3-pro-image-preview", "text_out")] == D("12")
    dated = [p for p in peer.points if p.effective is not None and p.kind == "token"]
    # Only the price that changes on 2027-01-15 is a dated point.
    assert [(p.key, p.value, p.effective) for p in dated] == [
        ("image_out", D("27"), dt.date(2027, 1, 15))
    ]


@pytest.mark.parametrize(
    ("path", "model", "vendor", "edit"),
    [
        ("openai/gpt-image-2.5/flare/text-to-image", "gpt-image-2.5-flare", "OpenAI", False),
        ("fal-ai/flux-pro/v1.1-ultra", "flux-pro-1.1-ultra", None, False),
        ("openai/gpt-image-2/edit", "gpt-image-2", "OpenAI", True),
        ("FLUX-1.1-pro", "flux-1.1-pro", None, False),
        ("amazon.nova-canvas-v1:0", "amazon.nova-canvas-v1-0", None, False),
    ],
)
def test_host_model_paths_become_catalog_names(path, model, vendor, edit):
    assert model_from_path(path) == (model, vendor, edit)


# --- rounding -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ours", "theirs", "derived", "expected"),
    [
        ("0.625", "0.63", False, True),  # a peer printing two decimals
        ("0.125", "0.13", False, True),
        ("0.625", "0.62", False, False),
        ("0.035", "0.04", False, False),  # one digit is taken at face value
        ("0.008704", "0.009", True, True),  # a per-image price worked out from tokens
        ("0.1664", "0.167", True, True),  # within 1%: OpenAI's own figure for gpt-image-1
        ("0.1664", "0.167", False, False),
        ("30", "30.00", False, True),
    ],
)
def test_published_rounding_counts_as_agreement(ours, theirs, derived, expected):
    assert agrees(D(ours), D(theirs), derived=derived) is expected


# --- the diffs, worked out by hand --------------------------------------------------------


def test_litellm_diff(litellm_diff):
    d = litellm_diff
    prices = {r.id: (r.old, r.new, r.percent) for r in d.prices}
    assert prices == {
        # 32e-6 per token is $32 per 1M against our $30.
        "price:gpt-image-2:image_out": (D("30.00"), D("32"), D("6.7")),
        "price:gpt-image-1-mini:1024x1024/medium": (D("0.011"), D("0.012"), D("9.1")),
        # $0.04 has one significant digit: it does not round our $0.035 away.
        "price:sd3.5-medium:image": (D("0.035"), D("0.04"), D("14.3")),
    }
    assert d.lifecycle == ()
    assert {r.id for r in d.new_models} == {"new:azure/gpt-image-2", "new:recraftv3"}
    assert [(n.model_id, n.reason) for n in d.not_mappable] == [
        (
            "azure/mai-image-9",
            "token-priced, and the peer does not say how many tokens an image bills",
        )
    ]
    unmapped = {u.peer_model: u.reason for u in d.unmapped}
    assert "dated snapshot" in unmapped["gpt-image-2-2026-04-21"]
    assert "diffusion steps" in unmapped["1024-x-1024/50-steps/stability.stable-diffusion-xl-v1"]
    # gpt-image-2: 4 rates; Gemini: text in, implied image in, image out, text out.
    # Batch: 2.5/5, 0.63/1.25 and 16/32 are all half price. Mini's low cell and
    # Gemini's $0.134 (1120 tokens x $120/M = $0.1344) agree, as does its
    # $0.0011 input image (560 tokens x $2/M) and mini's shutdown day.
    assert d.agreed == {"token": 8, "batch": 1, "image": 2, "input_image": 1, "lifecycle": 1}


def test_a_host_selling_a_catalog_model_becomes_an_entry_built_on_the_vendors(litellm_diff):
    row = next(r for r in litellm_diff.new_models if r.id == "new:azure/gpt-image-2")
    e = row.entry
    assert (e.family, e.provider, e.vendor) == ("gpt-image-2", "Azure OpenAI", "OpenAI")
    assert isinstance(e.pricing, TokenPricing)
    assert e.pricing.rates.image_out == D("30")
    assert e.pricing.output.kind == "gpt-image-2"  # the vendor's output rule
    assert e.lifecycle is not None and e.lifecycle.retired_on == dt.date(2027, 10, 21)
    assert e.pricing.rates.source.official is False


def test_a_flat_per_image_model_becomes_an_entry_that_says_its_sizes_are_assumed(litellm_diff):
    e = next(r for r in litellm_diff.new_models if r.id == "new:recraftv3").entry
    assert e.vendor == "Recraft"
    assert isinstance(e.pricing, PerImagePricing)
    assert [c.usd for c in e.pricing.prices] == [D("0.04")]
    assert e.note and "assumed" in e.note


def test_genai_diff(genai_diff):
    d = genai_diff
    assert [(r.id, r.old, r.new, r.effective) for r in d.prices] == [
        # The dated price in force later becomes a dated change, not today's price.
        ("price:gpt-image-2:image_out@2027-01-15", D("30.00"), D("27"), dt.date(2027, 1, 15))
    ]
    # gemini-3-pro-image-preview is gemini-3-pro-image by its `equals` match.
    assert [(r.id, r.old, r.new) for r in d.lifecycle] == [
        ("lifecycle:gemini-3-pro-image:status", "active", "deprecated")
    ]
    # gpt-image-2's five rates today, Gemini's four; batch 0.63 is 1.25 x 0.5 rounded.
    assert d.agreed == {"token": 9, "batch": 1}
    assert d.new_models == () and d.not_mappable == ()


def test_a_model_missing_from_the_peer_is_never_removed(litellm_diff, genai_diff):
    # sd3.5-medium and gpt-image-1-mini are absent from genai.json; nothing says so.
    for d in (litellm_diff, genai_diff):
        text = render_text(d)
        assert "remove" not in text and "retire" not in text
    assert not any(r.model_id == "sd3.5-medium" for r in genai_diff.rows)


def test_a_teams_own_catalog_is_a_peer_too(catalog):
    data = json.loads((DATA / "catalog.json").read_text())
    data["models"][0]["pricing"]["rates"]["image_out"] = "28.00"
    data["models"].append({**data["models"][3], "id": "sd3.5-medium-team", "name": "Team SD"})
    team = catalog_peer(PriceCatalog.model_validate(data))
    d = diff_catalog(catalog, team, day=DAY)
    assert [(r.id, r.new) for r in d.prices] == [("price:gpt-image-2:image_out", D("28.00"))]
    assert [r.id for r in d.new_models] == ["new:sd3.5-medium-team"]


# --- rows: text, JSON, applying -----------------------------------------------------------


def test_text_has_one_line_per_change_starting_with_its_id(litellm_diff):
    lines = render_text(litellm_diff).splitlines()
    for row in litellm_diff.rows:
        assert sum(line.startswith(row.id + "  ") for line in lines) == 1
    assert "price:gpt-image-2:image_out  gpt-image-2  Image output: 30.00 -> 32" in lines[2]


def test_to_dict_is_json(litellm_diff):
    data = json.loads(json.dumps(litellm_diff.to_dict()))
    assert data["prices"][0] == {
        "id": "price:gpt-image-2:image_out",
        "kind": "token",
        "model_id": "gpt-image-2",
        "key": "image_out",
        "label": "Image output",
        "unit": "$ / 1M tokens",
        "old": "30.00",
        "new": "32",
        "percent": "6.7",
        "effective": None,
        "peer_model": "gpt-image-2",
        "implied": False,
    }
    assert data["peer"]["title"] == "LiteLLM model_prices_and_context_window.json"


def test_the_chosen_rows_make_an_updated_layer(litellm_diff, genai_diff):
    layer = apply_rows(litellm_diff, ["price:gpt-image-2:image_out", "new:azure/gpt-image-2"])
    assert layer.schema_version == 1
    assert layer.source.title == "LiteLLM model_prices_and_context_window.json"
    assert (layer.source.version, layer.source.imported_on, layer.source.official) == (
        "unknown",
        DAY,
        False,
    )
    assert layer.models["gpt-image-2"].prices == {"image_out": D("32")}
    assert [m.id for m in layer.new_models] == ["azure/gpt-image-2"]
    assert layer.new_models[0].pricing.rates.source.title == layer.source.title
    # Left out: the rows not chosen.
    assert "gpt-image-1-mini" not in layer.models and "sd3.5-medium" not in layer.models

    dated = apply_rows(
        genai_diff,
        ["price:gpt-image-2:image_out@2027-01-15", "lifecycle:gemini-3-pro-image:status"],
    )
    update = dated.models["gpt-image-2"]
    assert update.prices == {}
    assert [(p.effective, p.usd) for p in update.dated["image_out"]] == [
        (dt.date(2027, 1, 15), D("27"))
    ]
    assert dated.models["gemini-3-pro-image"].lifecycle.status == "deprecated"


def test_the_layer_round_trips_through_json_with_prices_as_strings(litellm_diff):
    layer = apply_rows(litellm_diff, [r.id for r in litellm_diff.rows])
    text = layer.to_json()
    assert '"image_out": "32"' in text
    assert UpdatedLayer.from_json(text) == layer
    assert json.loads(text)["schema_version"] == 1


def test_an_unknown_row_id_is_refused(litellm_diff):
    with pytest.raises(UnknownRows, match="price:nope"):
        apply_rows(litellm_diff, ["price:nope"])


# --- bad files -----------------------------------------------------------------------------


def problem(path: Path) -> str:
    with pytest.raises(FileProblem) as err:
        read_price_file(path)
    message = err.value.message
    assert "\n" not in message
    return message


def test_garbage_is_not_json(tmp_path):
    path = tmp_path / "prices.json"
    path.write_bytes(b"\x00\x01 not json at all")
    assert "not valid JSON (line 1" in problem(path)


def test_binary_is_not_a_text_file(tmp_path):
    path = tmp_path / "prices.json"
    path.write_bytes(b"\xff\xfe\xfd")
    assert "not a text file" in problem(path)


def test_nan_is_not_a_price(tmp_path):
    path = tmp_path / "prices.json"
    path.write_text('{"gpt-image-2": {"litellm_provider": "openai", "input_cost_per_token": NaN}}')
    assert "NaN is not a number JSON allows" in problem(path)


@pytest.mark.parametrize("text", ['{"hello": 1}', "[1, 2, 3]", '"prices"', "42"])
def test_the_wrong_shape_says_which_files_are_read(tmp_path, text):
    path = tmp_path / "prices.json"
    path.write_text(text)
    message = problem(path)
    assert "not a price file ImgCost can read" in message
    assert "LiteLLM" in message and "genai-prices" in message and "ImgCost catalog" in message


def test_an_empty_file_holds_no_prices(tmp_path):
    path = tmp_path / "prices.json"
    path.write_text("{}")
    assert "holds no prices" in problem(path)


def test_an_invalid_catalog_names_the_bad_field(tmp_path):
    data = json.loads((DATA / "catalog.json").read_text())
    data["models"][0]["pricing"]["rates"]["image_out"] = "-1"
    path = tmp_path / "team.json"
    path.write_text(json.dumps(data))
    message = problem(path)
    assert "not a valid ImgCost catalog: " in message
    assert "image_out" in message and "greater than or equal to 0" in message


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as f:
        f.truncate(65 * 1024 * 1024)  # sparse: no disk is spent
    message = problem(path)
    assert "65 MB, over the 64 MB" in message


def test_deep_nesting_is_refused_without_recursion_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    assert "nests deeper than 64 levels" in problem(path)


def test_brackets_inside_strings_do_not_count_as_nesting(tmp_path):
    path = tmp_path / "prices.json"
    path.write_text(json.dumps({"sample_spec": {"litellm_provider": "[" * 500, "mode": "{{"}}))
    assert read_price_file(path).kind == "litellm"


def test_a_missing_file_says_so(tmp_path):
    assert "does not exist" in problem(tmp_path / "nope.json")


# --- the installed package ------------------------------------------------------------------


def test_the_installed_genai_prices_data_reads_like_its_json():
    peer = installed_genai_prices()
    if peer is None:
        pytest.skip("genai-prices is not installed")
    assert (peer.kind, peer.version) == ("genai-prices", "0.2.3")
    rates = {
        p.key: p.value for p in peer.points if p.target_id == "gpt-image-1" and p.kind == "token"
    }
    assert rates["image_out"] == D("40")  # filed as output_mtok
    batch = next(p for p in peer.points if p.target_id == "gpt-image-1" and p.kind == "batch")
    assert batch.value == D("0.5")
