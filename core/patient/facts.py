"""The registry of every patient fact a rule may use.

Each fact has an id (what rules name), a type, a unit and allowed range, the question that
asks for it and help text, the questionnaire group it belongs to, and whether it is
derived (computed in ``derived.py``) or raw (entered). Raw facts that are single answers
(findings, history, consent) are stored in the profile section named by ``section``; the
structured raw facts (birth date, diagnoses, treatments, labs, joint counts) have their
own profile fields and ``section`` "profile".

Types: ``bool``, ``number``, ``date``, ``enum`` (one of ``choices``) and ``set`` (codes,
tested with the ``has`` operator).
"""

from __future__ import annotations

from core.i18n import N_
from core.patient.fact_model import Fact

# Conditions that get their own per-condition facts, with the diagnosis codes they cover.
# Juvenile Sjögren's is "sjogren" plus the age at onset/diagnosis, not a separate code.
CONDITIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "ra": ("Rheumatoid arthritis", ("rheumatoid_arthritis",)),
    "sjogren": ("Sjögren's disease", ("sjogren",)),
    "dm": ("Dermatomyositis", ("dermatomyositis", "clinically_amyopathic_dermatomyositis")),
    "sle": ("Systemic lupus erythematosus", ("sle",)),
    "asys": ("Antisynthetase syndrome", ("antisynthetase_syndrome",)),
}

KNOWN_DIAGNOSIS_CODES = (
    "rheumatoid_arthritis", "sjogren", "dermatomyositis", "clinically_amyopathic_dermatomyositis",
    "polymyositis", "sle", "antisynthetase_syndrome", "systemic_sclerosis", "primary_biliary_cholangitis",
    "myasthenia_gravis", "muscular_dystrophy", "vasculitis", "psoriatic_arthritis",
    "ankylosing_spondylitis", "hypothyroidism",
)

KNOWN_CLASSIFICATION_CRITERIA = (
    "acr_1987", "acr_eular_2010", "aecg_2002", "acr_eular_2016_sjogren", "japan_sjogren",
    "bohan_peter", "sontheimer", "enmc_dm", "enmc_2020_asys", "eular_acr_2017_iim",
    "eular_acr_2019_sle", "slicc_2012",
)

ACTIVITY_LEVELS = ("remission", "low", "mild", "moderate", "high", "severe")

# Labs with a fact of their own: canonical unit, other accepted units with the factor that
# converts them to the canonical unit, whether ×ULN and below-LLN facts exist.
LABS: dict[str, dict] = {
    "ast": {"label": "AST", "unit": "U/L", "alt_units": {"IU/L": 1.0, "µkat/L": 60.0}, "uln": True},
    "alt": {"label": "ALT", "unit": "U/L", "alt_units": {"IU/L": 1.0, "µkat/L": 60.0}, "uln": True},
    "bilirubin": {"label": "Total bilirubin", "unit": "µmol/L", "alt_units": {"mg/dL": 17.1}, "uln": True},
    "creatinine": {"label": "Serum creatinine", "unit": "µmol/L", "alt_units": {"mg/dL": 88.4}, "uln": True},
    "creatinine_clearance": {"label": "Creatinine clearance", "unit": "mL/min", "alt_units": {}},
    "egfr": {"label": "eGFR", "unit": "mL/min/1.73m²", "alt_units": {"mL/min/1.73m2": 1.0}},
    "esr": {"label": "ESR", "unit": "mm/h", "alt_units": {"mm/hr": 1.0}, "uln": True},
    "crp": {"label": "CRP", "unit": "mg/L", "alt_units": {"mg/dL": 10.0}, "uln": True},
    "hemoglobin": {"label": "Haemoglobin", "unit": "g/dL", "alt_units": {"g/L": 0.1}, "lln": True},
    "wbc": {"label": "White cell count", "unit": "10^9/L", "alt_units": {"/µL": 0.001}, "lln": True},
    "neutrophils": {"label": "Neutrophil count", "unit": "10^9/L", "alt_units": {"/µL": 0.001}, "lln": True},
    "lymphocytes": {"label": "Lymphocyte count", "unit": "10^9/L", "alt_units": {"/µL": 0.001}, "lln": True},
    "platelets": {"label": "Platelet count", "unit": "10^9/L", "alt_units": {"/µL": 0.001}, "lln": True},
    "igg": {"label": "IgG", "unit": "g/L", "alt_units": {"mg/dL": 0.01}, "uln": True},
    "c3": {"label": "Complement C3", "unit": "g/L", "alt_units": {"mg/dL": 0.01}, "lln": True},
    "c4": {"label": "Complement C4", "unit": "g/L", "alt_units": {"mg/dL": 0.01}, "lln": True},
    "anti_dsdna": {"label": "Anti-dsDNA", "unit": "IU/mL", "alt_units": {}, "uln": True, "qualitative": True},
    "rf": {"label": "Rheumatoid factor", "unit": "IU/mL", "alt_units": {"U/mL": 1.0}, "uln": True,
           "qualitative": True},
    "acpa": {"label": "ACPA", "unit": "U/mL", "alt_units": {}, "uln": True, "qualitative": True},
    "beta2_microglobulin": {"label": "β2-microglobulin", "unit": "mg/L", "alt_units": {}, "uln": True},
    "ck": {"label": "Creatine kinase", "unit": "U/L", "alt_units": {"IU/L": 1.0}, "uln": True},
}

