"""Does a proposed rule mean what a labelled reading says? (issue 16's yardstick)

Both sides are brought to one canonical form and compared:

* the **rule** (the app's rule language, ``docs/rules.md``): each fact is mapped to a concept of the
  vocabularies (``condition:<id>``, legacy ``malignancy``/``hbsag_positive``… to their concepts, lab
  values converted to the analyte's canonical unit, durations to days);
* the **reading** (``tests/core/criteria/labels/README.md``): concept names are resolved with the
  vocabularies' ``lookup`` (a name that resolves to nothing can never match), units converted the
  same way.

Then ``not`` is pushed down (De Morgan, flipped comparisons), ``all``/``any`` are flattened and
compared as sets, "between" becomes two bounds. A rule is **fully right** when the two forms are
equal and, where the label says the item is modifiable, the rule marks a step. It is **partial** when
it holds a ``confirm`` question and its other parts are parts of the reading (the clinician is asked
the rest): safe, but not counted as right.

Time on conditions: ``condition_recent_years:<id> < N`` (the latest diagnosis within N years) is the
reading's ``{"within": [N, unit]}`` (a reading with ``except`` needs the ``condition_other_than`` facts
below: a window rule that drops the exceptions is wrong, and so is the older ``all(X, not Y)`` form, false
for a patient with both Y and another X);
``condition_years:<id> >= N`` (the first diagnosis at least N years ago) is the duration of a reading's
``{"for_at_least": [N, unit]}``.
``condition_other_than:<id>|<e1>,<e2> = true`` (a diagnosis under the condition and under none of the
excepted ones, ``core/patient/condition_except.py``) is the reading's condition with ``except`` [e1, e2];
``condition_other_than_recent_years:<id>|<e…> < N`` is the same with ``{"within": [N, unit]}``;
``condition_current_other_than:<id>|<e…> = true`` with ``"time": "current"``.

``classified:<id> = true`` ("meets established classification criteria for X", one fact whichever
set is named) is a reading's condition X with any ``classification``.

Facts added for the extractor map to the grammar as follows: ``pregnancy_test_negative`` (a negative
pregnancy test at screening) is the reading ``{"fact": "negative [serum|urine] pregnancy test", "value":
true}``, the words exactly so, or followed by "before entry" or "at screening" (the fact's own time; no window).

A reading about the lab group "transaminases" is a statement about AST and ALT (the vocabulary's
groups, ``docs/vocab-labs.md``): over a threshold means one of them is (any), within it means each is
(all) — the same meaning whichever polarity the item has.

``condition_current:<id> = true`` ("has it now": active, not resolved) is a reading's condition with time
``current`` ONLY: never ``ever`` nor a condition without time (``_current``).

Plain-words facts that name a score, a lab or an app fact, and list members beside their own class, are read by
``extraction_compare_plain`` (added 2026-11-30, after test3's wrong proposals were opened: four of its five were the
yardstick, not the rule).

Leniencies, stated so the figures can be judged: a condition fact ("has or had") is accepted for a
reading's time ``current``, ``ever`` or none, and ``narrower`` is ignored (condition facts always
include narrower concepts); a drug reading without time is "ever"; time windows compare in whole
weeks (3 months = 13 weeks, 30 days = 4 weeks); a drug class named by the reading compares by the
vocabulary id it resolves to.

Drug facts and the reading's drug keys (faithful equivalences, both sides mapped alike):
``drug_failed_count:<id> >= N`` is the reading's ``{"drug": <id>, "response": "failure", "count": {">=", N}}``
(a failure in the profile is an inadequate or lost response or intolerance, so "inadequate" or
"intolerance" alone never matches it; both of them in an ``any`` for one drug, count 1, is a failure);
``drug_weeks_since:investigational_product < N`` ("the last investigational treatment") and the
reading's ``other_trial`` within N, or its investigational-product drug within N, are one atom, as the
registry's ``other_trial_within_3_months`` already was; a reading's drug named "X other than Y" is the
class X without the branches holding Y (``treatments.except_members``), as the rule writes it;
``drug_dose:<id>`` is the reading's ``dose`` on that drug, both in the fact's unit (mg/week for a
weekly drug, else mg/day: ``dose_facts.dose_unit``; a reading per week for a daily drug never
matches), ``prednisone_eq_mg_day`` is the dose of the glucocorticoid class. A reading with a
``stable_dose`` [N, unit] is the extractor's ``stable_dose`` step ("Dose of X stable for at least N
weeks before entry", read back by its template, its condition the clinician's answer: no fact holds
when a dose last changed) beside the drug's use (``drug_current``) or, when the reading gives a dose,
the dose comparison; the period compares in whole weeks like any other.

Procedure facts and the reading's ``{"procedure": NAME, "time": T}`` (NAME resolved in the procedures
vocabulary): ``procedure:<id> = true`` is time "ever" (or none); ``procedure_weeks_since:<id> < N`` is
``{"within": [N, unit]}`` (``>=`` its negation); ``procedure_planned:<id> = true`` is "planned". A procedure
whose ICD-10-CM status code is exactly a condition's (Z94.0: kidney transplant / kidney transplant recipient)
had "ever" is that condition, on both sides alike; "current" is ``procedure_current:<id> = true`` (a course
received now, since 2026-12-01). A reading's
``drug`` the drug vocabulary does not know, whose words are exactly a procedure's name or synonym ("intra-articular
corticosteroid injection"), is that procedure (added 2026-12-01 after test4, retired, was read).
"""

