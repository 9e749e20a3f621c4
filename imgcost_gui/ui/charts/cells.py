"""Which model is cheapest per image at each size x quality (core.cheapest_by_cell)."""

from __future__ import annotations

import math

from matplotlib.artist import Artist
from matplotlib.colors import to_rgba
from matplotlib.image import AxesImage
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text
from PySide6.QtWidgets import QWidget

from imgcost_gui.core.catalog import BASIC_QUALITIES
from imgcost_gui.core.compare import Cell
from imgcost_gui.ui.scenario import SIZE_PRESETS
from imgcost_gui.workspace.cells import CellGrid, GridSize, cheapest_cells

from .base import ChartInputs, ChartStyle, ChartView

#: Cell fills: Okabe-Ito colours in the order that keeps any first few apart (and
#: apart from the plain background "other models" keep) under deuteranopia,
#: protanopia and tritanopia simulations once tinted: CIELAB dE 12.9 or more on
#: light backgrounds, 11.1 on dark ones (Machado et al. 2009, severity 1).
#: Bluish green is left out: tinted, it comes close to grey for deuteranopes.
CELL_LIGHT = ("#0072B2", "#D55E00", "#56B4E9", "#E69F00", "#F0E442", "#CC79A7")
CELL_DARK = ("#D55E00", "#56B4E9", "#F0E442", "#0072B2", "#CC79A7", "#E69F00")
CELL_LIGHT_TINT, CELL_DARK_SHADE = 0.35, 0.45

#: The sizes compared, as the form offers them.
PRESET_SIZES: tuple[GridSize, ...] = tuple((p.caption, p.width, p.height) for p in SIZE_PRESETS)


