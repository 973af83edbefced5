"""Run-together PDQ sections are put back into their outline (``core.criteria.pdq_blocks``), and
nothing of the text is lost or changed on the way."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core.criteria.extract import propose_rules
from core.criteria.pdq_blocks import SECTIONS, TOPICS, split_block
from core.criteria.split import split_criteria
from core.trial_record import CriterionNode, criterion_keys

# As archived records print it (NCT00003353, one paragraph per section).
PATIENT = ("PATIENT CHARACTERISTICS: Age: 18 to 70 Performance status: ECOG 0-2 Life expectancy: Not specified "
           "Hematopoietic: Absolute granulocyte count at least 1000/mm3 Platelet count at least 100,000/mm3 "
           "Hepatic: Bilirubin no greater than 2.0 mg/dL Renal: Creatinine no greater than 2.0 mg/dL OR "
           "Creatinine clearance at least 60 mL/min Cardiovascular: Confirmed by echocardiogram: Ejection fraction at "
           "least 50% No New York Heart Association classification II-IV Other: Not pregnant or nursing Negative "
           "pregnancy test Fertile patients must use effective contraception No active infection")


def _outline(node: CriterionNode) -> list:
    return [node.text, [_outline(c) for c in node.children]] if node.children else node.text


def _words(node: CriterionNode) -> list[str]:
    return node.text.split() + [w for c in node.children for w in _words(c)]


def test_a_section_becomes_its_heading_topics_and_statements():
    node = CriterionNode(kind="inclusion", text=PATIENT)
    assert split_block(node)
    assert _outline(node) == ["PATIENT CHARACTERISTICS:", [
        ["Age:", ["18 to 70"]],
        ["Performance status:", ["ECOG 0-2"]],
        ["Life expectancy:", ["Not specified"]],
        ["Hematopoietic:", ["Absolute granulocyte count at least 1000/mm3", "Platelet count at least 100,000/mm3"]],
        ["Hepatic:", ["Bilirubin no greater than 2.0 mg/dL"]],
        # "OR" between statements: alternatives are never cut apart
        ["Renal:", ["Creatinine no greater than 2.0 mg/dL OR Creatinine clearance at least 60 mL/min"]],
        # a lead-in of its own ("Confirmed by echocardiogram:"): kept whole
        ["Cardiovascular:", ["Confirmed by echocardiogram: Ejection fraction at least 50% No New York Heart "
                             "Association classification II-IV"]],
        ["Other:", ["Not pregnant or nursing", "Negative pregnancy test",
                    "Fertile patients must use effective contraception", "No active infection"]]]]


def test_a_statement_ending_in_a_single_capital_letter_is_still_cut():
    # "hepatitis B", "amphotericin B", "vitamin K", "38 C", "Any N" end a statement as a lower-case word does
    # (NCT archive: 16 of 6,035 records); "HIV" or "NYHA" before "Negative" is no such letter and is left alone
    node = CriterionNode(kind="inclusion", text="PATIENT CHARACTERISTICS: Other: No active hepatitis B No other "
                         "malignancy within 5 years Fever above 38 C Not pregnant HIV Negative")
    assert split_block(node)
    assert _outline(node) == ["PATIENT CHARACTERISTICS:", [["Other:", [
        "No active hepatitis B", "No other malignancy within 5 years Fever above 38 C", "Not pregnant HIV Negative"]]]]


def test_statements_before_any_topic_are_the_sections_own_items():
    node = CriterionNode(kind="inclusion", text="DISEASE CHARACTERISTICS: Histologically confirmed primary amyloidosis "
                         "No history of secondary, familial, or localized amyloidosis")
    assert split_block(node)
    assert _outline(node) == ["DISEASE CHARACTERISTICS:", [
        "Histologically confirmed primary amyloidosis", "No history of secondary, familial, or localized amyloidosis"]]


def test_a_list_of_alternatives_stays_whole():
    text = ("DISEASE CHARACTERISTICS: Must meet one of the following conditions: Complete or partial remission "
            "Previously untreated disease No progressive disease after prior therapy")
    node = CriterionNode(kind="inclusion", text=text)
    assert split_block(node)
    assert _outline(node) == ["DISEASE CHARACTERISTICS:", [text.split(": ", 1)[1]]]


def test_other_items_are_left_alone():
    for text in ("Age: 18 to 70", "Patients with rheumatoid arthritis: No prior methotrexate",
                 "PATIENT CHARACTERISTICS:", "Hepatic: Bilirubin normal Renal: Creatinine normal"):
        node = CriterionNode(kind="inclusion", text=text)
        assert not split_block(node)
        assert node.text == text and not node.children


def test_the_splitter_rebuilds_the_outline_and_the_statements_are_read():
    roots = split_criteria("Inclusion Criteria:\n\n" + PATIENT + "\n\nExclusion Criteria:\n\nPregnancy")
    proposals = propose_rules(roots)
    read = {node.text: proposals.get(key) for key, _parent, node in criterion_keys(roots)}
    assert read["18 to 70"].rule == {"all": [{"fact": "age_years", "op": ">=", "value": 18},
                                             {"fact": "age_years", "op": "<=", "value": 70}]}
    assert read["ECOG 0-2"].rule == {"fact": "ecog", "op": "<=", "value": 2}
    assert read["Platelet count at least 100,000/mm3"].rule == {"fact": "platelets", "op": ">=", "value": 100}
    assert read["No active infection"].rule == {"fact": "active_infection", "op": "=", "value": False}
    assert read["Not specified"] is None and read["PATIENT CHARACTERISTICS:"] is None


_TEXT = st.lists(st.sampled_from(["No", "Not", "At least", "Platelet count", "4 weeks", "100,000/mm3", "OR", "prior",
                                  "chemotherapy", "following:", "Bilirubin", "2 mg/dL", "x", ":"]
                                 + [f"{t}:" for t in TOPICS]), min_size=1, max_size=30)


@given(st.sampled_from(SECTIONS), _TEXT)
def test_no_word_is_lost_added_or_reordered(section, words):
    text = f"{section}: " + " ".join(words)
    node = CriterionNode(kind="exclusion", text=text)
    split_block(node)
    assert _words(node) == text.split()
    assert all(n.kind == "exclusion" for _key, _parent, n in criterion_keys([node]))
