"""Settings: the clinic letterhead printed on referral letters, how old a fact from the
patient record may be before it is asked again, the app's language, and the first-run prompt.

The language (System / English / 中文 / 日本語) is stored by ``core.userdata.language`` and
applied at the next start (main.py), so every window opens in one language.

The letterhead is stored in the user database (``core.userdata``) under
``core.letter.prepare.LETTERHEAD_SETTING`` as a plain dict of ``Letterhead`` fields, so
the command line (``main.py screen --letter``) prints the same letterhead.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.i18n import LANGUAGE_NAMES, LANGUAGES, N_, SYSTEM, _
from core.letter.model import Letterhead
from core.letter.prepare import LETTERHEAD_SETTING, letterhead_from_settings
from core.userdata.database import user_db_open
from ui import plain

log = logging.getLogger(__name__)

# Remembered once the first-run question has been answered either way.
FIRST_RUN_SETTING = "ui.letterhead_prompt_answered"
FIRST_RUN_QUESTION = N_("Fill in your clinic letterhead now?")

# Marked here, translated where shown.
IDENTIFICATION_CHOICES = [
    ("reference", N_("Clinic reference only (no name or date of birth)")),
    ("name", N_("Patient name and date of birth")),
]
LOGO_PATTERNS = "*.png *.jpg *.jpeg *.gif"


user_database = user_db_open  # the user database, open for the duration (left as found)


def load_letterhead() -> Letterhead:
    from core.userdata.records import get_setting

    with user_database():
        return letterhead_from_settings(get_setting(LETTERHEAD_SETTING))


def save_letterhead(head: Letterhead) -> None:
    from core.userdata.records import set_setting

    with user_database():
        set_setting(LETTERHEAD_SETTING, dataclasses.asdict(head))


def load_record_max_age() -> int:
    from ui.screening.session import record_max_age_days

    with user_database():
        return record_max_age_days()


def save_record_max_age(days: int) -> None:
    from core.questionnaire.record import RECORD_MAX_AGE_SETTING
    from core.userdata.records import set_setting

    with user_database():
        set_setting(RECORD_MAX_AGE_SETTING, int(days))


def load_language() -> str:
    from core.userdata.language import stored_language

    return stored_language()


def save_language(choice: str) -> None:
    from core.userdata.language import save_language as store

    with user_database():
        store(choice)


class SettingsDialog(QDialog):
    """Edits the clinic letterhead; Save writes it to the user database."""

    def __init__(self, parent: QWidget | None = None, letterhead: Letterhead | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Settings"))
        self.setObjectName("settingsDialog")
        self.setMinimumWidth(600)
        self.saved: Letterhead | None = None

        intro = QLabel(_("The letterhead and signature printed on referral letters."), self)
        intro.setWordWrap(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.clinic_name = self._line("clinicName", _("e.g. University Hospital Rheumatology Clinic"))
        self.department = self._line("department", _("e.g. Department of Rheumatology"))
        self.address = QPlainTextEdit(self)
        self.address.setObjectName("address")
        self.address.setTabChangesFocus(True)
        self.address.setPlaceholderText(_("Street, postcode and town (one or more lines)"))
        self.address.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.phone = self._line("phone", "")
        self.email = self._line("email", "")

        self.logo_path = self._line("logoPath", _("No logo"))
        self.logo_button = QPushButton(_("&Choose…"), self)
        self.logo_button.setObjectName("chooseLogo")
        self.logo_button.clicked.connect(self.choose_logo)
        self.clear_logo_button = QPushButton(_("C&lear"), self)
        self.clear_logo_button.clicked.connect(self.logo_path.clear)
        self.logo_preview = QLabel(self)
        self.logo_preview.setObjectName("logoPreview")
        self.logo_preview.setFixedSize(120, 60)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.logo_preview.setVisible(False)
        self.logo_path.textChanged.connect(self._update_preview)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_path, 1)
        logo_row.addWidget(self.logo_button)
        logo_row.addWidget(self.clear_logo_button)

        self.clinician_name = self._line("clinicianName", _("e.g. Dr Jane Doe"))
        self.clinician_role = self._line("clinicianRole", _("e.g. Consultant rheumatologist"))
        # The name in parts, optional: letters put it in each language's order (never guessed from a whole name).
        self.clinician_family = self._line("clinicianFamilyName", _("Family name"))
        self.clinician_given = self._line("clinicianGivenName", _("Given name"))
        parts_tip = _("Optional. When given, letters print the name in the order of their language: family name "
                      "first in Chinese and Japanese, given name first in English. Otherwise the name above is "
                      "printed as written.")
        name_parts = QHBoxLayout()
        for edit in (self.clinician_family, self.clinician_given):
            edit.setToolTip(parts_tip)
            name_parts.addWidget(edit, 1)
        self.identification = QComboBox(self)
        self.identification.setObjectName("patientIdentification")
        for code, label in IDENTIFICATION_CHOICES:
            self.identification.addItem(_(label), code)

        form.addRow(_("Clinic &name:"), self.clinic_name)
        form.addRow(_("&Department:"), self.department)
        form.addRow(_("&Address:"), self.address)
        form.addRow(_("&Phone:"), self.phone)
        form.addRow(_("&Email:"), self.email)
        logo_label = QLabel(_("Lo&go:"), self)
        logo_label.setBuddy(self.logo_path)
        form.addRow(logo_label, logo_row)
        form.addRow("", self.logo_preview)
        form.addRow(_("Referring &clinician:"), self.clinician_name)
        parts_label = QLabel(_("Clinician's name in par&ts:"), self)
        parts_label.setBuddy(self.clinician_family)
        form.addRow(parts_label, name_parts)
        form.addRow(_("Clinician's &role:"), self.clinician_role)
        form.addRow(_("Identify the patient &by:"), self.identification)
        # Labs, scores and current findings from the patient record older than this are asked again.
        self.record_max_age = QSpinBox(self)
        self.record_max_age.setObjectName("recordMaxAge")
        self.record_max_age.setRange(1, 3650)
        self.record_max_age.setSuffix(_(" days"))
        self.record_max_age.setToolTip(_("A new screening uses labs, scores and current findings from the patient "
                                       "record only when they are at most this old; older ones are asked again."))
        form.addRow(_("Ask labs and findings again &after:"), self.record_max_age)
        # Each language named in itself: a clinician who cannot read the current one still finds theirs.
        self.language = QComboBox(self)
        self.language.setObjectName("appLanguage")
        self.language.addItem(_("System"), SYSTEM)
        for lang in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[lang], lang)
        self.language.setToolTip(_("The language of the app, its messages and the command line; applies from the "
                                 "next start. Letters go in each study team's language."))
        form.addRow(_("Lan&guage (from the next start):"), self.language)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        if letterhead is None:
            try:
                letterhead = load_letterhead()
            except Exception as exc:  # a damaged user database: say so, edit an empty form
                log.exception("could not read the letterhead")
                plain.warning(self, _("Settings"),
                              _("The saved settings could not be read:\n\n{problem}").format(problem=exc))
                letterhead = Letterhead()
        self.set_letterhead(letterhead)
        try:
            self.record_max_age.setValue(load_record_max_age())
        except Exception:  # shown above already if the database is unreadable; keep the default
            log.exception("could not read the record age setting")
            from core.questionnaire.record import DEFAULT_MAX_AGE_DAYS

            self.record_max_age.setValue(DEFAULT_MAX_AGE_DAYS)
        self.language.setCurrentIndex(max(self.language.findData(load_language()), 0))

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    # -- values -------------------------------------------------------------------------
    def set_letterhead(self, head: Letterhead) -> None:
        self.clinic_name.setText(head.clinic_name)
        self.department.setText(head.department)
        self.address.setPlainText(head.address)
        self.phone.setText(head.phone)
        self.email.setText(head.email)
        self.logo_path.setText(head.logo_path or "")
        self.clinician_name.setText(head.clinician_name)
        self.clinician_role.setText(head.clinician_role)
        self.clinician_family.setText(head.clinician_family_name)
        self.clinician_given.setText(head.clinician_given_name)
        index = self.identification.findData(head.patient_identification)
        self.identification.setCurrentIndex(max(index, 0))

    def letterhead(self) -> Letterhead:
        """The letterhead as the form shows it (text trimmed)."""
        return Letterhead(
            clinic_name=self.clinic_name.text().strip(),
            department=self.department.text().strip(),
            address=self.address.toPlainText().strip(),
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
            logo_path=self.logo_path.text().strip() or None,
            clinician_name=self.clinician_name.text().strip(),
            clinician_role=self.clinician_role.text().strip(),
            clinician_family_name=self.clinician_family.text().strip(),
            clinician_given_name=self.clinician_given.text().strip(),
            patient_identification=self.identification.currentData() or "reference",
        )

    def problems(self) -> list[str]:
        """What must be corrected before saving."""
        head = self.letterhead()
        found = []
        if head.email and ("@" not in head.email or " " in head.email):
            found.append(_("“{email}” does not look like an email address.").format(email=head.email))
        if head.logo_path and not Path(head.logo_path).is_file():
            found.append(_("The logo file {path} does not exist.").format(path=head.logo_path))
        return found

    # -- actions ------------------------------------------------------------------------
    def choose_logo(self) -> None:
        start = self.logo_path.text().strip() or str(Path.home())
        logo_filter = _("Images") + f" ({LOGO_PATTERNS});;" + _("All files") + " (*)"
        path, _chosen_filter = QFileDialog.getOpenFileName(self, _("Choose the clinic logo"), start, logo_filter)
        if path:
            self.logo_path.setText(path)

    def _update_preview(self, text: str) -> None:
        pixmap = QPixmap(text) if text and Path(text).is_file() else QPixmap()
        self.logo_preview.setVisible(not pixmap.isNull())
        if pixmap.isNull():
            self.logo_preview.clear()
        else:
            self.logo_preview.setPixmap(pixmap.scaled(self.logo_preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                      Qt.TransformationMode.SmoothTransformation))

    def accept(self) -> None:
        problems = self.problems()
        if problems:
            plain.warning(self, _("Settings"), "\n".join(problems))
            return
        head = self.letterhead()
        try:
            save_letterhead(head)
            save_record_max_age(self.record_max_age.value())
            save_language(self.language.currentData() or SYSTEM)
        except Exception as exc:
            log.exception("could not save the letterhead")
            plain.critical(self, _("Settings"), _("The settings could not be saved:\n\n{problem}").format(problem=exc))
            return
        self.saved = head
        log.info("letterhead saved")
        super().accept()


# -- first run ----------------------------------------------------------------------------
def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    """A Yes / Not now question (tests replace this)."""
    box = plain.message_box(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton(_("&Fill in now"), QMessageBox.ButtonRole.YesRole)
    box.addButton(_("&Not now"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(yes)
    box.exec()
    return box.clickedButton() is yes


def maybe_prompt_first_run(parent: QWidget | None = None,
                           open_dialog: Callable[[QWidget | None], Any] | None = None) -> bool:
    """Ask once (ever) whether to fill in the letterhead; returns True when it asked.

    Not asked when a letterhead is already saved. The answer, yes or no, is remembered
    in the user database, so the question never comes back; Edit > Settings… stays.
    """
    from core.userdata.records import get_setting, set_setting

    try:
        with user_database():
            if get_setting(FIRST_RUN_SETTING) or get_setting(LETTERHEAD_SETTING):
                return False
            set_setting(FIRST_RUN_SETTING, True)
    except Exception:  # no user database: no prompt; the error is in the log
        log.exception("first-run check skipped")
        return False
    text = _(FIRST_RUN_QUESTION) + "\n\n" + _("Referral letters print your clinic's name, address and logo and the "
                                              "referring clinician. You can also do it later: Edit > Settings…")
    if ask_yes_no(parent, _("Welcome"), text):
        if open_dialog is not None:
            open_dialog(parent)
        else:
            SettingsDialog(parent).exec()
    return True
