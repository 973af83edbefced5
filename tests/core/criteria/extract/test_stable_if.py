"""A stable-dose period asked only of patients taking the drug ("X allowed if the dose has been stable for 4 weeks",
"if receiving dexamethasone, dose must be stable for 2 weeks"): not taking it, or taking it with the period as a
``stable_dose`` step, never a reason to exclude; real phrasings of the registry corpus and near-misses."""

from __future__ import annotations

import pytest

from benchmarks.extraction_judge import judge
from core.criteria.extract import propose_rule
from core.matching.evaluate import Context, evaluate
from core.matching.rule_texts import english_template
from core.matching.rules import rule_problems
from core.trial_record import EXCLUSION, INCLUSION


def _when_taking(drug_id, drug, words):
    step = {"step": {"kind": "stable_dose", "text": f"Dose of {drug} stable for at least {words} before entry"},
            "rule": {"confirm": f"Has the dose of {drug} been stable for at least {words}?", "id": "stable_dose"}}
    return {"any": [{"fact": f"drug_current:{drug_id}", "op": "=", "value": False},
                    {"all": [{"fact": f"drug_current:{drug_id}", "op": "=", "value": True}, step]}]}


@pytest.mark.parametrize(("text", "rule"), [
    ("Concurrent corticosteroids allowed if on stable dose for at least 6 weeks",
     _when_taking("corticosteroid", "corticosteroid", "6 weeks")),
    ("ENDOCRINE THERAPY: If receiving dexamethasone dose must be stable for at least 2 weeks.",
     _when_taking("dexamethasone", "dexamethasone", "2 weeks")),
    ("Antiretroviral agents, provided regimen has been stable for at least 1 month.",
     _when_taking("antiretroviral", "antiretroviral", "1 month")),
    ("Antiretrovirals provided dose has been stable for at least 6 weeks prior to study entry.",
     _when_taking("antiretroviral", "antiretroviral", "6 weeks")),
    ("Prior cimetidine if on a stable dose for at least 2 weeks prior to study entry.",
     _when_taking("cimetidine", "cimetidine", "2 weeks")),
    ("Antiretroviral therapy providing patient has been on a stable, unchanged regimen for 8 weeks prior to study "
     "entry.", _when_taking("antiretroviral", "antiretroviral", "8 weeks")),
    ("If on immunosuppressive drugs, the dose must be stable for 1 month prior to the initiation of study therapy",
     _when_taking("immunosuppressant", "immunosuppressant", "1 month")),
])
def test_a_period_asked_of_those_taking_the_drug(text, rule):
    proposal = propose_rule(text, INCLUSION)
    assert proposal is not None, text
    assert proposal.rule == rule
    assert rule_problems(proposal.rule) == [] and proposal.modifiable
    step = proposal.rule["any"][1]["all"][1]
    assert english_template(step["step"]["text"]) is not None  # translated by its template
    assert english_template(step["rule"]["confirm"]) is not None


def test_not_taking_the_drug_meets_it_and_taking_it_is_a_step_never_an_exclusion():
    rule = propose_rule("Antiretroviral agents, provided regimen has been stable for at least 1 month.", INCLUSION).rule
    assert evaluate(rule, Context({"drug_current:antiretroviral": False})).value is True
    taking = {"drug_current:antiretroviral": True}
    assert evaluate(rule, Context(taking)).value is None  # today: the period is not known
    after = evaluate(rule, Context(taking, after_steps=True))
    assert after.value is True and after.steps[0]["kind"] == "stable_dose"


def test_the_labels_reading_of_the_form_is_matched():
    rule = propose_rule("Antiretroviral therapy providing patient has been on a stable, unchanged regimen for 8 "
                        "weeks prior to study entry.", INCLUSION).rule
    drug = {"drug": "antiretroviral therapy", "class": True, "time": "current"}
    reading = {"any": [{"not": drug}, {**drug, "stable_dose": [8, "weeks"]}]}
    assert judge(rule, reading, True) == "right"
    assert judge(rule, {"any": [{"not": drug}, {**drug, "stable_dose": [4, "weeks"]}]}, True) == "wrong"
    assert judge(rule, {**drug, "stable_dose": [8, "weeks"]}, True) == "wrong"  # requiring the drug is not it


