"""Trial eligibility assistant: starts the desktop app or runs a command-line subcommand.

    python main.py                          the desktop app
    python main.py --version
    python main.py catalog list|search QUERY|show ID [--json]
    python main.py screen PROFILE.json [--json] [--letter OUT.pdf [--letterhead FILE.json] [--language zh|ja|en]]
                                       [--trials ID,...]
    python main.py settings letterhead --clinic TEXT --clinician TEXT [--department ...] | settings show
    python main.py screen PROFILE.json [--json] [--letter OUT.pdf] [--trials ID,...] [--fhir-out DIR]
    python main.py patient import-fhir BUNDLE.json [--reference REF] [--exclude N,...] [--dry-run]
    python main.py --data-dir DIR ...       every user file goes to DIR (or $TRIALS_DATA_DIR)
    python main.py --language zh|ja|en ...  the app's and the command line's language (default: Settings,
                                            else the system locale)
    python main.py --self-test              check the installation end to end (temporary data folder)
    python main.py --smoke-test             open the main window, print when it was shown, quit
"""

from __future__ import annotations

import argparse
import sys

from core import __version__
from core.i18n import _, using_language
from resources import paths


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="trial-eligibility", description=_(
        "Trial eligibility assistant: starts the desktop app or runs a command-line subcommand."))
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help=_("keep every user file in DIR (also ${variable})").format(variable=paths.DATA_DIR_ENV))
    parser.add_argument("--language", choices=("system", "en", "zh", "ja"),
                        help=_("language of the app and of text output (default: the setting, else the system's)"))
    parser.add_argument("--self-test", action="store_true",
                        help=_("check catalog, screening, letter and window in a temporary data folder; "
                             "exit 0 when all pass"))
    parser.add_argument("--smoke-test", action="store_true",
                        help=_("open the main window, print the time it was first shown, then quit"))
    sub = parser.add_subparsers(dest="command")

    catalog = sub.add_parser("catalog", help=_("list, search and show catalog trials"))
    csub = catalog.add_subparsers(dest="catalog_command", required=True)

    def add_filters(p: argparse.ArgumentParser) -> None:
        p.add_argument("--json", action="store_true", help=_("stable JSON output (docs/catalog-json.md)"))
        p.add_argument("--recruiting", action="store_true", help=_("only trials open to referral"))
        p.add_argument("--condition", help=_("only trials with a condition containing this text"))
        p.add_argument("--country", help=_("only trials with a site in this country"))
        p.add_argument("--age", type=float, help=_("only trials whose age limits admit this age"))

    add_filters(csub.add_parser("list", help=_("every trial in the catalog")))
    search = csub.add_parser("search", help=_("full-text search"))
    search.add_argument("query", nargs="+", help=_("the words to search for (any language)"))
    add_filters(search)
    imp = csub.add_parser("import", help=_("import registry records: files, folders, .zip / .tar.xz archives"))
    imp.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER",
                     help=_("a registry record, a folder of records or an archive"))
    imp.add_argument("--json", action="store_true", help=_("summary as JSON"))
    imp.add_argument("--wait", type=float, default=600.0, metavar="SECONDS",
                     help=_("how long to wait for another import into the same data folder (default 600)"))
    show = csub.add_parser("show", help=_("every field of one trial"))
    show.add_argument("trial_id", help=_("the trial's catalog or registry id (e.g. NCT01234567)"))
    show.add_argument("--json", action="store_true", help=_("stable JSON output (docs/catalog-json.md)"))

    screen = sub.add_parser("screen", help=_("screen a patient profile against the catalog"))
    screen.add_argument("profile", help=_("patient profile JSON (docs/patient-profile.md)"))
    screen.add_argument("--json", action="store_true", help=_("stable JSON output (docs/screen-json.md)"))
    screen.add_argument("--trials", metavar="ID,...", help=_("only these trials (catalog or registry ids)"))
    screen.add_argument("--letter", metavar="OUT.pdf", help=_("write a referral letter for the trials"))
    screen.add_argument("--letterhead", metavar="FILE.json",
                        help=_("letterhead for --letter (fields as 'settings show --json'); default: the settings"))
    screen.add_argument("--language", dest="letter_language", choices=("en", "zh", "ja"),
                        help=_("language of the letter (default: each study team's, from the trial's site country)"))

    from core.commands.settings import add_parser as add_settings_parser

    add_settings_parser(sub)

    criteria = sub.add_parser("criteria", help=_("what the criteria extractor reads in a criterion"))
    crsub = criteria.add_subparsers(dest="criteria_command", required=True)
    propose = crsub.add_parser("propose", help=_("the automatic rule proposed for one criterion text"))
    propose.add_argument("text", help=_("the criterion, verbatim"))
    propose.add_argument("--kind", choices=("inclusion", "exclusion"), required=True)
    propose.add_argument("--json", action="store_true", help=_("stable JSON output (docs/rules.md)"))
    screen.add_argument("--fhir-out", metavar="DIR",
                        help=_("write the screening as a FHIR R4 Bundle into DIR (docs/fhir.md)"))

    patient = sub.add_parser("patient", help=_("the patient's record"))
    psub = patient.add_subparsers(dest="patient_command", required=True)
    fhir = psub.add_parser("import-fhir", help=_("import a patient's FHIR R4 Bundle (JSON) into their record"))
    fhir.add_argument("bundle", metavar="BUNDLE.json", help=_("the patient's FHIR R4 Bundle (JSON)"))
    fhir.add_argument("--reference", help=_("the clinic reference (default: the bundle patient's first identifier)"))
    fhir.add_argument("--exclude", metavar="N,...", help=_("leave out these proposed facts (numbers as listed)"))
    fhir.add_argument("--dry-run", action="store_true", help=_("list the proposed facts; save nothing"))
    fhir.add_argument("--profile-out", metavar="FILE", help=_("also write the resulting profile JSON to FILE"))
    fhir.add_argument("--json", action="store_true", help=_("the proposed and unmapped facts as JSON (saves nothing)"))

    data = sub.add_parser("data", help=_("the user's data: backups, restore, integrity check, export"))
    dsub = data.add_subparsers(dest="data_command", required=True)
    dsub.add_parser("backup", help=_("back up the user database now"))
    dsub.add_parser("backups", help=_("list the backups"))
    restore = dsub.add_parser("restore", help=_("restore the newest backup (or BACKUP); the current file is kept"))
    restore.add_argument("backup", nargs="?", help=_("a backup file (default: the newest)"))
    dsub.add_parser("check", help=_("check the user database's integrity"))
    export = dsub.add_parser("export", help=_("one patient's data as JSON"))
    export.add_argument("reference", help=_("the patient's clinic reference"))
    return parser


