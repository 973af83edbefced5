"""Criteria splitting across heading and list variants."""

from __future__ import annotations

from core.criteria.age import limits_from_text
from core.criteria.split import split_criteria, split_section, unescape_markdown
from core.trial_record import EXCLUSION, INCLUSION, criterion_keys


def flat(nodes):
    return [(k, n.kind, n.label, n.text) for k, _p, n in criterion_keys(nodes)]


def test_headings_and_numbered_items():
    text = "Inclusion Criteria:\n1. Adults\n2. RA\n\nExclusion Criteria:\n1. Pregnancy\n"
    assert flat(split_criteria(text)) == [
        ("inc-1", INCLUSION, "1", "Adults"),
        ("inc-2", INCLUSION, "2", "RA"),
        ("exc-1", EXCLUSION, "1", "Pregnancy"),
    ]


def test_heading_with_text_on_same_line_and_key_variant():
    text = "Key inclusion criteria:1. Adults aged 18 or more\nKey Exclusion Criteria\n- HIV infection"
    rows = flat(split_criteria(text))
    assert rows[0][1:] == (INCLUSION, "1", "Adults aged 18 or more")
    assert rows[1][1:] == (EXCLUSION, None, "HIV infection")


def test_nested_bullets_under_numbers():
    text = "1. One of the following:\n   - a positive RF\n   - a positive ACPA\n2. Consent"
    rows = flat(split_section(text, INCLUSION))
    assert [r[0] for r in rows] == ["inc-1", "inc-1.1", "inc-1.2", "inc-2"]
    assert rows[1][3] == "a positive RF"


def test_lettered_sub_items_nest_under_numbers():
    text = "1. Any of:\na) fever\nb) rash\n2. Next"
    rows = flat(split_section(text, INCLUSION))
    assert [(r[0], r[2]) for r in rows] == [("inc-1", "1"), ("inc-1.1", "a"), ("inc-1.2", "b"), ("inc-2", "2")]


def test_wrapped_lines_join():
    text = "1. Patients with refractory disease who have\nreceived glucocorticoids for at\nleast 3 months.\n2. Consent."
    rows = flat(split_section(text, INCLUSION))
    assert rows[0][3] == "Patients with refractory disease who have received glucocorticoids for at least 3 months."
    assert len(rows) == 2


def test_single_paragraph_is_one_item():
    rows = flat(split_section("Adults with active lupus nephritis.", EXCLUSION))
    assert rows == [("exc-1", EXCLUSION, None, "Adults with active lupus nephritis.")]


def test_decimal_number_is_not_a_marker():
    rows = flat(split_section("1.5 mg/kg/day of prednisone or more", INCLUSION))
    assert rows[0][2] is None and rows[0][3].startswith("1.5 mg/kg")


def test_markdown_escapes_and_windows_line_ends():
    assert unescape_markdown(r"Age \>= 18 \<70") == "Age >= 18 <70"
    rows = flat(split_criteria("Inclusion Criteria:\r\n* Age \\>= 18\r\n* ECOG 0-1\r\n"))
    assert [r[3] for r in rows] == ["Age >= 18", "ECOG 0-1"]


def test_inline_letter_list_needs_sequence_from_a():
    rows = flat(split_section("Disease with b) only one letter", INCLUSION))
    assert len(rows) == 1


def test_age_limits_from_text():
    assert limits_from_text("Age: ≥ 18 years old and ≤ 70 years old", INCLUSION) == (18, 70)
    assert limits_from_text("Age 5-18 years old.", INCLUSION) == (5, 18)
    assert limits_from_text("aged 18 years or older", INCLUSION) == (18, None)
    assert limits_from_text("Age <18 years.", EXCLUSION) == (18, None)
    # An eGFR threshold in an age sentence is not an age.
    assert limits_from_text("patients under 15 years of age, eGFR <15", EXCLUSION) == (15, None)
    assert limits_from_text("ECOG score 0 - 2.", INCLUSION) == (None, None)


# --- hard-wrapped items whose sentence ends at a line end (ClinicalTrials.gov's 80-column text) ----

def test_wrapped_bullet_goes_on_after_a_sentence_ending_at_the_line_end():
    text = ("  -  The pregnant body possesses a unique hormonal and immunological environment.\n"
            "     Similarly, it metabolizes medications in a manner different from non-pregnant.\n"
            "     Hence, pregnant women are included.\n"
            "\n"
            "  -  Age 18 or older.\n")
    rows = flat(split_section(text, INCLUSION))
    assert [r[3] for r in rows] == [
        "The pregnant body possesses a unique hormonal and immunological environment. Similarly, it "
        "metabolizes medications in a manner different from non-pregnant. Hence, pregnant women are included.",
        "Age 18 or older.",
    ]


def test_unmarked_lines_and_unindented_lines_after_an_item_stay_items_of_their_own():
    # Plain lines, one criterion each, and a line not aligned under the item's text are not wraps.
    assert [r[3] for r in flat(split_section("Age 18 or older.\nDiagnosis of RA.\n", INCLUSION))] == [
        "Age 18 or older.", "Diagnosis of RA."]
    rows = flat(split_section("1. Age 18 or older.\nDiagnosis of RA for 6 months or more.\n", INCLUSION))
    assert "Age 18 or older." in [r[3] for r in rows]
    # A short line is not a wrap (a sub-list written without markers); nor is one indented deeper.
    rows = flat(split_section("  -  Laboratory values.\n     Hemoglobin > 9 g/dL.\n", INCLUSION))
    assert rows[0][3] == "Laboratory values."
    rows = flat(split_section("  -  Prior therapy.\n          Methotrexate allowed.\n", INCLUSION))
    assert rows[0][3] == "Prior therapy."


def test_e_g_at_a_line_end_does_not_end_the_item():
    text = ("  -  Any comorbidity that would exclude the subject (e.g.\n"
            "     Patient\n"
            "\n"
            "requiring urgent and/or acute medical care, surgical or other procedures)\n"
            "\n"
            "-Unwilling to participate in research studies\n")
    rows = flat(split_section(text, EXCLUSION))
    assert [r[3] for r in rows] == [
        "Any comorbidity that would exclude the subject (e.g. Patient requiring urgent and/or acute medical care, "
        "surgical or other procedures)",
        "Unwilling to participate in research studies",
    ]


def test_open_parenthesis_joins_only_a_lowercase_continuation():
    rows = flat(split_section("- Infection (see protocol\n\nSection 5 describes it.\n", EXCLUSION))
    assert [r[3] for r in rows] == ["Infection (see protocol", "Section 5 describes it."]


def test_criteria_for_exclusion_heading_variant():
    text = ("INCLUSION CRITERIA:\n  -  SLE\n\nCriteria for Exclusion:\n\n"
            "Any concomitant medical problems which would confound the studies\n")
    rows = flat(split_criteria(text))
    assert [(r[0], r[3]) for r in rows] == [
        ("inc-1", "SLE"), ("exc-1", "Any concomitant medical problems which would confound the studies")]
