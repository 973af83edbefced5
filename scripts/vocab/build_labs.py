"""Build resources/vocab/labs.json from scripts/vocab/sources/labs.json.

    /work/main/.venv/bin/python scripts/vocab/build_labs.py [--check]

The source holds what a person curates (names, typical limits, the units an analyte is met
in); this script adds what follows mechanically, so it is never typed twice:
  * unit families (enzyme activity, cell counts, protein mass concentrations ...);
  * molar conversions from the molar mass (mg/dL, mg/L, mmol/L, µmol/L; mEq/L from the
    valence), rounded to 4 significant figures as clinical conversion tables print them
    (creatinine 88.4, bilirubin 17.1);
  * ratio-to-creatinine units (mg/mmol, mg/g, g/g, mg/mg) from creatinine's molar mass;
  * spelling variants of every unit ("µ" as "u" and "μ", "10^9" as "×10⁹" and "x10^9",
    "mm3" as "mm³", "dL" as "dl"), checked to agree after ``normalise_unit``;
  * defaults (qualitative results by kind) and validation (ids, parents, LOINC check digits,
    limits inside the plausible range).
The output is deterministic: analytes sorted by id, keys sorted, indent 1, UTF-8.
``--check`` only reports whether the built file is up to date (exit 1 when not).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # vocab_output beside this script

from vocab_output import check_or_write, render  # noqa: E402

from core.vocab.labs import KINDS  # noqa: E402
from core.vocab.text import normalise  # noqa: E402
from core.vocab.units import normalise_unit  # noqa: E402

SOURCE = ROOT / "scripts" / "vocab" / "sources" / "labs.json"
GAPS = SOURCE.with_name("labs_gaps.json")
OUTPUT = ROOT / "resources" / "vocab" / "labs.json"
CREATININE_MOLAR_MASS = 113.12

# family -> (canonical unit, {unit: factor to canonical}); the first units are offered for entry.
FAMILIES: dict[str, tuple[str, dict[str, float]]] = {
    "enzyme": ("U/L", {"U/L": 1, "IU/L": 1, "µkat/L": 60, "nkat/L": 0.06}),
    "count": ("10^9/L", {
        "10^9/L": 1, "/µL": 0.001, "/mm3": 0.001, "10^3/µL": 1, "G/L": 1, "10^4/µL": 10, "10^2/µL": 0.1,
        "cells/µL": 0.001, "cells/mm3": 0.001, "/nL": 1, "K/µL": 1, "10^3/mm3": 1, "10^6/L": 0.001,
        "万/µL": 10, "万/mm3": 10, "千/µL": 1,  # Japanese reports write platelets as 15.0万/µL
    }),
    "cells": ("cells/µL", {"cells/µL": 1, "/µL": 1, "/mm3": 1, "cells/mm3": 1, "10^6/L": 1, "10^9/L": 1000,
                           "G/L": 1000}),
    "g_l": ("g/L", {"g/L": 1, "g/dL": 10, "mg/dL": 0.01, "mg/L": 0.001}),
    "mg_l": ("mg/L", {"mg/L": 1, "mg/dL": 10, "µg/mL": 1, "g/L": 1000}),
    "ug_l": ("µg/L", {"µg/L": 1, "ng/mL": 1, "mg/L": 1000}),
    "ng_l": ("ng/L", {"ng/L": 1, "pg/mL": 1, "µg/L": 1000, "ng/mL": 1000}),
    "u_ml": ("U/mL", {"U/mL": 1, "kU/L": 1}),
    "seconds": ("s", {"s": 1, "sec": 1}),
}
DEFAULT_QUALITATIVE = {
    "autoantibody": ["positive", "negative", "borderline"],
    "serology-infection": ["positive", "negative"],
    "chemistry": ["normal", "abnormal", "high", "low"],
    "haematology": ["normal", "abnormal", "high", "low"],
    "immunology": ["normal", "abnormal", "high", "low"],
    "coagulation": ["normal", "abnormal", "high", "low"],
    "urine": ["normal", "abnormal"],
    "physiology": ["normal", "abnormal", "high", "low"],
    "histology": ["positive", "negative"],
}
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_LOINC = re.compile(r"^(\d{1,7})-(\d)$")
_SUPER = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def round_sig(x: float, digits: int = 4) -> float:
    """``x`` to ``digits`` significant figures, as a clean float."""
    return float(f"{x:.{digits}g}")


def loinc_check_digit(body: str) -> int:
    """LOINC's mod-10 check digit: double every other digit from the right, sum the digits."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d // 10 + d % 10
    return (10 - total % 10) % 10


def valid_loinc(code: str) -> bool:
    match = _LOINC.match(code)
    return bool(match) and loinc_check_digit(match.group(1)) == int(match.group(2))


