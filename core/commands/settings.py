"""``main.py settings letterhead|show``: the clinic letterhead from the command line.

Stored exactly where the app's Settings dialog keeps it (the ``LETTERHEAD_SETTING`` row of
the user database, a dict of ``Letterhead`` fields), so a letterhead set here prints on the
app's letters and the other way round. ``read_letterhead_file`` reads the same fields from a
JSON file for ``screen --letter --letterhead FILE.json``.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from core.commands.guard import error_line
from core.faults import reason_text
from core.i18n import N_, _, pgettext
from core.letter.model import Letterhead
from core.letter.prepare import LETTERHEAD_SETTING, letterhead_from_settings

# Command-line option / JSON key -> Letterhead field.
OPTION_FIELDS = {
    "clinic": "clinic_name", "clinician": "clinician_name", "role": "clinician_role", "department": "department",
    "address": "address", "phone": "phone", "email": "email", "logo": "logo_path",
    "patient_identification": "patient_identification",
    "clinician_family": "clinician_family_name", "clinician_given": "clinician_given_name",
}
IDENTIFICATION = ("reference", "name")
FIELD_HELP = {  # the help of each letterhead option (marked here, translated where the parser is built)
    "clinic_name": N_("the letterhead's clinic name"), "clinician_name": N_("the letterhead's clinician name"),
    "clinician_role": N_("the letterhead's clinician role"), "department": N_("the letterhead's department"),
    "address": N_("the letterhead's address"), "phone": N_("the letterhead's phone"),
    "email": N_("the letterhead's email"), "logo_path": N_("the letterhead's logo path"),
    "clinician_family_name": N_("the letterhead's clinician family name"),
    "clinician_given_name": N_("the letterhead's clinician given name"),
}
HOW_TO_SET = N_('Set it with: python main.py settings letterhead --clinic "…" --clinician "…" '
              "[--department …] [--address …] [--phone …] [--email …] [--role …] "
              "(or Edit > Settings… in the app), or pass --letterhead FILE.json.")


class LetterheadError(ValueError):
    """A letterhead that cannot be used, with a message for the user."""


def add_parser(sub: Any) -> None:
    """The ``settings`` subcommand and its options (called by main.build_parser)."""
    settings = sub.add_parser("settings", help=_("the clinic letterhead printed on referral letters"))
    ssub = settings.add_subparsers(dest="settings_command", required=True)
    head = ssub.add_parser("letterhead", help=_("set letterhead fields (the others are kept; \"\" clears one)"))
    for option, field in OPTION_FIELDS.items():
        if option == "patient_identification":
            head.add_argument("--patient-identification", choices=IDENTIFICATION, dest=option,
                              help=_("letters name the patient by clinic reference (default) or by name"))
        else:
            head.add_argument(f"--{option.replace('_', '-')}", dest=option,
                              metavar="TEXT" if option != "logo" else "IMAGE",
                              help=_(FIELD_HELP[field]))
    language = ssub.add_parser("language", help=_("show or set the app's language (system, en, zh, ja)"))
    language.add_argument("choice", nargs="?", choices=("system", "en", "zh", "ja"))
    show = ssub.add_parser("show", help=_("the letterhead now set"))
    show.add_argument("--json", action="store_true", help=_("as JSON (the shape --letterhead FILE.json reads)"))


def _stored() -> Letterhead:
    from core.userdata.records import get_setting

    return letterhead_from_settings(get_setting(LETTERHEAD_SETTING))


def _changes(values: dict[str, Any]) -> dict[str, Any]:
    """Letterhead fields from option/JSON keys; LetterheadError on a key or value that cannot be used."""
    changes: dict[str, Any] = {}
    fields = {f.name for f in dataclasses.fields(Letterhead)}
    for key, value in values.items():
        field = OPTION_FIELDS.get(key, key if key in fields else None)
        if field is None:
            raise LetterheadError(_("unknown letterhead field {field} (known: {known})").format(
                field=repr(key), known=", ".join(OPTION_FIELDS)))
        if value is not None and not isinstance(value, str):
            raise LetterheadError(_("letterhead field {field} must be text").format(field=repr(key)))
        value = (value or "").strip()
        if field == "patient_identification" and value not in IDENTIFICATION:
            raise LetterheadError(_("patient_identification must be one of {choices}").format(
                choices=", ".join(IDENTIFICATION)))
        if field == "logo_path" and value and not Path(value).is_file():
            raise LetterheadError(_("logo {path}: no such file").format(path=value))
        changes[field] = value or (None if field == "logo_path" else "")
    return changes


def read_letterhead_file(path: str) -> Letterhead:
    """A letterhead from a JSON object of fields (``settings show --json`` writes one)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise LetterheadError(_("cannot read {path}: {reason}").format(path=path, reason=reason_text(exc))) from exc
    except UnicodeDecodeError as exc:
        raise LetterheadError(_("{path} is not a JSON letterhead: {reason}").format(path=path,
                                                                                  reason=reason_text(exc))) from exc
    except json.JSONDecodeError as exc:
        raise LetterheadError(_("{path} is not a JSON letterhead: {reason}").format(path=path, reason=exc)) from exc
    if not isinstance(data, dict):
        raise LetterheadError(_("{path} must hold a JSON object of letterhead fields").format(path=path))
    return dataclasses.replace(Letterhead(), **_changes(data))


