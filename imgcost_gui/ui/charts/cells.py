"""Which model is cheapest per image at each size x quality (core.cheapest_by_cell)."""

from __future__ import annotations

import datetime as dt
import math
import textwrap

from matplotlib.artist import Artist
from matplotlib.colors import LinearSegmentedColormap, LogNorm
from matplotlib.image import AxesImage
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from imgcost_gui.core import PriceCatalog, cheapest_by_cell
from imgcost_gui.core.calendar import plan_day
from imgcost_gui.core.catalog import BASIC_QUALITIES, QUALITIES
from imgcost_gui.core.compare import Cell
from imgcost_gui.core.estimate import resolve_models

from .. import text
from ..presets import SIZE_PRESETS, preset_for
from .base import ChartInputs, ChartStyle, ChartView


def grid_sizes(width: int, height: int) -> list[tuple[str, int, int]]:
    """The presets, plus the stage's own size when it is not one of them."""
    rows = [(p.caption, p.width, p.height) for p in SIZE_PRESETS]
    if preset_for(width, height) is None:
        rows.append((f"Your size {width}×{height}", width, height))
    return rows


#: Characters of a model name that fit on one line of a cell, by number of columns
#: (the chart at 1280x800); longer names wrap rather than run into the next cell.
NAME_WIDTH = {3: 28, 4: 22, 5: 18}


def fit_name(name: str, columns: int) -> str:
    """The model name wrapped to its cell's width, on two lines at most."""
    width = NAME_WIDTH.get(columns, 18)
    lines = textwrap.wrap(name, width, break_on_hyphens=False) or [name]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), width, placeholder="…")]
    return "\n".join(lines)


def grid_qualities(
    catalog: PriceCatalog, model_ids: list[str] | None, day: dt.date
) -> tuple[str, ...]:
    """Low, medium and high, and the higher levels (xhigh, max) only when a model
    compared and available on ``day`` offers them."""
    entries = [m for m in resolve_models(catalog, model_ids, day) if catalog.available(m, day)]
    offered = {q for m in entries for q in m.quality_levels}
    return tuple(q for q in QUALITIES if q in BASIC_QUALITIES or q in offered)


