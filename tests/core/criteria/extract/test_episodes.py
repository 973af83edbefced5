"""States and episodes meant *now* (``episodes.py``): "Ascites", "No gastrointestinal bleeding", "No unstable
angina", "Acute myocardial infarction", "Active hepatitis B" read ``condition_current:<id>``, not "has or had"
(real registry phrasings, mined from the dev side of the corpus and from the first precision audit); a history
word or a window keeps the old facts; lasting diseases stay "has or had"; the near-misses give no rule."""

from __future__ import annotations

import pytest

from core.criteria.extract import episodes, propose_rule
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import assert_reads, ever, f, now


@pytest.mark.parametrize(("text", "kind", "rule"), [
    # the audit's wrong readings
    ("Acute myocardial infarction", EXCLUSION, now("myocardial_infarction")),
    ("Alcoholic hepatitis", EXCLUSION, now("alcoholic_hepatitis")),
    ("No gastrointestinal bleeding", INCLUSION, now("gastrointestinal_bleeding", False)),
    ("No unstable angina", INCLUSION, now("unstable_angina", False)),
    ("No unstable angina pectoris", INCLUSION, now("unstable_angina", False)),
    ("Must not have unstable angina", INCLUSION, now("unstable_angina", False)),
    # states that recur in the corpus
    ("Unstable angina", EXCLUSION, now("unstable_angina")),
    ("Thrombocytopenia.", EXCLUSION, now("thrombocytopenia")),
    ("Ascites", EXCLUSION, now("ascites")),
    ("No ascites or pleural effusions", INCLUSION, {"all": [now("ascites", False), now("pleural_effusion", False)]}),
    ("No disseminated intravascular coagulation", INCLUSION, now("disseminated_intravascular_coagulation", False)),
    ("No hypercalcemia", INCLUSION, now("hypercalcaemia", False)),
    ("No encephalopathy", INCLUSION, now("encephalopathy", False)),
    ("Pancreatitis", EXCLUSION, now("pancreatitis")),
    ("Acute pancreatitis", EXCLUSION, now("acute_pancreatitis")),
    ("Have hepatitis", EXCLUSION, now("hepatitis")),
    ("Acute renal failure", EXCLUSION, now("acute_kidney_injury")),
    ("Acute stroke", EXCLUSION, now("stroke")),
    ("Acute pulmonary embolism", EXCLUSION, now("pulmonary_embolism")),
    ("Acute gastrointestinal bleeding", EXCLUSION, now("gastrointestinal_bleeding")),
    # signs meant now (precision audit, task h-tail4: "No lymphadenopathy" was read as never had one)
    ("No lymphadenopathy", INCLUSION, now("lymphadenopathy", False)),
    ("Lymphadenopathy", EXCLUSION, now("lymphadenopathy")),
    ("Night sweats.", EXCLUSION, now("night_sweats")),
    ("History of lymphadenopathy", EXCLUSION, ever("lymphadenopathy")),
    # "X fever" is its own disease (or none), never fever now; rheumatic fever keeps "has or had"
    ("Rheumatic fever", EXCLUSION, ever("rheumatic_fever")),
    ("No history of rheumatic fever", INCLUSION, ever("rheumatic_fever", False)),
    # a lasting condition beside an episode keeps "has or had"
    ("Myocardial infarction or acute coronary syndrome", EXCLUSION,
     {"any": [ever("myocardial_infarction"), now("acute_coronary_syndrome")]}),
    # a history word or a window keeps the old facts
    ("History of pancreatitis", EXCLUSION, ever("pancreatitis")),
    ("Previous gastrointestinal bleeding", EXCLUSION, ever("gastrointestinal_bleeding")),
    ("History of acute myocardial infarction", EXCLUSION, ever("myocardial_infarction")),
    ("Acute myocardial infarction within 6 months", EXCLUSION,
     f("condition_recent_years:myocardial_infarction", "<", 0.5)),
    ("Gastrointestinal bleeding within the past 6 months", EXCLUSION,
     f("condition_recent_years:gastrointestinal_bleeding", "<", 0.5)),
    # lasting diseases, and tumours whose type is "acute", stay "has or had"
    ("Myocardial infarction", EXCLUSION, ever("myocardial_infarction")),
    ("Diabetes", EXCLUSION, ever("diabetes_mellitus")),
    ("Patients with rheumatoid arthritis", INCLUSION, ever("rheumatoid_arthritis")),
    ("Patients with acute myeloid leukemia", EXCLUSION, ever("acute_myeloid_leukaemia")),
    ("Acute myeloid leukemia", INCLUSION, ever("acute_myeloid_leukaemia")),
    ("Immune thrombocytopenia", EXCLUSION, ever("immune_thrombocytopenia")),
    ("Sickle cell anemia", EXCLUSION, ever("sickle_cell_disease")),
    # "active hepatitis B/C": the infection active now, not a positive test alone
    ("Active hepatitis B", EXCLUSION, now("hepatitis_b")),
    ("Known active hepatitis B infection", EXCLUSION, now("hepatitis_b")),
    ("Active HBV infection", EXCLUSION, now("hepatitis_b")),
    ("Active hepatitis C", EXCLUSION, now("hepatitis_c")),
    # a named test, or no time word, stays a test reading
    ("Positive hepatitis B surface antigen", EXCLUSION, f("hbsag_positive", "=", True)),
    ("Hepatitis B infection", EXCLUSION, f("hbsag_positive", "=", True)),
    ("Chronic hepatitis B", EXCLUSION, f("hbsag_positive", "=", True)),
])
def test_states_and_episodes(text, kind, rule):
    assert_reads(text, kind, rule)