REGISTRY: dict[str, Fact] = {}


def _add(fact: Fact) -> None:
    if fact.id in REGISTRY:
        raise ValueError(f"fact {fact.id!r} registered twice")
    REGISTRY[fact.id] = fact


def _raw(id: str, type: str, label: str, question: str, group: str, section: str, **kw) -> None:
    _add(Fact(id=id, type=type, label=label, question=question, group=group, section=section, **kw))


def _derived(id: str, type: str, label: str, question: str, group: str, **kw) -> None:
    _add(Fact(id=id, type=type, label=label, question=question, group=group, derived=True, **kw))


def _yes_no(id: str, label: str, question: str, group: str, section: str, help: str = "") -> None:
    _raw(id, "bool", label, question, group, section, help=help)


# --- demographics -------------------------------------------------------------------
_raw("date_of_birth", "date", "Date of birth", N_("What is the patient's date of birth?"), "demographics", "profile")
_raw("sex", "enum", "Sex", N_("What is the patient's sex?"), "demographics", "profile", choices=("female", "male"))
_raw("assessment_date", "date", "Assessment date", N_("On what date is the patient assessed?"), "demographics",
     "profile", help=N_("Ages and durations are counted to this date; today when left empty."))
_raw("weight_kg", "number", "Body weight", N_("What does the patient weigh?"), "demographics", "profile",
     unit="kg", minimum=0.5, maximum=400)
_derived("age_years", "number", "Age", "Age at the assessment date (completed years)", "demographics",
         unit="years", minimum=0, maximum=120, integer=True)
_yes_no("healthy_volunteer", "Healthy volunteer", N_("Is this person a healthy volunteer (no disease)?"),
        "demographics", "history")

# --- diagnoses ---------------------------------------------------------------------
_derived("diagnoses", "set", "Diagnoses", "Which conditions has the patient been diagnosed with?",
         "diagnosis", help="Complete only when the profile says the diagnosis list is complete.")
_derived("classification_grades", "set", "Classification grades",
         "Which grade of a classification does the patient meet (e.g. bohan_peter:definite)?", "diagnosis")
_derived("allergies", "set", "Allergies", "To which drugs or substances is the patient allergic?", "history",
         help="Complete only when the profile says the allergy list is complete.")
_derived("drug_allergy", "bool", "Drug allergy", "Is the patient allergic to any drug?", "history")
_derived("classification_criteria", "set", "Classification criteria met",
         "Which classification criteria does the patient meet (any diagnosis)?", "diagnosis")
for _prefix, (_name, _codes) in CONDITIONS.items():
    _derived(f"{_prefix}_diagnosed", "bool", f"{_name} diagnosis", f"Has the patient been diagnosed with {_name}?",
             "diagnosis")
    _derived(f"{_prefix}_classification", "set", f"{_name} classification criteria met",
             f"Which classification criteria for {_name} does the patient meet?", "diagnosis")
    _derived(f"{_prefix}_duration_months", "number", f"{_name} duration",
             f"Time since the diagnosis of {_name} (completed months)", "diagnosis", unit="months",
             minimum=0, integer=True)
    _derived(f"{_prefix}_duration_years", "number", f"{_name} duration",
             f"Time since the diagnosis of {_name} (completed years)", "diagnosis", unit="years",
             minimum=0, integer=True)
    _derived(f"{_prefix}_age_at_diagnosis_years", "number", f"Age at diagnosis of {_name}",
             f"How old was the patient when {_name} was diagnosed?", "diagnosis", unit="years",
             minimum=0, maximum=120, integer=True)
    _derived(f"{_prefix}_age_at_onset_years", "number", f"Age at onset of {_name}",
             f"How old was the patient when {_name} began?", "diagnosis", unit="years", minimum=0,
             maximum=120, integer=True, help="Bounded by the age at diagnosis when the onset date is unknown.")
    _derived(f"{_prefix}_activity", "enum", f"{_name} activity", f"How active is the {_name}?", "diagnosis",
             choices=ACTIVITY_LEVELS)

