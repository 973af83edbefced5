"""Mapping realistic rheumatology bundles (and the specification's examples) to proposed facts."""

from __future__ import annotations

import pytest

from core.fhir.map_patient import map_bundle
from core.fhir.read_bundle import parse_bundle
from tests.core.fhir.helpers import bundle_with, load, observation


def mapped(name_or_data):
    data = load(name_or_data) if isinstance(name_or_data, str) else name_or_data
    return map_bundle(parse_bundle(data))


def by_source(result):
    return {f.source: f for f in result.facts}


def reasons(result):
    return {u.source: u.reason for u in result.unmapped}


def test_ra_on_methotrexate_after_adalimumab_failure():
    result = mapped("ra_mtx_adalimumab")
    assert result.reference == "RH-2041" and result.patient_id == "pat-ra"
    facts = by_source(result)
    assert facts["Condition/ra"].value == {"code": "rheumatoid_arthritis", "onset_date": "2011-11",
                                           "recorded": "2012-02-03", "active": True}  # clinicalStatus active
    assert facts["Condition/ra"].note.startswith("ICD-10 M05.79") and facts["Condition/ra"].date == "2011-11"
    assert facts["Condition/tb-refuted"].value == {"code": "pulmonary_tuberculosis", "status": "absent"}
    assert facts["MedicationStatement/mtx"].value == {
        "drug": "methotrexate", "status": "ongoing", "start": "2012-03", "dose": 20.0, "dose_unit": "mg/week",
        "route": "Subcutaneous route", "recorded": "2026-11-20"}
    assert facts["MedicationStatement/ada"].value == {
        "drug": "adalimumab", "status": "stopped", "start": "2018-02", "stop": "2019-03-01",
        "response": "loss_of_response"}
    pred = facts["MedicationRequest/pred"]
    assert pred.value["drug"] == "prednisolone" and pred.value["dose"] == 7.5 and pred.value["dose_unit"] == "mg/day"
    assert "date prescribed" in pred.note
    assert facts["AllergyIntolerance/ssz-allergy"].value == {"substance": "sulfasalazine", "severity": "severe",
                                                            "recorded": "2014-06-01"}
    # 2.4 mg/dL with ULN 0.5 mg/dL is kept as 24 mg/L with ULN 5 mg/L; the review shows the original
    crp = facts["Observation/crp"]
    assert crp.value == {"name": "crp", "value": 24.0, "unit": "mg/L", "uln": 5.0, "date": "2026-11-20"}
    assert "2.4 mg/dL" in crp.original and crp.note == "converted from 2.4 mg/dL"
    assert facts["Observation/alt"].value == {"name": "alt", "value": 52.0, "unit": "U/L", "uln": 35.0, "lln": 7.0,
                                              "date": "2026-11-20"}
    assert facts["Observation/rf"].value == {"name": "rf", "result": "positive", "date": "2012-01-20"}
    assert facts["Observation/weight"].kind == "weight_kg" and facts["Observation/weight"].value == 62.5
    assert facts["Observation/das28"].value == {"name": "das28_esr", "value": 4.6, "date": "2026-11-20"}
    assert set(reasons(result)) == {"Observation/bp", "Procedure/xray", "Immunization/flu"}
    assert "procedures" in reasons(result)["Procedure/xray"]
    assert all(f.accepted for f in result.facts)


