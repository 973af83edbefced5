"""The operating system's and the decoder's reasons quoted in an error are the app's sentences in the
user's language (core.faults.os_reason), the path kept as written; an errno the app does not word keeps
the OS's text. Checked on the helper and on real failures through the CLI, a profile and an import."""

from __future__ import annotations

import errno
import os
import pickle
import sys

import pytest

from core.faults import _ERRNO_REASONS, os_reason, reason_text
from core.i18n import Message, using_language, words
from core.importers.sources import read_file
from core.patient.profile_read import ProfileError, load_profile

COMMON = ["EACCES", "EPERM", "ENOSPC", "EROFS", "ENOENT", "EISDIR", "ENOTDIR", "EEXIST", "ENAMETOOLONG", "EMFILE",
          "EIO", "EDQUOT"]


@pytest.mark.parametrize("name", COMMON)
def test_each_common_errno_is_worded_by_the_app_in_each_language(name):
    code = getattr(errno, name)
    exc = OSError(code, os.strerror(code), "/tmp/a file.json")
    reason = os_reason(exc)
    assert isinstance(reason, Message) and code in _ERRNO_REASONS
    texts = {lang: words(reason, lang) for lang in ("en", "zh", "ja")}
    assert texts["en"] == str(reason)
    for lang in ("zh", "ja"):
        assert texts[lang] != texts["en"]
        assert not any("a" <= ch.casefold() <= "z" for ch in texts[lang].replace("/", "")), texts[lang]
    assert "/tmp/a file.json" not in texts["zh"]  # the sentence around it names the file as written


def test_an_errno_the_app_does_not_word_keeps_the_os_text():
    exc = OSError(errno.ECONNRESET, "Connection reset by peer")
    with using_language("zh"):
        assert reason_text(exc) == "Connection reset by peer"
    assert reason_text(ValueError("odd")) == "odd"


def test_an_undecodable_byte_is_worded_with_its_position():
    try:
        b"ok \xff".decode("utf-8")
    except UnicodeDecodeError as exc:
        caught = exc
    assert str(os_reason(caught)) == "byte 3 is not valid UTF-8 text"
    with using_language("zh"):
        assert reason_text(caught) == "第 3 字节不是有效的 UTF-8 文本"
    with using_language("ja"):
        assert reason_text(caught) == "3 バイト目が有効な UTF-8 テキストではありません"


def test_a_file_import_error_keeps_the_reason_through_a_worker_process(tmp_path):
    """A Source's error is pickled to the GUI's process pool with its reason as a Message."""
    error = read_file(tmp_path, "folder").error  # a folder where a file was expected: EISDIR
    again = pickle.loads(pickle.dumps(error))
    assert str(again) == "the file cannot be read (it is a folder, not a file)"
    with using_language("ja"):
        assert "ファイルではなくフォルダーです" in words(again)
    with using_language("zh"):
        assert "这是文件夹，不是文件" in words(again)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads any file")
def test_a_profile_without_permission_says_so_in_chinese(tmp_path):
    path = tmp_path / "p.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0)
    with using_language("zh"), pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert "没有权限" in str(caught.value) and str(path) in str(caught.value)


def test_a_missing_profile_in_japanese(tmp_path):
    path = tmp_path / "nowhere" / "p.json"
    with using_language("ja"), pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert "ファイルまたはフォルダーが存在しません" in str(caught.value) and str(path) in str(caught.value)
    assert "No such file" not in str(caught.value)


def test_a_malformed_json_profile_or_bundle_names_the_fault_in_the_language(tmp_path):
    from core.fhir.model import FhirError
    from core.fhir.read_bundle import read_bundle_bytes

    path = tmp_path / "p.json"
    path.write_text('{"a": 1 "b": 2}', encoding="utf-8")
    with using_language("zh"), pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert "应有逗号" in str(caught.value) and "Expecting" not in str(caught.value)
    with using_language("ja"), pytest.raises(FhirError) as caught:
        read_bundle_bytes(b'{"resourceType": "Bundle",', "b.json")
    assert "途中で終わっています" in str(caught.value) and "Expecting" not in str(caught.value)
