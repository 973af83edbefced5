"""The referring clinician's name in each language's order: family name first in Chinese and
Japanese (CJK names without a space), given name first in English; a name given whole is printed
as written. Checked on the real PDF with pdftotext."""

from __future__ import annotations

from datetime import date

import pytest

from core.letter.model import Letterhead
from core.letter.names import person_name
from core.letter.prepare import letterhead_from_settings, prepare_letter
from core.letter.render import render_pdf
from tests.core.letter.test_letter import needs_pdftotext
from tests.core.letter.test_letter_languages import RA_COHORT, SLE_KYOTO, screened, text_of  # noqa: F401


@pytest.mark.parametrize("family,given,whole,lang,expected", [
    ("周", "伟", "", "zh", "周伟"),
    ("周", "伟", "", "en", "伟 周"),
    ("田中", "太郎", "", "ja", "田中太郎"),
    ("Zhou", "Wei", "", "zh", "Zhou Wei"),  # Latin letters keep their space, family name first
    ("Zhou", "Wei", "", "en", "Wei Zhou"),
    ("Tanaka", "Taro", "Dr Taro Tanaka", "ja", "Tanaka Taro"),  # the parts win over the whole name
    ("", "", "Zhou Wei", "zh", "Zhou Wei"),  # a whole name alone: never reordered
    ("", "", "Zhou Wei", "en", "Zhou Wei"),
    ("", "", "Dr Ada Li", "ja", "Dr Ada Li"),
    ("Li", "", "Dr Ada Li", "en", "Li"),  # one part alone is printed alone
    ("", "", "", "zh", ""),
])
def test_person_name(family, given, whole, lang, expected):
    assert person_name(family, given, whole, lang) == expected


def test_a_letterhead_saved_before_the_name_parts_existed_still_loads():
    head = letterhead_from_settings({"clinic_name": "Riverside", "clinician_name": "Dr Ada Li"})
    assert (head.clinician_family_name, head.clinician_given_name) == ("", "")
    assert head.signature_name("zh") == "Dr Ada Li"


@needs_pdftotext
@pytest.mark.parametrize("lang,trial,expected,absent", [
    ("zh", RA_COHORT, "周伟", "伟周"),
    ("ja", SLE_KYOTO, "周伟", "伟周"),
    ("en", RA_COHORT, "伟周", "周伟"),
])
def test_the_letter_signs_in_the_languages_order(screened, tmp_path, lang, trial, expected, absent):  # noqa: F811
    profile, results = screened
    head = Letterhead(clinic_name="Riverside Rheumatology", clinician_family_name="周", clinician_given_name="伟")
    letter = prepare_letter(profile, [results[trial]], head, today=date(2026, 11, 30), language=lang)
    assert letter.letters[0].language == lang
    text = text_of(render_pdf(letter), tmp_path)  # whitespace removed: "伟 周" reads 伟周
    assert expected in text and absent not in text
    assert not any("No clinician name" in note for note in letter.clinician_notes())


@needs_pdftotext
def test_a_whole_name_is_printed_as_written_in_every_language(screened, tmp_path):  # noqa: F811
    profile, results = screened
    head = Letterhead(clinic_name="Riverside Rheumatology", clinician_name="Zhou Wei")
    for lang in ("zh", "ja", "en"):
        letter = prepare_letter(profile, [results[RA_COHORT]], head, today=date(2026, 11, 30), language=lang)
        assert "ZhouWei" in text_of(render_pdf(letter), tmp_path), lang