def test_sle_with_anti_dsdna_and_low_complement():
    result = mapped("sle_dsdna_complement")
    facts = by_source(result)
    assert facts["Condition/c-sle"].value["code"] == "sle" and facts["Condition/c-sle"].note == "SNOMED CT 55464009"
    # "[IU]/mL" (UCUM) and "IU/mL" agree
    assert facts["Observation/o-dsdna"].value == {"name": "anti_dsdna", "value": 186.0, "unit": "IU/mL",
                                                  "uln": 30.0, "date": "2026-11-02"}
    assert facts["Observation/o-c3"].value == {"name": "c3", "value": 0.62, "unit": "g/L", "uln": 1.8, "lln": 0.9,
                                               "date": "2026-11-02"}
    # a range in mg/dL for a value in g/L is converted, not rejected
    assert facts["Observation/o-c4"].value["lln"] == pytest.approx(0.1) and facts["Observation/o-c4"].value[
        "uln"] == pytest.approx(0.4)
    assert facts["MedicationStatement/m-hcq"].value["dose"] == 400 and facts["MedicationStatement/m-hcq"].value[
        "dose_unit"] == "mg/day"
    mmf = facts["MedicationStatement/m-mmf"].value
    assert mmf["drug"] == "mycophenolate mofetil" and mmf["response"] == "intolerance"
    assert facts["Observation/o-sledai"].value == {"name": "sledai_2k", "value": 10.0, "date": "2026-11-02"}
    why = reasons(result)
    assert "provisional" in why["Condition/c-ln"]
    assert "intended" in why["MedicationStatement/m-bel"]
    assert "preliminary" in why["Observation/o-hb"]
    assert "Practitioner/dr" not in why  # supporting resources say nothing themselves


def test_myositis_with_anti_jo1_and_ck():
    result = mapped("myositis_jo1_ck")
    facts = by_source(result)
    assert facts["Condition/c-dm"].value["code"] == "dermatomyositis"
    assert facts["Condition/c-ild"].value["code"] == "interstitial_lung_disease"
    assert facts["Observation/o-jo1"].value == {"name": "anti_jo1", "result": "positive", "date": "2024-03-11"}
    assert facts["Observation/o-ck"].value == {"name": "ck", "value": 4200.0, "unit": "U/L", "uln": 200.0,
                                               "lln": 40.0, "date": "2026-11-18"}
    assert facts["Observation/o-lvef"].value == {"lvef_percent": 58.0}
    assert facts["AllergyIntolerance/a-pen"].value["severity"] == "anaphylaxis"
    assert facts["MedicationRequest/rx-aza"].value["dose"] == 150
    why = reasons(result)
    assert "no condition" in why["Condition/c-odd"]
    assert "unit mismatch" in why["Observation/o-ck-old"] and "mg/dL" in why["Observation/o-ck-old"]


def test_specification_examples():
    result = mapped("spec_examples")
    facts = by_source(result)
    # the Procedure is read since procedures are a fact family (an appendectomy in the procedures vocabulary)
    assert [f.kind for f in result.facts] == ["date_of_birth", "sex", "weight_kg", "allergy", "procedure"]
    assert facts["Procedure/example"].value == {"procedure": "appendectomy", "date": "2013-04-05"}
    assert facts["Observation/body-weight"].value == pytest.approx(83.916, abs=0.01)  # 185 lb
    assert facts["AllergyIntolerance/example"].value == {"substance": "Cashew nuts", "severity": "anaphylaxis",
                                                        "recorded": "2014-10-09"}
    why = reasons(result)
    assert set(why) == {"Condition/example", "Observation/f001", "MedicationStatement/example001",
                        "Immunization/example"}
    assert "not a drug" in why["MedicationStatement/example001"]  # a contained Medication, resolved


@pytest.mark.parametrize(("extra", "reason"), [
    ({"valueQuantity": {"value": 5, "unit": "mg/L", "comparator": "<"}}, "not an exact number"),
    ({"valueQuantity": {"value": 5, "unit": "furlongs"}}, "not known for C-reactive"),
    ({"valueQuantity": {"value": 5000, "unit": "g/L"}}, "outside the possible range"),
    ({"referenceRange": [{"high": {"value": 5, "unit": "mmol/L"}}]}, "reference range"),
])
def test_lab_values_that_cannot_be_kept(extra, reason):
    crp = observation("o1", "1988-5", 12, "mg/L")
    crp.update(extra)
    result = mapped(bundle_with(crp))
    assert not [f for f in result.facts if f.kind == "lab"]
    assert reason.casefold() in result.unmapped[0].reason.casefold()