class CheapestCellChart(ChartView):
    title = "Cheapest by size and quality"
    explanation = (
        "The cheapest model per image for each size and quality, with the selected stage's other "
        "inputs. The outlined cell is the stage as set. Subscriptions are left out (no per-image price)."
    )

    def __init__(self, parent=None):  # noqa: ANN001
        self.image: AxesImage | None = None
        self.labels: list[Text] = []
        self.marker: Rectangle | None = None
        self.cells: list[Cell] = []
        self.qualities: tuple[str, ...] = BASIC_QUALITIES
        self._rows: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
        self._shown: object = None
        self._grid_key: object = None
        super().__init__(parent)

    def update_chart(self, inputs: ChartInputs) -> bool:
        index = min(inputs.stage_index, len(inputs.scenario.stages) - 1)
        stage = inputs.scenario.stages[index]
        sizes = grid_sizes(stage.width, stage.height)
        day = plan_day(inputs.scenario.plan_from)
        # Every column sets its own quality: the stage's quality only moves the outline.
        grid_key = (
            stage.model_dump_json(exclude={"name", "quality"}),
            inputs.catalog,  # the object, not its id: a new catalog may reuse an old one's
            inputs.model_ids,
            tuple(sizes),
            day,
        )
        if grid_key == self._grid_key:
            cells, qualities = self.cells, self.qualities
        else:
            qualities = grid_qualities(inputs.catalog, inputs.model_ids, day)
            cells = cheapest_by_cell(
                stage,
                inputs.catalog,
                inputs.model_ids,
                [(w, h) for _, w, h in sizes],
                qualities,
                day=day,
            )
        # Volume does not move a per-image price: typing a request count leaves this chart as is.
        shown = (cells, stage.name, stage.width, stage.height, stage.quality, stage.auto_assumes)
        if shown == self._shown:
            return False
        self._shown = shown
        self._grid_key = grid_key
        self.cells, self.qualities = cells, qualities
        names = {m.id: m.name for m in inputs.catalog.models}
        rows = tuple(label for label, _, _ in sizes)
        if (rows, qualities) != self._rows:
            self._rebuild(rows, qualities)
            self._rows = (rows, qualities)
        values = [[math.nan] * len(qualities) for _ in rows]
        for i, cell in enumerate(self.cells):
            r, c = divmod(i, len(qualities))
            best = cell.cheapest
            label = self.labels[i]
            if best is None:
                label.set_text("no model")
                continue
            price = cell.per_image[best]
            values[r][c] = price
            name = fit_name(names.get(best, best), len(qualities))
            label.set_text(f"{name}\n{text.usd_per_image(price)} / image")
        finite = [v for row in values for v in row if not math.isnan(v) and v > 0]
        assert self.image is not None
        self.image.set_data(values)
        if finite:
            lo, hi = min(finite), max(finite)
            self.image.set_norm(LogNorm(vmin=lo, vmax=hi * 1.0001 if hi > lo else lo * 1.01))
        self._colour_labels(values)
        row = next(
            (i for i, (_, w, h) in enumerate(sizes) if (w, h) == (stage.width, stage.height)), None
        )
        quality = stage.auto_assumes if stage.quality == "auto" else stage.quality
        assert self.marker is not None
        column = qualities.index(quality) if quality in qualities else None
        self.marker.set_visible(row is not None and column is not None)
        if row is not None and column is not None:
            self.marker.set_xy((column - 0.5, row - 0.5))
        self.ax.set_title(f"Stage “{stage.name}”", fontsize=9, color=self.style_.text, loc="left")
        return True

    def data_artists(self) -> list[Artist]:
        return [*self.labels, self.image] if self.image is not None else []

    def mark_artists(self) -> list[Artist]:
        return [self.marker] if self.marker is not None else []

    def data_state(self) -> object:
        return self._grid_key, self._rows

    def _rebuild(self, rows: tuple[str, ...], qualities: tuple[str, ...]) -> None:
        ax = self.ax
        ax.clear()
        self.image = ax.imshow(
            [[math.nan] * len(qualities) for _ in rows],
            aspect="auto",
            cmap=self._cmap(),
            interpolation="nearest",
        )
        self.labels = [
            ax.text(c, r, "", ha="center", va="center", fontsize=8, linespacing=1.3)
            for r in range(len(rows))
            for c in range(len(qualities))
        ]
        self.marker = Rectangle(
            (0, 0), 1, 1, fill=False, linewidth=2.2, edgecolor=self.style_.text, zorder=5
        )
        ax.add_patch(self.marker)
        ax.set_xticks(range(len(qualities)), [f"{q} quality" for q in qualities])
        ax.xaxis.tick_top()
        ax.set_yticks(range(len(rows)), list(rows))
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        self.apply_style(self.style_)

    def _cmap(self) -> LinearSegmentedColormap:
        s = self.style_
        # cheap = calm accent tint, expensive = stronger warm tone; both readable in either scheme
        low, high = ("#1f4e3d", "#7a3b2e") if s.dark else ("#d8f0e3", "#f6c9a8")
        return LinearSegmentedColormap.from_list("imgcost", [low, high]).with_extremes(bad=s.axes)

    def _colour_labels(self, values: list[list[float]]) -> None:
        for i, label in enumerate(self.labels):
            r, c = divmod(i, len(self.qualities))
            empty = math.isnan(values[r][c]) if r < len(values) else True
            label.set_color(self.style_.muted if empty else self.style_.text)

    def restyle_artists(self, style: ChartStyle) -> None:
        if self.image is not None:
            self.image.set_cmap(self._cmap())
        if self.marker is not None:
            self.marker.set_edgecolor(style.text)
        for label in self.labels:
            label.set_color(style.text)

    def data(self) -> list[tuple[str, str, str | None]]:
        """(size, quality, cheapest model id) for each cell, as drawn."""
        return [(c.size, c.quality, c.cheapest) for c in self.cells]