from __future__ import annotations

import re
from typing import Any

from benchmarks.extraction_compare_plain import (
    PLAIN_FACTS,
    PLAIN_MEASURES,
    absorb,
    plain_compared,
    plain_condition,
    plain_measure,
)
from benchmarks.extraction_normal_form import FLIP, normal_form
from core.matching.rules import TRIAL_CONFIRM_PREFIX
from core.vocab import conditions, drugs, labs, scores, units

Canon = Any  # nested tuples: ("all", frozenset), ("any", frozenset), ("not", c), or an atom tuple

_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30.44, "months": 30.44, "year": 365.25,
         "years": 365.25}
# the same thing named as an infection (condition) or its marker (lab): one key
_SAME = {"lab_positive:hbsag": "condition:hepatitis_b", "lab_positive:hcv_antibody": "condition:hepatitis_c",
         "condition:hiv": "condition:hiv_infection"}
# legacy facts of core/patient/facts.py, as vocabulary facts
_LEGACY_BOOL = {"hbsag_positive": "condition:hepatitis_b", "hcv_antibody_positive": "condition:hepatitis_c",
                "hiv": "condition:hiv_infection", "tb_active": "condition:active_tuberculosis",
                "tb_latent": "condition:latent_tuberculosis", "active_infection": "condition:infection",
                "malignancy": "condition:malignancy", "pregnant": "pregnant", "lactating": "lactating",
                "childbearing_potential": "childbearing_potential", "informed_consent": "consent",
                "contraception_assured": "contraception", "pregnancy_test_negative": "pregnancy_test_negative"}
# a lab group the vocabulary defines as a statement about each member (docs/vocab-labs.md, "Groups")
_LAB_GROUPS = {"transaminases": ("AST", "ALT")}
# the reading grammar has no key for the screening pregnancy test: labels write it as a plain-words fact
# "before entry" / "at screening" name when the test is done, the fact's own time (screening); a window ("within 1
# week before entry") is another fact and does not match (added 2026-12-01, after a test3 label written so)
_PREGNANCY_TEST = re.compile(r"negative (?:(?:serum|urine|blood)(?: (?:or|and/or) (?:serum|urine|blood))? )?"
                             r"(?:(?:beta[- ]?|β-?)?hcg )?pregnancy test"
                             r"(?: (?:before|prior to) (?:study )?(?:entry|enrol?ment|inclusion)| at screening)?")
_LEGACY_SCORE = {"ecog": "score:ecog", "nyha_class": "score:nyha", "das28_esr": "score:das28_esr",
                 "das28_crp": "score:das28_crp", "lvef_percent": "lab:lvef", "weight_kg": "fact:body weight"}
_LEGACY_DISEASE = {"ra": "rheumatoid_arthritis", "sle": "sle", "sjogren": "sjogren", "dm": "dermatomyositis",
                   "asys": "antisynthetase_syndrome"}


def _num(x: float) -> float:
    return float(f"{float(x):.4g}")


