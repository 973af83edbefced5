"""A vocabulary name inside an English question: common words lowered, names kept (core.vocab.sentence_case)."""

from __future__ import annotations

import pytest

from core.vocab import conditions, drugs, procedures
from core.vocab.sentence_case import PROPER_WORDS, in_sentence


@pytest.mark.parametrize(("label", "expected"), [
    ("Hepatitis B", "hepatitis B"),
    ("Rheumatoid arthritis", "rheumatoid arthritis"),
    ("Drug-induced lupus erythematosus", "drug-induced lupus erythematosus"),
    ("Von Willebrand disease", "von Willebrand disease"),
    ("Hodgkin lymphoma", "Hodgkin lymphoma"),  # an eponym
    ("Non-Hodgkin lymphoma", "Non-Hodgkin lymphoma"),  # a name inside the first word
    ("Muckle-Wells syndrome", "Muckle-Wells syndrome"),
    ("Sjögren's disease", "Sjögren's disease"),
    ("Still's disease", "Still's disease"),
    ("Helicobacter pylori infection", "Helicobacter pylori infection"),  # a genus
    ("HIV infection", "HIV infection"),
    ("IgG4-related disease", "IgG4-related disease"),
    ("Q fever", "Q fever"),
    ("TNF inhibitor", "TNF inhibitor"),
    ("", ""),
])
def test_names_read_in_a_sentence(label: str, expected: str) -> None:
    assert in_sentence(label) == expected


def test_a_name_written_capitalised_inside_another_name_keeps_its_capital() -> None:
    # "Becker" is not in the list of names: the vocabulary's "Duchenne or Becker muscular dystrophy" tells it
    assert "becker" not in PROPER_WORDS
    assert in_sentence("Becker muscular dystrophy") == "Becker muscular dystrophy"


def test_only_the_first_letter_of_a_vocabulary_label_ever_changes() -> None:
    labels = [c.label for c in conditions.all_concepts()] + [c.label for c in drugs.all()] \
        + [c.label for c in procedures.all()]
    lowered = 0
    for label in labels:
        out = in_sentence(label)
        assert out[1:] == label[1:] and out[:1].lower() == label[:1].lower(), label
        lowered += out != label
    assert lowered > len(labels) / 4  # most labels open with a common word


def test_every_listed_name_is_a_plain_lower_case_word() -> None:
    assert all(word.isalpha() and word.islower() and word.isascii() for word in PROPER_WORDS)


def test_questions_use_it_and_the_english_wording_is_the_question_text() -> None:
    from core.questionnaire.questions import vocab_question
    from core.questionnaire.wording import question_text

    for fact_id, expected in (("condition:hepatitis_b", "Has the patient ever had hepatitis B (or a form of it)?"),
                              ("drug_ever:tnf_inhibitor", "Has the patient ever received any TNF inhibitor?"),
                              ("drug_ever:methotrexate", "Has the patient ever received methotrexate?"),
                              ("condition:hodgkin_lymphoma",
                               "Has the patient ever had Hodgkin lymphoma (or a form of it)?")):
        question = vocab_question(fact_id)
        assert question is not None and question.text == expected
        assert question_text(question) == expected
