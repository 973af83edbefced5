"""Messages outside the letter in the active language: impossible profile values (shown beside
a field), machine faults and save errors; English unchanged."""

from __future__ import annotations

import errno

from core.faults import describe_fault
from core.i18n import using_language
from core.patient.profile import profile_from_dict
from core.patient.validation import profile_problems
from core.userdata.errors import describe

PROFILE = profile_from_dict({"format_version": 1, "assessment_date": "2026-11-01", "date_of_birth": "1970-01-01",
                             "findings": {"ecog": 7},
                             "treatments": [{"drug": "methotrexate", "start": "2020-01-01", "stop": "2019-01-01"}]},
                            strict=False)


def test_impossible_values_in_each_language():
    expected = {
        "en": ["The stop date is before the start date.", "ECOG performance status must be at most 5."],
        "zh": ["停止日期早于开始日期。", "ECOG体能状态不得高于5。"],
        "ja": ["終了日が開始日より前です。", "ECOG PSは5以下にしてください。"],
    }
    for lang, messages in expected.items():
        with using_language(lang):
            problems = profile_problems(PROFILE)
        assert [f for f, _m in problems] == ["treatments[0].stop", "findings.ecog"]  # fields never translated
        assert [m for _f, m in problems] == messages


def test_faults_in_each_language():
    full = OSError(errno.ENOSPC, "No space left on device")
    assert describe_fault(full).startswith("The disk is full.")
    with using_language("zh"):
        assert describe_fault(full).startswith("磁盘已满。")
        assert "之前保存的回答是安全的" in describe(full)
    with using_language("ja"):
        folder = IsADirectoryError(errno.EISDIR, "Is a directory", "/tmp/x")
        assert describe_fault(folder) == ("ファイルを置くべき場所にフォルダーがあります: /tmp/x。"
                                          "移動してから再試行してください。")


def test_an_unnumbered_criterion_is_named_by_its_place_in_the_language():
    """"item 3" (the place of a criterion the record does not number) in the results, the command line's
    screening and the letter, in the language they are composed in."""
    from core.trial_record import display_label

    assert display_label("inc-3", None) == "item 3" and display_label("inc-2.1", None) == "2.1"
    with using_language("zh"):
        assert display_label("inc-3", None) == "第3项" and display_label("exc-1", "A") == "A"
    with using_language("ja"):
        assert display_label("inc-3", None) == "3項目"
