"""Round 5 of the lab / infection / reproduction phrasings (issue 16): PDQ items printed without their line breaks
("Negative pregnancy test HIV negative"), one "negative" shared by a list of infection tests ("Hepatitis B or C
negative"), "hepatitis C negative", older unit spellings ("/cu mm", "micromoles/liter", "x UNL", a decimal comma)
and a threshold restated in another unit ("1.1 mg/dL (20 micromoles/L)"); with the near-misses that must still
give no rule. Every phrasing here recurs in the dev side of the real criteria corpus."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.criteria.extract.normalise import glued_items
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import FERTILE_CONTRA, NOT_CBP, PREGNANCY_TEST, assert_reads, f

NO_HIV = f("hiv", "=", False)
NO_HBSAG = f("hbsag_positive", "=", False)
NO_HCV = f("hcv_antibody_positive", "=", False)
NOT_PREGNANT, NOT_NURSING = f("pregnant", "=", False), f("lactating", "=", False)
LIVER_METS = f("condition:liver_metastases", "=", True)

READINGS = [
    # glued PDQ "Other:" items: each read on its own, all of them to include
    ("Fertile patients must use effective contraception HIV negative", INCLUSION, {"all": [FERTILE_CONTRA, NO_HIV]}),
    ("Negative pregnancy test HIV negative", INCLUSION, {"all": [PREGNANCY_TEST, NO_HIV]}),
    ("No active infections HIV negative", INCLUSION, {"all": [f("active_infection", "=", False), NO_HIV]}),
    ("No AIDS HIV negative", INCLUSION, {"all": [f("condition:aids", "=", False), NO_HIV]}),
    # before, the leading "Not" was read over the whole text and the contraception part became a negated question
    ("Not pregnant or nursing Effective contraception required of all fertile patients", INCLUSION,
     {"all": [NOT_PREGNANT, NOT_NURSING, FERTILE_CONTRA]}),
    ("No pregnant or nursing women Adequate contraception required of fertile patients", INCLUSION,
     {"all": [NOT_PREGNANT, NOT_NURSING, FERTILE_CONTRA]}),
    ("Negative pregnancy test required of fertile women Effective contraception required of fertile patients",
     INCLUSION, {"all": [{"any": [NOT_CBP, PREGNANCY_TEST]}, FERTILE_CONTRA]}),
    ("Other: Not pregnant or nursing Negative pregnancy test Fertile patients must use effective contraception",
     INCLUSION, {"all": [NOT_PREGNANT, NOT_NURSING, PREGNANCY_TEST, FERTILE_CONTRA]}),
    # one "negative" for a list of infection tests: each negative
    ("Hepatitis B or C negative.", INCLUSION, {"all": [NO_HBSAG, NO_HCV]}),
    ("Hepatitis B and C negative", INCLUSION, {"all": [NO_HBSAG, NO_HCV]}),
    ("Hepatitis B surface antigen and hepatitis C negative", INCLUSION, {"all": [NO_HBSAG, NO_HCV]}),
    ("HIV, hepatitis B surface antigen, and hepatitis C negative", INCLUSION, {"all": [NO_HIV, NO_HBSAG, NO_HCV]}),
    ("Seronegative for hepatitis B or C", INCLUSION, {"all": [NO_HBSAG, NO_HCV]}),
    ("Negative for HIV, HBV and HCV", INCLUSION, {"all": [NO_HIV, NO_HBSAG, NO_HCV]}),
    ("Hepatitis C negative", INCLUSION, NO_HCV),
    ("No patients infected with Hepatitis B, C, or HIV", INCLUSION,
     {"all": [NO_HBSAG, {"any": [NO_HCV, {"not": {"confirm": "Is there a current hepatitis C infection (not only a "
                                                  "positive antibody test)?", "id": "hcv_active"}}]}, NO_HIV]}),
    ("No concurrent active infection", INCLUSION, f("active_infection", "=", False)),
    # a looser threshold for liver metastases: the first, or liver metastases and the second
    ("AST no greater than 3 times upper limit of normal (ULN) (no greater than 5 times ULN if liver metastases "
     "present)",
     INCLUSION, {"any": [f("ast_x_uln", "<=", 3), {"all": [LIVER_METS, f("ast_x_uln", "<=", 5)]}]}),
    ("AST or ALT no greater than 3 times ULN (no greater than 5 times ULN for liver metastases)", INCLUSION,
     {"any": [{"all": [f("ast_x_uln", "<=", 3), f("alt_x_uln", "<=", 3)]},
              {"all": [LIVER_METS, f("ast_x_uln", "<=", 5), f("alt_x_uln", "<=", 5)]}]}),
    ("SGOT no greater than 2.5 times normal (5 times normal if known liver metastases)", INCLUSION,
     {"any": [f("ast_x_uln", "<=", 2.5), {"all": [LIVER_METS, f("ast_x_uln", "<=", 5)]}]}),
    ("SGOT/SGPT less than 2.5 times ULN (less than 5 times ULN with liver metastases)", INCLUSION,
     {"any": [{"all": [f("ast_x_uln", "<", 2.5), f("alt_x_uln", "<", 2.5)]},
              {"all": [LIVER_METS, f("ast_x_uln", "<", 5), f("alt_x_uln", "<", 5)]}]}),
    # older unit spellings
    ("Neutrophil count less than 2,000/cu mm", EXCLUSION, f("neutrophils", "<", 2)),
    ("Platelet count greater than or equal to 125,000/cu mm", INCLUSION, f("platelets", ">=", 125)),
    ("Total bilirubin < 1.5 x UNL", INCLUSION, f("bilirubin_x_uln", "<", 1.5)),
    ("ASAT/ALAT < 2.5 x UNL", INCLUSION, {"all": [f("ast_x_uln", "<", 2.5), f("alt_x_uln", "<", 2.5)]}),
    ("Bilirubin < 1,5 x upper normal limit", INCLUSION, f("bilirubin_x_uln", "<", 1.5)),
    ("Hemoglobin >6,2 mmol/l", INCLUSION, f("hemoglobin", ">", 9.9882)),
    ("Bilirubin less than 26 micromoles/liter", INCLUSION, f("bilirubin", "<", 26)),
    ("Transaminase no greater than 4 times upper limit of normal", INCLUSION,
     {"all": [f("ast_x_uln", "<=", 4), f("alt_x_uln", "<=", 4)]}),
    ("SGOT no greater 2 times upper limit of normal", INCLUSION, f("ast_x_uln", "<=", 2)),
    ("SGPT less than 2 times institutional normal", INCLUSION, f("alt_x_uln", "<", 2)),
    ("SGOT =< 2.5-times upper limit of normal", INCLUSION, f("ast_x_uln", "<=", 2.5)),
    ("HIV-1 seropositive status.", INCLUSION, f("hiv", "=", True)),
    # the same threshold written again in another unit
    ("Bilirubin no greater than 1.1 mg/dL (20 micromoles/L)", INCLUSION, f("bilirubin", "<=", 18.81)),
    ("Creatinine less than 1.5 mg/dl (133 micromoles/liter)", INCLUSION, f("creatinine", "<", 132.6)),
]


@pytest.mark.parametrize(("text", "kind", "rule"), READINGS)
def test_reads(text, kind, rule):
    assert_reads(text, kind, rule)


NO_RULE = [
    # a glued item that is not read makes the whole criterion unread (never decided from a part)
    ("Not pregnant or nursing Effective contraception strongly advised for fertile women", INCLUSION),
    ("No uncontrolled infection HIV negative", INCLUSION),
    # glued items are the PDQ "Other:" inclusions: an exclusion is read as it stands
    ("Not pregnant or nursing Fertile patients must use effective contraception", EXCLUSION),
    # an "HIV negative" that finishes a sentence is no glued item
    ("Patients who are known to be HIV negative and hepatitis B positive", INCLUSION),
    # a negative list with a word the test reader does not know, or two results
    ("Hepatitis B, hepatitis C or tuberculosis negative", INCLUSION),
    ("HIV or hepatitis B positive", INCLUSION),
    # "negative" is a requirement, never an exclusion
    ("Hepatitis B or C negative", EXCLUSION),
    ("History of known HIV, Hepatitis B and Hepatitis C negative", EXCLUSION),
    # the bracket is another threshold, or another kind of value
    ("Creatinine no greater than 1.5 mg/dL (200 micromol/L)", INCLUSION),
    ("Bilirubin no greater than 1.5 times ULN (2 mg/dL)", INCLUSION),
    # "no concurrent infection" may be any infection, not an active one
    ("No concurrent infection", INCLUSION),
    # liver metastases: only a looser second threshold, to include; "involvement" may be a lymphoma's
    ("AST no greater than 5 times ULN (3 times ULN if liver metastases)", INCLUSION),
    ("AST greater than 3 times ULN (greater than 5 times ULN if liver metastases)", EXCLUSION),
    # ("… (no greater than 5 times ULN if liver involvement)", "… (unless secondary to hepatic metastasis)": read with
    # the proviso asked beside the threshold since h-labs9, test_lab_provisos.py)
    ("AST no greater than 3 times ULN (greater than 5 times ULN if liver metastases)", INCLUSION),
    ("HIV status", INCLUSION),  # a status, not its result
    ("Bilirubin no greater than 2 times normal range", INCLUSION),  # "normal range" is the laboratory's own
    # a list of numbers, not a decimal comma
    ("ECOG performance status 0,1 or 2 and hemoglobin 9,10", INCLUSION),
]


@pytest.mark.parametrize(("text", "kind"), NO_RULE)
def test_no_rule(text, kind):
    assert propose_rule(text, kind) is None


@pytest.mark.parametrize(("text", "items"), [
    ("Negative pregnancy test HIV negative", ["Negative pregnancy test", "HIV negative"]),
    ("Patients must be HIV negative", ["Patients must be HIV negative"]),
    ("Not known to be HIV positive", ["Not known to be HIV positive"]),
    ("Pregnant HIV positive", ["Pregnant HIV positive"]),  # one population: pregnant and HIV-positive
    ("Hepatitis B surface antigen and HIV negative", ["Hepatitis B surface antigen and HIV negative"]),
    ("Not pregnant Effective contraception required", ["Not pregnant", "Effective contraception required"]),
    ("Patients must use adequate contraception", ["Patients must use adequate contraception"]),
])
def test_glued_items(text, items):
    assert glued_items(text) == items
