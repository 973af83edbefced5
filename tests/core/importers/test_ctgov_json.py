"""ClinicalTrials.gov API v2 JSON: every study in the shared downloads, and a few field by field."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest

from core.catalog import status as st
from core.importers import ctgov_json
from core.importers.registry import parse_bytes, parse_path
from core.importers.text import ImportFormatError
from core.trial_record import EXCLUSION, INCLUSION, criterion_keys

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
API = DATA / "ctgov-api-v2"
pytestmark = pytest.mark.skipif(not API.is_dir(), reason="shared data folder absent")


@pytest.fixture(scope="module")
def studies():
    out = {}
    for f in sorted(API.glob("*.json")):
        for r in parse_path(f):
            out[r.trial_id] = r
    return out


def keyed(record):
    return {key: node for key, _parent, node in criterion_keys(record.criteria)}


def test_every_api_v2_study_imports(studies):
    total = 0
    for f in sorted(API.glob("*.json")):
        records = parse_path(f)
        total += len(records)
        assert all(r.source_format == ctgov_json.FORMAT and r.title for r in records)
    assert total == 396
    assert len(studies) == 381
    assert all(r.trial_id.startswith("NCT") for r in studies.values())
    with_criteria = [r for r in studies.values() if r.criteria_text]
    assert with_criteria and all(r.criteria for r in with_criteria)
    # A missing maximum age means no limit, never zero.
    assert all(r.max_age_years is None or r.max_age_years > 0 for r in studies.values())


def test_daisy_field_by_field(studies):
    r = studies["NCT05925803"]
    assert r.registry_ids == ["NCT05925803", "2023-505976-31"]
    assert r.title.startswith("A Multicenter, Randomized, Parallel-group, Double-blind,Two-arm Phase III Study")
    assert r.brief_title == "Determine Effectiveness of Anifrolumab In SYstemic Sclerosis (DAISY)"
    assert r.acronym == "DAISY"
    assert r.conditions == ["Systemic Sclerosis", "Scleroderma"]
    assert "Anifrolumab" in r.keywords
    assert r.interventions[0] == "Anifrolumab (blinded)"
    assert r.phase == "Phase 3"
    assert r.study_type == "Interventional"
    assert r.status == st.NOT_YET_RECRUITING
    assert r.start_date == date(2023, 7, 13) and r.extra["Start date"] == "2023-07-13 (estimated)"
    assert (r.end_date, r.end_date_kind) == (date(2027, 12, 31), "estimated")
    assert r.first_posted == r.last_updated == r.current_as_of == date(2023, 6, 29)
    assert r.enrollment == 306 and r.extra["Enrollment type"] == "estimated"
    assert r.sponsor == "AstraZeneca" and r.collaborators == []
    assert len(r.sites) == 131
    assert (r.sites[0].name, r.sites[0].city, r.sites[0].region, r.sites[0].country) == (
        "Research Site", "Birmingham", "Alabama", "United States")
    central = r.contacts[0]
    assert (central.name, central.role, central.email, central.phone) == (
        "AstraZeneca Clinical Study Information Center", "Central contact",
        "information.center@astrazeneca.com", "1-877-240-9479")
    assert (r.min_age_years, r.max_age_years) == (18.0, 70.0)
    assert r.age_text == "Minimum age: 18 Years - Maximum age: 70 Years"
    assert r.sex == "all" and r.healthy_volunteers is False
    assert r.extra["MeSH conditions"].startswith("Scleroderma, Systemic (D012595)")
    assert r.source_url == "https://clinicaltrials.gov/study/NCT05925803"
    k = keyed(r)
    assert k["inc-1"].label == "1" and k["inc-1"].text == "Adult patients from 18 to 70 years of age inclusive"


def test_sle_nested_bullets_and_markdown_escapes(studies):
    r = studies["NCT05843643"]
    k = keyed(r)
    assert k["inc-2"].text == "At Screening, must have at least one of the following:"
    assert [k[f"inc-2.{i}"].text for i in (1, 2, 3)] == [
        "antinuclear antibody (ANA) positive (titer >= 1:80)",
        "anti-double stranded deoxyribonucleic acid (dsDNA) positive",
        "anti-Smith positive",
    ]
    assert "inc-2.4" not in k
    assert k["inc-4"].text == "Physician's Global Assessment (PhGA) >= 1 during screening period."
    assert k["inc-5.1"].text.startswith("antimalarial(s) [hydroxychloroquine <= 400 mg daily")
    assert k["inc-1"].kind == INCLUSION and k["exc-1"].kind == EXCLUSION
    assert "\\>=" in r.criteria_text  # the verbatim section keeps what the registry wrote
    site_contact = next(c for c in r.contacts if c.role == "Site contact")
    assert site_contact.address == "Aventura, Florida, 33180, United States"
    assert r.contacts[1].role == "Study director" and r.contacts[1].affiliation == "AbbVie"


def test_nonstandard_locations_and_padded_mesh_ids(studies):
    r = studies["NCT05923281"]
    assert len(r.sites) == 15
    assert r.sites[0].name == "Nakayama Clinic" and r.sites[0].country == "Japan"
    assert r.sites[0].status == st.RECRUITING
    assert r.extra["MeSH conditions"] == "Hypercholesterolemia (D006937)"
    assert ctgov_json.mesh_id("D000006937") == "D006937"
    assert ctgov_json.mesh_id("C000656127") == "C656127"
    assert ctgov_json.mesh_id("D012595") == "D012595"


def test_locations_nested_alone_still_gives_sites():
    study = json.loads((API / "misc-10-nonstandard-locations.json").read_text())[0]
    del study["protocolSection"]["contactsLocationsModule"]["locations"]
    (r,) = ctgov_json.parse_json(study)
    assert len(r.sites) == 15


def test_month_only_date_is_marked(studies):
    r = studies["NCT00410098"]
    assert r.start_date == date(2007, 6, 1)
    assert r.extra["Start date"] == "2007-06: month only, stored as 2007-06-01"


def test_ages_in_months(studies):
    r = studies["NCT05942599"]
    assert (r.min_age_years, r.max_age_years) == (0.5, 16.0)
    assert "6 Months" in r.age_text


def test_three_document_shapes_give_the_same_records():
    studies = json.loads((API / "rheumatology-5.json").read_text())
    as_list = parse_bytes(json.dumps(studies).encode())
    as_page = parse_bytes(json.dumps({"studies": studies, "nextPageToken": "abc"}).encode())
    single = parse_bytes(json.dumps(studies[2]).encode())
    assert [r.trial_id for r in as_list] == [r.trial_id for r in as_page]
    assert single[0] == as_list[2]


def test_missing_maximum_age_means_no_limit():
    study = json.loads((API / "rheumatology-5.json").read_text())[0]
    study = copy.deepcopy(study)
    study["protocolSection"]["eligibilityModule"].pop("maximumAge", None)
    study["protocolSection"]["eligibilityModule"]["minimumAge"] = "6 Months"
    (r,) = ctgov_json.parse_json(study)
    assert r.max_age_years is None and r.min_age_years == 0.5


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty"),
    (b"   \n", "empty"),
    (b"[]", "no studies"),
    (b'{"studies": []}', "no studies"),
    (b'[{"protocolSection": {"identificationModule": {"nctId": "NCT0', "truncated"),
    (b'{"protocolSection": {"identificationModule": {"nctId": "NCT01234567"}}}', "no title"),
    (b'{"protocolSection": {"identificationModule": {}}}', "NCT id"),
    (b'{"protocolSection": {"identificationModule": {"nctId": "12"}}}', "malformed"),
    (b'{"hello": "world"}', "not a trial record"),
    (b'{"a": 1,, }', "malformed"),
    (b"\x00\x01\x02binary\xff", "binary"),
    (b"\xff\xd8\xff\xe0 jpeg-ish \xc3\x28", "not UTF-8"),
])
def test_bad_json_gives_a_plain_error(content, message):
    with pytest.raises(ImportFormatError, match=message):
        parse_bytes(content, "bad.json")


def test_one_bad_study_fails_the_whole_file():
    studies = json.loads((API / "rheumatology-5.json").read_text())
    del studies[3]["protocolSection"]["identificationModule"]["nctId"]
    with pytest.raises(ImportFormatError, match="study 4"):
        parse_bytes(json.dumps(studies).encode())
