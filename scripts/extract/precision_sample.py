"""Draw a random sample of ALL dev-side proposals for a precision audit (issue 16, task h-prec8).

  PYTHONPATH=. python scripts/extract/precision_sample.py --seed 5160 --n 150 --items OUT.txt [--rules OUT.tsv]
  PYTHONPATH=. python scripts/extract/precision_sample.py --pickle OUT.pkl    (every dev-side proposal, {id: rule})

Population: every dev-side item of ``mine.py``'s cache with a proposal from ``propose_rules(record.criteria,
record.conditions)``, minus the trials named in any file of ``tests/core/criteria/labels/`` (only their ids are
read) and minus the proposals whose facts are only people facts (age, sex, pregnancy, lactation, contraception,
childbearing potential, pregnancy test, consent, another trial's investigational product: audited elsewhere).
Keys sorted, shuffled with ``random.Random(seed)``, first N. ``--items`` writes the items WITHOUT rules (to be
read first); ``--rules`` writes the same items with their plain words, pattern and rule (TSV), for the comparison
afterwards.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from scripts.extract.mine import CACHE  # noqa: E402

PEOPLE = {"age_years", "pregnant", "lactating", "sex", "contraception_assured", "childbearing_potential",
          "informed_consent", "pregnancy_test_negative", "condition:postmenopausal"}


def labelled_trials() -> set[str]:
    """The trial ids of every labelled file (ids only: no item is read or printed)."""
    ids: set[str] = set()
    for path in (ROOT / "tests" / "core" / "criteria" / "labels").iterdir():
        if path.suffix in (".jsonl", ".json"):
            text = path.read_text(encoding="utf-8")
            ids.update(re.findall(r'"trial_id":\s*"([^"]+)"', text))
            ids.update(re.findall(r'"id":\s*"([A-Za-z0-9_\-]+):', text))
            ids.update(re.findall(r"\b(NCT\d{8})\b", text))
    return ids


def facts_of(rule, acc: set[str]) -> set[str]:
    """Every fact id a rule names ("<confirm>" for a confirm part)."""
    if isinstance(rule, dict):
        if "fact" in rule:
            acc.add(rule["fact"])
        if "confirm" in rule:
            acc.add("<confirm>")
        for key, value in rule.items():
            if key != "fact":
                facts_of(value, acc)
    elif isinstance(rule, list):
        for part in rule:
            facts_of(part, acc)
    return acc


def people_only(rule) -> bool:
    facts = facts_of(rule, set())
    return bool(facts) and all(f in PEOPLE or f.endswith(":investigational_product") for f in facts)


def all_proposals() -> tuple[dict, dict]:
    """{trial:key: rule} and {trial:key: item facts} over every dev-side record."""
    from core.criteria.extract import propose_rules
    from core.trial_record import criterion_keys

    rules, meta = {}, {}
    for record in pickle.loads(CACHE.read_bytes()):
        proposals = propose_rules(record.criteria, record.conditions)
        texts: dict[str, tuple[str, str | None]] = {}
        for key, parent, node in criterion_keys(record.criteria):
            texts[key] = (node.text, parent)
            proposal = proposals.get(key)
            if proposal is None:
                continue
            chain, up = [], parent
            while up is not None:
                chain.append(texts[up][0])
                up = texts[up][1]
            item = f"{record.trial_id}:{key}"
            rules[item] = proposal.rule
            meta[item] = {"trial": record.trial_id, "kind": node.kind, "text": node.text, "chain": chain,
                          "words": proposal.description, "pattern": proposal.pattern,
                          "conditions": list(record.conditions or [])}
    return rules, meta


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=5160)
    parser.add_argument("--n", type=int, default=150)
    parser.add_argument("--items")
    parser.add_argument("--rules")
    parser.add_argument("--pickle")
    args = parser.parse_args(argv)
    rules, meta = all_proposals()
    if args.pickle:
        Path(args.pickle).write_bytes(pickle.dumps(rules))
    skip = labelled_trials()
    keys = sorted(k for k in rules if meta[k]["trial"] not in skip and not people_only(rules[k]))
    print(f"# {len(rules)} proposals, population {len(keys)}", file=sys.stderr)
    random.Random(args.seed).shuffle(keys)
    drawn = keys[: args.n]
    if args.items:
        with open(args.items, "w", encoding="utf-8") as out:
            for n, item in enumerate(drawn):
                m = meta[item]
                out.write(f"{n}\t{item}\t{m['kind']}\tconds={m['conditions'][:4]}\n   TEXT: {m['text']}\n")
                out.writelines(f"   UNDER: {c[:300]}\n" for c in m["chain"])
    if args.rules:
        with open(args.rules, "w", encoding="utf-8") as out:
            for n, item in enumerate(drawn):
                m = meta[item]
                lead = " <- ".join(c[:120] for c in m["chain"])
                out.write("\t".join([str(n), item, m["kind"], " ".join(m["text"].split()), lead,
                                     " ".join(m["words"].split()), m["pattern"],
                                     json.dumps(rules[item], ensure_ascii=False)]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