def test_active_hepatitis_b_or_c_reads_b_as_active_now():
    rule = propose_rule("Active hepatitis B or C", EXCLUSION).rule
    assert rule["any"][0] == now("hepatitis_b")
    assert "hbsag_positive" not in str(rule)


@pytest.mark.parametrize(("text", "kind"), [
    # "acute X" where X has a lasting form: "X now" would be broader
    ("Acute hepatitis", EXCLUSION),
    ("Acute gout", EXCLUSION),
    ("Acute liver failure", EXCLUSION),
    ("Acute GVHD", EXCLUSION),
    ("Acute hepatic or renal failure", EXCLUSION),
    ("History of acute hepatitis", EXCLUSION),
    # an inclusion's requirement names the trial's topic with its own timing and definition
    ("Anemia", INCLUSION),
    ("Acute ischemic stroke", INCLUSION),
    ("Patients with ascites", INCLUSION),
    ("Lymphadenopathy", INCLUSION),
    ("Acute lymphadenopathy", EXCLUSION),  # lymphadenopathy may be lasting (persistent generalized): narrower
    # no "fever" concept: neither fever nor a name holding the word reads as fever now
    ("Yellow fever", EXCLUSION),
    ("Typhoid fever", EXCLUSION),  # an infection named bare: ever, or now? (as before)
    ("Fever", EXCLUSION),
    ("Weight loss", EXCLUSION),
    # a state meant now has no duration or exceptions of a history
    ("Thrombocytopenia for at least 2 years", EXCLUSION),
])
def test_near_misses_give_no_rule(text, kind):
    assert propose_rule(text, kind) is None


def test_episodic_list_holds_no_lasting_disease():
    from core.vocab import conditions

    assert all(c in conditions.vocabulary() for c in episodes.EPISODIC | episodes.ACUTE_EPISODES)
    for lasting in ("rheumatoid_arthritis", "diabetes_mellitus", "immune_thrombocytopenia", "chronic_pancreatitis",
                    "aplastic_anaemia", "myocardial_infarction", "epilepsy"):
        assert not episodes.is_episodic(lasting)
    assert episodes.acute_reading("acute_myeloid_leukaemia") == "type"
    assert episodes.acute_reading("hepatitis") is None
    assert episodes.acute_reading("myocardial_infarction") == "now"


@pytest.mark.parametrize(("text", "kind"), [
    # the history word of a list is every part's: the bleeding is "history" too
    ("No history of peptic ulceration or gastrointestinal bleeding", INCLUSION),
    # "acute" names a narrower tumour than the concept left without it
    ("No acute leukemia", INCLUSION),
    # does "acute" reach the second condition?
    ("Acute myocardial infarction or stroke", EXCLUSION),
    ("Acute myocardial infarction, stroke", EXCLUSION),
])
def test_time_words_of_a_list_give_no_mixed_reading(text, kind):
    assert propose_rule(text, kind) is None


def test_a_list_of_episodes_with_a_history_word_keeps_has_or_had():
    assert_reads("History of myocardial infarction or unstable angina", EXCLUSION,
                 {"any": [ever("myocardial_infarction"), ever("unstable_angina")]})


def _tree(kind, lead, *items):
    from core.trial_record import CriterionNode

    return [CriterionNode(kind=kind, text=lead, children=[CriterionNode(kind=kind, text=i) for i in items])]


@pytest.mark.parametrize(("kind", "lead", "item", "rule"), [
    # a history word in the lead-in is the item's: has or had
    (INCLUSION, "No history of any of the following:", "Gastrointestinal bleeding",
     ever("gastrointestinal_bleeding", False)),
    (INCLUSION, "No history of:", "Unstable angina", ever("unstable_angina", False)),
    (EXCLUSION, "History of any of the following:", "Ascites", ever("ascites")),
    (EXCLUSION, "Patients with a history of:", "Pancreatitis", ever("pancreatitis")),
    # a lead-in with no time word leaves the item meaning now
    (EXCLUSION, "Patients with any of the following:", "Pancreatitis", now("pancreatitis")),
])
def test_a_history_lead_in_keeps_has_or_had(kind, lead, item, rule):
    from core.criteria.extract import propose_rules

    out = propose_rules(_tree(kind, lead, item))
    key = ("inc" if kind == INCLUSION else "exc") + "-1.1"
    assert out[key] is not None and out[key].rule == rule
