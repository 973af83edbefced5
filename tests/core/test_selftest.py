"""core.selftest: the end-to-end check behind ``main.py --self-test``."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from core import selftest
from core.patient.profile import load_profile
from core.patient.validation import profile_problems
from resources import paths

ROOT = Path(__file__).resolve().parents[2]


def test_sample_patient_is_a_valid_adult_with_refractory_ra():
    path = paths.resource(*selftest.SAMPLE_PATIENT)
    profile = load_profile(path)
    assert profile_problems(profile) == []
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format_version"] == 1
    assert [d["code"] for d in data["diagnoses"]] == ["rheumatoid_arthritis"]
    failed = [t for t in data["treatments"] if t["outcome"] in ("inadequate_response", "loss_of_response",
                                                                    "intolerance")]
    assert len(failed) >= 3


def test_all_steps_pass_in_a_temporary_folder_that_is_removed(_isolated_data_dir):
    out = io.StringIO()
    assert selftest.run_self_test(out=out) == 0
    lines = out.getvalue().splitlines()
    names = [name for name, _ in selftest.CORE_STEPS]
    assert [line.split(":")[0] for line in lines if line.startswith("ok ")] == [f"ok {n}" for n in names]
    assert any(line.startswith("ok catalog: ") and " trials" in line for line in lines)
    assert lines[-1].startswith("self-test passed")
    temp = Path(lines[0].rsplit(" in ", 1)[1])
    assert not temp.exists()
    # The user's own data folder was never touched, and --data-dir is back as it was.
    assert list(_isolated_data_dir.iterdir()) == []
    assert paths.data_dir() == _isolated_data_dir.resolve()


def test_a_failing_step_stops_the_run_names_it_and_keeps_the_log(tmp_path):
    calls = []

    def broken(t):
        raise RuntimeError("the window would not open")

    def never(t):
        calls.append("never")
        return "should not run"

    out = io.StringIO()
    code = selftest.run_self_test(extra_steps=[("window", broken), ("after", never)], out=out)
    text = out.getvalue()
    assert code == 1
    assert "FAIL window: RuntimeError: the window would not open" in text
    assert "ok letter:" in text and calls == []
    assert "FAILED at step 'window'" in text
    log = Path(text.rsplit("the log of this run is in ", 1)[1].strip())
    try:
        assert "the window would not open" in log.read_text(encoding="utf-8")
        assert "Traceback" in log.read_text(encoding="utf-8")
    finally:
        shutil.rmtree(log.parent.parent, ignore_errors=True)


def test_a_wrong_result_is_reported_in_plain_words(monkeypatch):
    def empty_search(t):
        raise selftest.SelfTestFailure("a search for 'arthritis' found nothing")

    monkeypatch.setattr(selftest, "CORE_STEPS", [("search", empty_search)])
    out = io.StringIO()
    assert selftest.run_self_test(out=out) == 1
    assert "FAIL search: a search for 'arthritis' found nothing" in out.getvalue()
    shutil.rmtree(out.getvalue().splitlines()[0].rsplit(" in ", 1)[1], ignore_errors=True)


def test_main_self_test_from_the_command_line_exits_0():
    result = subprocess.run([sys.executable, "main.py", "--self-test"], cwd=ROOT, capture_output=True, text=True,
                            timeout=120, env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok window: main window opened" in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].startswith("self-test passed")


def test_the_lines_are_printed_in_the_apps_language_and_logged_in_english(monkeypatch):
    """A user of the frozen app reads the lines (Chinese, Japanese); the log for support stays English."""
    from core.i18n import using_language

    monkeypatch.setattr(selftest, "CORE_STEPS", selftest.CORE_STEPS[1:3])  # catalog, search

    def broken(t):
        raise selftest.SelfTestFailure(selftest.Message(selftest.N_("the letter is not a complete PDF file")))

    for lang, ok, fail in (("zh", "通过 目录库：", "失败 转诊信：转诊信不是完整的 PDF 文件"),
                           ("ja", "OK カタログ：", "失敗 紹介状：紹介状が完全なPDFファイルではありません")):
        out = io.StringIO()
        with using_language(lang):
            assert selftest.run_self_test(extra_steps=[(selftest.N_("letter"), broken)], out=out) == 1
        text = out.getvalue()
        assert ok in text and fail in text
        words = re.sub(r"\S*/\S*", "", text)  # paths as they are
        assert "trials" not in words and "self-test" not in words
        log = Path(re.search(r"(\S+app\.log)", text).group(1))
        try:
            logged = log.read_text(encoding="utf-8")
            assert "self-test: ok catalog: " in logged and "FAIL letter: the letter is not a complete PDF" in logged
        finally:
            shutil.rmtree(log.parent.parent, ignore_errors=True)
