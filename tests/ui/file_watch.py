"""Watch files for being opened (Linux inotify through ctypes): proof that no widget loads a
resource a record names, which a screenshot cannot give."""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import struct
from pathlib import Path

IN_ACCESS = 0x001
IN_OPEN = 0x020
IN_NONBLOCK = 0o4000
_EVENT = struct.Struct("iIII")


class FileWatch:
    """Records IN_OPEN / IN_ACCESS events on the given files until ``events()`` is read."""

    def __init__(self, files: list[Path]):
        self._libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        self.fd = self._libc.inotify_init1(IN_NONBLOCK)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1 failed")
        self.names: dict[int, str] = {}
        for f in files:
            wd = self._libc.inotify_add_watch(self.fd, str(f).encode(), IN_OPEN | IN_ACCESS)
            if wd < 0:
                raise OSError(ctypes.get_errno(), f"cannot watch {f}")
            self.names[wd] = str(f)

    def events(self) -> list[str]:
        seen: list[str] = []
        while True:
            try:
                data = os.read(self.fd, 4096)
            except BlockingIOError:
                return seen
            except OSError as exc:  # pragma: no cover - EAGAIN spelled differently
                if exc.errno == errno.EAGAIN:
                    return seen
                raise
            offset = 0
            while offset < len(data):
                wd, mask, _cookie, length = _EVENT.unpack_from(data, offset)
                seen.append(f"{self.names.get(wd, wd)} mask={mask:#x}")
                offset += _EVENT.size + length

    def close(self) -> None:
        os.close(self.fd)
