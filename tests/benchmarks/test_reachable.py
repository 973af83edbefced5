"""The reachability count of the extraction benchmark: which labelled readings today's facts can hold."""

from __future__ import annotations

from benchmarks.bench_extraction import reachable


def test_known_concepts_are_reachable_and_free_facts_are_not():
    assert reachable({"reading": {"condition": "systemic lupus erythematosus"}})
    assert reachable({"reading": {"not": {"any": [{"pregnant": True}, {"lactating": True}]}}})
    assert not reachable({"reading": {"fact": "wears dentures", "value": True}})
    # procedures are facts since the procedures family (procedure:<id>, procedure_weeks_since, procedure_planned)
    assert reachable({"reading": {"procedure": "glossectomy", "time": "ever"}})
    assert reachable({"reading": {"procedure": "major surgery", "time": {"within": [4, "weeks"]}}})
    assert not reachable({"reading": {"procedure": "radiotherapy to the target area", "time": "ever"}})
    # "now" is procedure_current:<id> since h-proc9; a procedure the vocabulary does not hold stays unreachable
    assert reachable({"reading": {"procedure": "radiotherapy", "time": "current"}})
    assert not reachable({"reading": {"procedure": "radiotherapy to the target area", "time": "current"}})
    assert not reachable({"reading": {"condition": "no such condition anywhere"}})
    assert not reachable({"reading": {"all": [{"condition": "systemic lupus erythematosus"},
                                              {"fact": "scheduled for bronchoscopy", "value": True}]}})
