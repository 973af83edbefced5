"""The EUCTR importer (EU Clinical Trials Register, one record per member state): flat
protocol fields ``a2_eudract_number``, ``e3_principal_inclusion_criteria``, ``f11_…`` age-group
flags, ``b1_sponsor[]``, ``dimp[]``; results (``trialInformation``) when posted."""

from __future__ import annotations

import re
from typing import Any

from core.catalog import status as st
from core.i18n import N_
from core.importers.eu_common import EUCTR_FORMAT, _criteria, _ids, _limits, _retrieved
from core.importers.text import (
    ImportFormatError,
    as_list,
    dedupe,
    dig,
    parse_int,
    parse_yes_no,
    registry_date,
    text_of,
)
from core.trial_record import Contact, TrialRecord

# Age groups the EU forms use, as (lower, upper) limits in years (None: no upper limit).
_EUCTR_AGE_FLAGS = [
    ("f111_in_utero", "In utero", 0.0, 0.0),
    ("f112_preterm_newborn_infants_up_to_gestational_age__37_weeks", "Preterm newborn infants", 0.0, 27 / 365.25),
    ("f113_newborns_027_days", "Newborns (0-27 days)", 0.0, 27 / 365.25),
    ("f114_infants_and_toddlers_28_days23_months", "Infants and toddlers (28 days-23 months)", 28 / 365.25, 23 / 12),
    ("f115_children_211years", "Children (2-11 years)", 2.0, 11.0),
    ("f116_adolescents_1217_years", "Adolescents (12-17 years)", 12.0, 17.0),
    ("f12_adults_1864_years", "Adults (18-64 years)", 18.0, 64.0),
    ("f13_elderly_65_years", "Elderly (65 years and over)", 65.0, None),
]


_EUCTR_STATUS = {
    "completed": st.COMPLETED,
    "prematurely ended": st.TERMINATED,
    "temporarily halted": st.SUSPENDED,
    "not authorised": st.WITHDRAWN,
    "prohibited by ca": st.WITHDRAWN,
}


