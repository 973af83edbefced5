"""Rules in plain words in the active language (``core.criteria.rule_words``); the extractor's cached
English (``describe_rule``, the stable ``criteria propose --json`` description) unchanged."""

from __future__ import annotations

from core.criteria.extract import describe_rule
from core.criteria.rule_words import rule_in_words
from core.i18n import using_language

RULE = {"all": [{"fact": "age_years", "op": ">=", "value": 18},
                {"any": [{"fact": "pregnant", "op": "=", "value": True},
                         {"not": {"fact": "sex", "op": "=", "value": "female"}}]},
                {"step": {"kind": "washout", "text": "Last dose of methotrexate more than 6 months before entry"},
                 "rule": {"fact": "drug_weeks_since:methotrexate", "op": "<", "value": 26}},
                {"confirm": "Is the patient able to comply?"}, {"children": "all"}]}


def test_english_is_the_extractors_description():
    expected = ("Age is at least 18 years AND (pregnant: yes OR not (sex is female)) AND time since the last dose of "
                "methotrexate is below 26 weeks [can change before enrolment: Last dose of methotrexate more than 6 "
                "months before entry] AND the clinician confirms: Is the patient able to comply? AND all of its "
                "sub-items are met")
    assert rule_in_words(RULE) == expected
    with using_language("zh"):  # the cached description stays English whatever the language
        assert describe_rule(RULE) == expected


def test_chinese_and_japanese_are_whole_clauses_with_the_vocabularys_names():
    with using_language("zh"):
        zh = rule_in_words(RULE)
    assert zh.startswith("年龄不低于18岁 且 （妊娠：是 或 并非（性别为女）") and "甲氨蝶呤" in zh
    assert "医生确认：Is the patient able to comply?" in zh  # a clinician question as the rule holds it
    assert "其所有子项均满足" in zh and " AND " not in zh and "yes" not in zh
    with using_language("ja"):
        ja = rule_in_words(RULE)
    assert ja.startswith("年齢は18歳以上 かつ （妊娠中：はい または （性別は女性）に該当しない）")
    assert "メトトレキサート" in ja and "[登録前に変更可能：" in ja and "下位項目をすべて満たす" in ja


def test_not_a_rule_is_said_so_in_the_language():
    with using_language("ja"):
        assert rule_in_words(None) == "（ルールではありません）"
    assert rule_in_words([1]) == "(not a rule)"
