"""Where the run of a blocking childless lead-in ends (task h-context10, ``leadin_runs``): the trial's other criteria
printed after a lead-in's alternatives, exceptions or examples are read, while a cohort's items, a permission's
provisos and the alternatives themselves stay unread. Real layouts from the dev-side corpus, and near-misses."""

from __future__ import annotations

from core.criteria.extract import propose_rules
from core.criteria.extract.leadin_runs import ends_run
from core.trial_record import EXCLUSION, INCLUSION, CriterionNode

_REGIMENS = "Incomplete response to treatment with at least one of the following regimens for over 3 months:"


def _items(kind: str, *texts: str) -> list[CriterionNode]:
    return [CriterionNode(kind=kind, text=t) for t in texts]


def _read(criteria: list[CriterionNode]) -> dict[str, bool]:
    out = propose_rules(criteria)
    return {key: out[key] is not None for key in out}


def test_a_negated_item_ends_the_alternatives_of_at_least_one_of_the_following():
    # NCT00001677: the regimens are alternatives; the criteria after them are the trial's own
    read = _read(_items(INCLUSION, "Age 18 years or older", _REGIMENS,
                        "MTX (greater than or equal to 17.5 mg/week) plus HCQ (greater than or equal to 200 mg/day);",
                        "MTX (greater than or equal to 17.5 mg/week) plus SSZ (greater than or equal to 1 gm/d);",
                        "No preexisting malignancy other than basal cell carcinoma.",
                        "No history of stroke, seizure disorder, or chronic neurologic disease.",
                        "ECOG performance status of 0 or 1."))
    assert not read["inc-3"] and not read["inc-4"]  # the alternatives stay unread
    assert read["inc-5"] and read["inc-6"] and read["inc-7"]


def test_without_a_negated_item_the_run_goes_on():
    read = _read(_items(INCLUSION, _REGIMENS, "MTX (greater than or equal to 17.5 mg/week);",
                        "ECOG performance status of 0 or 1."))
    assert not read["inc-2"] and not read["inc-3"]


def test_a_negated_state_that_may_be_an_alternative_does_not_end_the_run():
    read = _read(_items(INCLUSION, "Patients must meet at least one of the following:",
                        "Not a candidate for surgery", "ECOG performance status of 0 or 1."))
    assert not read["inc-3"]


def test_the_exceptions_of_a_pdq_malignancy_item_end_at_not_pregnant():
    # NCT00003292, NCT00002849: "Other:" with the exceptions printed as siblings of their lead-in
    out = propose_rules([CriterionNode(kind=INCLUSION, text="Other:", children=_items(
        INCLUSION, "No prior malignancy within past 5 years except adequately treated:",
        "Basal or squamous cell carcinoma of the skin", "Carcinoma in situ of the cervix", "Not pregnant or nursing",
        "Effective contraception required of fertile patients"))])
    assert out["inc-1.2"] is None and out["inc-1.3"] is None  # the exceptions are never required
    assert out["inc-1.4"] is not None and out["inc-1.5"] is not None


def test_a_pdq_field_heading_ends_the_run():
    read = _read(_items(INCLUSION, "Hepatic: Bilirubin normal, as defined by the following:",
                        "Total bilirubin no greater than 1.5 mg/dL", "Renal: Creatinine no greater than 1.5 mg/dL"))
    assert not read["inc-2"] and read["inc-3"]


def test_a_cohort_keeps_its_items_even_negated_ones():
    # NCT00001748: "Patient:" then "Donor:" with "Must not …" items; NCT00001167: "Normal Subjects:". A lead-in that
    # names another group binds its items to that group (h-cohort10, ``cohort_groups``): read, never trial-wide.
    for lead in ("Patient:", "Donor:", "Normal volunteers:", "For arm B:", "Group 3:", "Healthy controls:",
                 "PATIENT CRITERIA:"):
        out = propose_rules(_items(INCLUSION, lead, "Must not have serum creatinine greater than 3 mg/dl.",
                                   "ECOG performance status of 0 or 1."))
        grouped = {key: p is not None and "cohort-" in str(p.rule) for key, p in out.items()}
        if "PATIENT" in lead.upper():
            # (a "with:"-like lead-in such as "PATIENT CRITERIA:" reads negated items)
            assert out["inc-3"] is None and not any(grouped.values()), lead
            assert lead == "PATIENT CRITERIA:" or out["inc-2"] is None, lead
        else:
            assert grouped["inc-2"] and grouped["inc-3"], lead