def _field_names() -> dict[str, str]:
    """Each option's field as the terminal names it (English: the option's own words)."""
    return {
        "clinic": pgettext("letterhead option", "clinic"), "clinician": pgettext("letterhead option", "clinician"),
        "role": pgettext("letterhead option", "role"), "department": pgettext("letterhead option", "department"),
        "address": pgettext("letterhead option", "address"), "phone": pgettext("letterhead option", "phone"),
        "email": pgettext("letterhead option", "email"), "logo": pgettext("letterhead option", "logo"),
        "patient_identification": pgettext("letterhead option", "patient identification"),
        "clinician_family": pgettext("letterhead option", "clinician family"),
        "clinician_given": pgettext("letterhead option", "clinician given"),
    }


def describe(head: Letterhead) -> list[str]:
    """The letterhead as lines for the terminal; fields not set say so."""
    from core.commands.screen import pad

    names = _field_names()
    lines = []
    for option, field in OPTION_FIELDS.items():
        value = getattr(head, field)
        shown = value if value else _("(not set)")
        lines.append(f"{pad(names.get(option, option), 24)} {shown}")
    return lines


def cmd_settings(args, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    from core.userdata.database import UserDataError, close_user_db, open_user_db
    from core.userdata.records import set_setting

    try:
        open_user_db()
    except UserDataError as exc:
        err.write(error_line(exc))
        return 1
    try:
        if args.settings_command == "language":
            return _language(args.choice, out)
        head = _stored()
        if args.settings_command == "show":
            if args.json:
                json.dump(dataclasses.asdict(head), out, ensure_ascii=False, indent=2)
                out.write("\n")
            else:
                out.write("\n".join(describe(head)) + "\n")
            return 0
        given = {o: getattr(args, o) for o in OPTION_FIELDS if getattr(args, o) is not None}
        if not given:
            err.write(error_line(_("give at least one field to set, e.g. --clinic \"…\" --clinician \"…\"; "
                                    "nothing was changed")))
            return 2
        try:
            head = dataclasses.replace(head, **_changes(given))
        except LetterheadError as exc:
            err.write(error_line(_("{problem}; nothing was changed").format(problem=exc)))
            return 2
        set_setting(LETTERHEAD_SETTING, dataclasses.asdict(head))
        out.write(_("Letterhead saved (the app's Settings dialog shows the same):") + "\n"
                  + "\n".join(describe(head)) + "\n")
        if not head.clinic_name or not head.signature_name("en"):
            err.write(_("warning: {problem}").format(problem=_("letters still lack a clinic name or a clinician name."))
                      + " " + _(HOW_TO_SET) + "\n")
        return 0
    finally:
        close_user_db()


def _language(choice: str | None, out: TextIO) -> int:
    """Show the stored language choice, or store a new one (used from the next start)."""
    from core.userdata.language import LANGUAGE_SETTING, save_language
    from core.userdata.records import get_setting

    if choice is None:
        out.write(_("Language: {choice}").format(choice=get_setting(LANGUAGE_SETTING, "system")) + "\n")
        return 0
    save_language(choice)
    out.write(_("Language set to {choice}; it applies from the next start.").format(choice=choice) + "\n")
    return 0
