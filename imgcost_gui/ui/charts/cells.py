"""Which model is cheapest per image at each size x quality (core.cheapest_by_cell)."""

from __future__ import annotations

import math
from typing import cast

from matplotlib.artist import Artist
from matplotlib.colors import LinearSegmentedColormap, LogNorm
from matplotlib.image import AxesImage
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from PySide6.QtWidgets import QWidget

from imgcost_gui.core.catalog import BASIC_QUALITIES
from imgcost_gui.core.compare import Cell
from imgcost_gui.ui.scenario import SIZE_PRESETS
from imgcost_gui.workspace.cells import CellGrid, GridSize, cheapest_cells

from .base import ChartInputs, ChartStyle, ChartView

#: The sizes compared, as the form offers them.
PRESET_SIZES: tuple[GridSize, ...] = tuple((p.caption, p.width, p.height) for p in SIZE_PRESETS)


class CheapestCellChart(ChartView):
    title = "Cheapest by size and quality"
    explanation = (
        "The cheapest model per image for each size and quality, with the selected stage's other "
        "inputs. The outlined cell is the stage as set. Subscriptions are left out (no per-image price)."
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        self.image: AxesImage | None = None
        self.labels: list[Text] = []
        self.marker: Rectangle | None = None
        self.cells: list[Cell] = []
        self.qualities: tuple[str, ...] = BASIC_QUALITIES
        self._rows: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
        #: What the chart shows (None until the first draw).
        self.grid: CellGrid | None = None
        super().__init__(parent)

    def update_chart(self, inputs: ChartInputs) -> bool:
        grid = cheapest_cells(inputs, PRESET_SIZES, self.grid)
        if self.grid is not None and grid.shown == self.grid.shown:
            return False
        self.grid = grid
        self.cells, self.qualities = grid.cells, grid.qualities
        rows = grid.row_labels
        if (rows, grid.qualities) != self._rows:
            self._rebuild(rows, grid.qualities)
            self._rows = (rows, grid.qualities)
        values = grid.values()
        for label, words in zip(self.labels, grid.labels(), strict=True):
            label.set_text(words)
        finite = [v for row in values for v in row if not math.isnan(v) and v > 0]
        assert self.image is not None
        self.image.set_data(values)
        if finite:
            lo, hi = min(finite), max(finite)
            self.image.set_norm(LogNorm(vmin=lo, vmax=hi * 1.0001 if hi > lo else lo * 1.01))
        self._colour_labels(values)
        assert self.marker is not None
        self.marker.set_visible(grid.outlined is not None)
        if grid.outlined is not None:
            row, column = grid.outlined
            self.marker.set_xy((column - 0.5, row - 0.5))
        self.ax.set_title(
            f"Stage “{grid.stage_name}”", fontsize=9, color=self.style_.text, loc="left"
        )
        return True

    def data_artists(self) -> list[Artist]:
        return [*self.labels, self.image] if self.image is not None else []

    def mark_artists(self) -> list[Artist]:
        return [self.marker] if self.marker is not None else []

    def data_state(self) -> object:
        return (self.grid.key if self.grid is not None else None), self._rows

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
        ramp = LinearSegmentedColormap.from_list("imgcost", [low, high])
        # with_extremes returns a copy of the same class; its stub says only Colormap
        return cast(LinearSegmentedColormap, ramp.with_extremes(bad=s.axes))

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
        return self.grid.winners() if self.grid is not None else []
