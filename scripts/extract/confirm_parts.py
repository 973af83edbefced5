"""Which dev-side proposals leave a part to the clinician, and why? (issue 16, partial proposals)

  PYTHONPATH=. python scripts/extract/confirm_parts.py [--top N] [--list] [--grep REGEX] [--dump FILE]

For every dev-side record of ``mine``'s cache the tree is proposed as File > Import proposes it
(``propose_rules``); every proposal whose rule holds a ``confirm`` part is collected with its confirm texts, the
item's text and its lead-ins. Printed: the count of such proposals and of all proposals, then the ``--top N`` most
frequent confirm texts (the criterion quote cut off), or with ``--list`` every such proposal (``--grep`` on the
item text or the confirm text). ``--dump FILE`` writes every proposal of the dev side (``trial:key`` -> rule) as
JSON lines, to compare the extractor's readings before and after a change (``--diff OLD NEW`` prints the items
whose rule differs, with their text and lead-ins, and the count).

Group the confirm texts by why the part is asked: a vocabulary gap, a route or form qualifier, a reading that
exists elsewhere but not in that position, a judgement word (stays a question), a fact the app lacks (stays).
Reads only the dev side (``mine.dev_side``).
"""

from __future__ import annotations

import argparse
import collections
import json
import pickle
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # mine beside this script

import mine  # noqa: E402


def confirms(rule) -> list[str]:
    """Every confirm question of a rule, in order."""
    out: list[str] = []
    if isinstance(rule, dict):
        if isinstance(rule.get("confirm"), str):
            out.append(rule["confirm"])
        for value in rule.values():
            out.extend(confirms(value))
    elif isinstance(rule, list):
        for value in rule:
            out.extend(confirms(value))
    return out


def short(question: str) -> str:
    """A confirm question without the criterion it quotes, lower case: the part asked."""
    question = question.split(" (Criterion:")[0]
    match = re.search(r"\u201c(.*)\u201d", question)
    return (match.group(1) if match else question).lower().strip()


def proposals() -> list[tuple[str, str, str, list[str], dict]]:
    """(trial:key, kind, text, lead-ins, rule) of every dev-side item with a proposal."""
    from core.criteria.extract import propose_rules
    from core.trial_record import criterion_keys

    records = pickle.loads(mine.CACHE.read_bytes()) if mine.CACHE.exists() else mine.build()
    out = []
    for record in records:
        found = propose_rules(record.criteria, record.conditions)
        texts: dict[str, tuple[str, str | None]] = {}
        for key, parent, node in criterion_keys(record.criteria):
            texts[key] = (node.text, parent)
            proposal = found.get(key)
            if proposal is None:
                continue
            chain, up = [], parent
            while up is not None:
                chain.append((texts[up][0] or "")[:120])
                up = texts[up][1]
            out.append((f"{record.trial_id}:{key}", node.kind, node.text or "", chain, proposal.rule))
    return out


def diff(old: Path, new: Path) -> int:
    """Print the items whose rule differs between two ``--dump`` files."""
    def load(path: Path) -> dict:
        return {row["where"]: row for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())}

    before, after = load(old), load(new)
    changed = sorted(k for k in set(before) | set(after)
                     if (before.get(k) or {}).get("rule") != (after.get(k) or {}).get("rule"))
    for where in changed:
        row = after.get(where) or before[where]
        print(f"{where} [{row['kind']}] {row['text'][:300]}")
        if row["leadins"]:
            print("   under: " + " <- ".join(repr(c) for c in row["leadins"]))
        print("   was: " + json.dumps((before.get(where) or {}).get("rule"), ensure_ascii=False)[:400])
        print("   now: " + json.dumps((after.get(where) or {}).get("rule"), ensure_ascii=False)[:400])
    print(f"# {len(changed)} items changed ({len(before)} -> {len(after)} proposals)", file=sys.stderr)
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--grep")
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--diff", nargs=2, type=Path)
    args = parser.parse_args(argv)
    if args.diff:
        return diff(*args.diff)
    found = proposals()
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for where, kind, text, chain, rule in found:
                out.write(json.dumps({"where": where, "kind": kind, "text": text, "leadins": chain, "rule": rule},
                                     ensure_ascii=False) + "\n")
    asking = [(w, k, t, c, r, confirms(r)) for w, k, t, c, r in found if confirms(r)]
    print(f"# {len(found)} dev-side proposals, {len(asking)} with a confirm part")
    grep = re.compile(args.grep, re.IGNORECASE) if args.grep else None
    if args.list:
        for where, kind, text, chain, _rule, questions in asking:
            if grep and not (grep.search(text) or any(grep.search(q) for q in questions)):
                continue
            print(f"{where} [{kind}] {text[:300]}")
            if chain:
                print("   under: " + " <- ".join(repr(c) for c in chain))
            for question in questions:
                print("   ? " + short(question))
        return 0
    counts = collections.Counter(short(q) for *_, questions in asking for q in questions)
    for question, n in counts.most_common(args.top):
        print(f"{n:5} {question[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