def molar_units(canonical: str, molar_mass: float, valence: int | None) -> dict[str, float]:
    """Factors to ``canonical`` for the usual mass and substance concentrations of one molecule."""
    in_umol = {"µmol/L": 1.0, "mmol/L": 1000.0, "mg/dL": 10000.0 / molar_mass, "mg/L": 1000.0 / molar_mass}
    if valence:
        in_umol["mEq/L"] = 1000.0 / valence
    if canonical not in in_umol:
        raise ValueError(f"molar canonical unit must be one of {sorted(in_umol)}, not {canonical!r}")
    return {unit: round_sig(v / in_umol[canonical]) for unit, v in in_umol.items()}


def creatinine_ratio_units(canonical: str) -> dict[str, float]:
    """Protein (or albumin) per creatinine: mg/mmol, mg/g, g/g and their written forms."""
    per_g = CREATININE_MOLAR_MASS / 1000  # 1 mg per g of creatinine, in mg per mmol
    in_mg_mmol = {"mg/mmol": 1.0, "g/mmol": 1000.0, "mg/g": per_g, "mg/gCr": per_g,
                  "g/g": CREATININE_MOLAR_MASS, "mg/mg": CREATININE_MOLAR_MASS, "g/gCr": CREATININE_MOLAR_MASS}
    return {unit: round_sig(v / in_mg_mmol[canonical]) for unit, v in in_mg_mmol.items()}


def spellings(unit: str) -> list[str]:
    """The ways a unit is commonly written, the unit itself first."""
    out = [unit]
    if "µ" in unit:
        out += [unit.replace("µ", "u"), unit.replace("µ", "μ")]
        if "µg" in unit:
            out.append(unit.replace("µg", "mcg"))
    power = re.match(r"^10\^(-?\d+)(.*)$", unit)
    if power:
        exp, rest = power.groups()
        sup = exp.translate(_SUPER)
        out += [f"x10^{exp}{rest}", f"×10^{exp}{rest}", f"10{sup}{rest}", f"×10{sup}{rest}", f"x 10^{exp}{rest}"]
    if "mm3" in unit:
        out.append(unit.replace("mm3", "mm³"))
    if "dL" in unit:
        out.append(unit.replace("dL", "dl"))
    if "1.73m²" in unit:
        out.append(unit.replace("1.73m²", "1.73 m2"))
    return list(dict.fromkeys(out))


def build_analyte(src: dict[str, Any]) -> dict[str, Any]:
    """The output record of one analyte; raises ValueError on anything inconsistent."""
    aid = src["id"]
    if not _ID.match(aid):
        raise ValueError(f"{aid!r} is not a snake_case ASCII id")
    if src["kind"] not in KINDS:
        raise ValueError(f"{aid}: kind {src['kind']!r} is not one of {KINDS}")
    base: dict[str, float] = {}
    canonical = src.get("canonical_unit")
    if "family" in src:
        canonical, family_units = FAMILIES[src["family"]]
        base.update(family_units)
    if "molar_mass" in src:
        base.update(molar_units(canonical, src["molar_mass"], src.get("valence")))
    if src.get("creatinine_ratio"):
        base.update(creatinine_ratio_units(canonical))
    log10_units: list[str] = []
    for unit, factor in src.get("units", {}).items():
        if factor == "log10":
            log10_units.append(unit)
        else:
            base[unit] = float(factor)
    affine = {u: [float(a), float(b)] for u, (a, b) in src.get("affine_units", {}).items()}
    if src.get("group") and any(k in src for k in ("family", "canonical_unit", "units", "reference", "plausible")):
        raise ValueError(f"{aid}: a group names several analytes and has no unit, limits or range of its own")
    out: dict[str, Any] = {
        "id": aid, "label": src["label"], "kind": src["kind"],
        "synonyms": _name_variants(src), "abbreviations": src.get("abbreviations", []),
        "zh": src.get("zh", []), "ja": src.get("ja", []), "loinc": src.get("loinc", []),
        "parents": src.get("parents", []), "group": bool(src.get("group", False)),
        "titre": bool(src.get("titre", False)),
        "qualitative": src.get("qualitative", DEFAULT_QUALITATIVE[src["kind"]]),
    }
    for code in out["loinc"]:
        if not valid_loinc(code):
            raise ValueError(f"{aid}: LOINC code {code!r} fails its check digit")
    if canonical:
        if base.get(canonical) != 1:
            raise ValueError(f"{aid}: the canonical unit {canonical!r} must convert with factor 1")
        units: dict[str, float] = {}
        seen: dict[str, float] = {}
        for unit, factor in base.items():
            if factor <= 0:
                raise ValueError(f"{aid}: unit {unit!r} has a non-positive factor")
            for spelling in spellings(unit):
                key = normalise_unit(spelling).casefold()  # the loader falls back to a case-blind match
                if key in seen and seen[key] != factor:
                    raise ValueError(f"{aid}: {spelling!r} reads as {key!r}, already used with another factor")
                seen[key] = factor
                units.setdefault(spelling, factor)
        for unit in [*affine, *log10_units]:
            if normalise_unit(unit).casefold() in seen:
                raise ValueError(f"{aid}: {unit!r} is both a factor unit and a special unit")
        out.update({
            "canonical_unit": canonical, "units": units,
            "entry_units": src.get("entry_units") or _entry_units(canonical, [*base, *affine, *log10_units]),
        })
        if affine:
            out["affine_units"] = affine
        if log10_units:
            out["log10_units"] = [s for u in log10_units for s in (u, u.replace("log ", "log10 "))]
    if "plausible" in src:
        out["plausible"] = src["plausible"]
    if "fact" in src:
        out["fact"] = src["fact"]
    if "reference" in src:
        out["reference"] = _reference(aid, src["reference"], src.get("plausible"))
    return out


