"""A longer washout for some members of a class in a bracket ("at least 4 weeks since prior chemotherapy (6 weeks for
nitrosoureas or mitomycin)"): the class's washout step and a step for the members beside it, never a reason to
exclude; a shorter period, a member outside the class or other words give no rule (or the reading they had)."""

from __future__ import annotations

import pytest

from benchmarks.extraction_judge import judge
from core.criteria.extract import propose_rule
from core.matching.evaluate import Context, evaluate
from core.matching.rule_texts import english_template
from core.matching.rules import rule_problems
from core.trial_record import EXCLUSION, INCLUSION


def _washout(text, facts, joined):
    return {"step": {"kind": "washout", "text": text},
            "rule": facts[0] if len(facts) == 1 else {joined: facts}}


def _since(drug, op, weeks):
    return {"fact": f"drug_weeks_since:{drug}", "op": op, "value": weeks}


@pytest.mark.parametrize(("text", "kind", "rule"), [
    ("At least 4 weeks since prior chemotherapy (6 weeks for nitrosoureas or mitomycin)", INCLUSION,
     {"all": [_washout("Last dose of chemotherapy at least 4 weeks before entry", [_since("chemotherapy", ">=", 4.0)],
                       "all"),
              _washout("Last dose of nitrosoureas, mitomycin at least 6 weeks before entry",
                       [_since("nitrosourea", ">=", 6.0), _since("mitomycin", ">=", 6.0)], "all")]}),
    ("At least 3 weeks since prior chemotherapy (6 weeks for nitrosoureas, mitomycin, or melphalan)", INCLUSION,
     {"all": [_washout("Last dose of chemotherapy at least 3 weeks before entry", [_since("chemotherapy", ">=", 3.0)],
                       "all"),
              _washout("Last dose of nitrosoureas, mitomycin, melphalan at least 6 weeks before entry",
                       [_since("nitrosourea", ">=", 6.0), _since("mitomycin", ">=", 6.0),
                        _since("melphalan", ">=", 6.0)], "all")]}),
    ("At least 2 weeks since chemotherapy (4 weeks since nitrosoureas)", INCLUSION,
     {"all": [_washout("Last dose of chemotherapy at least 2 weeks before entry", [_since("chemotherapy", ">=", 2.0)],
                       "all"),
              _washout("Last dose of nitrosoureas at least 4 weeks before entry", [_since("nitrosourea", ">=", 4.0)],
                       "all")]}),
    ("Chemotherapy within 4 weeks (6 weeks for nitrosoureas)", EXCLUSION,
     {"any": [_washout("Last dose of chemotherapy more than 4 weeks before entry", [_since("chemotherapy", "<", 4.0)],
                       "any"),
              _washout("Last dose of nitrosoureas more than 6 weeks before entry", [_since("nitrosourea", "<", 6.0)],
                       "any")]}),
])
def test_the_members_longer_washout_is_a_step_beside_the_class(text, kind, rule):
    proposal = propose_rule(text, kind)
    assert proposal is not None, text
    assert proposal.rule == rule
    assert rule_problems(proposal.rule) == [] and proposal.modifiable
    for part in proposal.rule.get("all") or proposal.rule.get("any"):
        assert english_template(part["step"]["text"]) is not None  # translated by the washout templates


def test_every_period_must_have_passed_and_none_excludes():
    rule = propose_rule("At least 4 weeks since prior chemotherapy (6 weeks for nitrosoureas or mitomycin)",
                        INCLUSION).rule
    facts = {"drug_weeks_since:chemotherapy": 5.0, "drug_weeks_since:nitrosourea": 5.0,
             "drug_weeks_since:mitomycin": float("inf")}
    today = evaluate(rule, Context(facts))
    assert today.value is False  # a nitrosourea 5 weeks ago: the longer period is still running
    after = evaluate(rule, Context(facts, after_steps=True))
    assert after.value is True and {s["kind"] for s in after.steps} == {"washout"}
    facts["drug_weeks_since:nitrosourea"] = float("inf")
    assert evaluate(rule, Context(facts)).value is True


def test_the_comparison_reads_both_windows():
    rule = propose_rule("Chemotherapy within 4 weeks (6 weeks for nitrosoureas)", EXCLUSION).rule
    reading = {"any": [{"drug": "chemotherapy", "class": True, "time": {"within": [4, "weeks"]}},
                       {"drug": "nitrosourea", "class": True, "time": {"within": [6, "weeks"]}}]}
    assert judge(rule, reading, True, EXCLUSION) == "right"
    assert judge(rule, reading["any"][0], True, EXCLUSION) == "wrong"  # the members' period dropped


