"""An "other" condition leaves the trial's own disease out (core.criteria.extract.own_conditions): "No other
malignancy within the past 5 years" in a breast-cancer trial is any malignancy but breast cancer."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rules
from core.criteria.extract.own_conditions import own_condition_ids, without_other
from core.trial_record import EXCLUSION, INCLUSION, CriterionNode

from .phrasings import f

BREAST = ("breast_cancer",)


@pytest.mark.parametrize(("text", "expected"), [
    ("No other malignancy within the past 5 years except basal cell carcinoma or carcinoma in situ of the cervix",
     "No malignancy within the past 5 years except breast cancer, basal cell carcinoma or carcinoma in situ of "
     "the cervix"),
    ("No other prior malignancy except nonmelanoma skin cancer.", "No prior malignancy except breast cancer, "
                                                                  "nonmelanoma skin cancer."),
    ("No other malignancy within the past 5 years", "No malignancy within the past 5 years except breast cancer"),
    ("History of other malignancy;", "History of malignancy except breast cancer;"),
])
def test_other_names_the_trials_own_disease_as_an_exception(text: str, expected: str) -> None:
    assert without_other(text, BREAST) == expected


@pytest.mark.parametrize(("text", "own"), [
    ("No other malignancy within the past 5 years", ()),  # the trial's disease is not known
    ("Other autoimmune disease", BREAST),  # breast cancer is not an autoimmune disease: other than what?
    ("No other malignancy", ("malignancy",)),  # the trial is for the named group itself
    ("Other forms of cancer", BREAST),
    ("Malignancy other than basal cell carcinoma", BREAST),  # "other than" is an exception, read as today
    ("No other malignancy and no other serious illness", BREAST),  # two "other": which is which?
    ("Other significant malignancy", BREAST),  # a word between "other" and the name the rewrite does not know
])
def test_other_is_left_alone_unless_the_trial_names_a_disease_below_it(text: str, own: tuple) -> None:
    assert without_other(text, own) == text


def test_own_conditions_are_all_or_nothing() -> None:
    assert own_condition_ids(["Breast Cancer", "breast cancer"]) == BREAST
    # a name the vocabulary does not resolve: a patient with that disease would count as "other"
    assert own_condition_ids(["Ovarian Cancer", "Primary Peritoneal Cavity Cancer"]) == ()
    # a state or broad group: other than which disease?
    assert own_condition_ids(["Metastatic Cancer", "Lung Cancer"]) == ()
    assert own_condition_ids(["Solid Tumor"]) == ()
    assert own_condition_ids([]) == ()


def test_a_trial_tree_reads_other_malignancy_against_its_conditions() -> None:
    criteria = [CriterionNode(INCLUSION, "Histologically confirmed breast cancer"),
                CriterionNode(INCLUSION, "No other malignancy within the past 5 years except nonmelanoma skin cancer"),
                CriterionNode(EXCLUSION, "History of other malignancy")]
    read = propose_rules(criteria, ["Breast Cancer"])
    fact = "condition_other_than_recent_years:malignancy|breast_cancer,non_melanoma_skin_cancer"
    assert read["inc-2"].rule == f(fact, ">=", 5)
    assert read["exc-1"].rule == f("condition_other_than:malignancy|breast_cancer", "=", True)
    # without the trial's conditions (or with ones the vocabulary cannot pin down) "other" stays unread
    for conditions in ((), ["Breast Cancer", "Quality of Life"]):
        unread = propose_rules(criteria, conditions)
        assert unread["inc-2"] is None and unread["exc-1"] is None


def test_the_catalog_reads_other_with_the_stored_conditions(tmp_path) -> None:
    import json

    from core.catalog import database
    from core.catalog.curation import propose_automatic_rules
    from core.catalog.models import Criterion
    from core.catalog.proposals import proposal_in_context
    from core.catalog.store import save_record
    from core.trial_record import TrialRecord

    record = TrialRecord(title="Other malignancy", registry_ids=["NCT09000002"], source_format="test",
                         conditions=["Colorectal Cancer"],
                         criteria=[CriterionNode(EXCLUSION, "History of other malignancy within 3 years")])
    database.connect(tmp_path / "catalog.sqlite", create=True)
    try:
        save_record(record)
        propose_automatic_rules(["NCT09000002"])
        stored = Criterion.get(Criterion.trial == "NCT09000002", Criterion.key == "exc-1").rule
        expected = f("condition_other_than_recent_years:malignancy|colorectal_cancer", "<", 3)
        assert (json.loads(stored) if isinstance(stored, str) else stored) == expected
        assert proposal_in_context("NCT09000002", "exc-1").rule == expected  # what the review screen shows
    finally:
        database.close()


NHL = ("non_hodgkin_lymphoma",)


@pytest.mark.parametrize(("text", "expected"), [
    # "another" and "a second" are "other" (issue 16, h-cond7: 89 dev-side items name a second cancer)
    ("No second malignancy within the past 5 years", "No malignancy within the past 5 years except Non-Hodgkin "
                                                     "lymphoma"),
    ("History of another malignancy", "History of malignancy except Non-Hodgkin lymphoma"),
    # "a second primary cancer" is another cancer; an "other than" list takes the trial's disease first
    ("Second primary cancer other than non-melanoma skin cancer",
     "cancer other than Non-Hodgkin lymphoma, non-melanoma skin cancer"),
    ("Other malignancies within 5 years", "malignancies within 5 years except Non-Hodgkin lymphoma"),
])
def test_another_and_second_name_the_trials_own_disease_too(text: str, expected: str) -> None:
    assert without_other(text, NHL) == expected


@pytest.mark.parametrize("text", [
    "Second degree heart block",  # no condition right after "second"
    "Second-line chemotherapy",
    "No second malignancy and no other serious illness",  # two of them: which is which?
    "Second primary autoimmune disease",  # "primary" is dropped only before a tumour
])
def test_second_is_left_alone_when_it_is_no_determiner_of_a_condition(text: str) -> None:
    assert without_other(text, NHL) == text


def test_a_trial_tree_reads_a_second_cancer_against_its_conditions() -> None:
    criteria = [CriterionNode(EXCLUSION, "Second primary cancer other than basal cell carcinoma"),
                CriterionNode(EXCLUSION, "Second malignancy"),
                CriterionNode(EXCLUSION, "Another autoimmune disease")]
    read = propose_rules(criteria, ["Non-Hodgkin Lymphoma"])
    assert read["exc-1"].rule == f("condition_other_than:malignancy|basal_cell_carcinoma,non_hodgkin_lymphoma",
                                   "=", True)
    assert read["exc-2"].rule == f("condition_other_than:malignancy|non_hodgkin_lymphoma", "=", True)
    assert read["exc-3"] is None  # NHL is no autoimmune disease: other than what?
    # the trial's disease unknown: "second" is not understood, so no rule
    assert propose_rules(criteria, [])["exc-2"] is None


def test_own_conditions_read_inverted_mesh_headings():
    # registries list MeSH headings inverted ("Lymphoma, Non-Hodgkin"): read as written the other way round
    assert own_condition_ids(["Lymphoma, Non-Hodgkin", "HIV Infections"]) == ("non_hodgkin_lymphoma", "hiv_infection")
    assert own_condition_ids(["Leukemia, Myeloid, Acute"]) == ("acute_myeloid_leukaemia",)
    assert own_condition_ids(["Arthritis, Rheumatoid"]) == ("rheumatoid_arthritis",)
    # still all or nothing: a list written with a comma that names no one concept either way round
    assert own_condition_ids(["Pain, Fatigue"]) == ()
    assert own_condition_ids(["Lymphoma, Non-Hodgkin", "Pain, Fatigue"]) == ()


def test_other_active_malignancy_is_one_now_other_than_the_trials_own_but_asked_in_a_cancer_trial():
    # "No other active malignancy" (h-cond11): the words are a malignancy now, the trial's own excepted …
    assert without_other("No other active malignancy", NHL) == "No active malignancy except Non-Hodgkin lymphoma"
    criteria = [CriterionNode(INCLUSION, "No other active malignancy"),
                CriterionNode(EXCLUSION, "Other active malignancies except basal cell carcinoma of the skin")]
    # … but a cancer trial's registry conditions may not name all of its own disease (h-judge11: a lymphoma trial
    # that also admits lymphoid leukaemias), so in a cancer trial any malignancy now is asked, not read
    read = propose_rules(criteria, ["Non-Hodgkin Lymphoma"])
    assert read["inc-1"] is None and read["exc-1"] is None
    unread = propose_rules(criteria, [])  # other than what?
    assert unread["inc-1"] is None and unread["exc-1"] is None


def test_in_a_cancer_trial_any_malignancy_now_is_asked_not_read():
    """h-judge11's audit: "No concurrent active malignancy" in an AML trial would rule out every AML patient; the
    registry's conditions do not reliably name all of the trial's own disease either ("active second primary cancer"
    in a lymphoma trial that also admits lymphoid leukaemias). A named cancer or spread keeps its reading."""
    from core.criteria.extract import propose_rules
    from core.trial_record import EXCLUSION, INCLUSION, CriterionNode

    items = [CriterionNode(INCLUSION, "No concurrent active malignancy"),
             CriterionNode(INCLUSION, "No concurrent malignancy except nonmelanoma skin cancer"),
             CriterionNode(INCLUSION, "No active brain metastases"),
             CriterionNode(EXCLUSION, "Patients with active second primary cancer.")]
    cancer = propose_rules(items, ["Acute Myeloid Leukemia"])
    assert cancer["inc-1"] is None and cancer["inc-2"] is None and cancer["exc-1"] is None
    assert cancer["inc-3"] is not None  # a named spread keeps its reading
    rheum = propose_rules(items, ["Rheumatoid Arthritis"])
    assert rheum["inc-1"] is not None and rheum["inc-2"] is not None  # no cancer of the trial's own: read
    assert propose_rules(items, ["Lymphoma, Non-Hodgkin"])["inc-1"] is None  # found by the words too