def _weeks(days: float) -> float:
    """Time windows compare in whole weeks: 6 months = 26 weeks, 30 days = 4 weeks, 3 months = 13 weeks.
    A period in a unit with no length in days ("5 half-lives") stays NaN, which equals nothing."""
    if days != days:
        return days
    return float(round(days / 7))


def _cmp(subject: str, op: str, value: float) -> Canon:
    return ("cmp", subject, op, _num(value))


def _bool(subject: str) -> Canon:
    return ("is", _SAME.get(subject, subject))


def _lookup(module: Any, name: str) -> str | None:
    """The vocabulary id a reading's name resolves to; also tries its parts ("ECOG/Zubrod", "ANC (x)")."""
    tries = [name, name.split("(")[0].strip(), *name.split("/")]
    for t in tries:
        hits = module.lookup(t.strip()) if t.strip() else []
        if hits:
            return hits[0].id
    return None


def _cond_id(name: str) -> str | None:
    return _lookup(conditions, name)


def _drug_id(name: str) -> str | None:
    return _lookup(drugs, name)


# --- the rule side ---------------------------------------------------------------------------


def _stable_step(r: dict) -> Canon:
    """A ``stable_dose`` step as the extractor writes it ("Dose of X stable for at least N weeks before
    entry", its condition the clinician's answer): the reading's ``stable_dose`` [N, unit] on drug X."""
    from core.matching.rule_texts import english_template

    found = english_template(str(r["step"].get("text", "")))
    if found is None or found[0] != "Dose of {names} stable for at least {window} before entry" \
            or set(r.get("rule", {})) - {"confirm", "id"}:
        return ("unmatched", repr(r))
    n, _sp, unit = found[1]["window"].partition(" ")
    did = _drug_id(found[1]["names"])
    if did is None or not n.isdigit() or unit not in _DAYS:
        return ("unmatched", repr(r))
    return ("stable", "glucocorticoid" if did in ("prednisone", "corticosteroid") else did,
            _weeks(float(n) * _DAYS[unit]))



def cohort_content(rule: dict, kind: str) -> dict:
    """The content R of a rule that is exactly an item bound to a group of participants (``core/criteria/extract/
    cohort_groups.py``): ``{"all": [group question, R]}`` for an exclusion, ``{"any": [{"not": group question}, R]}``
    for an inclusion, the question a confirm whose id starts "cohort-". The labels read an item under a cohort
    heading as its own content; the app reads the same content and asks group membership instead of applying it
    trial-wide. Any other rule (another id, the other kind's form, a third part) is returned as it is."""
    op, neg = ("all", False) if kind == "exclusion" else ("any", True) if kind == "inclusion" else ("", False)
    parts = rule.get(op) if op and set(rule) == {op} else None
    if not isinstance(parts, list) or len(parts) != 2:
        return rule
    question = parts[0].get("not") if neg and set(parts[0]) == {"not"} else None if neg else parts[0]
    if not isinstance(question, dict) or set(question) != {"confirm", "id"} \
            or not str(question["id"]).startswith(TRIAL_CONFIRM_PREFIX) or not isinstance(parts[1], dict):
        return rule
    return parts[1]


def rule_canon(rule: dict) -> tuple[Canon, bool]:
    """The canonical form of a rule, and whether it holds a step (a modifiable part)."""
    steps: list[bool] = []
    return absorb(normal_form(_rule(rule, steps))), bool(steps)


def _rule(r: dict, steps: list[bool]) -> Canon:
    if "all" in r or "any" in r:
        op = "all" if "all" in r else "any"
        return (op, tuple(_rule(x, steps) for x in r[op]))
    if "not" in r:
        return ("not", _rule(r["not"], steps))
    if "step" in r:
        steps.append(True)
        if isinstance(r["step"], dict) and r["step"].get("kind") == "stable_dose":
            return _stable_step(r)
        return _rule(r["rule"], steps)
    if "confirm" in r:
        return ("confirm",)
    if "fact" in r:
        return _fact(r["fact"], r["op"], r["value"])
    return ("unmatched", repr(r))


