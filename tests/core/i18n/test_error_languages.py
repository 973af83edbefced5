"""The last English a Chinese or Japanese user met (issue 17): a file's import error, the "error:"
prefix of the command line, pydantic's FHIR validation messages and the notes of FHIR facts, each in
Chinese and Japanese. Each family is triggered for real (a bad file, a failing command, an invalid
bundle, a mapped fact) and its words checked; English stays what JSON and the logs keep.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import subprocess
import sys
import threading
from argparse import Namespace
from pathlib import Path

import pytest

from core.catalog.import_lock import holder_words
from core.commands.screen import cmd_screen
from core.fhir.apply import correct
from core.fhir.map_patient import import_bundle_file, map_bundle
from core.fhir.model import FhirError
from core.fhir.read_bundle import parse_bundle
from core.fhir.validation_words import problem_words
from core.i18n import Message, using_language, words
from core.importers.batch import FAILED, parse_sources
from core.importers.limits import NOTE_KEY, cap_record, note_message, record_notes
from core.importers.registry import parse_bytes
from core.importers.text import ImportFormatError
from core.trial_record import INCLUSION, CriterionNode, TrialRecord
from tests.core.fhir.helpers import bundle_with, observation

ROOT = Path(__file__).resolve().parents[3]


def _failure(data: bytes, name: str = "study.json") -> ImportFormatError:
    with pytest.raises(ImportFormatError) as caught:
        parse_bytes(data, name=name)
    return caught.value


# ---------------------------------------------------------------- 1. a file's import error

@pytest.mark.parametrize(("data", "zh", "ja", "en"), [
    (b"<clinical_study><id_info>", "XML 提前结束：文件似乎不完整（第 1 行）",
     "XML が途中で終わっています。ファイルが途中で切れているようです（1 行目）",
     "the XML ends too early: the file looks truncated (line 1)"),
    (b'{"studies": [{"x": 1}]}', "文件中的第 1 项不是 ClinicalTrials.gov 研究（没有 protocolSection）",
     "ファイルの 1 番目の項目は ClinicalTrials.gov の試験ではありません（protocolSection がありません）",
     "item 1 of the file is not a ClinicalTrials.gov study (no protocolSection)"),
    (b"", "文件为空", "ファイルが空です", "the file is empty"),
    (b'{"a" 1}', "JSON 格式有误（第 1 行第 6 列）：应有冒号",
     "JSON の形式が正しくありません（1 行目 6 列目）：コロンが必要です",
     "the JSON is malformed: a colon was expected at line 1, column 6"),  # the parser's fault in the app's words
    (b"<a><b></a>", "XML 在第 1 行第 8 列格式有误：结束标签与开始标签不匹配",
     "XML の 1 行目 8 列目の形式が正しくありません：終了タグが開始タグと一致しません",
     "the XML is malformed at line 1, column 8: a closing tag does not match its opening tag"),
    (b"\x00\x01\x02binary", "该文件是二进制文件，不是试验记录",
     "このファイルはバイナリファイルで、試験記録ではありません",
     "the file is binary, not a trial record"),
])
def test_an_import_error_is_worded_in_the_language_that_shows_it(data, zh, ja, en):
    exc = _failure(data)
    with using_language("zh"):
        assert str(exc) == zh
    with using_language("ja"):
        assert str(exc) == ja
    assert str(exc) == en and exc.message == en  # English: the log's and the JSON's


def test_a_nested_import_error_is_worded_whole_in_one_language():
    study = {"protocolSection": {"identificationModule": {"nctId": "NCT123"}}}
    exc = _failure(json.dumps({"studies": [study]}).encode())
    with using_language("zh"):
        assert str(exc) == "文件中的第 1 个研究：该研究的 NCT 编号 'NCT123' 格式不正确"
    with using_language("ja"):
        assert str(exc) == "ファイルの 1 番目の試験：この試験の NCT 番号 'NCT123' の形式が正しくありません"


def test_an_error_raised_in_a_worker_of_another_language_is_worded_where_it_is_shown(tmp_path):
    """The worker parses in English (say); the GUI thread, in Japanese, shows the file's error in Japanese,
    and a pickled error (a worker process) keeps its fields."""
    (tmp_path / "empty.json").write_bytes(b"")
    (tmp_path / "cut.xml").write_bytes(b"<clinical_study>")
    results: list = []

    def work() -> None:
        with using_language("en"):
            results.extend(result for result, _records in parse_sources([tmp_path]))

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert [r.status for r in results] == [FAILED, FAILED]
    with using_language("ja"):
        shown = sorted(r.error_text() for r in results)
    assert shown == ["XML が途中で終わっています。ファイルが途中で切れているようです（1 行目）", "ファイルが空です"]
    assert sorted(r.error for r in results) == ["the XML ends too early: the file looks truncated (line 1)",
                                                "the file is empty"]
    again = pickle.loads(pickle.dumps(_failure(b"<clinical_study>", "x.xml")))
    with using_language("zh"):
        assert str(again) == "XML 提前结束：文件似乎不完整（第 1 行）"


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)


def test_catalog_import_words_a_bad_file_in_chinese_and_keeps_its_json_english(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<clinical_study><id_info>")
    text = _run("--data-dir", str(tmp_path / "d"), "--language", "zh", "catalog", "import", str(bad))
    assert "失败：bad.xml：XML 提前结束：文件似乎不完整（第 1 行）" in text.stdout
    data = _run("--data-dir", str(tmp_path / "d"), "--language", "zh", "catalog", "import", "--json", str(bad))
    assert json.loads(data.stdout)["files"][0]["error"] == "the XML ends too early: the file looks truncated (line 1)"


# ---------------------------------------------------------------- 2. the "error:" prefix

def test_the_error_prefix_of_a_command_is_in_the_language(tmp_path):
    missing = tmp_path / "no-such-profile.json"
    for lang, prefix, words_of_it in (("zh", "错误：", "无法读取"), ("ja", "エラー：", "を読み込めません"),
                                      ("en", "error: ", "Cannot read")):
        err = io.StringIO()
        with using_language(lang):
            code = cmd_screen(Namespace(profile=str(missing), trial=None, json=False), out=io.StringIO(), err=err)
        assert code != 0
        assert err.getvalue().startswith(prefix) and words_of_it in err.getvalue()
    restore = _run("--data-dir", str(tmp_path / "d"), "--language", "ja", "data", "restore")
    assert restore.returncode == 1 and restore.stderr == "エラー：復元できるバックアップがありません\n"


# ---------------------------------------------------------------- 3. FHIR validation (pydantic)

def test_fhir_validation_errors_are_the_apps_sentences_with_the_field_path_as_written(tmp_path):
    patient = {"resourceType": "Patient", "id": "p1", "birthDate": "19x", "active": "maybe", "foo": 1}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bundle_with(patient=patient)), encoding="utf-8")
    texts = {}
    for lang in ("zh", "ja", "en"):
        with using_language(lang), pytest.raises(FhirError) as caught:
            import_bundle_file(path)
        texts[lang] = str(caught.value)
    assert "条目 1（Patient/p1） birthDate：不是 FHIR 日期（YYYY、YYYY-MM 或 YYYY-MM-DD）" in texts["zh"]
    assert "active：必须是 true 或 false" in texts["zh"] and "foo：不是该资源在 FHIR R4 中的元素" in texts["zh"]
    assert "エントリ 1（Patient/p1） birthDate：FHIR の日付ではありません" in texts["ja"]
    assert "active：true または false でなければなりません" in texts["ja"]
    assert "birthDate: is not a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)" in texts["en"]
    assert not any("spec regex" in t or "Input should" in t for t in texts.values())


def test_a_pydantic_error_the_app_does_not_word_keeps_pydantics_text():
    error = {"type": "url_scheme", "loc": ("x",), "msg": "URL scheme should be 'http' or 'https'"}
    with using_language("zh"):
        assert problem_words(error) == "URL scheme should be 'http' or 'https'"
        assert problem_words({"type": "missing", "loc": ("status",), "msg": "Field required"}) == "此处必须填写"
    message = ("Any of one field value is expected from this list ['deceasedBoolean', 'deceasedDateTime'], "
               "but got multiple!")
    one_of = {"type": "value_error", "msg": "", "ctx": {"error": ValueError(message)}}
    with using_language("ja"):
        assert problem_words(one_of) == "deceasedBoolean、deceasedDateTime のうち一つだけを指定できます"


# ---------------------------------------------------------------- 4. notes kept with FHIR facts

def test_a_facts_note_is_worded_when_shown_and_kept_english_for_the_record():
    crp = observation("crp", "1988-5", 2.4, "mg/dL")
    result = map_bundle(parse_bundle(bundle_with(crp), "test.json"))
    fact = next(f for f in result.facts if f.source == "Observation/crp")
    assert fact.note == "converted from 2.4 mg/dL"  # what the audit log and the JSON keep
    with using_language("zh"):
        assert fact.note_text() == "由 2.4 mg/dL 换算"
        fixed = correct(fact, value_text="20")
        assert fixed.note_text() == "由 2.4 mg/dL 换算；已更正"
    with using_language("ja"):
        assert fact.note_text() == "2.4 mg/dL から換算" and fixed.note_text() == "2.4 mg/dL から換算；修正済み"
    assert fixed.note == "converted from 2.4 mg/dL; corrected"
    assert words("RxNorm 6851", "zh") == "RxNorm 6851"  # a code alone is the same in every language
    assert isinstance(fixed.note, Message)


def test_the_import_locks_holder_written_by_another_process_is_worded_by_the_one_that_shows_it():
    note = "the command line, process 4242, since 10:02:11"  # what the holding process writes, in English
    with using_language("zh"):
        assert holder_words(note) == "命令行，进程 4242，自 10:02:11 起"
    with using_language("ja"):
        assert holder_words(note) == "コマンドライン、プロセス 4242、10:02:11 から"
        assert holder_words("a newer app's note") == "a newer app's note"  # another form: as written
    assert holder_words(note) == note


def test_what_the_size_limits_cut_is_stored_english_and_worded_where_shown():
    rec = TrialRecord(title="A trial", registry_ids=["NCT01234567"], source_format="test",
                      criteria=[CriterionNode(INCLUSION, "a" * 1_000_000, label="1")], extra={"Notes": "e" * 30_000})
    cap_record(rec)
    stored = rec.extra[NOTE_KEY]  # English, kept with the record
    assert stored.splitlines() == [
        "criterion inc-1 was 1,000,000 characters long and was cut to 20,000: read it whole in the source record",
        "the field “Notes” was 30,000 characters long and was cut to 20,000"]
    with using_language("zh"):
        assert [words(n) for n in record_notes(rec)] == [
            "标准条目 inc-1 长 1,000,000 个字符，已截短为 20,000 个字符：请在原始记录中阅读全文",
            "字段“Notes”长 30,000 个字符，已截短为 20,000 个字符"]
    with using_language("ja"):
        assert words(record_notes(rec)[1]) == "フィールド「Notes」は 30,000 文字あり、20,000 文字に切り詰めました"
    assert words(note_message("a note of another form"), "zh") == "a note of another form"
