"""Questions worded in the active language where they are shown (core.questionnaire.wording):
English is exactly what the Question holds; in Chinese and Japanese every question the
questionnaire can ask has its text and help translated, names from the vocabularies."""

from __future__ import annotations

import pytest

from core.i18n import using_language
from core.questionnaire.questions import STATIC_QUESTIONS, confirm_questions, vocab_question
from core.questionnaire.trials import WHOLE_CONFIRM, CriterionSpec, TrialSpec
from core.questionnaire.wording import choice_name, criterion_label, question_help, question_text, unit_text

VOCAB = ("condition:lymphoma", "drug_ever:tnf_inhibitor", "lab.ferritin", "score:das28_esr")


def _questions():
    out = list(STATIC_QUESTIONS.values()) + [q for q in map(vocab_question, VOCAB) if q is not None]
    trial = TrialSpec("T-1", "A trial", "all", [
        CriterionSpec("inc-1", None, "inclusion", None, "Adults with stable MTX.", None, mode=WHOLE_CONFIRM),
        CriterionSpec("exc-2", None, "exclusion", "2", "Pregnancy.", None, mode=WHOLE_CONFIRM)])
    out += list(confirm_questions(trial).values())
    return out


def test_english_is_what_the_question_holds():
    questions = _questions()
    assert len(questions) > 60
    for q in questions:
        assert question_text(q) == q.text and question_help(q) == q.help


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_every_question_and_help_is_translated(lang):
    with using_language(lang):
        untranslated = [q.id for q in _questions() if question_text(q) == q.text
                        or (q.help and question_help(q) == q.help)]
    assert untranslated == []


def test_names_come_from_the_vocabularies_and_quotes_stay():
    with using_language("zh"):
        assert "铁蛋白" in question_text(vocab_question("lab.ferritin"))
        assert "淋巴瘤" in question_text(vocab_question("condition:lymphoma"))
        assert unit_text("years") == "年" and unit_text("kg") == "kg" and choice_name("female") == "女"
        assert criterion_label("inc-3", None) == "第3项" and criterion_label("inc-3.1", None) == "3.1"
    with using_language("ja"):
        assert "ヘモグロビン" in question_text(STATIC_QUESTIONS["lab.hemoglobin"])
        assert "ESR" in question_text(STATIC_QUESTIONS["lab.esr"])  # an abbreviation written alike everywhere


def test_verdicts_read_in_the_language_they_are_shown_in():
    """A screening is started in a worker thread (English there); the GUI then shows it in its language."""
    from core.patient.profile import PatientProfile
    from core.questionnaire import Questionnaire

    rule = {"fact": "age_years", "op": ">=", "value": 18}
    trial = TrialSpec("T-1", "A trial", "all", [
        CriterionSpec("inc-1", None, "inclusion", "1", "Aged 18 or over.", rule, parsed=rule)])
    q = Questionnaire(PatientProfile(), [trial])
    english = q.verdicts()["T-1"].criteria[0].sentence
    with using_language("zh"):
        chinese = q.verdicts()["T-1"].criteria[0].sentence
    assert chinese != english and q.verdicts()["T-1"].criteria[0].sentence == english


@pytest.mark.parametrize("lang, unit, counted", [("en", "minutes", "45 minutes"), ("zh", "分钟", "45分钟"),
                                                 ("ja", "分", "45分")])
def test_minutes_are_a_time_unit_in_every_language(lang, unit, counted):
    """Morning stiffness is asked and reported in minutes: the unit beside the box and the sentence of a
    result are translated like weeks and months, never left in English ("60 minutes不低于45 minutes")."""
    from core.matching.sentences import with_unit

    with using_language(lang):
        assert unit_text("minutes") == unit
        assert with_unit("45", "minutes") == counted
        assert with_unit("45", "mmHg") == "45 mmHg"  # a unit that is no time unit is left as it is
