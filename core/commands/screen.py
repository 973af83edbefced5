"""``main.py screen PROFILE.json``: every trial's verdict with per-criterion reasons.

JSON output (``--json``) is stable: see docs/rules.md. A trial eligible only after steps before
enrolment lists them ("before enrolment: ..."), and one eligible only from a later date says
from when and why.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from typing import TextIO

from core.catalog import status as st
from core.catalog.bundle import open_catalog
from core.catalog.store import find_trial_id
from core.commands.guard import error_line
from core.faults import reason_text
from core.i18n import N_, _, current_language, pgettext, using_language
from core.matching.screening import SCREEN_JSON_VERSION, ScreenedTrial, screen_profile
from core.matching.sentences import criterion_name, eligible_from_line, step_line
from core.matching.verdict import AFTER_STEPS, FROM_DATE, base_status
from core.patient.profile import ProfileError, load_profile
from core.trial_record import display_label

_VERDICT_WORDS = {"eligible": N_("ELIGIBLE"), "possibly_eligible": N_("POSSIBLY ELIGIBLE"),
                  "not_eligible": N_("NOT ELIGIBLE")}
_STATUS_MARK = {"met": N_("met"), "not_met": N_("NOT MET"), "unknown": N_("unknown")}
_LATER_MARK = {AFTER_STEPS: N_("after steps"), FROM_DATE: N_("from date")}


def status_mark(status: str) -> str:
    """``met``, ``NOT MET``, ``unknown``; a status settled by steps or a date says so."""
    base = base_status(status)
    suffix = status[len(base):]
    mark = _(_STATUS_MARK[base])
    if suffix:
        return f"{mark}, {_(_LATER_MARK[suffix])}"
    return mark.ljust(7) if current_language() == "en" else mark


def pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a Chinese or Japanese character takes two)."""
    columns = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - columns)


def parse_trial_list(text: str | None) -> list[str] | None:
    if not text:
        return None
    return [t.strip() for t in text.split(",") if t.strip()]


def format_results(results: list[ScreenedTrial]) -> str:
    lines: list[str] = []
    for r in results:
        v = r.verdict
        lines.append(f"{pad(_(_VERDICT_WORDS[v.verdict]), 18)} {r.trial_id}  {r.title}")
        if v.eligible_from:
            lines.append(f"{'':18} " + _("eligible {when}").format(when=eligible_from_line(v.eligible_from, v.when)))
        for step in v.steps:
            lines.append(f"{'':18} " + _("before enrolment: {step}").format(step=step_line(step)))
        lines.append(f"{'':18} " + _("recruitment: {status}").format(status=_(st.label(v.recruitment_status))))
        names = {c.key: criterion_name(c.kind, display_label(c.key, c.label)) for c in v.criteria}
        sep = pgettext("list separator", ", ")
        if v.deciding:
            deciding = sep.join(names[k] for k in v.deciding)
            lines.append(f"{'':18} " + _("decided by: {criteria}").format(criteria=deciding))
        if v.unreviewed:
            unreviewed = sep.join(names[k] for k in v.unreviewed)
            lines.append(f"{'':18} " + _("read automatically, not yet reviewed (check the criterion's words): "
                                         "{criteria}").format(criteria=unreviewed))
        if v.to_verify:
            to_verify = sep.join(names[k] for k in v.to_verify)
            lines.append(f"{'':18} " + _("to verify: {criteria}").format(criteria=to_verify))
        for c in v.criteria:
            depth = "  " * (c.key.count("."))
            line = _("{label}: {answer}").format(label=names[c.key], answer=c.sentence)
            lines.append(f"{'':20}{depth}[{status_mark(c.status)}] {line}")
            if c.eligible_from:
                lines.append(f"{'':22}{depth}" + _later_line(c.kind, eligible_from_line(c.eligible_from, c.when)))
        lines.append("")
    return "\n".join(lines)


def _later_line(kind: str, when: str) -> str:
    return (_("met {when}") if kind == "inclusion" else _("no longer present {when}")).format(when=when)


def cmd_screen(args, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    try:
        profile = load_profile(args.profile)
    except ProfileError as exc:
        err.write(error_line(f"{args.profile}: {exc}"))
        for field, message in exc.problems:
            if message != str(exc):
                err.write(f"  {field}: {message}\n")
        return 2
    except OSError as exc:
        err.write(error_line(_("cannot read {path}: {reason}").format(path=args.profile, reason=reason_text(exc))))
        return 2
    open_catalog()
    wanted = parse_trial_list(getattr(args, "trials", None))
    trial_ids = None
    if wanted is not None:
        trial_ids = []
        for w in wanted:
            found = find_trial_id(w)
            if found is None:
                err.write(error_line(_("no trial with id {id} in the catalog").format(id=w)))
                return 1
            trial_ids.append(found)
    results = screen_profile(profile, trial_ids=trial_ids)  # in the app's language: text, letter, FHIR bundle
    if args.json:
        if current_language() != "en":  # the JSON's sentences stay English (docs/i18n.md)
            with using_language("en"):
                results_en = screen_profile(profile, trial_ids=trial_ids)
        else:
            results_en = results
        json.dump({"format_version": SCREEN_JSON_VERSION,
                   "assessment_date": profile.assessment_date.isoformat() if profile.assessment_date else None,
                   "results": [r.to_dict() for r in results_en]}, out, ensure_ascii=False, indent=2, sort_keys=True)
        out.write("\n")
    else:
        out.write(format_results(results))
    letter_path = getattr(args, "letter", None)
    status = 0
    if letter_path:
        from core.commands.letter import write_letter

        status = write_letter(profile, results, letter_path, out, err, explicit=wanted is not None,
                              letterhead_file=getattr(args, "letterhead", None),
                              language=getattr(args, "letter_language", None))
    fhir_out = getattr(args, "fhir_out", None)
    if fhir_out and status == 0:
        from core.commands.fhir import write_screening_fhir

        status = write_screening_fhir(profile, results, fhir_out, out, err, explicit=wanted is not None)
    return status