def _name_variants(src: dict[str, Any]) -> list[str]:
    """The curated synonyms, plus "... antibody"/"... antibodies" for an antibody's bare "anti X" names.

    Criteria write "anti-PL-7", "anti-PL-7 antibody" and "anti-PL-7 antibodies" alike;
    curating all three by hand for 30 antibodies is how one gets forgotten.
    """
    names = list(src.get("synonyms", []))
    if src["kind"] == "autoantibody":
        for name in list(names):
            if name.startswith("anti") and "antibod" not in name:
                names += [f"{name} antibody", f"{name} antibodies"]
    seen: set[str] = set()
    out = []
    for name in names:
        if normalise(name) not in seen:
            seen.add(normalise(name))
            out.append(name)
    return out


def _entry_units(canonical: str, units: list[str]) -> list[str]:
    """The units a data-entry chooser offers: canonical first, then up to five more in source order."""
    return [canonical, *[u for u in units if u != canonical][:5]]


def _reference(aid: str, ref: dict[str, Any], plausible: list[float] | None) -> dict[str, Any]:
    out = dict(ref)
    if ref.get("assay_specific"):
        return out
    out["typical"] = True  # typical adult limits: the patient's own laboratory limits win
    for limits in [ref, *(ref[s] for s in ("female", "male") if s in ref)]:
        lln, uln = limits.get("lln"), limits.get("uln")
        if lln is not None and uln is not None and lln >= uln:
            raise ValueError(f"{aid}: LLN {lln} is not below ULN {uln}")
        for value in (lln, uln):
            if value is not None and plausible and not plausible[0] <= value <= plausible[1]:
                raise ValueError(f"{aid}: limit {value} lies outside the plausible range {plausible}")
    return out


def _with_gaps(source: dict[str, Any]) -> dict[str, Any]:
    """The source plus ``labs_gaps.json`` (issue 15 gap-filling, kept apart so labs.json stays as it was):
    its analytes are appended, its ``extend`` adds synonyms, abbreviations and parents to existing ones."""
    if not GAPS.exists():
        return source
    gaps = json.loads(GAPS.read_text(encoding="utf-8"))
    by_id = {a["id"]: a for a in source["analytes"]}
    for aid, extra in gaps.get("extend", {}).items():
        if aid not in by_id:
            raise ValueError(f"labs_gaps.json extends unknown analyte {aid!r}")
        for key, values in extra.items():
            by_id[aid][key] = list(dict.fromkeys([*by_id[aid].get(key, []), *values]))
    return {**source, "analytes": [*source["analytes"], *gaps.get("analytes", [])]}


def build() -> dict[str, Any]:
    source = _with_gaps(json.loads(SOURCE.read_text(encoding="utf-8")))
    analytes = [build_analyte(a) for a in source["analytes"]]
    ids = [a["id"] for a in analytes]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate analyte ids")
    for a in analytes:
        for parent in a["parents"]:
            if parent not in ids:
                raise ValueError(f"{a['id']}: parent {parent!r} does not exist")
    excluded = source.get("excluded_abbreviations", {})
    for a in analytes:
        for abbreviation in a["abbreviations"]:
            if abbreviation in excluded:
                raise ValueError(f"{a['id']}: {abbreviation!r} is listed as excluded")
    return {
        "about": "Laboratory analytes: built by scripts/vocab/build_labs.py from scripts/vocab/sources/labs.json "
                 "(docs/vocab-labs.md). Reference limits are typical adult values; the patient's own "
                 "laboratory limits win.",
        "ambiguous": source.get("ambiguous", {}),
        "excluded_abbreviations": excluded,
        "analytes": sorted(analytes, key=lambda a: a["id"]),
    }




def main(argv: list[str]) -> int:
    code, written = check_or_write(render(build()), OUTPUT, "--check" in argv, f"run {Path(__file__).name}")
    if written:
        print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
