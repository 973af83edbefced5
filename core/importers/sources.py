"""Walking what the user picked to import: files, folders and archives, as record-file bytes.

``iter_sources(paths)`` yields one ``Source`` per record file, reading archives in place
(nothing is extracted to disk). Every read is bounded (see ``core.importers.limits``):

* a file on disk over MAX_DOCUMENT_BYTES is refused before it is read;
* in an archive every *entry* counts, so a zip holding the same member name many times
  gets each copy checked against the per-member limit, and the number of entries and the
  total bytes decompressed from one archive are capped;
* members are decompressed a chunk at a time and refused as soon as they pass the
  per-member limit, whatever their header claims: a zip bomb is refused, not inflated.
"""

from __future__ import annotations

import tarfile
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from core.faults import os_reason
from core.i18n import N_, Message
from core.importers import limits

RECORD_SUFFIXES = {".json", ".xml", ".txt"}
ZIP_SUFFIXES = (".zip",)
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2")
# Messages worded where they are shown (core.i18n.Message: the str is the English, for the log and JSON).
NOT_A_RECORD = Message(N_("not a record file (.json, .xml or .txt)"))
NESTED = Message(N_("archives inside archives are not opened"))


@dataclass
class Source:
    """One file to import: its bytes, or why they could not be read."""

    name: str  # for people: "folder/NCT1.json", "dump.tar.xz › NCT0000xxxx/NCT00000102.xml"
    data: bytes | None = None
    error: str | None = None  # a core.i18n.Message: worded where it is shown
    skipped: bool = False  # not a record file type (inside a folder or archive)
    done_bytes: int = 0  # input consumed so far, for progress (see batch.Progress)


class TooLarge(Exception):
    """A member decompressed past the per-member limit (raised while reading it)."""


def is_archive_name(name: str) -> bool:
    low = name.casefold()
    return low.endswith(ZIP_SUFFIXES) or low.endswith(TAR_SUFFIXES)


def is_record_name(name: str) -> bool:
    return PurePosixPath(name.casefold()).suffix in RECORD_SUFFIXES


def _hidden(parts: Iterable[str]) -> bool:
    return any(p.startswith(".") or p == "__MACOSX" for p in parts)


def size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def total_bytes(paths: list[Path]) -> int:
    """Bytes on disk under ``paths`` (for the progress bar)."""
    total = 0
    for path in paths:
        try:
            if path.is_dir():
                total += sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
            elif path.is_file():
                total += path.stat().st_size
        except OSError:
            pass
    return total


def read_bounded(fh: IO[bytes], limit: int) -> bytes:
    """At most ``limit`` bytes from ``fh``, read a chunk at a time; TooLarge past it."""
    chunks: list[bytes] = []
    got = 0
    while True:
        chunk = fh.read(min(limits.READ_CHUNK, limit + 1 - got))
        if not chunk:
            return b"".join(chunks)
        got += len(chunk)
        if got > limit:
            raise TooLarge(got)
        chunks.append(chunk)


