"""Draw ImgCost's app icon (a picture with a price tag) as PNGs with QPainter.

Run from anywhere: ``python resources/icons/draw_icon.py``. The SVG beside this
script is the same drawing for platforms that prefer vectors.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QBrush,
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

SIZES = (16, 32, 48, 64, 128, 256)


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)
    # tile
    tile = QLinearGradient(0, 0, 0, 256)
    tile.setColorAt(0, QColor("#2f6fdf"))
    tile.setColorAt(1, QColor("#1b3f8f"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(tile))
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 52, 52)
    # picture frame
    p.setBrush(QColor("#ffffff"))
    p.drawRoundedRect(QRectF(40, 52, 150, 120), 14, 14)
    p.setBrush(QColor("#cfe3ff"))
    p.drawRoundedRect(QRectF(52, 64, 126, 96), 8, 8)
    # mountains and sun
    hills = QPainterPath()
    hills.moveTo(52, 160)
    hills.lineTo(92, 108)
    hills.lineTo(118, 138)
    hills.lineTo(138, 118)
    hills.lineTo(178, 160)
    hills.closeSubpath()
    p.setBrush(QColor("#2f9e6e"))
    p.drawPath(hills)
    p.setBrush(QColor("#ffb020"))
    p.drawEllipse(QPointF(150, 88), 13, 13)
    # price coin
    p.setBrush(QColor("#ffb020"))
    p.setPen(QPen(QColor("#ffffff"), 10))
    p.drawEllipse(QPointF(178, 178), 50, 50)
    p.setPen(QColor("#1b3f8f"))
    font = QFont("DejaVu Sans")
    font.setPixelSize(64)
    font.setBold(True)
    p.setFont(font)
    p.drawText(QRectF(128, 128, 100, 100), Qt.AlignmentFlag.AlignCenter, "$")
    p.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts need an app)
    folder = Path(__file__).resolve().parent
    for size in SIZES:
        if not draw(size).save(str(folder / f"imgcost-{size}.png")):
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
