"""ClinicalTrials.gov classic XML: the rheumatology slice, the 6,036-study dump, hostile XML."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from core.catalog import status as st
from core.importers import ctgov_xml
from core.importers.batch import parse_sources
from core.importers.registry import parse_bytes, parse_path
from core.importers.text import ImportFormatError
from core.trial_record import EXCLUSION, INCLUSION, criterion_keys

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
XML = DATA / "ctgov-classic-xml"
RHEUM = XML / "rheumatology"
DUMP = XML / "all-6036-studies-2023.tar.xz"
pytestmark = pytest.mark.skipif(not RHEUM.is_dir(), reason="shared data folder absent")


def keyed(record):
    return {key: node for key, _parent, node in criterion_keys(record.criteria)}


def test_all_rheumatology_files_import():
    files = sorted(RHEUM.glob("*.xml"))
    assert len(files) == 90
    records = [parse_path(f)[0] for f in files]
    assert {r.trial_id for r in records} == {f.stem for f in files}
    assert all(r.source_format == ctgov_xml.FORMAT for r in records)
    assert sum(1 for r in records if r.criteria) >= 88
    assert all(r.max_age_years is None or r.max_age_years > 0 for r in records)


def test_selena_hrt_field_by_field():
    r = parse_path(RHEUM / "NCT00000419.xml")[0]
    assert r.registry_ids == ["NCT00000419", "U01AR042540"]
    assert r.extra["Organization study id"] == "U01 AR42540 NIAMS-028A"
    assert r.title == ("Safety of Estrogens in Lupus Erythematosus - National Assessment (SELENA): "
                       "Hormone Replacement Therapy")
    assert r.brief_title == "Safety of Estrogens in Lupus: Hormone Replacement Therapy"
    assert r.sponsor == "NYU Langone Health"
    assert r.collaborators == ["National Institute of Arthritis and Musculoskeletal and Skin Diseases (NIAMS)",
                               "Office of Research on Women's Health (ORWH)"]
    assert r.summary.startswith("Safety of Estrogens in Lupus Erythematosus - National Assessment (SELENA) is a "
                                "study to test whether postmenopausal women")
    assert "\r" not in r.summary and "\n" not in r.summary
    assert r.status == st.TERMINATED
    assert r.start_date == date(1996, 4, 1) and r.extra["Start date"] == "April 1996: month only, stored as 1996-04-01"
    assert r.end_date == date(2002, 8, 1) and r.end_date_kind is None
    assert r.phase == "Phase 3" and r.study_type == "Interventional"
    assert r.enrollment == 350
    assert r.conditions == ["Systemic Lupus Erythematosus"]
    assert r.interventions == ["Premarin and Provera"]
    assert (r.min_age_years, r.max_age_years, r.sex, r.healthy_volunteers) == (18.0, 85.0, "female", False)
    assert r.first_posted == date(1999, 11, 4)
    assert r.last_updated == r.current_as_of == date(2013, 5, 3)
    assert r.extra["Downloaded"] == "2023-02-03"
    assert r.contacts[0].name == "Jill Buyon, M.D." and r.contacts[0].role == "Principal Investigator"
    assert r.sites[0].name == "UAB Medical Center" and r.sites[0].region == "Alabama"
    k = keyed(r)
    assert [k[f"inc-{i}"].text for i in range(1, 5)] == [
        "Female", "Unequivocal diagnosis of SLE",
        "Inactive disease or stable on 0.5 mg/kg/day or less of prednisone",
        "Chemical evidence of menopause or have stopped periods for at least 6 months"]
    assert k["inc-1"].kind == INCLUSION
    assert k["exc-1"].kind == EXCLUSION and k["exc-1"].text == "Blood pressure >145/95 on three occasions"
    assert k["exc-15"].text == "Premenopausal myocardial infarction"
    assert "exc-16" not in k


def test_the_dump_imports_whole():
    if not DUMP.is_file():
        pytest.skip("dump absent")
    start = time.perf_counter()
    ids = set()
    failures = []
    for result, records in parse_sources([DUMP]):
        if result.status != "ok":
            failures.append(result.describe())
        ids.update(r.trial_id for r in records)
    elapsed = time.perf_counter() - start
    assert failures == []
    assert len(ids) == 6036
    assert elapsed < 60, f"parsing the dump took {elapsed:.1f} s"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<clinical_study><id_info><nct_id>NCT00000001</nct_id></id_info><brief_title>&lol4;</brief_title></clinical_study>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE clinical_study [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<clinical_study><id_info><nct_id>NCT00000001</nct_id></id_info><brief_title>&xxe;</brief_title></clinical_study>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE clinical_study SYSTEM "http://example.invalid/evil.dtd">
<clinical_study><id_info><nct_id>NCT00000001</nct_id></id_info><brief_title>x</brief_title></clinical_study>"""


@pytest.mark.parametrize(("content", "message"), [
    (BILLION_LAUGHS, "refuses for safety"),
    (EXTERNAL_ENTITY, "refuses for safety"),
    (EXTERNAL_DTD, "refuses for safety"),
    (b"<clinical_study><id_info><nct_id>NCT00000419</nct_id>", "truncated"),
    (b"<clinical_study><id_info></clinical_study>", "malformed"),
    (b"<?xml version='1.0'?><rss><channel/></rss>", "not a ClinicalTrials.gov study"),
    (b"<clinical_study><brief_title>x</brief_title></clinical_study>", "NCT id"),
    (b"<!doctype html><html><body>Not found</body></html>", "web page"),
])
def test_hostile_and_broken_xml_gives_a_plain_error(content, message):
    with pytest.raises(ImportFormatError, match=message):
        parse_bytes(content, "bad.xml")


def test_truncated_real_record():
    data = (RHEUM / "NCT00000419.xml").read_bytes()
    for cut in (len(data) // 3, len(data) - 20):
        with pytest.raises(ImportFormatError):
            parse_bytes(data[:cut], "cut.xml")
