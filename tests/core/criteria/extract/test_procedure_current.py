"""A procedure received now (core/criteria/extract/procedure_current.py): real phrasings of the dev-side corpus
("No concurrent radiotherapy" alone is 125 items) and near misses that must give no rule."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import assert_facts_and_steps, verdict_of_reading


@pytest.mark.parametrize(("text", "kind", "facts", "steps"), [
    # a course the study team waits out: a step before enrolment, as "no concurrent chemotherapy"
    ("No concurrent radiotherapy", INCLUSION, [("procedure_current:radiotherapy", "=", False)], ["other"]),
    ("No concurrent radiation therapy", INCLUSION, [("procedure_current:radiotherapy", "=", False)], ["other"]),
    ("no other concurrent radiotherapy", INCLUSION, [("procedure_current:radiotherapy", "=", False)], ["other"]),
    ("Currently receiving radiation therapy", EXCLUSION, [("procedure_current:radiotherapy", "=", True)], ["other"]),
    ("Concurrent radiotherapy", EXCLUSION, [("procedure_current:radiotherapy", "=", True)], ["other"]),
    ("Patients receiving phototherapy", EXCLUSION, [("procedure_current:phototherapy", "=", True)], ["other"]),
    # what the illness needs: no step
    ("No concurrent hemodialysis", INCLUSION, [("procedure_current:haemodialysis", "=", False)], []),
    ("No concurrent dialysis", INCLUSION, [("procedure_current:dialysis", "=", False)], []),
    ("Patients on hemodialysis", EXCLUSION, [("procedure_current:haemodialysis", "=", True)], []),
    ("Ongoing transfusion", EXCLUSION, [("procedure_current:blood_transfusion", "=", True)], []),
    ("Patients requiring mechanical ventilation", EXCLUSION,
     [("procedure_current:mechanical_ventilation", "=", True)], []),
    ("Currently receiving dialysis", INCLUSION, [("procedure_current:dialysis", "=", True)], []),
    ("Patients who undergo dialysis", EXCLUSION, [("procedure_current:dialysis", "=", True)], []),  # the present
    # "undergoing" is the present: a trial for patients on haemodialysis (test_procedures.py once left it unread)
    ("Patients undergoing hemodialysis", INCLUSION, [("procedure_current:haemodialysis", "=", True)], []),
])
def test_now(text, kind, facts, steps):
    assert_facts_and_steps(text, kind, facts, steps)


@pytest.mark.parametrize(("text", "kind"), [
    ("Concurrent radiotherapy allowed", INCLUSION),  # a permission: no rule
    ("Prior or concurrent radiotherapy allowed", INCLUSION),
    ("No concurrent palliative radiotherapy", INCLUSION),  # a kind the vocabulary does not hold
    ("No concurrent radiotherapy except to sites of bone metastases for palliative control of pain", INCLUSION),
    ("No concurrent radiotherapy (except to local lesions)", INCLUSION),
    ("No concurrent radiotherapy to the CNS", INCLUSION),
    ("No concurrent radiotherapy to any lesion", INCLUSION),
    ("Concomitant radiation to sites other than CNS", EXCLUSION),
    ("Requiring radiotherapy", EXCLUSION),  # a plan, or now?
    ("Renal failure requiring dialysis", EXCLUSION),
    ("Concurrent surgery", EXCLUSION),  # an operation: planned during the study, not a course
    ("Radiotherapy", EXCLUSION),  # ever, or now? not said
    ("no planned concurrent radiotherapy", INCLUSION),
    ("Prior or concurrent minimal local radiotherapy to relieve persistent bone pain or cord compression allowed",
     INCLUSION),
    # an infinitive with no subject: a plan ("fit to … undergo apheresis", a donor under "Donor:"), not now
    ("Donor must be fit to receive G-CSF and undergo apheresis.", INCLUSION),
    ("Undergo apheresis", INCLUSION),
])
def test_not_read(text, kind):
    proposal = propose_rule(text, kind)
    assert proposal is None or not any("procedure_current" in str(p) for p in [proposal.rule]), proposal


def test_prior_radiotherapy_stays_ever():
    assert_facts_and_steps("No prior radiotherapy", INCLUSION, [("procedure:radiotherapy", "=", False)], [])


@pytest.mark.parametrize(("text", "fact"), [
    # "prior or concurrent": a course going on was also had, so "ever" says both (as "prior or concurrent" drugs)
    ("No prior or concurrent radiotherapy", "procedure:radiotherapy"),
    ("No prior or concurrent hysterectomy", "procedure:hysterectomy"),
])
def test_prior_or_concurrent_is_ever(text, fact):
    assert_facts_and_steps(text, INCLUSION, [(fact, "=", False)], [])


def test_what_the_reading_does_to_a_patient():
    # dialysis (no step): on it now rules out; ended with the list complete, or never had: eligible; not said: open
    on = {"procedures": [{"procedure": "haemodialysis", "date": "2024-01", "ongoing": True}]}
    ended = {"procedures": [{"procedure": "dialysis", "date": "2019", "ongoing": False}], "procedures_complete": True}
    undated = {"procedures": [{"procedure": "dialysis", "date": "2019"}], "procedures_complete": True}
    assert verdict_of_reading("No concurrent dialysis", INCLUSION, on) == "not_eligible"
    assert verdict_of_reading("No concurrent dialysis", INCLUSION, ended) == "eligible"
    assert verdict_of_reading("No concurrent dialysis", INCLUSION, undated) == "possibly_eligible"  # not said ended
    assert verdict_of_reading("No concurrent dialysis", INCLUSION, {}) == "possibly_eligible"
    assert verdict_of_reading("No concurrent dialysis", INCLUSION, {"procedures_never_had": ["dialysis"]}) == "eligible"
    # radiotherapy now: a step before enrolment, not a reason to rule the patient out
    rt = {"procedures": [{"procedure": "radiotherapy", "date": "2026-10", "ongoing": True}]}
    assert verdict_of_reading("No concurrent radiotherapy", INCLUSION, rt) == "eligible"
    assert verdict_of_reading("Currently receiving radiation therapy", EXCLUSION, rt) == "eligible"
