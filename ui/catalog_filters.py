"""The catalog window's filter row: recruitment status, site country, condition and the patient's
age, read into ``SearchFilters``. The window connects the widgets' signals to its search."""

from __future__ import annotations

import logging

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from core.catalog import status as st
from core.catalog.search import SearchFilters, all_conditions, countries
from core.i18n import N_, _
from core.vocab.countries import country_name

log = logging.getLogger(__name__)

OPEN_TO_REFERRAL = N_("Open to referral (recruiting, not yet recruiting, by invitation)")

_STATUS_ORDER = [
    st.RECRUITING, st.NOT_YET_RECRUITING, st.ENROLLING_BY_INVITATION, st.ACTIVE_NOT_RECRUITING,
    st.COMPLETED, st.SUSPENDED, st.TERMINATED, st.WITHDRAWN, st.UNKNOWN,
]


class CatalogFilters:
    """The filter widgets (children of ``left``) in one grid layout, ``self.layout``."""

    def __init__(self, left: QWidget) -> None:
        self.layout = filters = QGridLayout()
        filters.setHorizontalSpacing(8)
        filters.setVerticalSpacing(4)

        self.status_combo = QComboBox(left)
        self.status_combo.setObjectName("statusFilter")
        self.status_combo.setAccessibleName(_("Recruitment status filter"))
        self.status_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.status_combo.setMinimumContentsLength(16)
        self.status_combo.addItem(_("Any status"), [])
        self.status_combo.addItem(_(OPEN_TO_REFERRAL), sorted(st.OPEN_STATUSES))
        self.status_combo.setItemData(1, _(OPEN_TO_REFERRAL), Qt.ItemDataRole.ToolTipRole)
        for code in _STATUS_ORDER:
            self.status_combo.addItem(_(st.label(code)), [code])
        self.status_combo.view().setMinimumWidth(self.status_combo.view().sizeHintForColumn(0) + 24)
        status_label = QLabel(_("&Status:"), left)
        status_label.setBuddy(self.status_combo)

        self.country_combo = QComboBox(left)
        self.country_combo.setObjectName("countryFilter")
        self.country_combo.setAccessibleName(_("Site country filter"))
        self.country_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.country_combo.setMinimumContentsLength(10)
        country_label = QLabel(_("C&ountry:"), left)
        country_label.setBuddy(self.country_combo)

        self.condition_edit = QLineEdit(left)
        self.condition_edit.setObjectName("conditionFilter")
        self.condition_edit.setPlaceholderText(_("Any condition"))
        self.condition_edit.setAccessibleName(_("Condition filter"))
        self.condition_edit.setClearButtonEnabled(True)
        self._condition_model = QStringListModel(left)
        completer = QCompleter(self._condition_model, self.condition_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.condition_edit.setCompleter(completer)
        condition_label = QLabel(_("Con&dition:"), left)
        condition_label.setBuddy(self.condition_edit)

        self.age_check = QCheckBox(_("Patient &age fits:"), left)
        self.age_check.setObjectName("ageFilterEnabled")
        self.age_check.setToolTip(_("Show only trials whose age limits admit a patient of this age"))
        self.age_spin = QSpinBox(left)
        self.age_spin.setObjectName("ageFilter")
        self.age_spin.setAccessibleName(_("Patient age in years"))
        self.age_spin.setRange(0, 120)
        self.age_spin.setValue(40)
        self.age_spin.setSuffix(_(" years"))
        self.age_spin.setEnabled(False)
        self.age_check.toggled.connect(self.age_spin.setEnabled)

        self.reset_button = QPushButton(_("&Reset"), left)
        self.reset_button.setToolTip(_("Clear the search and every filter"))

        filters.addWidget(status_label, 0, 0)
        filters.addWidget(self.status_combo, 0, 1)
        filters.addWidget(country_label, 0, 2)
        filters.addWidget(self.country_combo, 0, 3)
        filters.addWidget(condition_label, 1, 0)
        filters.addWidget(self.condition_edit, 1, 1)
        filters.addWidget(self.age_check, 1, 2)
        filters.addWidget(self.age_spin, 1, 3)
        filters.addWidget(self.reset_button, 0, 4)
        filters.setColumnStretch(1, 3)
        filters.setColumnStretch(3, 1)


    def populate(self) -> None:
        """(Re)load the country and condition choices from the catalog."""
        current = self.country_combo.currentData()
        self.country_combo.blockSignals(True)
        self.country_combo.clear()
        self.country_combo.addItem(_("Any country"), None)
        try:
            names = countries()
            conditions = all_conditions()
        except Exception:  # a broken catalog must not stop the window from opening
            log.exception("could not read filter choices")
            names, conditions = [], []
        for name in names:  # shown in the language, filtered by the name as stored
            self.country_combo.addItem(country_name(name), name)
        index = self.country_combo.findData(current) if current else 0
        self.country_combo.setCurrentIndex(max(index, 0))
        self.country_combo.blockSignals(False)
        self._condition_model.setStringList(conditions)

    def current(self) -> SearchFilters:
        statuses = self.status_combo.currentData() or []
        return SearchFilters(
            statuses=set(statuses),
            condition=self.condition_edit.text().strip() or None,
            country=self.country_combo.currentData() or None,
            patient_age=float(self.age_spin.value()) if self.age_check.isChecked() else None,
        )

    def reset(self) -> None:
        """Every filter back to "any", without signalling (the caller searches once after)."""
        widgets = (self.condition_edit, self.status_combo, self.country_combo, self.age_check)
        for w in widgets:
            w.blockSignals(True)
        self.condition_edit.clear()
        self.status_combo.setCurrentIndex(0)
        self.country_combo.setCurrentIndex(0)
        self.age_check.setChecked(False)
        self.age_spin.setEnabled(False)
        for w in widgets:
            w.blockSignals(False)
