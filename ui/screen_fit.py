"""Window sizes that fit the screen: a preferred size, never larger than the available area
(a 1366×768 laptop has about 1366×740 once the panel is taken off)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def available_size(widget: QWidget | None = None) -> tuple[int, int]:
    """The available geometry of the widget's screen (else the primary screen)."""
    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    return area.width(), area.height()


def resize_to_fit(widget: QWidget, width: int, height: int, frame: int = 32) -> None:
    """Resize to the preferred size, capped by the available area (less a title-bar allowance)."""
    avail_w, avail_h = available_size(widget)
    widget.resize(min(width, avail_w), min(height, max(avail_h - frame, 200)))
