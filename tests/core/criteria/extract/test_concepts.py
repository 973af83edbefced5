"""The Aho-Corasick concept finder over the vocabularies' terms."""

from __future__ import annotations

from core.criteria.extract.concepts import find, whole


def _ids(text: str, kinds=("condition", "drug", "lab", "score")) -> list[tuple[str, str]]:
    return [(m.kind, m.concept_id) for m in find(text, kinds)]


def test_finds_each_kind_with_its_vocabulary_id():
    assert _ids("history of stroke") == [("condition", "stroke")]
    assert _ids("prior rituximab") == [("drug", "rituximab")]
    assert _ids("ALT > 3 x ULN") == [("lab", "alt")]
    assert _ids("ECOG 0-1") == [("score", "ecog")]


def test_longest_match_wins_and_words_must_be_whole():
    assert _ids("rheumatoid arthritis", ("condition",)) == [("condition", "rheumatoid_arthritis")]
    assert _ids("pregnancy", ("drug",)) == []  # no drug hidden inside a word
    assert find("prestroke") == []


def test_ambiguous_term_maps_to_the_broader_concept():
    assert _ids("scleroderma", ("condition",)) == [("condition", "scleroderma")]


def test_abbreviations_are_case_sensitive_except_long_ones_in_lower_case_text():
    assert _ids("MS", ("condition",)) == [("condition", "multiple_sclerosis")]
    assert _ids("ms", ("condition",)) == []  # milliseconds
    assert _ids("current use of nsaids", ("drug",)) == [("drug", "nsaid")]
    assert _ids("hearing aids", ("condition",)) == []  # an ordinary word, not the abbreviation


def test_plain_plural_is_found():
    assert _ids("tnf inhibitors", ("drug",)) == [("drug", "tnf_inhibitor")]


def test_whole_only_when_the_text_is_one_concept():
    assert whole("Lymphoma.", ("condition",)).concept_id == "lymphoma"
    assert whole("lymphoma of the skin", ("condition",)) is None


def test_a_hyphen_between_words_reads_as_a_space_and_offsets_stay_those_of_the_text():
    # the vocabulary writes "insulin dependent diabetes mellitus", criteria write "insulin-dependent …"
    text = "Insulin-dependent diabetes mellitus"
    [m] = find(text, ("condition",))
    assert (m.concept_id, text[m.start:m.end]) == ("type_1_diabetes", text)
    # and the other way round: "AIDS-related complex" in the vocabulary, "AIDS related complex" written
    assert _ids("AIDS related complex", ("condition",)) == [("condition", "symptomatic_hiv_infection")]
    assert _ids("non-Hodgkin lymphoma", ("condition",)) == [("condition", "non_hodgkin_lymphoma")]
