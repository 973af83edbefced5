"""Clinical scores: DAS28-ESR, DAS28-CRP, CDAI, ACR/EULAR 2010 RA score, EULAR D2T RA.

Calculators take plain numbers and return None when an input is missing, so a missing
input never turns into a made-up score.
"""

from __future__ import annotations

import math

from core.patient.kleene import kleene_and, kleene_or
from core.patient.profile import RA_2010_ITEMS
from core.patient.values import Range, bounded

ACR_EULAR_2010_THRESHOLD = 6


def das28_esr(tender_28: float | None, swollen_28: float | None, esr_mm_h: float | None,
              patient_global_mm: float | None) -> float | None:
    """DAS28-ESR = 0.56·√TJC28 + 0.28·√SJC28 + 0.70·ln(ESR) + 0.014·GH (GH on a 0-100 mm VAS)."""
    if None in (tender_28, swollen_28, esr_mm_h, patient_global_mm):
        return None
    esr = max(esr_mm_h, 1.0)  # ln(0) is undefined; ESR below 1 mm/h is reported as 1
    return (0.56 * math.sqrt(tender_28) + 0.28 * math.sqrt(swollen_28) + 0.70 * math.log(esr)
            + 0.014 * patient_global_mm)


def das28_crp(tender_28: float | None, swollen_28: float | None, crp_mg_l: float | None,
              patient_global_mm: float | None) -> float | None:
    """DAS28-CRP = 0.56·√TJC28 + 0.28·√SJC28 + 0.36·ln(CRP mg/L + 1) + 0.014·GH + 0.96."""
    if None in (tender_28, swollen_28, crp_mg_l, patient_global_mm):
        return None
    return (0.56 * math.sqrt(tender_28) + 0.28 * math.sqrt(swollen_28) + 0.36 * math.log(crp_mg_l + 1)
            + 0.014 * patient_global_mm + 0.96)


def cdai(tender_28: float | None, swollen_28: float | None, patient_global_mm: float | None,
         evaluator_global_mm: float | None) -> float | None:
    """CDAI = TJC28 + SJC28 + patient global (0-10) + evaluator global (0-10)."""
    if None in (tender_28, swollen_28, patient_global_mm, evaluator_global_mm):
        return None
    return tender_28 + swollen_28 + patient_global_mm / 10 + evaluator_global_mm / 10


def acr_eular_2010_score(items: dict[str, str]) -> float | Range | None:
    """The 0-10 score from the four item categories; a Range when some are missing.

    Missing categories could add anything from 0 to their maximum, so the result is the
    range of scores still possible; None when no item is known at all.
    """
    if not items:
        return None
    low = high = 0
    for category, points in RA_2010_ITEMS.items():
        choice = items.get(category)
        if choice is None:
            high += max(points.values())
        else:
            low += points[choice]
            high += points[choice]
    return bounded(low, high)


def acr_eular_2010_classifies(score: float | Range | None) -> bool | None:
    """True at 6 or more of 10, False when 6 can no longer be reached, else None."""
    if score is None:
        return None
    low, high = (score.low, score.high) if isinstance(score, Range) else (score, score)
    if low >= ACR_EULAR_2010_THRESHOLD:
        return True
    if high < ACR_EULAR_2010_THRESHOLD:
        return False
    return None


def _above(value: float | Range | None, threshold: float) -> bool | None:
    """Three-valued value > threshold."""
    if value is None:
        return None
    low, high = (value.low, value.high) if isinstance(value, Range) else (value, value)
    if low > threshold:
        return True
    if high <= threshold:
        return False
    return None


def _at_least(value: float | Range | None, threshold: float) -> bool | None:
    if value is None:
        return None
    low, high = (value.low, value.high) if isinstance(value, Range) else (value, value)
    if low >= threshold:
        return True
    if high < threshold:
        return False
    return None


def dtt_ra_treatment_failure(failed_btsdmard_mechanisms: float | Range | None,
                             failed_csdmard_count: float | Range | None,
                             csdmard_contraindicated: bool | None) -> bool | None:
    """EULAR D2T criterion 1: >= 2 failed b/tsDMARD mechanisms after csDMARD failure (unless contraindicated)."""
    after_csdmard = kleene_or([_at_least(failed_csdmard_count, 1), csdmard_contraindicated])
    return kleene_and([_at_least(failed_btsdmard_mechanisms, 2), after_csdmard])


def dtt_ra_active_disease(das28_esr_value: float | Range | None, cdai_value: float | Range | None,
                          gc_taper_failed: bool | None, other_signs: bool | None) -> bool | None:
    """EULAR D2T criterion 2: at least one sign of active or progressive disease.

    DAS28-ESR > 3.2 or CDAI > 10, inability to taper glucocorticoids below 7.5 mg/day
    prednisone, or other signs (active joint disease, rapid radiographic progression,
    RA symptoms reducing quality of life despite good control).
    """
    return kleene_or([_above(das28_esr_value, 3.2), _above(cdai_value, 10), gc_taper_failed, other_signs])


def dtt_ra(treatment_failure: bool | None, active_disease: bool | None,
           management_problematic: bool | None) -> bool | None:
    """EULAR difficult-to-treat RA (Nagy et al. 2021): all three criteria."""
    return kleene_and([treatment_failure, active_disease, management_problematic])
