"""Wrong readings found by the independent precision audit (seed 5150, ``benchmarks/audits``, issue 16): each test
holds the real phrasing that was misread and near-misses that must keep their reading (or stay unread)."""

from __future__ import annotations

from core.criteria.extract import propose_rule, propose_rules
from core.criteria.extract.leadins import classify
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import f as _f
from tests.core.criteria.extract.phrasings import rule_of as _rule
from tests.core.criteria.extract.phrasings import tree as _node

# --- "1 of the following": alternatives, never each one required ------------------------------------------------


def test_items_under_1_of_the_following_are_not_each_required():
    # NCT00006219: "New or prior diagnosis of 1 of the following:" over MGUS and MG of borderline significance
    out = propose_rules([_node(INCLUSION, "DISEASE CHARACTERISTICS:",
                               _node(INCLUSION, "New or prior diagnosis of 1 of the following:",
                                     "Monoclonal gammopathy of undetermined significance",
                                     "Monoclonal gammopathy of borderline significance"),
                               "Bone marrow plasmacytosis no greater than 30%")])
    assert out["inc-1.1.1"] is None  # was "MGUS: yes" required of every patient
    assert classify("Must meet 1 of the following criteria:", INCLUSION).any_of
    # near-misses: the word "one" as before, and a lead-in naming no count still reads its items
    assert classify("Diagnosis of one of the following:", INCLUSION).any_of
    out = propose_rules([_node(INCLUSION, "Patients must have:", "HIV infection.")])
    assert _rule(out, "inc-1.1") == _f("hiv", "=", True)


# --- a semicolon (or a run-together PDQ line) divides required parts; "or" joins within a part ---------------------


def test_run_together_renal_line_keeps_bun_required_beside_the_creatinine_alternatives():
    # NCT00006038: "BUN no greater than 30 mg/dL Creatinine no greater than 1.5 mg/dL AND/OR Creatinine clearance …"
    proposal = propose_rule("Blood urea nitrogen no greater than 30 mg/dL Creatinine no greater than 1.5 mg/dL AND/OR "
                            "Creatinine clearance greater than 50 mL/min", INCLUSION)
    assert proposal is not None
    assert proposal.rule == {"all": [_f("lab:bun", "<=", 30), {"any": [_f("creatinine", "<=", 132.6),
                                                                        _f("creatinine_clearance", ">", 50)]}]}
    # near-misses: a plain alternative stays "any"; a part that cannot be read alone gives no rule
    either = propose_rule("Creatinine no greater than 1.5 mg/dL OR creatinine clearance at least 60 mL/min", INCLUSION)
    assert either.rule == {"any": [_f("creatinine", "<=", 132.6), _f("creatinine_clearance", ">=", 60)]}
    assert propose_rule("HIV infection; CD4 count at least 200 or viral load below 50 copies/mL", INCLUSION) is None


# --- a requirement is never a condition that "applies" -------------------------------------------------------------


def test_run_together_pregnancy_and_contraception_lines_are_not_asked_as_a_negated_condition():
    # 21 dev-side PDQ items: "nursing Effective contraception required …" was asked as "does this part apply?" under
    # a "not", so a clinician answering yes excluded the patient
    for text in ("Not pregnant or nursing Effective contraception required of all fertile patients",
                 "No pregnant or nursing women Adequate contraception required of fertile patients"):
        proposal = propose_rule(text, INCLUSION)
        assert proposal is None or "rest" not in str(proposal.rule), text
    # near-miss: an unread condition in an exclusion is still asked
    proposal = propose_rule("Pregnancy or hepatic failure requiring transplant", EXCLUSION)
    assert proposal is not None and "hepatic failure requiring transplant" in str(proposal.rule)


# --- an adjective before "or" may take the next part's head noun -------------------------------------------------


def test_an_unread_adjective_sharing_the_next_conditions_head_gives_no_rule():
    # PDQ: "No history of atrial or ventricular arrhythmias" was "no ventricular arrhythmia AND NOT confirm('history
    # of atrial')"; the other dev-side texts of the kind
    for text, kind in (("No history of atrial or ventricular arrhythmias", INCLUSION),
                       ("No history of cardiopulmonary or respiratory disease", INCLUSION),
                       ("Evidence of medical or neurological disease", EXCLUSION)):
        assert propose_rule(text, kind) is None, text
    # near-misses: a noun before "or" is its own part, and two read conditions stay read
    proposal = propose_rule("No leukemia or plasma cell dyscrasias", INCLUSION)
    assert proposal is not None and "plasma cell dyscrasias" in str(proposal.rule)
    assert propose_rule("Hepatitis B or hepatic cirrhosis", EXCLUSION) is not None
