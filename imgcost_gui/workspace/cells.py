"""Which model is cheapest per image at each size x quality, for the selected stage.

These are prices the comparison's estimates do not hold (other sizes, other
qualities): the workspace asks the core once (``core.cheapest_by_cell``) per
stage, catalog and day, and hands the numbers to the chart. A change the grid
does not depend on (the stage's quality, which only moves the outline; its name)
keeps the cells already found.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from imgcost_gui.core import PriceCatalog, cheapest_by_cell
from imgcost_gui.core.catalog import BASIC_QUALITIES, QUALITIES
from imgcost_gui.core.compare import Cell
from imgcost_gui.core.estimate import resolve_models

from . import text
from .charts import ChartInputs
from .labels import wrap_name

#: A size the grid compares: (caption, width, height).
GridSize = tuple[str, int, int]

#: Characters of a model name that fit on one line of a cell, by number of columns
#: (the chart at 1280x800); longer names wrap rather than run into the next cell.
NAME_WIDTH = {3: 28, 4: 22, 5: 17}
#: Models that win cells and get a colour of their own; the others share one.
KEYED = 6


def grid_sizes(presets: Sequence[GridSize], width: int, height: int) -> list[GridSize]:
    """The presets, plus the stage's own size when it is not one of them."""
    rows = list(presets)
    if all((w, h) != (width, height) for _, w, h in rows):
        rows.append((f"Your size {width}×{height}", width, height))
    return rows


def grid_qualities(
    catalog: PriceCatalog, model_ids: list[str] | None, day: dt.date
) -> tuple[str, ...]:
    """Low, medium and high, and the higher levels (xhigh, max) only when a model
    compared and available on ``day`` offers them."""
    entries = [m for m in resolve_models(catalog, model_ids, day) if catalog.available(m, day)]
    offered = {q for m in entries for q in m.quality_levels}
    return tuple(q for q in QUALITIES if q in BASIC_QUALITIES or q in offered)


def fit_name(name: str, columns: int, lines: int = 2) -> str:
    """The model name wrapped to its cell's width, on ``lines`` lines at most."""
    return wrap_name(name, NAME_WIDTH.get(columns, 18), lines)


