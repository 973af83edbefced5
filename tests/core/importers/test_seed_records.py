"""Field-by-field checks of the five seed records, each read by its layout's importer."""

from __future__ import annotations

from datetime import date

import pytest

from core.catalog import status as st
from core.importers import aggregator_page, ctgov_card, overview_page, umin_text
from core.importers.registry import parse_file
from core.trial_record import criterion_keys
from resources import paths

SEEDS = paths.seed_sources()


def seed(prefix: str):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return parse_file(path)


def keyed(record):
    return {key: node for key, _parent, node in criterion_keys(record.criteria)}


def test_seed_files_are_bundled():
    assert len(list(SEEDS.glob("*.txt"))) == 5


def test_000_refractory_ra_aggregator_page():
    r = seed("000")
    assert r.source_format == aggregator_page.FORMAT
    assert r.title == "Prospective Cohort Study on Refractory Rheumatoid Arthritis"
    assert r.registry_ids == [] and r.trial_id.startswith("LOCAL-")
    assert r.sponsor == "Peking University Third Hospital"
    assert r.extra["Launched"] == "2025-08-11"
    assert r.current_as_of == date(2025, 8, 22)
    assert r.status == st.RECRUITING
    assert r.sex == "all"
    assert r.summary.startswith("This clinical trial is studying a group of people with rheumatoid arthritis")
    assert r.contacts[0].name == "Jennifer Cobb"
    assert "NIAID" in r.contacts[0].affiliation
    assert [(s.city, s.region, s.country) for s in r.sites] == [("Beijing", "Beijing", "China")]
    assert r.min_age_years == 18 and r.max_age_years is None
    assert r.enrollment is None and r.phase is None  # the page does not say: nothing invented
    items = keyed(r)
    assert [k for k in items if k.startswith("inc")] == ["inc-1", "inc-2", "inc-3", "inc-4", "inc-5"]
    assert [k for k in items if k.startswith("exc")] == ["exc-1", "exc-2", "exc-3"]
    assert items["inc-2"].text == "Age >18 years."  # markdown escape undone
    assert items["exc-1"].text == "Age <18 years."
    assert items["inc-5"].label == "5"


def test_001_juvenile_sjogren_card():
    r = seed("001")
    assert r.source_format == ctgov_card.FORMAT
    assert r.title == "Effectiveness of Belimumab After Rituximab in Resistant Primary Juvenile Sjogren's Syndrome"
    assert r.status == st.RECRUITING
    assert r.study_type == "Interventional" and r.phase == "Phase 4"
    assert (r.min_age_years, r.max_age_years) == (5, 18)
    assert r.enrollment == 15
    assert r.sex == "all" and r.healthy_volunteers is False
    assert r.start_date == date(2024, 3, 9)
    assert (r.end_date, r.end_date_kind) == (date(2026, 12, 31), "estimated")
    assert r.sponsor == "Peking Union Medical College Hospital"
    assert len(r.collaborators) == 11 and r.collaborators[0] == "Central South University"
    assert r.collaborators[-1] == "Shengjing Hospital"
    site = r.sites[0]
    assert (site.name, site.city, site.country, site.status) == (
        "Peking Union Medical College Hospital", "Beijing", "China", st.RECRUITING)
    c = r.contacts[0]
    assert (c.name, c.role, c.email, c.phone) == ("Zhou", "Primary", "yzhou11@tsinghua.org.cn", "+86 01069156251")
    assert r.interventions == ["Experimental: sequential use of rituximab and belimumab"]
    items = keyed(r)
    assert len([k for k in items if "." not in k]) == 4
    assert all(k.startswith("inc") for k in items)
    # "One of the following conditions still exists: a) b) c)" keeps its structure.
    assert [items[f"inc-3.{i}"].label for i in (1, 2, 3)] == ["a", "b", "c"]
    assert items["inc-3"].text.endswith("One of the following conditions still exists:")
    assert items["inc-3.3"].text == "sustained increased inflammatory markers, such as ESR"


