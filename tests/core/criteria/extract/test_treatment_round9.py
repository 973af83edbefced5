"""Treatment and vaccine phrasings read after the distinct-text count of issue 16 round 9
(``scripts/extract/drug_blockers.py --gaps``): names the vocabulary lacked (retinoids, antiandrogens, growth hormone,
rabies and smallpox vaccination) and a class with an exception it does not hold ("NSAIDs (except acetaminophen)"),
with the near-misses that must stay unread."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import assert_facts_and_steps


@pytest.mark.parametrize(("text", "kind", "facts", "steps"), [
    ("At least 3 weeks since prior retinoids", INCLUSION, [("drug_weeks_since:retinoid", ">=", 3.0)], ["washout"]),
    ("No prior isotretinoin", INCLUSION, [("drug_ever:isotretinoin", "=", False)], []),
    ("At least 4 weeks since prior nonsteroidal antiandrogens", INCLUSION,
     [("drug_weeks_since:antiandrogen", ">=", 4.0)], ["washout"]),
    ("Subjects who are taking androgens or anti-androgens", EXCLUSION,
     [("drug_current:androgen", "=", True), ("drug_current:antiandrogen", "=", True)], ["stop_medication"]),
    ("Prior rabies immunization.", EXCLUSION, [("drug_ever:rabies_vaccine", "=", True)], []),
    ("Previous immunization against rabies.", EXCLUSION, [("drug_ever:rabies_vaccine", "=", True)], []),
    ("No history of smallpox vaccination.", INCLUSION, [("drug_ever:smallpox_vaccine_live", "=", False)], []),
    ("Human growth hormone within 30 days prior to study entry", EXCLUSION,
     [("drug_weeks_since:somatropin", "<", 4.2857)], ["washout"]),
    # an exception the class does not hold leaves the class whole
    ("Antiretroviral agents (except ribavirin) within 30 days prior to study entry", EXCLUSION,
     [("drug_weeks_since:antiretroviral", "<", 4.2857)], ["washout"]),
    ("Current use of nonsteroidal anti-inflammatory drugs (except acetaminophen)", EXCLUSION,
     [("drug_current:nsaid", "=", True)], ["stop_medication"]),
])
def test_reads(text, kind, facts, steps):
    assert_facts_and_steps(text, kind, facts, steps)


@pytest.mark.parametrize(("text", "kind"), [
    ("At least 4 weeks since prior retinoids and recovered", INCLUSION),  # recovery is judgement
    ("No prior anti-androgen therapy for metastatic disease", INCLUSION),  # a purpose the facts do not hold
    ("No prior systemic therapy", INCLUSION),  # which systemic therapy? not said
    ("No concurrent hormonal therapy (except tamoxifen and somatostatin analogues)", INCLUSION),  # "and"
])
def test_near_misses_stay_unread(text, kind):
    assert propose_rule(text, kind) is None


def test_an_exception_sharing_a_drug_with_the_class_is_not_dropped():
    # methotrexate is a DMARD: "immunosuppressants other than DMARDs" takes drugs out that the class holds, so the
    # class is not read whole (the exception reader opens it up, or nothing is read)
    from core.criteria.extract.drug_names import _disjoint

    assert not _disjoint("dmard", "methotrexate") and not _disjoint("antiretroviral", "nrti")
    assert _disjoint("nsaid", "paracetamol") and _disjoint("antiretroviral", "ribavirin")
