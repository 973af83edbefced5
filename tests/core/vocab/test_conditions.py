"""The conditions vocabulary as the app reads it: lookup, search, hierarchy and the issue's examples."""

from __future__ import annotations

import pytest

from core.patient.facts import KNOWN_DIAGNOSIS_CODES
from core.vocab import conditions
from core.vocab.conditions import normalise_code


def ids(concepts) -> list[str]:
    return [c.id for c in concepts]


def test_existing_diagnosis_ids_are_concepts():
    for code in KNOWN_DIAGNOSIS_CODES:
        assert conditions.get(code).id == code


def test_unknown_id_is_a_clear_key_error():
    with pytest.raises(KeyError, match="unknown condition id 'not_a_disease'"):
        conditions.get("not_a_disease")
    with pytest.raises(KeyError):
        conditions.covers("not_a_disease", "sle")


# --- the examples ----------------------------------------------------------------------

@pytest.mark.parametrize("text", ["SLE", "M32", "ＳＬＥ", "systemic lupus erythematosus", "Systemic Lupus Erythema"])
def test_data_entry_finds_sle_first(text):
    assert conditions.search(text)[0].id == "sle"


def test_lupus_resolves_to_the_lupus_group_and_lists_sle_near_the_top():
    assert ids(conditions.lookup("lupus")) == ["lupus"]
    assert ids(conditions.search("lupus"))[:2] == ["lupus", "sle"]  # the group, then its readings in curated order
    assert {"sle", "cutaneous_lupus", "drug_induced_lupus"} <= set(conditions.vocabulary().children("lupus"))


def test_scleroderma_is_the_group_not_systemic_sclerosis():
    assert ids(conditions.lookup("scleroderma")) == ["scleroderma"]
    assert conditions.get("scleroderma").kind == "group"
    assert {"systemic_sclerosis", "localized_scleroderma"} <= set(conditions.vocabulary().children("scleroderma"))
    for subset in ("limited_cutaneous_ssc", "diffuse_cutaneous_ssc", "ssc_sine_scleroderma"):
        assert conditions.is_a(subset, "systemic_sclerosis")
    assert ids(conditions.lookup("morphea")) == ["localized_scleroderma"]


@pytest.mark.parametrize(("term", "expected"), [
    ("myositis", "idiopathic_inflammatory_myopathy"),
    ("vasculitis", "vasculitis"),
    ("malignancy", "malignancy"),
    ("cancer", "malignancy"),
    ("Malignancies", "malignancy"),
    ("Sjögren's", "sjogren"),
    ("Raynaud's", "raynaud_phenomenon"),
    ("non-melanoma skin cancer", "non_melanoma_skin_cancer"),
    ("basal cell carcinoma", "basal_cell_carcinoma"),
    ("carcinoma in situ of the cervix", "cervical_carcinoma_in_situ"),
    ("latent TB", "latent_tuberculosis"),
    ("LTBI", "latent_tuberculosis"),
    ("HBV", "hepatitis_b"),
    ("hepatitis C", "hepatitis_c"),
    ("HIV", "hiv_infection"),
    ("shingles", "herpes_zoster"),
    ("ILD", "interstitial_lung_disease"),
    ("demyelinating disease", "demyelinating_disease"),
    ("seizures", "seizure"),
    ("alcohol abuse", "alcohol_use_disorder"),
    ("APS", "antiphospholipid_syndrome"),
    ("IgG4-related disease", "igg4_related_disease"),
    ("sarcoidosis", "sarcoidosis"),
])
def test_names_criteria_use(term, expected):
    assert ids(conditions.lookup(term))[:1] == [expected]


def test_arthritis_alone_is_not_rheumatoid_arthritis():
    assert ids(conditions.lookup("arthritis")) == ["arthritis"]
    assert conditions.covers("arthritis", "rheumatoid_arthritis")
    assert not conditions.covers("rheumatoid_arthritis", "arthritis")


