"""Steps before enrolment and clinician questions of rules in Chinese and Japanese: the curated
ones looked up whole, the extractor's read back against its templates (the criterion's own
words kept as published), English unchanged."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from core.i18n import using_language
from core.matching.rule_texts import GENERATED, english_template, rule_text
from scripts.i18n.curation_extract import rule_texts

ROOT = Path(__file__).resolve().parents[3]
EXTRACTOR = ROOT / "core" / "criteria" / "extract"


def curated_texts() -> list[str]:
    out = []
    for path in sorted((ROOT / "resources" / "catalog" / "curation").glob("*.json")):
        out += rule_texts(json.loads(path.read_text(encoding="utf-8")))
    return out


def _sample(node: ast.expr, values: dict[str, str]) -> str | None:
    """The text a literal or f-string argument makes, each {expression} filled with sample words."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for piece in node.values:
            if isinstance(piece, ast.Constant):
                parts.append(str(piece.value))
            else:
                name = ast.unparse(piece.value)
                parts.append(values.get(name, "sample words"))
        return "".join(parts)
    if isinstance(node, ast.Name) and node.id in values:
        return values[node.id]
    return None


def generated_texts() -> list[str]:
    """Every step and confirm text the extractor writes (its _step/_confirm calls), filled in as
    core/criteria/extract/propose.py does ({TEXT}: the whole criterion)."""
    from core.criteria.extract import people, reproduction

    constants = {"_CONSENT_STEP": people._CONSENT_STEP, "_CONTRA_STEP": reproduction._CONTRA_STEP,
                 "_TEST_STEP": reproduction._TEST_STEP}
    askings = ("Does this part of the criterion apply", "Is this part of the criterion met")
    out = []
    for path in sorted(EXTRACTOR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            arg = {"_confirm": 0, "_step": 1}.get(node.func.id)
            if arg is None or len(node.args) <= arg:
                continue
            for asking in askings:
                text = _sample(node.args[arg], {**constants, "asking": asking})
                assert text is not None, f"{path.name}:{node.lineno}: a text the test cannot read"
                out.append(text.replace("{{TEXT}}", "{TEXT}").replace("{TEXT}", "Age ≥ 18 years"))
    return sorted(set(out))


def test_every_text_the_extractor_writes_has_a_template():
    texts = generated_texts()
    assert len(texts) >= 14
    assert [t for t in texts if english_template(t) is None] == []


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_curated_and_generated_texts_are_translated(lang):
    with using_language(lang):
        untranslated = [t for t in curated_texts() + list(GENERATED) if rule_text(t) == t]
    assert curated_texts() and untranslated == []


def test_the_criterion_quoted_stays_as_published():
    text = "Is this part of the criterion met: \u201cstable MTX\u201d? (Criterion: \u201cRA with stable MTX\u201d)"
    with using_language("zh"):
        shown = rule_text(text)
    assert shown != text and "\u201cstable MTX\u201d" in shown and "\u201cRA with stable MTX\u201d" in shown
    assert rule_text(text) == text  # English: as written
    with using_language("ja"):
        assert rule_text("A hand-written question no catalog knows?") == "A hand-written question no catalog knows?"


def test_a_seed_trials_steps_read_in_chinese():
    """A curated step of the dermatomyositis seed trial, in Chinese, as the results and letters show it."""
    from core.matching.evaluate import _step_text

    step = {"kind": "other", "text": "Glucocorticoid dose below 1 mg/kg/day (prednisone equivalent) before enrolment"}
    with using_language("zh"):
        assert "糖皮质激素" in _step_text(step, {})
    assert _step_text(step, {}) == step["text"]


def test_the_window_the_extractor_wrote_is_worded_in_the_language():
    """"6 months", "30 days" are the extractor's own words (f"{n} {unit}"), not the record's: they read
    "6个月" / "30日" ("methotrexate末次给药距入组超过6 months" was shown); drug names stay as published."""
    text = "Last dose of methotrexate more than 6 months before entry"
    with using_language("zh"):
        assert rule_text(text) == "methotrexate末次给药距入组超过6个月"
        assert "1周" in rule_text("Was methotrexate given within the last 1 week?")
    with using_language("ja"):
        shown = rule_text("Most recent intra-articular corticosteroid at least 30 days before entry")
        assert "30日" in shown and "days" not in shown
        odd = rule_text("Last dose of methotrexate more than 5 half-lives before entry")  # no time unit: as written
        assert "5 half-lives" in odd
    assert rule_text(text) == text
