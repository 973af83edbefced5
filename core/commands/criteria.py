"""``main.py criteria propose --kind inclusion|exclusion TEXT [--json]``: what the extractor reads.

The JSON shape is stable (docs/rules.md, "Proposing a rule from the command line"):
``{"format_version": 1, "kind", "text", "proposal": {...} | null, "reason": null | "..."}``, and
English whatever the language (``description`` and ``reason`` included). The human output is in
the active language: the rule is worded again from the rule itself (``rule_in_words``).
"""

from __future__ import annotations

import json
import re
import sys
from typing import TextIO

from core.commands.screen import pad
from core.criteria.extract import propose_rule, why_no_rule
from core.criteria.rule_words import rule_in_words
from core.i18n import N_, _, pgettext, using_language

PROPOSE_JSON_VERSION = 1

# why_no_rule's reasons (English in the JSON), worded again for people; an unknown one shows as written.
_REASONS = {
    "the criterion is empty": N_("the criterion is empty"),
    "a heading or lead-in: its meaning is in the items under it":
        N_("a heading or lead-in: its meaning is in the items under it"),
    "too long to be read as one statement": N_("too long to be read as one statement"),
    "no part of it is a statement the extractor understands in full: asked of the clinician":
        N_("no part of it is a statement the extractor understands in full: asked of the clinician"),
}
_REFUSED = re.compile(r"the words \u201c(?P<words>.*)\u201d change the meaning in a way the extractor does not model "
                      r"\(judgement, a condition, an example list, a scope …\): asked of the clinician", re.DOTALL)


def reason_words(reason: str) -> str:
    """The extractor's English reason for no rule, in the active language."""
    if reason in _REASONS:
        return _(_REASONS[reason])
    refused = _REFUSED.fullmatch(reason)
    if refused:
        return _("the words \u201c{words}\u201d change the meaning in a way the extractor does not model "
                 "(judgement, a condition, an example list, a scope …): asked of the clinician").format(
            words=refused.group("words"))
    return reason


def proposal_json(text: str, kind: str) -> dict:
    """The stable JSON of one proposal (or null with the reason)."""
    with using_language("en"):  # the stable machine format (its reason is worded by the extractor)
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
        out.write(_("No rule: {reason}").format(reason=reason_words(data["reason"])) + "\n")
        return 0
    labels = [_("Rule:"), _("In words:"), _("Modifiable:"), _("Read from:")]
    rule, words, modifiable, read_from = (pad(label, 13) for label in labels)  # the values in one column
    out.write(f"{rule}{json.dumps(p['rule'], ensure_ascii=False)}\n")
    out.write(f"{words}{rule_in_words(p['rule'])}\n")
    answer = _("yes (a step before enrolment)") if p["modifiable"] else _("no")
    out.write(f"{modifiable}{answer}\n")
    for part in p["parts"]:
        quoted = pgettext("quote", "\u201c{words}\u201d").format(words=part["words"])
        out.write(f"{read_from}{quoted} ({part['pattern']})\n")
    return 0
