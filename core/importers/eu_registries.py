"""Importers for European registry records as JSON documents: EUCTR, CTIS and ISRCTN.

The layouts are those ctrdata stores (one JSON document per trial, ``"ctrname"`` naming the
registry), which keep each registry's own field names:

* **EUCTR** (EU Clinical Trials Register, one record per member state): flat protocol
  fields ``a2_eudract_number``, ``e3_principal_inclusion_criteria``, ``f11_…`` age-group
  flags, ``b1_sponsor[]``, ``dimp[]``; results (``trialInformation``) when posted.
* **CTIS** (EU Clinical Trials Information System): the public record with
  ``authorizedPartI.trialDetails`` (titles, criteria as numbered lists, objectives,
  durations), ``authorizedPartsII[].trialSites`` and the overview fields (``ctStatus``,
  ``ageGroup``, ``gender``).
* **ISRCTN**: ``trialDescription``, ``participants`` (``inclusion`` / ``exclusion``,
  ``trialCentres``), ``externalRefs``.

EU registries state age *groups*, not limits; the limits are taken from the youngest and
oldest group ticked, and ``age_text`` says so. Wording registries ran together ("… • a • b",
"1. x 2. y") is put back on separate lines before the criteria are split.
"""

from __future__ import annotations

from typing import Any

from core.i18n import N_
from core.importers.ctis import parse_ctis
from core.importers.eu_common import CTIS_FORMAT, EUCTR_FORMAT, ISRCTN_FORMAT
from core.importers.euctr import parse_euctr
from core.importers.isrctn import parse_isrctn
from core.importers.text import ImportFormatError, load_json
from core.trial_record import TrialRecord

__all__ = ["CTIS_FORMAT", "EUCTR_FORMAT", "ISRCTN_FORMAT", "parse", "parse_ctis", "parse_euctr", "parse_isrctn",
           "parse_json", "sniff_ctis", "sniff_euctr", "sniff_isrctn", "sniff_json"]


def sniff_euctr(obj: Any) -> bool:
    return isinstance(obj, dict) and (obj.get("ctrname") == "EUCTR" or "a2_eudract_number" in obj)


def sniff_ctis(obj: Any) -> bool:
    return isinstance(obj, dict) and (obj.get("ctrname") == "CTIS" or (
        "ctNumber" in obj and ("authorizedPartI" in obj or "ctStatus" in obj)))


def sniff_isrctn(obj: Any) -> bool:
    return isinstance(obj, dict) and (obj.get("ctrname") == "ISRCTN" or (
        "isrctn" in obj and isinstance(obj.get("trialDescription"), dict)))


def sniff_json(obj: Any) -> bool:
    return sniff_euctr(obj) or sniff_ctis(obj) or sniff_isrctn(obj)


def parse(text: str, source_file: str | None = None) -> list[TrialRecord]:
    return parse_json(load_json(text), source_file)


def parse_json(obj: Any, source_file: str | None = None) -> list[TrialRecord]:
    if sniff_euctr(obj):
        return [parse_euctr(obj, source_file)]
    if sniff_ctis(obj):
        return [parse_ctis(obj, source_file)]
    if sniff_isrctn(obj):
        return [parse_isrctn(obj, source_file)]
    raise ImportFormatError(N_("not an EUCTR, CTIS or ISRCTN record"))