def test_icd_code_and_words_agree_on_the_broader_concept():
    coded = {"resourceType": "Condition", "id": "c1", "subject": {"reference": "Patient/p1"},
             "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M06.9",
                                  "display": "Rheumatoid arthritis"}]}}
    lupus = {"resourceType": "Condition", "id": "c2", "subject": {"reference": "Patient/p1"},
             "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10", "code": "M32.1"}],
                      "text": "Lupus nephritis"}}
    facts = by_source(mapped(bundle_with(coded, lupus)))
    assert facts["Condition/c1"].value["code"] == "rheumatoid_arthritis"
    assert facts["Condition/c2"].value["code"] == "lupus_nephritis"


def test_statuses_that_say_nothing_are_not_mapped():
    unknown = {"resourceType": "MedicationStatement", "id": "m1", "status": "unknown",
               "subject": {"reference": "Patient/p1"}, "medicationCodeableConcept": {"text": "rituximab"}}
    proposal = {"resourceType": "MedicationRequest", "id": "r1", "status": "active", "intent": "proposal",
                "subject": {"reference": "Patient/p1"}, "medicationCodeableConcept": {"text": "rituximab"}}
    error = {"resourceType": "Condition", "id": "c1", "subject": {"reference": "Patient/p1"},
             "verificationStatus": {"coding": [{"code": "entered-in-error"}]}, "code": {"text": "lupus"}}
    result = mapped(bundle_with(unknown, proposal, error))
    assert [f.kind for f in result.facts] == ["date_of_birth", "sex"]
    assert len(result.unmapped) == 3


def test_stopped_course_without_end_is_stopped_date_unknown_and_ambiguous_text_is_not_guessed():
    stopped = {"resourceType": "MedicationStatement", "id": "m1", "status": "completed",
               "subject": {"reference": "Patient/p1"}, "medicationCodeableConcept": {"text": "Humira"},
               "effectiveDateTime": "2019"}
    dm = {"resourceType": "Condition", "id": "c1", "subject": {"reference": "Patient/p1"}, "code": {"text": "DM"}}
    result = mapped(bundle_with(stopped, dm))
    course = by_source(result)["MedicationStatement/m1"].value
    assert course == {"drug": "adalimumab", "status": "stopped_date_unknown", "start": "2019"}
    assert "ambiguous" in reasons(result)["Condition/c1"]


def test_unitless_results_and_odd_identifiers():
    inr = observation("o1", "6301-6", 1.3, "x")
    del inr["valueQuantity"]["unit"]
    crp = observation("o2", "1988-5", 4, "x")
    del crp["valueQuantity"]["unit"]
    patient = {"resourceType": "Patient", "id": "p1", "identifier": [{"value": "A" * 500}, {"value": "bad\x1b[2J"},
                                                                     {"value": " RH-7 "}]}
    result = mapped(bundle_with(inr, crp, patient=patient))
    assert by_source(result)["Observation/o1"].value == {"name": "inr", "value": 1.3, "unit": "ratio",
                                                         "date": "2026-11-01"}
    assert "Observation/o2" in reasons(result)  # a CRP without a unit is not guessed
    assert result.reference == "RH-7"
    result = mapped(bundle_with(patient={"resourceType": "Patient", "id": "p1", "identifier": [{"value": "B" * 99}]}))
    assert result.reference == "p1"


def _procedure(**fields):
    from core.fhir.map_procedures import map_procedure

    facts, unmapped = [], []
    map_procedure({"resourceType": "Procedure", "id": "p", "subject": {"reference": "Patient/p1"}, **fields},
                  facts, unmapped)
    return facts, unmapped


