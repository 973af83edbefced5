"""The GUI in the app's language beyond our own catalogs: Qt's translations of its standard
buttons and dialogs (QMessageBox's Yes/No, QDialogButtonBox's Save/Cancel/Close, the file
dialogs) and a font with Chinese and Japanese glyphs.

Our own strings come from ``core.i18n`` (gettext); Qt's come from the ``qtbase_<lang>.qm``
files the PySide6 wheel ships (kept in the PyInstaller bundle by pyinstaller.spec). The CJK
font is the one the letters embed (resources/fonts), registered as an application font so a
machine without CJK fonts still shows the words (fontconfig falls back to it on Linux).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QTranslator
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from core.i18n import current_language
from resources import paths

log = logging.getLogger(__name__)

# Qt's catalog for each of our languages (Qt names Simplified Chinese zh_CN).
QT_CATALOGS = {"zh": "qtbase_zh_CN", "ja": "qtbase_ja"}
CJK_FONT = ("fonts", "wqy-microhei.ttc")


def qt_translation_dirs() -> list[Path]:
    """Where Qt's .qm files may be: Qt's own path, then the bundle's and the wheel's folders."""
    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    return dirs + [d for d in paths.qt_translation_dirs() if d not in dirs]


def install_qt_translations(app: QApplication, lang: str | None = None) -> QTranslator | None:
    """Load Qt's translations for ``lang`` (default: the app's language) into ``app``; the
    translator, or None for English or when the file is missing (Qt then stays English)."""
    old = getattr(app, "_qt_translator", None)
    if old is not None:
        app.removeTranslator(old)
        app._qt_translator = None
    name = QT_CATALOGS.get(lang or current_language())
    if name is None:
        return None
    translator = QTranslator(app)
    for folder in qt_translation_dirs():
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            app._qt_translator = translator  # kept alive as long as the application
            return translator
    log.warning("Qt's translations %s were not found in %s", name, [str(d) for d in qt_translation_dirs()])
    return None


def install_cjk_font() -> list[str]:
    """Register the bundled CJK font for the GUI; its family names (empty if it cannot be read)."""
    font = paths.resource(*CJK_FONT)
    if not font.is_file():
        return []
    font_id = QFontDatabase.addApplicationFont(str(font))
    if font_id < 0:
        log.warning("the CJK font %s could not be registered", font)
        return []
    return list(QFontDatabase.applicationFontFamilies(font_id))
