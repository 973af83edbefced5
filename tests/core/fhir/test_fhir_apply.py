"""The review: unticked facts stay out, corrections are checked, the record is saved whole or not at all."""

from __future__ import annotations

import pytest

from core.fhir.apply import apply_facts, correct, fact_value_text
from core.fhir.map_patient import map_bundle
from core.fhir.read_bundle import parse_bundle
from core.fhir.records import ImpossibleProfile, record_of, save_import
from core.patient.derived import compute_facts
from core.patient.profile import PatientProfile, TreatmentCourse
from core.userdata.database import close_user_db, open_user_db
from core.userdata.models import AuditEntry, Patient
from tests.core.fhir.helpers import bundle_with, load


def facts_of(name):
    return map_bundle(parse_bundle(load(name))).facts


@pytest.fixture
def db():
    open_user_db()
    yield
    close_user_db()


def test_accepted_facts_make_a_profile_rules_can_use():
    profile, problems = apply_facts(facts_of("ra_mtx_adalimumab"), profile_id="RH-2041")
    assert problems == []
    assert profile.profile_id == "RH-2041" and profile.sex == "female" and profile.weight_kg == 62.5
    assert [t.drug for t in profile.treatments] == ["methotrexate", "adalimumab", "prednisolone"]
    facts = compute_facts(profile)
    assert facts["failed_btsdmard_count"].low == 1  # adalimumab: loss of response (the list is open)
    assert facts["crp_x_uln"] == pytest.approx(24 / 5)
    assert facts["rf_positive"] is True
    assert facts["ra_diagnosed"] is True
    assert "pulmonary_tuberculosis" in facts["diagnoses"].excluded  # refuted in the record: known absent


def test_unticked_facts_are_left_out_and_nothing_is_invented():
    facts = facts_of("ra_mtx_adalimumab")
    for fact in facts:
        fact.accepted = fact.kind != "treatment"
    profile, _ = apply_facts(facts)
    assert profile.treatments == [] and not profile.treatments_complete and not profile.diagnoses_complete
    assert profile.never_treated_with == [] and profile.findings == {}


def test_corrections_are_checked_and_never_change_the_fact_in_place():
    facts = {f.source: f for f in facts_of("ra_mtx_adalimumab")}
    ada = facts["MedicationStatement/ada"]
    with pytest.raises(ValueError, match="not a drug the app knows"):
        correct(ada, value_text="wonderdrug")
    with pytest.raises(ValueError, match="not a date"):
        correct(ada, date_text="March 2018")
    fixed = correct(ada, value_text="Simponi", date_text="2018-04")
    assert fixed.value["drug"] == "golimumab" and fixed.value["start"] == "2018-04" and fixed.date == "2018-04"
    assert ada.value["drug"] == "adalimumab" and ada.value["start"] == "2018-02"
    assert "corrected" in fixed.note
    crp = correct(facts["Observation/crp"], value_text="18")
    assert crp.value["value"] == 18 and fact_value_text(crp) == "18"
    with pytest.raises(ValueError, match="not a usable number"):
        correct(facts["Observation/crp"], value_text="-3")
    psa = correct(facts["Condition/ra"], value_text="Psoriatic arthritis")
    assert psa.value["code"] == "psoriatic_arthritis" and psa.value["onset_date"] == "2011-11"
    with pytest.raises(ValueError, match="no condition"):
        correct(facts["Condition/ra"], value_text="zzz")
    with pytest.raises(ValueError, match="female or male"):
        correct(facts["Patient/pat-ra"] if facts["Patient/pat-ra"].kind == "sex" else
                next(f for f in facts_of("ra_mtx_adalimumab") if f.kind == "sex"), value_text="x")


def test_existing_answers_win_and_reimport_adds_nothing_twice():
    base = PatientProfile(profile_id="RH-2041", treatments=[TreatmentCourse(drug="methotrexate", status="ongoing")])
    profile, _ = apply_facts(facts_of("ra_mtx_adalimumab"), base)
    again, _ = apply_facts(facts_of("ra_mtx_adalimumab"), profile)
    assert again.treatments == profile.treatments and again.labs == profile.labs
    assert len(again.diagnoses) == 2 and len(again.allergies) == 1


def test_save_import_creates_the_patient_and_stores_the_record(db):
    patient, created, profile = save_import("RH-2041", facts_of("ra_mtx_adalimumab"))
    assert created and Patient.get(Patient.reference == "RH-2041").record["sex"] == "female"
    assert record_of("RH-2041").treatments[1].drug == "adalimumab"
    (entry,) = AuditEntry.select().where(AuditEntry.action == "record_saved")
    assert entry.patient_reference == "RH-2041" and entry.details["source"] == "fhir"
    ada = next(f for f in entry.details["facts"] if f["source"] == "MedicationStatement/ada")
    assert ada["date"] == "2018-02" and "RxNorm 327361" in ada["original"]
    _, created_again, _ = save_import("RH-2041", facts_of("ra_mtx_adalimumab"))
    assert not created_again and len(record_of("RH-2041").treatments) == 3


