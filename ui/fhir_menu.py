"""File > Import patient (FHIR)… and File > Export screening (FHIR)… (docs/fhir.md).

``install(main_window)`` adds both actions; the work is in ``core.fhir`` and the review in
``ui.fhir_import_dialog``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from core.faults import reason_text
from core.fhir.model import FhirError
from core.i18n import N_, _
from ui import plain

log = logging.getLogger(__name__)
TITLE_IMPORT = N_("Import patient (FHIR)")
TITLE_EXPORT = N_("Export screening (FHIR)")


def install(main_window: QMainWindow) -> None:
    main_window.fhir_import_action = QAction(_("Import &patient (FHIR)…"), main_window)
    main_window.fhir_import_action.setObjectName("fhirImportAction")
    main_window.fhir_import_action.triggered.connect(lambda: import_patient(main_window))
    main_window.fhir_export_action = QAction(_("E&xport screening (FHIR)…"), main_window)
    main_window.fhir_export_action.setObjectName("fhirExportAction")
    main_window.fhir_export_action.triggered.connect(lambda: export_screening(main_window))
    menu = main_window.file_menu
    before = getattr(main_window, "_file_menu_separator", None)
    if before is None:
        menu.addSeparator()
        menu.addActions([main_window.fhir_import_action, main_window.fhir_export_action])
    else:
        menu.insertSeparator(before)
        menu.insertActions(before, [main_window.fhir_import_action, main_window.fhir_export_action])


def import_patient(main_window: QWidget, path: str | None = None):
    """Choose a bundle, read it (off the GUI thread), then show the review; the dialog or None."""
    from ui.background import Cancelled, run_in_background
    from ui.fhir_import_dialog import FhirImportDialog
    from ui.screening.integration import ensure_user_db

    if not ensure_user_db(main_window):
        return None
    if path is None:
        path, _chosen_filter = QFileDialog.getOpenFileName(main_window, _(TITLE_IMPORT), "",
                                                           "FHIR JSON (*.json);;" + _("All files") + " (*)")
        if not path:
            return None
    from core.fhir.map_patient import import_bundle_file

    try:
        result = run_in_background(main_window, _(TITLE_IMPORT), _("Reading the bundle…"),
                                   lambda progress, cancelled: import_bundle_file(path))
    except Cancelled:
        return None
    except FhirError as exc:
        plain.warning(main_window, _(TITLE_IMPORT), _("{problem}\n\nNothing was imported.").format(problem=exc))
        return None
    except Exception as exc:
        log.exception("reading the FHIR bundle failed")
        plain.critical(main_window, _(TITLE_IMPORT),
                       _("The bundle could not be read: {problem}\n\nNothing was imported.").format(problem=exc))
        return None
    dialog = FhirImportDialog(result, Path(path).name, main_window)
    main_window.fhir_import_dialog = dialog

    def done() -> None:
        if dialog.saved is not None:
            patient, created = dialog.saved
            saved = (_("Record of patient {reference} saved (new patient); a new screening starts from it.") if created
                     else _("Record of patient {reference} saved; a new screening starts from it."))
            main_window.statusBar().showMessage(saved.format(reference=patient.reference), 10000)

    dialog.accepted.connect(done)
    dialog.open()
    return dialog


def _current_screening_window(main_window: QWidget):
    windows = [w for w in getattr(main_window, "_screening_windows", []) if w.isVisible()]
    active = [w for w in windows if w.isActiveWindow()]
    return (active or windows or [None])[-1]


def export_screening(main_window: QWidget, folder: str | None = None) -> Path | None:
    """Export the open screening (the active questionnaire window) into a chosen folder."""
    from core.fhir.export import write_bundle
    from core.fhir.records import session_bundle

    window = _current_screening_window(main_window)
    if window is None:
        plain.information(main_window, _(TITLE_EXPORT),
                          _("Open a screening first (Patient > Patients…), then export it."))
        return None
    if folder is None:
        folder = QFileDialog.getExistingDirectory(main_window, _(TITLE_EXPORT))
        if not folder:
            return None
    from core.userdata.models import Screening

    session = window.session
    try:
        screening = Screening.get_by_id(session.screening_id)  # fresh: status and letters as saved
        bundle = session_bundle(screening, session.q, session.results())
        path = write_bundle(bundle, folder, session.screening.patient.reference)
    except FhirError as exc:
        plain.warning(main_window, _(TITLE_EXPORT), str(exc))
        return None
    except OSError as exc:
        problem = _("The bundle could not be written into {folder}: {problem}").format(
            folder=folder, problem=reason_text(exc))
        plain.warning(main_window, _(TITLE_EXPORT), problem)
        return None
    main_window.statusBar().showMessage(_("Screening exported to {path}").format(path=path), 10000)
    return path