_derived("acr_eular_2010_score", "number", "ACR/EULAR 2010 RA score",
         "ACR/EULAR 2010 rheumatoid arthritis classification score (0-10; 6 or more classifies)",
         "diagnosis", minimum=0, maximum=10, integer=True)
_raw("tender_joints_28", "number", "Tender joint count (28)", N_("How many of the 28 joints are tender?"),
     "diagnosis", "profile", minimum=0, maximum=28, integer=True)
_raw("swollen_joints_28", "number", "Swollen joint count (28)", N_("How many of the 28 joints are swollen?"),
     "diagnosis", "profile", minimum=0, maximum=28, integer=True)
_raw("patient_global_mm", "number", "Patient global assessment", N_("Patient global assessment of disease activity"),
     "diagnosis", "profile", unit="mm", minimum=0, maximum=100, help=N_("Visual analogue scale 0-100 mm."))
_raw("evaluator_global_mm", "number", "Evaluator global assessment",
     N_("Evaluator global assessment of disease activity"), "diagnosis", "profile", unit="mm", minimum=0, maximum=100)
_derived("das28_esr", "number", "DAS28-ESR", "DAS28 with ESR", "diagnosis", minimum=0, maximum=10)
_derived("das28_crp", "number", "DAS28-CRP", "DAS28 with CRP", "diagnosis", minimum=0, maximum=10)
_derived("cdai", "number", "CDAI", "Clinical Disease Activity Index", "diagnosis", minimum=0, maximum=76)
_derived("sledai_2k", "number", "SLEDAI-2K", "SLEDAI-2K score", "diagnosis", minimum=0, maximum=105)
_derived("essdai", "number", "ESSDAI", "EULAR Sjögren's disease activity index", "diagnosis", minimum=0, maximum=123)
_derived("dtt_ra", "bool", "EULAR difficult-to-treat RA",
         "Does the patient meet the EULAR definition of difficult-to-treat RA?", "diagnosis",
         help="Nagy et al. 2021: all three of treatment failure, signs of active/progressive disease, "
              "and management perceived as problematic.")
_derived("dtt_ra_treatment_failure", "bool", "Difficult-to-treat RA treatment-failure criterion",
         "Failure of 2 or more b/tsDMARDs with different mechanisms after csDMARD failure?", "treatment")
_derived("dtt_ra_active_disease", "bool", "Difficult-to-treat RA active-disease criterion",
         "Signs suggestive of active or progressive disease?", "diagnosis")
_yes_no("ra_other_signs_of_active_disease", "Other signs of active or progressive RA",
        N_("Are there other signs of active or progressive RA (active joint disease, rapid radiographic "
        "progression, RA symptoms reducing quality of life despite control)?"), "diagnosis", "findings")
_yes_no("ra_management_problematic", "RA management perceived as problematic",
        N_("Do the rheumatologist and/or the patient perceive the management of the RA as problematic?"),
        "diagnosis", "findings")
_yes_no("systemic_involvement", "Systemic involvement",
        N_("Is there systemic involvement (polyarthritis, vasculitis, autoimmune cytopenia, or skin, kidney, "
        "lung, nerve or liver involvement)?"), "findings", "findings")
_yes_no("b_cell_activation", "B-cell activation",
        N_("Are there signs of B-cell activation (raised IgG or light chains, high β2-microglobulin, low C4, "
        "cryoglobulinaemia, monoclonal protein)?"), "findings", "findings")
_yes_no("persistent_inflammatory_markers", "Sustained raised inflammatory markers",
        N_("Are inflammatory markers (e.g. ESR) persistently raised?"), "findings", "findings")
_yes_no("lupus_nephritis_active", "Highly active lupus nephritis", N_("Is there highly active lupus nephritis?"),
        "findings", "findings")
