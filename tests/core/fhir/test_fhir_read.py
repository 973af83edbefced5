"""Bad bundles are refused with a clear message before anything is mapped."""

from __future__ import annotations

import json
import os
import time

import pytest

from core.fhir.map_patient import import_bundle_file
from core.fhir.model import FhirError
from core.fhir.read_bundle import MAX_BUNDLE_BYTES, parse_bundle, read_bundle_bytes, read_bundle_file
from tests.core.fhir.helpers import bundle_with, load, observation, write

CONDITION = {"resourceType": "Condition", "id": "c1", "subject": {"reference": "Patient/p1"},
             "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M06.9"}]}}


def refused(data, match: str) -> str:
    with pytest.raises(FhirError, match=match) as info:
        parse_bundle(data, "b.json")
    return str(info.value)


@pytest.mark.parametrize("name", ["ra_mtx_adalimumab", "sle_dsdna_complement", "myositis_jo1_ck", "spec_examples"])
def test_example_bundles_validate(name):
    parsed = parse_bundle(load(name))
    assert parsed.patient["resourceType"] == "Patient"
    assert len(parsed.resources) == len(load(name)["entry"])


def test_not_json_not_fhir_not_a_bundle(tmp_path):
    with pytest.raises(FhirError, match="not FHIR JSON"):
        read_bundle_file(write(tmp_path, "{not json"))
    with pytest.raises(FhirError, match="looks like XML"):
        read_bundle_file(write(tmp_path, '<Bundle xmlns="http://hl7.org/fhir"/>'))
    with pytest.raises(FhirError, match="not UTF-8"):
        read_bundle_bytes(b"\xff\xfe{\x00}", "b.json")
    with pytest.raises(FhirError, match="NaN is not a JSON number"):
        read_bundle_bytes(b'{"resourceType": "Bundle", "x": NaN}', "b.json")
    refused({"hello": "world"}, "not a FHIR resource")
    refused([1, 2], "not a FHIR resource")
    refused({"resourceType": "Patient", "id": "p1"}, "single Patient resource, not a Bundle")


def test_missing_file_is_a_plain_message(tmp_path):
    with pytest.raises(FhirError, match="Cannot read nothing.json"):
        read_bundle_file(tmp_path / "nothing.json")


@pytest.mark.parametrize(("resource", "version", "why"), [
    ({"resourceType": "MedicationStatement", "id": "m", "status": "active", "subject": {"reference": "Patient/p1"},
      "medication": {"concept": {"text": "methotrexate"}}}, "R5", "CodeableReference"),
    ({"resourceType": "Procedure", "id": "x", "status": "completed", "subject": {"reference": "Patient/p1"},
      "occurrenceDateTime": "2020"}, "R5", "occurrence"),
    ({"resourceType": "Condition", "id": "c", "clinicalStatus": "active", "subject": {"reference": "Patient/p1"}},
     "STU3", "plain code"),
    ({"resourceType": "MedicationStatement", "id": "m", "status": "active", "taken": "y",
      "subject": {"reference": "Patient/p1"}}, "STU3", "taken"),
    ({"resourceType": "ProcedureRequest", "id": "r"}, "STU3", "exist only in STU3"),
    ({"resourceType": "Requirements", "id": "r"}, "R5", "only from R5"),
])
def test_other_fhir_versions_are_named(resource, version, why):
    message = refused(bundle_with(resource), f"FHIR {version}")
    assert why in message and "only FHIR R4 can be imported" in message


def test_profile_marker_names_the_version():
    data = bundle_with()
    data["meta"] = {"profile": ["http://hl7.org/fhir/R5/StructureDefinition/Bundle"]}
    refused(data, "FHIR R5")


def test_invalid_resources_name_the_entry_and_element():
    bad = {"resourceType": "Observation", "id": "o1", "status": "final", "code": {"text": "CRP"},
           "subject": {"reference": "Patient/p1"}, "valueQuantity": {"value": "lots"}}
    message = refused(bundle_with(bad), "not valid FHIR R4")
    assert "entry 2 (Observation/o1)" in message and "valueQuantity" in message
    message = refused(bundle_with(patient={"resourceType": "Patient", "id": "p1", "birthDate": "25/12/1974"}),
                      "not valid FHIR R4")
    assert "birthDate" in message


def test_missing_references_and_another_patient():
    lost = {**CONDITION, "subject": {"reference": "Patient/nobody"}}
    refused(bundle_with(lost), "Condition/c1 refers to Patient/nobody, which is not in the bundle")
    other = {"resourceType": "Patient", "id": "p2"}
    refused(bundle_with(other, {**CONDITION, "subject": {"reference": "Patient/p2"}}), "holds 2 patients")
    med = {"resourceType": "MedicationStatement", "id": "m1", "status": "active",
           "subject": {"reference": "Patient/p1"}, "medicationReference": {"reference": "Medication/gone"}}
    refused(bundle_with(med), "refers to medication Medication/gone")
    contained = {**med, "medicationReference": {"reference": "#gone"}}
    refused(bundle_with(contained), "refers to medication #gone")


def test_no_patient_and_duplicates():
    data = bundle_with(CONDITION)
    data["entry"].pop(0)
    refused({**data, "entry": data["entry"]}, "has no Patient resource")
    refused(bundle_with(CONDITION, CONDITION), r"holds Condition/c1 twice \(entries 2 and 3\)")
    data = bundle_with(CONDITION, {**CONDITION, "id": "c2"})
    data["entry"][1]["fullUrl"] = data["entry"][2]["fullUrl"] = "urn:uuid:same"
    refused(data, "twice")


def test_a_100_mb_bundle_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "population.json"
    with open(path, "wb") as fh:  # sparse: the size is what matters, and it must not be read
        fh.truncate(100 * 1024 * 1024)
    started = time.perf_counter()
    with pytest.raises(FhirError, match="is 100 MB; one patient's bundle is at most 20 MB"):
        import_bundle_file(path)
    assert time.perf_counter() - started < 0.5
    with pytest.raises(FhirError, match="at most"):
        read_bundle_bytes(b" " * (MAX_BUNDLE_BYTES + 1), "big.json")
    assert os.path.getsize(path) == 100 * 1024 * 1024


def test_references_by_full_url_absolute_url_and_type_id():
    parsed = parse_bundle(load("sle_dsdna_complement"))
    assert parsed.resolve("http://ehr.example.org/fhir/Patient/p-sle") is parsed.patient
    assert parsed.resolve("Patient/p-sle") is parsed.patient
    assert parsed.resolve("http://elsewhere.example/fhir/Patient/p-sle") is parsed.patient
    assert parsed.resolve("Patient/other") is None


def test_unit_mismatch_is_reported_not_mapped():
    crp = observation("o1", "1988-5", 12, "mg/L", code="mg/dL")
    result = import_bundle_file_data(bundle_with(crp))
    assert not [f for f in result.facts if f.kind == "lab"]
    (item,) = result.unmapped
    assert item.source == "Observation/o1" and "unit mismatch" in item.reason and "disagree" in item.reason


def import_bundle_file_data(data):
    from core.fhir.map_patient import map_bundle

    return map_bundle(parse_bundle(data))


def test_reading_never_changes_the_data_it_was_given():
    data = load("ra_mtx_adalimumab")
    before = json.dumps(data, sort_keys=True)
    parse_bundle(data)
    parse_bundle(data)  # twice: the same data is read the same way
    assert json.dumps(data, sort_keys=True) == before
