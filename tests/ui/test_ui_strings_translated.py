"""Every user-visible string literal in ui/ goes through the translation functions.

An AST scan of ``ui/**.py``: a string literal (or f-string) with words in it, passed straight to a
Qt call that shows text (setText, setWindowTitle, QLabel(…), QMessageBox.*, addItem, showMessage…)
or to the app's own text helpers (ui.plain), fails here unless it is inside ``_()``, ``N_()``,
``ngettext`` or ``pgettext``. Together with tests/core/i18n/test_catalogs.py (every msgid has a
Chinese and a Japanese translation with the same placeholders) that makes "a user-visible string
without a translation" a failing test.

Markup the app writes itself (``<b>…</b>``, ``&nbsp;``) and texts without letters (" · ", "%")
are not words and pass. Not user-visible (object names, settings keys, data values) are not in
the calls listed, so they need no allow-list; the few literals that are shown but must not be
translated are in ALLOWED, named.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.string_scan import call_name
from tests.string_scan import untranslated as untranslated_in

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"

# Packages not yet wrapped (none: every package of ui/ is checked).
PENDING_PACKAGES: tuple[str, ...] = ()

# Shown but never translated: (path relative to the repository, the literal).
ALLOWED: frozenset[tuple[str, str]] = frozenset({
    # A yes/no value in the rule editor is written as JSON's true/false, the words parse_value reads back.
    ("ui/rule_edit_dialog.py", "true"), ("ui/rule_edit_dialog.py", "false"),
    # The unit of the 100 mm visual analogue scales: a symbol written the same in every language.
    ("ui/screening/editors/joints.py", " mm"),
})

# Method calls whose arguments at these positions are shown to the user.
METHODS: dict[str, tuple[int, ...]] = {
    "setText": (0,), "setWindowTitle": (0,), "setToolTip": (0,), "setPlaceholderText": (0,),
    "setStatusTip": (0,), "setWhatsThis": (0,), "setAccessibleName": (0,), "setAccessibleDescription": (0,),
    "setTitle": (0,), "setLabelText": (0,), "setInformativeText": (0,), "setCancelButtonText": (0,),
    "setSuffix": (0,), "setPrefix": (0,), "setSpecialValueText": (0,), "setFormat": (0,),
    "setHorizontalHeaderLabels": (0,), "setVerticalHeaderLabels": (0,), "setHeaderLabels": (0,),
    "setItemText": (1,), "setTabText": (1,), "setTabToolTip": (1,),
    "showMessage": (0,), "addAction": (0,), "addMenu": (0,), "addItem": (0,), "addItems": (0,),
    "insertItem": (1,), "addTab": (1,), "insertTab": (2,), "addButton": (0,), "addRow": (0,),
    "warning": (1, 2), "critical": (1, 2), "information": (1, 2), "question": (1, 2), "about": (1, 2),
    "getOpenFileName": (1,), "getOpenFileNames": (1,), "getSaveFileName": (1,), "getExistingDirectory": (1,),
    "getText": (1, 2), "getItem": (1, 2), "getInt": (1, 2), "getDouble": (1, 2),
    "message_box": (1, 2), "run_in_background": (1, 2),
}
# Constructors (and the app's own label helpers) whose arguments at these positions are shown.
CONSTRUCTORS: dict[str, tuple[int, ...]] = {
    "QLabel": (0,), "QPushButton": (0,), "QCheckBox": (0,), "QRadioButton": (0,), "QGroupBox": (0,),
    "QAction": (0, 1), "QMenu": (0,), "QDockWidget": (0,), "QTableWidgetItem": (0,), "QListWidgetItem": (0,),
    "QTreeWidgetItem": (0,), "QStandardItem": (0,), "QCommandLinkButton": (0, 1), "QProgressDialog": (0, 1),
    "QMessageBox": (1, 2), "plain_label": (0,), "rich_label": (0,), "tip": (0,),
}
TRANSLATORS = {"_", "N_", "ngettext", "pgettext", "npgettext"}
_MARKUP = re.compile(r"<[^<>]*>|&[A-Za-z]+;|&#\d+;")


def _has_words(text: str) -> bool:
    """Letters outside the app's own markup: words a user reads."""
    return any(ch.isalpha() for ch in _MARKUP.sub("", text))