def test_impossible_facts_save_nothing(db):
    data = bundle_with({"resourceType": "Condition", "id": "c1", "subject": {"reference": "Patient/p1"},
                        "code": {"text": "rheumatoid arthritis"}, "onsetDateTime": "1950"})
    facts = map_bundle(parse_bundle(data)).facts
    with pytest.raises(ImpossibleProfile) as info:
        save_import("T-1", facts)
    assert any("before the date of birth" in message for _field, message in info.value.problems)
    assert Patient.select().count() == 0
    with pytest.raises(ValueError, match="clinic reference is needed"):
        save_import("  ", facts)


def test_a_new_screening_starts_from_the_record(db):
    from datetime import date

    from core.questionnaire.record import start_from_record
    from core.userdata.records import patient_record

    patient, _, _ = save_import("MY-3302", facts_of("myositis_jo1_ck"))
    # as the screening starts it: the record, without facts too old for use (none here: dated now)
    start = start_from_record(patient_record(patient), date.today(), 100 * 365, profile_id=patient.reference,
                              date_of_birth=patient.date_of_birth).profile
    assert start.profile_id == "MY-3302" and [d.code for d in start.diagnoses] == ["dermatomyositis",
                                                                                    "interstitial_lung_disease"]
    assert start.findings == {"lvef_percent": 58.0}


def test_conflicts_with_the_record_are_shown_never_overwritten():
    from datetime import date

    from core.patient.profile import Diagnosis

    base = PatientProfile(profile_id="RH-2041", sex="male", date_of_birth=date(1974, 5, 1), weight_kg=70,
                          known_on={"weight_kg": date(2027, 1, 1)},
                          diagnoses=[Diagnosis(code="pulmonary_tuberculosis")])
    profile, problems = apply_facts(facts_of("ra_mtx_adalimumab"), base)
    fields = {field for field, _ in problems}
    assert {"sex", "date_of_birth", "diagnoses"} <= fields
    assert any("Patient/pat-ra says female" in message for _, message in problems)
    assert profile.sex == "male" and profile.weight_kg == 70  # the record's newer weight is kept
    refined, problems = apply_facts(facts_of("ra_mtx_adalimumab"),
                                    PatientProfile(date_of_birth=profile_from_partial("1974-05")))
    assert str(refined.date_of_birth) == "1974-05-12" and not [p for p in problems if p[0] == "date_of_birth"]


def profile_from_partial(text):
    from core.patient.partial_dates import parse_date

    return parse_date(text)


def test_values_beyond_the_profile_limits_are_a_problem_not_a_crash():
    from core.fhir.model import ProposedFact

    long_route = ProposedFact("treatment", {"drug": "methotrexate", "status": "ongoing", "route": "x" * 900},
                              "MedicationStatement/m", "methotrexate")
    profile, problems = apply_facts([long_route])
    assert profile.treatments == [] and problems and "too long" in problems[0][1]


def test_the_review_table_shows_and_reads_back_words_in_the_language():
    """A Chinese or Japanese clinician reads 女 / 陽性 / 関節リウマチ and may type them (or the English) back."""
    from core.fhir.model import ProposedFact
    from core.i18n import using_language

    sex = ProposedFact("sex", "female", "Patient/p", "gender female")
    ra = ProposedFact("diagnosis", {"code": "rheumatoid_arthritis"}, "Condition/c", "ICD-10 M05.79")
    rf = ProposedFact("lab", {"name": "rf", "result": "positive"}, "Observation/rf", "LOINC 11572-5", "2012-01-20")
    with using_language("zh"):
        assert [fact_value_text(f) for f in (sex, ra, rf)] == ["女", "类风湿关节炎", "阳性"]
        assert correct(sex, value_text="男").value == "male" and correct(sex, value_text="Male").value == "male"
        assert correct(rf, value_text="阴性").value["result"] == "negative"
    with using_language("ja"):
        assert [fact_value_text(f) for f in (sex, ra, rf)] == ["女性", "関節リウマチ", "陽性"]
        assert correct(ra, value_text="関節リウマチ").value == {"code": "rheumatoid_arthritis"}
        with pytest.raises(ValueError):
            correct(sex, value_text="不明")
    assert [fact_value_text(f) for f in (sex, rf)] == ["female", "positive"]
