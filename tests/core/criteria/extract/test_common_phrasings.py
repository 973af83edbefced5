"""Common phrasings read since issue 16's short pass (h-ex2): "previous or current treatment with X" as
``drug_ever``, a comma glued to "or", a leading "either … or …", alternative thresholds in an inclusion,
"seropositivity" and "on central laboratory", the pregnancy test with the women named after it or not at all.
Phrasings are the corpus's own; near misses must give no rule."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import PREGNANCY_TEST, assert_reads, f


def ever(drug):
    return f(f"drug_ever:{drug}", "=", True)


def positive(lab, value=True):
    return f(f"lab_positive:{lab}", "=", value)


_WOCBP_TEST = {"any": [f("childbearing_potential", "=", False), PREGNANCY_TEST]}

READINGS = [
    # 1-2: previous or current use is use ever received; a glued ",or" reads like ", or"
    ("Previous or current treatment with anakinra, canakinumab,or any other Interleukin-1 (IL-1) inhibitor.",
     EXCLUSION, {"any": [ever("anakinra"), ever("canakinumab"), ever("il1_inhibitor")]}),
    ("Previous or current treatment with anakinra, canakinumab, or any other Interleukin-1 (IL-1) inhibitor",
     EXCLUSION, {"any": [ever("anakinra"), ever("canakinumab"), ever("il1_inhibitor")]}),
    ("Previous or current treatment with lamotrigine", EXCLUSION, ever("lamotrigine")),
    ("Current or prior treatment with rituximab", EXCLUSION, ever("rituximab")),
    ("Previous treatment with anakinra,or canakinumab", EXCLUSION, {"any": [ever("anakinra"), ever("canakinumab")]}),
    ("Rheumatoid arthritis,or systemic lupus erythematosus", EXCLUSION,
     {"any": [f("condition:rheumatoid_arthritis", "=", True), f("condition:sle", "=", True)]}),
    # 3: "either A or B" is A or B; alternative thresholds in an inclusion mean at least one
    ("Either HAQ-DI score ≥ 0.25 points or PtGA score ≥ 3 points", INCLUSION,
     {"any": [f("score:haq_di", ">=", 0.25), f("score:patient_global", ">=", 3)]}),
    ("Karnofsky score >= 70 or Eastern Cooperative Oncology Group (ECOG) =< 2", INCLUSION,
     {"any": [f("score:karnofsky", ">=", 70), f("ecog", "<=", 2)]}),
    ("Either DAS28-CRP > 3.2 or CDAI > 10", INCLUSION, {"any": [f("das28_crp", ">", 3.2), f("score:cdai", ">", 10)]}),
    # 4: seropositivity is the antibody positive; where it is measured does not change it
    ("Anticentromere antibody seropositivity on central laboratory", EXCLUSION, positive("anti_centromere")),
    ("ACPA seropositive", INCLUSION, positive("acpa")),
    ("seronegative for RF", INCLUSION, positive("rf", False)),
    ("Seropositivity for anti-CCP or RF at screening", INCLUSION, {"any": [positive("acpa"), positive("rf")]}),
    ("Anti-dsDNA positive by central laboratory at screening", INCLUSION, positive("anti_dsdna")),
    # 5: the pregnancy test, with the women it concerns named before, after, or not at all
    ("Women of childbearing potential with a negative urine pregnancy test", INCLUSION, _WOCBP_TEST),
    ("Females of childbearing potential who have a negative serum pregnancy test prior to randomization", INCLUSION,
     _WOCBP_TEST),
    ("Negative pregnancy test (females of childbearing potential)", INCLUSION, _WOCBP_TEST),
    ("Negative urine pregnancy test (for women of childbearing potential).", INCLUSION, _WOCBP_TEST),
    ("Negative urine pregnancy test prior to study entry(female of child-bearing potential)", INCLUSION, _WOCBP_TEST),
    ("Patients must have a negative urine pregnancy test (women of childbearing potential).", INCLUSION, _WOCBP_TEST),
    ("must have a negative serum pregnancy test at screening", INCLUSION, PREGNANCY_TEST),
    ("Have a negative pregnancy test.", INCLUSION, PREGNANCY_TEST),
]


@pytest.mark.parametrize(("text", "kind", "rule"), READINGS, ids=[r[0][:60] for r in READINGS])
def test_reading(text, kind, rule):
    assert_reads(text, kind, rule)


NO_RULE = [
    # "either no A or B" is (not A) or B: a leading "no" would read it as neither
    ("EITHER no use of an antiretroviral within the past 4 weeks OR use of approved regimens of AZT, ddI, or ddC.",
     INCLUSION),
    ("Either HIV infection OR no HIV infection.", INCLUSION),
    ("Either of the following:", INCLUSION),
    ("Either HAQ-DI ≥ 0.25 or PtGA ≥ 3 and CRP > 10 mg/l", INCLUSION),  # (A or B) and C, or A or (B and C)?
    # "DAS28-CRP > 3.2 or CDAI > 10" is not DAS28-CRP > 10 (one comparator per score)
    ("DAS28-CRP > 3.2 or HAQ-DI score of 1", INCLUSION),
    ("Seropositivity for anti-CCP within 3 months", INCLUSION),
    ("RF positive on 2 occasions", INCLUSION),
    # the pregnancy test is never an exclusion, and a women's subject not read is not dropped
    ("Negative pregnancy test", EXCLUSION),
    ("Women with a negative pregnancy test", INCLUSION),
    ("Negative pregnancy test within 2 days of the scan", INCLUSION),
    # a screening TB test: no fact for the test, and a result is not a step (docs/rules.md)
    ("The result of tuberculosis test within 8 weeks prior to enrollment is negative.", INCLUSION),
    ("negative QuantiFERON (IGRA) test at screening", INCLUSION),
    ("Previous or current treatment with methotrexate at a dose > 25 mg", EXCLUSION),
]


@pytest.mark.parametrize(("text", "kind"), NO_RULE, ids=[n[0][:60] for n in NO_RULE])
def test_no_rule(text, kind):
    assert propose_rule(text, kind) is None


def test_previous_or_current_use_reads_like_previous_use():
    assert propose_rule("Previous or current treatment with anakinra", EXCLUSION).rule == \
        propose_rule("Previous treatment with anakinra", EXCLUSION).rule


def test_the_bare_pregnancy_test_is_a_step_and_never_excludes():
    proposal = propose_rule("Negative serum pregnancy test at screening", INCLUSION)
    assert proposal.modifiable


@pytest.mark.parametrize("text", ["Either RA or PsA", "Either ACPA or RF positive",
                                  "either age >= 18 or weight >= 40 kg"])
def test_a_leading_either_reads_like_the_list_without_it(text):
    without = text.split(" ", 1)[1]
    assert propose_rule(text, INCLUSION).rule == propose_rule(without, INCLUSION).rule
