"""The shared normalisation of vocabulary names."""

from core.vocab.text import compact, normalise


def test_normalise_folds_case_separators_and_width():
    assert normalise("Sjögren's  Syndrome") == "sjogren s syndrome"
    assert normalise("ＲＡ") == "ra"
    assert normalise("anti-TNF/biologic") == "anti tnf biologic"


def test_compact_joins_words():
    assert compact("Ro-Actemra") == compact("RoActemra") == "roactemra"