def test_a_cohort_before_the_lead_in_keeps_its_group():
    # NCT00005785: "PATIENTS:" then a diagnosis with "(Exceptions:" — the items after it are still the patients'
    read = _read(_items(INCLUSION, "PATIENTS:", "AML in first complete or partial remission. (Exceptions:",
                        "No prior allogeneic transplant.", "ECOG performance status of 0 to 2."))
    assert not read["inc-3"] and not read["inc-4"]


def test_the_provisos_of_a_permission_stay_unread():
    # NCT00001450: "CNS Metastases Allowed Provided:" over "No requirement for concurrent steroids."
    read = _read(_items(INCLUSION, "CNS metastases allowed provided:", "Radiotherapy completed prior to entry.",
                        "No carcinomatous meningitis.", "ECOG performance status of 0 or 1."))
    assert not read["inc-3"] and not read["inc-4"]


def test_a_condition_or_a_stage_keeps_its_items():
    for lead in ("In the absence of marrow involvement, at least one of the following:",
                 "POST-CHEMOTHERAPY ELIGIBILITY:"):
        read = _read(_items(INCLUSION, lead, "Platelets at least 50,000/mm3", "No HIV infection.",
                            "ECOG performance status of 0 or 1."))
        assert not read["inc-3"] and not read["inc-4"], lead


def test_a_section_heading_with_its_items_ends_the_run_for_the_items_after_it():
    out = propose_rules([
        *_items(INCLUSION, "Eligible diagnoses:", "Melanoma"),
        CriterionNode(kind=INCLUSION, text="PATIENT CHARACTERISTICS:", children=_items(INCLUSION, "Age 18 and over")),
        *_items(INCLUSION, "ECOG performance status of 0 or 1.")])
    assert out["inc-2"] is None and out["inc-3.1"] is not None and out["inc-4"] is not None


def test_ends_run_directly():
    such_as, labs = ["Medical conditions such as:"], ["Laboratory data must meet the following:"]
    night_sweats = ["Angina"]
    assert ends_run(such_as, night_sweats, "No pregnant women")
    assert ends_run(labs, ["ANC > 1500/mm3"], "Renal: Creatinine < 1.5 mg/dL")
    assert not ends_run(labs, [], "Renal: Creatinine < 1.5 mg/dL")  # the first item is the lead-in's own
    assert not ends_run(such_as, [], "No pregnant women")
    assert not ends_run(such_as, ["No prior chemotherapy"], "No pregnant women")  # negated alternatives stay together
    assert not ends_run(such_as, night_sweats, "Pregnant women")
    assert not ends_run([], night_sweats, "No pregnant women")
    assert not ends_run(["Donor:", *such_as], night_sweats, "No pregnant women")
    assert not ends_run(["If female:"], night_sweats, "No pregnant women")
    assert not ends_run(["Prior radiotherapy allowed:"], ["To the pelvis"], "No radiotherapy to over 25% of marrow")
    assert not ends_run(such_as, night_sweats, "Not a candidate for surgery")


def test_a_lead_in_always_has_its_first_item():
    # the first item after "one of the following:" is an alternative even when negated; so are negated alternatives
    read = _read(_items(INCLUSION, "Patients must meet one of the following:", "No prior chemotherapy",
                        "No prior radiotherapy", "ECOG performance status of 0 or 1."))
    assert not any(read[k] for k in ("inc-2", "inc-3", "inc-4"))


