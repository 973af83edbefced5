"""Example lists the concept before them already covers are dropped ("X including Y" reads as X);
any other example list keeps the criterion unread (``core.criteria.extract.examples``)."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.criteria.extract.examples import drop_covered_examples
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import assert_reads, f

# Phrasings as they recur in the registry records (ACTG and PDQ medication lists, history items).
READINGS = [
    ("Any malignancy including lymphoma", EXCLUSION, f("condition:malignancy", "=", True)),
    ("No history of inflammatory bowel disease such as ulcerative colitis", INCLUSION,
     f("condition:inflammatory_bowel_disease", "=", False)),
    ("No cardiovascular disease (e.g., angina or congestive heart failure)", INCLUSION,
     f("condition_current:cardiovascular_disease", "=", False)),  # a group holding episodes: now
    ("No known autoimmune disease (e.g., Crohn's disease)", INCLUSION, f("condition:autoimmune_disease", "=", False)),
    ("Prior TNF inhibitors (e.g., infliximab, adalimumab)", EXCLUSION, f("drug_ever:tnf_inhibitor", "=", True)),
    ("No prior chemotherapy (including paclitaxel)", INCLUSION, f("drug_ever:chemotherapy", "=", False)),
    ("No prior topoisomerase I inhibitor (e.g., topotecan or irinotecan) or taxane (e.g., paclitaxel or docetaxel)",
     INCLUSION, {"all": [f("drug_ever:topoisomerase_i_inhibitor", "=", False), f("drug_ever:taxane", "=", False)]}),
    ("No known hypersensitivity to macrolide antibiotics (e.g., clarithromycin, erythromycin, or azithromycin)",
     INCLUSION, f("allergy:macrolide", "=", False)),
]


@pytest.mark.parametrize(("text", "kind", "rule"), READINGS, ids=[r[0][:60] for r in READINGS])
def test_a_covered_example_list_reads_as_its_concept(text, kind, rule):
    assert_reads(text, kind, rule)


NO_RULE = [
    ("Heart disease such as myocardial infarction or stroke", EXCLUSION),  # a stroke is no heart disease
    ("No cardiac disease including hypertension", INCLUSION),  # widens the concept: hypertension is not under it
    ("Cardiovascular disease, i.e. myocardial infarction", EXCLUSION),  # a definition, not an example
    ("Prior biologics such as rituximab or an investigational antibody", EXCLUSION),  # an example not in the list
    ("Medications such as warfarin", EXCLUSION),  # no concept before the list
    ("Infections including tuberculosis, pneumonia and others not listed", EXCLUSION),
]


@pytest.mark.parametrize(("text", "kind"), NO_RULE, ids=[n[0][:60] for n in NO_RULE])
def test_an_example_list_the_concept_does_not_cover_stays_unread(text, kind):
    assert propose_rule(text, kind) is None


def test_only_the_covered_list_is_dropped():
    assert drop_covered_examples("malignancy (e.g., lymphoma) within 5 years") == "malignancy within 5 years"
    kept = "heart disease (e.g., stroke) within 5 years"
    assert drop_covered_examples(kept) == kept