def test_002_dermatomyositis_overview_page():
    r = seed("002")
    assert r.source_format == overview_page.FORMAT
    assert r.title.startswith("An Exploratory Study on the Efficacy and Safety of Abatacept")
    assert r.status == st.RECRUITING
    assert r.end_date == date(2022, 7, 31)
    assert r.enrollment == 0
    assert r.sex == "all" and r.healthy_volunteers is False
    assert r.phase == "Early Phase 1"
    assert r.sponsor == "The First Affiliated Hospital with Nanjing Medical University"
    assert r.collaborators == ["National Natural Science Foundation of China"]
    assert r.interventions == ["Abatacept"]
    assert r.summary.endswith("based on the evidence of case reports.")
    assert r.min_age_years == 18 and r.max_age_years is None
    items = keyed(r)
    assert [k for k in items if k.startswith("inc")] == ["inc-1", "inc-2", "inc-3", "inc-4"]
    assert len([k for k in items if k.startswith("exc")]) == 7
    # Hard-wrapped lines are joined back into one item.
    assert items["inc-2"].text.endswith("at a stable dose >3 months.")
    assert "myopathy, or clinically free myopathic" in items["inc-1"].text


def test_003_umin_sle():
    r = seed("003")
    assert r.source_format == umin_text.FORMAT
    assert r.registry_ids == ["UMIN000042298"] and r.trial_id == "UMIN000042298"
    assert r.title == "Elucidation of refractoriness in treating systemic lupus erythematosus"
    assert r.status == st.COMPLETED
    assert r.min_age_years == 15 and r.max_age_years is None
    assert r.sex == "all"
    assert r.study_type == "Observational"
    assert r.enrollment == 40 and r.extra["Participants enrolled"] == "44"
    assert r.conditions == ["Systemic Lupus Erythematosus"]
    assert r.sponsor == "Kyoto University" and r.extra["Funding source"] == "GSK"
    assert r.last_updated == date(2025, 2, 25) and r.first_posted == date(2020, 10, 31)
    assert r.start_date == date(2020, 10, 30)
    assert r.contacts[0].name == "Hajime Yoshifuji"
    assert r.contacts[0].email == "yossii@kuhp.kyoto-u.ac.jp"
    assert r.contacts[1].phone == "075-751-3111"
    assert r.sites[0].country == "Japan" and r.sites[0].city == "Kyoto"
    assert r.source_url.endswith("recptno=R000048284")
    items = keyed(r)
    assert [k for k in items if k.startswith("inc") and "." not in k] == ["inc-1", "inc-2", "inc-3", "inc-4"]
    assert [items["inc-1.1"].label, items["inc-1.2"].label] == ["1-1", "1-2"]
    assert items["exc-1"].text.startswith("Exclusion criteria common among studies")
    assert len([k for k in items if k.startswith("exc")]) == 5


def test_004_car_nk_aggregator_page():
    r = seed("004")
    assert r.source_format == aggregator_page.FORMAT
    assert r.title.startswith("An Exploratory Clinical Study of CD19 CAR NK Cells")
    assert r.sponsor == "The First Affiliated Hospital With Nanjing Medical University"
    assert r.current_as_of == date(2025, 7, 2)
    assert r.status == st.RECRUITING
    assert (r.min_age_years, r.max_age_years) == (18, 70)
    assert set(r.conditions) == {"Rheumatoid Arthritis", "Antisynthetase Syndrome"}
    assert [(s.city, s.region, s.country) for s in r.sites] == [("Nanjing", "Jiangsu", "China")]
    items = keyed(r)
    assert [k for k in items if k.startswith("inc")] == [f"inc-{i}" for i in range(1, 10)]
    assert len([k for k in items if k.startswith("exc")]) == 10
    assert items["inc-5"].text == "Subjects with estimated survival > 12 weeks."
    # "9. 2 weeks after ..." is item 9, not a number inside item 8
    assert items["inc-9"].label == "9" and items["inc-9"].text.startswith("2 weeks after")
    assert [(k, n.label) for k, n in items.items() if k.startswith("exc")][-1] == ("exc-10", "10")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_seed_item_is_verbatim_source_text(prefix):
    """No criterion text is invented: each item's words occur in the source in order."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    source = " ".join(path.read_text(encoding="utf-8").replace("\\", "").split())
    for _key, _parent, node in criterion_keys(seed(prefix).criteria):
        assert " ".join(node.text.split()) in source, node.text