@pytest.mark.parametrize(("code", "expected"), [
    ({"text": "Total knee arthroplasty"}, "knee_replacement"),
    ({"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "Z94.0"}]}, "kidney_transplant"),
    ({"coding": [{"system": "http://snomed.info/sct", "code": "1", "display": "Plasmapheresis"}]}, "plasma_exchange"),
])
def test_a_done_procedure_is_mapped_with_its_date(code, expected):
    facts, unmapped = _procedure(status="completed", code=code, performedPeriod={"start": "2019-06-01"})
    assert unmapped == [] and facts[0].kind == "procedure"
    assert facts[0].value == {"procedure": expected, "date": "2019-06-01"}


def test_a_procedure_in_progress_is_a_course_going_on_and_a_completed_one_says_nothing_of_it():
    from core.fhir.apply import apply_facts

    going, _ = _procedure(status="in-progress", code={"text": "Haemodialysis"}, performedPeriod={"start": "2024-02"})
    assert going[0].value == {"procedure": "haemodialysis", "date": "2024-02", "ongoing": True}
    done, _ = _procedure(status="completed", code={"text": "Haemodialysis"}, performedDateTime="2026-10-01")
    assert "ongoing" not in done[0].value
    profile, problems = apply_facts(going)
    assert problems == [] and [p.ongoing for p in profile.procedures] == [True]


@pytest.mark.parametrize(("status", "code", "reason"), [
    ("not-done", {"text": "Splenectomy"}, "not done"),
    ("entered-in-error", {"text": "Splenectomy"}, "not done"),
    (None, {"text": "Splenectomy"}, "not given"),
    ("completed", {"text": "X-ray of both hands"}, "procedures vocabulary"),
])
def test_a_procedure_not_done_or_not_known_is_left_out_with_the_reason(status, code, reason):
    facts, unmapped = _procedure(**({"status": status} if status else {}), code=code)
    assert facts == [] and reason in unmapped[0].reason


def test_accepted_procedures_reach_the_profile_and_can_be_corrected():
    from core.fhir.apply import apply_facts, correct

    facts, _ = _procedure(status="completed", code={"text": "Splenectomy"}, performedDateTime="2010-03-02")
    fixed = correct(facts[0], value_text="hip replacement", date_text="2010")
    profile, problems = apply_facts([fixed])
    assert problems == [] and [(p.procedure, str(p.date)) for p in profile.procedures] == [("hip_replacement", "2010")]
    with pytest.raises(ValueError, match="names no procedure"):
        correct(facts[0], value_text="wibble")


def _condition(rid: str, text: str, clinical: str | None, **extra):
    status = {"clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                                             "code": clinical}]}} if clinical else {}
    return {"resourceType": "Condition", "id": rid, "subject": {"reference": "Patient/p1"}, "code": {"text": text},
            **status, **extra}


def test_clinical_status_says_whether_a_condition_is_active_now():
    from core.fhir.apply import apply_facts
    from core.fhir.describe import describe

    bundle = bundle_with(
        _condition("c1", "Pulmonary tuberculosis", "resolved", onsetDateTime="2009-02-01",
                   abatementDateTime="2009-11-15"),
        _condition("c2", "Hodgkin lymphoma", "relapse", onsetDateTime="2015"),
        _condition("c3", "Psoriasis", "remission", abatementDateTime="2021-06"),
        _condition("c4", "Rheumatoid arthritis", "active"),
        _condition("c5", "Asthma", None),
        _condition("c6", "Eczema", "recurrence"),
        _condition("c7", "Gout", "inactive"))
    facts = by_source(mapped(bundle))
    assert facts["Condition/c1"].value["active"] is False
    assert facts["Condition/c1"].value["resolved_date"] == "2009-11-15"
    assert facts["Condition/c2"].value["active"] is True and "resolved_date" not in facts["Condition/c2"].value
    assert facts["Condition/c3"].value["active"] is False and facts["Condition/c3"].value["resolved_date"] == "2021-06"
    assert facts["Condition/c4"].value["active"] is True and facts["Condition/c6"].value["active"] is True
    assert facts["Condition/c7"].value["active"] is False
    assert "active" not in facts["Condition/c5"].value  # no status: not recorded, never "not active"
    words = describe(facts["Condition/c1"])
    assert "not active now" in words and "resolved 2009-11-15" in words
    profile, problems = apply_facts(list(facts.values()))
    assert problems == []
    by_code = {d.code: d for d in profile.diagnoses}
    tb = next(d for code, d in by_code.items() if "tuberculosis" in code)
    assert tb.active is False and tb.resolved_date.isoformat() == "2009-11-15"
    from core.patient.derived import compute_facts

    facts_now = compute_facts(profile)
    assert facts_now.get("condition_current:malignancy") is True  # the relapsed lymphoma
    assert facts_now.get("condition_current:tuberculosis") is None  # resolved, but the list is open
