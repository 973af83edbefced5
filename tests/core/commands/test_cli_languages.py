"""The command line's human output in Chinese and Japanese (issue 17), its JSON English and unchanged.

In-process where the command takes its streams (fast), as a user runs it where the language is
chosen at start (``--language`` before the subcommand, the system locale, ``--help``).
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from argparse import Namespace
from pathlib import Path

import pytest

from core.commands.criteria import cmd_propose, reason_words
from core.commands.fhir import format_import
from core.criteria.extract import propose_rule, why_no_rule
from core.fhir.map_patient import import_bundle_file
from core.i18n import using_language
from core.patient.profile import ProfileError, profile_from_dict
from tests.core.fhir.helpers import BUNDLES

ROOT = Path(__file__).resolve().parents[3]
MTX = "Previous use of methotrexate within the past 6 months"


def propose(text: str, kind: str, lang: str, as_json: bool = False) -> str:
    out = io.StringIO()
    with using_language(lang):
        cmd_propose(Namespace(text=text, kind=kind, json=as_json), out=out)
    return out.getvalue()


def test_propose_speaks_the_language_and_words_the_rule_in_it():
    zh = propose("Age 18 years or older", "inclusion", "zh")
    assert zh.splitlines()[1].startswith("文字说明：") and "年龄不低于18岁" in zh and "Rule:" not in zh
    ja = propose(MTX, "exclusion", "ja")
    assert "説明：" in ja and "メトトレキサート" in ja and "変更可能：   はい（登録前の手順）" in ja
    assert "「previous use of methotrexate within the past 6 months」" in ja  # the criterion's words as written
    en = propose(MTX, "exclusion", "en")
    assert "In words:    Time since the last dose of methotrexate is below 26 weeks" in en


def test_propose_json_is_english_and_the_same_in_every_language():
    outputs = {lang: propose(MTX, "exclusion", lang, as_json=True) for lang in ("en", "zh", "ja")}
    assert outputs["zh"] == outputs["en"] == outputs["ja"]
    assert "methotrexate" in json.loads(outputs["zh"])["proposal"]["description"]


def test_every_reason_for_no_rule_is_worded_in_chinese_and_japanese():
    """Fails when the extractor words a reason the command line does not know (it would show English)."""
    texts = ["", "Inclusion criteria:", "x " * 400, "Able to comply in the opinion of the investigator",
             "Suspected lupus", "Fluent in Klingon"]
    reasons = {why_no_rule(t, "inclusion") for t in texts if propose_rule(t, "inclusion") is None}
    assert len(reasons) >= 4
    for lang in ("zh", "ja"):
        with using_language(lang):
            for reason in reasons:
                words = reason_words(reason)
                unquoted = re.sub(r"[“「].*?[”」]", "", words)  # the criterion's own words stay as written
                assert words != reason and not any("a" <= ch <= "z" for ch in unquoted), words


def test_fhir_review_list_in_japanese():
    """Kinds, statuses and the reasons for what was not mapped in Japanese; codes, drug names and the
    record's own words as the bundle gives them (a drug with the vocabulary's Japanese name beside it)."""
    with using_language("ja"):  # the reasons are worded when the bundle is read (in the app's language)
        result = import_bundle_file(BUNDLES / "ra_mtx_adalimumab.json")
        text = format_import(result, excluded=set())
    assert text.splitlines()[0] == f"{result.resource_count}件のリソースから{len(result.facts)}件の情報を提案："
    assert "診断：関節リウマチ、発症 2011-11" in text and "治療：adalimumab（アダリムマブ）、中止、" in text
    assert "臨床検査：CRP 24 mg/L（ULN 5）" in text  # the lab as the questionnaire names it
    assert f"対応付けなし {len(result.unmapped)}件：" in text and "患者プロファイルに予防接種の項目はありません" in text
    for english in ("Diagnosis", "Treatment", "ongoing", "stopped", "onset", "not mapped", "no field"):
        assert english not in text


@pytest.mark.parametrize("lang,expected", [
    ("zh", "labs[0].value 必须是数字，而不是 'high'。"),
    ("ja", "labs[0].value は数値にしてください（'high' は不可）。"),
    ("en", "labs[0].value must be a number, not 'high'."),
])
def test_profile_errors_name_the_field_as_written_in_the_language(lang, expected):
    with using_language(lang), pytest.raises(ProfileError) as caught:
        profile_from_dict({"format_version": 2, "labs": [{"name": "CRP", "value": "high"}]})
    assert str(caught.value) == expected and caught.value.field == "labs[0].value"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=180, env=env)


def test_the_system_locale_chooses_the_language_and_help_is_translated(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env["LANG"] = "ja_JP.UTF-8"
    done = run("--data-dir", str(tmp_path), "criteria", "propose", "--kind", "inclusion", "Age 18 years or older",
               env=env)
    assert done.returncode == 0 and "ルール：" in done.stdout and "年齢は18歳以上" in done.stdout
    helped = run("--data-dir", str(tmp_path), "--language", "zh", "catalog", "--help")
    assert "列出、搜索和显示目录中的试验" not in helped.stdout  # the catalog command's own help lists its subcommands
    assert "目录中的所有试验" in helped.stdout and "全文搜索" in helped.stdout


def test_argparse_words_and_errors_follow_the_language(tmp_path):
    """"usage:", "options" and a bad command line's error are argparse's own words (argparse_words)."""
    helped = run("--data-dir", str(tmp_path), "--language", "zh", "--help")
    assert helped.stdout.startswith("用法：trial-eligibility") and "\n选项:" in helped.stdout
    assert "显示此帮助信息并退出" in helped.stdout and "usage:" not in helped.stdout
    bad = run("--data-dir", str(tmp_path), "--language", "ja", "catalog")
    assert bad.returncode == 2 and "：エラー：次の引数が必要です：catalog_command" in bad.stderr
    bad = run("--data-dir", str(tmp_path), "--language", "en", "catalog", "nope")
    assert bad.returncode == 2 and "error: argument catalog_command: invalid choice: 'nope'" in bad.stderr


def test_screen_language_is_the_letters_not_the_command_lines(tmp_path):
    """``screen … --language zh`` chooses the letter's language; the messages stay in the app's."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"format_version": 2, "sex": "unknown"}', encoding="utf-8")
    done = run("--data-dir", str(tmp_path), "--language", "en", "screen", str(bad), "--language", "zh")
    assert done.returncode == 2 and "sex must be female or male." in done.stderr
    done = run("--data-dir", str(tmp_path), "--language", "ja", "screen", str(bad))
    assert "sex は female か male にしてください。" in done.stderr


def test_json_outputs_are_english_whatever_the_language(tmp_path):
    """``screen --json`` (its sentences) and ``patient import-fhir --json`` (its reasons) are the stable
    machine formats: the same bytes in every language; the text output is in the language."""
    sample = str(ROOT / "resources" / "samples" / "sample-patient.json")
    screened = {lang: run("--data-dir", str(tmp_path), "--language", lang, "screen", sample, "--json").stdout
                for lang in ("en", "zh")}
    assert screened["zh"] == screened["en"] and "is above" in screened["en"]
    text = run("--data-dir", str(tmp_path), "--language", "zh", "screen", sample).stdout
    assert "[满足] 入选标准 2：年龄 55岁高于18岁。" in text
    bundle = str(BUNDLES / "ra_mtx_adalimumab.json")
    imported = {lang: run("--data-dir", str(tmp_path), "--language", lang, "patient", "import-fhir", bundle,
                          "--json").stdout for lang in ("en", "ja")}
    assert imported["ja"] == imported["en"] and "no field for immunizations" in imported["en"]