_raw("fatigue_severity", "enum", "Fatigue", N_("How severe is the patient's fatigue (quality-of-life tool)?"),
     "findings", "findings", choices=("none", "mild", "significant", "severe"))

# --- treatment ---------------------------------------------------------------------
_derived("drugs_used", "set", "Drugs used", "Which drugs has the patient received (generic names)?", "treatment")
_derived("csdmard_years", "number", "Cumulative csDMARD treatment", "Total time on csDMARDs (overlaps merged)",
         "treatment", unit="years", minimum=0)
_derived("dmard_years", "number", "Cumulative DMARD treatment", "Total time on any DMARD (overlaps merged)",
         "treatment", unit="years", minimum=0)
_derived("failed_csdmard_count", "number", "Number of failed csDMARDs",
         "Number of csDMARDs stopped for inadequate response, loss of response or intolerance", "treatment",
         minimum=0, integer=True)
_derived("failed_btsdmard_count", "number", "Number of failed b/tsDMARDs",
         "Number of b/tsDMARDs failed (inadequate response, loss of response or intolerance)", "treatment",
         minimum=0, integer=True)
_derived("failed_btsdmard_mechanism_count", "number", "Number of failed b/tsDMARD mechanisms",
         "Number of distinct mechanisms of action among failed b/tsDMARDs", "treatment", minimum=0, integer=True)
_derived("failed_dmard_count", "number", "Number of failed DMARDs",
         "Number of cs/b/tsDMARDs failed (inadequate response, loss of response or intolerance)", "treatment",
         minimum=0, integer=True)
_derived("failed_immunosuppressant_count", "number", "Number of failed immunosuppressants",
         "Number of immunosuppressants failed or not tolerated", "treatment", minimum=0, integer=True)
_derived("immunosuppressant_count", "number", "Number of immunosuppressants used",
         "Number of different immunosuppressants the patient has received", "treatment", minimum=0, integer=True)
_derived("longest_immunosuppressant_course_months", "number", "Longest immunosuppressant course",
         "Longest single immunosuppressant course", "treatment", unit="months", minimum=0)
_derived("glucocorticoid_with_immunosuppressant_months", "number",
         "Time on a glucocorticoid combined with an immunosuppressant",
         "Total time on a glucocorticoid and an immunosuppressant at the same time", "treatment",
         unit="months", minimum=0)
_derived("glucocorticoid_current", "bool", "Current glucocorticoid", "Is the patient taking a glucocorticoid now?",
         "treatment")
_derived("prednisone_eq_mg_day", "number", "Prednisone-equivalent dose",
         "Current glucocorticoid dose as prednisone equivalent", "treatment", unit="mg/day", minimum=0)
_derived("prednisone_eq_mg_per_kg_day", "number", "Prednisone-equivalent dose per kg",
         "Current glucocorticoid dose as prednisone equivalent per kg body weight", "treatment",
         unit="mg/kg/day", minimum=0)
_derived("weeks_since_last_immunosuppressive_dose", "number", "Time since the last immunosuppressive dose",
         "Weeks since the last dose of a glucocorticoid, immunosuppressant or b/tsDMARD", "treatment",
         unit="weeks", minimum=0)
_derived("current_immunosuppressive_drugs", "set", "Current immunosuppressive drugs",
         "Which glucocorticoids, immunosuppressants or b/tsDMARDs is the patient taking now?", "treatment")
_derived("weeks_since_last_bdmard_dose", "number", "Time since the last biologic dose",
         "Weeks since the last dose of a biologic DMARD", "treatment", unit="weeks", minimum=0)
_yes_no("csdmard_contraindicated", "csDMARDs contraindicated", N_("Are csDMARDs contraindicated for this patient?"),
        "treatment", "history")
_yes_no("gc_taper_below_7_5_failed", "Unable to taper glucocorticoids below 7.5 mg/day",
        N_("Has it proved impossible to taper glucocorticoids below 7.5 mg/day prednisone (or equivalent)?"),
        "treatment", "history")

