"""Treatment wordings read since round 11 (h-treat11): "received treatment with X" is a use received (ever), and
the study's start named as "study initiation", "entering this study" or "the first study drug administration" is an
anchor of a washout; near-misses that must not be read."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.trial_record import EXCLUSION, INCLUSION


@pytest.mark.parametrize(("text", "kind", "rule"), [
    ("Have ever received treatment with protease inhibitors or 3TC.", EXCLUSION,
     {"any": [{"fact": "drug_ever:hiv_protease_inhibitor", "op": "=", "value": True},
              {"fact": "drug_ever:lamivudine", "op": "=", "value": True}]}),
    ("Has received therapy with rituximab", EXCLUSION, {"fact": "drug_ever:rituximab", "op": "=", "value": True}),
    ("Must have received treatment with methotrexate", INCLUSION,
     {"fact": "drug_ever:methotrexate", "op": "=", "value": True}),
])
def test_received_treatment_with_a_drug_is_ever(text, kind, rule):
    proposal = propose_rule(text, kind)
    assert proposal is not None and proposal.rule == rule


@pytest.mark.parametrize("text", [
    "Received another investigational drug within 28 days of study initiation",
    "Rifampin within 14 days prior to entering this study",
    "Rifampin within 2 weeks prior to the first study drug administration",
])
def test_the_studys_start_by_other_names_anchors_a_washout(text):
    proposal = propose_rule(text, EXCLUSION)
    assert proposal is not None, text
    assert proposal.rule["step"]["kind"] == "washout" and proposal.modifiable
    assert proposal.rule["rule"]["fact"].startswith("drug_weeks_since:")


@pytest.mark.parametrize(("text", "kind"), [
    ("Have received treatment for hepatitis C", EXCLUSION),  # a condition treated: which drug?
    ("Has received treatment with rituximab for lymphoma", EXCLUSION),  # a purpose: not read
    ("Has received the treatment of hepatitis C", EXCLUSION),
    ("Rifampin within 14 days prior to entering another study", EXCLUSION),  # not this study's start
    ("Has received treatment with rituximab and failed", INCLUSION),  # a response, not a use
])
def test_near_misses_give_no_rule(text, kind):
    assert propose_rule(text, kind) is None, text


def test_a_stable_regimen_of_a_drug_is_its_stable_dose():
    rule = propose_rule("Patients must be on a stable antiretroviral regimen for 30 days prior to study screening",
                        INCLUSION).rule
    assert rule["all"][0] == {"fact": "drug_current:antiretroviral", "op": "=", "value": True}
    assert rule["all"][1]["step"] == {"kind": "stable_dose",
                                      "text": "Dose of antiretroviral stable for at least 30 days before entry"}
    # "a stable dosage regimen" names no drug; a bracket after the regimen is another statement
    assert propose_rule("Must be on a stable dosage regimen for 1 month", INCLUSION) is None
    assert propose_rule("Patients must be on a stable antiretroviral regimen (same drug or combination drugs; dose "
                        "modifications allowed) for at least 4 weeks prior to study entry.", INCLUSION) is None
