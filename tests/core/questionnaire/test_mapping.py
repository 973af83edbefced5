"""Every fact a rule can use is answered by some question."""

from __future__ import annotations

import json

from core.matching.rules import parse_rule, rule_facts
from core.patient import facts as registry
from core.questionnaire.mapping import (
    FACT_QUESTIONS,
    FACT_ROUTES,
    QUESTION_FACTS,
    confirm_question_id,
    parse_confirm_id,
    questions_for_fact,
    unanswerable_facts,
    useful_questions,
)
from core.questionnaire.questions import STATIC_QUESTIONS
from resources import paths


def test_every_registered_fact_is_answerable():
    assert unanswerable_facts() == []


def test_every_fact_of_the_seed_curation_rules_is_answerable():
    used: set[str] = set()
    files = sorted(paths.curation_dir().glob("*.json"))
    for path in files:
        for entry in json.loads(path.read_text(encoding="utf-8"))["criteria"]:
            rule = parse_rule(entry.get("rule"))
            if rule is not None:
                used |= rule_facts(rule)
    assert unanswerable_facts(sorted(used)) == []
    for fid in used:
        assert fid in registry.REGISTRY


def test_routes_name_real_questions():
    for fid, routes in FACT_ROUTES.items():
        for route in routes:
            assert route, fid
            for qid in route:
                assert qid in STATIC_QUESTIONS, (fid, qid)
    for qid in QUESTION_FACTS:
        assert qid in STATIC_QUESTIONS


def test_derived_facts_are_asked_through_raw_inputs():
    assert questions_for_fact("age_years") == ("date_of_birth",)
    assert questions_for_fact("csdmard_years") == ("treatments",)
    assert questions_for_fact("failed_btsdmard_count") == ("treatments",)
    assert questions_for_fact("ast_x_uln") == ("lab.ast",)
    assert questions_for_fact("c3_below_lln") == ("lab.c3",)
    assert set(questions_for_fact("das28_esr")) == {"joints", "lab.esr", "diagnoses"}
    assert questions_for_fact("ra_classification") == ("diagnoses",)
    assert questions_for_fact("sle_duration_months") == ("diagnoses",)
    assert set(questions_for_fact("sjogren_age_at_onset_years")) == {"diagnoses", "date_of_birth"}
    assert set(questions_for_fact("prednisone_eq_mg_per_kg_day")) == {"treatments", "weight_kg",
                                                                      "glucocorticoid_dose_mg_kg_day"}
    assert questions_for_fact("informed_consent") == ("informed_consent",)
    assert set(questions_for_fact("pregnant")) == {"pregnant", "sex"}
    assert {"diagnoses", "treatments", "joints", "lab.esr", "ra_management_problematic"} <= set(
        questions_for_fact("dtt_ra"))
    # no question asks for a derived fact directly ("diagnoses" and "allergies" are both set facts and table
    # questions)
    derived = {f.id for f in registry.REGISTRY.values() if f.derived}
    assert derived & set(STATIC_QUESTIONS) == {"diagnoses", "allergies"}
    assert all(FACT_QUESTIONS[f] for f in derived)


def test_a_route_with_an_unknown_part_is_not_worth_asking():
    # DAS28-ESR: joints + ESR together, or a score recorded with the diagnosis
    assert useful_questions("das28_esr", frozenset(), frozenset()) == {"joints", "lab.esr", "diagnoses"}
    assert useful_questions("das28_esr", frozenset({"joints"}), frozenset({"joints"})) == {"diagnoses"}
    assert useful_questions("das28_esr", frozenset(), frozenset({"joints", "diagnoses"})) == {"lab.esr"}


def test_confirm_ids_round_trip():
    qid = confirm_question_id("NCT01234567", "exc-2#washout")
    assert qid == "confirm:NCT01234567:exc-2#washout"
    assert parse_confirm_id(qid) == ("NCT01234567", "exc-2#washout")
    assert parse_confirm_id("lab.ast") is None
