"""``main.py catalog list|search|show``: the catalog from the command line.

JSON output (``--json``) is stable and documented in docs/catalog-json.md.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from typing import TextIO

from core.catalog import status as st
from core.catalog.bundle import open_catalog
from core.catalog.quality import trial_flags
from core.catalog.record_fields import kind_word, phase_text, role_text, sex_text, shown_fields, study_type_text
from core.catalog.search import SearchFilters, TrialSummary, search_trials
from core.catalog.store import find_trial_id, trial_to_dict
from core.commands.screen import pad
from core.i18n import _, ngettext, pgettext, using_language
from core.vocab.countries import country_name

LIST_JSON_VERSION = 1


def _ages(t: TrialSummary) -> str:
    lo = "" if t.min_age_years is None else f"{t.min_age_years:g}"
    hi = "" if t.max_age_years is None else f"{t.max_age_years:g}"
    return f"{lo}-{hi}" if lo or hi else _("any")


def _print_list(rows: list[TrialSummary], as_json: bool, out: TextIO) -> None:
    if as_json:
        json.dump({"format_version": LIST_JSON_VERSION, "count": len(rows),
                   "trials": [asdict(r) for r in rows]}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    for r in rows:
        ages = _("ages {range}").format(range=f"{_ages(r):8}")
        out.write(f"{r.trial_id:18}  {pad(_(st.label(r.status)), 22)}  {ages}  {r.title}\n")
    out.write(ngettext("{n} trial", "{n} trials", len(rows)).format(n=len(rows)) + "\n")


def cmd_list(args, out: TextIO = sys.stdout) -> int:
    open_catalog()
    _print_list(search_trials("", _filters(args)), args.json, out)
    return 0


def cmd_search(args, out: TextIO = sys.stdout) -> int:
    open_catalog()
    _print_list(search_trials(" ".join(args.query), _filters(args)), args.json, out)
    return 0


def _filters(args) -> SearchFilters:
    statuses = set()
    if getattr(args, "recruiting", False):
        statuses = set(st.OPEN_STATUSES)
    return SearchFilters(statuses=statuses, condition=getattr(args, "condition", None),
                         country=getattr(args, "country", None), patient_age=getattr(args, "age", None))


def cmd_show(args, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    open_catalog()
    data = trial_to_dict(find_trial_id(args.trial_id) or args.trial_id)
    if data is None:
        err.write(_("No trial with id {id} in the catalog.").format(id=args.trial_id) + "\n")
        return 1
    with using_language("en" if args.json else None):  # JSON output stays English (docs/i18n.md)
        data["flags"] = [f.to_dict() for f in trial_flags(data["trial_id"])]
    if args.json:
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    out.write(format_trial(data))
    return 0


def format_trial(d: dict) -> str:
    """Plain-text rendering of trial_to_dict output."""
    lines = [d["title"], "=" * min(len(d["title"]), 100), _("ID: {id}").format(id=d["trial_id"])]
    if d["registry_ids"]:
        lines.append(_("Registry ids: {ids}").format(ids=", ".join(d["registry_ids"])))
    ages = _("{low} to {high}").format(low=_years(d["min_age_years"], _("no minimum")),
                                       high=_years(d["max_age_years"], _("no maximum")))
    simple = [
        (_("Brief title"), d["brief_title"]), (_("Acronym"), d["acronym"]),
        (_("Status"), _(st.label(d["status"]))), (_("Phase"), phase_text(d["phase"])),
        (_("Study type"), study_type_text(d["study_type"])),
        (_("Conditions"), ", ".join(d["conditions"])), (_("Keywords"), ", ".join(d["keywords"])),
        (_("Interventions"), "; ".join(d["interventions"])),
        (_("Sponsor"), d["sponsor"]), (_("Collaborators"), "; ".join(d["collaborators"])),
        (_("Start date"), d["start_date"]),
        (_("End date"), pgettext("a date and its kind", "{date} ({kind})").format(
            date=d["end_date"], kind=kind_word(d["end_date_kind"])) if d["end_date"] and d["end_date_kind"]
         else d["end_date"]),
        (_("First posted"), d["first_posted"]), (_("Last updated"), d["last_updated"]),
        (_("Target enrolment"), d["enrollment"]),
        (_("Ages"), ages), (_("Age wording"), d["age_text"]), (_("Sex"), sex_text(d["sex"])),
        (_("Healthy volunteers"), {True: _("yes"), False: _("no"), None: None}[d["healthy_volunteers"]]),
        (_("Source"), f"{d['source']['format']} ({d['source']['file']})"),
        (_("Source URL"), d["source"]["url"]), (_("Current as of"), d["source"]["current_as_of"]),
    ]
    lines += [_("{label}: {value}").format(label=k, value=v) for k, v in simple if v not in (None, "")]
    for label, value in shown_fields(d["extra"]):  # the app's own words in the language, the record's as written
        lines.append(_("{label}: {value}").format(label=label, value=value))
    for f in d["flags"]:
        lines.append(_("WARNING: {message}").format(message=f["message"]))
    for s in d["sites"]:
        lines.append(_("Site: {site}").format(site=", ".join(
            x for x in (s["name"], s["city"], s["region"], country_name(s["country"]),
                        _(st.label(s["status"])) if s["status"] else None) if x)))
    for c in d["contacts"]:
        lines.append(_("Contact: {contact}").format(contact=", ".join(
            x for x in (c["name"], role_text(c["role"]), c["affiliation"], c["email"], c["phone"], c["address"]) if x)))
    for kind in ("inclusion", "exclusion"):
        lines.append("\n" + (_("Inclusion criteria:") if kind == "inclusion" else _("Exclusion criteria:")))
        lines += _criteria_lines(d["criteria"][kind], 1)
    summary = d["summary"]
    if summary:
        lines += ["", _("Summary:"), summary]
    return "\n".join(lines) + "\n"


def _criteria_lines(nodes: list[dict], depth: int) -> list[str]:
    out = []
    for n in nodes:
        label = f"{n['label']}." if n["label"] else "•"
        out.append(f"{'  ' * depth}{label} {n['text']}")
        out += _criteria_lines(n["children"], depth + 1)
    return out


def _years(value: float | None, missing: str) -> str:
    return missing if value is None else ngettext("{n} year", "{n} years", 1 if value == 1 else 2).format(
        n=f"{value:g}")


def cmd_import(args, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Import files into the working catalog; exit 1 when any file failed, 2 when another
    import kept the data folder busy for longer than the wait allowed."""
    from core.catalog.import_lock import ImportBusy
    from core.catalog.overlay import import_and_keep

    open_catalog()

    def progress(p) -> None:
        if not getattr(args, "json", False) and err.isatty():
            files = ngettext("{n} file", "{n} files", p.files_done).format(n=p.files_done)
            records = ngettext("{n} record", "{n} records", p.records_done).format(n=p.records_done)
            err.write("\r" + _("{files}, {records}…").format(files=files, records=records))

    def waiting(holder: str) -> None:
        err.write(_("Another import into this data folder is running ({holder}); this one starts when it has "
                    "finished…").format(holder=holder) + "\n")
        err.flush()

    try:
        summary = import_and_keep(args.paths, progress=progress, waiting=waiting, who="the command line",
                                  timeout=getattr(args, "wait", 600.0))
    except ImportBusy as exc:
        err.write(f"{exc}\n")
        return 2
    if getattr(args, "json", False):
        json.dump({"format_version": 1, "new": summary.new, "updated": summary.updated,
                   "unchanged": summary.unchanged, "failed": summary.failed,
                   "files": [{"name": f.name, "status": f.status, "records": f.records, "error": f.error,
                              "notes": f.notes}
                             for f in summary.files]}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(summary_text(summary) + "\n")
        for name, reason in summary.failures:
            out.write("  " + _("failed: {file}: {reason}").format(file=name, reason=reason) + "\n")
        for name, note in summary.notes:
            out.write("  " + _("cut: {file}: {note}").format(file=name, note=note) + "\n")
    return 1 if summary.failed else 0


def summary_text(summary) -> str:
    """An import's counts in the active language (``ImportSummary.describe`` stays English: the log's)."""
    from core.importers.batch import OK

    ok = sum(1 for f in summary.files if f.status == OK)
    records = ngettext("{n} record", "{n} records", summary.records).format(n=summary.records)
    files = ngettext("{n} file", "{n} files", ok).format(n=ok)
    failed = ngettext("{n} file failed", "{n} files failed", summary.failed).format(n=summary.failed)
    text = _("{records} from {files}: {new} new, {updated} updated, {unchanged} unchanged; {failed}").format(
        records=records, files=files, new=summary.new, updated=summary.updated, unchanged=summary.unchanged,
        failed=failed)
    if summary.notes:
        text += pgettext("clause separator", "; ") + ngettext(
            "{n} over-long field cut to the size limits", "{n} over-long fields cut to the size limits",
            len(summary.notes)).format(n=len(summary.notes))
    return text + (_(" (cancelled)") if summary.cancelled else "")