def test_exclusion_lists_too():
    read = _read(_items(EXCLUSION, "An active infection as evidenced by signs such as:", "Night sweats.",
                        "No informed consent.", "Pregnancy."))
    assert not read["exc-2"] and read["exc-4"]


def test_a_pregnancy_state_ends_the_run_of_an_exclusion_list():
    # NCT00001165: "Pregnancy." after the conditions of "… will exclude patients from the study:" (h-repro11)
    read = _read(_items(EXCLUSION, "The following pre-existing conditions will exclude patients from the study:",
                        "Congestive heart failure;", "White blood count less than 2500/mm3;", "Pregnancy."))
    assert not read["exc-2"] and read["exc-4"]
    # … and after the therapies of a treatment lead-in (NCT00005097)
    read = _read(_items(EXCLUSION, "Use of the following systemic or local therapies for the periods specified, "
                        "prior to entry into the study:", "Any history of keloid formation.",
                        "Pregnant or nursing patients."))
    assert read["exc-3"]


def test_a_pregnancy_state_keeps_its_run_where_it_may_belong_to_the_lead_in():
    lead, run = ["Patients meeting all of the following are excluded:"], ["Age over 40"]
    assert not ends_run(lead, run, "Pregnancy.", EXCLUSION)  # a conjunction: the state alone excludes more
    such_as = ["Medical conditions such as:"]
    assert ends_run(such_as, ["Angina"], "Pregnant or nursing patients.", EXCLUSION)
    assert not ends_run(such_as, ["Angina"], "Pregnant women", INCLUSION)  # may be one of the alternatives
    assert not ends_run(["Healthy volunteers:", *such_as], ["Angina"], "Pregnancy.", EXCLUSION)  # a group's own
    assert not ends_run(such_as, ["Angina"], "Pregnancy loss within 1 year", EXCLUSION)  # not a state read alone
    read = _read(_items(INCLUSION, "Patients must meet one of the following:", "Postpartum within 6 weeks",
                        "Pregnant"))
    assert not read["inc-2"] and not read["inc-3"]


# --- hidden cohorts: repeats that hide none (``hidden_cohorts``) -------------------------------------------------

def test_a_statement_printed_twice_in_a_row_hides_no_cohort():
    # NCT00003789 ("Performance status - ECOG 0-2" / "… Zubrod 0-2"), NCT00000735 (an ACTG sentence printed twice)
    read = _read(_items(INCLUSION, "Performance status - ECOG 0-2", "Performance status - Zubrod 0-2",
                        "Platelet count at least 100,000/mm^3"))
    assert all(read.values())


def test_a_statement_repeated_under_each_pdq_therapy_heading_hides_no_cohort():
    # NCT00001579: "Recovered from toxic effects." after BIOLOGIC THERAPY:, CHEMOTHERAPY: and RADIOTHERAPY:
    read = _read(_items(INCLUSION, "BIOLOGIC THERAPY:", "No immunotherapy within past 4 weeks.",
                        "Recovered from toxic effects.", "CHEMOTHERAPY:", "No mitomycin within past 12 weeks.",
                        "Recovered from toxic effects.", "PERFORMANCE STATUS: ECOG 0-2."))
    assert read["inc-2"] and read["inc-5"] and read["inc-7"]


def test_repeats_that_still_hide_cohorts():
    # apart and under no heading, under the same heading twice, or in a list that names its groups
    apart = _items(INCLUSION, "Age 18 years or older", "Melanoma", "Age 18 years or older", "ECOG 0-1")
    same_heading = _items(INCLUSION, "HEPATIC:", "Bilirubin normal", "ECOG 0-1", "HEPATIC:", "Bilirubin normal")
    groups = _items(INCLUSION, "Group A:", "CHEMOTHERAPY:", "Recovered from toxic effects.", "ECOG 0-1",
                    "RADIOTHERAPY:", "Recovered from toxic effects.")
    for criteria in (apart, same_heading, groups):
        assert not any(_read(criteria).values())
