"""PDQ laboratory lines printed without their line breaks (``lab_lines``, task h-labs9): real dev-side phrasings of
the mined corpus, and near-misses that must stay whole or unread."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.criteria.extract.lab_lines import split
from tests.core.criteria.extract.phrasings import assert_reads, f


def test_a_glued_pdq_block_is_every_threshold_it_holds():
    text = ("Not specified Hematopoietic: Absolute granulocyte count at least 1,500/mm3 Platelet count at least "
            "100,000/mm3 Hepatic: Bilirubin no greater than 1.5 times upper limit of normal (ULN) SGOT no greater than "
            "2 times ULN Renal: Creatinine no greater than 2.0 mg/dL")
    assert_reads(text, "inclusion", {"all": [f("neutrophils", ">=", 1.5), f("platelets", ">=", 100),
                                             f("bilirubin_x_uln", "<=", 1.5), f("ast_x_uln", "<=", 2),
                                             f("creatinine", "<=", 176.8)]})


@pytest.mark.parametrize(("text", "pieces"), [
    ("Platelet count at least 100,000/mm3 Hb at least 10 g/dL", ["Platelet count at least 100,000/mm3",
                                                                 "Hb at least 10 g/dL"]),
    ("Creatinine less than 2.26 mg/dL Serum calcium no greater than 3.1 mmol/L",
     ["Creatinine less than 2.26 mg/dL", "Serum calcium no greater than 3.1 mmol/L"]),
    ("Hepatic: Bilirubin normal Renal: Creatinine normal", ["Bilirubin normal", "Creatinine normal"]),
])
def test_pieces(text, pieces):
    assert split(text) == pieces


@pytest.mark.parametrize("text", [
    "Karnofsky 70-100% ECOG 0-2",  # the same requirement on two scales: an alternative, not both
    "Creatinine no greater than 1.5 times ULN OR Creatinine clearance at least 50 mL/min",  # no threshold end before
    "Bilirubin no greater than 2.5 mg/dL AST no greater than 4 times normal Cardiovascular:",  # a lead-in at the end
    "Platelet count at least 100,000/mm3",
])
def test_not_cut(text):
    assert split(text) == [text]


def test_a_piece_not_understood_leaves_the_whole_line_unread():
    assert propose_rule("Performance status: ECOG 0-2 Life expectancy: At least 12 weeks", "inclusion") is None
    assert propose_rule("Platelet count at least 100,000/mm3 Hb at least 10 g/dL", "exclusion") is None


@pytest.mark.parametrize("text", [
    # a limit for an age band, not two requirements
    "Ages 3-5 Creatinine no greater than 0.8 mg/dL",
    # an upper-case OR joins groups of the glued statements
    "Bilirubin no greater than upper limit of normal (ULN) SGOT/SGPT no greater than 2.5 times ULN Alkaline "
    "phosphatase no greater than ULN OR SGOT/SGPT no greater than ULN Alkaline phosphatase no greater than 4 times ULN",
])
def test_near_misses_stay_unread(text):
    assert split(text) == [text]
    assert propose_rule(text, "inclusion") is None


@pytest.mark.parametrize(("text", "rule"), [
    ("Karnofsky 70-100% ECOG 0-2", {"any": [f("score:karnofsky", ">=", 70), f("ecog", "<=", 2)]}),
    ("Performance status: Karnofsky 50-100% (ECOG 0-2)", {"any": [f("score:karnofsky", ">=", 50), f("ecog", "<=", 2)]}),
    ("Karnofsky 70-100% SWOG 0 or 1", {"any": [f("score:karnofsky", ">=", 70), f("ecog", "<=", 1)]}),
    ("Zubrod 0-2 Karnofsky 60-100% ECOG 0-2", {"any": [f("ecog", "<=", 2), f("score:karnofsky", ">=", 60)]}),
])
def test_performance_status_on_two_scales_is_met_on_either(text, rule):
    assert_reads(text, "inclusion", rule)


@pytest.mark.parametrize(("text", "kind"), [
    ("Karnofsky 70%-100% (over age 16) Lansky 70%-100% (ages 6-16)", "inclusion"),  # a scale per age band
    ("Karnofsky less than 50% ECOG 3-4", "exclusion"),
])
def test_performance_scale_near_misses(text, kind):
    assert propose_rule(text, kind) is None
