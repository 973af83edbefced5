"""The labelled evaluation set of criteria items (tests/core/criteria/labels) stays well-formed.

Checks the schema, that every reading parses against the grammar in labels/README.md, unique ids,
the size and the rheumatology share, the split by trial, and that every item's text is still exactly
what the app's importers and splitter produce for its record (so a splitter change that would make
the labels stale fails here instead of silently skewing the measurement). The later held-out parts
``test2.jsonl`` … ``test9.jsonl`` get the same checks, must share no item with the earlier parts, hold
test-hash trials only and be exactly their seeded sample.
"""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from core.trial_record import criterion_keys

LABELS = Path(__file__).resolve().parent / "labels"
SPLITS = ("dev", "test")
FIELDS = {"id", "trial_id", "source", "key", "kind", "text", "domain", "category", "families", "modifiable",
          "reading", "note"}
CATEGORIES = {"non_criterion", "judgement", "expressible", "not_expressible"}
FAMILIES = {"age", "sex", "condition", "condition_history", "treatment", "washout", "lab", "score", "vital",
            "pregnancy", "lactation", "contraception", "consent", "infection", "vaccine", "other_trial",
            "procedure", "allergy", "organ_function", "other"}
OPS = {">=", ">", "<=", "<", "between"}
UNITS = {"days", "weeks", "months", "years", "half-lives"}
TIMES = {"current", "ever"}
PROCEDURE_TIMES = TIMES | {"planned"}


def _load_script(name: str, filename: str):
    """A script of the labels folder (not a package) as a module."""
    spec = importlib.util.spec_from_file_location(name, LABELS / filename)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _load_sampler():
    return _load_script("label_sampler", "sample_items.py")


