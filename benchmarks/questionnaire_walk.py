"""One simulated screening, counted the way the questionnaire benchmark reports it.

A clinician who knows the patient's chart answers every question the engine asks, from the
chart ("unknown" when the chart lacks it; clinician confirmations "unknown" unless the chart
holds them), until the questionnaire has nothing left to ask. Questions are of two kinds:

* **shared**: about the patient (a fact such as age, diagnoses, a lab), usable by any trial;
* **trial-specific**: a clinician confirmation of one criterion of one trial (a criterion with
  no rule, asked with its verbatim text), or a checklist page of one trial's remaining ones.

A trial is *decided from shared facts alone* when its verdict ends eligible or not eligible
and no trial-specific question of that trial was asked.

Counting rule: one question is one page the clinician answers (the questionnaire shows one
``Question`` at a time, in the GUI as here): a table page (diagnoses, treatments, joint
count) is one question however many rows it holds; a lab (value and ULN) is one; a finding
or history fact (yes/no, number, choice) is one each; a **checklist page** (one trial's
remaining criteria, each with its verbatim text: ``core.questionnaire.checklist``, what the GUI
shows) is one question however many criteria it lists, and those criterion rows are counted
beside it (``Walk.rows``) so the figure hides no work; an "unknown" answer counts like any
other. ``walk(..., checklists=False)`` walks the per-item questionnaire instead, where each
criterion's verbatim text is a page (one question) of its own.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from core.matching.condition_fit import matches
from core.matching.verdict import ELIGIBLE, NOT_ELIGIBLE
from core.patient.profile import PatientProfile
from core.questionnaire import ChecklistQuestionnaire, Questionnaire
from core.questionnaire.mapping import parse_confirm_id
from core.questionnaire.simulate import answer_from
from core.questionnaire.trials import TrialSpec


@dataclass
class Walk:
    """What one screening asked and decided."""

    trials: int
    shared: int = 0
    specific_by_trial: Counter = field(default_factory=Counter)
    verdicts: dict[str, str] = field(default_factory=dict)
    latencies_ms: list[float] = field(default_factory=list)
    fits: dict[str, int | None] = field(default_factory=dict)  # condition fit at the end of the screening
    served: list[tuple[str, ...]] = field(default_factory=list)  # per question asked, the trials it could change
    rows: int = 0  # criterion rows shown on checklist pages (each page counts as one question)
    checklist_pages: int = 0

    @property
    def specific(self) -> int:
        return sum(self.specific_by_trial.values())

    @property
    def specific_other_conditions(self) -> int:
        """Trial-specific questions asked for trials whose conditions match none of the
        patient's diagnoses (core.matching.condition_fit; relevance only, never a verdict)."""
        return sum(n for tid, n in self.specific_by_trial.items()
                   if self.fits.get(tid) is not None and not matches(self.fits[tid]))

    @property
    def until_fitting_settled(self) -> int:
        """Questions asked up to the last one that served a trial whose conditions fit the
        patient (or whose fit cannot be told): where a clinician screening only the trials of
        the patient's conditions could stop (the engine asks their questions first)."""
        fitting = [i for i, tids in enumerate(self.served)
                   if not tids or any(self.fits.get(t) is None or matches(self.fits[t]) for t in tids)]
        return fitting[-1] + 1 if fitting else 0

    @property
    def asked(self) -> int:
        return self.shared + self.specific

    @property
    def decided(self) -> set[str]:
        return {t for t, v in self.verdicts.items() if v in (ELIGIBLE, NOT_ELIGIBLE)}

    @property
    def decided_from_shared(self) -> set[str]:
        return {t for t in self.decided if not self.specific_by_trial.get(t)}

    def count(self, verdict: str) -> int:
        return sum(1 for v in self.verdicts.values() if v == verdict)


def walk(truth: PatientProfile, trials: list[TrialSpec], today: date, limit: int = 5000,
         checklists: bool = True) -> Walk:
    """Run the questionnaire over ``trials`` to the end, answering from ``truth``; each
    ``next_question()`` after an answer is timed. ``checklists``: a trial's remaining criteria on
    one page, as the GUI asks them (else one page per criterion)."""
    q = (ChecklistQuestionnaire if checklists else Questionnaire)(None, trials, today=today)
    out = Walk(trials=len(trials))
    while True:
        started = time.perf_counter()
        question = q.next_question()
        out.latencies_ms.append((time.perf_counter() - started) * 1000)
        if question is None:
            break
        if out.asked >= limit:
            raise RuntimeError(f"the questionnaire did not finish within {limit} questions")
        out.served.append(question.trial_ids)
        confirm = parse_confirm_id(question.id)
        if question.kind == "checklist":
            out.specific_by_trial[question.details["trial_id"]] += 1
            out.checklist_pages += 1
            out.rows += len(question.details["rows"])
        elif confirm is None:
            out.shared += 1
        else:
            out.specific_by_trial[confirm[0]] += 1
        q.answer(question.id, answer_from(truth, question))
    out.latencies_ms = out.latencies_ms[1:]  # the first call is the start of the screening, not an answer
    out.verdicts = {t.trial_id: q.verdict_of(t.trial_id) for t in trials}
    out.fits = q.condition_fits()
    return out


def checklist(trials: list[TrialSpec]) -> tuple[int, int]:
    """(distinct facts the trials' rules read, clinician confirmations): everything a full
    checklist would ask."""
    facts = set().union(*(t.facts() for t in trials)) if trials else set()
    confirms = {(t.trial_id, key) for t in trials for c in t.criteria for key, _ in c.confirm_prompts()}
    return len(facts), len(confirms)


def is_complete_chart(profile: PatientProfile) -> bool:
    """A chart whose diagnosis and treatment lists are marked complete."""
    return bool(profile.diagnoses_complete and profile.treatments_complete)
