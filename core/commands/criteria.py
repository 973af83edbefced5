"""``main.py criteria propose --kind inclusion|exclusion TEXT [--json]``: what the extractor reads.

The JSON shape is stable (docs/rules.md, "Proposing a rule from the command line"):
``{"format_version": 1, "kind", "text", "proposal": {...} | null, "reason": null | "..."}``.
"""

from __future__ import annotations

import json
import sys
from typing import TextIO

from core.criteria.extract import propose_rule, why_no_rule

PROPOSE_JSON_VERSION = 1


def proposal_json(text: str, kind: str) -> dict:
    """The stable JSON of one proposal (or null with the reason)."""
    proposal = propose_rule(text, kind)
    out = {"format_version": PROPOSE_JSON_VERSION, "kind": kind, "text": text, "proposal": None, "reason": None}
    if proposal is None:
        out["reason"] = why_no_rule(text, kind)
    else:
        out["proposal"] = {"rule": proposal.rule, "description": proposal.description,
                           "modifiable": proposal.modifiable, "confidence": proposal.confidence,
                           "pattern": proposal.pattern, "parts": [dict(p) for p in proposal.parts]}
    return out


def cmd_propose(args, out: TextIO = sys.stdout) -> int:
    data = proposal_json(args.text, args.kind)
    if args.json:
        json.dump(data, out, ensure_ascii=False, indent=2, sort_keys=True)
        out.write("\n")
        return 0
    p = data["proposal"]
    if p is None:
        out.write(f"No rule: {data['reason']}\n")
        return 0
    out.write(f"Rule:        {json.dumps(p['rule'], ensure_ascii=False)}\n")
    out.write(f"In words:    {p['description']}\n")
    out.write(f"Modifiable:  {'yes (a step before enrolment)' if p['modifiable'] else 'no'}\n")
    for part in p["parts"]:
        out.write(f"Read from:   \u201c{part['words']}\u201d ({part['pattern']})\n")
    return 0
