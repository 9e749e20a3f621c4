"""Why a cell of the cheapest-by-size grid wins, and which models the colour key names."""

from __future__ import annotations

from imgcost_gui.workspace.cells import cheapest_cells
from imgcost_gui.workspace.charts import ChartInputs
from imgcost_gui.workspace.comparison import compare

from .conftest import scenario

PRESETS = [("Square 1024×1024", 1024, 1024), ("2K 2048×2048", 2048, 2048)]
IDS = ["flux-pro-1.1", "ideogram-3.0", "recraft-v3"]


def grid(catalog, sc=None):
    sc = sc or scenario()
    return cheapest_cells(ChartInputs(sc, catalog, IDS, compare(sc, catalog, IDS), 0), PRESETS)


def test_a_cell_says_its_price_and_the_runner_up(catalog):
    g = grid(catalog)
    # 1024x1024 low: Ideogram's turbo $0.03 against FLUX's $0.04, a third more
    assert g.why(0) == (
        "Cheapest at 1024×1024, low quality: Ideogram 3.0, $0.030 per image; "
        "next FLUX1.1 [pro] at $0.040 (+33%)"
    )
    # FLUX and Recraft both $0.04 at high: a tie, said as one
    assert g.why(2).endswith("tied with Recraft V3 (raster) at the same price")
    # 2048x2048 is beyond FLUX's and Recraft's largest size
    assert g.why(4) == (
        "Cheapest at 2048×2048, medium quality: Ideogram 3.0, $0.060 per image; "
        "the only model compared that makes it"
    )


def test_the_note_explains_the_stages_own_cell(catalog):
    g = grid(catalog, scenario(quality="low"))
    assert g.outlined == (0, 0)
    assert g.outlined_why().startswith("Your stage “Images”. Cheapest at 1024×1024, low quality")


def test_the_colour_key_names_the_models_that_win_most_cells_first(catalog):
    g = grid(catalog)
    # Ideogram wins 1024 low and all three 2048 cells; FLUX the two other 1024 cells
    assert g.keyed() == ["ideogram-3.0", "flux-pro-1.1"] and not g.others_win
    assert g.labels()[0] == "Ideogram 3.0\n$0.030 / image"
