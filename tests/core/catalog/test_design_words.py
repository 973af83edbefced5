"""ClinicalTrials.gov's fixed study-design values are worded in Chinese and Japanese where shown,
in both spellings the importers store (classic XML and API v2); English shows the registry's words."""

from __future__ import annotations

import pytest

from core.catalog.record_fields import field_value
from core.i18n import using_language


@pytest.mark.parametrize(("label", "value", "zh", "ja"), [
    ("Allocation", "Randomized", "随机", "ランダム化"),
    ("Allocation", "Non randomized", "非随机", "非ランダム化"),  # API v2 NON_RANDOMIZED, capitalised
    ("Intervention model", "Parallel Assignment", "平行分组", "並行群間"),  # classic XML
    ("Intervention model", "Parallel", "平行分组", "並行群間"),  # API v2 PARALLEL
    ("Primary purpose", "Supportive care", "支持治疗", "支持療法"),
    ("Masking", "None (Open Label)", "无（开放标签）", "なし（非盲検）"),
    ("Masking", "Double (Participant, Investigator)", "双盲（受试者、研究者）", "二重盲検（被験者、研究者）"),
    ("Time perspective", "Cross-Sectional", "横断面", "横断的"),
    ("Last known status", "Active, not recruiting", "进行中，不再招募", "実施中（募集終了）"),
])
def test_design_values_in_chinese_and_japanese(label, value, zh, ja):
    with using_language("zh"):
        assert field_value(label, value) == zh
    with using_language("ja"):
        assert field_value(label, value) == ja
    with using_language("en"):
        assert field_value(label, value) == value  # the registry's own words


def test_a_value_outside_the_lists_is_shown_as_written():
    with using_language("zh"):
        assert field_value("Primary purpose", "Pharmacokinetics in elderly") == "Pharmacokinetics in elderly"
        assert field_value("Masking", "Double (Participant, Pharmacist)") == "Double (Participant, Pharmacist)"
        assert field_value("Sponsor type", "Treatment") == "Treatment"  # another field: not a design value
