"""Screenshots of the main window and of a referral letter's first page in each language (issue 17).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/docs/language_screenshots.py [OUT_DIR]

Writes main-window-{en,zh,ja}.png (the window at 1366×768, grabbed offscreen) and
letter-{en,zh,ja}-page-1.png (the first page of a letter from the sample patient, made by the
command line and rasterised with poppler's pdftoppm) into docs/screenshots/ (or OUT_DIR).
The letterhead gives the clinician's name in parts, so the letters show each language's order
(Wei Zhou in English, Zhou Wei in Chinese and Japanese). Uses a throw-away data folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

LANGUAGES = ("en", "zh", "ja")
# (trial, why): the Beijing RA cohort for English and Chinese, the Kyoto trial for Japanese.
LETTER_TRIALS = {"en": "LOCAL-EB61F3F300", "zh": "LOCAL-EB61F3F300", "ja": "UMIN000042298"}
LETTERHEAD = {
    "clinic_name": "Riverside Rheumatology Clinic", "department": "Department of Rheumatology",
    "address": "1 River Road, Springfield", "phone": "+00 000 000 000", "email": "rheuma@example.org",
    "clinician_family_name": "Zhou", "clinician_given_name": "Wei", "clinician_role": "Consultant rheumatologist",
}


def main_windows(out: Path, data: Path) -> None:
    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from core.catalog.bundle import open_catalog
    from core.i18n import using_language
    from resources import paths
    from ui.app import make_application
    from ui.language import install_qt_translations
    from ui.main_window import MainWindow

    paths.set_data_dir(data)
    app = make_application()
    open_catalog()
    for lang in LANGUAGES:
        with using_language(lang):
            install_qt_translations(app, lang)
            window = MainWindow(settings=QSettings(str(data / f"settings-{lang}.ini"), QSettings.Format.IniFormat))
            window.resize(1366, 768)
            window.show()
            loop = QEventLoop()
            QTimer.singleShot(400, loop.quit)
            loop.exec()
            path = out / f"main-window-{lang}.png"
            window.grab().save(str(path))
            print(path)
            window.close()
            window.deleteLater()


def letters(out: Path, data: Path) -> None:
    head = data / "letterhead.json"
    head.write_text(json.dumps(LETTERHEAD), encoding="utf-8")
    sample = ROOT / "resources" / "samples" / "sample-patient.json"
    for lang in LANGUAGES:
        pdf = data / f"letter-{lang}.pdf"
        subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), "--language", lang, "screen",
                        str(sample), "--trials", LETTER_TRIALS[lang], "--letter", str(pdf), "--letterhead", str(head),
                        "--language", lang], check=True, stdout=subprocess.DEVNULL)
        stem = out / f"letter-{lang}-page"
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
                       check=True)
        (out / f"letter-{lang}-page.png").rename(out / f"letter-{lang}-page-1.png")
        print(out / f"letter-{lang}-page-1.png")


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp(prefix="language-shots-"))
    main_windows(out, data)
    letters(out, data)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"))
