"""Issue 12, rows 15 and 16: command-line arguments that are not UTF-8, and patient
profiles with hostile values. Each ends as one plain message, fast, and nothing is written."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from core.catalog import database as catalog_database
from core.catalog.bundle import open_catalog
from core.catalog.search import SearchFilters, search_trials
from core.patient.profile import ProfileError, load_profile, profile_from_dict
from core.questionnaire.answers import AnswerError
from core.questionnaire.engine import Questionnaire
from core.questionnaire.trials import load_trials
from tests.reliability.conftest import assert_plain_failure, out_text, run_cli, sample_profile

BAD_BYTES = b"\xff\xfe"


@pytest.mark.parametrize("args", [
    (b"catalog", b"show", BAD_BYTES),
    (b"catalog", b"search", b"arthritis", BAD_BYTES),
    (b"catalog", b"list", b"--country", BAD_BYTES),
    (b"data", b"export", BAD_BYTES),
    (b"screen", b"resources/samples/sample-patient.json", b"--trials", BAD_BYTES),
])
def test_row_15_non_utf8_text_arguments(data_dir, args):
    """``catalog show $'\\xff'`` and the like: a plain message, exit 2, no traceback."""
    result = run_cli(os.fsencode(data_dir), *args)
    assert result.returncode == 2
    assert_plain_failure(result, "not valid UTF-8")


def test_row_15_non_utf8_file_names_still_work(data_dir, tmp_path):
    """A profile whose *file name* is not UTF-8 is a legal file: it is read and screened,
    and the name prints escaped rather than crashing the output."""
    name = os.fsencode(tmp_path) + b"/patient-" + BAD_BYTES + b".json"
    with open(name, "w", encoding="utf-8") as fh:
        json.dump(sample_profile(), fh)
    result = run_cli(os.fsencode(data_dir), b"screen", name)
    out, err = out_text(result)
    assert result.returncode == 0, err
    assert "ELIGIBLE" in out
    broken = os.fsencode(tmp_path) + b"/broken-" + BAD_BYTES + b".json"
    with open(broken, "w", encoding="utf-8") as fh:
        fh.write("{")
    assert_plain_failure(run_cli(os.fsencode(data_dir), b"screen", broken), "not valid JSON")


def _with(change) -> dict:
    data = sample_profile()
    change(data)
    return data


def _text_with_dose(token: str) -> str:
    return json.dumps(sample_profile()).replace('"dose": 20', f'"dose": {token}')


HOSTILE_TEXTS = {
    "nan": (_text_with_dose("NaN"), "NaN"),
    "infinity": (_text_with_dose("-Infinity"), "Infinity"),
    "overflow": (_text_with_dose("1e400"), "finite number"),
    "huge_integer": (_text_with_dose("9" * 5000), "too many digits"),
    "deep": ('{"format_version": 1, "findings": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    "long_drug": (json.dumps(_with(lambda d: d["treatments"][0].update(drug="x" * 1_000_000))), "too long"),
    "long_id": (json.dumps(_with(lambda d: d.update(profile_id="p" * 1_000_000))), "too long"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_TEXTS))
def test_row_16_hostile_profiles_are_refused_fast(tmp_path, case):
    """NaN, Infinity, 1e400, a 5,000-digit number, 100,000-deep nesting, a 1 MB drug name or
    profile_id: one ProfileError naming the problem, within a second (it took two minutes)."""
    text, words = HOSTILE_TEXTS[case]
    path = tmp_path / f"{case}.json"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(ProfileError, match=words):
        load_profile(path)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 1e400, 10**400])
def test_row_16_non_finite_values_refused_from_any_source(value):
    """The same checks hold for a profile built in memory (the GUI's path, a stored state)."""
    with pytest.raises(ProfileError):
        profile_from_dict(_with(lambda d: d.update(weight_kg=value)))


def test_row_16_questionnaire_refuses_nan_typed_into_a_number_field():
    """Typed "nan" (Python's float() reads it) is refused with the reason by the field; no
    "nan mg/week" ever reaches a verdict or a letter."""
    open_catalog()
    try:
        ids = [t.trial_id for t in search_trials("", SearchFilters())]
        q = Questionnaire(trials=load_trials(ids))
        for typed in ("nan", "inf", "1e400"):
            with pytest.raises(AnswerError, match="finite number"):
                q.answer("weight_kg", typed)
        assert q.profile.weight_kg is None
        q.answer("weight_kg", "64")
        assert q.profile.weight_kg == 64
    finally:
        catalog_database.close()


@pytest.mark.parametrize("case", ["nan", "deep", "long_drug"])
def test_row_16_cli_screen_and_letter_give_a_plain_message(data_dir, tmp_path, case):
    """``screen`` and ``screen --letter``: exit 2 with the problem in words, no PDF written."""
    text, words = HOSTILE_TEXTS[case]
    path = tmp_path / f"{case}.json"
    path.write_text(text, encoding="utf-8")
    letter = tmp_path / "letter.pdf"
    for extra in ((), ("--letter", str(letter))):
        result = run_cli(data_dir, "screen", str(path), *extra)
        assert result.returncode == 2
        assert_plain_failure(result, words)
    assert not letter.exists()


def test_row_16_longest_allowed_text_still_makes_a_letter(data_dir, tmp_path):
    """At the limit (500-character drug name and profile_id, no spaces) the letter still lays
    out: no reportlab LayoutError."""
    from core.patient.limits import MAX_TEXT

    data = _with(lambda d: (d["treatments"][0].update(drug="x" * MAX_TEXT), d.update(profile_id="i" * MAX_TEXT)))
    path = tmp_path / "limit.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    letter = tmp_path / "letter.pdf"
    result = run_cli(data_dir, "screen", str(path), "--letter", str(letter))
    assert result.returncode == 0, out_text(result)[1]
    assert letter.stat().st_size > 1000 and Path(letter).read_bytes().startswith(b"%PDF")