def _language_before_parsing(argv: list[str] | None) -> None:
    """The language of ``--help`` and of the help texts: ``--language`` and ``--data-dir`` read before
    the parser is built (its texts are translated when it is built). argparse's own words ("usage:",
    "positional arguments", its error messages) are looked up when printed (``argparse_words``)."""
    given = _global_options(sys.argv[1:] if argv is None else argv)
    language = given.get("--language")
    if language not in (None, "system", "en", "zh", "ja"):
        language = None  # the real parser reports it
    try:
        if given.get("--data-dir"):
            paths.set_data_dir(given["--data-dir"])
        from core.userdata.language import apply_language

        apply_language(language)
    except Exception:  # never fail before the real parser runs: it reports bad arguments plainly
        pass


def _global_options(argv: list[str]) -> dict[str, str]:
    """``--language`` and ``--data-dir`` given before the subcommand (``screen … --language`` is the
    letter's language, not the app's)."""
    found: dict[str, str] = {}
    i = 0
    while i < len(argv) and argv[i].startswith("-"):
        name, eq, value = argv[i].partition("=")
        if name in ("--language", "--data-dir"):
            if not eq:
                if i + 1 >= len(argv):
                    break
                i, value = i + 1, argv[i + 1]
            found[name] = value
        i += 1
    return found


def main(argv: list[str] | None = None) -> int:
    from core.commands.argparse_words import install

    install()  # "usage:", "options", "error:" and argparse's messages in the app's language
    _language_before_parsing(argv)
    args = build_parser().parse_args(argv)
    if args.command is not None:
        from core.commands.guard import prepare_streams, run_guarded, text_argument_problem

        prepare_streams()
        if args.data_dir:
            paths.set_data_dir(args.data_dir)
        from core.userdata.language import apply_language

        apply_language(args.language)
        problem = text_argument_problem(args)
        if problem:
            print(_("error: {problem}").format(problem=problem), file=sys.stderr)
            return 2
        return run_guarded(lambda: run_command(args))
    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    from core.userdata.language import apply_language

    apply_language(args.language)
    if args.self_test:
        return self_test()
    from ui.app import run

    return run(args)


def run_command(args: argparse.Namespace) -> int:
    """A command-line subcommand (run by ``run_guarded``: failures end as plain messages)."""
    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    from core.logging_setup import setup_logging

    setup_logging()
    if args.command == "catalog":
        from core.catalog.database import CatalogError
        from core.commands import catalog as commands

        handler = {"list": commands.cmd_list, "search": commands.cmd_search,
                   "show": commands.cmd_show, "import": commands.cmd_import}[args.catalog_command]
        try:
            return handler(args)
        except CatalogError as exc:
            print(_("error: {problem}").format(problem=exc), file=sys.stderr)
            return 1
    if args.command == "criteria":
        from core.commands.criteria import cmd_propose

        return cmd_propose(args)
    if args.command == "data":
        from core.commands import data as data_commands

        return {"backup": data_commands.cmd_backup, "backups": data_commands.cmd_backups,
                "restore": data_commands.cmd_restore, "check": data_commands.cmd_check,
                "export": data_commands.cmd_export}[args.data_command](args)
    if args.command == "settings":
        from core.commands.settings import cmd_settings

        return cmd_settings(args)
    if args.command == "patient":
        from core.commands import fhir as fhir_commands

        if args.json:
            from core.fhir.map_patient import import_bundle_file
            from core.fhir.model import FhirError

            try:
                with using_language("en"):  # the JSON's reasons stay English (docs/i18n.md)
                    result = import_bundle_file(args.bundle)
            except FhirError:
                try:  # the same failure again, worded in the app's language for the person reading it
                    import_bundle_file(args.bundle)
                except FhirError as exc:
                    print(_("error: {problem}").format(problem=exc), file=sys.stderr)
                    return 2
                raise
            fhir_commands.dump_json(result, sys.stdout)
            return 0
        return fhir_commands.cmd_import_fhir(args)
    from core.catalog.database import CatalogError
    from core.commands.screen import cmd_screen

    try:
        return cmd_screen(args)
    except CatalogError as exc:
        print(_("error: {problem}").format(problem=exc), file=sys.stderr)
        return 1


def self_test() -> int:
    """Core steps, then the window when Qt is there (it never touches the user's data)."""
    from core.selftest import run_self_test

    extra = []
    try:
        from ui.app import self_test_steps
    except ImportError as exc:
        print(_("skip window: Qt is not available ({reason})").format(reason=exc))
    else:
        extra = self_test_steps()
    return run_self_test(extra_steps=extra)


if __name__ == "__main__":
    import os

    os.umask(0o077)  # everything this process writes (data folder, logs, letters) is owner-only
    sys.exit(main())
