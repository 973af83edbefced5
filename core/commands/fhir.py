"""``main.py patient import-fhir BUNDLE.json`` and ``main.py screen PROFILE.json --fhir-out DIR``.

Import prints every proposed fact (numbered, with its source and date) and everything not
mapped with the reason; ``--exclude`` leaves facts out, ``--dry-run`` changes nothing. The
accepted facts are added to the patient's record (``patient.record`` in the user database,
created with the patient when the reference is new); ``--profile-out`` also writes the
profile JSON for ``main.py screen``. A bundle that cannot be imported, or facts that contradict the
record or make impossible values, change nothing.
"""

from __future__ import annotations

import json
import re
import sys
from typing import TextIO

from core.commands.guard import error_line
from core.faults import reason_text
from core.fhir.model import KIND_LABELS, FhirError, ImportResult
from core.i18n import _, ngettext
from core.matching.screening import ScreenedTrial
from core.patient.profile import PatientProfile, profile_to_json

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _shown(text: str) -> str:
    """Text from a bundle as a terminal shows it: control characters (escape sequences) as '?'."""
    return _CONTROL.sub("?", text)


def format_import(result: ImportResult, excluded: set[int]) -> str:
    lines = [ngettext("{n} fact proposed from {resources}:", "{n} facts proposed from {resources}:",
                      len(result.facts)).format(
        n=len(result.facts), resources=ngettext("{n} resource", "{n} resources", result.resource_count).format(
            n=result.resource_count))]
    for n, fact in enumerate(result.facts, 1):
        mark = " " if n not in excluded else "x"
        when = f"  [{fact.date}]" if fact.date else ""
        shown = _("{label}: {answer}").format(label=_(KIND_LABELS[fact.kind]), answer=fact.describe())
        lines.append(f" {mark}{n:3}. {shown}{when}")
        lines.append("        " + _("from {source}: {original}").format(source=fact.source, original=fact.original)
                     + (f" ({fact.note_text()})" if fact.note else ""))
    lines.append(ngettext("{n} not mapped:", "{n} not mapped:", len(result.unmapped)).format(n=len(result.unmapped)))
    for item in result.unmapped:
        lines.append("   - " + _("{source}: {what}: {reason}").format(source=item.source, what=item.what,
                                                                     reason=item.reason))
    return _shown("\n".join(lines)) + "\n"


def _excluded(text: str | None, count: int) -> set[int]:
    if not text:
        return set()
    out = set()
    for part in text.split(","):
        part = part.strip()
        if not part.isdigit() or not 1 <= int(part) <= count:
            raise ValueError(_("--exclude takes fact numbers from 1 to {count}, not {part}").format(
                count=count, part=repr(part)))
        out.add(int(part))
    return out


def cmd_import_fhir(args, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    from core.fhir.map_patient import import_bundle_file

    try:
        result = import_bundle_file(args.bundle)
        excluded = _excluded(getattr(args, "exclude", None), len(result.facts))
    except (FhirError, ValueError) as exc:
        err.write(error_line(exc))
        return 2
    for n, fact in enumerate(result.facts, 1):
        fact.accepted = n not in excluded
    reference = (getattr(args, "reference", None) or result.reference or "").strip()
    out.write(format_import(result, excluded))
    if getattr(args, "dry_run", False):
        out.write(_("Dry run: nothing was saved.") + "\n")
        return 0
    return _save(result, reference, getattr(args, "profile_out", None), out, err, origin=str(args.bundle))


def _save(result: ImportResult, reference: str, profile_out: str | None, out: TextIO, err: TextIO,
          origin: str = "") -> int:
    from core.fhir.records import ImpossibleProfile, save_import
    from core.userdata.database import UserDataError, close_user_db, open_user_db

    if not reference:
        err.write(error_line(_("the bundle's patient has no identifier; give one with --reference")))
        return 2
    try:
        open_user_db()
    except UserDataError as exc:
        err.write(error_line(exc))
        return 1
    try:
        _patient, created, profile = save_import(reference, result.facts, origin=origin)
    except ImpossibleProfile as exc:
        err.write(error_line(exc) + _("(leave facts out with --exclude N,...)") + "\n")
        return 1
    except ValueError as exc:
        err.write(error_line(exc))
        return 2
    finally:
        close_user_db()
    saved = len(result.accepted())
    if created:
        text = ngettext("{n} fact saved to the record of patient {reference} (new patient).",
                        "{n} facts saved to the record of patient {reference} (new patient).", saved)
    else:
        text = ngettext("{n} fact saved to the record of patient {reference}.",
                        "{n} facts saved to the record of patient {reference}.", saved)
    out.write(text.format(n=saved, reference=reference) + "\n")
    if profile_out:
        from pathlib import Path

        from core.private_files import write_private_text

        try:
            write_private_text(Path(profile_out), profile_to_json(profile) + "\n")
        except OSError as exc:
            err.write(error_line(_("the record was saved, but {path} could not be written: {reason}").format(
                path=profile_out, reason=reason_text(exc))))
            return 1
        out.write(_("Profile written to {path}").format(path=profile_out) + "\n")
    return 0


def write_screening_fhir(profile: PatientProfile, results: list[ScreenedTrial], folder: str, out: TextIO,
                         err: TextIO, explicit: bool = False) -> int:
    """``screen --fhir-out DIR``: answers, the trials referred with their letter, as one Bundle."""
    from core.commands.letter import load_letterhead
    from core.fhir.answers import items_from_profile
    from core.fhir.export import screening_bundle, write_bundle
    from core.letter.prepare import prepare_letter, referable
    from core.letter.render import render_pdf

    chosen = results if explicit else referable(results)
    pdf = render_pdf(prepare_letter(profile, chosen, load_letterhead())) if chosen else None
    reference = profile.profile_id or profile.label or "patient"
    try:
        bundle = screening_bundle(reference, items_from_profile(profile), chosen, {t.trial_id for t in chosen}, pdf)
        path = write_bundle(bundle, folder, reference)
    except FhirError as exc:
        err.write(error_line(exc))
        return 1
    except OSError as exc:
        reason = reason_text(exc)
        err.write(error_line(_("cannot write into {folder}: {reason}").format(folder=folder, reason=reason)))
        return 1
    if chosen:
        text = ngettext("FHIR screening bundle ({n} trial referred) written to {path}",
                        "FHIR screening bundle ({n} trials referred) written to {path}", len(chosen))
    else:
        text = _("FHIR screening bundle (no trial referred) written to {path}")
    out.write(text.format(n=len(chosen), path=path) + "\n")
    return 0


def dump_json(result: ImportResult, out: TextIO) -> None:
    """``--json``: the proposed facts and the unmapped list as data."""
    json.dump({"reference": result.reference,
               "facts": [{"kind": f.kind, "value": f.value, "source": f.source, "original": f.original,
                          "date": f.date, "note": f.note} for f in result.facts],
               "unmapped": [{"source": u.source, "what": u.what, "reason": u.reason} for u in result.unmapped]},
              out, ensure_ascii=False, indent=2)
    out.write("\n")
