"""Where a chart's labels go so that none covers another.

Labels beside a line's end, a value beside a marker, a name beside a point:
each wants to sit at its own spot, and where two would overlap they are pushed
apart just enough, as a group, so each stays as near its spot as it can.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

#: Characters of a model name on one line of a label beside a chart.
NAME_WIDTH = 22


def wrap_name(name: str, width: int = NAME_WIDTH, lines: int = 2) -> str:
    """A model name on ``lines`` lines at most of ``width`` characters ('…' where cut)."""
    wrapped = textwrap.wrap(name, width, break_on_hyphens=False) or [name]
    if len(wrapped) > lines:
        rest = " ".join(wrapped[lines - 1 :])
        last = textwrap.shorten(rest, width, placeholder="…")
        if last == "…":  # one word longer than the line: cut inside it
            last = rest[: width - 1] + "…"
        wrapped = [*wrapped[: lines - 1], last]
    return "\n".join(wrapped)


def spread(
    wanted: Sequence[float], size: float | Sequence[float], lo: float = 0.0, hi: float = 1.0
) -> list[float]:
    """Centres of labels along one axis, in the order of ``wanted``, none overlapping.

    ``size`` is each label's extent along the axis (one figure for all, or one
    each): two neighbours end at least half of each apart. Labels that would
    overlap are moved apart as a group, around where the group wants to be (the
    least squared move); the whole set is then kept between ``lo`` and ``hi``
    (its edges included) when it fits there, and starts at ``lo`` when it does not.
    """
    n = len(wanted)
    if not n:
        return []
    sizes = [float(size)] * n if isinstance(size, (int, float)) else [float(s) for s in size]
    order = sorted(range(n), key=lambda i: wanted[i])
    # Runs of labels that touch, lowest first: (members, each one's offset from the first).
    runs: list[tuple[list[int], list[float], float]] = []  # members, offsets, first centre
    for i in order:
        runs.append(([i], [0.0], wanted[i]))
        while len(runs) > 1:
            (a, a_off, a_at), (b, b_off, b_at) = runs[-2], runs[-1]
            a_top = a_at + a_off[-1] + sizes[a[-1]] / 2
            if a_top <= b_at - sizes[b[0]] / 2 + 1e-12:
                break
            members = a + b
            join = a_off[-1] + (sizes[a[-1]] + sizes[b[0]]) / 2
            offsets = a_off + [join + o for o in b_off]
            at = sum(wanted[m] - o for m, o in zip(members, offsets, strict=True)) / len(members)
            runs[-2:] = [(members, offsets, at)]
    placed = {
        m: at + o for members, offsets, at in runs for m, o in zip(members, offsets, strict=True)
    }
    bottom = min(placed[m] - sizes[m] / 2 for m in placed)
    top = max(placed[m] + sizes[m] / 2 for m in placed)
    fits = top - bottom <= hi - lo
    shift = max(0.0, lo - bottom) - max(0.0, top - hi) if fits else lo - bottom
    return [placed[i] + shift for i in range(n)]


@dataclass(frozen=True)
class Box:
    """A label's extent in display pixels."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )

    def overlap(self, other: Box) -> float:
        """The area this box shares with ``other``."""
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return max(w, 0.0) * max(h, 0.0)

    @property
    def area(self) -> float:
        return (self.x1 - self.x0) * (self.y1 - self.y0)


def clearest(candidates: Sequence[Box], taken: Sequence[Box], frame: Box) -> int:
    """Which of a label's candidate places to use: the first that covers nothing
    ``taken`` and stays inside ``frame``; when none does, the one that hides
    least (words cut off by the frame count ten times: they are lost)."""

    def hidden(box: Box) -> float:
        return sum(box.overlap(t) for t in taken) + 10 * (box.area - box.overlap(frame))

    best, least = 0, float("inf")
    for i, box in enumerate(candidates):
        cost = hidden(box)
        if cost == 0:
            return i  # clear: no later place can do better
        if cost < least:
            best, least = i, cost
    return best


def spread_boxes(
    wanted: Sequence[tuple[float, float]],
    sizes: Sequence[tuple[float, float]],
    lo: float,
    hi: float,
    pad: float = 2.0,
) -> list[float]:
    """Heights for labels at (x, y) of the given (width, height), centred on y,
    moved up or down so that none covers another; labels side by side (their x
    ranges apart) keep their own height.

    Labels are taken in groups whose x ranges overlap, and each group is spread
    like ``spread``, each label ``pad`` taller than it is.
    """
    n = len(wanted)
    out = [y for _x, y in wanted]
    order = sorted(range(n), key=lambda i: wanted[i][0])
    groups: list[list[int]] = []
    right = -float("inf")
    for i in order:
        x, _y = wanted[i]
        w = sizes[i][0]
        if groups and x < right:
            groups[-1].append(i)
            right = max(right, x + w)
        else:
            groups.append([i])
            right = x + w
    for group in groups:
        ys = spread([wanted[i][1] for i in group], [sizes[i][1] + pad for i in group], lo, hi)
        for i, y in zip(group, ys, strict=True):
            out[i] = y
    return out


@dataclass(frozen=True)
class NotePlace:
    """Where a note's words go: aligned ``ha``/``va`` at (``dx``, ``dy``) points from
    the point it is about; ``box`` is where its box then is, in pixels."""

    ha: Literal["left", "right"]
    va: Literal["top", "bottom"]
    dx: float
    dy: float
    box: Box


def place_note(
    at: tuple[float, float],
    size: tuple[float, float],
    line: float,
    frame: Box,
    taken: Sequence[Box],
    *,
    pt: float,
    pad: float,
    offset: tuple[float, float] = (10, 26),
    gap: float = 6,
) -> NotePlace:
    """Where a note about the point ``at`` goes, a box of ``size`` pixels (its
    words ``pad`` pixels inside), so that it crosses no upright line at x = ``line``,
    hides nothing ``taken`` and stays in ``frame``; ``pt`` is pixels per point.

    Beside the point first: ``offset`` points right of it and below, then left,
    then above. Then beside the line, ``gap`` points from it; then at the bottom
    or top of the frame, where a chart too small for the rest still has room.
    When no place is clear, the one that hides least (``clearest``).
    """
    x, y = at
    w, h = size
    right, down = offset
    edge = (gap * pt + pad) / pt  # from a line or the frame to the words, in points
    xs: list[tuple[Literal["left", "right"], float]] = [
        ("left", right),
        ("right", -right),
        ("right", (line - x) / pt - edge),
        ("left", (line - x) / pt + edge),
    ]
    ys: list[tuple[Literal["top", "bottom"], float]] = [
        ("top", -down),
        ("bottom", down),
        ("bottom", (frame.y0 - y) / pt + edge),
        ("top", (frame.y1 - y) / pt - edge),
    ]
    order = [(a, b) for b in ys[:2] for a in xs[:2]]
    order += [(a, b) for b in ys[:2] for a in xs[2:]]
    order += [(a, b) for b in ys[2:] for a in xs]
    places = []
    for (ha, dx), (va, dy) in order:
        left = x + dx * pt - (w - pad if ha == "right" else pad)
        top = y + dy * pt + (pad if va == "top" else h - pad)
        places.append(NotePlace(ha, va, dx, dy, Box(left, top - h, left + w, top)))
    marker = Box(line - pt, frame.y0, line + pt, frame.y1)
    return places[clearest([p.box for p in places], [marker, *taken], frame)]