def test_malignancy_covers_lymphoma_and_the_usual_exceptions():
    for narrower in ("lymphoma", "dlbcl", "non_melanoma_skin_cancer", "basal_cell_carcinoma",
                     "cervical_carcinoma_in_situ", "breast_cancer", "multiple_myeloma"):
        assert conditions.covers("malignancy", narrower), narrower
    assert not conditions.covers("malignancy", "meningioma")  # a benign tumour is a neoplasm only
    assert conditions.covers("neoplasm", "meningioma")


def test_hierarchy_is_a_dag_with_several_parents():
    assert conditions.is_a("lupus_nephritis", "sle")
    assert conditions.is_a("lupus_nephritis", "kidney_disease")
    assert conditions.is_a("ssc_ild", "interstitial_lung_disease")
    assert conditions.is_a("guillain_barre_syndrome", "demyelinating_disease")
    assert not conditions.is_a("sle", "sle")
    assert conditions.covers("sle", "sle")
    assert conditions.ancestors("sle")[0] == "lupus"  # nearest first
    assert "lupus_nephritis" in conditions.descendants("lupus")


@pytest.mark.parametrize(("text", "expected"), [
    ("类风湿关节炎", "rheumatoid_arthritis"), ("干燥综合征", "sjogren"), ("皮肌炎", "dermatomyositis"),
    ("抗合成酶抗体综合征", "antisynthetase_syndrome"), ("系统性红斑狼疮", "sle"),
    ("関節リウマチ", "rheumatoid_arthritis"), ("シェーグレン症候群", "sjogren"), ("皮膚筋炎", "dermatomyositis"),
    ("抗ARS抗体症候群", "antisynthetase_syndrome"), ("全身性エリテマトーデス", "sle"),
    ("乙肝", "hepatitis_b"), ("間質性肺炎", "interstitial_lung_disease"),
])
def test_chinese_and_japanese_names(text, expected):
    assert ids(conditions.lookup(text)) == [expected]


def test_cjk_prefix_completes():
    assert ids(conditions.search("类风湿"))[0] == "rheumatoid_arthritis"
    assert "sle" in ids(conditions.search("狼疮"))


# --- abbreviations, ambiguity and codes --------------------------------------------------------

def test_abbreviations_are_case_sensitive_in_lookup():
    assert ids(conditions.lookup("MS")) == ["multiple_sclerosis"]
    assert conditions.lookup("ms") == []
    assert ids(conditions.lookup("RA")) == ["rheumatoid_arthritis"]
    assert conditions.lookup("ra") == []


def test_search_accepts_a_lower_case_abbreviation_below_exact_matches():
    assert ids(conditions.search("sle"))[0] == "sle"


def test_unrelated_readings_do_not_resolve_to_one_concept():
    assert set(ids(conditions.lookup("DM"))) == {"dermatomyositis", "diabetes_mellitus"}
    assert set(ids(conditions.lookup("SS"))) == {"sjogren", "systemic_sclerosis"}
    entry = conditions.vocabulary().ambiguity("DM")
    assert entry is not None and entry.concept is None
    matcher_terms = {term for term, _, cs in conditions.terms() if cs}
    assert "DM" not in matcher_terms and "SS" not in matcher_terms


@pytest.mark.parametrize(("text", "expected"), [
    ("M05.79", "rheumatoid_arthritis"),  # more specific than any listed code: nearest listed parent
    ("m3214", "lupus_nephritis"),
    ("M32.14", "lupus_nephritis"),
    ("D86", "sarcoidosis"),
    ("K74.3", "primary_biliary_cholangitis"),
])
def test_codes_find_their_concept(text, expected):
    assert ids(conditions.lookup(text))[0] == expected


def test_code_normalisation():
    assert normalise_code(" m32.14 ") == "M32.14"
    assert normalise_code("M3214") == "M32.14"
    assert normalise_code("M30-M36") == "M30-M36"
    assert normalise_code("lupus") is None
    assert normalise_code("MS") is None


def test_unknown_and_empty_text_find_nothing():
    assert conditions.lookup("") == []
    assert conditions.lookup("zzzz not a condition") == []
    assert conditions.search("   ") == []
    assert conditions.search("lupus", limit=0) == []