def iter_sources(paths: Iterable[str | Path] | str | Path) -> Iterator[Source]:
    """Every record file under ``paths``: files, folders (recursively) and archives.

    Files named directly are always tried; inside folders and archives only ``.json``,
    ``.xml`` and ``.txt`` files are read (others are reported as skipped, hidden files and
    ``__MACOSX`` are ignored).
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    consumed = 0
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                rel = f.relative_to(path)
                if not f.is_file() or _hidden(rel.parts):
                    continue
                label = f"{path.name}/{rel.as_posix()}"
                if is_archive_name(f.name):
                    for source in archive_sources(f, label):
                        source.done_bytes += consumed
                        yield source
                elif is_record_name(f.name):
                    yield read_file(f, label, consumed)
                else:
                    yield Source(label, skipped=True, error=NOT_A_RECORD, done_bytes=consumed)
                consumed += size_of(f)
        elif path.is_file():
            if is_archive_name(path.name):
                for source in archive_sources(path, path.name):
                    source.done_bytes += consumed
                    yield source
            else:
                yield read_file(path, path.name, consumed)
            consumed += size_of(path)
        else:
            yield Source(str(path), error=Message(N_("there is no such file or folder")), done_bytes=consumed)


def read_file(path: Path, label: str, consumed: int = 0) -> Source:
    """One file on disk, refused unread when it is over the per-file limit."""
    size = size_of(path)
    done = consumed + size
    if size > limits.MAX_DOCUMENT_BYTES:
        return Source(label, error=Message(N_("the file is too large to import ({size:,} bytes; the limit is "
                                              "{limit:,}): split the download, or import a .zip of its studies"),
                                           size=size, limit=limits.MAX_DOCUMENT_BYTES), done_bytes=done)
    try:
        with path.open("rb") as fh:
            return Source(label, data=read_bounded(fh, limits.MAX_DOCUMENT_BYTES), done_bytes=done)
    except TooLarge:
        return Source(label, error=Message(N_("the file grew past the size limit while it was read")), done_bytes=done)
    except OSError as exc:
        return Source(label, error=Message(N_("the file cannot be read ({reason})"), reason=os_reason(exc)),
                      done_bytes=done)


def archive_sources(path: Path, label: str) -> Iterator[Source]:
    if path.name.casefold().endswith(ZIP_SUFFIXES):
        yield from _zip_sources(path, label)
    else:
        yield from _tar_sources(path, label)


def _member_label(archive: str, member: str, copy: int = 0) -> str:
    """"archive › member", with " (copy 2)" etc. when the archive holds the name again."""
    return f"{archive} › {member}" + (f" (copy {copy})" if copy > 1 else "")


def _too_large(size: int | None = None) -> Message:
    limit = limits.MAX_MEMBER_BYTES
    if size is not None:
        return Message(N_("the file is too large for one record file ({size:,} bytes); the limit is {limit:,} "
                          "bytes"), size=size, limit=limit)
    return Message(N_("the file is too large for one record file (over {limit:,} bytes once decompressed); the "
                      "limit is {limit:,} bytes"), limit=limit)


def _total_exceeded(label: str, count: int, done: int) -> Source:
    return Source(label, error=Message(N_("the archive decompresses to more than {limit:,} bytes; stopped after "
                                          "{n:,} files"), limit=limits.MAX_ARCHIVE_BYTES, n=count), done_bytes=done)


def _zip_sources(path: Path, label: str) -> Iterator[Source]:
    size = size_of(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield Source(label, error=Message(N_("the zip archive cannot be opened ({reason})"), reason=os_reason(exc)),
                     done_bytes=size)
        return
    with zf:
        infos = zf.infolist()  # every entry, duplicates of a name included
        if len(infos) > limits.MAX_ARCHIVE_ENTRIES:
            yield Source(label, error=Message(N_("the archive holds {n:,} entries; the limit is {limit:,}"),
                                              n=len(infos), limit=limits.MAX_ARCHIVE_ENTRIES), done_bytes=size)
            return
        total = max(1, sum(i.compress_size for i in infos))
        copies: Counter[str] = Counter()
        seen = decompressed = count = 0
        for info in infos:
            seen += info.compress_size
            done = int(size * seen / total)
            if info.is_dir() or _hidden(PurePosixPath(info.filename).parts):
                continue
            copies[info.filename] += 1
            name = _member_label(label, info.filename, copies[info.filename])
            if is_archive_name(info.filename):
                yield Source(name, skipped=True, error=NESTED, done_bytes=done)
                continue
            if not is_record_name(info.filename):
                yield Source(name, skipped=True, error=NOT_A_RECORD, done_bytes=done)
                continue
            if info.file_size > limits.MAX_MEMBER_BYTES:
                yield Source(name, error=_too_large(info.file_size), done_bytes=done)
                continue
            budget = min(limits.MAX_MEMBER_BYTES, limits.MAX_ARCHIVE_BYTES - decompressed)
            try:
                with zf.open(info) as fh:  # this entry, not the last one of its name
                    data = read_bounded(fh, budget)
            except TooLarge as exc:
                if budget < limits.MAX_MEMBER_BYTES:
                    yield _total_exceeded(label, count, done)
                    return
                decompressed += int(exc.args[0])
                yield Source(name, error=_too_large(), done_bytes=done)
                continue
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
                yield Source(name, error=Message(N_("the file cannot be read from the archive ({reason})"),
                                                   reason=os_reason(exc)), done_bytes=done)
                continue
            decompressed += len(data)
            count += 1
            yield Source(name, data=data, done_bytes=done)


def _tar_sources(path: Path, label: str) -> Iterator[Source]:
    size = size_of(path)
    try:
        raw = path.open("rb")
    except OSError as exc:
        yield Source(label, error=Message(N_("the archive cannot be read ({reason})"),
                                           reason=os_reason(exc)), done_bytes=size)
        return
    count = entries = decompressed = 0
    copies: Counter[str] = Counter()
    with raw:
        try:
            # Stream mode: members are read in order, nothing is written to disk.
            with tarfile.open(fileobj=raw, mode="r|*") as tf:
                for member in tf:
                    entries += 1
                    if entries > limits.MAX_ARCHIVE_ENTRIES:
                        yield Source(label, error=Message(N_("the archive holds more than {limit:,} entries; "
                                                             "stopped after {n:,} files"),
                                                          limit=limits.MAX_ARCHIVE_ENTRIES, n=count), done_bytes=size)
                        return
                    done = min(size, raw.tell())
                    if not member.isfile() or _hidden(PurePosixPath(member.name).parts):
                        continue
                    copies[member.name] += 1
                    name = _member_label(label, member.name, copies[member.name])
                    count += 1
                    if is_archive_name(member.name):
                        yield Source(name, skipped=True, error=NESTED, done_bytes=done)
                        continue
                    if not is_record_name(member.name):
                        yield Source(name, skipped=True, error=NOT_A_RECORD, done_bytes=done)
                        continue
                    if member.size > limits.MAX_MEMBER_BYTES:
                        yield Source(name, error=_too_large(member.size), done_bytes=done)
                        continue
                    if decompressed + member.size > limits.MAX_ARCHIVE_BYTES:
                        yield _total_exceeded(label, count - 1, done)
                        return
                    fh = tf.extractfile(member)
                    data = read_bounded(fh, limits.MAX_MEMBER_BYTES) if fh is not None else b""
                    decompressed += len(data)
                    yield Source(name, data=data, done_bytes=min(size, raw.tell()))
        except TooLarge:  # a tar header cannot understate its member: only a damaged stream gets here
            yield Source(label, error=Message(N_("the archive is damaged (a member is larger than its header says)")),
                         done_bytes=size)
        except (tarfile.TarError, OSError, EOFError, ValueError) as exc:
            yield Source(label, error=_where(count, N_("the archive is damaged or truncated after {n:,} files "
                                                       "({reason})"),
                                             N_("the archive is damaged or truncated at the start ({reason})"),
                                             os_reason(exc)), done_bytes=size)
        except Exception as exc:  # lzma/zlib/bz2 errors have no common base class
            yield Source(label, error=_where(count, N_("the archive cannot be decompressed after {n:,} files "
                                                       "({reason})"),
                                             N_("the archive cannot be decompressed at the start ({reason})"),
                                             f"{type(exc).__name__}: {exc}"), done_bytes=size)


def _where(count: int, after: str, at_start: str, reason: str) -> Message:
    """A damaged archive's message: after how many files it stopped, or at the start."""
    return Message(after, n=count, reason=reason) if count else Message(at_start, reason=reason)
