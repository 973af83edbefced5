"""Which criteria a question serves, whatever has been answered (core.questionnaire.usage)."""

from __future__ import annotations

from core.questionnaire.mapping import confirm_question_id
from core.questionnaire.trials import trials_from_data
from core.questionnaire.usage import static_usage


def crit(key: str, text: str, rule: dict | None) -> dict:
    return {"key": key, "kind": "exclusion" if key.startswith("exc") else "inclusion", "text": text, "rule": rule}


TRIALS = {t.trial_id: t for t in trials_from_data([
    {"trial_id": "T-1", "title": "one", "criteria": [
        crit("inc-1", "Age 18+", {"fact": "age_years", "op": ">=", "value": 18}),
        crit("inc-2", "Suitable", None),
        crit("exc-1", "Pregnant", {"fact": "pregnant", "op": "=", "value": True}),
    ]},
    {"trial_id": "T-2", "title": "two", "criteria": [
        crit("inc-1", "Adult", {"fact": "age_years", "op": ">", "value": 17}),
    ]},
])}


def test_a_fact_question_serves_every_rule_that_reads_its_facts():
    assert static_usage("date_of_birth", ["age_years"], TRIALS) == [("T-1", "inc-1"), ("T-2", "inc-1")]
    assert static_usage("pregnant", ["pregnant"], TRIALS) == [("T-1", "exc-1")]
    assert static_usage("egfr", ["egfr"], TRIALS) == []


def test_a_confirmation_serves_its_own_criterion_only_if_it_exists():
    assert static_usage(confirm_question_id("T-1", "inc-2"), [], TRIALS) == [("T-1", "inc-2")]
    assert static_usage(confirm_question_id("T-1", "inc-2#part"), [], TRIALS) == [("T-1", "inc-2")]
    assert static_usage(confirm_question_id("T-1", "inc-9"), [], TRIALS) == []
    assert static_usage(confirm_question_id("T-9", "inc-1"), [], TRIALS) == []