def test_search_respects_the_limit_and_ranks_label_prefixes_before_word_matches():
    found = conditions.search("sclerosis", limit=5)
    assert len(found) == 5
    assert conditions.search("sclerosis", limit=200)[-1].id != found[0].id
    assert ids(conditions.search("Systemic scl"))[0] == "systemic_sclerosis"


def test_every_matcher_term_looks_up_its_concept():
    vocab = conditions.vocabulary()
    for term, concept_id, _case_sensitive in vocab.terms():
        assert concept_id in ids(vocab.lookup(term)), (term, concept_id)


def test_icd10_titles_ship_with_the_vocabulary():
    assert "lupus" in conditions.vocabulary().icd10_title("M32").casefold()
    assert conditions.vocabulary().icd10_title("Z99.99") is None


def test_groups_do_not_reach_where_exclusions_would_misfire():
    # Myositis is a muscle (neuromuscular) disease but not a "neurological disease"; Raynaud's is not a
    # "cardiovascular disease"; methotrexate-associated LPD counts as a malignancy (conservative).
    assert conditions.covers("neuromuscular_disease", "dermatomyositis")
    assert not conditions.covers("neurological_disease", "dermatomyositis")
    assert conditions.covers("neurological_disease", "myasthenia_gravis")
    assert not conditions.covers("cardiovascular_disease", "raynaud_phenomenon")
    assert conditions.covers("malignancy", "mtx_lpd")
    assert not conditions.covers("malignancy", "mgus")


def test_abbreviations_that_are_common_words_or_units_are_not_matcher_terms():
    matcher_abbreviations = {term for term, _, case_sensitive in conditions.terms() if case_sensitive}
    for word in ("MG", "ICH", "TEN", "ALL", "IE", "DR", "PID", "ARF", "CAM"):
        assert word not in matcher_abbreviations, word
    assert ids(conditions.lookup("MG")) == ["myasthenia_gravis"]  # data entry still finds it


def test_ambiguous_terms_offer_their_readings_in_curated_order():
    assert ids(conditions.search("arthritis"))[:2] == ["arthritis", "rheumatoid_arthritis"]
    expected = ["idiopathic_inflammatory_myopathy", "dermatomyositis", "polymyositis"]
    assert ids(conditions.search("myositis"))[:3] == expected
    assert ids(conditions.search("リウマチ"))[:2] == ["rheumatic_disease", "rheumatoid_arthritis"]
    assert ids(conditions.search("DM"))[:2] == ["dermatomyositis", "diabetes_mellitus"]


def test_roots_are_the_top_groups_and_everything_descends_from_one():
    vocab = conditions.vocabulary()
    roots = set(vocab.roots())
    assert {"rheumatic_disease", "neoplasm", "infection", "cardiovascular_disease", "neurological_disease"} <= roots
    for concept in vocab.all():
        assert concept.id in roots or roots & set(vocab.ancestors(concept.id)), concept.id


def test_every_label_finds_its_own_concept_first():
    vocab = conditions.vocabulary()
    for concept in vocab.all():
        assert ids(vocab.lookup(concept.label)) == [concept.id], concept.label
        assert vocab.search(concept.label, limit=3)[0].id == concept.id, concept.label
        for code in concept.icd10:
            assert concept.id in ids(vocab.lookup(code)), (concept.id, code)


def test_hiv_stages_named_by_criteria_are_concepts_under_hiv_infection():
    # "AIDS-related complex (ARC)" and "AIDS dementia complex" recur in HIV trials' criteria
    assert ids(conditions.lookup("AIDS related complex")) == ["symptomatic_hiv_infection"]
    assert ids(conditions.lookup("AIDS dementia complex")) == ["hiv_associated_dementia"]
    assert conditions.is_a("symptomatic_hiv_infection", "hiv_infection")
    assert conditions.is_a("hiv_associated_dementia", "hiv_infection")
    assert conditions.is_a("hiv_associated_dementia", "dementia")
    assert "B20" in conditions.get("symptomatic_hiv_infection").icd10


