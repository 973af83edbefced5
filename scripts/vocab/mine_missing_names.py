"""Rank the clinical names criteria use that no vocabulary holds (issue 16: "the names no vocabulary holds").

Reads criteria items of real trials, keeps those the extractor gives no rule (``--all`` keeps every item),
and takes the noun phrases standing where a reader expects a condition or a drug: the whole item after a
lead word ("History of X.", "Known X", "Patients with X", "Prior X"), "history of X", "known X",
"diagnosis of X", "X within N months", "prior/previous X", "allergy/hypersensitivity to X", "no X", and
each member of a short list "X, Y or Z". A phrase counts as missing when neither
``core.vocab.conditions.lookup`` nor ``core.vocab.drugs.lookup`` knows it and ``core.criteria.extract.concepts.find``
leaves a word of it that is no plain qualifier outside every mention ("Burkitt's lymphoma" when only
"lymphoma" is known). Missing phrases are counted by normalised form (lower case, "'s" dropped, a plain
plural read as its singular) and printed by frequency, with the ICD-10-CM code whose title is the same
phrase (``simple-icd-10-cm``) as a hint for curation, and one example item.

The trials: ``--records`` is a pickled list of ``TrialRecord`` (the dev-side mining cache,
``/tmp/mine_cache.pkl``, which holds only dev-side trials); without it, ``--data`` is parsed with
``core.importers.registry.parse_path`` and only dev-side trials are kept (the labelled-set split:
``sha256(trial_id)``'s first byte even), so test-side trials are never read.

Run: ``PYTHONPATH=. /work/main/.venv/bin/python scripts/vocab/mine_missing_names.py [--top 80] [--all]
[--records /tmp/mine_cache.pkl | --data ../shared/data] [--icd-only]`` (proposals are computed live: a few
minutes for the 3,222 dev-side trials).
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from core.criteria.extract import propose_rules  # noqa: E402
from core.criteria.extract.concepts import find  # noqa: E402
from core.trial_record import criterion_keys  # noqa: E402
from core.vocab import conditions, drugs  # noqa: E402
from core.vocab.text import normalise  # noqa: E402
from scripts.extract.mine import dev_side  # noqa: E402

DEFAULT_RECORDS = Path("/tmp/mine_cache.pkl")
DEFAULT_DATA = ROOT.parent / "shared" / "data"

# Lead words before the name a reader expects ("History of X", "known X" ...), longest first.
_LEAD = (r"(?:(?:a |any )?(?:personal |prior |past |previous |documented |current |active |known |"
         r"confirmed |clinical |established )?(?:medical )?(?:history|hx|diagnosis|evidence|presence|signs?) of|"
         r"(?:patients?|subjects?|participants?|individuals?|those) (?:with|who have|who has|having)|"
         r"(?:documented |known |suspected |current |active |prior |previous |concomitant |ongoing |"
         r"(?:are|is) (?:a )?known )+|"
         r"(?:allerg(?:y|ies)|hypersensitivity|intolerance|sensitivity) (?:to|against)|"
         r"(?:treatment|therapy|treated) with|(?:use|receipt|administration) of|"
         r"(?:has|have|had) (?:a )?(?:history of |diagnosis of )?|diagnosed with|suffering from|no)")
_LEAD_RE = re.compile(rf"\b{_LEAD}\s+(?P<x>[^,;:()\[\].]+)", re.I)
# Where the name ends: a clause, a window, a qualifier.
_CUT = re.compile(r"\s(?:within|in the (?:past|last)|during|at (?:the )?(?:time|screening)|prior to|before|"
                  r"after|since|that|which|who|whose|requiring|required|including|includes?|such as|e\.?g|"
                  r"i\.?e|for|with|without|unless|except|other than|as|at|on|by|from|of (?:the|any)|"
                  r"is|are|was|were|has|have|had|must|should|will|may|can|not|per|if|when|due|>|<|≥|≤|=)\b.*$",
                  re.I)
_LIST_SPLIT = re.compile(r"\s*(?:,|;|/|\band/or\b|\bor\b|\band\b|\bnor\b)\s*", re.I)
_WINDOW_RE = re.compile(r"^(?P<x>[A-Za-z][\w' -]{2,60}?)\s+(?:within|in the (?:past|last))\s+(?:the\s+)?"
                        r"(?:\d|one|two|three|four|five|six|twelve|previous|past|last)", re.I)
_ARTICLE = re.compile(r"^(?:no|not|a|an|the|any|some|other|all|one|two|current|active|chronic|acute|severe|"
                      r"significant|clinically significant|uncontrolled|untreated|prior|previous|known)\s+", re.I)
# Words that are never a condition or a drug on their own (a phrase made only of them is dropped).
_NOT_NAMES = frozenset("""
a an the any or and of to in with without for on at by no not yes other others following more less than
patient patients subject subjects participant participants history evidence diagnosis disease diseases
disorder disorders condition conditions illness treatment therapy therapies drug drugs medication
medications agent agents study studies trial trials investigational product use prior previous current
known active severe significant clinically uncontrolled acute chronic unstable ongoing documented
pregnant pregnancy women woman men male female age years months weeks days year month week day
surgery procedure procedures screening visit baseline enrollment enrolment randomization consent
informed able unable willing investigator opinion judgment judgement criteria criterion inclusion
exclusion eligible eligibility local standard care test tests testing result results level levels
value values count counts normal abnormal positive negative mg kg ml dl l g x uln lln dose doses
dosing daily stable change changes abuse dependence infection infections cancer malignancy tumor tumour
history allergy allergies hypersensitivity intolerance reaction reactions contraindication
contraindications requirement requirements need needs
medical renal hepatic cardiac cardiovascular neurologic neurological psychiatric psychological pulmonary
systemic serious major concurrent concomitant nonmalignant intercurrent unstable confounding debilitating
must have has are is does do be been excluded allowed required permitted recovered specified see none
those there these this that individual individuals person persons adult adults children child volunteer
volunteers healthy characteristic characteristics symptom symptoms sign signs problem problems progression
progressive recurrent recurrence relapse relapsed refractory measurable evaluable residual metastatic stage
advanced locally newly diagnosed proven suspected confirmed treated untreated failed failure response
oral topical inhaled intravenous local regional primary secondary life expectancy function dysfunction
lesion lesions abnormality abnormalities involvement presence receipt plan plans participation
""".split())


def load_records(records: Path | None, data: Path) -> list:
    if records is not None and records.exists():
        return [r for r in pickle.loads(records.read_bytes()) if dev_side(r.trial_id)]
    from core.importers.registry import parse_path

    out, seen = [], set()
    for path in sorted(data.rglob("*.xml")) + sorted(data.rglob("*.json")):
        try:
            parsed = parse_path(path)
        except Exception:  # noqa: BLE001 - a file this parser cannot read is skipped, as in the other counters
            continue
        for r in parsed:
            if r.trial_id not in seen and dev_side(r.trial_id):
                seen.add(r.trial_id)
                out.append(r)
    return out


def key_of(phrase: str) -> str:
    """The counting form: normalised, possessive "'s" dropped, a plain plural as its singular."""
    words = normalise(re.sub(r"['’]s\b", "", phrase)).split()
    if words and len(words[-1]) > 4 and words[-1].endswith("s") and not words[-1].endswith(("ss", "is", "us")):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def _clean(phrase: str) -> str:
    phrase = _CUT.sub("", phrase.strip(" .,;:-*•\t"))
    previous = None
    while previous != phrase:
        previous, phrase = phrase, _ARTICLE.sub("", phrase.strip(" .,;:-"))
    return phrase.strip(" .,;:-")


def candidates(text: str) -> Iterator[str]:
    """Noun phrases of ``text`` in a place a reader expects a condition or a drug."""
    t = " ".join(text.split())
    spans = [m.group("x") for m in _LEAD_RE.finditer(t)]
    window = _WINDOW_RE.match(t)
    if window:
        spans.append(window.group("x"))
    if len(t) <= 80 and not re.search(r"[<>=≤≥:]|\d", t):  # a bare item: "Cryptococcosis."
        spans.append(t)
    seen = set()
    for span in spans:
        for part in _LIST_SPLIT.split(_clean(span)):
            part = _clean(part)
            words = part.split()
            if not 1 <= len(words) <= 5 or len(part) < 4:
                continue
            if all(w.lower().strip("'") in _NOT_NAMES for w in words) or re.search(r"\d", part):
                continue
            if part.lower() not in seen:
                seen.add(part.lower())
                yield part


def resolves(phrase: str) -> bool:
    """The vocabularies name the whole phrase, or every word of it that is not a plain qualifier: "severe
    asthma" resolves, "Burkitt's lymphoma" does not when only "lymphoma" is known."""
    if conditions.lookup(phrase) or drugs.lookup(phrase):
        return True
    mentions = find(phrase, kinds=("condition", "drug", "lab", "score", "procedure"))
    for word in re.finditer(r"[A-Za-z][\w'’-]*", phrase):
        if word.group().lower().strip("'’") in _NOT_NAMES:
            continue
        if not any(m.start <= word.start() and word.end() <= m.end for m in mentions):
            return False
    return True


