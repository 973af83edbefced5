"""The GUI in Chinese and Japanese: our strings (core.i18n), Qt's own standard buttons (qtbase_*.qm
loaded by ui/language.py and kept by pyinstaller.spec) and a font with CJK glyphs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from core.i18n import using_language
from tests.ui.test_ui_strings_translated import PENDING_PACKAGES
from ui.catalog_model import COL_TITLE
from ui.language import QT_CATALOGS, install_cjk_font, install_qt_translations, qt_translation_dirs

ROOT = Path(__file__).resolve().parents[2]


def cancel_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    try:
        return box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "")
    finally:
        box.deleteLater()


@pytest.mark.parametrize("lang,cancel", [("zh", "取消"), ("ja", "キャンセル")])
def test_qts_own_buttons_follow_the_language(qtbot, lang, cancel):
    app = QApplication.instance()
    try:
        assert install_qt_translations(app, lang) is not None
        assert cancel_text() == cancel
    finally:
        assert install_qt_translations(app, "en") is None  # English: Qt's own words, translator removed
    assert cancel_text() == "Cancel"


def test_the_qt_catalogs_exist_and_the_bundle_keeps_them():
    spec = (ROOT / "pyinstaller.spec").read_text(encoding="utf-8")
    kept = re.search(r"KEPT_QT_TRANSLATIONS = .*\((.*)\)", spec).group(1)
    for name in QT_CATALOGS.values():
        assert f'"{name}"' in kept, name
        assert any((d / f"{name}.qm").is_file() for d in qt_translation_dirs()), name


def test_the_cjk_font_is_registered_for_the_gui(qtbot):
    assert "WenQuanYi Micro Hei" in install_cjk_font()


@pytest.mark.parametrize("lang,file_menu,count,title", [("zh", "文件(&F)", "4项试验", "标题"),
                                                        ("ja", "ファイル(&F)", "4件の試験", "タイトル")])
def test_the_main_window_opens_in_the_language(qtbot, catalog, lang, file_menu, count, title):
    from ui.main_window import MainWindow

    with using_language(lang):
        win = MainWindow()
        qtbot.addWidget(win)
        titles = [a.text() for a in win.menuBar().actions()]
        assert titles[0] == file_menu
        assert win.count_label.text() == count
        assert win.model.headerData(COL_TITLE, Qt.Orientation.Horizontal) == title
        detail = win.detail.toPlainText()
    # No English menu left (the Patient menu is ui/screening's, translated on the h-ui-a branch).
    pending = ["&Patient"] if "ui/screening/" in PENDING_PACKAGES else []
    assert [t for t in titles if re.search(r"[A-Za-z]{4,}", t)] == pending, titles
    assert ("入选标准" if lang == "zh" else "選択基準") in detail


@pytest.mark.parametrize("text,words", [
    ("&Settings…", "Settings"), ("设置(&S)…", "设置"), ("キーボードショートカット(&K)…", "キーボードショートカット"),
    ("Trial &List", "Trial List"),
])
def test_the_shortcuts_list_names_menu_entries_without_their_mnemonic(text, words):
    from ui.shortcuts_dialog import menu_words

    assert menu_words(text) == words


def test_data_quality_warnings_follow_the_language(qtbot, catalog):
    from ui.main_window import MainWindow
    from ui.trial_detail import merged_flags

    with using_language("zh"):
        win = MainWindow()
        qtbot.addWidget(win)
        win.search_box.setText("cohort")
        win.refresh()
        assert win.detail.trial_id == "NCT00000003"
        text = win.detail.toPlainText()
    assert "数据质量警告" in text and "目标入组人数为0" in text and "已过" in text
    assert "Data-quality" not in text and "has passed" not in text
    # a flag stored with the trial in English and the same flag computed now are one warning
    stored = {"flags": [{"code": "stale_record", "message": "The record is current as of 2020-01-01, …"}]}
    now = [{"code": "stale_record", "message": "该记录的更新日期为 2020-01-01，已超过一年。"}]
    assert merged_flags(stored, now) == now
