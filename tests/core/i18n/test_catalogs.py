"""The message catalogs are complete and consistent: every msgid extracted from core/, main.py and
ui/ has a Chinese and a Japanese translation with the same placeholders,
the committed .pot/.po/.mo match the code, and clinical names agree with the vocabularies."""

from __future__ import annotations

import gettext
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from core import i18n

ROOT = Path(__file__).resolve().parents[3]
LOCALE = ROOT / "resources" / "locale"
LANGUAGES = ("zh", "ja")
# {name} / {0} (str.format), %(n)d / %s (printf style)
_PLACEHOLDER = re.compile(r"\{[A-Za-z_0-9]*(?:![rsa])?(?::[^{}]*)?\}"
                          r"|%\([A-Za-z_]+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
                          r"|%[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


def placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def catalog(lang: str):
    with open(LOCALE / lang / "LC_MESSAGES" / "app.po", "rb") as fh:
        return read_po(fh, locale=lang)


@pytest.fixture(scope="module")
def fresh_pot(tmp_path_factory) -> set:
    """The msgids the code holds now, extracted with the project's own settings."""
    sys.path.insert(0, str(ROOT / "scripts" / "i18n"))
    try:
        import extract
    finally:
        sys.path.pop(0)
    out = tmp_path_factory.mktemp("pot") / "app.pot"
    original = extract.POT
    extract.POT = out
    try:
        extract.extract()
    finally:
        extract.POT = original
    with open(out, "rb") as fh:
        return {(m.context, m.id) for m in read_po(fh) if m.id}


def test_placeholder_check_can_fail():
    assert placeholders("{n} are {label}: %(count)d, %s") == ["%(count)d", "%s", "{label}", "{n}"]
    assert placeholders("{n}项") != placeholders("{count}项")


def test_the_committed_pot_is_what_the_code_holds(fresh_pot):
    """A string added to the code without running scripts/i18n/extract.py fails here."""
    with open(LOCALE / "app.pot", "rb") as fh:
        committed = {(m.context, m.id) for m in read_po(fh) if m.id}
    assert fresh_pot - committed == set(), "run scripts/i18n/extract.py"
    assert committed - fresh_pot == set(), "run scripts/i18n/extract.py"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_msgid_is_translated_with_the_same_placeholders(lang, fresh_pot):
    cat = catalog(lang)
    entries = {(m.context, m.id): m for m in cat if m.id}
    missing = sorted(str(k) for k in fresh_pot if k not in entries)
    assert missing == [], f"{lang}: msgids without an entry: {missing[:10]}"
    problems = []
    for key in fresh_pot:
        m = entries[key]
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if not all(strings) or m.fuzzy:
            problems.append(f"untranslated or fuzzy: {m.id!r}")
            continue
        for s in strings:
            if placeholders(s) != placeholders(ids[-1]):
                problems.append(f"placeholders differ: {m.id!r} -> {s!r}")
    assert problems == [], f"{lang}: " + "; ".join(problems[:10])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compiled_mo_matches_the_po(lang):
    """The app reads the .mo: it must say what the .po says (run scripts/i18n/extract.py --compile)."""
    def key(m):
        context = m.context.decode() if isinstance(m.context, bytes) else m.context
        return context, tuple(m.id) if isinstance(m.id, list | tuple) else m.id

    def text(m):
        return tuple(m.string) if isinstance(m.string, list | tuple) else m.string

    with open(LOCALE / lang / "LC_MESSAGES" / "app.mo", "rb") as fh:
        compiled = {key(m): text(m) for m in read_mo(fh) if m.id}
    source = {key(m): text(m) for m in catalog(lang) if m.id and m.string}
    assert len(source) > 300
    assert compiled == source


def test_gettext_finds_the_catalogs_through_resources():
    zh = gettext.translation(i18n.DOMAIN, localedir=str(LOCALE), languages=["zh"])
    assert zh.gettext("Final eligibility is decided by the study team.") == "最终是否符合入组条件由研究团队决定。"
    with i18n.using_language("ja"):
        assert i18n._("Patient") == "患者" and i18n.ngettext("{n} trial", "{n} trials", 3) == "{n}件の試験"
    assert i18n._("Patient") == "Patient"  # the block ended: English again


def test_clinical_names_are_the_vocabularies_names():
    """Condition names the catalogs spell out are the Chinese and Japanese names of the vocabulary."""
    from core.vocab import conditions

    for msgid, concept_id in (("rheumatoid arthritis", "rheumatoid_arthritis"), ("Sjögren's disease", "sjogren"),
                              ("systemic lupus erythematosus", "sle")):
        concept = conditions.get(concept_id)
        for lang in LANGUAGES:
            with i18n.using_language(lang):
                assert i18n._(msgid) in getattr(concept, lang), (lang, msgid)
    for lang, names in (("zh", ("皮肌炎", "抗合成酶抗体综合征")), ("ja", ("皮膚筋炎", "抗ARS抗体症候群"))):
        with i18n.using_language(lang):
            text = i18n._("ENMC dermatomyositis") + i18n._("ENMC 2020 antisynthetase syndrome")
        assert all(n in text for n in names)
        for name, concept_id in zip(names, ("dermatomyositis", "antisynthetase_syndrome"), strict=True):
            assert name in getattr(conditions.get(concept_id), lang)


def test_language_from_the_system_locale(monkeypatch):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert i18n.system_language() == "zh"
    monkeypatch.setenv("LC_ALL", "ja_JP.UTF-8")
    assert i18n.system_language() == "ja"
    monkeypatch.setenv("LANGUAGE", "de_DE:ja")
    assert i18n.system_language() == "en"  # German first: no German catalog, so English
    assert i18n.normalize("zh-Hans") == "zh" and i18n.normalize("system") is None and i18n.normalize("fr") == "en"
    try:
        assert i18n.set_language(None) == "en" and i18n.set_language("ja") == "ja"
        assert i18n.current_language() == "ja"
    finally:
        i18n.set_language("en")


def test_extraction_script_runs_only_compiling(tmp_path):
    """``--compile`` leaves the .po files as they are (the committed .mo is what it writes)."""
    before = {p: p.read_bytes() for p in LOCALE.glob("*/LC_MESSAGES/app.po")}
    result = subprocess.run([sys.executable, "scripts/i18n/extract.py", "--compile"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert {p: p.read_bytes() for p in LOCALE.glob("*/LC_MESSAGES/app.po")} == before
