"""Automatic rule proposals measured on the labelled items (issue 16), and on real records.

Per split of ``tests/core/criteria/labels`` (tuned on: dev, and test3, test2, test4 and test8, each retired from the
held-out side after its last blind measurement; held out: test, test5, test6, test7 and test9) and per concept family:
proposals, precision (a proposal is right when its rule means the label's reading, see
``benchmarks/extraction_compare.py``), coverage of the items labelled ``expressible``, and
proposals on non-criteria and judgement items (target 0). Then the concept finder against
Chia's entity spans (``benchmarks/extraction_chia.py``) and the share of all items of the
rheumatology records that get a rule.

``python -m benchmarks.bench_extraction --items [right|partial|wrong|none|<category>] [--split dev|test3]``
lists the items of a tuning split one by one; there is deliberately no such listing for a held-out split.
``python -m benchmarks.bench_extraction --dev`` prints the tuning splits' figures alone (per family too), so
work in progress can be measured without printing a held-out figure.

``python -m benchmarks extraction`` runs it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data"
XML_DIR = DATA / "ctgov-classic-xml" / "rheumatology"
JSON_FILE = DATA / "ctgov-api-v2" / "rheumatology-5.json"


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
            proposals = propose_rules(record.criteria, record.conditions)
            for key, _parent, node in criterion_keys(record.criteria):
                rows.append({"trial_id": record.trial_id, "key": key, "kind": node.kind, "text": node.text,
                             "proposal": proposals.get(key)})
    return rows


LABELS = ROOT / "tests" / "core" / "criteria" / "labels"
# Splits one may tune on and open item by item, and splits never tuned on (final figures only). test3 was held out
# until its last blind measurement (73.1 % precision, 18.4 % coverage, main a1b295c), then retired to the tuning side
# so that its errors could be read; test4 was labelled blind afterwards to replace it, test2 retired at the end of that
# round, and test5 labelled blind then; test6 labelled blind at the start of the next round; test4 retired at the start
# of the round after (2026-12-01, its last blind figure: 33 proposals, 27 / 1 / 5) to read its errors, test7 labelled
# blind to replace it (labels README); test8 labelled blind later that day to make the held-out side sturdier, and
# retired at the start of the next round (its last blind figure, main 36a3b01: 37 proposals, 26 / 3 / 8) to read its
# errors, test9 labelled blind to replace it.
RETIRED = ("test3", "test2", "test4", "test8")
TUNING = ("dev", *RETIRED)
HELD_OUT = ("test", "test5", "test6", "test7", "test9")
FAMILIES = ("age", "sex", "condition", "condition_history", "treatment", "washout", "lab", "score", "vital",
            "pregnancy", "lactation", "contraception", "consent", "infection", "vaccine", "other_trial", "procedure",
            "allergy", "organ_function", "other")


def _sampler():
    import importlib.util

    spec = importlib.util.spec_from_file_location("label_sampler", LABELS / "sample_items.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def labelled(split: str) -> list[dict]:
    """The labelled items of one split, each with the app's proposal for it and its judgement."""
    from benchmarks.extraction_judge import judge
    from core.criteria.extract import propose_rules
    from core.trial_record import criterion_keys

    items = [json.loads(line) for line in (LABELS / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    # Items the splitter no longer makes (joined into another by a fix; labels/rekey.py) are left out.
    items = [it for it in items if not it.get("retired")]
    records = _sampler().load_sources({it["source"] for it in items})
    proposals: dict[tuple[str, str], object] = {}
    texts: dict[tuple[str, str, str], str] = {}
    for source, recs in records.items():
        for record in recs:
            for key, proposal in propose_rules(record.criteria, record.conditions).items():
                proposals[(source, record.trial_id, key)] = proposal
            for key, _parent, node in criterion_keys(record.criteria):
                texts[(source, record.trial_id, key)] = node.text
    for it in items:
        where = (it["source"], it["trial_id"], it["key"])
        # The splitter may have changed since the item was labelled (a wrapped line joined back): the
        # item under that key is no longer the labelled text. It counts as not read, never as a match.
        it["split_changed"] = texts.get(where) != it["text"]
        proposal = None if it["split_changed"] else proposals.get(where)
        it["proposal"] = proposal
        it["verdict"] = None if proposal is None else judge(proposal.rule, it["reading"], it["modifiable"],
                                                                 it["kind"])
    return items


def scores_of(items: list[dict]) -> dict:
    """Proposals, fully right, partial, precision, coverage of expressible items, proposals on the rest."""
    proposed = [it for it in items if it["proposal"] is not None]
    right = sum(1 for it in proposed if it["verdict"] == "right")
    partial = sum(1 for it in proposed if it["verdict"] == "partial")
    expressible = [it for it in items if it["category"] == "expressible"]
    covered = sum(1 for it in expressible if it["verdict"] == "right")
    return {"items": len(items), "proposals": len(proposed), "right": right, "partial": partial,
            "wrong": len(proposed) - right - partial,
            "precision": 100 * right / len(proposed) if proposed else 0.0,
            "expressible": len(expressible), "covered": covered,
            "coverage": 100 * covered / len(expressible) if expressible else 0.0,
            "on_non_criterion": sum(1 for it in proposed if it["category"] == "non_criterion"),
            "on_judgement": sum(1 for it in proposed if it["category"] == "judgement")}


def report_split(report, split: str, items: list[dict]) -> dict:
    s = scores_of(items)
    report(f"{split}: labelled items", s["items"], "items")
    report(f"{split}: proposals", s["proposals"], "items",
           note=f"(fully right {s['right']}, partial with confirm {s['partial']}, wrong {s['wrong']})")
    report(f"{split}: precision (fully right / proposals)", s["precision"], "%", note="target >= 97% on test")
    report(f"{split}: coverage of expressible items", s["coverage"], "%",
           note=f"({s['covered']} of {s['expressible']}; target >= 75% on test)")
    report(f"{split}: proposals on non_criterion items", s["on_non_criterion"], "items", note="target 0")
    report(f"{split}: proposals on judgement items", s["on_judgement"], "items", note="target 0")
    changed = sum(1 for it in items if it.get("split_changed"))
    report(f"{split}: items split differently since labelled", changed, "items",
           note="counted as not read (labels are kept as they were labelled)")
    for family in FAMILIES:
        fam = [it for it in items if family in it["families"]]
        if not fam:
            continue
        f = scores_of(fam)
        report(f"  {split} {family}: coverage", f["coverage"], "%",
               note=f"({f['covered']}/{f['expressible']} expressible; {f['proposals']} proposals, "
                    f"precision {f['precision']:.0f}%)")
    return s


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson 95 % interval of k successes in n, in percent."""
    if n == 0:
        return 0.0, 0.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return 100 * (centre - half), 100 * (centre + half)


def report_pooled(report, items: list[dict]) -> None:
    """The held-out parts together: one precision and coverage with their Wilson intervals."""
    if not items:
        return
    s = scores_of(items)
    lo, hi = wilson(s["right"], s["proposals"])
    report("held-out pooled: precision", s["precision"], "%",
           note=f"({s['right']} right of {s['proposals']}; Wilson 95 % {lo:.1f}-{hi:.1f}; target >= 97%)")
    # beside the target: a partial proposal decides what it read and asks the rest (issue 16 allows it), so what can
    # mislead a clinician is a wrong one; this is that share, not a second precision target
    lo, hi = wilson(s["wrong"], s["proposals"])
    report("held-out pooled: wrong proposals", 100 * s["wrong"] / s["proposals"] if s["proposals"] else 0.0, "%",
           note=f"({s['wrong']} of {s['proposals']}; Wilson 95 % {lo:.1f}-{hi:.1f}; the rest right or partial with "
                f"a question)")
    lo, hi = wilson(s["covered"], s["expressible"])
    report("held-out pooled: coverage of expressible items", s["coverage"], "%",
           note=f"({s['covered']} of {s['expressible']}; Wilson 95 % {lo:.1f}-{hi:.1f}; target >= 75%)")


def run(report) -> None:
    # test2, test3, test4: fresh held-out splits labelled blind after the earlier ones had been consulted; test3
    # was retired to the tuning side after its last blind measurement (labels README), so it is reported as such.
    held_out: list[dict] = []
    for split in TUNING + HELD_OUT:
        if (LABELS / f"{split}.jsonl").exists():
            items = labelled(split)
            report_split(report, split if split not in RETIRED else f"{split} (retired, tuned on)", items)
            held_out += items if split in HELD_OUT else []
    report_pooled(report, held_out)
    from benchmarks.extraction_chia import chia_scores

    chia = chia_scores()
    for family, s in chia.items():
        report(f"Chia concept finder: {family} precision", s["precision"], "%",
               note=f"({s['found']} found, {s['matched']} on a Chia span)")
        report(f"Chia concept finder: {family} recall", s["recall"], "%",
               note=f"({s['gold']} Chia entities in {s['files']} files)")
    rows = collect()
    n = len(rows)
    proposed = [r for r in rows if r["proposal"] is not None]
    report("all items of the 90 XML + rheumatology-5.json", n, "items")
    report("share with an automatic rule", 100 * len(proposed) / n if n else 0, "%")


def dev_items(argv: list[str]) -> None:
    """Per-item results of a tuning split (never of a held-out one: see the labels' README)."""
    rest = [a for a in argv[argv.index("--items") + 1:] if not a.startswith("--")]
    want = rest[0] if rest and rest[0] not in TUNING else "all"
    split = argv[argv.index("--split") + 1] if "--split" in argv else "dev"
    if split not in TUNING:
        raise SystemExit(f"--split must be one of {', '.join(TUNING)}: the others are held out")
    for it in labelled(split):
        if want != "all" and (it["verdict"] or "none") != want and it["category"] != want:
            continue
        rule = json.dumps(it["proposal"].rule, ensure_ascii=False) if it["proposal"] else "-"
        print(f"{it['id']} [{it['kind']}/{it['category']}] {it['verdict']}\n  TEXT {it['text'][:300]}\n"
              f"  WANT {json.dumps(it['reading'], ensure_ascii=False)[:400]}\n  GOT  {rule[:400]}")


def _atoms(c, out: list) -> list:
    if c[0] in ("all", "any"):
        for k in c[1]:
            _atoms(k, out)
    elif c[0] == "not":
        _atoms(c[1], out)
    else:
        out.append(c)
    return out


def reachable(item: dict) -> bool:
    """Whether a label's reading can be written with today's facts at all: every atom maps to a fact and
    names a concept the vocabularies know (no free fact, dose or unknown name; a procedure since the
    procedures family, unless its time is "current"). Reads the
    labels only, never the extractor's output."""
    from benchmarks.extraction_compare import reading_canon

    try:
        atoms = _atoms(reading_canon(item["reading"]), [])
    except (KeyError, TypeError, ValueError):
        return False
    return not any(a[0] == "unmatched" or (a[0] == "is" and a[1].startswith("fact:"))
                   or str(a[1]).startswith("?") or (a[0] == "cmp" and "?" in a[1]) for a in atoms)


def reachability() -> None:
    """``--reachable``: per split, how many expressible items today's facts and vocabularies can hold."""
    for split in TUNING + HELD_OUT:
        path = LABELS / f"{split}.jsonl"
        if not path.exists():
            continue
        items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        expressible = [it for it in items if it["category"] == "expressible"]
        n = sum(1 for it in expressible if reachable(it))
        print(f"{split}: {n} of {len(expressible)} expressible items reachable ({100 * n / len(expressible):.0f} %)")


def main(argv: list[str]) -> int:
    if "--reachable" in argv:
        reachability()
        return 0
    if "--items" in argv:
        dev_items(argv)
        return 0
    from benchmarks.__main__ import report

    if "--dev" in argv:
        for split in TUNING:
            report_split(report, split, labelled(split))
        return 0

    run(report)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
