"""Readings the issue-16 audits flagged (benchmarks/audits/README.md: seed 5152 and the condition supplement),
on the dev-side phrasings of the corpus, with the near-misses that keep their readings:

* "Immunosuppressed patients" is a state now (``episodes.EPISODIC``), not "secondary immunodeficiency ever";
* "Evidence of depression" is a depression now (``episodes.evident_now``); "history of depression", "diagnosis of
  major depression" and a bare "Depression" keep "has or had";
* "Malignant hypertension" and "bone marrow failure" read their own concepts, not a broader or narrower one;
* "biologic therapy (e.g., interferon or IL-2)": the examples are members of the class now."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import assert_reads, ever, f, now, verdict_of_reading


@pytest.mark.parametrize(("text", "kind", "rule"), [
    ("Immunosuppressed patients", EXCLUSION, now("secondary_immunodeficiency")),
    ("No primary or secondary immunodeficiency", INCLUSION,
     {"all": [ever("primary_immunodeficiency", False), now("secondary_immunodeficiency", False)]}),
    ("Evidence of depression.", EXCLUSION, now("depression")),
    ("Presence of depression or anxiety", EXCLUSION, {"any": [now("depression"), now("anxiety_disorder")]}),
    ("Malignant hypertension,", EXCLUSION, now("malignant_hypertension")),
    ("Bone marrow failure syndromes.", EXCLUSION, ever("bone_marrow_failure")),
    # near-misses: a history word, a diagnosis, the bare name, a lasting disease under "evidence of"
    ("History of depression", EXCLUSION, ever("depression")),
    ("Diagnosis of major depression", EXCLUSION, ever("depression")),
    ("Depression", EXCLUSION, ever("depression")),
    ("Evidence of cirrhosis", EXCLUSION, ever("cirrhosis")),
    ("History of immunosuppression", EXCLUSION, ever("secondary_immunodeficiency")),
    ("Aplastic anemia", EXCLUSION, ever("aplastic_anaemia")),
    ("Hypertensive crisis", EXCLUSION, now("hypertensive_crisis")),
])
def test_audit_readings(text, kind, rule):
    assert_reads(text, kind, rule)


def test_biologic_therapy_with_cytokine_examples_is_the_class():
    proposal = propose_rule("At least 30 days since prior biologic therapy (e.g., interferon or IL-2)", INCLUSION)
    assert proposal is not None
    assert proposal.rule["rule"] == f("drug_weeks_since:biologic", ">=", 4.2857)


def test_an_inclusion_naming_immunosuppression_or_depression_as_its_topic_gets_no_rule():
    assert propose_rule("Immunosuppressed patients", INCLUSION) is None  # a state meant now is never required
    assert propose_rule("Evidence of depression", INCLUSION) is None


def test_a_remitted_depression_no_longer_excludes_but_a_current_one_does():
    remitted = {"diagnoses": [{"code": "depression", "active": False}], "diagnoses_complete": True}
    assert verdict_of_reading("Evidence of depression.", EXCLUSION, remitted) == "eligible"
    current = {"diagnoses": [{"code": "depression", "active": True}], "diagnoses_complete": True}
    assert verdict_of_reading("Evidence of depression.", EXCLUSION, current) == "not_eligible"
    assert verdict_of_reading("History of depression", EXCLUSION, remitted) == "not_eligible"  # unchanged


def test_past_immunosuppression_no_longer_excludes():
    past = {"diagnoses": [{"code": "secondary_immunodeficiency", "active": False}], "diagnoses_complete": True}
    assert verdict_of_reading("Immunosuppressed patients", EXCLUSION, past) == "eligible"


def test_a_recorded_hypertensive_crisis_may_be_malignant_hypertension_but_never_decides_it():
    # the crisis is broader: the recorded one may have been malignant, so it is to confirm, never a guessed yes
    crisis = {"diagnoses": [{"code": "hypertensive_crisis", "active": True}], "diagnoses_complete": True}
    assert verdict_of_reading("Malignant hypertension,", EXCLUSION, crisis) == "possibly_eligible"
    urgency = {"diagnoses": [{"code": "hypertensive_crisis", "active": True},
                             {"code": "malignant_hypertension", "status": "absent"}], "diagnoses_complete": True}
    assert verdict_of_reading("Malignant hypertension,", EXCLUSION, urgency) == "eligible"
    malignant = {"diagnoses": [{"code": "malignant_hypertension", "active": True}], "diagnoses_complete": True}
    assert verdict_of_reading("Malignant hypertension,", EXCLUSION, malignant) == "not_eligible"
