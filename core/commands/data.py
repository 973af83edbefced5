"""``main.py data backup|backups|restore|check|export``: the user's data from the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

from core.commands.guard import error_line
from core.i18n import _, ngettext
from core.matching.sentences import local_date
from core.userdata import backup as backups
from core.userdata.database import (
    DAMAGED,
    FOREIGN,
    UserDataError,
    check_file,
    close_user_db,
    open_user_db,
    user_db_path,
)
from core.userdata.instance_lock import AlreadyRunning, InstanceLock


def cmd_backup(args, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    path = user_db_path()
    if not path.exists():
        err.write(error_line(_("there is no user database yet at {path}").format(path=path)))
        return 1
    try:
        target = backups.backup(path)
    except backups.BackupError as exc:
        err.write(error_line(exc))
        return 1
    out.write(_("Backup written: {path}").format(path=target) + "\n")
    return 0


def cmd_backups(args, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    found = backups.list_backups()
    for b in found:
        taken = f"{local_date(b.taken_at.date())} {b.taken_at:%H:%M:%S}"  # 2026年11月30日 in Chinese and Japanese
        out.write(_("{taken} UTC  {size} KiB  {path}").format(taken=taken, size=f"{b.size / 1024:8.1f}", path=b.path)
                  + "\n")
    out.write(ngettext("{n} backup in {folder}", "{n} backups in {folder}", len(found)).format(
        n=len(found), folder=backups.backups_dir()) + "\n")
    return 0


def cmd_restore(args, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Restore the newest backup, or the one named; the current file is kept aside first."""
    found = backups.list_backups()
    source = Path(args.backup) if args.backup else (found[0].path if found else None)
    if source is None:
        err.write(error_line(_("there is no backup to restore")))
        return 1
    close_user_db()
    # A running app keeps writing to the file it opened: replacing it under the app would
    # send every later answer into a file nobody sees again. So refuse while it runs.
    lock = InstanceLock()
    try:
        lock.acquire()
    except AlreadyRunning:
        err.write(error_line(_("the app is running with the data folder {folder}. Close it first, then restore "
                                "again; nothing was changed.").format(folder=lock.path.parent)))
        return 1
    try:
        kept = backups.restore(source, user_db_path())
    except backups.BackupError as exc:
        err.write(error_line(exc))
        return 1
    finally:
        lock.release()
    out.write(_("Restored {path}").format(path=source) + "\n")
    if kept:
        out.write(_("The replaced database was kept as {path}").format(path=kept) + "\n")
    return 0


def cmd_check(args, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    path = user_db_path()
    if not path.exists():
        err.write(_("nothing to check: there is no patient database at {path} yet.").format(path=path) + "\n")
        return 1
    found = check_file(path)
    if found is None:
        out.write(_("ok: {path} passes SQLite's integrity check and is this app's patient database").format(path=path)
                  + "\n")
        return 0
    kind, problem = found
    if kind in (DAMAGED, FOREIGN):
        err.write(_("damaged: {problem} Nothing was changed; restore a backup with 'main.py data restore'.").format(
            problem=problem) + "\n")
    else:  # newer, or unreadable for now (full disk, read-only folder): not damage
        err.write(error_line(_("{problem} Nothing was checked.").format(problem=problem)))
    return 1


def cmd_export(args, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """One patient's data (by reference) as JSON."""
    from core.userdata.models import Patient
    from core.userdata.records import export_patient

    if not user_db_path().exists():  # never create an empty database just to find nobody in it
        err.write(error_line(_("there is no patient database at {path} yet").format(path=user_db_path())))
        return 1
    try:
        open_user_db()
    except UserDataError as exc:
        err.write(error_line(exc))
        return 1
    try:
        patient = Patient.get_or_none(Patient.reference == args.reference)
        if patient is None:
            err.write(error_line(_("no patient with reference {reference}").format(reference=args.reference)))
            return 1
        json.dump(export_patient(patient.id), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    finally:
        close_user_db()
