"""Unit spelling normalisation and per-analyte conversion (core/vocab/units.py)."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.patient import facts
from core.vocab import labs, units
from core.vocab.labs import Analyte
from core.vocab.units import UnitError, convert, from_canonical, normalise_unit, parse_titre

ALL_UNITS = [(a.id, u) for a in labs.all() if a.numeric for u in (*a.units, *a.affine_units, *a.log10_units)]


@pytest.mark.parametrize(("written", "same_as"), [
    ("×10⁹/L", "10^9/L"), ("x10^9/l", "10^9/l"), ("10*9/L", "10^9/L"), ("10E9/L", "10^9/L"), ("X 10^9 /L", "10^9/L"),
    ("µmol/L", "umol/L"), ("μmol/L", "umol/L"), ("mcg/L", "ug/L"), ("/mm³", "/mm3"), ("cells/µL", "/uL"),
    ("mm/hr", "mm/h"), ("mL/min/1.73 m²", "mL/min/1.73m2"), ("ｍｇ/ｄＬ", "mg/dL"), ("sec", "s"),
])
def test_normalise_unit_brings_spellings_together(written, same_as):
    assert normalise_unit(written) == normalise_unit(same_as)


@pytest.mark.parametrize(("analyte", "unit"), ALL_UNITS[::7])
def test_normalise_unit_is_idempotent(analyte, unit):
    assert normalise_unit(normalise_unit(unit)) == normalise_unit(unit)


def test_normalise_unit_keeps_case_and_different_units_apart():
    assert normalise_unit("G/L") != normalise_unit("g/L")
    assert normalise_unit("mg/dL") != normalise_unit("mg/L")
    assert normalise_unit("10^9/L") != normalise_unit("10^6/L")


@pytest.mark.parametrize(("analyte", "value", "unit", "expected"), [
    ("creatinine", 1.0, "mg/dL", 88.4),
    ("creatinine", 1.0, "mg/dl", 88.4),
    ("bilirubin", 1.0, "mg/dL", 17.1),
    ("glucose", 100, "mg/dL", 5.551),
    ("uric_acid", 6, "mg/dL", 356.9),
    ("calcium", 10, "mg/dL", 2.495),
    ("calcium", 5, "mEq/L", 2.5),
    ("total_cholesterol", 200, "mg/dL", 5.172),
    ("triglycerides", 150, "mg/dL", 1.694),
    ("hemoglobin", 120, "g/L", 12.0),
    ("hemoglobin", 8.0, "mmol/L", 12.89),
    ("platelets", 150000, "/mm³", 150),
    ("platelets", 15, "×10⁴/μL", 150),
    ("platelets", 150, "G/L", 150),
    ("platelets", 15.0, "万/μL", 150),
    ("wbc", 4500, "cells/uL", 4.5),
    ("cd4_count", 0.2, "x10^9/L", 200),
    ("igg", 1000, "mg/dL", 10),
    ("crp", 1.2, "mg/dL", 12),
    ("ast", 1.0, "µkat/L", 60),
    ("alt", 40, "iu/l", 40),
    ("upcr", 500, "mg/g", 56.55),
    ("upcr", 0.5, "g/g", 56.55),
    ("uacr", 30, "mg/g", 3.393),
    ("proteinuria_24h", 500, "mg/24h", 0.5),
    ("hba1c", 48, "mmol/mol", 6.543),
    ("hbv_dna", 3, "log10 IU/mL", 1000),
    ("vitamin_d", 20, "ng/mL", 49.92),
    ("inr", 1.1, "", 1.1),
])
def test_known_conversions(analyte, value, unit, expected):
    assert convert(analyte, value, unit) == pytest.approx(expected, rel=1e-3)


@pytest.mark.parametrize(("analyte", "unit"), ALL_UNITS)
def test_every_unit_round_trips(analyte, unit):
    for value in (0.5, 3.0, 120.0):
        assert convert(analyte, from_canonical(analyte, value, unit), unit) == pytest.approx(value, rel=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(ALL_UNITS), st.floats(min_value=0.001, max_value=1e6, allow_nan=False))
def test_round_trip_any_value(pair, value):
    analyte, unit = pair
    back = from_canonical(analyte, convert(analyte, value, unit), unit) if "log" not in unit.casefold() else None
    if back is not None:
        assert math.isclose(back, value, rel_tol=1e-9)


def test_existing_fact_units_convert_as_before():
    """The facts' LABS table (canonical unit and alternatives) is reproduced exactly by the vocabulary."""
    for lab, spec in facts.LABS.items():
        analyte = labs.get(lab)
        assert normalise_unit(analyte.canonical_unit) == normalise_unit(spec["unit"]), lab
        assert convert(lab, 7.0, spec["unit"]) == 7.0
        for unit, factor in spec["alt_units"].items():
            assert convert(lab, 2.0, unit) == pytest.approx(2.0 * factor, rel=1e-3), (lab, unit)