# --- labs --------------------------------------------------------------------------
for _lab, _spec in LABS.items():
    _lab_label = _spec["label"]  # a name, not a literal: lab labels are translated by core/patient/fact_labels.py
    _derived(_lab, "number", _lab_label, f"Latest {_spec['label']} result", "labs", unit=_spec["unit"],
             minimum=0)
    if _spec.get("uln"):
        _derived(f"{_lab}_x_uln", "number", _lab_label, f"Latest {_spec['label']} as a multiple of the upper "
                 "limit of normal", "labs", unit="× ULN", minimum=0)
    if _spec.get("lln"):
        _derived(f"{_lab}_below_lln", "bool", f"{_spec['label']} below the lower limit of normal",
                 f"Is the latest {_spec['label']} below the lower limit of normal?", "labs")
    if _spec.get("qualitative"):
        _derived(f"{_lab}_positive", "bool", f"{_spec['label']} positive", f"Is the latest {_spec['label']} positive?",
                 "labs", help="From a positive / negative result, or a value above the upper limit of normal.")

# --- findings ----------------------------------------------------------------------
_raw("lvef_percent", "number", "LVEF", N_("What is the left ventricular ejection fraction?"), "findings", "findings",
     unit="%", minimum=0, maximum=100)
_raw("ecog", "number", "ECOG performance status", N_("What is the ECOG performance status?"), "findings", "findings",
     minimum=0, maximum=5, integer=True)
_raw("nyha_class", "number", "NYHA class", N_("What is the NYHA heart failure class (1-4)?"), "findings", "findings",
     minimum=1, maximum=4, integer=True)
_yes_no("structural_heart_disease", "Structural heart disease on echocardiography",
        N_("Does echocardiography show structural heart disease?"), "findings", "findings")
_raw("glucocorticoid_dose_mg_kg_day", "number", "Glucocorticoid dose (mg/kg/day)",
     N_("What is the current glucocorticoid dose in mg/kg/day (prednisone equivalent)?"), "treatment", "findings",
     unit="mg/kg/day", minimum=0, maximum=30,
     help=N_("When the dose is known only per kilogram; a dose in the treatment list is used first."))
_raw("estimated_survival_weeks", "number", "Estimated survival", N_("What is the estimated survival?"), "findings",
     "findings", unit="weeks", minimum=0)
# rheumatology criteria ask how long the stiffness lasts each morning ("morning stiffness >= 45 minutes")
_raw("morning_stiffness_minutes", "number", "Morning stiffness", N_("How long does the patient's morning stiffness "
     "last?"), "findings", "findings", unit="minutes", minimum=0, maximum=1440,
     help=N_("Minutes of joint stiffness after waking, on a usual day; 0 when there is none."))
_yes_no("pregnant", "Pregnant", N_("Is the patient pregnant?"), "findings", "findings",
        help=N_("Taken as no for male patients."))
_yes_no("lactating", "Breastfeeding", N_("Is the patient breastfeeding?"), "findings", "findings",
        help=N_("Taken as no for male patients."))
_yes_no("pregnancy_planned_within_6_months", "Pregnancy planned within 6 months",
        N_("Is a pregnancy planned within the next six months?"), "findings", "findings")
_yes_no("childbearing_potential", "Of childbearing potential", N_("Is the patient a woman of childbearing potential?"),
        "findings", "findings", help=N_("Taken as no for male patients."))
_yes_no("contraception_assured", "Reliable contraception assured", N_("Can reliable contraception be assured?"),
        "findings", "findings")
_yes_no("pregnancy_test_negative", "Negative pregnancy test",
        N_("Was the latest pregnancy test (serum or urine) negative?"), "findings", "findings",
        help=N_("Taken at screening; a trial asks it of women of childbearing potential."))
_yes_no("severe_organ_disease", "Severe heart, liver, kidney, blood or endocrine disease",
        N_("Is there severe disease of the heart, liver, kidneys, blood or endocrine system?"), "findings", "findings")
_yes_no("severe_lung_disease", "Severe lung disease", N_("Is there severe lung disease?"), "findings", "findings")
_yes_no("other_myopathy_cause", "Another cause of myopathy",
        N_("Is there another cause of myopathy (neuromuscular disease, tumour, drugs such as statins, "
        "infection, genetic, endocrine or electrolyte disorder, rhabdomyolysis)?"), "findings", "findings")

