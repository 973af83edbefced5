"""A screening exported as a FHIR R4 Bundle that the same library validates."""

from __future__ import annotations

import base64
import hashlib
import json
import stat
from datetime import UTC, datetime

import pytest

from core.fhir.answers import UNKNOWN, answer_values, items_from_profile
from core.fhir.apply import apply_facts
from core.fhir.export import screening_bundle, validate, write_bundle
from core.fhir.map_patient import map_bundle
from core.fhir.model import FhirError
from core.fhir.read_bundle import parse_bundle
from core.matching.screening import ScreenedTrial
from core.matching.verdict import TrialVerdict
from tests.core.fhir.helpers import load

PDF = b"%PDF-1.4\n% a tiny stand-in letter\n%%EOF\n"


def trial(trial_id: str, status: str | None, verdict: str = "possibly_eligible") -> ScreenedTrial:
    return ScreenedTrial(trial_id, f"Study {trial_id}", TrialVerdict(trial_id, verdict, [], [], [],
                                                                      recruitment_status=status))


def ra_profile():
    profile, _ = apply_facts(map_bundle(parse_bundle(load("ra_mtx_adalimumab"))).facts, profile_id="RH-2041")
    return profile


def resources(bundle, rtype):
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == rtype]


def test_bundle_holds_answers_studies_subjects_and_the_letter():
    trials = [trial("NCT01234567", "RECRUITING"), trial("ChiCTR2000012345", None), trial("NCT07654321", "COMPLETED")]
    when = datetime(2026, 11, 30, 9, 15, tzinfo=UTC)
    bundle = screening_bundle("RH-2041", items_from_profile(ra_profile()), trials,
                              {"NCT01234567", "ChiCTR2000012345"}, PDF, when=when)
    (patient,) = resources(bundle, "Patient")
    assert patient["identifier"][0]["value"] == "RH-2041" and "name" not in patient and "birthDate" not in patient
    (answers,) = resources(bundle, "QuestionnaireResponse")
    assert answers["status"] == "completed" and answers["authored"] == "2026-11-30T09:15:00Z"
    links = {i["linkId"]: i for i in answers["item"]}
    assert links["date_of_birth"]["answer"] == [{"valueDate": "1974-05-12"}]
    assert links["weight_kg"]["answer"] == [{"valueDecimal": 62.5}]
    lab = next(i for i in answers["item"] if i["text"] == "Laboratory result: crp")
    assert lab["answer"][0]["valueQuantity"] == {"value": 24.0, "unit": "mg/L"}
    studies = resources(bundle, "ResearchStudy")
    assert [s["identifier"][0] for s in studies] == [
        {"system": "https://clinicaltrials.gov", "value": "NCT01234567"},
        {"system": "https://www.chictr.org.cn", "value": "ChiCTR2000012345"},
        {"system": "https://clinicaltrials.gov", "value": "NCT07654321"}]
    assert studies[0]["status"] == "active" and studies[2]["status"] == "completed"
    assert "status" not in studies[1] and studies[1]["_status"]["extension"][0]["valueCode"] == "unknown"
    assert [s["status"] for s in resources(bundle, "ResearchSubject")] == ["candidate", "candidate",
                                                                         "potential-candidate"]
    (letter,) = resources(bundle, "DocumentReference")
    attachment = letter["content"][0]["attachment"]
    assert base64.b64decode(attachment["data"]) == PDF and attachment["contentType"] == "application/pdf"
    assert base64.b64decode(attachment["hash"]) == hashlib.sha1(PDF).digest() and attachment["size"] == len(PDF)
    assert letter["context"]["related"] == [{"reference": "ResearchStudy/study-1"},
                                            {"reference": "ResearchStudy/study-2"}]
    validate(json.loads(json.dumps(bundle)))  # what is written validates too


def test_answers_are_typed_and_unknown_is_said():
    assert answer_values(True) == [{"valueBoolean": True}]
    assert answer_values(3) == [{"valueInteger": 3}]
    assert answer_values("2019-03") == [{"valueDate": "2019-03"}]
    assert answer_values(["a", "b"]) == [{"valueString": "a"}, {"valueString": "b"}]
    assert answer_values(UNKNOWN)[0]["valueCoding"]["code"] == "asked-unknown"
    assert answer_values(None) == []


def test_text_from_the_record_is_kept_as_data():
    hostile = "<script>alert(1)</script> & \"quotes\""
    bundle = screening_bundle(hostile, [{"linkId": "x", "text": hostile, "answer": [{"valueString": hostile}]}],
                              [], set())
    text = json.dumps(bundle)
    assert json.loads(text)["entry"][1]["resource"]["item"][0]["answer"][0]["valueString"] == hostile


def test_invalid_output_is_refused():
    with pytest.raises(FhirError, match="could not be exported as valid FHIR"):
        screening_bundle("R", [{"linkId": "x", "answer": [{"valueDecimal": "many"}]}], [], set())


def test_write_is_owner_only_and_a_file_in_the_way_is_a_plain_error(tmp_path):
    bundle = screening_bundle("RH/2041", [], [], set())
    path = write_bundle(bundle, tmp_path / "out", "RH/2041")
    assert path.parent == tmp_path / "out" and path.name.startswith("screening-RH_2041-")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text())["type"] == "collection"
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(FhirError, match="is a file, not a folder"):
        write_bundle(bundle, blocker, "R")


def test_every_answer_of_a_whole_questionnaire_exports_valid_fhir(tmp_path):
    """Every question kind the seed catalog asks (tables, joint counts, labs, confirmations, unknowns)."""
    from datetime import date

    from core.catalog import database
    from core.catalog.bundle import build_bundled
    from core.fhir.answers import items_from_questionnaire
    from core.patient.profile import profile_from_dict
    from core.questionnaire import Questionnaire, load_trials
    from core.questionnaire.simulate import run_to_end
    from tests.core.questionnaire.test_seed_catalog import PATIENTS

    database.connect(build_bundled(tmp_path / "c.sqlite"))
    try:
        q = Questionnaire(None, load_trials(), today=date(2025, 6, 15))
        asked = run_to_end(q, profile_from_dict(PATIENTS["refractory RA"]))
    finally:
        database.close()
    items = items_from_questionnaire(q)
    assert [i["linkId"] for i in items] == asked and len(items) > 5
    assert any("answer" in i and "valueCoding" in i["answer"][0] for i in items) == bool(q.unknown)
    bundle = screening_bundle("RA-SIM", items, [], set())
    (answers,) = resources(bundle, "QuestionnaireResponse")
    assert len(answers["item"]) == len(asked)