@pytest.mark.parametrize(("text", "kind"), [
    ("At least 4 weeks since prior radiotherapy (6 weeks for extensive radiotherapy)", INCLUSION),
    ("No radiotherapy within past 2 weeks (8 weeks for strontium therapy).", INCLUSION),
    ("At least 4 weeks since prior chemotherapy (2 weeks if weekly regimen)", INCLUSION),
    ("At least 4 weeks since prior chemotherapy (6 weeks for nitrosoureas, mitomycin, or suramin)", INCLUSION),
    ("At least 4 weeks since prior chemotherapy (6 weeks for prednisone)", INCLUSION),  # not a chemotherapy
    ("At least 4 weeks since prior chemotherapy (6 weeks for nitrosoureas) and recovered", INCLUSION),
])
def test_near_misses_give_no_rule(text, kind):
    assert propose_rule(text, kind) is None, text


def test_a_shorter_period_for_one_member_keeps_its_own_reading():
    # "(1 day for hydroxyurea)": the class other than hydroxyurea, and hydroxyurea's own step (washout_exceptions);
    # the bracket is put back when the members' longer washout does not apply
    rule = propose_rule("At least 4 weeks since prior chemotherapy (1 day for hydroxyurea)", INCLUSION).rule
    texts = [p["step"]["text"] for p in rule["all"]]
    assert texts == ["Last dose of chemotherapy other than hydroxyurea at least 4 weeks before entry",
                     "Last dose of hydroxyurea at least 1 day before entry"]


@pytest.mark.parametrize(("text", "drug", "cls"), [
    ("No prior melphalan", "melphalan", "alkylating_agent"), ("No prior busulfan", "busulfan", "alkylating_agent"),
    ("No prior ifosfamide", "ifosfamide", "alkylating_agent"), ("No prior DTIC", "dacarbazine", "alkylating_agent"),
    ("No prior thiotepa", "thiotepa", "alkylating_agent"), ("No prior vinblastine", "vinblastine", "chemotherapy"),
    ("No prior decitabine", "decitabine", "chemotherapy"), ("No prior estramustine", "estramustine", "chemotherapy"),
    ("No prior trimetrexate", "trimetrexate", "antiprotozoal"),
    ("No prior sulfadiazine", "sulfadiazine", "sulfonamide"),
    ("No prior paromomycin", "paromomycin", "aminoglycoside"),
    ("No prior sparfloxacin", "sparfloxacin", "fluoroquinolone"),
    ("No prior danazol", "danazol", "antigonadotropin"),
    ("No prior isoprinosine", "inosine_pranobex", "immunomodulator"),
    ("No prior capreomycin", "capreomycin", "antituberculosis"),
    ("No prior floxuridine", "floxuridine", "chemotherapy"),
    ("No prior homoharringtonine", "homoharringtonine", "chemotherapy"),
    ("No prior gemtuzumab ozogamicin", "gemtuzumab_ozogamicin", "antibody_drug_conjugate"),
    ("No prior erenumab", "erenumab", "cgrp_antibody"),
    ("No prior galcanezumab", "galcanezumab", "cgrp_antibody"),
    ("No prior diethylstilbestrol", "diethylstilbestrol", "hormone_therapy_oncology"),
    ("No prior phosphonoformate", "foscarnet", "antiviral"),
    ("No prior azacytidine", "azacitidine", "chemotherapy"),
])
def test_drugs_the_corpus_names_are_in_the_vocabulary(text, drug, cls):
    from core.vocab import drugs

    assert propose_rule(text, INCLUSION).rule == {"fact": f"drug_ever:{drug}", "op": "=", "value": False}
    assert drugs.is_a(drug, cls)
    assert not drugs.is_a("danazol", "androgen")  # an antigonadotropin (G03XA): not every androgen


def test_a_cgrp_ligand_antibody_is_not_the_whole_class():
    from core.criteria.extract import concepts

    # "CGRP ligand antibody" leaves out erenumab (a receptor antibody): not a synonym of the class
    assert not any(m.concept_id == "cgrp_antibody" for m in concepts.find("prior cgrp ligand antibody"))
    assert [m.concept_id for m in concepts.find("prior anti-cgrp monoclonal antibodies")] == ["cgrp_antibody"]
