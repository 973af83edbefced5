"""A trial's remaining clinician confirmations asked as one checklist page (ChecklistQuestionnaire):
which rows it lists, atomic answers, one step in the history, saving, and the same verdicts as
answering each criterion on its own page."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from core.fhir.answers import UNKNOWN, answer_values, items_from_questionnaire
from core.patient.profile import PatientProfile
from core.questionnaire import AnswerError, ChecklistQuestionnaire, Questionnaire
from core.questionnaire.record import answered_parts
from core.questionnaire.simulate import answer_from, run_to_end
from core.questionnaire.wording import question_text

TODAY = date(2025, 6, 15)


def crit(kind, key, rule=None, parent=None, text=None):
    return {"key": key, "parent_key": parent, "kind": kind, "label": key.split("-")[1], "text": text or key,
            "rule": rule}


ADULT = {"fact": "age_years", "op": ">=", "value": 18}
SPEAKERS = {"trial_id": "T-MED", "title": "Meditation study", "criteria": [
    crit("inclusion", "inc-1", ADULT, text="Adults."),
    crit("inclusion", "inc-2", text="Must speak English."),
    crit("inclusion", "inc-3", {"all": [ADULT, {"confirm": "Washout done?", "id": "washout"}]},
         text="Adult with washout done."),
    crit("exclusion", "exc-1", text="Non-English speaking."),
    crit("exclusion", "exc-2", {"fact": "pregnant", "op": "=", "value": True}, text="Pregnant."),
    crit("exclusion", "exc-3", text="Patients will not be eligible if they:"),
    crit("exclusion", "exc-3.1", parent="exc-3", text="Abuse alcohol."),
    crit("exclusion", "exc-3.2", parent="exc-3", text="Plan to breast-feed."),
]}
OTHER = {"trial_id": "T-OTHER", "title": "Other", "criteria": [
    crit("inclusion", "inc-1", ADULT, text="Adults."),
    crit("exclusion", "exc-1", text="<b>x</b> unsuitable.")]}
CHILDREN = {"trial_id": "T-KIDS", "title": "Children", "criteria": [
    crit("inclusion", "inc-1", {"fact": "age_years", "op": "<", "value": 18}, text="Under 18."),
    crit("inclusion", "inc-2", text="Able to swallow tablets.")]}
TRIALS = [SPEAKERS, OTHER, CHILDREN]
MED_ROWS = ["confirm:T-MED:inc-2", "confirm:T-MED:inc-3#washout", "confirm:T-MED:exc-1", "confirm:T-MED:exc-3"]


def adult(**kw):
    return PatientProfile(assessment_date=TODAY, sex="male", date_of_birth=date(1980, 1, 1), **kw)


def new(cls=ChecklistQuestionnaire, profile=None, trials=TRIALS):
    return cls(profile or adult(), trials, today=TODAY)


def row_ids(question):
    return [row["question_id"] for row in question.details["rows"]]


def test_shared_questions_come_first_and_are_never_grouped():
    q = new(profile=PatientProfile(assessment_date=TODAY))
    first = q.next_question()
    assert first.kind != "checklist" and first.id in ("date_of_birth", "sex")
    assert all(question.kind != "confirm" for question in q.open_questions())


def test_a_checklist_lists_the_open_confirmations_of_one_trial_in_criteria_order():
    q = new()
    page = q.next_question()
    assert page.kind == "checklist" and page.trial_ids == (page.details["trial_id"],)
    pages = {p.id: p for p in q.open_questions()}
    assert set(pages) == {"checklist:T-MED", "checklist:T-OTHER"}  # the children's trial is decided by age
    med = pages["checklist:T-MED"]
    assert row_ids(med) == MED_ROWS  # a part, the list asked whole, never the list's items or the read rules
    rows = {row["question_id"]: row for row in med.details["rows"]}
    assert rows["confirm:T-MED:inc-3#washout"]["part"] and rows["confirm:T-MED:exc-3"]["list"]
    assert rows["confirm:T-MED:exc-1"]["criterion_kind"] == "exclusion"
    assert rows["confirm:T-MED:exc-1"]["criterion_text"] == "Non-English speaking."
    assert all(row["answer"] is None for row in rows.values())
    assert question_text(med) == "Criteria of T-MED to check: Meditation study"
    assert row_ids(pages["checklist:T-OTHER"]) == ["confirm:T-OTHER:exc-1"]
    assert q.open_question_count() == 2 and new(Questionnaire).open_question_count() == 5


def test_a_row_already_answered_is_not_listed_again():
    q = new()
    q.answer("confirm:T-MED:exc-1", "no")  # e.g. a screening begun page by page
    assert row_ids(q.question("checklist:T-MED")) == [r for r in MED_ROWS if r != "confirm:T-MED:exc-1"]


def test_every_row_is_checked_before_any_is_recorded():
    q = new()
    before = (q.to_dict(), q.verdicts())
    bad = {"confirm:T-MED:inc-2": "yes", "confirm:T-MED:exc-1": "perhaps"}
    with pytest.raises(AnswerError) as caught:
        q.answer("checklist:T-MED", bad)
    assert caught.value.question_id == "confirm:T-MED:exc-1"
    with pytest.raises(AnswerError, match="not a criterion of this checklist"):
        q.answer("checklist:T-MED", {"confirm:T-OTHER:exc-1": "yes"})
    with pytest.raises(AnswerError):
        q.answer("checklist:T-MED", ["yes", "no"])
    with pytest.raises(AnswerError):
        q.check("checklist:T-MED", bad)
    assert (q.to_dict(), q.verdicts()) == before
    assert q.status("checklist:T-MED") == "open" and q.current_answer("checklist:T-MED") is None


def test_rows_left_out_are_unknown_and_the_page_is_one_step():
    q = new()
    q.answer("checklist:T-MED", {"confirm:T-MED:inc-2": "yes", "confirm:T-MED:exc-1": False})
    assert q.history == ["checklist:T-MED"]
    assert q.current_answer("checklist:T-MED") == {
        "confirm:T-MED:inc-2": "yes", "confirm:T-MED:inc-3#washout": "unknown", "confirm:T-MED:exc-1": "no",
        "confirm:T-MED:exc-3": "unknown"}
    assert q.profile.confirmations["T-MED"] == {"inc-2": True, "inc-3#washout": None, "exc-1": False, "exc-3": None}
    assert q.status("confirm:T-MED:exc-3") == "unknown" and q.status("checklist:T-MED") == "answered"
    assert q.verdict_of("T-MED") == "possibly_eligible"
    assert q.next_question().id == "checklist:T-OTHER"
    q.answer_unknown("checklist:T-OTHER")  # Ctrl+U on the page: every row unknown
    assert q.status("checklist:T-OTHER") == "unknown" and q.is_finished()


def test_changing_the_page_shows_its_rows_as_answered_and_clearing_it_clears_them():
    q = new()
    q.answer("checklist:T-MED", {"confirm:T-MED:exc-1": "yes"})  # Non-English speaking: excluded
    assert q.verdict_of("T-MED") == "not_eligible"
    page = q.question("checklist:T-MED")  # what "change" shows: the same rows, as answered
    assert row_ids(page) == MED_ROWS
    assert {r["question_id"]: r["answer"] for r in page.details["rows"]}["confirm:T-MED:exc-1"] == "yes"
    q.change_answer("checklist:T-MED", {"confirm:T-MED:exc-1": "no", "confirm:T-MED:inc-2": "yes",
                                        "confirm:T-MED:inc-3#washout": "yes", "confirm:T-MED:exc-3": "no"})
    assert q.verdict_of("T-MED") == "eligible" and q.history == ["checklist:T-MED"]
    q.clear_answer("checklist:T-MED")
    assert q.history == [] and "T-MED" not in q.profile.confirmations or not q.profile.confirmations["T-MED"]
    assert q.verdict_of("T-MED") == "possibly_eligible"
    assert row_ids(q.question("checklist:T-MED")) == MED_ROWS and q.status("checklist:T-MED") == "open"


def test_saved_and_restored_with_its_rows():
    q = new()
    q.answer("checklist:T-MED", {"confirm:T-MED:exc-1": "no", "confirm:T-MED:inc-2": "yes"})
    state = q.to_dict()
    assert state["checklists"] == {"checklist:T-MED": MED_ROWS} and state["current"] == "checklist:T-OTHER"
    back = ChecklistQuestionnaire.from_dict(state, trials=TRIALS, today=TODAY)
    assert back.history == ["checklist:T-MED"] and back.to_dict() == state
    assert back.current_answer("checklist:T-MED") == q.current_answer("checklist:T-MED")
    back.clear_answer("checklist:T-MED")  # the restored page still owns its rows
    assert back.status("confirm:T-MED:exc-3") == "open"
    # the per-item engine reads the same state (the rows are ordinary confirmations)
    plain = Questionnaire.from_dict(state, trials=TRIALS, today=TODAY)
    assert plain.verdicts().keys() == q.verdicts().keys()
    assert all(plain.verdict_of(t) == q.verdict_of(t) for t in ("T-MED", "T-OTHER", "T-KIDS"))
    # a saved checklist naming rows the questionnaire does not have keeps only its own
    state["checklists"]["checklist:T-MED"].append("confirm:T-OTHER:exc-1")
    state["checklists"]["checklist:T-GONE"] = ["confirm:T-GONE:inc-1"]
    assert ChecklistQuestionnaire.from_dict(state, trials=TRIALS, today=TODAY).to_dict()["checklists"] == {
        "checklist:T-MED": MED_ROWS}


@pytest.mark.parametrize("values", list(itertools.product(("yes", "no", "unknown"), repeat=4))[::7])
def test_verdicts_equal_those_of_answering_row_by_row(values):
    answers = dict(zip(MED_ROWS, values, strict=True))
    grouped = new()
    grouped.answer("checklist:T-MED", answers)
    one_by_one = new(Questionnaire)
    for qid, value in answers.items():
        one_by_one.answer(qid, value)
    assert grouped.profile == one_by_one.profile
    a, b = grouped.verdicts(), one_by_one.verdicts()
    assert {t: v.to_dict() for t, v in a.items()} == {t: v.to_dict() for t, v in b.items()}


def test_the_simulated_clinician_answers_each_row_as_its_confirm_question():
    truth = adult(confirmations={"T-MED": {"inc-2": True, "exc-1": False}})
    q = new()
    page = q.next_question()
    assert page.id == "checklist:T-MED"
    assert answer_from(truth, page) == {"confirm:T-MED:inc-2": "yes", "confirm:T-MED:inc-3#washout": "unknown",
                                        "confirm:T-MED:exc-1": "no", "confirm:T-MED:exc-3": "unknown"}
    assert run_to_end(q, truth) == ["checklist:T-MED", "checklist:T-OTHER"]
    per_item = run_to_end(new(Questionnaire), truth)
    assert per_item == MED_ROWS + ["confirm:T-OTHER:exc-1"]


def test_a_checklist_is_no_record_part_and_exports_row_by_row():
    assert answered_parts(["checklist:T-MED", "date_of_birth", "confirm:T-MED:inc-2"]) == ["date_of_birth"]
    q = new()
    q.answer("checklist:T-MED", {"confirm:T-MED:inc-2": "yes"})
    items = items_from_questionnaire(q)
    assert [i["linkId"] for i in items] == MED_ROWS
    assert items[0]["answer"] == answer_values("yes") and items[1]["answer"] == answer_values(UNKNOWN)
    assert items[0]["answer"] != items[1]["answer"]


def test_the_reasons_of_a_page_are_those_of_its_rows():
    q = new()
    reasons = q.why_asked("checklist:T-MED")
    assert {(r.trial_id, r.criterion_key) for r in reasons} == {
        ("T-MED", "inc-2"), ("T-MED", "inc-3"), ("T-MED", "exc-1"), ("T-MED", "exc-3")}
    with pytest.raises(KeyError):
        q.question("checklist:T-NONE")


def test_a_part_without_an_id_is_shown_as_a_part():
    trial = {"trial_id": "T-PART", "title": "Part", "criteria": [
        crit("inclusion", "inc-1", {"all": [ADULT, {"confirm": "Stable dose for 4 weeks?"}]}, text="Adult, stable.")]}
    page = new(trials=[trial]).next_question()
    (row,) = page.details["rows"]
    assert row["part"] and not row["list"] and question_text(row["question"]) == "Stable dose for 4 weeks?"


@pytest.fixture(scope="module")
def open_trials(tmp_path_factory):
    from core.catalog import database, status
    from core.catalog.bundle import build_bundled
    from core.questionnaire import load_trials

    database.connect(build_bundled(tmp_path_factory.mktemp("checklist") / "c.sqlite"))
    try:
        yield [t for t in load_trials() if t.recruitment_status in status.OPEN_STATUSES]
    finally:
        database.close()


@pytest.mark.parametrize("name", ["sle-nephritis", "ra-established", "sparse-ra"])
def test_on_the_bundled_catalog_the_pages_reach_the_verdicts_of_the_per_item_questionnaire(open_trials, name):
    """A chart whose clinician knows some criteria (yes, no, or nothing, fixed by the criterion's key):
    answered page by page or per criterion, every trial ends with the same verdict."""
    import zlib

    from benchmarks.bench_questionnaire import TODAY as BENCH_DAY
    from benchmarks.bench_questionnaire import load_patients

    truth = load_patients()[name]
    known = {}
    for trial in open_trials:
        for item in trial.criteria:
            for key, _text in item.confirm_prompts():
                pick = zlib.crc32(f"{trial.trial_id}:{key}".encode()) % 3
                if pick < 2:
                    known.setdefault(trial.trial_id, {})[key] = pick == 0
    truth.confirmations = known
    grouped = ChecklistQuestionnaire(None, open_trials, today=BENCH_DAY)
    pages = run_to_end(grouped, truth)
    per_item = Questionnaire(None, open_trials, today=BENCH_DAY)
    asked = run_to_end(per_item, truth)
    assert {t.trial_id: grouped.verdict_of(t.trial_id) for t in open_trials} == {
        t.trial_id: per_item.verdict_of(t.trial_id) for t in open_trials}
    assert any(p.startswith("checklist:") for p in pages) and len(pages) < len(asked)
    assert {p for p in pages if not p.startswith("checklist:")} == {a for a in asked if not a.startswith("confirm:")}