@dataclass(frozen=True)
class CellGrid:
    """The cheapest model per image in each cell, row by row (sizes) then by quality."""

    #: What the cells were priced for; equal keys, equal cells.
    key: tuple[object, ...]
    sizes: tuple[GridSize, ...]
    qualities: tuple[str, ...]
    cells: list[Cell]
    names: dict[str, str]
    stage_name: str
    #: The stage as set: (row, column) of its cell, None when it is off the grid.
    outlined: tuple[int, int] | None
    #: What the chart shows: when it stays equal, nothing on screen changes.
    shown: tuple[object, ...]

    @property
    def row_labels(self) -> tuple[str, ...]:
        return tuple(label for label, _, _ in self.sizes)

    def values(self) -> list[list[float]]:
        """Each cell's cheapest price per image (NaN where no model can make it)."""
        out = [[math.nan] * len(self.qualities) for _ in self.sizes]
        for i, (cell, best) in enumerate(zip(self.cells, self.best, strict=True)):
            r, c = divmod(i, len(self.qualities))
            if best is not None:
                out[r][c] = cell.per_image[best]
        return out

    def labels(self) -> list[str]:
        """Each cell's text: the model's name (cut to one line: the colour key and the
        tooltip name it in full) and its price per image."""
        out = []
        for cell, best in zip(self.cells, self.best, strict=True):
            if best is None:
                out.append("no model")
                continue
            name = fit_name(self.names.get(best, best), len(self.qualities), lines=1)
            out.append(f"{name}\n{text.usd_per_image(cell.per_image[best])} / image")
        return out

    def winners(self) -> list[tuple[str, str, str | None]]:
        """(size, quality, cheapest model id) for each cell."""
        return [(c.size, c.quality, best) for c, best in zip(self.cells, self.best, strict=True)]

    @cached_property
    def best(self) -> list[str | None]:
        """Each cell's cheapest model id (None where no model makes it), worked out once."""
        return [c.cheapest for c in self.cells]

    def keyed(self) -> list[str]:
        """The models that win cells, most cells first (at most ``KEYED``): each its colour."""
        won: dict[str, int] = {}
        for best in self.best:
            if best is not None:
                won[best] = won.get(best, 0) + 1
        ranked = sorted(won, key=lambda m: -won[m])  # stable: ties by first cell won
        return ranked[:KEYED]

    @property
    def others_win(self) -> bool:
        """Some cells are won by models beyond the keyed ones (they share a colour)."""
        keyed = set(self.keyed())
        return any(best is not None and best not in keyed for best in self.best)

    def why(self, index: int) -> str:
        """Why a cell's model wins: its price per image against the next cheapest.

        'Cheapest at 1024×1024, high quality: FLUX1.1 [pro], $0.040 per image;
        next Ideogram 3.0 at $0.090 (+125%)'.
        """
        cell = self.cells[index]
        r, c = divmod(index, len(self.qualities))
        where = f"{text.size_text(self.sizes[r][1], self.sizes[r][2])}, {self.qualities[c]} quality"
        best = self.best[index]
        if best is None:
            return f"No model compared can make {where}"
        price = cell.per_image[best]
        head = (
            f"Cheapest at {where}: {self.names.get(best, best)}, "
            f"{text.usd_per_image(price)} per image"
        )
        rest = sorted((p, m) for m, p in cell.per_image.items() if m != best)
        if not rest:
            return f"{head}; the only model compared that makes it"
        next_price, runner = rest[0]
        name = self.names.get(runner, runner)
        if next_price <= price + 1e-12:
            return f"{head}; tied with {name} at the same price"
        more = (next_price / price - 1) * 100 if price > 0 else None
        pct = f" (+{text.whole(more)}%)" if more is not None else ""
        return f"{head}; next {name} at {text.usd_per_image(next_price)}{pct}"

    def outlined_why(self) -> str:
        """The note under the grid: why the stage's own cell wins."""
        if self.outlined is None:
            return ""
        row, column = self.outlined
        return f"Your stage “{self.stage_name}”. " + self.why(row * len(self.qualities) + column)


def cheapest_cells(
    inputs: ChartInputs, presets: Sequence[GridSize], previous: CellGrid | None = None
) -> CellGrid:
    """The grid for the selected stage; ``previous`` is reused when its prices still hold."""
    stage = inputs.stage
    sizes = grid_sizes(presets, stage.width, stage.height)
    day = inputs.day
    # Every column sets its own quality: the stage's quality only moves the outline.
    key = (
        stage.model_dump_json(exclude={"name", "quality"}),
        inputs.catalog,  # the object, not its id: a new catalog may reuse an old one's
        inputs.model_ids,
        tuple(sizes),
        day,
    )
    if previous is not None and previous.key == key:
        cells, qualities = previous.cells, previous.qualities
    else:
        qualities = grid_qualities(inputs.catalog, inputs.model_ids, day)
        cells = cheapest_by_cell(
            stage, inputs.catalog, inputs.model_ids, [(w, h) for _, w, h in sizes], qualities, day
        )
    row = next((i for i, (_, w, h) in enumerate(sizes) if (w, h) == (stage.width, stage.height)))
    quality = stage.auto_assumes if stage.quality == "auto" else stage.quality
    outlined = (row, qualities.index(quality)) if quality in qualities else None
    # Volume does not move a per-image price: typing a request count leaves the chart as is.
    shown = (cells, stage.name, stage.width, stage.height, stage.quality, stage.auto_assumes)
    return CellGrid(key, tuple(sizes), qualities, cells, inputs.names, stage.name, outlined, shown)
