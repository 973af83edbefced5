"""Fill the empty translations of the catalogs from another version of them (after a merge).

Two branches that both add messages conflict in ``app.po``/``app.mo``. Resolve by taking one
side, extracting again, and filling what is then empty from the other side's catalogs:

    git checkout --theirs resources/locale/            # or --ours
    /work/main/.venv/bin/python scripts/i18n/extract.py
    git show h-cli:resources/locale/zh/LC_MESSAGES/app.po > /tmp/zh.po
    git show h-cli:resources/locale/ja/LC_MESSAGES/app.po > /tmp/ja.po
    /work/main/.venv/bin/python scripts/i18n/fill_from.py --zh /tmp/zh.po --ja /tmp/ja.po
    /work/main/.venv/bin/python scripts/i18n/extract.py --compile

Only empty entries are filled (a translation already there is never replaced), matched on
context and msgid; the entries still empty are listed. Needs Babel (requirements-dev.txt).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "resources" / "locale"


def _translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


def fill(lang: str, source: Path) -> list[str]:
    """Fill ``lang``'s app.po from ``source``; the msgids still untranslated."""
    po = LOCALE / lang / "LC_MESSAGES" / "app.po"
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    with source.open("rb") as fh:
        other = read_po(fh, locale=lang)
    for message in catalog:
        if not message.id or _translated(message):
            continue
        found = other.get(message.id, context=message.context)
        if found is not None and _translated(found) and not found.fuzzy:
            message.string = found.string
    with po.open("wb") as fh:
        write_po(fh, catalog, width=0, sort_by_file=True, include_previous=False)
    return [str(m.id) for m in catalog if m.id and not _translated(m)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zh", type=Path, help="another zh app.po")
    parser.add_argument("--ja", type=Path, help="another ja app.po")
    args = parser.parse_args(argv)
    missing = 0
    for lang, source in (("zh", args.zh), ("ja", args.ja)):
        if source is not None:
            left = fill(lang, source)
            missing += len(left)
            print(f"{lang}: {len(left)} still untranslated" + "".join(f"\n  {m}" for m in left))
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
