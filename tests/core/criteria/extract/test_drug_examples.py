"""Example drugs a class does not hold are kept beside it (``core.criteria.extract.drug_examples``, issue 16 round 9):
"no concurrent CYP3A4 inhibitors (e.g., verapamil, erythromycin, miconazole)" excludes a patient on miconazole too,
which the vocabulary does not file under the class; examples that are not all whole drugs keep the refusal."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.criteria.extract.drug_examples import uncovered_examples
from core.criteria.extract.examples import drop_covered_examples
from core.trial_record import EXCLUSION, INCLUSION
from core.vocab import drugs
from tests.core.criteria.extract.phrasings import assert_facts_and_steps


@pytest.mark.parametrize(("text", "kind", "facts", "steps"), [
    ("No concurrent CYP3A4 inhibitors (e.g., verapamil, erythromycin, miconazole, or ketoconazole)", INCLUSION,
     [("drug_current:cyp3a4_inhibitor", "=", False), ("drug_current:miconazole", "=", False)], ["stop_medication"]),
    ("Current use of anticoagulants (e.g., warfarin, aspirin)", EXCLUSION,
     [("drug_current:anticoagulant", "=", True), ("drug_current:aspirin", "=", True)], ["stop_medication"]),
    ("Prior TNF inhibitors (e.g., infliximab, rituximab)", EXCLUSION,
     [("drug_ever:tnf_inhibitor", "=", True), ("drug_ever:rituximab", "=", True)], []),
])
def test_an_example_the_class_does_not_hold_is_kept_beside_it(text, kind, facts, steps):
    assert_facts_and_steps(text, kind, facts, steps)


@pytest.mark.parametrize(("text", "kind"), [
    ("Systemic corticosteroids (e.g., prednisone > 10 mg/day)", EXCLUSION),  # a dose, not a drug
    ("Immunomodulators such as levamisole or isoprinosine", EXCLUSION),  # isoprinosine: no drug of the vocabulary
    ("Prior biologics such as rituximab or an investigational antibody", EXCLUSION),
    ("Medications such as warfarin", EXCLUSION),  # no drug before the list
])
def test_examples_not_all_whole_drugs_stay_unread(text, kind):
    assert propose_rule(text, kind) is None


def test_only_the_uncovered_examples_are_kept():
    assert drugs.is_a("ketoconazole", "cyp3a4_inhibitor") and not drugs.is_a("miconazole", "cyp3a4_inhibitor")
    assert uncovered_examples("cyp3a4_inhibitor", "verapamil, miconazole, or ketoconazole") == ["miconazole"]
    assert uncovered_examples("tnf_inhibitor", "infliximab, adalimumab") is None  # covered: the other reader's
    assert drop_covered_examples("cyp3a4 inhibitors (e.g., verapamil, miconazole) within 2 weeks") == (
        "cyp3a4 inhibitors or miconazole within 2 weeks")


def test_an_example_list_before_a_window_is_read_like_a_trailing_one():
    assert drop_covered_examples("immunomodulators such as interferon alfa or thalidomide within the past month") == (
        "immunomodulators within the past month")
    assert drop_covered_examples("malignancy, such as lymphoma, within 5 years") == "malignancy within 5 years"
    kept = "heart disease such as stroke within 5 years"  # a stroke is no heart disease: the refusal stands
    assert drop_covered_examples(kept) == kept
    assert_facts_and_steps("Systemic corticosteroids or immunomodulators including interferon and interleukin within "
                           "90 days of study entry", EXCLUSION,
                           [("drug_weeks_since:glucocorticoid", "<", 12.8571),
                            ("drug_weeks_since:immunomodulator", "<", 12.8571)], ["washout"])
