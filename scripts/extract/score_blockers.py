"""Which wordings around a score keep the extractor from reading it (dev side of the corpus only).

For every unread criterion item (``propose_rules`` gives it no rule) that names an instrument of the score
vocabulary, the item is normalised (score names -> <SCORE>, numbers -> N) and the shapes are counted, most frequent
first: a lead phrase before the score ("inactive disease <SCORE> <= N"), a definition ("… defined as a <SCORE>
score of N or less"), a score beside a condition. Performance scales (ECOG, Karnofsky, Lansky, NYHA) and BMI are
left out unless the item names a rheumatic disease (they are the oncology readers' work).

Only dev-side trials are looked at: a trial whose sha256(trial_id) has an odd first byte is skipped (the held-out
splits are never mined). Run from the repository root:

    PYTHONPATH=. python scripts/extract/score_blockers.py [--cache /tmp/mine_cache.pkl] [--top 60] [--all]

``--all`` keeps the performance scales. ``--cache`` is a pickle of ``TrialRecord`` objects (``scripts/extract/
mine.py`` builds one).
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from core.criteria.extract import concepts, propose_rules  # noqa: E402
from core.criteria.extract.normalise import _norm  # noqa: E402
from core.trial_record import criterion_keys  # noqa: E402
from scripts.extract.mine import dev_side  # noqa: E402

_PERFORMANCE = {"ecog", "karnofsky", "lansky", "nyha", "bmi"}
_RHEUM = re.compile(r"arthrit|lupus|\bsle\b|sj[öo]gren|myositis|scleroderma|systemic sclerosis|vasculitis|spondyl"
                    r"|gout|psoria|rheumat|beh[cç]et|still", re.IGNORECASE)


def shape(text: str) -> tuple[str, set[str]] | None:
    """The normalised shape of an item naming a score, and the score ids named; None when it names none."""
    t = _norm(text)
    mentions = concepts.find(t, ("score",))
    if not mentions:
        return None
    for m in sorted(mentions, key=lambda m: -m.start):
        t = t[:m.start] + "<SCORE>" + t[m.end:]
    return re.sub(r"\d+(?:\.\d+)?", "N", t), {m.concept_id for m in mentions}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default="/tmp/mine_cache.pkl")
    parser.add_argument("--top", type=int, default=60)
    parser.add_argument("--all", action="store_true", help="keep the performance scales and BMI")
    args = parser.parse_args(argv)
    records = pickle.loads(Path(args.cache).read_bytes())
    counts: Counter[str] = Counter()
    for record in records:
        if not dev_side(record.trial_id):
            continue
        proposals = propose_rules(record.criteria, record.conditions)
        for key, _parent, node in criterion_keys(record.criteria):
            if proposals.get(key) is not None or not node.text:
                continue
            found = shape(node.text)
            if found is None:
                continue
            text, ids = found
            if not args.all and ids & _PERFORMANCE and not _RHEUM.search(node.text):
                continue
            counts[text[:160]] += 1
    for text, n in counts.most_common(args.top):
        print(f"{n:5d}  {text}")


if __name__ == "__main__":
    main()
