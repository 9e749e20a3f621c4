"""Words on a chart drawn once, then copied: the quick redraw's largest cost.

matplotlib's Agg renderer lays out and rasterises every glyph of every text on
every draw, in Python since matplotlib 3.11: about 25 µs a glyph. A quick
redraw of the volume chart at 500 models drew two break-even notes of about a
hundred glyphs each that had not changed, 10 ms of its 23. ``install()`` makes
the renderer keep each plain text's glyph images, keyed by everything that
decides them (the words, the font, the size, the angle, the exact spot, the
resolution, antialiasing), and copy them when the same text is drawn again. The
copy goes through the same call as the first draw, with the colour, alpha and
clipping of the new draw, so the pixels are the same.

Mathtext, and any matplotlib that no longer draws plain text the way this
expects, is drawn as usual.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

#: Texts kept; a chart shows a few dozen, and the oldest go first past this.
MAX_TEXTS = 2048

_Glyph = tuple[Any, int, int]  # (bitmap array, left, bottom)


class _Recorder:
    """Stands in for the C++ renderer while a text is drawn: keeps each glyph image
    it is asked to draw, and passes every call on."""

    def __init__(self, renderer: Any) -> None:
        self._renderer = renderer
        self.glyphs: list[_Glyph] = []

    def draw_text_image(self, image: Any, x: int, y: int, angle: float, gc: Any) -> None:
        self.glyphs.append((image.copy(), x, y))
        self._renderer.draw_text_image(image, x, y, angle, gc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._renderer, name)


def _key(renderer: Any, gc: Any, x: float, y: float, s: str, prop: Any, angle: float,
         mtext: Any, hinting: int) -> tuple[Any, ...]:  # fmt: skip
    features = mtext.get_fontfeatures() if mtext is not None else None
    language = mtext.get_language() if mtext is not None else None
    return (
        s,
        tuple(prop.get_family()),
        prop.get_style(),
        prop.get_variant(),
        prop.get_weight(),
        prop.get_stretch(),
        prop.get_size_in_points(),
        prop.get_file(),
        angle,
        x,
        y,
        renderer.dpi,
        renderer.height,
        bool(gc.get_antialiased()),
        hinting,
        tuple(features) if features else None,
        language,
    )


def install() -> bool:
    """Cache plain text on matplotlib's Agg renderer. Returns whether it could."""
    from matplotlib.backends import backend_agg

    agg = backend_agg.RendererAgg
    if getattr(agg, "_imgcost_text_cache", False):
        return True
    needed = ("draw_text", "_draw_text_glyphs_and_boxes", "_prepare_font")
    if not all(hasattr(agg, name) for name in needed) or not hasattr(
        backend_agg, "get_hinting_flag"
    ):
        return False
    original: Callable[..., None] = agg.draw_text
    hinting_flag: Callable[[], int] = backend_agg.get_hinting_flag
    cache: dict[tuple[Any, ...], list[_Glyph]] = {}

    def draw_text(
        self: Any,
        gc: Any,
        x: float,
        y: float,
        s: str,
        prop: Any,
        angle: float,
        ismath: Any = False,
        mtext: Any = None,
    ) -> None:
        if ismath:
            original(self, gc, x, y, s, prop, angle, ismath, mtext)
            return
        key = _key(self, gc, x, y, s, prop, angle, mtext, hinting_flag())
        glyphs = cache.get(key)
        if glyphs is not None:
            _replay(self._renderer, glyphs, gc)
            return
        recorder = _Recorder(self._renderer)
        self._renderer = recorder
        try:
            original(self, gc, x, y, s, prop, angle, ismath, mtext)
        finally:
            self._renderer = recorder._renderer
        if len(cache) >= MAX_TEXTS:
            del cache[next(iter(cache))]
        cache[key] = recorder.glyphs

    agg.draw_text = draw_text  # type: ignore[method-assign]
    agg._imgcost_text_cache = True  # type: ignore[attr-defined]
    agg._imgcost_uncached_draw_text = original  # type: ignore[attr-defined]  # for tests
    return True


def _replay(renderer: Any, glyphs: Iterable[_Glyph], gc: Any) -> None:
    for image, left, bottom in glyphs:
        renderer.draw_text_image(image, left, bottom, 0, gc)
