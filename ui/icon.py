"""The application icon, painted with Qt (a clipboard with a tick).

``python -m ui.icon`` writes ``resources/icons/app.png``; at run time the PNG is used when
present and the icon is painted on the fly otherwise.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPainterPath, QPen, QPixmap

from resources import paths


def paint_icon(size: int = 256) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256.0
    # Rounded blue tile.
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#1f5f99"))
    p.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 44 * s, 44 * s)
    # White sheet.
    p.setBrush(QColor("#ffffff"))
    p.drawRoundedRect(QRectF(60 * s, 48 * s, 136 * s, 168 * s), 14 * s, 14 * s)
    # Clip.
    p.setBrush(QColor("#9cc3e6"))
    p.drawRoundedRect(QRectF(96 * s, 34 * s, 64 * s, 30 * s), 10 * s, 10 * s)
    # Lines of criteria.
    p.setBrush(QColor("#c9d6e3"))
    for i in range(3):
        p.drawRoundedRect(QRectF(80 * s, (84 + 24 * i) * s, 96 * s, 10 * s), 5 * s, 5 * s)
    # Green tick.
    pen = QPen(QColor("#2e9d45"), 20 * s)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    path = QPainterPath(QPointF(96 * s, 176 * s))
    path.lineTo(QPointF(120 * s, 198 * s))
    path.lineTo(QPointF(166 * s, 150 * s))
    p.drawPath(path)
    p.end()
    return image


def app_icon() -> QIcon:
    """The bundled icon file when present, else the painted one."""
    png = paths.resource("icons", "app.png")
    if png.exists():
        icon = QIcon(str(png))
        if not icon.isNull():
            return icon
    return QIcon(QPixmap.fromImage(paint_icon(256)))


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    out = paths.resource("icons", "app.png")
    out.parent.mkdir(parents=True, exist_ok=True)
    if not paint_icon(256).save(str(out), "PNG"):
        print(f"could not write {out}", file=sys.stderr)
        return 1
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