class CheapestCellChart(ChartView):
    title = "Cheapest by size and quality"
    explanation = (
        "The cheapest model per image for each size and quality, with the selected stage's other "
        "inputs; the colour says which model. The outlined cell is the stage as set; hover a cell "
        "for the runner-up. Subscriptions are left out (no per-image price)."
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
        #: The models the colour key names, and whether "other models" is among them.
        self._keyed: tuple[list[str], bool] = ([], False)
        #: Each cell's words in full (name and price), and whether a row holds both lines.
        self._words: list[str] = []
        self.two_lines = True
        #: The row height and two-line words last measured, and whether they fitted.
        self._measured: tuple[float, str] | None = None
        self._fits = True
        super().__init__(parent)

    def update_chart(self, inputs: ChartInputs) -> bool:
        grid = cheapest_cells(inputs, PRESET_SIZES, self.grid)
        previous = self.grid
        if previous is not None and grid.shown == previous.shown:
            return False
        self.grid = grid
        self.cells, self.qualities = grid.cells, grid.qualities
        rows = grid.row_labels
        rebuilt = (rows, grid.qualities) != self._rows
        if rebuilt:
            self._rebuild(rows, grid.qualities)
            self._rows = (rows, grid.qualities)
        if rebuilt or previous is None or grid.cells is not previous.cells:
            self._show_cells(grid)
        assert self.marker is not None
        self.marker.set_visible(grid.outlined is not None)
        if grid.outlined is not None:
            row, column = grid.outlined
            self.marker.set_xy((column - 0.5, row - 0.5))
        self.set_note(grid.outlined_why())
        return True

    def _show_cells(self, grid: CellGrid) -> None:
        """Each cell's words and fill, and the colour key (only when the cells change:
        a change of the stage's quality moves the outline alone)."""
        self._words = grid.labels()
        for label, words in zip(self.labels, self._words, strict=True):
            label.set_text(words)
        keyed = grid.keyed()
        if (keyed, grid.others_win) != self._keyed:
            self._keyed = (keyed, grid.others_win)
            self._key_legend()
        assert self.image is not None
        self.image.set_data(self._fills())
        self._colour_labels(grid.values())

    def data_artists(self) -> list[Artist]:
        return [*self.labels, self.image] if self.image is not None else []

    def mark_artists(self) -> list[Artist]:
        return [self.marker] if self.marker is not None else []

    def data_state(self) -> object:
        return (self.grid.key if self.grid is not None else None), self._rows, self.two_lines

    def place_labels(self) -> None:
        """Each cell's name and price where a row holds both lines; in rows too short
        for them (a small window) the price alone, never words cut by the next row:
        the colour key and the tooltip name the model."""
        if self.grid is None or len(self.labels) != len(self._words):
            return
        row = self.ax.get_window_extent().height / max(len(self.grid.sizes), 1)
        full = list(zip(self.labels, self._words, strict=True))
        sample = next(((label, words) for label, words in full if "\n" in words), None)
        fits = True
        if sample is not None:
            label, words = sample
            if (row, words) != self._measured:  # a new size or new words: measure again
                self._measured = (row, words)
                label.set_text(words)
                # a pixel above and below
                self._fits = Text.get_window_extent(label).height <= row - 2
            fits = self._fits
        self.two_lines = fits
        for label, words in full:
            shown = words if fits else words.rsplit("\n", 1)[-1]
            if label.get_text() != shown:
                label.set_text(shown)

    def _rebuild(self, rows: tuple[str, ...], qualities: tuple[str, ...]) -> None:
        ax = self.ax
        ax.clear()
        self.image = ax.imshow(
            [[(0.0, 0.0, 0.0, 0.0)] * len(qualities) for _ in rows],
            aspect="auto",
            interpolation="nearest",
        )
        self.labels = [
            ax.text(c, r, "", ha="center", va="center", fontsize=9, linespacing=1.25)
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

    def key_colour(self, model: str) -> str | None:
        """The full-strength colour of a keyed model (None: not keyed)."""
        keyed = self._keyed[0]
        if model not in keyed:
            return None
        colours = CELL_DARK if self.style_.dark else CELL_LIGHT
        return colours[keyed.index(model) % len(colours)]

    def model_colour(self, model: str | None) -> str:
        """The colour a model's cells are filled with (as the key shows it): a tint
        (light) or shade (dark) of its key colour, so the words on it stay readable;
        models not keyed, and cells no model makes, keep the background."""
        s = self.style_
        base = self.key_colour(model) if model is not None else None
        if base is None:
            return s.axes
        return s.faint(base, CELL_DARK_SHADE if s.dark else CELL_LIGHT_TINT)

    def _fills(self) -> list[list[tuple[float, float, float, float]]]:
        assert self.grid is not None
        n = len(self.qualities)
        fills = [[to_rgba(self.style_.axes)] * n for _ in self.grid.sizes]
        for i, best in enumerate(self.grid.best):
            r, c = divmod(i, n)
            fills[r][c] = to_rgba(self.model_colour(best))
        return fills

    def _key_legend(self) -> None:
        """The colour key above the grid: which model each colour is."""
        for old in list(self.figure.legends):
            old.remove()
        if self.grid is None:
            return
        keyed, others = self._keyed
        handles = [
            Patch(
                facecolor=self.model_colour(m),
                edgecolor=self.key_colour(m),
                label=self.grid.names.get(m, m),
            )
            for m in keyed
        ]
        if others:
            handles.append(
                Patch(facecolor=self.model_colour(""), edgecolor=self.style_.muted,
                      label="other models")
            )  # fmt: skip
        self.legend(self.ax, min(len(handles), 3), handles, below=True)

    def _colour_labels(self, values: list[list[float]]) -> None:
        for i, label in enumerate(self.labels):
            r, c = divmod(i, len(self.qualities))
            empty = math.isnan(values[r][c]) if r < len(values) else True
            label.set_color(self.style_.muted if empty else self.style_.text)

    def restyle_artists(self, style: ChartStyle) -> None:
        if self.image is not None and self.grid is not None:
            self.image.set_data(self._fills())
            self._key_legend()
        if self.marker is not None:
            self.marker.set_edgecolor(style.text)
        for label in self.labels:
            label.set_color(style.text)

    # --- hover ------------------------------------------------------------------------

    def cell_at(self, x: float, y: float) -> int | None:
        """The index of the cell under a point in display pixels."""
        if self.grid is None:
            return None
        col, row = self.ax.transData.inverted().transform((x, y))
        r, c = round(float(row)), round(float(col))
        if 0 <= r < len(self.grid.sizes) and 0 <= c < len(self.qualities):
            return r * len(self.qualities) + c
        return None

    def tooltip_at(self, x: float, y: float) -> str | None:
        index = self.cell_at(x, y)
        return self.grid.why(index) if self.grid is not None and index is not None else None

    def data(self) -> list[tuple[str, str, str | None]]:
        """(size, quality, cheapest model id) for each cell, as drawn."""
        return self.grid.winners() if self.grid is not None else []
