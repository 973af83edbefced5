"""A record's other fields are stored in English and shown in the reader's language
(core.catalog.record_fields): the labels and the values the app wrote itself; the registry's words and an
unknown label as written. Also through ``catalog show`` of a ClinicalTrials.gov record."""

from __future__ import annotations

import io
import json
from argparse import Namespace
from pathlib import Path

import pytest

from core.catalog.record_fields import _LABELS, field_label, field_value, kind_word, shown_fields
from core.i18n import using_language
from core.importers.limits import NOTE_KEY
from core.importers.registry import parse_path

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared" / "data"
RHEUMATOLOGY = SHARED / "ctgov-classic-xml" / "rheumatology"


def test_known_labels_and_the_apps_own_values_in_chinese_and_japanese():
    extra = {"Organization study id": "M23-699", "Enrollment type": "estimated",
             "Primary completion date": "2023-12-31 (estimated)",
             "Start date": "August 1994: month only, stored as 1994-08-01",
             "Completion date": "Spring 2001 (actual) (not a date the app can read)",
             "Enrollment counted": "whole trial", "Conditions": "named in the title (the page lists none)",
             "Overall status": "Withdrawn", "A label of a future importer": "kept"}
    with using_language("zh"):
        shown = dict(shown_fields(extra))
    assert shown == {"机构研究编号": "M23-699", "入组人数类型": "预计", "主要完成日期": "2023-12-31（预计）",
                     "开始日期": "August 1994：仅有月份，存为 1994-08-01",
                     "完成日期": "Spring 2001（实际）（本应用无法识别的日期）", "入组人数统计范围": "整个试验",
                     "疾病": "见于标题（页面未列出）",
                     "总体状态": "Withdrawn",  # the registry's own word: as published
                     "A label of a future importer": "kept"}
    with using_language("ja"):
        assert field_label("Maximum age as stated") == "記載どおりの上限年齢"
        assert field_value("Enrollment type", "actual") == "実績"
        assert kind_word("estimated") == "予定"
    assert dict(shown_fields(extra)) == extra  # English: exactly as stored


def test_the_import_note_is_worded_line_by_line():
    note = ("criterion inclusion:3 was 25,000 characters long and was cut to 20,000: read it whole in the source "
            "record\nsomething an older version wrote")
    with using_language("ja"):
        shown = field_value(NOTE_KEY, note).split("\n")
        assert field_label(NOTE_KEY) == "インポートの注記"
    assert "inclusion:3" in shown[0] and "was cut" not in shown[0]
    assert shown[1] == "something an older version wrote"


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data is not beside the checkout")
def test_every_label_the_importers_store_for_real_records_is_known():
    """A new label in an importer fails here until it is listed (and so translated)."""
    files = [*sorted(RHEUMATOLOGY.glob("*.xml")), *sorted((SHARED / "ctgov-api-v2").glob("*.json")),
             *sorted((SHARED / "other-registries").glob("*.json")),
             *sorted((ROOT / "resources" / "catalog" / "sources" / "seeds").glob("*.txt"))]
    labels = {key for f in files for record in parse_path(f) for key in record.extra}
    assert len(labels) > 40
    assert labels - _LABELS == set()


@pytest.mark.skipif(not RHEUMATOLOGY.is_dir(), reason="../shared/data is not beside the checkout")
def test_catalog_show_words_the_fields_of_an_imported_record():
    from core.commands import catalog as commands

    record = sorted(RHEUMATOLOGY.glob("*.xml"))[0]
    with using_language("en"):
        assert commands.cmd_import(Namespace(paths=[str(record)], json=True, wait=10.0), out=io.StringIO()) == 0
    for lang, label in (("zh", "机构研究编号"), ("ja", "組織の試験ID")):
        out = io.StringIO()
        with using_language(lang):
            assert commands.cmd_show(Namespace(trial_id=record.stem, json=False), out=out) == 0
        text = out.getvalue()
        assert label in text and "Organization study id" not in text
        assert "Downloaded" not in text and "Status verified" not in text
    out = io.StringIO()
    with using_language("zh"):
        commands.cmd_show(Namespace(trial_id=record.stem, json=True), out=out)
    assert "Organization study id" in json.loads(out.getvalue())["extra"]  # JSON: as stored, English


def test_phase_study_type_sex_and_role_the_importers_normalise():
    from core.catalog.record_fields import phase_text, role_text, sex_text, study_type_text

    with using_language("zh"):
        assert [phase_text(p) for p in ("Phase 2", "Phase 1/Phase 2", "Early Phase 1", "Not Applicable",
                                        "Phase II/III", None)] == ["2期", "1期/2期", "早期1期", "不适用",
                                                                   "Phase II/III", None]
        assert study_type_text("Observational [Patient Registry]") == "观察性研究［患者登记］"
        assert sex_text("female") == "女性" and role_text("Principal Investigator") == "主要研究者"
        assert role_text("Research contact person") == "Research contact person"  # the registry's own: as written
    with using_language("ja"):
        assert phase_text("Phase 2/Phase 3") == "第2相/第3相" and study_type_text("Interventional") == "介入研究"
        assert role_text("Site contact (backup)") == "施設の連絡先（予備）"
    assert phase_text("Phase 2") == "Phase 2" and role_text("Study Chair") == "Study Chair"


def test_country_names_as_registries_write_them_in_chinese_and_japanese():
    from core.vocab.countries import country_name

    with using_language("zh"):
        assert [country_name(n) for n in ("China", "Korea, Republic of", "United States", "Hong Kong",
                                          "Turkey (Türkiye)", "Atlantis", None)] == \
            ["中国", "韩国", "美国", "中国香港", "土耳其", "Atlantis", None]
    with using_language("ja"):
        assert country_name("Russian Federation") == "ロシア" and country_name("Japan") == "日本"
    assert country_name("Korea, Republic of") == "Korea, Republic of"  # English: as the record writes it


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data is not beside the checkout")
def test_every_site_country_of_the_bundled_catalog_and_the_api_downloads_has_a_name():
    from core.vocab.countries import country_name

    files = [*sorted((SHARED / "ctgov-api-v2").glob("*.json")), *sorted(RHEUMATOLOGY.glob("*.xml")),
             *sorted((ROOT / "resources" / "catalog" / "sources").rglob("*.json"))]
    names = {s.country for f in files for record in parse_path(f) for s in record.sites if s.country}
    with using_language("ja"):
        unnamed = {n for n in names if country_name(n) == n}
    assert len(names) > 30 and unnamed <= {"Former Yugoslavia"}  # a country that no longer exists