@pytest.mark.parametrize(("text", "kind"), [
    ("Corticosteroids allowed if on a stable or decreasing dose for at least 2 weeks", INCLUSION),
    ("Oral antibiotics if patient is hematologically stable on that regimen for at least 30 days prior to study "
     "entry.", INCLUSION),  # the patient's blood counts, not the dose
    ("Concurrent corticosteroids allowed for intracranial pressure in brain tumor patients provided patient has been "
     "stable for at least 4 weeks", INCLUSION),  # the disease
    ("Corticosteroids allowed if at lowest possible dose and dose stable for at least 10 days prior to entry",
     INCLUSION),
    ("Prednisone <= 10 mg/day allowed if dose stable for 4 weeks", INCLUSION),  # a dose beside the drug
    ("ddI, ddC, d4T, and 3TC if on a stable dose.", INCLUSION),  # no period, several drugs
    ("Concurrent dexamethasone allowed if on a stable dose", INCLUSION),  # no period
    ("Patients must be on a stable antiretroviral regimen for 30 days prior to study screening and remain on the "
     "same regimen until entry.", INCLUSION),
    ("If on additional immunosuppressive drugs, the drugs must be maintained at a stable dose for 1 month prior to "
     "the initiation of therapy and will be maintained throughout the trial.", INCLUSION),
    ("Phenytoin or carbamazepine (unless on stable dose for 8 weeks prior to study entry).", EXCLUSION),
    ("Antiretroviral agents, provided regimen has been stable for at least 1 month.", EXCLUSION),
    ("Antiretroviral agents, unless regimen has been stable for at least 1 month.", INCLUSION),
    ("No antiretroviral agents, provided regimen has been stable for at least 1 month.", INCLUSION),
])
def test_near_misses_give_no_rule(text, kind):
    assert propose_rule(text, kind) is None, text


def _tree(*nodes):
    from core.criteria.extract import propose_rules

    return propose_rules(list(nodes))


def test_under_allowed_the_proviso_item_is_read_and_the_bare_permission_is_not():
    from core.trial_record import CriterionNode

    item = ("Antiretroviral therapy providing patient has already been on a stable, unchanged regimen for 8 weeks "
            "prior to study entry.")
    flat = _tree(CriterionNode(kind=INCLUSION, text="Prior Medication:"),
                 CriterionNode(kind=INCLUSION, text="Allowed:"),
                 CriterionNode(kind=INCLUSION, text=item), CriterionNode(kind=INCLUSION, text="Prior zidovudine."))
    assert flat["inc-3"] is not None and flat["inc-3"].rule == _when_taking("antiretroviral", "antiretroviral",
                                                                           "8 weeks")
    assert flat["inc-4"] is None  # a permission alone requires nothing
    nested = _tree(CriterionNode(kind=INCLUSION, text="Allowed:", children=[
        CriterionNode(kind=INCLUSION, text="Prior cimetidine if on a stable dose for at least 2 weeks prior to study "
                                           "entry."),
        CriterionNode(kind=INCLUSION, text="Prior ddI, ddC, d4T, or 3TC, if on a stable dose for at least 8 weeks.")]))
    assert nested["inc-1.1"].rule == _when_taking("cimetidine", "cimetidine", "2 weeks")
    assert nested["inc-1.2"] is None  # several drugs: one period for which?


def test_under_other_lead_ins_the_proviso_item_stays_unread():
    from core.trial_record import CriterionNode

    item = "Antiretroviral agents, provided regimen has been stable for at least 1 month."
    for lead in ("Allowed for patients in Arm B:", "Excluded:", "Allowed if on study A:"):
        out = _tree(CriterionNode(kind=INCLUSION, text=lead, children=[CriterionNode(kind=INCLUSION, text=item)]))
        assert out["inc-1.1"] is None, lead
    out = _tree(CriterionNode(kind=EXCLUSION, text="Allowed:", children=[CriterionNode(kind=EXCLUSION, text=item)]))
    assert out["exc-1.1"] is None