# --- history -----------------------------------------------------------------------
for _id, _label, _question in [
    ("malignancy", N_("History of malignancy"), N_("Has the patient ever had a malignancy?")),
    ("malignancy_only_cured_in_situ_skin_or_cervix", N_("Malignancy limited to cured in-situ skin or cervix carcinoma"),
     N_("Was every malignancy a cured carcinoma in situ of the skin or cervix?")),
    ("malignancy_inactive", N_("Malignancy inactive"), N_("Is every malignancy inactive?")),
    ("cns_disease", N_("Central nervous system disease"), N_("Has the patient had a central nervous system disease?")),
    ("epilepsy", N_("Epilepsy"), N_("Has the patient had epilepsy?")),
    ("active_infection", N_("Active infection"), N_("Does the patient have an active infection?")),
    ("active_infection_requiring_iv", N_("Infection requiring parenteral antimicrobials"),
     N_("Is there an active or uncontrolled infection requiring parenteral antimicrobials?")),
    ("severe_active_infection", N_("Severe active viral, bacterial or systemic fungal infection"),
     N_("Is there a severe active viral or bacterial, or uncontrolled systemic fungal, infection?")),
    ("tb_active", N_("Active tuberculosis"), N_("Does the patient have active tuberculosis?")),
    ("tb_treated_within_3_years", N_("Active tuberculosis treated within 3 years"),
     N_("Was active tuberculosis treated within the previous 3 years?")),
    ("tb_latent", N_("Latent tuberculosis"), N_("Is latent tuberculosis screening positive (e.g. PPD and T-SPOT)?")),
    ("hbsag_positive", N_("HBsAg positive"), N_("Is hepatitis B surface antigen positive?")),
    ("hcv_antibody_positive", N_("HCV antibody positive"), N_("Is hepatitis C antibody positive?")),
    ("hiv", N_("HIV infection"), N_("Does the patient have HIV infection?")),
    ("bleeding_disorder", N_("Bleeding tendency"),
     N_("Is there a pronounced bleeding tendency (GI bleeding, coagulation disorder, hypersplenism)?")),
    ("bone_marrow_failure_syndrome", N_("Bone marrow failure syndrome"),
     N_("Does the patient have a bone marrow failure syndrome (Fanconi, Kostmann, Shwachman...)?")),
    ("severe_drug_allergy", N_("Severe drug allergy"), N_("Has the patient had severe allergic reactions to drugs?")),
    ("other_trial_within_3_months", N_("Other trial treatment within 3 months"),
     N_("Has the patient received treatment in another clinical trial within 3 months?")),
    ("unstable_angina_6_months", N_("Unstable angina within 6 months"),
     N_("Unstable angina within the last 6 months?")),
    ("mi_6_months", N_("Myocardial infarction within 6 months"), N_("Myocardial infarction within the last 6 months?")),
    ("chf_6_months", N_("Symptomatic heart failure within 6 months"),
     N_("Symptomatic congestive heart failure within the last 6 months?")),
    ("mental_disorder", N_("Mental disorder"), N_("Does the patient have a mental disorder?")),
    ("unable_to_cooperate", N_("Unable to cooperate with treatment"),
     N_("Is the patient unable to cooperate with treatment?")),
]:
    _yes_no(_id, _label, _question, "history", "history")

# --- consent -----------------------------------------------------------------------
for _id, _label, _question in [
    ("informed_consent", N_("Written informed consent"),
     N_("Will the patient (or guardian) give written informed consent?")),
    ("willing_to_participate", N_("Willing to participate"), N_("Is the patient willing to take part in the study?")),
    ("willing_to_follow_procedures", N_("Willing to follow trial procedures"),
     N_("Is the patient willing and able to follow all trial procedures?")),
    ("agrees_to_study_treatment", N_("Agrees to the study treatment"),
     N_("Does the patient agree to the study treatment?")),
]:
    _yes_no(_id, _label, _question, "consent", "consent")


def get_fact(fact_id: str) -> Fact | None:
    """The registered fact with this id, or a vocabulary fact (``condition:sle``,
    ``drug_current:tnf_inhibitor``, ``lab_x_uln:alt``…), or None."""
    fact = REGISTRY.get(fact_id)
    if fact is None and ":" in fact_id:
        from core.patient.vocab_facts import fact_for  # here: vocab_facts builds on this module

        fact = fact_for(fact_id)
    return fact


def fact_ids() -> list[str]:
    """Every registered fact id, in registration order."""
    return list(REGISTRY)


def answer_facts(section: str) -> dict[str, Fact]:
    """The raw single-answer facts stored in a profile section (findings, history, consent)."""
    return {f.id: f for f in REGISTRY.values() if f.section == section}
