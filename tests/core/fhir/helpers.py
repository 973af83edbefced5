"""Shared helpers for the FHIR tests: the example bundles and small bundles built in code."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

BUNDLES = Path(__file__).parent / "bundles"


def load(name: str) -> dict[str, Any]:
    return json.loads((BUNDLES / f"{name}.json").read_text(encoding="utf-8"))


def bundle_with(*resources: dict[str, Any], patient: dict[str, Any] | None = None) -> dict[str, Any]:
    """A collection Bundle of one patient (Patient/p1, female, born 1970) and ``resources``."""
    patient = patient or {"resourceType": "Patient", "id": "p1", "identifier": [{"value": "T-1"}],
                          "gender": "female", "birthDate": "1970-01-01"}
    return {"resourceType": "Bundle", "type": "collection",
            "entry": [{"resource": copy.deepcopy(r)} for r in (patient, *resources)]}


def observation(rid: str, loinc: str, value: float, unit: str, code: str | None = None, **extra: Any) -> dict:
    quantity = {"value": value, "unit": unit, **({"system": "http://unitsofmeasure.org", "code": code} if code else {})}
    return {"resourceType": "Observation", "id": rid, "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": loinc}]},
            "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2026-11-01",
            "valueQuantity": quantity, **extra}


def write(tmp_path: Path, data: Any, name: str = "bundle.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path