def _fact(fact: str, op: str, value: Any) -> Canon:
    kind, _, cid = fact.partition(":")
    if op == "!=" and isinstance(value, bool):
        op, value = "=", not value
    if kind.startswith(("condition_other_than", "condition_current_other_than")) and "|" in cid:
        # "X other than Y, Z": the reading's except
        base, _bar, others = cid.partition("|")
        excepted = frozenset(o for o in others.split(",") if o)
        if kind == "condition_other_than" and op in ("=", "!=") and isinstance(value, bool):
            atom = ("cond", base, excepted, False)
            return atom if value else ("not", atom)
        if kind == "condition_current_other_than" and op in ("=", "!=") and isinstance(value, bool):
            atom = ("cond_now", base, excepted, False)  # has one now: only a reading's time "current" (_current)
            return atom if value else ("not", atom)
        if kind == "condition_other_than_recent_years" and op in ("<", "<=", ">", ">="):
            atom = ("cond_within", base, _weeks(float(value) * 365.25), excepted)
            return atom if op in ("<", "<=") else ("not", atom)
        return ("unmatched", fact)
    if kind.startswith("procedure") and cid:
        from benchmarks.extraction_compare_procedures import procedure_fact

        return procedure_fact(kind, cid, op, value)
    if isinstance(value, bool) and kind == "condition_current" and cid:
        atom = ("cond_now", cid, frozenset(), False)  # has it now: only a reading's time "current" (_current)
        return atom if value else ("not", atom)
    if isinstance(value, bool) and kind == "classified" and cid:
        atom = ("cond", cid, frozenset(), True)  # "meets classification criteria for X": the reading's set named
        return atom if value else ("not", atom)
    if isinstance(value, bool):
        if cid and kind in ("condition", "drug_ever", "drug_current", "allergy", "lab_positive", "lab_below_lln"):
            atom = (("drug", cid, "ever") if kind == "drug_ever" else ("drug", cid, "current")
                    if kind == "drug_current" else _bool(f"{kind}:{cid}"))
        elif fact in _LEGACY_BOOL:
            atom = _bool(_LEGACY_BOOL[fact])
        elif fact.endswith("_diagnosed") and fact[:-10] in _LEGACY_DISEASE:
            atom = ("cond", _LEGACY_DISEASE[fact[:-10]], frozenset(), False)
        elif fact == "other_trial_within_3_months":
            atom = ("other_trial", _weeks(3 * 30.44))
        else:
            atom = _bool(f"fact:{fact}")
        return atom if value else ("not", atom)
    if op == "has":
        if fact == "drugs_used":
            return ("drug", _drug_id(str(value)) or str(value), "ever")
        if fact == "diagnoses":
            return ("cond", _cond_id(str(value).replace("_", " ")) or str(value), frozenset(), False)
        if fact.endswith("_classification") and fact[:-15] in _LEGACY_DISEASE:
            return ("cond", _LEGACY_DISEASE[fact[:-15]], frozenset(), True)
        return ("unmatched", fact)
    if kind == "condition_years" and op in ("<", "<="):
        return ("cond_within", cid, _weeks(float(value) * 365.25), frozenset())
    if kind == "condition_recent_years" and op in ("<", "<=", ">", ">="):
        atom = ("cond_within", cid, _weeks(float(value) * 365.25), frozenset())
        return atom if op in ("<", "<=") else ("not", atom)
    if kind == "condition_years" and op in (">", ">="):
        return ("cond_for", cid, ">=", _weeks(float(value) * 365.25))
    if kind == "drug_weeks_since" and op in ("<", "<=") and cid == "investigational_product":
        return ("other_trial", _weeks(float(value) * 7))
    if kind == "drug_weeks_since" and op in (">", ">=") and cid == "investigational_product":
        return ("not", ("other_trial", _weeks(float(value) * 7)))
    if kind == "drug_dose":
        return _cmp(f"dose:{cid}", op, value)
    if fact == "prednisone_eq_mg_day":
        return _cmp("dose:glucocorticoid", op, value)
    if fact in {measure for measure, _units in PLAIN_MEASURES.values()}:
        return _cmp(f"fact:{fact}", op, value)
    if kind == "drug_failed_count" and op in (">=", ">"):
        return ("failed", cid, _num(float(value) + (1 if op == ">" else 0)))
    if kind == "drug_weeks_since" and op in ("<", "<="):
        return ("drug", cid, ("within", _weeks(float(value) * 7)))
    if kind == "drug_weeks_since" and op in (">", ">="):
        return ("not", ("drug", cid, ("within", _weeks(float(value) * 7))))
    if fact == "weeks_since_last_bdmard_dose" and op in ("<", "<="):
        return ("drug", "bdmard", ("within", _weeks(float(value) * 7)))
    if fact == "age_years":
        return _cmp("age", op, value)
    if fact == "sex" and op in ("=", "!="):
        atom = _bool(f"sex:{value}")
        return atom if op == "=" else ("not", atom)
    if kind in ("lab", "score"):
        return _cmp(fact, op, value)
    if kind == "lab_x_uln":
        return _cmp(f"xuln:{cid}", op, value)
    if fact.endswith("_x_uln"):
        return _cmp(f"xuln:{fact[:-6]}", op, value)
    if fact in _LEGACY_SCORE:
        return _cmp(_LEGACY_SCORE[fact], op, value)
    try:
        analyte = labs.get(fact)
    except KeyError:
        analyte = None
    if analyte is not None:
        from core.patient.facts import LABS

        legacy_unit = LABS.get(fact, {}).get("unit")
        return _cmp(f"lab:{fact}", op, units.convert(fact, float(value), legacy_unit) if legacy_unit else value)
    for suffix, unit in (("_duration_months", "months"), ("_duration_years", "years")):
        if fact.endswith(suffix) and fact[: -len(suffix)] in _LEGACY_DISEASE:
            days = _weeks(float(value) * _DAYS[unit])
            return ("cond_for", _LEGACY_DISEASE[fact[: -len(suffix)]], op, days)
    return ("unmatched", fact)


