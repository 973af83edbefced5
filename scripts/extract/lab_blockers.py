"""Blocking words of the lab / organ function / score / vital / pregnancy / contraception / infection families
(issue 16), dev side of the mined corpus only (trials whose sha256(trial_id) first byte is even).

For each criteria item that names a concept of these families and gets no proposal, the text is normalised
(``_norm``; numbers -> N, analyte names -> <LAB>, units -> <UNIT>) and its words are counted; a word's share of
unread items against read ones shows what blocks the reading. Also prints the most frequent unread shapes. Every
count is of DISTINCT texts (a PDQ line repeated in 40 trials counts once: corpus share is what moves held-out
coverage, and a repeated line is one wording).

  PYTHONPATH=. python scripts/extract/lab_blockers.py [--top 15] [--shapes 40] [--dump FILE.pkl]

``--dump`` writes {"trial:key": rule} of every dev-side item with a proposal (for a before/after comparison).
Reads /tmp/mine_cache.pkl (the mined corpus cache ``scripts/extract/mine.py`` builds).
"""

from __future__ import annotations

import argparse
import collections
import pickle
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from scripts.extract.mine import dev_side  # noqa: E402

CACHE = Path("/tmp/mine_cache.pkl")
FAMILY = re.compile(
    r"\b(?:platelets?|h(?:a)?emoglobin|hgb|hb|wbc|white blood|neutrophils?|anc|granulocytes?|lymphocytes?|bilirubin"
    r"|creatinine|ast|alt|sgot|sgpt|transaminases?|aminotransferases?|uln|lln|e?gfr|clearance|albumin|inr|cd4"
    r"|hba1c|alkaline phosphatase|ecog|karnofsky|performance status|zubrod|life expectancy|pregnan\w*|nursing"
    r"|breast-?feeding|lactat\w*|contracepti\w*|birth control|child-?bearing|hiv|hepatitis|hbsag|hcv|tubercul\w*"
    r"|quantiferon|blood pressure|qtc|ejection fraction|lvef|hematopoietic|hepatic|renal)\b", re.I)
_LABWORDS = re.compile(
    r"\b(?:platelets?(?: count)?|h(?:a)?emoglobin|hgb|hb|wbc|white blood cells?(?: count)?|(?:absolute )?neutrophils?"
    r"(?: count)?|anc|granulocytes?(?: count)?|lymphocytes?|(?:total )?bilirubin|creatinine clearance|creatinine|ast"
    r"|alt|sgot|sgpt|transaminases?|aminotransferases?|e?gfr|albumin|inr|cd4(?: count)?|hba1c|alkaline phosphatase"
    r"|ggt)\b")
_UNITS = re.compile(r"(?<![a-z])(?:x uln|uln|lln|/mm3|/ul|x10\^\d/[lu]+|mg/dl|g/dl|g/l|umol/l|ml/min(?:/1\.73m2)?"
                    r"|u/l|iu/l|mmhg|ms|%|months?|weeks?|days?|years?)(?![a-z])")
_STOP = set("a an the of and or to in with be is are for as at by on have has must should who".split())


def shape(text: str) -> str:
    from core.criteria.extract.normalise import _norm
    t = _norm(text)
    t = _LABWORDS.sub("<LAB>", t)
    t = re.sub(r"\d+(?:\.\d+)?", "N", t)
    t = _UNITS.sub("<UNIT>", t)
    return re.sub(r"\s+", " ", t).strip(" .;,")


def _reason(text: str, kind: str) -> str:
    """Why an item is unread, in a few words: its context, a refused word, or not understood."""
    from core.criteria.extract import propose_rule
    from core.criteria.extract.normalise import _REFUSE, _norm
    if propose_rule(text, kind) is not None:
        return "read alone: blocked by its lead-in, an 'OR' neighbour or cohorts"
    refused = _REFUSE.search(_norm(text))
    if refused:
        return f"refused word: {refused.group(0).strip()}"
    return "not understood (see the blocking words)"


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--shapes", type=int, default=40)
    ap.add_argument("--dump")
    args = ap.parse_args(argv)
    from core.criteria.extract import propose_rules
    from core.trial_record import criterion_keys
    records = [r for r in pickle.loads(CACHE.read_bytes()) if dev_side(r.trial_id)]
    unread_words: collections.Counter[str] = collections.Counter()
    read_words: collections.Counter[str] = collections.Counter()
    shapes: collections.Counter[str] = collections.Counter()
    seen: set[tuple[str, str]] = set()  # (kind, text) already counted
    dump: dict[str, dict] = {}
    reasons: collections.Counter[str] = collections.Counter()
    n_unread = n_read = 0
    for record in records:
        proposals = propose_rules(record.criteria, record.conditions)  # "other malignancy" reads the conditions
        for key, _parent, node in criterion_keys(record.criteria):
            p = proposals.get(key)
            if p is not None:
                dump[f"{record.trial_id}:{key}"] = p.rule
            text = node.text or ""
            if not FAMILY.search(text) or len(text) > 300 or re.search(r"[:]\s*$", text):
                continue
            if (node.kind, text.lower()) in seen:
                continue
            seen.add((node.kind, text.lower()))
            s = shape(text)
            # the concept placeholders and comparators are what is read, not what blocks
            words = {w for w in re.findall(r"(?<![<a-z])[a-z][a-z/'-]*", s) if w not in _STOP}
            if p is None:
                n_unread += 1
                shapes[(node.kind[:3], s)] += 1
                unread_words.update(words)
                reasons[_reason(text, node.kind)] += 1
            else:
                n_read += 1
                read_words.update(words)
    print(f"# {len(records)} dev-side trials: {n_unread} unread and {n_read} read distinct texts of the families")
    print("# why unread: the refused word, the item's place in its list (read alone), or words not understood")
    for why, n in reasons.most_common(args.top):
        print(f"{n:6}  {why}")
    print("# blocking words: in unread items at least 3 times as often as in read ones")
    print(f"{'word':<22}{'unread':>8}{'read':>7}")
    blocking = [(w, n) for w, n in unread_words.most_common() if n >= 3 * read_words[w]]
    for w, n in blocking[: args.top]:
        print(f"{w:<22}{n:8}{read_words[w]:7}")
    print("# most frequent unread shapes")
    for (kind, s), n in shapes.most_common(args.shapes):
        print(f"{n:5} [{kind}] {s[:160]}")
    if args.dump:
        Path(args.dump).write_bytes(pickle.dumps(dump))


if __name__ == "__main__":
    main(sys.argv[1:])