def icd_titles() -> dict[str, str]:
    """Normalised ICD-10-CM title -> code (the first, shortest code of a title)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10_cm as cm
    out: dict[str, str] = {}
    for code in sorted(cm.get_all_codes(), key=len):
        if "-" in code or not cm.is_valid_item(code):
            continue
        out.setdefault(key_of(cm.get_description(code)), code)
    return out


def mine(records: list, read_too: bool) -> tuple[Counter, dict[str, str], int]:
    counts: Counter = Counter()  # name -> trials naming it (a trial counts once)
    example: dict[str, str] = {}
    items = 0
    for record in records:
        proposals = {} if read_too else propose_rules(record.criteria)
        names: set[str] = set()
        for key, _parent, node in criterion_keys(record.criteria):
            if not node.text or (key in proposals and proposals[key] is not None):
                continue
            items += 1
            for phrase in candidates(node.text):
                if resolves(phrase):
                    continue
                k = key_of(phrase)
                if k and k not in _NOT_NAMES:
                    names.add(k)
                    example.setdefault(k, f"{record.trial_id}:{key} {node.text[:140]}")
        counts.update(names)
    return counts, example, items


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=Path, default=DEFAULT_RECORDS,
                        help="pickled TrialRecord list (only dev-side trials are read)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="parsed when --records does not exist")
    parser.add_argument("--top", type=int, default=80)
    parser.add_argument("--min", type=int, default=2, help="print names met at least this often")
    parser.add_argument("--all", action="store_true", help="every item, not only those with no rule")
    parser.add_argument("--icd-only", action="store_true", help="only names that are an ICD-10-CM title")
    parser.add_argument("--examples", action="store_true", help="print one example item per name")
    args = parser.parse_args(argv)
    records = load_records(args.records, args.data)
    counts, example, items = mine(records, args.all)
    titles = icd_titles()
    print(f"# {len(records)} dev-side trials, {items} items read, {len(counts)} distinct missing names, "
          f"{sum(counts.values())} (name, trial) pairs; counts are trials")
    shown = 0
    for name, n in counts.most_common():
        if n < args.min or shown >= args.top:
            break
        code = titles.get(name, "")
        if args.icd_only and not code:
            continue
        shown += 1
        print(f"{n:5}  {name:45} {code}")
        if args.examples:
            print(f"       e.g. {example[name]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
