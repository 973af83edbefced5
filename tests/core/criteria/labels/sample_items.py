"""Reproducible sample of eligibility items for the labelled extraction evaluation set.

The items are exactly what the app sees: each record is parsed by the app's importers
(``core.importers.registry``) and its criteria keyed by ``core.trial_record.criterion_keys``
(``inc-1``, ``exc-3.2``…), so a sub-item or an unrecognised heading is an item like any other.

Two domains of about 170 items each:

* rheumatology: the 90 classic-XML rheumatology records and ``ctgov-api-v2/rheumatology-5.json``
  (none of the ``other-registries`` records is a rheumatology trial);
* other: the other ``ctgov-api-v2`` downloads, the ``other-registries`` records and a hash-chosen
  slice of the 6,036-study archive (read streaming with ``tarfile``), leaving out any trial that is
  in the rheumatology folder or whose conditions name a rheumatic disease.

In each domain, four whole trials (all their items, so headings and sub-items appear in context)
and then single items drawn at random from other trials. The split is by trial:
``sha256(trial_id)``'s first byte even -> dev, odd -> test; two of the four whole trials of each
domain come from each split. Everything is seeded, sorted and hashed, so a run gives the same
sample every time.

A third part, ``test2`` (seed 17), is a fresh held-out sample drawn later from test-hash trials only,
never repeating an item of ``dev.jsonl`` or ``test.jsonl``: in each domain up to two whole trials that
have no item in those files, then single items, one per trial in turn, up to 80 items a domain. ``test3``
(seed 18) is drawn the same way later still, never repeating an item of dev, test or test2, ``test4``
(seed 19) after it, never repeating an item of dev, test, test2 or test3, ``test5`` (seed 20) after that,
never repeating an item of dev, test, test2, test3 or test4, ``test6`` (seed 21) after that, ``test7`` (seed 22)
after test6, ``test8`` (seed 23) after test7, and ``test9`` (seed 29) after test8, each never repeating an item of
any earlier part (``HELD_OUT`` lists the parts).

Usage (from the repository root)::

    python tests/core/criteria/labels/sample_items.py list [--part test2|…|test9] [--domain D] [--start N]
        [--count N] [--jsonl]
    python tests/core/criteria/labels/sample_items.py merge [--part test2|…|test9] HAND_LABELS.jsonl...

``list`` prints the sampled items with their parent lead-ins (for reading and labelling); ``merge`` joins hand
labels (one JSON object a line with ``id`` and the label fields) with the sampled items and writes ``dev.jsonl``
and ``test.jsonl`` beside this script (with ``--part P`` for a later held-out part: ``P.jsonl`` only).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from core.importers.registry import parse_bytes, parse_path  # noqa: E402
from core.trial_record import TrialRecord, criterion_keys  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
HERE = Path(__file__).resolve().parent
ARCHIVE = "ctgov-classic-xml/all-6036-studies-2023.tar.xz"
RHEUM_XML = "ctgov-classic-xml/rheumatology"
RHEUM_JSON = "ctgov-api-v2/rheumatology-5.json"
SEED = 16  # issue 16
ARCHIVE_EVERY = 20  # about 300 of the 6,036 archive studies enter the "other" pool
WHOLE_PER_SPLIT = 2  # whole trials per domain and split
WHOLE_ITEMS = (10, 24)  # a whole trial must have this many items (inclusive), to keep it readable
SINGLE_ITEMS = {"rheumatology": 105, "other": 100}
# Later held-out parts (see the module docstring): part -> (seed, parts whose items it never repeats).
HELD_OUT: dict[str, tuple[int, tuple[str, ...]]] = {
    "test2": (17, ("dev", "test")),
    "test3": (18, ("dev", "test", "test2")),
    "test4": (19, ("dev", "test", "test2", "test3")),
    "test5": (20, ("dev", "test", "test2", "test3", "test4")),
    "test6": (21, ("dev", "test", "test2", "test3", "test4", "test5")),
    "test7": (22, ("dev", "test", "test2", "test3", "test4", "test5", "test6")),
    "test8": (23, ("dev", "test", "test2", "test3", "test4", "test5", "test6", "test7")),
    "test9": (29, ("dev", "test", "test2", "test3", "test4", "test5", "test6", "test7", "test8")),
}
HELD_OUT_PER_DOMAIN = 80
TEST2_SEED, TEST2_PER_DOMAIN = HELD_OUT["test2"][0], HELD_OUT_PER_DOMAIN  # the names test2 was written with
LABEL_FIELDS = ("category", "families", "modifiable", "reading", "note")
# Conditions that make a trial rheumatological: kept out of the "other" domain.
_RHEUMATIC = re.compile(
    r"arthritis|lupus|vasculitis|scleroderma|systemic sclerosis|sj[oö]gren|myositis|spondyl|gout|"
    r"polymyalgia|behcet|behçet|still'?s disease|rheumat|dermatomyositis|arteritis",
    re.IGNORECASE,
)


def split_of(trial_id: str) -> str:
    """dev or test, from the trial id alone (all items of a trial share a split)."""
    return "dev" if hashlib.sha256(trial_id.encode()).digest()[0] % 2 == 0 else "test"


def _stable(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def archive_members() -> Iterator[tuple[str, bytes]]:
    """(member name, bytes) of the hash-chosen archive slice, streaming the archive once."""
    with tarfile.open(DATA / ARCHIVE, "r|xz") as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith(".xml"):
                continue
            if _stable(member.name) % ARCHIVE_EVERY != 0:
                continue
            handle = tar.extractfile(member)
            if handle is not None:
                yield member.name, handle.read()


def read_archive_member(name: str) -> bytes:
    """One member of the archive by name (streaming: the archive is read up to it)."""
    with tarfile.open(DATA / ARCHIVE, "r|xz") as tar:
        for member in tar:
            if member.name == name:
                handle = tar.extractfile(member)
                assert handle is not None
                return handle.read()
    raise KeyError(name)


def load_source(source: str) -> list[TrialRecord]:
    """Records of one ``source`` as written in the label files (archive members as ``tar#member``)."""
    if "#" in source:
        archive, member = source.split("#", 1)
        assert archive == ARCHIVE, source
        return parse_bytes(read_archive_member(member), name=Path(member).name)
    return parse_path(DATA / source)


def load_sources(sources: set[str]) -> dict[str, list[TrialRecord]]:
    """Records of many sources, reading the archive once for all its members."""
    out = {s: load_source(s) for s in sources if "#" not in s}
    members = {s.split("#", 1)[1]: s for s in sources if "#" in s}
    if members:
        with tarfile.open(DATA / ARCHIVE, "r|xz") as tar:
            for member in tar:
                if member.name in members:
                    handle = tar.extractfile(member)
                    assert handle is not None
                    out[members[member.name]] = parse_bytes(handle.read(), name=Path(member.name).name)
    return out


def _records(domain: str) -> list[tuple[str, TrialRecord]]:
    """(source, record) pairs of one domain's pool, one per trial id, in a stable order."""
    pairs: list[tuple[str, TrialRecord]] = []
    if domain == "rheumatology":
        for path in sorted((DATA / RHEUM_XML).glob("*.xml")):
            pairs += [(f"{RHEUM_XML}/{path.name}", r) for r in parse_path(path)]
        pairs += [(RHEUM_JSON, r) for r in parse_path(DATA / RHEUM_JSON)]
    else:
        for path in sorted((DATA / "ctgov-api-v2").glob("*.json")):
            if path.name != Path(RHEUM_JSON).name:
                pairs += [(f"ctgov-api-v2/{path.name}", r) for r in parse_path(path)]
        for path in sorted((DATA / "other-registries").glob("*.json")):
            pairs += [(f"other-registries/{path.name}", r) for r in parse_path(path)]
        for name, data in archive_members():
            pairs += [(f"{ARCHIVE}#{name}", r) for r in parse_bytes(data, name=Path(name).name)]
        rheum_ids = {Path(p).stem for p in (DATA / RHEUM_XML).glob("*.xml")}
        pairs = [(s, r) for s, r in pairs
                 if r.trial_id not in rheum_ids and not _RHEUMATIC.search(" ".join(r.conditions + [r.title]))]
    seen: set[str] = set()
    unique = []
    for source, record in pairs:
        if record.trial_id not in seen and record.criteria:
            seen.add(record.trial_id)
            unique.append((source, record))
    return unique


def _item(source: str, record: TrialRecord, key: str, node, domain: str) -> dict:
    return {"id": f"{record.trial_id}:{key}", "trial_id": record.trial_id, "source": source, "key": key,
            "kind": node.kind, "text": node.text, "domain": domain, "split": split_of(record.trial_id)}


def sample_domain(domain: str) -> list[dict]:
    """The items sampled from one domain: whole trials first, then single items."""
    rng = random.Random(f"{SEED}:{domain}")
    pool = _records(domain)
    rng.shuffle(pool)
    items: list[dict] = []
    whole: set[str] = set()
    for split in ("dev", "test"):
        fitting = [(s, r) for s, r in pool if split_of(r.trial_id) == split
                   and WHOLE_ITEMS[0] <= len(criterion_keys(r.criteria)) <= WHOLE_ITEMS[1]]
        for source, record in fitting[:WHOLE_PER_SPLIT]:
            whole.add(record.trial_id)
            items += [_item(source, record, key, node, domain) for key, _p, node in criterion_keys(record.criteria)]
    rest = [(s, r) for s, r in pool if r.trial_id not in whole]
    # One item per trial in turn; a second round over the same order when the pool is smaller
    # than the quota (the rheumatology pool has 91 trials left for about 105 items).
    items += _single_items(rest, set(), SINGLE_ITEMS[domain], rng, domain)
    return items


def _single_items(rest: list[tuple[str, TrialRecord]], taken: set[str], wanted: int, rng: random.Random,
                  domain: str) -> list[dict]:
    """``wanted`` single items, one per trial in turn, none of ``taken`` (ids; added to as items are drawn)."""
    items: list[dict] = []
    while wanted > 0:
        before = wanted
        for source, record in rest:
            choices = [(k, n) for k, _p, n in criterion_keys(record.criteria) if f"{record.trial_id}:{k}" not in taken]
            if not choices or wanted == 0:
                continue
            key, node = rng.choice(choices)
            taken.add(f"{record.trial_id}:{key}")
            items.append(_item(source, record, key, node, domain))
            wanted -= 1
        if wanted == before:  # every item of the pool is taken
            break
    return items


def sample() -> list[dict]:
    """The whole sample, rheumatology first."""
    return sample_domain("rheumatology") + sample_domain("other")


def labelled_ids(splits: tuple[str, ...] = ("dev", "test")) -> set[str]:
    """Ids of the items already in the label files of ``splits`` (only the ids are read)."""
    ids: set[str] = set()
    for split in splits:
        path = HERE / f"{split}.jsonl"
        if path.exists():
            ids |= {json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    return ids


def sample_held_out_domain(domain: str, part: str = "test2") -> list[dict]:
    """Items of one domain for a later held-out part (a key of ``HELD_OUT``): test-hash trials only.

    No item already in an earlier part's file (``HELD_OUT[part]`` names those parts; only ids are read).
    Whole trials (all their items) come only from trials with no labelled item at all, so that they are
    whole; then single items, one per trial in turn, until the domain has HELD_OUT_PER_DOMAIN items.
    """
    seed, earlier = HELD_OUT[part]
    rng = random.Random(f"{seed}:{domain}")
    used = labelled_ids(earlier)
    used_trials = {i.split(":", 1)[0] for i in used}
    pool = [(s, r) for s, r in _records(domain) if split_of(r.trial_id) == "test"]
    rng.shuffle(pool)
    items: list[dict] = []
    whole: set[str] = set()
    fitting = [(s, r) for s, r in pool if r.trial_id not in used_trials
               and WHOLE_ITEMS[0] <= len(criterion_keys(r.criteria)) <= WHOLE_ITEMS[1]]
    for source, record in fitting[:WHOLE_PER_SPLIT]:
        whole.add(record.trial_id)
        items += [_item(source, record, key, node, domain) for key, _p, node in criterion_keys(record.criteria)]
    rest = [(s, r) for s, r in pool if r.trial_id not in whole]
    items += _single_items(rest, set(used), max(HELD_OUT_PER_DOMAIN - len(items), 0), rng, domain)
    for item in items:
        item["split"] = part
    return items


def sample_test2_domain(domain: str) -> list[dict]:
    """test2 items of one domain: test-hash trials only, no item already in dev.jsonl or test.jsonl."""
    return sample_held_out_domain(domain, "test2")


def sample_test2() -> list[dict]:
    """The whole test2 sample, rheumatology first."""
    return sample_held_out("test2")


def sample_held_out(part: str) -> list[dict]:
    """The whole sample of a later held-out part, rheumatology first."""
    return sample_held_out_domain("rheumatology", part) + sample_held_out_domain("other", part)


def _read_labels(label_files: list[Path]) -> dict[str, dict]:
    labels: dict[str, dict] = {}
    for path in label_files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                labels[obj["id"]] = obj
    return labels


def _labelled_row(item: dict, label: dict) -> str:
    row = {**item, **{f: label.get(f) for f in LABEL_FIELDS}}
    row["families"] = row["families"] or []
    row["note"] = row["note"] or ""
    return json.dumps(row, ensure_ascii=False)


def merge_held_out(label_files: list[Path], part: str = "test2") -> int:
    """Write ``<part>.jsonl`` (a key of ``HELD_OUT``) from that part's sample and the hand labels; its item count."""
    labels = _read_labels(label_files)
    items = sample_held_out(part)
    missing = [i["id"] for i in items if i["id"] not in labels]
    if missing:
        raise SystemExit(f"{len(missing)} sampled items have no label, e.g. {missing[:5]}")
    rows = []
    for item in items:
        item.pop("split")
        rows.append(_labelled_row(item, labels[item["id"]]))
    (HERE / f"{part}.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return len(rows)


def merge_test2(label_files: list[Path]) -> int:
    """Write test2.jsonl from the test2 sample and the hand labels; its item count."""
    return merge_held_out(label_files, "test2")


def merge(label_files: list[Path]) -> tuple[int, int]:
    """Write dev.jsonl and test.jsonl from the sample and the hand labels; (dev, test) counts."""
    labels = _read_labels(label_files)
    out: dict[str, list[str]] = {"dev": [], "test": []}
    missing = []
    for item in sample():
        label = labels.get(item["id"])
        if label is None:
            missing.append(item["id"])
            continue
        split = item.pop("split")
        out[split].append(_labelled_row(item, label))
    if missing:
        raise SystemExit(f"{len(missing)} sampled items have no label, e.g. {missing[:5]}")
    for split, rows in out.items():
        (HERE / f"{split}.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return len(out["dev"]), len(out["test"])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    sub = parser.add_subparsers(dest="command", required=True)
    show = sub.add_parser("list", help="print the sampled items")
    show.add_argument("--domain", choices=["rheumatology", "other"])
    show.add_argument("--start", type=int, default=0)
    show.add_argument("--count", type=int, default=10_000)
    show.add_argument("--jsonl", action="store_true", help="one JSON object a line")
    show.add_argument("--part", choices=["dev-test", *HELD_OUT], default="dev-test")
    joined = sub.add_parser("merge", help="write dev.jsonl and test.jsonl (or PART.jsonl)")
    joined.add_argument("--part", choices=["dev-test", *HELD_OUT], default="dev-test")
    joined.add_argument("labels", nargs="+", type=Path)
    args = parser.parse_args(argv)
    if args.command == "merge":
        if args.part in HELD_OUT:
            print(f"{args.part}: {merge_held_out(args.labels, args.part)} items")
            return
        dev, test = merge(args.labels)
        print(f"dev: {dev} items, test: {test} items")
        return
    if args.part in HELD_OUT:
        items = sample_held_out_domain(args.domain, args.part) if args.domain else sample_held_out(args.part)
    else:
        items = sample_domain(args.domain) if args.domain else sample()
    shown = items[args.start: args.start + args.count]
    if args.jsonl:
        for item in shown:
            print(json.dumps(item, ensure_ascii=False))
        return
    records = load_sources({i["source"] for i in shown})
    for item in shown:
        print(f"## {item['id']}  [{item['kind']}, {item['domain']}, {item['split']}]  {item['source']}")
        for depth, text in enumerate(lead_ins(records[item["source"]], item)):
            print(f"{'  ' * depth}> {text}")
        print(item["text"])
        print()


def lead_ins(records: list[TrialRecord], item: dict) -> list[str]:
    """Texts of an item's parent lead-ins, outermost first (a labeller reads an item under them)."""
    trial = next(r for r in records if r.trial_id == item["trial_id"])
    by_key = {key: (parent, node) for key, parent, node in criterion_keys(trial.criteria)}
    chain: list[str] = []
    parent = by_key[item["key"]][0]
    while parent is not None:
        parent, node = by_key[parent]
        chain.insert(0, node.text)
    return chain


if __name__ == "__main__":
    main()
