"""Letters in the study team's language, read back from the real PDF with pdftotext (poppler-data
extracts the embedded CJK font as text): Chinese for the Beijing/Nanjing trials, Japanese for the
Kyoto one, English on request; criteria quoted as published, every other word translated."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from core.catalog import database
from core.catalog.bundle import build_bundled
from core.catalog.store import trial_to_dict
from core.i18n import using_language
from core.letter.language import default_language, long_date
from core.letter.model import Letterhead
from core.letter.prepare import prepare_letter
from core.letter.render import render_pdf
from core.matching.screening import screen_profile
from core.patient.profile import profile_from_dict
from resources import paths
from tests.core.letter.test_letter import needs_pdftotext

RA_COHORT, SLE_KYOTO = "LOCAL-EB61F3F300", "UMIN000042298"
HEAD = Letterhead(clinic_name="Riverside Rheumatology", clinician_name="Dr Ada Li")
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def screened(tmp_path_factory):
    database.connect(build_bundled(tmp_path_factory.mktemp("seeds") / "c.sqlite"))
    sample = json.loads(paths.resource("samples", "sample-patient.json").read_text(encoding="utf-8"))
    profile = profile_from_dict(sample)
    results = {r.trial_id: r for r in screen_profile(profile, trial_ids=[RA_COHORT, SLE_KYOTO],
                                                     today=date(2026, 11, 2))}
    yield profile, results
    database.close()


def text_of(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "letter.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)  # CJK text wraps anywhere: compare without the line breaks


def test_language_defaults_from_the_site_country(screened):
    assert default_language(trial_to_dict(RA_COHORT)) == "zh"  # Beijing
    assert default_language(trial_to_dict(SLE_KYOTO)) == "ja"  # Kyoto
    assert default_language({"sites": [{"country": "China"}, {"country": "United States"}]}) == "en"
    assert default_language({"sites": []}) == "en"
    profile, results = screened
    letter = prepare_letter(profile, [results[RA_COHORT], results[SLE_KYOTO]], HEAD, today=date(2026, 11, 30))
    assert [tl.language for tl in letter.letters] == ["zh", "ja"]
    assert [tl.date_line for tl in letter.letters] == ["2026年11月30日", "2026年11月30日"]


def test_dates_in_the_languages_conventions():
    with using_language("en"):
        assert long_date(date(2026, 11, 30)) == "30 November 2026"
    for lang in ("zh", "ja"):
        with using_language(lang):
            assert long_date(date(2026, 11, 30)) == "2026年11月30日"


@needs_pdftotext
def test_a_chinese_letter_reads_in_chinese(screened, tmp_path):
    profile, results = screened
    letter = prepare_letter(profile, [results[RA_COHORT]], HEAD, today=date(2026, 11, 30), language="zh")
    text = text_of(render_pdf(letter), tmp_path)
    for expected in ("2026年11月30日", "现推荐以下患者参加本研究的入组评估", "患者", "临床摘要", "类风湿关节炎",
                     "治疗史", "甲氨蝶呤", "已满足的标准", "入选1", "年龄55岁高于18岁", "DrAdaLi",
                     "最终是否符合入组条件由研究团队决定", "第1页，共", "mg/周"):
        assert expected in text, expected
    # the criteria are quoted as published (English in this record), the words around them are not English
    assert "Age>18years." in text
    for english in ("Clinical summary", "Treatment history", "I would like to refer", "published criteria",
                    "mg/week"):
        assert english.replace(" ", "") not in text


@needs_pdftotext
def test_a_japanese_letter_reads_in_japanese(screened, tmp_path):
    profile, results = screened
    letter = prepare_letter(profile, [results[SLE_KYOTO]], HEAD, today=date(2026, 11, 30))  # Kyoto: Japanese
    text = text_of(render_pdf(letter), tmp_path)
    for expected in ("2026年11月30日", "下記の患者を本試験の適格性評価のためにご紹介いたします", "臨床経過の要約",
                     "関節リウマチ", "治療歴", "メトトレキサート", "最終的な適格性は研究チームが判断します", "ページ",
                     "mg/週"):
        assert expected in text, expected
    for english in ("Clinical summary", "Treatment history", "I would like to refer", "Page1of", "mg/week"):
        assert english.replace(" ", "") not in text


@needs_pdftotext
def test_the_pdf_title_is_in_the_letters_language(screened, tmp_path):
    profile, results = screened
    for language, title in (("zh", "临床试验推荐"), ("ja", "臨床試験への紹介"), ("en", "Referral to clinical trial")):
        letter = prepare_letter(profile, [results[RA_COHORT]], HEAD, today=date(2026, 11, 30), language=language)
        path = tmp_path / f"{language}.pdf"
        path.write_bytes(render_pdf(letter))
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        assert f"Title:{title}".replace(" ", "") in info.replace(" ", ""), info


@needs_pdftotext
def test_screen_language_option_writes_the_letter_in_that_language(tmp_path):
    sample = paths.resource("samples", "sample-patient.json")
    for lang, expected, absent in (("ja", "臨床経過の要約", "临床摘要"), ("en", "Clinical summary", "临床摘要")):
        pdf = tmp_path / f"{lang}.pdf"
        out = subprocess.run([sys.executable, "main.py", "--data-dir", str(tmp_path / "data"), "screen", str(sample),
                              "--trials", RA_COHORT, "--letter", str(pdf), "--language", lang],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        text = text_of(pdf.read_bytes(), tmp_path)
        assert expected.replace(" ", "") in text and absent not in text
    bad = subprocess.run([sys.executable, "main.py", "--data-dir", str(tmp_path / "data"), "screen", str(sample),
                          "--letter", str(tmp_path / "x.pdf"), "--language", "fr"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "invalid choice" in bad.stderr and not (tmp_path / "x.pdf").exists()


def test_command_line_output_in_the_chosen_language(tmp_path):
    sample = paths.resource("samples", "sample-patient.json")
    out = subprocess.run([sys.executable, "main.py", "--data-dir", str(tmp_path / "data"), "--language", "zh",
                          "screen", str(sample), "--trials", RA_COHORT], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert "符合条件" in out.stdout and "入选标准 2：年龄 55岁高于18岁。" in out.stdout
    as_json = subprocess.run([sys.executable, "main.py", "--data-dir", str(tmp_path / "data"), "--language", "zh",
                              "screen", str(sample), "--trials", RA_COHORT, "--json"], cwd=ROOT, capture_output=True,
                             text=True, timeout=120)
    assert json.loads(as_json.stdout)["results"][0]["verdict"] == "eligible"  # JSON keys and codes stay English


@needs_pdftotext
def test_letter_renderer_for_the_preview(screened, tmp_path):
    """What the letter preview's Language choice calls: PDF and clinician notes in the language asked."""
    from core.letter.prepare import letter_renderer

    profile, results = screened
    render = letter_renderer(profile, [results[RA_COHORT]], Letterhead(), today=date(2026, 11, 30))
    pdf, notes = render("ja")
    assert "臨床経過の要約" in text_of(pdf, tmp_path)
    # the notes are for the referring clinician: in the app's language (English here), not the letter's
    assert "No clinic letterhead is set: the letter names no clinic." in notes
    pdf, notes = render(None)  # Beijing: Chinese
    assert "临床摘要" in text_of(pdf, tmp_path)