# --- the reading side ------------------------------------------------------------------------


def reading_canon(reading: dict) -> Canon:
    return absorb(normal_form(_reading(reading)))


def _period_days(period: list) -> float:
    n, unit = period
    return _weeks(float(n) * _DAYS.get(unit, float("nan")))


def _reading(r: dict) -> Canon:
    if "all" in r or "any" in r:
        op = "all" if "all" in r else "any"
        kids = tuple(_reading(x) for x in r[op])
        if op == "any" and len(kids) == 2 and all(k[0] == "response" for k in kids) \
                and {k[1] for k in kids} == {"inadequate", "intolerance"} and len({k[2:] for k in kids}) == 1 \
                and kids[0][3] == 1:
            return ("failed", kids[0][2], 1.0)  # inadequate response or intolerance to one: a failure
        return (op, kids)
    if "not" in r:
        return ("not", _reading(r["not"]))
    if "age" in r:
        a = r["age"]
        scale = 1 / 12 if a.get("unit") == "months" else 1
        if a["op"] == "between":
            lo, hi = a["value"]
            return ("all", (_cmp("age", ">=", lo * scale), _cmp("age", "<=", hi * scale)))
        return _cmp("age", a["op"], a["value"] * scale)
    if "sex" in r:
        return _bool(f"sex:{r['sex']}")
    for key in ("pregnant", "lactating", "childbearing_potential", "consent"):
        if key in r:
            return _bool(key) if r[key] else ("not", _bool(key))
    if "contraception" in r:
        return _bool("contraception")
    if "condition" in r:
        return _condition(r)
    if "drug" in r:
        return _drug(r)
    if "lab" in r:
        cid = _lookup(labs, r["lab"]) or f"?{r['lab']}"
        if "result" in r:
            atom = _bool(f"lab_positive:{cid}")
            return atom if r["result"] == "positive" else ("not", atom)
        if cid in _LAB_GROUPS and r.get("op") in FLIP:
            # "transaminases > 2 x ULN": one of them is over (any); "<= 2 x ULN": each is within (all)
            parts = tuple(_reading({**r, "lab": member}) for member in _LAB_GROUPS[cid])
            return ("any" if r["op"] in (">", ">=") else "all", parts)
        if r.get("op") == "between":
            lo, hi = r["value"]
            return ("all", (_reading({**r, "op": ">=", "value": lo}), _reading({**r, "op": "<=", "value": hi})))
        if r.get("unit") == "x ULN":
            return _cmp(f"xuln:{cid}", r["op"], r["value"])
        try:
            value = units.convert(cid, float(r["value"]), r.get("unit"))
        except (KeyError, ValueError, TypeError):
            return ("unmatched", repr(r))
        return _cmp(f"lab:{cid}", r["op"], value)
    if "score" in r:
        sid = _lookup(scores, r["score"]) or f"?{r['score']}"
        if r["op"] == "between":
            lo, hi = r["value"]
            return ("all", (_cmp(f"score:{sid}", ">=", lo), _cmp(f"score:{sid}", "<=", hi)))
        return _cmp(f"score:{sid}", r["op"], r["value"])
    if "other_trial" in r:
        within = r["other_trial"].get("within") if isinstance(r["other_trial"], dict) else None
        return ("other_trial", _period_days(within) if within else None)
    if "procedure" in r:
        from benchmarks.extraction_compare_procedures import procedure_reading

        return procedure_reading(r, _lookup, _period_days)
    if "allergy" in r:
        return _bool(f"allergy:{_drug_id(r['allergy']) or r['allergy']}")
    if "fact" in r and "op" not in r and r.get("value") is True and _PREGNANCY_TEST.fullmatch(r["fact"].lower()):
        return _bool("pregnancy_test_negative")
    if "fact" in r and "op" not in r and isinstance(r.get("value"), bool) and r["fact"].lower() in PLAIN_FACTS:
        atom = _bool(PLAIN_FACTS[r["fact"].lower()])
        return atom if r["value"] else ("not", atom)
    if "fact" in r and "op" not in r and isinstance(r.get("value"), bool) and (cid := plain_condition(r["fact"])):
        atom = _condition({"condition": cid, **({"time": "current"} if r["fact"].lower().startswith("current ")
                                                else {})})
        return atom if r["value"] else ("not", atom)
    if "fact" in r and "op" in r and str(r["fact"]).strip().lower() in PLAIN_MEASURES:
        measured = plain_measure(r)
        if measured is None:
            return ("unmatched", repr(r))
        fact, op, value = measured
        if op == "between":
            return ("all", (_cmp(f"fact:{fact}", ">=", value[0]), _cmp(f"fact:{fact}", "<=", value[1])))
        return _cmp(f"fact:{fact}", op, value)
    if "fact" in r and "op" in r and r["fact"] != "body weight" and (named := plain_compared(r["fact"])):
        kind, _cid = named  # the words themselves, which resolve to exactly that one (an id may not: "spo2")
        return _reading({kind: r["fact"], **{k: v for k, v in r.items() if k != "fact"}})
    if "fact" in r and r["fact"] == "body weight" and "op" in r:
        if r["op"] == "between":
            lo, hi = r["value"]
            return ("all", (_cmp("fact:body weight", ">=", lo), _cmp("fact:body weight", "<=", hi)))
        return _cmp("fact:body weight", r["op"], r["value"])
    return ("unmatched", repr(r))