def test_unknown_unit_names_the_accepted_units():
    with pytest.raises(UnitError, match=r"not known for Creatinine \(serum\); use one of: µmol/L, .*mg/dL"):
        convert("creatinine", 1.0, "mg/dx")
    with pytest.raises(UnitError, match="no unit"):
        convert("creatinine", 1.0, "")
    assert not units.is_known_unit("creatinine", "g/L")
    assert units.is_known_unit("creatinine", "umol/l")


def test_molar_units_are_per_analyte():
    assert convert("creatinine", 1, "mg/dL") != convert("uric_acid", 1, "mg/dL")
    with pytest.raises(UnitError):
        convert("crp", 1, "mmol/L")  # CRP has no molar unit


def test_qualitative_only_analyte_has_no_unit():
    with pytest.raises(UnitError, match="positive/negative"):
        convert("anti_hbc", 1.0, "U/mL")


def test_unknown_analyte_is_a_key_error():
    with pytest.raises(KeyError, match="no_such_lab"):
        convert("no_such_lab", 1.0, "mg/dL")


def test_case_fallback_refuses_when_letters_alone_cannot_tell():
    odd = Analyte(id="x", label="X", kind="chemistry", canonical_unit="mU/L", units={"mU/L": 1.0, "MU/L": 1e9})
    assert units._rule(odd, "mU/L") == ("factor", 1.0)
    with pytest.raises(UnitError, match="ambiguous"):
        units._rule(odd, "mu/l")


def test_log_units_refuse_zero():
    with pytest.raises(UnitError, match="logarithm"):
        from_canonical("hbv_dna", 0.0, "log IU/mL")


@pytest.mark.parametrize(("text", "dilution"), [("1:160", 160), ("1/80", 80), ("640", 640), (" 1 : 1280 ", 1280)])
def test_parse_titre(text, dilution):
    assert parse_titre(text) == dilution


@pytest.mark.parametrize("text", ["positive", "1:0", "1:abc", "", "2:160"])
def test_parse_titre_refuses_non_titres(text):
    with pytest.raises(UnitError, match="not a titre"):
        parse_titre(text)


def test_accepted_units_start_with_the_canonical_unit():
    for analyte in labs.all():
        if analyte.numeric:
            offered = units.accepted_units(analyte.id)
            assert offered[0] == analyte.canonical_unit
            assert all(units.is_known_unit(analyte.id, u) for u in offered), analyte.id


def test_problem_reports_bad_entries_in_plain_words():
    assert units.problem("creatinine", 1.1, "mg/dL") is None
    assert "not known" in units.problem("creatinine", 1.1, "mg/dx")
    assert "must be a number" in units.problem("creatinine", float("nan"), "mg/dL")
    assert "must be a number" in units.problem("creatinine", True, "mg/dL")
    too_high = units.problem("creatinine", 500, "mg/dL")  # 44,200 µmol/L: a unit mix-up, not a result
    assert too_high and "outside the possible range" in too_high and "µmol/L" in too_high
    assert "not possible" in units.problem("hbv_dna", 400, "log IU/mL")