def test_distant_and_cns_metastases_as_criteria_write_them():
    # "No distant metastases" (54 dev-side items) must not read as any metastasis: regional nodes (C77) are not distant
    assert ids(conditions.lookup("distant metastases")) == ["distant_metastases"]
    assert "C77" not in conditions.get("distant_metastases").icd10
    assert conditions.is_a("distant_metastases", "metastatic_disease")
    assert conditions.is_a("brain_metastases", "distant_metastases")
    for name in ("CNS metastasis", "central nervous system metastases"):  # brain, meninges, spine: broader
        assert ids(conditions.lookup(name)) == ["cns_metastases"]
    assert conditions.is_a("brain_metastases", "cns_metastases")


def test_leptomeningeal_metastases_and_generalized_anxiety_are_their_own_concepts():
    # "carcinomatous meningitis" (88 dev-side items name it) is a distant metastasis, not a meningitis
    assert ids(conditions.lookup("carcinomatous meningitis")) == ["leptomeningeal_metastases"]
    assert conditions.is_a("leptomeningeal_metastases", "distant_metastases")
    # an inclusion requiring generalized anxiety disorder must not accept any anxiety disorder
    assert ids(conditions.lookup("generalized anxiety disorder")) == ["generalized_anxiety_disorder"]
    assert conditions.is_a("generalized_anxiety_disorder", "anxiety_disorder")


def test_criteria_names_added_this_round_resolve():
    assert ids(conditions.lookup("CNS infection")) == ["cns_infection"]
    assert conditions.is_a("meningitis", "cns_infection")  # a history of CNS infection covers meningitis
    assert ids(conditions.lookup("portal vein thrombosis")) == ["portal_vein_thrombosis"]
    assert conditions.is_a("portal_vein_thrombosis", "venous_thromboembolism")
    assert ids(conditions.lookup("Eaton-Lambert disease")) == ["lambert_eaton_syndrome"]


def test_metabolic_bone_disease_is_not_every_bone_disease():
    # "Metabolic bone disease" in an exclusion must not exclude osteomyelitis or osteonecrosis
    assert ids(conditions.lookup("metabolic bone disease")) == ["metabolic_bone_disease"]
    assert conditions.covers("metabolic_bone_disease", "osteoporosis")
    assert not conditions.covers("metabolic_bone_disease", "osteomyelitis")
    assert conditions.is_a("metabolic_bone_disease", "bone_disease")
    assert ids(conditions.lookup("immunodeficiency disease")) == ["immunodeficiency"]


def test_chronic_otitis_media_is_narrower_than_any_otitis_media():
    # "Have chronic otitis media" must not exclude everyone who once had an ear infection
    assert ids(conditions.lookup("chronic otitis media")) == ["chronic_otitis_media"]
    assert conditions.is_a("chronic_otitis_media", "otitis_media")


def test_respiratory_skin_and_asthma_names_criteria_write_resolve():
    # issue 16 (h-cond7): "lower respiratory tract infection within 4 weeks", "history of near fatal asthma"
    assert ids(conditions.lookup("lower respiratory tract infection")) == ["lower_respiratory_tract_infection"]
    assert conditions.is_a("pneumonia", "lower_respiratory_tract_infection")  # a pneumonia is one
    assert conditions.is_a("upper_respiratory_tract_infection", "respiratory_tract_infection")
    assert not conditions.covers("lower_respiratory_tract_infection", "upper_respiratory_tract_infection")
    assert conditions.is_a("cellulitis", "skin_infection") and conditions.is_a("skin_infection", "infection")
    assert ids(conditions.lookup("near-fatal asthma")) == ["near_fatal_asthma"]
    assert conditions.is_a("near_fatal_asthma", "asthma") and not conditions.covers("near_fatal_asthma", "asthma")
    assert conditions.is_a("interstitial_lung_disease", "restrictive_lung_disease")  # ILD restricts the lung
    assert not conditions.covers("restrictive_lung_disease", "copd")  # an obstructive disease is not
    assert ids(conditions.lookup("collagen vascular disorders")) == ["connective_tissue_disease"]
