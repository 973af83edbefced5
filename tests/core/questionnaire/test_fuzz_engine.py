"""The questionnaire runs to its end over trials whose rules the extractor proposed from any text, for a charted
patient and for one about whom nothing is known; the second is never ruled out.

The catalog's automatic rules reach the engine unreviewed, so the engine must take whatever the extractor makes: a
screening that raised, looped or ruled a patient out on nothing known would reach the clinician. Trials are built
from the fuzzing pieces of the extractor's own test (tests/core/criteria/extract/test_fuzz_extractor.py).
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.questionnaire_walk import walk
from core.criteria.extract import propose_rules
from core.matching.verdict import NOT_ELIGIBLE
from core.patient.profile import load_profile, profile_from_dict
from core.questionnaire.trials import CriterionSpec, TrialSpec
from core.trial_record import criterion_keys
from resources import paths
from tests.core.criteria.extract.test_fuzz_extractor import nodes

TODAY = date(2026, 12, 1)
SAMPLE = load_profile(paths.resource("samples", "sample-patient.json"))
NOBODY = profile_from_dict({"format_version": 1, "assessment_date": TODAY.isoformat()})


def _trial(n: int, tree: list, logic: str) -> TrialSpec:
    proposals = propose_rules(tree)
    criteria = [CriterionSpec(key=key, parent_key=parent, kind=node.kind, label=None, text=node.text,
                              rule=proposals[key].rule if proposals.get(key) else None,
                              rule_origin="automatic-unreviewed")
                for key, parent, node in criterion_keys(tree)]
    return TrialSpec(f"T-FUZZ-{n}", f"Fuzzed trial {n}", logic, criteria, recruitment_status="RECRUITING")


trials = st.lists(st.tuples(st.lists(nodes, min_size=1, max_size=4), st.sampled_from(["all", "any"])),
                  min_size=1, max_size=3).map(lambda ts: [_trial(i, tree, logic) for i, (tree, logic) in enumerate(ts)])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(candidates=trials)
def test_a_screening_of_fuzzed_trials_ends_and_nothing_known_rules_nobody_out(candidates):
    charted = walk(SAMPLE, candidates, TODAY, limit=500)
    assert set(charted.verdicts) == {t.trial_id for t in candidates}
    unknown = walk(NOBODY, candidates, TODAY, limit=500)
    assert NOT_ELIGIBLE not in unknown.verdicts.values()
