"""Automatic rule proposals over real registry records: coverage, and precision on a
hand-checked sample.

Runs ``core.criteria.extract.propose_rules`` over every criteria item of the 90
rheumatology ClinicalTrials.gov classic-XML records and ``rheumatology-5.json`` (API v2),
and prints the number of items, the share with an automatic rule (overall and per rule
kind), and the precision recorded in ``tests/core/criteria/extraction_sample.json``: a
seeded random sample of proposals whose rules a reviewer read against the text, with a
verdict each. Every sample entry is re-proposed; an entry whose rule changed since it was
reviewed is flagged and left out of the precision until it is reviewed again.

``python -m benchmarks extraction`` runs it; ``python -m benchmarks.bench_extraction
--draw`` prints the seeded sample of current proposals as JSON to review (entries already
reviewed keep their verdicts).
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data"
XML_DIR = DATA / "ctgov-classic-xml" / "rheumatology"
JSON_FILE = DATA / "ctgov-api-v2" / "rheumatology-5.json"
SAMPLE_FILE = ROOT / "tests" / "core" / "criteria" / "extraction_sample.json"
SAMPLE_SIZE = 60
SAMPLE_SEED = 20240611


def sources() -> list[Path]:
    return sorted(XML_DIR.glob("*.xml")) + ([JSON_FILE] if JSON_FILE.exists() else [])


def collect() -> list[dict]:
    """Every criteria item with its proposal (or None)."""
    from core.criteria.extract import propose_rules
    from core.importers.registry import parse_path
    from core.trial_record import criterion_keys

    rows: list[dict] = []
    for path in sources():
        for record in parse_path(path):
            proposals = propose_rules(record.criteria)
            for key, _parent, node in criterion_keys(record.criteria):
                rows.append({"trial_id": record.trial_id, "key": key, "kind": node.kind, "text": node.text,
                             "proposal": proposals.get(key)})
    return rows


def rule_kinds(pattern: str) -> set[str]:
    """The rule kinds of a proposal's pattern names: "lab:ast+age" -> {"lab", "age"}."""
    out = set()
    for name in pattern.split("+"):
        name = name.split(":")[0]
        for prefix, kind in (("age", "age"), ("sex", "sex"), ("informed_consent", "consent"),
                             ("procedures", "consent"), ("pregnan", "pregnancy/lactation/contraception"),
                             ("lactating", "pregnancy/lactation/contraception"),
                             ("no_contraception", "pregnancy/lactation/contraception"),
                             ("contraception", "pregnancy/lactation/contraception"), ("lab", "lab"),
                             ("hiv", "infection"), ("hbsag", "infection"), ("hcv", "infection"), ("tb_", "infection"),
                             ("active_infection", "infection"), ("infection_iv", "infection"),
                             ("severe_infection", "infection"), ("malignancy", "malignancy"),
                             ("ecog", "score"), ("nyha", "score"), ("lvef", "score"), ("das28", "score"),
                             ("sledai", "score"), ("essdai", "score"), ("cdai", "score"), ("weight", "score"),
                             ("survival", "score"), ("glucocorticoid", "glucocorticoid dose"),
                             ("diagnosis", "diagnosis/classification"), ("classification", "diagnosis/classification"),
                             ("treatment_failure", "prior treatment"), ("drug_failure", "prior treatment"),
                             ("prior_drug", "prior treatment"), ("drug_window", "washout"),
                             ("bdmard_washout", "washout"), ("other_trial", "other trials"),
                             ("children_any", "list parent"), ("confirm_rest", "partial (rest confirmed)")):
            if name.startswith(prefix):
                out.add(kind)
                break
        else:
            out.add(name)
    return out


def draw_sample(rows: list[dict], size: int = SAMPLE_SIZE, seed: int = SAMPLE_SEED) -> list[dict]:
    """A fixed random sample of current proposals (sorted by trial and key)."""
    with_rule = [r for r in rows if r["proposal"] is not None]
    rng = random.Random(seed)
    picked = rng.sample(with_rule, min(size, len(with_rule)))
    picked.sort(key=lambda r: (r["trial_id"], r["key"]))
    return [{"trial_id": r["trial_id"], "key": r["key"], "text": r["text"], "rule": r["proposal"].rule}
            for r in picked]


def load_sample(path: Path = SAMPLE_FILE) -> list[dict]:
    if not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8"))


def check_sample(rows: list[dict], sample: list[dict]) -> dict:
    """Precision over the reviewed entries whose proposal is unchanged; changed ones listed."""
    current = {(r["trial_id"], r["key"]): r for r in rows}
    correct = reviewed = 0
    changed: list[str] = []
    wrong: list[str] = []
    for entry in sample:
        row = current.get((entry["trial_id"], entry["key"]))
        rule = row["proposal"].rule if row and row["proposal"] else None
        if row is None or rule != entry["rule"] or row["text"] != entry["text"]:
            changed.append(f"{entry['trial_id']} {entry['key']}")
            continue
        reviewed += 1
        if entry["correct"]:
            correct += 1
        else:
            wrong.append(f"{entry['trial_id']} {entry['key']}: {entry.get('why', '')}")
    return {"reviewed": reviewed, "correct": correct, "changed": changed, "wrong": wrong,
            "precision": correct / reviewed if reviewed else 0.0}


def run(report) -> None:
    rows = collect()
    n = len(rows)
    proposed = [r for r in rows if r["proposal"] is not None]
    report("criteria items (90 XML + rheumatology-5.json)", n, "items")
    report("items with an automatic rule", len(proposed), "items")
    report("share with an automatic rule", 100 * len(proposed) / n if n else 0, "%")
    kinds: Counter[str] = Counter()
    for r in proposed:
        for kind in rule_kinds(r["proposal"].pattern):
            kinds[kind] += 1
    for kind, count in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])):
        report(f"  kind: {kind}", 100 * count / n, "%", note=f"({count} items)")
    for kind in ("inclusion", "exclusion"):
        of_kind = [r for r in rows if r["kind"] == kind]
        got = sum(1 for r in of_kind if r["proposal"] is not None)
        report(f"  {kind} items with a rule", 100 * got / len(of_kind) if of_kind else 0, "%",
               note=f"({got} of {len(of_kind)})")
    result = check_sample(rows, load_sample())
    report("hand-checked sample: reviewed (unchanged)", result["reviewed"], "items")
    report("hand-checked sample: precision", 100 * result["precision"], "%", note="target >= 95%")
    if result["changed"]:
        report("hand-checked sample: changed since review", len(result["changed"]), "items",
               note="re-review: " + ", ".join(result["changed"][:10]))
    for line in result["wrong"]:
        print(f"    wrong: {line}")


def main(argv: list[str]) -> int:
    if "--draw" in argv:
        rows = collect()
        old = {(e["trial_id"], e["key"]): e for e in load_sample()}
        out = []
        for entry in draw_sample(rows):
            prev = old.get((entry["trial_id"], entry["key"]))
            if prev and prev["rule"] == entry["rule"] and prev["text"] == entry["text"]:
                entry = prev
            else:
                entry = {**entry, "correct": None, "why": ""}
            out.append(entry)
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    from benchmarks.__main__ import report

    run(report)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
