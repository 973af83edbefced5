"""Treatment phrasings added for issue 16 (h-drug): lists with a bracketed exception or members, "X-based
therapy", a drug an illness requires, washouts with another period in brackets, "no other concurrent X",
"completed before radiation", "received prior treatment with X". Each phrasing is the corpus's own (dev
side); near-misses must give no rule."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.criteria.extract.drug_names import drug_ids, except_members
from core.matching.rule_texts import english_template
from core.matching.rules import rule_problems
from core.trial_record import EXCLUSION, INCLUSION


def _rule(text: str, kind: str) -> dict:
    proposal = propose_rule(text, kind)
    assert proposal is not None, text
    assert rule_problems(proposal.rule) == [], proposal.rule
    return proposal.rule


def _facts(rule) -> list[tuple[str, str, object]]:
    """Every comparison of a rule, in order."""
    if isinstance(rule, list):
        return [f for r in rule for f in _facts(r)]
    if "fact" in rule:
        return [(rule["fact"], rule["op"], rule["value"])]
    return [f for key in ("all", "any", "not", "rule") if key in rule for f in _facts(rule[key])]


def _steps(rule) -> list[dict]:
    if isinstance(rule, list):
        return [s for r in rule for s in _steps(r)]
    if not isinstance(rule, dict):
        return []
    own = [rule["step"]] if "step" in rule else []
    return own + [s for key in ("all", "any", "not", "rule") if key in rule for s in _steps(rule[key])]


# --- drug names ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "ids"), [
    ("egfr- or vegfr- based therapy", ["egfr_inhibitor", "vegfr_tki"]),
    ("vegf-based therapy", ["anti_vegf"]),
    ("platinum-based chemotherapy", ["platinum_agent"]),
    ("systemic corticosteroids (excluding topical)", ["glucocorticoid"]),
    ("any jak inhibitor (tofacitinib, baricitinib, upadacitinib)", ["jak_inhibitor"]),
    ("an anti-pd-1, anti-pd-l1, or anti-ctla-4 antibody", ["checkpoint_inhibitor"]),
    ("anti-cd20 or anti-cd19 antibodies", ["cd20_depleting", "cd19_depleting"]),
    ("antipyretics/analgesics", ["antipyretic"]),
    ("any tnf inhibitor (other than infliximab)", except_members("tnf_inhibitor", ["infliximab"])),
])
def test_drug_names(body, ids):
    assert drug_ids(body)[0] == ids


def test_a_bracketed_exception_in_a_list():
    ids, names = drug_ids("any dmard (apart from methotrexate), anti-tnf alpha therapy or biologic agent")
    assert ids == [*except_members("dmard", ["methotrexate"]), "tnf_inhibitor", "biologic"]
    assert "methotrexate" not in ids and names.startswith("dmard other than methotrexate")


@pytest.mark.parametrize("body", [
    "anthracycline and taxane- based regimens",  # "X and Y-based": one regimen holding both
    "corticosteroids (other than topical)",  # inhaled ones stay: not the systemic class
    "any tnf inhibitor (infliximab, methotrexate)",  # methotrexate is not a TNF inhibitor
    "camptothecin analogue-based chemotherapy",  # no such concept
    "infliximab antibodies",  # anti-drug antibodies, not a drug
])
def test_drug_name_refusals(body):
    assert drug_ids(body) is None


# --- whole criteria ----------------------------------------------------------------------------------

def test_prior_class_based_therapy():
    rule = _rule("Prior EGFR- or VEGFR- based therapy.", EXCLUSION)
    assert _facts(rule) == [("drug_ever:egfr_inhibitor", "=", True), ("drug_ever:vegfr_tki", "=", True)]


def test_concurrent_list_with_a_bracketed_exception_is_stopped():
    rule = _rule("concurrent treatment with any DMARD (apart from methotrexate), anti-TNF alpha therapy, or other "
                 "biologic agent.", EXCLUSION)
    assert rule["step"]["kind"] == "stop_medication"
    facts = _facts(rule)
    assert ("drug_current:tnf_inhibitor", "=", True) in facts and ("drug_current:biologic", "=", True) in facts
    assert not any(f[0] == "drug_current:methotrexate" for f in facts)


@pytest.mark.parametrize(("text", "kind", "facts"), [
    ("Patients requiring chronic anticoagulation", EXCLUSION, [("drug_current:anticoagulant", "=", True)]),
    ("No patients requiring daily oral corticosteroid therapy.", INCLUSION, [("drug_current:glucocorticoid", "=",
                                                                              False)]),
    ("No chronic medical condition requiring treatment with systemic corticosteroids", INCLUSION,
     [("drug_current:glucocorticoid", "=", False)]),
    ("Patients who require treatment with insulin", EXCLUSION, [("drug_current:insulin", "=", True)]),
])
def test_a_required_drug_is_current_use_never_a_step(text, kind, facts):
    rule = _rule(text, kind)
    assert _facts(rule) == facts
    assert _steps(rule) == []  # the illness needs it: not one to stop before enrolment


def test_required_drug_list_reader():
    from core.criteria.extract.drug_needs import _drug_need

    atom = _drug_need("have an underlying disease requiring systemic corticosteroids (excluding topical), "
                      "antipyretics/analgesics, or immunosuppressive agents", "cond")
    assert _facts(atom.rule) == [("drug_current:glucocorticoid", "=", True), ("drug_current:antipyretic", "=", True),
                                 ("drug_current:immunosuppressant", "=", True)]


@pytest.mark.parametrize(("text", "kind"), [
    ("Requirement for steroids at greater than physiological doses for other medical conditions.", EXCLUSION),
    ("Patients requiring antibiotics for an infection", EXCLUSION),  # a reason: which course?
    ("Disease requiring corticosteroids (other than topical)", EXCLUSION),
    ("Patients requiring prednisone > 10 mg/day", EXCLUSION),  # a dose
    ("Requiring surgery", EXCLUSION),  # not a drug
    # "steroids" holds topical and inhaled ones: a patient with a steroid cream would be ruled out, no step
    ("No requirement for steroids.", INCLUSION),
    ("No chronic medical condition requiring treatment with corticosteroids", INCLUSION),
])
def test_required_drug_refusals(text, kind):
    assert propose_rule(text, kind) is None


@pytest.mark.parametrize(("text", "kind", "join", "washouts"), [
    ("At least 4 weeks since prior chemotherapy (6 weeks for nitrosoureas)", INCLUSION, "all",
     [("drug_weeks_since:chemotherapy", ">=", 4.0), ("drug_weeks_since:nitrosourea", ">=", 6.0)]),
    ("No chemotherapy within past 4 weeks (6 weeks for nitrosoureas).", INCLUSION, "all",
     [("drug_weeks_since:chemotherapy", ">=", 4.0), ("drug_weeks_since:nitrosourea", ">=", 6.0)]),
    ("Anticancer therapy within the past 3 weeks (6 weeks for nitrosourea or mitomycin C).", EXCLUSION, "any",
     [("drug_weeks_since:antineoplastic", "<", 3.0), ("drug_weeks_since:nitrosourea", "<", 6.0),
      ("drug_weeks_since:mitomycin", "<", 6.0)]),
])
def test_washout_with_a_longer_period_in_brackets(text, kind, join, washouts):
    rule = _rule(text, kind)
    assert join in rule and _facts(rule) == washouts
    steps = _steps(rule)
    assert [s["kind"] for s in steps] == ["washout", "washout"]
    assert all(english_template(s["text"]) is not None for s in steps)  # translated by its template


def test_washout_with_a_shorter_period_takes_the_drug_out_of_the_class():
    rule = _rule("At least 4 weeks since prior chemotherapy (1 day for hydroxyurea)", INCLUSION)
    main, own = rule["all"]
    assert ("drug_weeks_since:hydroxyurea", ">=", 0.1429) == _facts(own)[0]
    ids = [f[0].split(":")[1] for f in _facts(main)]
    assert ids == except_members("chemotherapy", ["hydroxyurea"]) and "hydroxyurea" not in ids
    assert main["step"]["text"] == "Last dose of chemotherapy other than hydroxyurea at least 4 weeks before entry"


@pytest.mark.parametrize("text", [
    "At least 4 weeks since prior chemotherapy (6 weeks for nitrosoureas) and recovered",  # recovery: unread
    "No radiotherapy within past 2 weeks (8 weeks for strontium therapy)",  # a procedure
    "At least 3 months (6 months for PBC) since prior cyclosporin",  # a condition, not a drug
    "At least 4 weeks since prior chemotherapy (4 weeks for nitrosoureas)",  # the same period: says nothing
])
def test_washout_bracket_refusals(text):
    assert propose_rule(text, INCLUSION) is None


@pytest.mark.parametrize(("text", "fact"), [
    ("No other concurrent chemotherapy", "drug_current:chemotherapy"),
    ("No other concurrent antineoplastic agents", "drug_current:antineoplastic"),
    ("No other concurrent anti-cancer therapy", "drug_current:antineoplastic"),
    ("No other concurrent immunosuppressive drugs", "drug_current:immunosuppressant"),
])
def test_no_other_concurrent_treatment_is_a_drug_to_stop(text, fact):
    rule = _rule(text, INCLUSION)
    assert rule["step"]["kind"] == "stop_medication"
    assert _facts(rule) == [(fact, "=", False)]


@pytest.mark.parametrize("text", [
    "No other concurrent serious illness or active infection",  # an illness: "other" than what?
    "No other concurrent serious disease",
    "No other concurrent malignancy",
    "No other prior chemotherapy",  # other than a regimen named elsewhere
])
def test_other_refusals(text):
    assert propose_rule(text, INCLUSION) is None


def test_chemotherapy_completed_before_the_study_radiotherapy():
    rule = _rule("Chemotherapy must be completed at least 2 weeks prior to radiation", INCLUSION)
    assert rule["step"]["kind"] == "washout"
    assert _facts(rule) == [("drug_weeks_since:chemotherapy", ">=", 2.0)]
    # radiation is no anchor for a condition or a window in an exclusion
    assert propose_rule("Chemotherapy within 4 weeks prior to radiation", EXCLUSION) is None
    assert propose_rule("Chemotherapy must be completed at least 2 weeks prior to surgery", INCLUSION) is None


@pytest.mark.parametrize(("text", "kind", "facts"), [
    ("Eligible patients must not have received prior treatment with Caphosol", INCLUSION,
     [("drug_ever:calcium_phosphate_rinse", "=", False)]),
    ("Have received prior therapy with any JAK inhibitor", EXCLUSION, [("drug_ever:jak_inhibitor", "=", True)]),
    ("No prior antineoplaston therapy", INCLUSION, [("drug_ever:antineoplaston", "=", False)]),
    # "former or current": received, so ever (was read as current use, the "former" left as a question)
    ("Current or former use of bisphosphonates", EXCLUSION, [("drug_ever:bisphosphonate", "=", True)]),
    ("No prior HIV vaccines.", INCLUSION, [("drug_ever:hiv_vaccine", "=", False)]),
    ("Prior treatment with an anti-PD-1, anti-PD-L1, or anti-CTLA-4 antibody", EXCLUSION,
     [("drug_ever:checkpoint_inhibitor", "=", True)]),
    ("Previous treatment with any JAK inhibitor (tofacitinib, baricitinib, upadacitinib)", EXCLUSION,
     [("drug_ever:jak_inhibitor", "=", True)]),
    ("At least 12 months since prior hormonal therapy", INCLUSION,
     [("drug_weeks_since:hormone_therapy_oncology", ">=", 52.0)]),
    ("The subject has received another investigational agent within 30 days of the first dose of study drug.",
     EXCLUSION, [("drug_weeks_since:investigational_product", "<", 4.2857)]),
])
def test_prior_treatment_phrasings(text, kind, facts):
    assert _facts(_rule(text, kind)) == facts


@pytest.mark.parametrize(("text", "kind", "facts"), [
    ("No concurrent chemotherapy during the study", INCLUSION, [("drug_current:chemotherapy", "=", False)]),
    ("Patients may not be receiving any other investigational agents during radiotherapy.", INCLUSION,
     [("drug_current:investigational_product", "=", False)]),
])
def test_concurrent_use_during_the_study(text, kind, facts):
    rule = _rule(text, kind)
    assert rule["step"]["kind"] == "stop_medication" and _facts(rule) == facts


@pytest.mark.parametrize(("text", "kind"), [
    ("Prior rituximab during the study", EXCLUSION),  # "prior … during": not current use
    ("Use of methotrexate during the study", EXCLUSION),  # ever or planned? not said
    ("Presence of anti-infliximab antibodies", EXCLUSION),
])
def test_during_and_antibody_refusals(text, kind):
    assert propose_rule(text, kind) is None


# --- the ACTG layout: "Concurrent Medication:" / "Excluded:" over bare drug names, read with the section's
# word in front ("concurrent …") or the lead-in's window after (the composition is the lead-in reader's)

@pytest.mark.parametrize(("text", "facts"), [
    ("concurrent Cytotoxic or immunosuppressive agents.", [("drug_current:chemotherapy", "=", True),
                                                           ("drug_current:immunosuppressant", "=", True)]),
    ("concurrent Non-nucleoside RT inhibitors.", [("drug_current:nnrti", "=", True)]),
    ("concurrent Systemic cytotoxic chemotherapy.", [("drug_current:chemotherapy", "=", True)]),
    ("Immunosuppressive or cytotoxic drugs or other experimental drugs within 4 weeks prior to study entry",
     [("drug_weeks_since:immunosuppressant", "<", 4.0), ("drug_weeks_since:chemotherapy", "<", 4.0),
      ("drug_weeks_since:investigational_product", "<", 4.0)]),
    # the vocabulary's ``immunomodulator`` class holds the immunosuppressants, immunostimulants (interferons,
    # IL-2, CSFs), glucocorticoids, DMARDs, IMiDs and the immune biologics (h-drug2)
    ("concurrent Immunomodulating agents.", [("drug_current:immunomodulator", "=", True)]),
    # interferons, IL-2 and the haematopoietic growth factors (HIV, oncology), bDMARDs (rheumatology): the class
    # holding both (``biologic_response_modifier``)
    ("concurrent Biologic response modifiers.", [("drug_current:biologic_response_modifier", "=", True)]),
])
def test_actg_medication_sections(text, facts):
    assert _facts(_rule(text, EXCLUSION)) == facts


@pytest.mark.parametrize("text", [
    "concurrent Other antiretroviral agents.",  # other than the AZT the section requires: not every one
])
def test_actg_refusals(text):
    assert propose_rule(text, EXCLUSION) is None


# --- "oral hypoglycemics" (precision audit, task h-tail4): the oral class, never insulin -----------------------

@pytest.mark.parametrize(("text", "kind", "facts"), [
    ("concurrent Oral hypoglycemics.", EXCLUSION, [("drug_current:oral_antidiabetic", "=", True)]),
    ("Current use of oral antidiabetic drugs", EXCLUSION, [("drug_current:oral_antidiabetic", "=", True)]),
    ("concurrent Hypoglycemic agents.", EXCLUSION, [("drug_current:antidiabetic", "=", True)]),
])
def test_oral_antidiabetics(text, kind, facts):
    assert _facts(_rule(text, kind)) == facts
