"""EUCTR, CTIS and ISRCTN records, and CT.gov records converted to JSON (other-registries/)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from core.catalog import status as st
from core.importers import ctgov_json, ctgov_xml, eu_registries
from core.importers.batch import parse_sources
from core.importers.registry import parse_bytes, parse_path
from core.importers.text import ImportFormatError
from core.trial_record import EXCLUSION, INCLUSION, criterion_keys

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
OTHER = DATA / "other-registries"
pytestmark = pytest.mark.skipif(not OTHER.is_dir(), reason="shared data folder absent")


def one(name):
    (record,) = parse_path(OTHER / name)
    return record


def keyed(record):
    return {key: node for key, _parent, node in criterion_keys(record.criteria)}


def test_every_record_imports_with_its_format():
    formats = {}
    for result, records in parse_sources([OTHER]):
        if result.name.endswith("LICENSE.ctrdata"):
            assert result.status == "skipped"
            continue
        assert result.status == "ok", result.describe()
        formats[records[0].trial_id] = records[0].source_format
    assert len(formats) == 15
    assert sorted(set(formats.values())) == sorted({
        eu_registries.EUCTR_FORMAT, eu_registries.CTIS_FORMAT, eu_registries.ISRCTN_FORMAT,
        ctgov_json.FORMAT, ctgov_xml.JSON_FORMAT})


def test_euctr_paediatric_transplant():
    r = one("2013-000615-24-BE.json")
    assert r.source_format == eu_registries.EUCTR_FORMAT
    assert r.registry_ids == ["2013-000615-24"]
    assert r.title.startswith("Tacrolimus disposition in pediatric transplantation")
    assert r.brief_title == "Optimization of tacrolimus dose regimen in pediatric living donor  liver transplantation."
    assert r.status == st.TERMINATED and r.extra["Trial status (EUCTR)"] == "Prematurely Ended"
    assert r.phase == "Phase 4"
    assert r.conditions == ["PEDIATRIC LIVER TRANSPLANTATION"]
    assert r.interventions == ["Prograft", "Modigraf"]
    assert r.sponsor == "Cliniques universitaires Saint-Luc"
    assert r.contacts[0].email == "raymond.reding@uclouvain.be"
    assert r.contacts[0].address == "Avenue Hippocrate, 10, Bruxelles, 1200, Belgium"
    assert (r.min_age_years, r.max_age_years) == (0.0, 17.0)
    assert r.age_text.startswith("From the age groups: Newborns (0-27 days)")
    assert r.sex == "all" and r.healthy_volunteers is False
    assert r.enrollment == 50 and r.extra["Enrollment counted"] == "in the member state"
    assert r.first_posted == date(2014, 2, 7)
    assert r.current_as_of == date(2026, 8, 9)
    k = keyed(r)
    assert k["inc-1"].text.startswith("Children aged 0 to 18 years old")
    assert k["exc-1"].kind == EXCLUSION


def test_euctr_run_together_numbered_criteria_are_split():
    r = one("2016-004489-24-DE.json")
    assert r.registry_ids == ["2016-004489-24", "NCT03461406"]
    assert r.status == st.COMPLETED
    assert (r.end_date, r.end_date_kind) == (date(2022, 5, 20), "actual")
    assert r.start_date == date(2019, 1, 18)
    assert r.enrollment == 172
    k = keyed(r)
    assert k["inc-2"].text == "Pre-operative:"
    assert (k["inc-2.1"].label, k["inc-2.1"].text) == ("1", "Is less than 18 years of age.")
    assert k["inc-3"].text == "Intra-operative:" and k["inc-3.2"].label == "5"
    assert k["exc-3.5"].label == "12"
    assert k["exc-3.5"].text.startswith("Application of any topical hemostatic agent")


def test_ctis_covid_trial():
    r = one("2022-500244-37-00.json")
    assert r.source_format == eu_registries.CTIS_FORMAT
    assert r.registry_ids == ["2022-500244-37-00"]
    assert r.acronym == "KIN001-204"
    assert r.status == st.NOT_YET_RECRUITING and r.extra["Trial status (CTIS)"] == "Authorised, not started"
    assert r.phase == "Phase 2"
    assert r.conditions == ["COVID-19"]
    assert "pamapimod" in r.interventions
    assert r.sponsor == "Kinarus AG"
    assert (r.contacts[0].name, r.contacts[0].role) == ("Claudia Berger", "Public contact")
    assert (r.sites[0].name, r.sites[0].city, r.sites[0].country) == ("Praxis Am Ebertplatz", "Cologne", "Germany")
    assert (r.min_age_years, r.max_age_years, r.sex) == (18.0, None, "all")
    assert (r.start_date, r.end_date, r.end_date_kind) == (date(2022, 6, 1), date(2023, 12, 31), "estimated")
    assert r.enrollment == 150
    assert r.last_updated == r.current_as_of == date(2022, 8, 3)
    k = keyed(r)
    assert [k[f"inc-{i}"].label for i in range(1, 8)] == [str(i) for i in range(1, 8)]
    assert k["inc-4"].text == "Adult male or female patients aged ≥ 18 years"
    # CTIS lists items out of order (1, 10, 11, 2...): they are put back in number order.
    assert [k[f"exc-{i}"].label for i in range(1, 4)] == ["1", "2", "3"]


def test_ctis_inline_bullets_become_sub_items():
    r = one("2023-508143-51-01.json")
    assert r.registry_ids == ["2023-508143-51-01", "2021-004994-30"]
    k = keyed(r)
    assert k["inc-1"].text.startswith("In order to be eligible to participate in this study")
    assert k["inc-1.1"].text == "Cervical SCI neurological level C1-Th1,"
    assert k["inc-1.5"].text == "Over 18 years old"
    assert k["exc-1.1"].text == "Pregnancy" and k["exc-1"].kind == EXCLUSION
    assert r.healthy_volunteers is False


def test_isrctn_records():
    r = one("61070850.json")
    assert r.source_format == eu_registries.ISRCTN_FORMAT
    assert r.registry_ids == ["ISRCTN61070850"]
    assert r.acronym == "MCT oil, vlbw"
    assert r.brief_title.startswith("Efficacy and safety of preterm formula supplemented")
    assert r.phase == "Phase 3" and r.study_type == "Interventional"
    assert r.status is None  # ISRCTN states no recruitment status here; nothing is guessed from dates
    assert (r.start_date, r.end_date) == (date(2007, 1, 10), date(2011, 12, 31))
    assert r.enrollment == 63
    assert r.sites[0].city == "Mexico City" and r.sites[0].country == "Mexico"
    assert r.interventions == ["Maltodextrin", "medium chain triglycerides"]
    assert r.age_text == "Age range: Neonate; limits from the age range"
    k = keyed(r)
    assert (k["inc-3"].label, k["inc-3"].text) == ("3", "Weight less than 1500 g at birth")
    assert k["exc-2"].text == "Post-operative state greater than 72 hours"
    sift = one("76463425.json")
    assert sift.registry_ids == ["ISRCTN76463425", "NCT01727609"]
    assert sift.extra["Final enrolment"] == "2804"
    toast = one("96912679.json")
    assert toast.registry_ids == ["ISRCTN96912679"]  # "Nil known" is not an id
    assert len(toast.sites) == 15


def test_ctgov_records_converted_to_json():
    classic = one("NCT03325556.json")
    assert classic.source_format == ctgov_xml.JSON_FORMAT
    assert classic.registry_ids == ["NCT03325556", "2017-002227-13"]
    assert classic.status == st.COMPLETED and classic.phase == "Phase 3"
    assert (classic.min_age_years, classic.max_age_years) == (50.0, 90.0)
    k = keyed(classic)
    assert k["inc-3"].text == "Has an MMSE score ≥6 and ≤24"  # mojibake repaired
    assert "Parkinson's disease" in k["inc-2"].text  # &apos; decoded
    assert k["inc-1"].kind == INCLUSION and k["exc-11"].label == "11"
    v2 = one("NCT00567567.json")
    assert v2.source_format == ctgov_json.FORMAT and v2.status == st.COMPLETED
    assert v2.min_age_years is None and v2.max_age_years == 30.0


@pytest.mark.parametrize(("content", "message"), [
    (b'{"ctrname": "EUCTR", "a3_full_title_of_the_trial": "x"}', "EudraCT"),
    (b'{"ctrname": "CTIS", "ctNumber": "nope"}', "EU trial number"),
    (b'{"ctrname": "ISRCTN", "isrctn": "123", "trialDescription": {}}', "ISRCTN number"),
    (b'{"ctrname": "ISRCTN", "isrctn": "12345678", "trialDescription": {}}', "no title"),
])
def test_broken_eu_records(content, message):
    with pytest.raises(ImportFormatError, match=message):
        parse_bytes(content, "bad.json")