def untranslated(node: ast.expr) -> list[str]:
    """The literal texts with words in ``node`` that no translation function wraps."""
    return untranslated_in(node, _has_words)


def scan(source: str, rel: str) -> list[str]:
    """Problems in one module: "path:line: call(…'text'…)"."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = call_name(node.func)
        if name in TRANSLATORS:
            continue
        positions = METHODS.get(name, CONSTRUCTORS.get(name))
        if positions is None:
            continue
        args = [a for i, a in enumerate(node.args) if i in positions]
        args += [k.value for k in node.keywords if k.arg in ("text", "title", "label", "caption")]
        for arg in args:
            for text in untranslated(arg):
                if (rel, text) not in ALLOWED:
                    problems.append(f"{rel}:{node.lineno}: {name}(… {text!r} …)")
    return problems


def hidden_from_extraction(source: str, rel: str) -> list[str]:
    """``_("…")`` written inside an f-string's braces: Babel reads an f-string as one token on
    Python 3.11, so the message never reaches the catalogs (and shows in English)."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.JoinedStr):
            continue
        for sub in ast.walk(node):
            if (isinstance(sub, ast.Call) and call_name(sub.func) in TRANSLATORS
                    and any(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in sub.args)):
                problems.append(f"{rel}:{sub.lineno}: {ast.unparse(sub)} inside an f-string")
    return problems


def ui_modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(UI.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if not rel.startswith(PENDING_PACKAGES):
            out.append((rel, path))
    return out


def test_the_scan_finds_untranslated_literals_and_passes_wrapped_ones():
    source = (
        "label = QLabel('Patient age', self)\n"
        "box.setWindowTitle(f'Review rules — {trial_id}')\n"
        "plain.warning(self, 'Settings', 'The file' + ' is gone')\n"
        "bar.showMessage('Saved' if ok else 'Failed', 5000)\n"
        "combo.addItem(_('Any status'), 'any')\n"
        "menu.addMenu(_('&File'))\n"
        "label.setText(f'<b>{esc(name)}</b> &nbsp;·')\n"
        "button.setObjectName('acceptButton')\n"
        "item.setText(ngettext('{n} trial', '{n} trials', n).format(n=n))\n"
    )
    found = scan(source, "ui/example.py")
    assert [p.split(": ", 1)[1] for p in found] == [
        "QLabel(… 'Patient age' …)",
        "setWindowTitle(… 'Review rules — ' …)",
        "warning(… 'Settings' …)",
        "warning(… 'The file' …)",
        "warning(… ' is gone' …)",
        "showMessage(… 'Saved' …)",
        "showMessage(… 'Failed' …)",
    ]


def test_pending_packages_are_only_the_screening_window():
    """The exclusion is one named constant; every other module of ui/ is scanned."""
    scanned = {rel for rel, _ in ui_modules()}
    assert "ui/main_window.py" in scanned and "ui/app.py" in scanned
    assert all(rel.startswith("ui/screening/") for rel in {p.relative_to(ROOT).as_posix() for p in UI.rglob("*.py")}
               - scanned)


def test_a_message_inside_an_f_string_is_found():
    found = hidden_from_extraction("x = f'<b>{_(\"Not stated\")}</b>'\ny = f'{_(label)}'\nz = _('Fine')\n", "ui/x.py")
    assert found == ["ui/x.py:1: _('Not stated') inside an f-string"]


@pytest.mark.parametrize("rel,path", ui_modules(), ids=[rel for rel, _ in ui_modules()])
def test_user_visible_literals_are_translated(rel, path):
    source = path.read_text(encoding="utf-8")
    problems = scan(source, rel) + hidden_from_extraction(source, rel)
    assert problems == [], "wrap these in _() and translate them:\n" + "\n".join(problems)


def test_every_scanned_ui_module_is_extracted_for_translation():
    """babel.cfg must read the modules whose strings are wrapped, or the catalogs never see them."""
    cfg = (ROOT / "babel.cfg").read_text(encoding="utf-8")
    patterns = re.findall(r"^\[python: (.+)\]$", cfg, flags=re.MULTILINE)
    for rel, _path in ui_modules():
        assert any(Path(rel).match(p) or (p.endswith("**.py") and rel.startswith(p[:-5])) for p in patterns), rel