def _condition(r: dict) -> Canon:
    cid = _cond_id(r["condition"]) or f"?{r['condition']}"
    excepts = frozenset(_cond_id(e) or f"?{e}" for e in r.get("except", ()))
    time = r.get("time")
    if isinstance(time, dict) and "for_at_least" in time:
        base = ("cond", cid, excepts, "classification" in r)
        return ("all", (base, ("cond_for", cid, ">=", _period_days(time["for_at_least"]))))
    if isinstance(time, dict):
        return ("cond_within", cid, _period_days(time["within"]), excepts)
    if time == "planned":
        return ("unmatched", repr(r))
    if time == "current":  # "cond" or "cond_now" by what the rule says of it (_current)
        return ("cond_current", cid, excepts, "classification" in r)
    return ("cond", cid, excepts, "classification" in r)


def _drug(r: dict) -> Canon:
    from benchmarks.extraction_compare_drugs import drug_reading
    from benchmarks.extraction_compare_procedures import procedure_reading

    # a "drug" the drug vocabulary does not know whose words are exactly a procedure's ("intra-articular
    # corticosteroid injection") is that procedure, with its time; a dose, response or count keeps it a drug
    if _drug_id(r["drug"]) is None and not set(r) & {"dose", "response", "count", "stable"}:
        from core.vocab import procedures

        if any(r["drug"].lower() in {c.label.lower(), *(t.lower() for t in c.synonyms)}
               for c in procedures.lookup(r["drug"])):
            return procedure_reading({"procedure": r["drug"], "time": r.get("time")}, _lookup, _period_days)
    return drug_reading(r, _drug_id, _period_days)
