"""Regenerate the message catalogs: extract resources/locale/app.pot from the code (babel.cfg),
merge it into each language's app.po, and compile app.mo beside it.

    /work/main/.venv/bin/python scripts/i18n/extract.py           # extract, update, compile
    /work/main/.venv/bin/python scripts/i18n/extract.py --compile # only compile the .po files

Needs Babel (requirements-dev.txt); the app itself reads the .mo files with the stdlib.
New msgids arrive untranslated (empty msgstr) and tests/core/test_i18n_catalogs.py fails until
a translator fills them in; msgids gone from the code are dropped.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "resources" / "locale"
POT = LOCALE / "app.pot"
LANGUAGES = ("zh", "ja")
# _(), N_() (marked, translated where shown), ngettext(s, p, n) and pgettext(context, message); in
# core/patient/facts.py the fact labels, the third argument of _raw()/_derived() and the second of _yes_no().
KEYWORDS = ["_", "N_", "ngettext:1,2", "pgettext:1c,2", "npgettext:1c,2,3", "_raw:3", "_derived:3", "_yes_no:2"]


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> None:
    keywords = [arg for k in KEYWORDS for arg in ("-k", k)]
    if str(ROOT) not in sys.path:  # babel.cfg's curation extractor: scripts/i18n/curation_extract.py
        sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)  # paths in the catalogs' comments relative to the repository
    pybabel("extract", "-F", "babel.cfg", "--no-default-keywords", *keywords, "--sort-by-file", "--no-location",
            "--project", "trial-eligibility", "--no-wrap", "--omit-header", "-o", str(POT), ".")


def update() -> None:
    for lang in LANGUAGES:
        po = LOCALE / lang / "LC_MESSAGES" / "app.po"
        if po.exists():
            pybabel("update", "-i", str(POT), "-o", str(po), "-l", lang, "--no-wrap", "--ignore-obsolete",
                    "--no-fuzzy-matching")
        else:
            pybabel("init", "-i", str(POT), "-o", str(po), "-l", lang, "--no-wrap")


def compile_all() -> None:
    for lang in LANGUAGES:
        po = LOCALE / lang / "LC_MESSAGES" / "app.po"
        pybabel("compile", "-i", str(po), "-o", str(po.with_suffix(".mo")), "-l", lang)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compile", action="store_true", help="only compile the .po files into .mo")
    args = parser.parse_args(argv)
    if not args.compile:
        extract()
        update()
    compile_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
