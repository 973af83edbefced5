"""Issue 16, round 7 (labs, scores, reproduction): lab and score thresholds printed as alternatives on separate items
joined by a dangling "or" (the PDQ "Renal:" blocks), a finding named with only its threshold in brackets
("leukopenia (less than 2,000/mm3)"), FEV1 spelled out (and FEV1/FVC, a ratio, not read), "possibly pregnant", and an
exclusion's states followed by what the others must do; with the near-misses that must stay unread. Every phrasing
recurs in the dev side of the real criteria corpus (``scripts/extract/mine.py``)."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule, propose_rules
from core.matching.rules import rule_problems
from core.trial_record import EXCLUSION, INCLUSION, CriterionNode
from tests.core.criteria.extract.phrasings import CONTRA, PREGNANCY_TEST, assert_reads, f, tree

PREGNANT, LACTATING = f("pregnant", "=", True), f("lactating", "=", True)


# --- thresholds printed as alternatives on separate items ---------------------------------------------------------

def test_a_renal_block_of_two_alternatives_gives_each_item_the_either_rule():
    out = propose_rules([tree(INCLUSION, "Renal:", "Creatinine no greater than 1.5 mg/dL OR",
                              "Creatinine clearance at least 60 mL/min")])
    either = {"any": [f("creatinine", "<=", 132.6), f("creatinine_clearance", ">=", 60)]}
    assert out["inc-1.1"] is not None and out["inc-1.1"].rule == either
    assert out["inc-1.2"] is not None and out["inc-1.2"].rule == either
    assert rule_problems(either) == []
    out["inc-1.1"].rule["any"].pop()  # each item has a rule of its own
    assert out["inc-1.2"].rule == either


def test_the_or_may_start_the_second_item_and_a_run_may_hold_three():
    out = propose_rules([tree(INCLUSION, "Hematopoietic:", "Absolute granulocyte count at least 1,500/mm^3",
                              "OR WBC at least 3,000/mm^3")])
    assert out["inc-1.1"].rule == {"any": [f("neutrophils", ">=", 1.5), f("wbc", ">=", 3)]}
    out = propose_rules([tree(INCLUSION, "Renal:", "Creatinine normal OR", "Creatinine clearance at least 60 mL/min OR",
                              "eGFR at least 60 mL/min")])
    rule = {"any": [f("creatinine_x_uln", "<=", 1), f("creatinine_clearance", ">=", 60), f("egfr", ">=", 60)]}
    assert [out[k].rule for k in ("inc-1.1", "inc-1.2", "inc-1.3")] == [rule, rule, rule]


def test_performance_scales_as_alternatives_and_one_scale_written_twice():
    out = propose_rules([tree(INCLUSION, "Performance status:", "ECOG 0-1 OR", "Karnofsky 70-100%")])
    assert out["inc-1.2"].rule == {"any": [f("ecog", "<=", 1), f("score:karnofsky", ">=", 70)]}
    out = propose_rules([tree(INCLUSION, "Performance status:", "ECOG 0-2 OR", "WHO 0-2")])
    assert out["inc-1.1"].rule == f("ecog", "<=", 2) and out["inc-1.2"].rule == f("ecog", "<=", 2)


def test_an_exclusion_pair_excludes_when_either_is_present():
    out = propose_rules([CriterionNode(kind=EXCLUSION, text="AST greater than 5 times ULN or"),
                         CriterionNode(kind=EXCLUSION, text="Total bilirubin greater than 3 mg/dL")])
    assert out["exc-1"].rule == {"any": [f("ast_x_uln", ">", 5), f("bilirubin", ">", 51.3)]}


def test_the_other_items_of_the_block_keep_their_own_reading():
    out = propose_rules([tree(INCLUSION, "Renal:", "Creatinine normal OR", "Creatinine clearance at least 60 mL/min"),
                         tree(INCLUSION, "Hepatic:", "Bilirubin normal")])
    assert out["inc-2.1"].rule == f("bilirubin_x_uln", "<=", 1)


@pytest.mark.parametrize("items", [
    # one alternative not understood ("normal for age"): the pair is not decided by the other alone
    ("Creatinine normal for age OR", "Creatinine clearance at least 60 mL/min"),
    # an alternative that is not a threshold (a condition, a judgement)
    ("Creatinine no greater than 1.5 mg/dL OR", "No clinically significant renal disease"),
    # a negated alternative in an inclusion list: which way the "or" reaches is not clear
    ("No creatinine greater than 2 mg/dL OR", "Creatinine clearance at least 60 mL/min"),
    # a run still open at its end, and a lone "or" item between the two
    ("Creatinine normal OR", "Creatinine clearance at least 60 mL/min OR"),
    ("Creatinine normal", "OR", "Creatinine clearance at least 60 mL/min"),
])
def test_runs_not_read(items):
    out = propose_rules([tree(INCLUSION, "Renal:", *items)])
    assert all(out[f"inc-1.{i}"] is None for i in range(1, len(items) + 1)), items


def test_a_pair_across_the_lists_or_under_a_negating_lead_in_is_not_read():
    out = propose_rules([CriterionNode(kind=INCLUSION, text="Creatinine normal OR"),
                         CriterionNode(kind=EXCLUSION, text="Creatinine clearance less than 60 mL/min")])
    assert out["inc-1"] is None
    out = propose_rules([tree(INCLUSION, "None of the following:", "Creatinine greater than 2 mg/dL OR",
                              "Creatinine clearance less than 30 mL/min")])
    assert out["inc-1.1"] is None and out["inc-1.2"] is None


def test_a_single_item_ending_in_or_stays_unread():
    assert propose_rule("Creatinine no greater than 1.5 mg/dL OR", INCLUSION) is None


# --- a finding with only its threshold in brackets ------------------------------------------------------------------

READINGS = [
    ("Patients with leukopenia (less than 2,000 /mm3), neutropenia (less than 1,000 /mm3), or lymphopenia (less than "
     "500 /mm3) at the time of the screening", EXCLUSION,
     {"any": [f("wbc", "<", 2), f("neutrophils", "<", 1), f("lymphocytes", "<", 0.5)]}),
    ("Thrombocytopenia (< 75000 platelets/mm3)", EXCLUSION, f("platelets", "<", 75)),
    ("Leukopenia (WBC less than 3,000/mm3)", EXCLUSION, f("wbc", "<", 3)),  # named in the brackets, as before
    # FEV1 spelled out, its second shortened or put "at"
    ("Patients with Forced Expiratory Volume in 1 sec (FEV1) >= 70 % of predicted values", INCLUSION,
     f("lab:fev1_percent", ">=", 70)),
    ("Forced expiratory volume at one second (FEV1) 30 to 90 percent predicted", INCLUSION,
     {"all": [f("lab:fev1_percent", ">=", 30), f("lab:fev1_percent", "<=", 90)]}),
    # "possibly pregnant", "may be pregnant": read as pregnant (whose unknown stays unknown)
    ("Pregnant, possibly pregnant, or lactating patients", EXCLUSION, {"any": [PREGNANT, LACTATING]}),
    ("Female subjects who are pregnant, possibly pregnant, or lactating", EXCLUSION, {"any": [PREGNANT, LACTATING]}),
    ("Women who may be pregnant or are breastfeeding", EXCLUSION, {"any": [PREGNANT, LACTATING]}),
    # how a pregnancy is found, in brackets
    ("Pregnant or nursing women (confirmed by a screening pregnancy test).", EXCLUSION,
     {"any": [PREGNANT, LACTATING]}),
    ("No pregnant or nursing women (confirmed by a pregnancy screening test)", INCLUSION,
     {"all": [f("pregnant", "=", False), f("lactating", "=", False)]}),
]


@pytest.mark.parametrize(("text", "kind", "rule"), READINGS, ids=[r[0][:60] for r in READINGS])
def test_reading(text, kind, rule):
    assert_reads(text, kind, rule)


def _not_done(step: dict) -> dict:
    return {"step": step["step"], "rule": {**step["rule"], "value": False}}


def test_an_exclusions_states_then_what_the_others_must_do():
    text = ("Patients who are pregnant or who are nursing infants will not be eligible. Fertile women must have a "
            "negative pregnancy test and must be using an effective means of birth control.")
    cbp = f("childbearing_potential", "=", True)
    assert_reads(text, EXCLUSION, {"any": [PREGNANT, LACTATING, {"all": [cbp, {"any": [
        _not_done(PREGNANCY_TEST), _not_done(CONTRA)]}]}]})
    assert_reads("Pregnant and nursing females will be excluded; patients of childbearing potential should practice "
                 "effective methods of contraception", EXCLUSION,
                 {"any": [PREGNANT, LACTATING, {"all": [cbp, _not_done(CONTRA)]}]})


def test_an_exclusions_states_then_contraception_never_excludes_after_the_steps():
    from tests.core.criteria.extract.phrasings import verdict_of_reading

    text = "Pregnant or nursing. Fertile patients must use effective contraception"
    profile = {"findings": {"pregnant": False, "lactating": False, "childbearing_potential": True}}
    assert verdict_of_reading(text, EXCLUSION, profile) != "not_eligible"
    profile = {"findings": {"pregnant": True}}
    assert verdict_of_reading(text, EXCLUSION, profile) == "not_eligible"


NO_RULE = [
    ("Forced expiratory volume in one second (FEV(1)) less than 1L.", EXCLUSION),  # a volume: no such fact
    ("Forced expiratory volume in 1 second/forced vital capacity < 70 percent", INCLUSION),  # a ratio
    ("FEV1/FVC < 70%", INCLUSION),
    ("Anemia (hematocrit less than 30%)", EXCLUSION),  # not the descriptor's analyte
    ("Leukopenia (less than 2,000 /mm3) unrelated to therapy", EXCLUSION),  # a qualifier after the brackets
    ("Known or suspected pregnancy", EXCLUSION),  # "suspected" is refused outright
    ("Pregnant or nursing women (as judged by the investigator)", EXCLUSION),
    # a test window the fact does not hold (its latest result, taken at screening): the whole stays unread
    ("Patients who are pregnant or who are nursing infants will not be eligible. Fertile women must have a negative "
     "pregnancy test within one week prior to study entry and must be using an effective means of birth control.",
     EXCLUSION),
    # the later sentence not a contraception or pregnancy-test requirement
    ("Pregnant or nursing. Patients must have adequate bone marrow function", EXCLUSION),
    # the first sentence not only reproductive states
    ("Active infection. Fertile patients must use effective contraception", EXCLUSION),
    # "will not be eligible" inside an inclusion item is not dropped
    ("Patients who are pregnant will not be eligible. Fertile patients must use effective contraception", INCLUSION),
]


@pytest.mark.parametrize(("text", "kind"), NO_RULE, ids=[n[0][:60] for n in NO_RULE])
def test_no_rule(text, kind):
    assert propose_rule(text, kind) is None
