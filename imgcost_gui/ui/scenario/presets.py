"""Size presets offered in the form and compared in the size x quality chart.

Quality levels are the core's (``imgcost_gui.core.catalog.QUALITIES``).
"""

from __future__ import annotations

from typing import NamedTuple


class SizePreset(NamedTuple):
    label: str
    width: int
    height: int

    @property
    def caption(self) -> str:
        return f"{self.label} {self.width}×{self.height}"


SIZE_PRESETS: tuple[SizePreset, ...] = (
    SizePreset("Square", 1024, 1024),
    SizePreset("Portrait", 1024, 1536),
    SizePreset("Landscape", 1536, 1024),
    SizePreset("2K", 2048, 2048),
    SizePreset("4K", 3840, 2160),
)


def preset_for(width: int, height: int) -> SizePreset | None:
    for p in SIZE_PRESETS:
        if (p.width, p.height) == (width, height):
            return p
    return None
