"""A small catalog built in tmp_path for the UI tests."""

from __future__ import annotations

from datetime import date

import pytest

from core.catalog import database
from core.trial_record import EXCLUSION, INCLUSION, Contact, CriterionNode, Site, TrialRecord


def sample_records() -> list[TrialRecord]:
    ra = TrialRecord(
        title="Tofacitinib in Refractory Rheumatoid Arthritis",
        registry_ids=["NCT00000001", "EUCTR2020-000001-11"],
        brief_title="JAK after TNF failure",
        acronym="TOFA-RA",
        summary="Patients with RA who failed two biologics.",
        description="A longer description of the study.",
        conditions=["Rheumatoid Arthritis"],
        keywords=["JAK inhibitor", "difficult-to-treat"],
        interventions=["Drug: tofacitinib"],
        phase="Phase 3",
        study_type="Interventional",
        status="RECRUITING",
        status_notes=["Recruiting"],
        start_date=date(2024, 1, 15),
        end_date=date(2030, 6, 30),
        end_date_kind="estimated",
        first_posted=date(2023, 12, 1),
        last_updated=date(2025, 5, 2),
        enrollment=120,
        sponsor="Rheuma Foundation",
        collaborators=["University Hospital Basel"],
        sites=[
            Site(name="Charité", city="Berlin", region="Berlin", country="Germany", status="RECRUITING"),
            Site(name="Hôpital Cochin", city="Paris", country="France"),
        ],
        contacts=[
            Contact(name="Dr Anna Schmidt", role="Principal investigator", affiliation="Charité",
                    email="anna@example.org", phone="+49 30 1234", address="Charitéplatz 1, Berlin"),
        ],
        min_age_years=18,
        max_age_years=75,
        age_text="18 Years to 75 Years",
        sex="all",
        healthy_volunteers=False,
        criteria=[
            CriterionNode(INCLUSION, "Adults with RA by ACR/EULAR 2010 criteria", label="1"),
            CriterionNode(INCLUSION, "Inadequate response to one of the following:", label="2", children=[
                CriterionNode(INCLUSION, "a TNF inhibitor", label="a"),
                CriterionNode(INCLUSION, "an IL-6 receptor antagonist", label="b"),
            ]),
            CriterionNode(EXCLUSION, "Active tuberculosis", label="1"),
            CriterionNode(EXCLUSION, "Pregnancy or breast-feeding"),
        ],
        source_format="ctgov-json",
        source_file="NCT00000001.json",
        source_url="https://clinicaltrials.gov/study/NCT00000001",
        current_as_of=date.today(),
        extra={"Funding": "Public grant 42"},
    )
    sle = TrialRecord(
        title="Elucidation of refractoriness in treating systemic lupus erythematosus",
        registry_ids=["UMIN000042298"],
        conditions=["Systemic Lupus Erythematosus"],
        status="COMPLETED",
        min_age_years=15,
        sex="all",
        sites=[Site(name="Kyoto University Hospital", city="Kyoto", country="Japan")],
        contacts=[Contact(name="Dr Shared Person", email="shared@example.org")],
        criteria=[
            CriterionNode(INCLUSION, "Patient Selection Criteria for Standard Treatment Refractoriness:",
                          label="1", children=[
                              CriterionNode(INCLUSION, "Patients receiving induction steroid treatment",
                                            label="1-1"),
                          ]),
        ],
        sponsor="Kyoto University",
        source_format="umin-text",
        current_as_of=date(2025, 2, 25),
    )
    cjk = TrialRecord(
        title="难治性类风湿关节炎队列研究 Refractory RA cohort",
        registry_ids=["NCT00000003"],
        conditions=["Rheumatoid Arthritis"],
        status="RECRUITING",
        end_date=date(2020, 1, 1),
        enrollment=0,
        min_age_years=18,
        sites=[Site(name="北京大学第三医院", city="Beijing", country="China")],
        contacts=[Contact(name="Dr Shared Person", phone="+86 10 0000")],
        sponsor="Peking University Third Hospital",
        criteria=[CriterionNode(INCLUSION, "年龄 ≥ 18 岁", label="1")],
        source_format="aggregator-page",
        current_as_of=date(2025, 8, 22),
    )
    juvenile = TrialRecord(
        title="Belimumab After Rituximab in Juvenile <b>Sjogren's</b> Syndrome & more",
        registry_ids=["NCT00000004"],
        conditions=["Sjogren's Syndrome"],
        status="NOT_YET_RECRUITING",
        min_age_years=5,
        max_age_years=18,
        sites=[Site(name="Children's Hospital", city="Shanghai", country="China")],
        criteria=[CriterionNode(INCLUSION, "Age 5-18 years old <script>alert(1)</script>", label=None)],
        source_format="overview-page",
    )
    return [ra, sle, cjk, juvenile]


@pytest.fixture
def catalog(tmp_path):
    dest = tmp_path / "catalog.sqlite"
    database.build_catalog(dest, sample_records(), fingerprint="test")
    database.connect(dest)
    yield dest
    database.close()


@pytest.fixture
def window(qtbot, catalog):
    from ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture(scope="session")
def _seed_bundle_file(tmp_path_factory):
    from core.catalog.bundle import build_seed_catalog

    return build_seed_catalog(tmp_path_factory.mktemp("seed-bundle") / "catalog.sqlite")


@pytest.fixture
def seed_bundle(_seed_bundle_file, monkeypatch):
    """``open_catalog()`` serves the five hand-checked seed trials alone (built once per run),
    for UI tests written around their questions, verdicts and counts; the shipped catalog has
    the registry records besides, and its own tests."""
    from core.catalog import bundle

    monkeypatch.setattr(bundle, "ensure_bundled", lambda: _seed_bundle_file)
    return _seed_bundle_file
