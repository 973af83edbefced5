"""What every vocabulary build script does with its result: render it as stable JSON, and either
compare it with the committed file (``--check``) or write it."""

from __future__ import annotations

import json
from pathlib import Path


def render(data: dict) -> str:
    """Deterministic JSON: sorted keys, one-space indent, non-ASCII names kept as written."""
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def check_or_write(text: str, output: Path, check: bool, rebuild_hint: str) -> tuple[int, bool]:
    """(exit code, written). With ``check``: 0 when ``output`` already holds ``text``, else 1 and a
    line saying how to rebuild it; otherwise ``text`` is written."""
    if check:
        same = output.exists() and output.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{output} is out of date: {rebuild_hint}")
        return (0 if same else 1), False
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    return 0, True
