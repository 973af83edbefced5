"""Blocking words for the treatment, washout and other-trial families (issue 16), dev side only.

For every criteria item of the dev-side trials (``sha256(trial_id)`` first byte even; the odd ones are the
test side and are skipped) that names a drug of the vocabulary or another trial / investigational product and
gets no proposal, the text is normalised (drug names -> <DRUG>, conditions -> <COND>, labs -> <LAB>, numbers ->
N) and two tables are printed: the blocking words proper (a word whose removal alone makes the item read on its own:
the one word that stands between the item and a reading) and the shapes of the unread items. An item that reads
on its own is counted as "(read alone: its lead-ins block it)".

    PYTHONPATH=. python scripts/extract/drug_blockers.py [--cache /tmp/mine_cache.pkl] [--top 15] [--examples]
        [--procedures] [--gaps]

Every table counts items and, after a slash, DISTINCT texts (normalised): a phrasing printed in 40 records of one
sponsor counts once there, so the tables rank what recurs across the corpus (issue 16 round 9).

``--gaps`` adds the names the drug vocabulary lacks: over every unread dev-side item (naming a known drug or not),
the phrases headed by a drug noun ("hypomethylating agents", "anti-ulcer agents", "nucleoside analogs") that are no
whole term of the vocabulary, and the words after a treatment lead ("prior X", "concurrent X", "receiving X") that
name no concept, by the number of distinct texts holding them: a name missing 100 times beats a sentence pattern.

``--procedures`` counts the items that name a procedure of the vocabulary too (operations, transplants,
radiotherapy, transfusions: the procedure family); without it the table is the drug table of earlier rounds.

The cache is a pickle of the records (``core.importers.registry.parse_path``) that ``scripts/extract/mine.py`` builds.
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

_OTHER_TRIAL = re.compile(r"\b(?:investigational|experimental|clinical (?:trial|study)|another (?:trial|study)"
                          r"|other (?:trial|study|studies))\b", re.IGNORECASE)
# words that carry no meaning of their own in these items: left out of the table
_FILLER = frozenset("a an the of to with for in or and by on any be is are who has have had been patients patient "
                    "subjects subject participants participant".split())


def normalise(text: str) -> str:
    """The item in lower case with its concepts and numbers replaced by placeholders."""
    from core.criteria.extract import concepts

    low = " ".join(text.lower().split())
    out, last = [], 0
    for m in concepts.find(low):
        out.append(low[last:m.start])
        out.append({"drug": "<DRUG>", "condition": "<COND>", "lab": "<LAB>", "score": "<SCORE>"}[m.kind])
        last = m.end
    out.append(low[last:])
    return re.sub(r"\d+(?:[.,]\d+)?", "N", "".join(out))


def blocking_words(norm: str) -> list[str]:
    """The words of a normalised item that are neither a placeholder nor filler (unigrams and bigrams)."""
    words = [w for w in re.findall(r"<\w+>|[a-z][a-z'/-]*|N|[<>=≥≤%]+", norm)]
    plain = [w for w in words if not w.startswith("<") and w not in _FILLER and w != "N"]
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)
             if not (a.startswith("<") and b.startswith("<")) and not ({a, b} <= _FILLER)]
    return plain + pairs


def removal_blockers(text: str, kind: str) -> list[str]:
    """The words of ``text`` (normalised as in ``normalise``) whose removal alone gives a proposal."""
    from core.criteria.extract import propose_rule

    if propose_rule(text, kind) is not None:
        return ["(read alone: its lead-ins block it)"]
    words = text.split()
    if len(words) > 30:
        return []
    out = []
    for i, w in enumerate(words):
        shorter = " ".join(words[:i] + words[i + 1:])
        if shorter.strip(" .;,") and propose_rule(shorter, kind) is not None:
            out.append(normalise(w).strip(" .;,()").lower() or w)
    return out


# a drug noun heading a class phrase, and up to two words before it
_CLASS_PHRASE = re.compile(r"\b((?:[a-z0-9][a-z0-9'-]* ){1,2}(?:agents?|inhibitors?|drugs?|medications?|medicines?"
                           r"|supplements?|vaccines?|antibod(?:y|ies)|blockers?|antagonists?|agonists?|analogues?"
                           r"|analogs?|preparations?|factors?|hormones?|modulators?|derivatives?|compounds?))\b")
_TREATMENT_LEAD = re.compile(r"\b(?:prior|previous|concurrent|concomitant|current|receiving|taking|received|taken"
                             r"|treatment with|therapy with|use of)\s+((?:[a-z][a-z0-9-]*\s?){1,3})")
# words that make a phrase no name: generic or function words, a purpose or a judgement
_NOT_A_NAME = frozenset("a an the any all other no not of or and with for to in on by as at from that which who "
                        "study trial investigational experimental new same these those such certain following "
                        "known other prior concurrent current previous medical this its their than more less "
                        "potential potentially similar some drug drugs agent agents medication medications "
                        "therapy treatment use".split())


def vocabulary_gaps(texts: list[str]) -> tuple[collections.Counter[str], collections.Counter[str]]:
    """Class phrases and words after a treatment lead that no vocabulary term names, by distinct texts."""
    from core.criteria.extract import concepts

    phrases: collections.Counter[str] = collections.Counter()
    after_lead: collections.Counter[str] = collections.Counter()
    for low in texts:
        seen: set[str] = set()
        for m in _CLASS_PHRASE.finditer(low):
            words = m.group(1).split()
            for i in range(len(words) - 1):  # the phrase and its shorter tails, each with a word before the noun
                phrase = " ".join(words[i:])
                if words[i] in _NOT_A_NAME or phrase in seen:
                    continue
                found = concepts.find(phrase, kinds=("drug",))
                if any(f.start == 0 and f.end == len(phrase) for f in found):
                    break  # a whole term: a longer phrase may still be missing, a shorter one is not asked
                seen.add(phrase)
                phrases[phrase] += 1
        for m in _TREATMENT_LEAD.finditer(low):
            word = m.group(1).split()[0]
            if word in _NOT_A_NAME or len(word) < 4 or word in seen or concepts.find(word) or any(
                    p.split()[0] == word for p in seen):  # the first word of a class phrase counted above
                continue
            seen.add(word)
            after_lead[word] += 1
    return phrases, after_lead


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default="/tmp/mine_cache.pkl")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--examples", action="store_true", help="show the three most frequent texts per word")
    parser.add_argument("--procedures", action="store_true", help="count items naming a procedure too")
    parser.add_argument("--gaps", action="store_true", help="names the drug vocabulary lacks, by distinct texts")
    args = parser.parse_args()

    from core.criteria.extract import concepts, propose_rules
    from core.trial_record import criterion_keys

    records = pickle.loads(Path(args.cache).read_bytes())
    words: collections.Counter[str] = collections.Counter()
    shapes: collections.Counter[str] = collections.Counter()
    examples: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    removal: collections.Counter[str] = collections.Counter()
    removal_examples: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    distinct: dict[str, set[str]] = collections.defaultdict(set)  # removal word -> its distinct normalised texts
    unread_texts: set[str] = set()  # every unread item's text, lower case (for --gaps)
    items = unread = 0
    for record in records:
        if not dev_side(record.trial_id):
            continue
        proposals = propose_rules(record.criteria)
        for key, _parent, node in criterion_keys(record.criteria):
            text = node.text or ""
            if args.gaps and proposals.get(key) is None and text and not text.rstrip().endswith(":"):
                unread_texts.add(" ".join(text.lower().split()))
            named = any(m.kind == "drug" for m in concepts.find(text.lower())) or bool(_OTHER_TRIAL.search(text)) or (
                args.procedures and bool(concepts.find(text.lower(), kinds=("procedure",))))
            if text.rstrip().endswith(":") or not named:
                continue
            items += 1
            if proposals.get(key) is not None:
                continue
            unread += 1
            norm = normalise(text)
            shapes[norm.strip(" .;")] += 1
            for w in set(removal_blockers(text, node.kind)):
                removal[w] += 1
                distinct[w].add(norm.strip(" .;"))
                removal_examples[w][norm.strip(" .;")[:140]] += 1
            for w in set(blocking_words(norm)):
                words[w] += 1
                examples[w][norm.strip(" .;")[:140]] += 1
    what = "a drug, a procedure or another trial" if args.procedures else "a drug or another trial"
    print(f"{items} dev-side items name {what}; {unread} have no proposal")
    print("\nblocking words: removing the word alone makes the item read (items / distinct texts, of those unread):")
    for w, n in removal.most_common(args.top):
        print(f"{n:6} / {len(distinct[w]):<5} {w}")
        if args.examples:
            for t, k in removal_examples[w].most_common(3):
                print(f"          {k:4}  {t}")
    print(f"\nmost frequent words in the unread ones (items containing each, of {unread}):")
    for w, n in words.most_common(args.top):
        print(f"{n:6}  {w}")
        if args.examples:
            for t, k in examples[w].most_common(3):
                print(f"          {k:4}  {t}")
    print("\nmost frequent unread shapes:")
    for s, n in shapes.most_common(args.top):
        print(f"{n:6}  {s[:150]}")
    if args.gaps:
        phrases, after_lead = vocabulary_gaps(sorted(unread_texts))
        print(f"\nclass phrases no drug term names (distinct unread texts, of {len(unread_texts)}):")
        for p, n in phrases.most_common(args.top):
            print(f"{n:6}  {p}")
        print("\nwords after a treatment lead that name no concept (distinct unread texts):")
        for w, n in after_lead.most_common(args.top):
            print(f"{n:6}  {w}")


if __name__ == "__main__":
    main()
