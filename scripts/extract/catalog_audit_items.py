"""Dump the automatic rules of the bundled catalog's DEV-side trials (sha256(trial_id) first byte even) for a
reading-first audit. Run from your worktree:

  PYTHONPATH=. python scripts/extract/catalog_audit_items.py items OUT.tsv   # no rules
  PYTHONPATH=. python scripts/extract/catalog_audit_items.py rules OUT.tsv   # with rules

Columns: trial_id, key, kind, lead-ins (parents' texts, outermost first, ' <- ' joined), the item before it in the
record (a childless lead-in such as "Patients must not have:" can precede it), text[, rule JSON].
"""
import csv
import json
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, ".")
from core.catalog.bundle import build_bundled  # noqa: E402
from scripts.extract.mine import dev_side  # noqa: E402

mode, out = sys.argv[1], sys.argv[2]
tmp = tempfile.mkdtemp()
con = sqlite3.connect(build_bundled(Path(tmp) / "c.sqlite"))
rows = con.execute("select trial_id, key, parent_key, kind, text, rule, rule_origin from criterion "
                   "order by trial_id, position").fetchall()
text_of = {(r[0], r[1]): (r[2], r[4]) for r in rows}
with open(out, "w", newline="") as f:
    w = csv.writer(f, delimiter="\t")
    previous = ""
    for i, (tid, key, parent, kind, text, rule, origin) in enumerate(rows):
        before, previous = (previous if i and rows[i - 1][0] == tid else ""), text
        if origin != "automatic-unreviewed" or not dev_side(tid):
            continue
        chain = []
        while parent:
            parent, ptext = text_of[(tid, parent)]
            chain.insert(0, ptext)
        row = [tid, key, kind, " <- ".join(chain), before, text]
        if mode == "rules":
            row.append(rule if isinstance(rule, str) else json.dumps(rule))
        w.writerow(row)
print("written", out)
