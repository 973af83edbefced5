"""The ranking handed from one answer to the next (``ranking.RankCache``) gives exactly what a
ranking worked out afresh gives: same open questions, same order, same scores, same reasons.

Run over the bundled catalog (100 real trials) with charted benchmark patients (a child among them, whose
adult trials are weighed on later days) answered by a
simulated clinician, mixing answers, "unknown", a changed answer and a cleared one.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from core.catalog import database
from core.catalog.bundle import build_bundled
from core.patient.profile import profile_from_dict
from core.questionnaire import Questionnaire, load_trials
from core.questionnaire.simulate import UNKNOWN, answer_from

PATIENTS = Path(__file__).resolve().parents[3] / "benchmarks" / "patients"
TODAY = date(2026, 11, 30)  # the benchmark patients' assessment date


@pytest.fixture(scope="module")
def trials(tmp_path_factory):
    database.connect(build_bundled(tmp_path_factory.mktemp("ranking") / "c.sqlite"))
    yield load_trials()
    database.close()


def _fresh(q: Questionnaire, trials) -> Questionnaire:
    return Questionnaire(q.profile, trials, today=TODAY, unknown=q.unknown, history=q.history)


def _same_ranking(kept: Questionnaire, fresh: Questionnaire) -> None:
    assert kept.verdicts() == fresh.verdicts()  # facts kept across a clinician answer: the same verdicts
    ids = [question.id for question in kept.open_questions()]
    assert ids == [question.id for question in fresh.open_questions()]
    assert {i: kept.score(i) for i in ids} == {i: fresh.score(i) for i in ids}
    assert kept.open_question_count() == len(ids)
    for qid in ids[:5]:
        assert kept.why_asked(qid) == fresh.why_asked(qid)
    first = kept.next_question()
    assert (first.id if first else None) == (ids[0] if ids else None)


@pytest.mark.parametrize("name", ["sjogren.json", "ra-established.json", "juvenile-arthritis.json"])
def test_a_kept_ranking_equals_a_fresh_one_after_every_answer(trials, name):
    data = json.loads((PATIENTS / name).read_text(encoding="utf-8"))
    truth = profile_from_dict(data.get("profile", data))
    start = profile_from_dict({"format_version": 1, "assessment_date": TODAY.isoformat()})
    q = Questionnaire(start, trials, today=TODAY)
    asked: list[str] = []
    for step in range(24):
        question = q.next_question()
        if question is None:
            break
        if step % 4 == 3:
            q.answer_unknown(question.id)  # a blocked question opens the other routes to its facts
        else:
            q.answer(question.id, answer_from(truth, question))
        asked.append(question.id)
        if step == 12 and len(asked) > 3:
            q.clear_answer(asked[1])  # a cleared answer re-opens the question everywhere
        _same_ranking(q, _fresh(q, trials))
    assert len(asked) >= 10, "the walk must exercise the kept ranking over many answers"
    assert any(answer_from(truth, q.question(a)) != UNKNOWN for a in asked)
