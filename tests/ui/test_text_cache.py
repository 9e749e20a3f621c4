"""Words on a chart are drawn once and copied after: the same pixels, without
laying out and rasterising each glyph again."""

from __future__ import annotations

from matplotlib.backends import backend_agg
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from imgcost_gui.ui.common import load_matplotlib


def chart() -> Figure:
    fig = Figure(figsize=(4, 3), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.plot([1, 10, 100], [3, 30, 20], color="#d55e00")
    # (plain tick labels: a log axis's default "10^2" is mathtext, drawn as usual)
    ax.set_xlabel("Images per month")
    ax.set_ylabel("USD per month")
    ax.annotate(
        "Midjourney (subscription) cheaper than\nMuse Image 1.0 from 2,817 to 4,224",
        (10, 30),
        xytext=(10, -26),
        textcoords="offset points",
        fontsize=8,
        color="#1a1a1a",
        bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "alpha": 0.92},
        arrowprops={"arrowstyle": "-", "color": "#0072b2"},
    )
    ax.text(0.5, 0.9, "$49.00", transform=ax.transAxes, rotation=30, alpha=0.45)
    return fig


def pixels(fig: Figure) -> bytes:
    fig.canvas.draw()
    return bytes(fig.canvas.buffer_rgba())


def test_text_drawn_from_the_cache_looks_exactly_as_drawn_afresh(monkeypatch):
    load_matplotlib()
    agg = backend_agg.RendererAgg
    assert agg._imgcost_text_cache
    fig = chart()
    first, again = pixels(fig), pixels(fig)
    monkeypatch.setattr(agg, "draw_text", agg._imgcost_uncached_draw_text)
    afresh = pixels(fig)
    assert first == afresh and again == afresh


def test_the_same_words_in_the_same_place_are_not_rasterised_again(monkeypatch):
    load_matplotlib()
    fig = chart()
    pixels(fig)
    rasterised = []
    real = backend_agg.RendererAgg._draw_text_glyphs_and_boxes

    def counting(self, *args, **kwargs):
        rasterised.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(backend_agg.RendererAgg, "_draw_text_glyphs_and_boxes", counting)
    pixels(fig)
    assert rasterised == []
    fig.axes[0].set_xlabel("Images per week")  # new words are drawn, and only they
    pixels(fig)
    assert len(rasterised) == 1
