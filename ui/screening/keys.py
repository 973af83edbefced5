"""Keys of the questionnaire window that must work wherever the cursor is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ui.screening.window import QuestionnaireWindow


class UnknownKey(QObject):
    """Ctrl+U answers "Unknown / not available" wherever the cursor is in the window.

    On Linux a line edit claims Ctrl+U (delete the line) before any window shortcut sees it,
    and most questions put the cursor in one; so the key is taken at application level, for
    widgets of this window only (dialogs and completion pop-ups keep their own keys)."""

    def __init__(self, window: QuestionnaireWindow):
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) or not isinstance(event, QKeyEvent):
            return False
        if event.key() != Qt.Key.Key_U or event.modifiers() != Qt.KeyboardModifier.ControlModifier:
            return False
        if not isinstance(obj, QWidget) or obj.window() is not self.window:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # deliver it as a key press, which is answered below
            return True
        if not event.isAutoRepeat():
            self.window.answer_unknown()
        return True
