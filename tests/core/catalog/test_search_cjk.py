"""Search in Chinese and Japanese: bigram index, vocabulary bridge, full width, hostile input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from core.catalog import database
from core.catalog.bundle import build_seed_catalog
from core.catalog.cjk_text import bigrams, index_tokens, pieces, spaced
from core.catalog.models import catalog_db
from core.catalog.search import SearchFilters, count_trials, fts_query, search_trials
from core.catalog.search_concepts import english_names_in, query_names
from core.catalog.store import delete_trial, save_record, save_records_bulk
from core.trial_record import EXCLUSION, INCLUSION, CriterionNode, TrialRecord

# The five seed trials (English text; run from Beijing, Nanjing and Kyoto).
RA_SEEDS = {"LOCAL-EB61F3F300", "LOCAL-5DC21DAC9E"}  # refractory RA cohort; CAR-NK for ASyS and RA
SJOGREN_SEED = "LOCAL-C4F6E322F6"
DM_SEED = "LOCAL-4D015546CB"  # abatacept in dermatomyositis; its criteria name methotrexate
SLE_SEED = "UMIN000042298"

ZH = "ChiCTR2400000001"
JA = "jRCT1051240001"


def zh_record() -> TrialRecord:
    return TrialRecord(
        title="托法替布治疗难治性类风湿关节炎的多中心研究",
        registry_ids=[ZH],
        conditions=["类风湿关节炎"],
        criteria=[CriterionNode(INCLUSION, "符合2010年ACR/EULAR类风湿关节炎分类标准", label="1"),
                  CriterionNode(INCLUSION, "ＤＡＳ２８评分>3.2", label="2"),
                  CriterionNode(EXCLUSION, "合并干燥综合征", label="1")],
        source_format="test")


def ja_record() -> TrialRecord:
    return TrialRecord(
        title="全身性エリテマトーデス患者におけるベリムマブの観察研究",
        registry_ids=[JA],
        conditions=["全身性エリテマトーデス", "抗ARS抗体症候群"],
        criteria=[CriterionNode(INCLUSION, "メトトレキサートを3か月以上使用した患者", label="1"),
                  CriterionNode(EXCLUSION, "妊娠中の女性", label="1")],
        source_format="test")


@pytest.fixture()
def catalog(tmp_path):
    # the five seed trials (four of them Chinese or Japanese) alone: exact result sets
    database.connect(build_seed_catalog(tmp_path / "catalog.sqlite"))
    save_record(zh_record())
    save_record(ja_record())
    yield
    database.close()


def found(text: str) -> set[str]:
    return {t.trial_id for t in search_trials(text)}


# --- the index text ------------------------------------------------------------------------

def test_bigrams_and_index_tokens():
    assert bigrams("类风湿") == ["类风", "风湿"]
    # each run's bigrams, then its last character; Latin words are not in this column
    assert index_tokens("类风湿 RA 病") == "类风 风湿 湿 病"
    assert spaced("抗ARS抗体") == "抗 ARS 抗体"
    assert spaced("ＤＡＳ２８") == "DAS28"  # NFKC: full-width letters and digits are ASCII
    assert pieces("抗ARS抗体") == ["抗", "ARS", "抗体"]
    assert pieces("ギラン・バレー") == ["ギラン", "バレー"]


def test_english_names_of_concepts_named_in_cjk_text():
    names = english_names_in("合并系统性红斑狼疮，使用甲氨蝶呤")
    assert "Systemic lupus erythematosus" in names and "methotrexate" in names
    assert "Lupus erythematosus (any form)" not in names  # the longest name at each place
    assert english_names_in("Rheumatoid arthritis only") == ""


def test_query_names_map_cjk_words_to_english():
    assert "rheumatoid arthritis" in query_names("类风湿")  # a prefix of 类风湿关节炎
    assert query_names("関節リウマチ")[0] == "rheumatoid arthritis"
    assert query_names("甲氨蝶呤")[0] == "methotrexate"
    assert query_names("抗ARS抗体症候群")[0] == "antisynthetase syndrome"
    assert query_names("炎") == ()  # one character names nothing
    assert query_names("难治性") == ()
    assert query_names("研究") == ()  # "study": not a prefix of 研究药物 (investigational drug)


# --- queries of 1, 2 and 3+ characters -------------------------------------------------------

def test_one_character_queries(catalog):
    assert found("托") == {ZH}  # first character of the title
    assert found("究") == {ZH, JA}  # last character of a run (研究)
    assert found("妊") == {JA}  # in the criteria
    assert found("鬱") == set()


def test_two_character_queries(catalog):
    assert found("关节") == {ZH}  # two characters map to English only as a whole name
    assert found("痛风") == set() and "gout" in query_names("痛风")
    assert found("节关") == set()  # order matters
    assert found("中心") == {ZH}
    assert found("患者") == {JA}
    assert found("妊娠") >= {JA, DM_SEED}  # pregnancy: the English seeds that exclude it too
    assert found("中の") == {JA}


def test_three_or_more_characters(catalog):
    assert found("难治性") == {ZH}
    assert found("多中心研究") == {ZH}
    assert found("研究中心多") == set()
    assert found("観察研究") == {JA}
    assert found("观察研究") == set()  # Chinese 观 is not Japanese 観
    assert found("ベリムマブ") == {JA, SJOGREN_SEED, SLE_SEED}  # belimumab, in English in two seeds
    # across a Latin word there is no phrase: 标准 and 分类 are separate runs' bigrams
    assert found("分类标准") == {ZH}


def test_mixed_cjk_and_latin(catalog):
    assert found("类风湿 tofacitinib") == {ZH}  # its title names 托法替布, tofacitinib
    assert found("类风湿 abatacept") == {DM_SEED}  # "rheumatoid immune diseases" in its summary
    assert found("多中心 ACR") == {ZH}  # "2010年ACR/EULAR": the Latin word is its own token
    assert found("托法替布 ACR") == {ZH}
    assert found("ACR/EULAR类风湿") >= {ZH} | RA_SEEDS  # the RA seeds cite the ACR/EULAR criteria
    assert found("抗ARS抗体") >= {JA}
    assert found("多中心 refractory") == set()  # every word must appear
    assert found("难治性 OR lupus") == {ZH, JA, SLE_SEED, DM_SEED}  # JA: 全身性エリテマトーデス


def test_full_width_letters_and_digits(catalog):
    assert found("DAS28") == {ZH}  # indexed from "ＤＡＳ２８"
    assert found("ＤＡＳ２８") == {ZH}
    assert found("ＳＬＥ") == found("SLE") != set()
    assert found("ｍｅｔｈｏｔｒｅｘａｔｅ") == found("methotrexate")


# --- the vocabulary bridge ------------------------------------------------------------------

def test_seed_trials_found_by_chinese_and_japanese_names(catalog):
    assert found("类风湿") >= RA_SEEDS | {ZH}
    assert found("类风湿关节炎") == found("関節リウマチ") >= RA_SEEDS | {ZH}
    assert SJOGREN_SEED in found("干燥综合征")
    assert found("皮肌炎") == {DM_SEED}
    assert SLE_SEED in found("ループス")
    assert found("全身性エリテマトーデス") >= {SLE_SEED, JA}
    assert found("甲氨蝶呤") >= {DM_SEED, JA}  # JA writes メトトレキサート
    assert found("メトトレキサート") == found("甲氨蝶呤")


def test_the_record_written_in_cjk_ranks_first(catalog):
    assert search_trials("类风湿关节炎")[0].trial_id == ZH
    assert search_trials("全身性エリテマトーデス")[0].trial_id == JA


def test_english_words_find_records_written_in_cjk(catalog):
    assert ZH in found("rheumatoid arthritis")
    assert ZH in found("rheumat")  # prefixes too
    assert ZH in found("RA")
    assert JA in found("methotrexate") and JA in found("MTX")
    assert JA in found("systemic lupus erythematosus")
    assert JA in found("antisynthetase")
    assert ZH in found("sjogren")  # named in its exclusion criteria
    assert ZH not in found("lupus")


def test_counts_agree_with_the_list(catalog):
    for text in ("类风湿", "究", "関節リウマチ methotrexate", "ＳＬＥ"):
        assert count_trials(text) == len(search_trials(text))


def test_updated_and_deleted_records_leave_the_index(catalog):
    record = zh_record()
    record.title = "Tofacitinib study"
    record.conditions = []
    record.criteria = []
    save_record(record)
    assert ZH not in found("多中心") and ZH not in found("rheumatoid arthritis")
    assert ZH in found("托法替布")  # tofacitinib, now in English
    delete_trial(JA)
    assert JA not in found("ベリムマブ") and JA not in found("methotrexate")


def test_bulk_build_indexes_the_same_way(tmp_path):
    database.connect(tmp_path / "bulk.sqlite", create=True)
    try:
        assert save_records_bulk([zh_record(), ja_record()]) == 2
        assert found("究") == {ZH, JA}
        assert found("rheumatoid arthritis") == {ZH}
        assert found("甲氨蝶呤") == {JA}
        assert found("DAS28") == {ZH}
    finally:
        database.close()


def test_schema_version_records_the_new_index(catalog):
    columns = [r[1] for r in catalog_db.execute_sql("PRAGMA table_info(trialsearch)")]
    assert {"cjk_title", "cjk_text", "concepts"} <= set(columns)
    assert database.get_info("schema_version") == "2"


# --- hostile input --------------------------------------------------------------------------

HOSTILE_CJK = ['"类风湿', "类风湿*", "NEAR(类风湿 关节)", "类 OR", "OR 类", "NOT 类风湿", "{cjk_title}: 类",
               "cjk_title:类风湿", "concepts : lupus", "类风湿\" OR \"x", "・", "ー", "ー・ー", "－", "抗-", "-抗",
               "类(", "）（", "ＡＮＤ （", "类风湿 AND (", "𠀀𠀁", "ｶﾞ", "゛", "类" * 300, "類 " * 100]


@pytest.mark.parametrize("text", HOSTILE_CJK)
def test_hostile_cjk_text_is_safe(catalog, text):
    assert isinstance(search_trials(text), list)
    assert count_trials(text) >= 0


def test_long_hyphenated_words_are_cut_like_many_words():
    assert fts_query("a-" * 3000).count('"a"') == 16
    assert fts_query("类-" * 3000).count('"类"*') == 16
    assert fts_query("x " * 300 + "类风湿").count('"x"') == 16  # the 17th word is not searched


def test_column_names_typed_are_words(catalog):
    match = fts_query("cjk_title : 类风湿")
    assert match.startswith('"cjk_title"* AND ')  # quoted: a word, not a column filter


_CHARS = hs.sampled_from(list('类风湿关节炎リウマチ・ーｶﾞＡａ1１ -_"\'()*{}:^AND OR NOT抗ARS'))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hs.text(_CHARS, max_size=30))
def test_fuzzed_cjk_text_never_raises(catalog, text):
    assert isinstance(search_trials(text), list)


def test_condition_filter_typed_in_cjk(catalog):
    def by_condition(text: str) -> set[str]:
        return {t.trial_id for t in search_trials("", SearchFilters(condition=text))}

    assert by_condition("类风湿关节炎") == by_condition("関節リウマチ") == RA_SEEDS | {ZH}
    assert by_condition("rheumatoid arthritis") == RA_SEEDS  # English names only match English conditions
    assert by_condition("干燥综合征") == {SJOGREN_SEED}
    assert by_condition("抗ARS抗体症候群") == {JA, "LOCAL-5DC21DAC9E"}
    assert by_condition("甲氨蝶呤") == set()  # a drug is no condition
