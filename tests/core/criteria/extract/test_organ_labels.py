"""An organ-function label or a PDQ therapy topic printed before a whole statement (task h-gap7, issue 16): the
item reads as it would on its own; other prefixes (a group, a part of the study, "Allowed:") keep the item unread.
Phrasings from dev-side records of the corpus (``scripts/extract/rewrite_gains.py``)."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import assert_reads
from tests.core.criteria.extract.phrasings import f as _f

_ALT_AST = {"all": [_f("ast_x_uln", "<", 1.2), _f("alt_x_uln", "<", 1.2)]}


@pytest.mark.parametrize(("text", "kind", "rule"), [
    # NCT00001725
    ("Liver function tests: ALT/AST less than 1.2 times upper limit of normal;", INCLUSION, _ALT_AST),
    # NCT00461396 (under an exclusion lead-in listing hepatic, renal and bone marrow dysfunction)
    ("Hepatic dysfunction: AST (SGOT) > 3x the upper limit of normal or total bilirubin > 2x upper limit of normal",
     EXCLUSION, {"any": [_f("ast_x_uln", ">", 3), _f("bilirubin_x_uln", ">", 2)]}),
    ("Bone marrow dysfunction: Hb < 8.5 g/dl, WBC < 2.5x10^9/L, or platelet count < 125x10^9/L", EXCLUSION,
     {"any": [_f("hemoglobin", "<", 8.5), _f("wbc", "<", 2.5), _f("platelets", "<", 125)]}),
    # NCT02856893, NCT04811001
    ("Abnormal cardiac function: LVEF < 50% (assessed by MUGA or ECHO)", EXCLUSION, _f("lvef_percent", "<", 50)),
    ("Renal impairment: creatinine clearance < 30 mL/min", EXCLUSION, _f("creatinine_clearance", "<", 30)),
])
def test_an_organ_label_before_its_thresholds_is_dropped(text, kind, rule):
    assert_reads(text, kind, rule)
    # the same statement without its label reads the same
    assert propose_rule(text.split(":", 1)[1], kind).rule == rule


def test_pdq_therapy_topics_before_a_whole_statement():
    # NCT00001437, NCT00002494
    washout = propose_rule("PRIOR/CONCURRENT THERAPY: At least 3 months since pentoxifylline.", INCLUSION)
    assert washout is not None and washout.rule["rule"] == _f("drug_weeks_since:pentoxifylline", ">=", 13.0)
    stop = propose_rule("Biologic: No concurrent growth factors", INCLUSION)
    assert stop is not None and stop.rule["rule"] == _f("drug_current:growth_factor", "=", False)


@pytest.mark.parametrize(("text", "kind"), [
    ("Joint MRI: Must not suffer from claustrophobia.", INCLUSION),  # a part of the study
    ("Donor: Pregnancy", EXCLUSION),  # another person
    ("TRACK I: ANC >= 1500/mm^3", INCLUSION),  # one arm of the trial
    ("Allowed: Hemophilia.", INCLUSION),  # permission, not a requirement
    ("Life expectancy: At least 3 years", INCLUSION),  # not an age
    ("Liver function: normal", INCLUSION),  # no threshold: a judgement of the reader
    ("Hepatic impairment: Child-Pugh B allowed", EXCLUSION),  # the rest is not a statement the extractor reads
    ("Renal dysfunction - creatinine > 1.8 mg/dl", EXCLUSION),  # a colon only
])
def test_other_prefixes_keep_the_item_unread(text, kind):
    assert propose_rule(text, kind) is None