def parse_euctr(obj: dict[str, Any], source_file: str | None = None) -> TrialRecord:
    eudract = text_of(obj.get("a2_eudract_number")) or text_of(obj.get("eudractNumber"))
    if not eudract or not re.fullmatch(r"\d{4}-\d{6}-\d{2}", eudract):
        raise ImportFormatError(N_("the EUCTR record has no valid EudraCT number ({field})"), field="a2_eudract_number")
    extra: dict[str, str] = {}
    ids = _ids([eudract, dig(obj, "trialInformation", "usctnIdentifier"),
                dig(obj, "trialInformation", "isrctnIdentifier")])
    for key, label in (("a1_member_state_concerned", "Member state concerned"),
                       ("a41_sponsors_protocol_code_number", "Sponsor's protocol code"),
                       ("x4_clinical_trial_type", "Clinical trial type"),
                       ("e112_therapeutic_area", "Therapeutic area"),
                       ("n_competent_authority_decision", "Competent authority decision"),
                       ("n_date_of_competent_authority_decision", "Competent authority decision date"),
                       ("n_ethics_committee_opinion_of_the_trial_application", "Ethics committee opinion"),
                       ("e23_trial_contains_a_substudy", "Contains a sub-study")):
        value = text_of(obj.get(key))
        if value:
            extra[label] = value

    raw_status = text_of(obj.get("p_end_of_trial_status")) or text_of(obj.get("x5_trial_status"))
    status = None
    if raw_status:
        extra["Trial status (EUCTR)"] = raw_status
        status = _EUCTR_STATUS.get(raw_status.casefold())

    sponsors = [s for s in as_list(obj.get("b1_sponsor")) if isinstance(s, dict)]
    sponsor_names = [text_of(s.get("b11_name_of_sponsor")) for s in sponsors]
    funders = [text_of(dig(f, "b41_name_of_organisation_providing_support"))
               for s in sponsors for f in as_list(s.get("b4_sources_of_monetary_or_material_support"))]
    sponsor = next((n for n in sponsor_names if n), None) or text_of(obj.get("sponsor"))
    collaborators = [n for n in dedupe(sponsor_names[1:] + funders)
                     if not sponsor or n.casefold().rstrip(".") != sponsor.casefold().rstrip(".")]
    contacts = []
    for s in sponsors:
        address = ", ".join(x for x in (text_of(s.get("b531_street_address")), text_of(s.get("b532_town_city")),
                                        text_of(s.get("b533_post_code")), text_of(s.get("b534_country"))) if x)
        organisation = text_of(s.get("b51_name_of_organisation")) or text_of(s.get("b11_name_of_sponsor"))
        contact = Contact(name=text_of(s.get("b52_functional_name_of_contact_point")), role="Sponsor contact point",
                          affiliation=organisation,
                          email=text_of(s.get("b56_email")), phone=text_of(s.get("b54_telephone_number")),
                          address=address or None)
        if contact.name or contact.email or contact.phone:
            contacts.append(contact)

    interventions = []
    for d in as_list(obj.get("dimp")):
        if not isinstance(d, dict):
            continue
        interventions.append(text_of(d.get("d31_product_name")) or text_of(d.get("d2111_trade_name")))
        for sub in as_list(d.get("d38_imp_identification_details")):
            interventions.append(text_of(dig(sub, "d38_inn__proposed_inn")))

    phases = [label for key, label in (("e71_human_pharmacology_phase_i", "Phase 1"),
                                       ("e72_therapeutic_exploratory_phase_ii", "Phase 2"),
                                       ("e73_therapeutic_confirmatory_phase_iii", "Phase 3"),
                                       ("e74_therapeutic_use_phase_iv", "Phase 4"))
              if parse_yes_no(text_of(obj.get(key)))]

    groups = [(label, lo, hi) for key, label, lo, hi in _EUCTR_AGE_FLAGS if parse_yes_no(text_of(obj.get(key)))]
    min_age, max_age, age_text = _limits(groups)
    female = parse_yes_no(text_of(obj.get("f21_female")))
    male = parse_yes_no(text_of(obj.get("f22_male")))
    sex = "all" if female and male else "female" if female else "male" if male else None

    conditions = dedupe([text_of(obj.get("e11_medical_conditions_being_investigated")),
                         text_of(obj.get("e111_medical_condition_in_easily_understood_language"))])
    secondary = text_of(obj.get("e22_secondary_objectives_of_the_trial"))
    enrollment = None
    for key in ("f422_in_the_whole_clinical_trial", "f421_in_the_eea", "f41_in_the_member_state"):
        enrollment = parse_int(text_of(obj.get(key)))
        if enrollment is not None:
            extra["Enrollment counted"] = {"f422_in_the_whole_clinical_trial": "whole trial",
                                           "f421_in_the_eea": "in the EEA",
                                           "f41_in_the_member_state": "in the member state"}[key]
            break
    criteria, criteria_text = _criteria(text_of(obj.get("e3_principal_inclusion_criteria")),
                                        text_of(obj.get("e4_principal_exclusion_criteria")))
    start = registry_date(extra, "Recruitment start", text_of(dig(obj, "trialInformation", "recruitmentStartDate")))
    end = registry_date(extra, "Global end of trial", text_of(obj.get("p_date_of_the_global_end_of_the_trial")))
    title = text_of(obj.get("a3_full_title_of_the_trial")) or ""
    lay = text_of(obj.get("a31_title_of_the_trial_for_lay_people_in_easily_understood_ie_nontechnical_language"))
    return TrialRecord(
        title=title,
        registry_ids=ids,
        brief_title=lay if lay and lay != title else None,
        acronym=text_of(obj.get("a32_name_or_abbreviated_title_of_the_trial_where_available")),
        summary=text_of(obj.get("e21_main_objective_of_the_trial")),
        description=f"Secondary objectives: {secondary}" if secondary else None,
        conditions=conditions,
        interventions=dedupe(interventions),
        phase="/".join(phases) or None,
        status=status,
        start_date=start,
        end_date=end,
        end_date_kind="actual" if end else None,
        first_posted=registry_date(extra, "First entered", text_of(
            obj.get("x6_date_on_which_this_record_was_first_entered_in_the_eudract_database"))),
        enrollment=enrollment,
        sponsor=sponsor,
        collaborators=collaborators,
        contacts=contacts,
        min_age_years=min_age,
        max_age_years=max_age,
        age_text=age_text,
        sex=sex,
        healthy_volunteers=parse_yes_no(text_of(obj.get("f31_healthy_volunteers"))),
        criteria=criteria,
        criteria_text=criteria_text,
        source_format=EUCTR_FORMAT,
        source_file=source_file,
        source_url=f"https://www.clinicaltrialsregister.eu/ctr-search/search?query={eudract}",
        current_as_of=_retrieved(obj, extra),
        extra=extra,
    )


# ---------------------------------------------------------------- CTIS