def _rows(split: str) -> list[dict[str, Any]]:
    text = (LABELS / f"{split}.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


ROWS = {split: _rows(split) for split in SPLITS}
ALL = ROWS["dev"] + ROWS["test"]
TEST2 = _rows("test2")
TEST3 = _rows("test3")
TEST4 = _rows("test4")
TEST5 = _rows("test5")
TEST6 = _rows("test6")
TEST7 = _rows("test7")
TEST8 = _rows("test8")
TEST9 = _rows("test9")
# The later held-out parts, each with the parts it must not repeat (labels/README.md).
HELD_OUT = {"test2": TEST2, "test3": TEST3, "test4": TEST4, "test5": TEST5, "test6": TEST6, "test7": TEST7,
            "test8": TEST8, "test9": TEST9}
EARLIER = {"test2": ("dev", "test"), "test3": ("dev", "test", "test2"), "test4": ("dev", "test", "test2", "test3"),
           "test5": ("dev", "test", "test2", "test3", "test4"),
           "test6": ("dev", "test", "test2", "test3", "test4", "test5"),
           "test7": ("dev", "test", "test2", "test3", "test4", "test5", "test6"),
           "test8": ("dev", "test", "test2", "test3", "test4", "test5", "test6", "test7"),
           "test9": ("dev", "test", "test2", "test3", "test4", "test5", "test6", "test7", "test8")}
HELD_ROWS = [(part, r) for part, rows in HELD_OUT.items() for r in rows]


# --- the reading grammar -------------------------------------------------------------------------

class GrammarError(ValueError):
    pass


def _need(cond: bool, what: str, node: Any) -> None:
    if not cond:
        raise GrammarError(f"{what}: {json.dumps(node)[:200]}")


def _number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _keys(node: dict, required: set[str], optional: set[str] = frozenset()) -> None:
    _need(required <= node.keys() <= required | optional, f"keys must be {sorted(required)} + {sorted(optional)}",
          node)


def _period(x: Any) -> bool:
    return isinstance(x, list) and len(x) == 2 and _number(x[0]) and x[0] >= 0 and x[1] in UNITS


def _time(x: Any, allowed: set[str] = TIMES) -> bool:
    if isinstance(x, str):
        return x in allowed
    return isinstance(x, dict) and len(x) == 1 and next(iter(x)) in ("within", "for_at_least") \
        and _period(next(iter(x.values())))


def _name(node: dict, key: str) -> None:
    _need(isinstance(node[key], str) and node[key].strip() != "", f"{key} needs a name", node)


def _comparison(node: dict, value_key: str = "value") -> None:
    op, value = node.get("op"), node.get(value_key)
    _need(op in OPS, "op must be one of >=, >, <=, <, between", node)
    if op == "between":
        _need(isinstance(value, list) and len(value) == 2 and all(map(_number, value)) and value[0] <= value[1],
              "between needs [low, high]", node)
    else:
        _need(_number(value), "value must be a number", node)


def check_reading(node: Any) -> None:
    """Raise GrammarError unless ``node`` is a reading in the labels' grammar."""
    _need(isinstance(node, dict) and len(node) >= 1, "a reading is an object", node)
    head = next(iter(node))
    if head in ("all", "any"):
        _keys(node, {head})
        _need(isinstance(node[head], list) and len(node[head]) >= 2, f"{head} needs two or more parts", node)
        for part in node[head]:
            check_reading(part)
    elif head == "not":
        _keys(node, {"not"})
        check_reading(node["not"])
    elif head == "age":
        age = node["age"]
        _keys(node, {"age"})
        _need(isinstance(age, dict), "age is an object", node)
        _keys(age, {"op", "value", "unit"})
        _comparison(age)
        _need(age["unit"] in ("years", "months"), "age unit is years or months", node)
    elif head == "sex":
        _keys(node, {"sex"})
        _need(node["sex"] in ("female", "male"), "sex is female or male", node)
    elif head == "condition":
        _keys(node, {"condition"}, {"narrower", "except", "time", "classification"})
        _name(node, "condition")
        _need(isinstance(node.get("narrower", True), bool), "narrower is a boolean", node)
        exc = node.get("except", [])
        _need(isinstance(exc, list) and all(isinstance(e, str) and e for e in exc), "except is a list of names",
              node)
        _need("time" not in node or _time(node["time"]), "bad time", node)
        _need(isinstance(node.get("classification", ""), str), "classification is a name", node)
    elif head == "drug":
        _keys(node, {"drug", "class"}, {"time", "stable_dose", "dose", "response", "count"})
        _name(node, "drug")
        _need(isinstance(node["class"], bool), "class is a boolean", node)
        _need("time" not in node or _time(node["time"]), "bad time", node)
        _need("stable_dose" not in node or _period(node["stable_dose"]), "stable_dose is [N, unit]", node)
        if "dose" in node:
            dose = node["dose"]
            _need(isinstance(dose, dict), "dose is an object", node)
            _keys(dose, {"op", "value", "unit"})
            _comparison(dose)
            _need(isinstance(dose["unit"], str) and dose["unit"], "dose needs a unit", node)
        _need(node.get("response", "failure") in ("inadequate", "intolerance", "failure"), "bad response", node)
        if "count" in node:
            _need(isinstance(node["count"], dict), "count is an object", node)
            _keys(node["count"], {"op", "value"})
            _comparison(node["count"])
    elif head == "lab":
        _name(node, "lab")
        if "result" in node:
            _keys(node, {"lab", "result"})
            _need(node["result"] in ("positive", "negative"), "result is positive or negative", node)
        else:
            _keys(node, {"lab", "op", "value", "unit"})
            _comparison(node)
            _need(isinstance(node["unit"], str) and node["unit"], "lab needs a unit", node)
    elif head == "score":
        _keys(node, {"score", "op", "value"})
        _name(node, "score")
        _comparison(node)
    elif head in ("pregnant", "lactating", "childbearing_potential", "consent"):
        _keys(node, {head})
        _need(node[head] is True, f"{head} is true", node)
    elif head == "contraception":
        _keys(node, {"contraception"})
        _need(node["contraception"] == "agrees", "contraception is 'agrees'", node)
    elif head == "other_trial":
        _keys(node, {"other_trial"})
        _need(isinstance(node["other_trial"], dict) and list(node["other_trial"]) == ["within"]
              and _period(node["other_trial"]["within"]), "other_trial is {within: [N, unit]}", node)
    elif head == "procedure":
        _keys(node, {"procedure"}, {"time"})
        _name(node, "procedure")
        _need("time" not in node or _time(node["time"], PROCEDURE_TIMES), "bad time", node)
    elif head == "allergy":
        _keys(node, {"allergy"})
        _name(node, "allergy")
    elif head == "fact":
        _keys(node, {"fact", "value"}, {"op", "unit"})
        _name(node, "fact")
        if "op" in node:
            _comparison(node)
        _need(isinstance(node.get("unit", "x"), str), "unit is text", node)
    else:
        raise GrammarError(f"unknown reading {head!r}")


@pytest.mark.parametrize("bad", [
    {"all": [{"sex": "female"}]},  # one part
    {"age": {"op": "=>", "value": 18, "unit": "years"}},
    {"age": {"op": "between", "value": [75, 18], "unit": "years"}},
    {"condition": "lupus", "time": "recently"},
    {"condition": "lupus", "when": "ever"},
    {"drug": "methotrexate"},  # no class
    {"drug": "methotrexate", "class": False, "stable_dose": [4]},
    {"lab": "ALT", "op": ">", "value": "3"},
    {"lab": "anti-dsDNA", "result": "high"},
    {"pregnant": False},
    {"other_trial": {"within": [30, "fortnights"]}},
    {"not": {"weight": 104}},
    {"fact": "", "value": True},
])
def test_grammar_rejects_malformed_readings(bad):
    with pytest.raises(GrammarError):
        check_reading(bad)


def test_grammar_accepts_the_briefs_examples():
    check_reading({"any": [{"not": {"childbearing_potential": True}}, {"contraception": "agrees"}]})
    check_reading({"condition": "malignancy", "narrower": True, "except": ["basal cell carcinoma"],
                   "time": {"within": [5, "years"]}})
    check_reading({"drug": "prednisone", "class": False, "time": "current", "stable_dose": [4, "weeks"],
                   "dose": {"op": "<=", "value": 10, "unit": "mg/day prednisone equivalent"}})


# --- the label files -----------------------------------------------------------------------------

@pytest.mark.parametrize("row", ALL + [r for _p, r in HELD_ROWS],
                         ids=[r["id"] for r in ALL] + [f"{p}:{r['id']}" for p, r in HELD_ROWS])
def test_row_schema_and_reading(row):
    # "retired" / "rekeyed_from": the splitter no longer makes this item / moved it (labels/rekey.py);
    # "resplit": the item is now a heading over the statements it ran together (kept, counted as not read)
    assert set(row) - {"retired", "rekeyed_from", "resplit"} == FIELDS
    assert row["id"] == f"{row['trial_id']}:{row['key']}"
    assert row["kind"] in ("inclusion", "exclusion")
    assert row["key"].split("-", 1)[0] == row["kind"][:3]
    assert row["domain"] in ("rheumatology", "other")
    assert row["category"] in CATEGORIES
    assert isinstance(row["families"], list) and set(row["families"]) <= FAMILIES
    assert len(set(row["families"])) == len(row["families"])
    assert isinstance(row["modifiable"], bool)
    assert isinstance(row["note"], str) and isinstance(row["text"], str)
    if row["category"] == "expressible":
        assert row["families"], "an expressible item names its families"
        check_reading(row["reading"])
    else:
        assert row["reading"] is None, "only expressible items carry a reading (a partial one goes in note)"
    if row["category"] in ("not_expressible", "judgement"):
        assert row["families"], "a real criterion names its families"
    if row["category"] == "not_expressible":
        assert row["note"].strip(), "say why it is not expressible"
    if row["category"] == "non_criterion":
        assert not row["families"] and not row["modifiable"]


def test_ids_unique_and_enough_items():
    ids = [r["id"] for r in ALL]
    assert len(ids) == len(set(ids))
    assert len(ALL) >= 300


def test_about_half_rheumatology_and_both_kinds_in_each_split():
    share = sum(r["domain"] == "rheumatology" for r in ALL) / len(ALL)
    assert 0.4 <= share <= 0.6
    for split in SPLITS:
        kinds = Counter((r["domain"], r["kind"]) for r in ROWS[split])
        assert all(kinds[(d, k)] >= 10 for d in ("rheumatology", "other") for k in ("inclusion", "exclusion")), kinds
        assert 0.35 <= len(ROWS[split]) / len(ALL) <= 0.65


def test_split_is_by_trial_and_follows_the_hash_rule():
    sampler = _load_sampler()
    dev_trials = {r["trial_id"] for r in ROWS["dev"]}
    test_trials = {r["trial_id"] for r in ROWS["test"]}
    assert not dev_trials & test_trials
    assert all(sampler.split_of(t) == "dev" for t in dev_trials)
    assert all(sampler.split_of(t) == "test" for t in test_trials)


def test_domains_follow_the_sources():
    for row in ALL + [r for _p, r in HELD_ROWS]:
        rheum_source = row["source"].startswith(("ctgov-classic-xml/rheumatology/", "ctgov-api-v2/rheumatology-5"))
        assert (row["domain"] == "rheumatology") == rheum_source, row["id"]


def test_texts_are_what_the_splitter_produces_now():
    sampler = _load_sampler()
    if not (sampler.DATA / sampler.RHEUM_JSON).exists():
        pytest.skip("shared data not available")
    every = ALL + [r for _p, r in HELD_ROWS]
    records = sampler.load_sources({r["source"] for r in every})
    stale = []
    for row in every:
        trial = [rec for rec in records[row["source"]] if rec.trial_id == row["trial_id"]]
        assert len(trial) == 1, f"{row['id']}: trial not found once in {row['source']}"
        items = {key: node for key, _parent, node in criterion_keys(trial[0].criteria)}
        if row.get("retired"):
            # Retired only while its text really is gone from the split items.
            if any(n.text == row["text"] for n in items.values()):
                stale.append(row["id"])
            continue
        node = items.get(row["key"])
        if row.get("resplit"):
            # Kept as labelled, counted as not read: the item is now the heading of the statements it ran together.
            if node is None or node.text == row["text"] or not node.children or not row["text"].startswith(node.text):
                stale.append(row["id"])
            continue
        if node is None or node.text != row["text"] or node.kind != row["kind"]:
            stale.append(row["id"])
    assert not stale, (f"items whose split text changed (run tests/core/criteria/labels/rekey.py, then re-check "
                       f"the labels it retires): {stale[:20]}")


# --- test2 … test9: the later held-out parts ------------------------------------------------------------

def _part_rows(part: str) -> list[dict[str, Any]]:
    return {"dev": ROWS["dev"], "test": ROWS["test"], **HELD_OUT}[part]


def test_held_out_parts_are_the_samplers_parts():
    """Every part the sampler draws is checked here, against the same earlier parts, with its own seed."""
    held = _load_sampler().HELD_OUT
    assert {part: earlier for part, (_seed, earlier) in held.items()} == EARLIER
    assert len({seed for seed, _earlier in held.values()}) == len(held)


@pytest.mark.parametrize("part", HELD_OUT)
def test_held_out_ids_unique_and_new(part):
    rows = HELD_OUT[part]
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert 140 <= len(ids) <= 180
    for earlier in EARLIER[part]:
        assert not set(ids) & {r["id"] for r in _part_rows(earlier)}, f"{part} repeats an item of {earlier}"


@pytest.mark.parametrize("part", HELD_OUT)
def test_held_out_holds_test_hash_trials_only(part):
    sampler = _load_sampler()
    rows = HELD_OUT[part]
    assert all(sampler.split_of(r["trial_id"]) == "test" for r in rows)
    assert not {r["trial_id"] for r in rows} & {r["trial_id"] for r in ROWS["dev"]}


@pytest.mark.parametrize("part", HELD_OUT)
def test_held_out_half_rheumatology_and_both_kinds_in_each_domain(part):
    rows = HELD_OUT[part]
    share = sum(r["domain"] == "rheumatology" for r in rows) / len(rows)
    assert 0.4 <= share <= 0.6
    kinds = Counter((r["domain"], r["kind"]) for r in rows)
    assert all(kinds[(d, k)] >= 10 for d in ("rheumatology", "other") for k in ("inclusion", "exclusion")), kinds
    categories = {r["category"] for r in rows}
    assert categories == CATEGORIES, categories


@pytest.mark.parametrize("part", HELD_OUT)
def test_held_out_is_the_samplers_sample(part):
    """The file holds exactly the seeded sample, in order (so it can be re-made and nothing was picked by hand).

    The sample depends on the splitter; ``<part>.drawn.json`` keeps the ids as drawn at labelling time (with
    the commit), and rows moved by a later splitter fix say where they came from (``rekeyed_from``). When the
    splitter is unchanged since then, re-drawing gives the same ids.
    """
    rows = HELD_OUT[part]
    drawn = json.loads((LABELS / f"{part}.drawn.json").read_text(encoding="utf-8"))["ids"]
    assert [r.get("rekeyed_from", r["id"]) for r in rows] == drawn
    sampler = _load_sampler()
    if not (sampler.DATA / sampler.RHEUM_JSON).exists():
        pytest.skip("shared data not available")
    redrawn = [i["id"] for i in sampler.sample_held_out(part)]
    if not any(r.get("rekeyed_from") or r.get("retired") for r in rows):
        assert redrawn == drawn


# --- <part>.second.jsonl: second, blind labellings of 50 items of test3, test4, test6…test9 (labels/agreement.py)

SECOND_PARTS = ("test3", "test4", "test6", "test7", "test8", "test9")
SECOND = {part: _rows(f"{part}.second") for part in SECOND_PARTS}
SECOND_FIELDS = {"id", "category", "families", "modifiable", "reading", "note"}


def _load_agreement():
    return _load_script("label_agreement", "agreement.py")


@pytest.mark.parametrize("part", SECOND_PARTS)
def test_second_labelling_is_the_seeded_draw(part):
    """Exactly the 50 items the part's seed draws from <part>.jsonl, in drawing order: none picked by hand."""
    rows = SECOND[part]
    assert [r["id"] for r in rows] == _load_agreement().drawn_ids(part)
    assert len(rows) == 50 and len({r["id"] for r in rows}) == 50
    assert {r["id"] for r in rows} <= {r["id"] for r in HELD_OUT[part]}


def test_second_labelling_seeds_are_fixed_per_part():
    """A part's draw must never move once its second labels were made on it; each part has a seed of its own."""
    agreement = _load_agreement()
    assert agreement.SEEDS == {"test3": 7, "test4": 8, "test6": 9, "test7": 10, "test8": 11, "test9": 12}
    assert agreement.drawn_ids() == agreement.drawn_ids("test3")
    assert not set(agreement.drawn_ids("test3")) & set(agreement.drawn_ids("test4"))
    assert len(set(agreement.drawn_ids("test6"))) == 50
    assert len(set(agreement.drawn_ids("test7"))) == 50
    assert len(set(agreement.drawn_ids("test8"))) == 50
    assert len(set(agreement.drawn_ids("test9"))) == 50


@pytest.mark.parametrize("row", [r for part in SECOND_PARTS for r in SECOND[part]],
                         ids=[f"{part}:{r['id']}" for part in SECOND_PARTS for r in SECOND[part]])
def test_second_labelling_schema_and_reading(row):
    assert set(row) == SECOND_FIELDS
    assert row["category"] in CATEGORIES
    assert set(row["families"]) <= FAMILIES and isinstance(row["modifiable"], bool)
    if row["category"] == "expressible":
        assert row["families"]
        check_reading(row["reading"])
    else:
        assert row["reading"] is None
    if row["category"] == "non_criterion":
        assert not row["families"] and not row["modifiable"]


def test_kappa_counts_chance_agreement():
    kappa = _load_agreement().kappa
    assert kappa([("a", "a"), ("b", "b")])[2] == 1.0
    # Two labellers who agree on 2 of 4 items with balanced marginals agree no better than chance.
    assert kappa([("a", "a"), ("a", "b"), ("b", "a"), ("b", "b")]) == (0.5, 0.5, 0.0)
