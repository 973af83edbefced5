"""Statement reader for laboratory thresholds: "<analytes> <comparator> <value> [<unit> | x ULN]".

What it reads (precision first; anything else gives no rule):

* one analyte or a list sharing one threshold ("AST, ALT, or GGT <= 10 x ULN", "transaminases
  (ALT, AST) > 3 x ULN"): in an exclusion any of them over the threshold excludes, in an inclusion
  each must meet it;
* absolute values with a unit the analyte's vocabulary knows (``core.vocab.units``), x ULN with or
  without a number ("<= ULN" is 1 x ULN), and "below the lower limit of normal" (``lab_below_lln``);
* a missing unit, only where the number fits one unit of the analyte (``_UNITLESS_BANDS``);
* sex-specific thresholds ("QTcF <= 450 ms in males or <= 470 ms in females");
* blood pressure written "140/90 mmHg" (systolic and diastolic);
* "bilirubin normal", "PT and PTT normal" (at most 1 x ULN, for analytes only high values make abnormal);
* a range with a unit ("CD4 count 200-500 cells/mm3"), "N unit or greater";
* positive / negative autoantibodies, read by ``lab_results``;
* a threshold restated in another unit ("1.1 mg/dL (20 micromoles/L)", checked to be the same value), and a looser
  threshold for liver metastases in brackets, read by ``lab_exceptions``.

The analytes' names ("SGOT/SGPT", "transaminases (ALT, AST)", "CD4+ cell count") are resolved by ``lab_names``.

Analytes the app knew before the vocabularies (``core.patient.facts.LABS``) keep their fixed
facts (``creatinine``, ``ast_x_uln``); every other analyte is a vocabulary fact (``lab:ggt``,
``lab_x_uln:ggt``, ``lab_below_lln:<id>``).
"""

from __future__ import annotations

from core.criteria.extract import descriptor_sides, lab_exceptions
from core.criteria.extract import rx as re
from core.criteria.extract.atom import _OPS, _Atom, _num, _strip_subject
from core.criteria.extract.lab_names import _lab_names
from core.criteria.extract.lab_results import _lab_result
from core.criteria.extract.normalise import _drop_acronyms
from core.criteria.extract.rule import _all, _any, _f
from core.patient.facts import LABS, REGISTRY
from core.vocab import labs as vocab_labs
from core.vocab import units as vocab_units

# A number with no unit is read only when it fits exactly one of the analyte's units, within the
# range criteria use for that unit (bilirubin 2.0 can only be mg/dL, 34 only µmol/L; a CRP of 10 is
# 10 mg/L or 10 mg/dL, so it is refused). Bands are in the written unit.
_UNITLESS_BANDS: dict[str, list[tuple[str, float, float]]] = {
    "bilirubin": [("mg/dL", 0.1, 9.9), ("umol/L", 10, 500)],
    "creatinine": [("mg/dL", 0.2, 9.9), ("umol/L", 20, 1500)],
    "hemoglobin": [("g/dL", 4, 20), ("g/L", 40, 200)],
    "albumin": [("g/dL", 1, 6), ("g/L", 10, 60)],
    "platelets": [("10^9/L", 10, 1500), ("/mm3", 5000, 1_500_000)],
    "wbc": [("10^9/L", 0.5, 50), ("/mm3", 500, 50_000)],
    "neutrophils": [("10^9/L", 0.1, 30), ("/mm3", 100, 30_000)],
    "lymphocytes": [("10^9/L", 0.1, 20), ("/mm3", 100, 20_000)],
    "ast": [("U/L", 10, 5000)], "alt": [("U/L", 10, 5000)], "ck": [("U/L", 10, 50_000)],
    "esr": [("mm/h", 1, 150)], "egfr": [("mL/min/1.73m2", 5, 200)], "creatinine_clearance": [("mL/min", 5, 200)],
    "qtc": [("ms", 300, 600)], "systolic_bp": [("mmHg", 60, 260)], "diastolic_bp": [("mmHg", 30, 160)],
}
# eGFR is always per 1.73 m², whether or not the criterion says so
_UNIT_ALIASES = {("egfr", "ml/min"): "mL/min/1.73m2"}
_UNIT = r"(x uln|uln|lln|[a-z%/][a-z0-9%/^.²³]*|x10\^\d+/[a-z]+)"


def _fact_for(lab: str, kind: str) -> str:
    """The fact id: the fixed fact when the app always had it, else the vocabulary fact."""
    spec = LABS.get(lab)
    if kind == "value":
        held_in = vocab_labs.get(lab).fact  # body weight is the fixed fact weight_kg
        return lab if spec is not None else held_in if held_in in REGISTRY else f"lab:{lab}"
    if kind == "x_uln":
        return f"{lab}_x_uln" if spec and spec.get("uln") else f"lab_x_uln:{lab}"
    return f"{lab}_below_lln" if spec and spec.get("lln") else f"lab_below_lln:{lab}"


def _unitless(lab: str, value: float) -> str | None:
    fits = [unit for unit, lo, hi in _UNITLESS_BANDS.get(lab, ()) if lo <= value <= hi]
    return fits[0] if len(fits) == 1 else None


def _threshold(lab: str, op: str, value: float | None, unit: str) -> dict | None:
    """One comparison for one analyte, or None when the unit does not fit the analyte."""
    if unit in ("x uln", "uln"):
        if value is None:
            if unit != "uln":
                return None
            value = 1.0
        if not 0 < value <= 100:
            return None
        return _f(_fact_for(lab, "x_uln"), op, _num(value))
    if unit == "lln":
        if value is not None:
            return None
        return _f(_fact_for(lab, "lln"), "=", op in ("<", "<="))
    if value is None:
        return None
    if not unit and vocab_labs.get(lab).canonical_unit not in vocab_units.UNITLESS:
        unit = _unitless(lab, value) or ""
        if not unit:
            return None
    unit = _UNIT_ALIASES.get((lab, unit), unit)
    try:
        canonical = vocab_units.convert(lab, value, unit)
    except (KeyError, ValueError):
        return None
    analyte = vocab_labs.get(lab)
    if analyte.plausible and not analyte.plausible[0] <= canonical <= analyte.plausible[1]:
        return None
    return _f(_fact_for(lab, "value"), op, _num(canonical))


def _prepare(s: str) -> tuple[str, tuple[str, ...] | None]:
    """The statement without subject, lead words and trailing timing; and a descriptor's analytes
    ("thrombocytopenia (platelets < 100 x10^9/l)")."""
    t = re.sub(r"\((males?|men|females?|women)\)", r"in \1", s)  # "(women)" is not an acronym
    t = _strip_subject(_drop_acronyms(re.sub(r"^the (?=(?:patient|subject|participant)s? )", "", t)))
    # when the sample is taken is the trial's business, unbracketed at the end too: "CD4 count of at least 350
    # cells/mm3 within 45 days prior to study entry" (a window before entry; the value is the screening value)
    t = re.sub(r"\s*,?\s*(?:(?:collected|obtained|measured|drawn|performed|done) )?within \d+ (?:days?|weeks?) "
               r"(?:prior to|before|of) (?:the )?(?:study entry|entry|enrol?lment|registration|screening"
               r"|randomi[sz]ation|(?:the )?first dose(?: of study (?:drug|medication|treatment))?)"
               r"(?: on study)?\.?$", "", t)
    # how a saturation is taken, the standard way: "oxygen saturation > 92% (by pulse oximetry) on room air"
    t = re.sub(r"\s*,?\s*(?:by pulse oximetry\s*)?(?:on|at|breathing) room air$|\s*,?\s*by pulse oximetry$", "", t)
    t = re.sub(r"\s*(?:at|during|on) (?:the )?(?:screening|baseline)(?: visit| evaluation| assessment)?$|\s*at bas"
               r"eline$|\s*(?:prior to|at the time of) (?:the )?(?:study entry|randomi[sz]ation|enrollment"
               r"|enrolment|screening|registration)$", "", t)
    t = re.sub(r"^(?:(?:hematopoietic|haematopoietic|hematologic(?:al)?|haematologic(?:al)?|hematology|haematology"
               r"|renal|hepatic|liver|laboratory|labs?|cardiac|cardiovascular|chemistry|biochemistry|coagulation"
               r"|(?:renal|liver|hepatic|cardiac) function)\s*:\s*|coagulation )", "", t)
    # when the sample is taken is the trial's business: "(collected within 10 days prior to the start of treatment)"
    t = re.sub(r"\s*\((?:collected|obtained|measured|drawn|performed|done) within \d+ (?:days?|weeks?) (?:prior to"
               r"|before) [^()]*\)$", "", t)
    # "Have a CD4 count …": a verb and then an article
    t = re.sub(r"^(?:presence of |evidence of |screening |a |an |(?:have |has |with )(?:an? )?|having |patient's "
               r"|subject's )", "", t)
    m = re.match(r"^(" + "|".join(_DESCRIPTORS) + r")\s*\((.*)\)$", t)
    if m:
        body, labs = m.group(2).strip(), _DESCRIPTORS[m.group(1)]
        if len(labs) == 1 and re.match(_OPS, body):  # "leukopenia (< 2000/mm3)": the finding names the analyte
            body = f"{labs[0]} " + re.sub(r"(?<=\d)\s*(?:platelets|cells)\s*(?=/)", " ", body)
        return body, labs
    return t, None


_DESCRIPTORS = {"thrombocytopenia": ("platelets",), "neutropenia": ("neutrophils",), "leukopenia": ("wbc",),
                "leucopenia": ("wbc",), "lymphopenia": ("lymphocytes",), "anemia": ("hemoglobin",),
                "anaemia": ("hemoglobin",), "renal insufficiency": ("creatinine", "egfr", "creatinine_clearance"),
                "renal impairment": ("creatinine", "egfr", "creatinine_clearance"),
                "renal failure": ("creatinine", "egfr", "creatinine_clearance"),
                "hepatic impairment": ("ast", "alt", "bilirubin"), "liver dysfunction": ("ast", "alt", "bilirubin"),
                "hepatic disease": ("ast", "alt", "bilirubin"), "liver disease": ("ast", "alt", "bilirubin"),
                "hepatic dysfunction": ("ast", "alt", "bilirubin"), "renal dysfunction": ("creatinine", "egfr",
                                                                                        "creatinine_clearance"),
                "qt prolongation": ("qtc",), "prolonged qtc": ("qtc",),
                "hypogammaglobulinemia": ("igg",), "hypogammaglobulinaemia": ("igg",),
                "low complement": ("c3", "c4"), "hypocomplementemia": ("c3", "c4"),
                "hypocomplementaemia": ("c3", "c4"),
                "hypertension": ("systolic_bp", "diastolic_bp"), "uncontrolled hypertension": ("systolic_bp",
                                                                                              "diastolic_bp")}
_LEAD = r"\s*(?:level|levels|value|values|count|concentration|result|interval)?\s*(?:of|is|are|must be|should be)?\s*"
_VALUE = rf"{_OPS}\s*(?:(\d+(?:\.\d+)?)\s*{_UNIT}?|(uln|lln))"


# Alternative measures of one function: "GFR or creatinine clearance >= 60" is met by either.
_ALTERNATIVE_MEASURES = frozenset({"egfr", "creatinine_clearance"})


def _combine(rules: list[dict], join: str, mode: str, found: list[str], abnormal: bool) -> dict | None:
    """Several analytes under one threshold. In an exclusion, any of them over it excludes. To include,
    "AST or ALT <= 3 x ULN" (within limits) means each, but "C3 or C4 below the LLN" and "transaminases
    > 2 x ULN" (an abnormal result) mean at least one, as does either of two alternative measures of
    one function ("GFR or creatinine clearance >= 60")."""
    if len(rules) == 1:
        return rules[0]
    if mode == "cond":
        return _any(*rules) if join in ("or", "group", ",") else None
    if join == "and":
        return _all(*rules)
    if abnormal or (join == "or" and set(found) <= _ALTERNATIVE_MEASURES):
        return _any(*rules)
    return _all(*rules)


def _lab(s: str, mode: str) -> _Atom | None:
    atom = _lab_any_sex(s, mode)
    m = re.match(r"(?:adult )?(?:(female|male) (?:patients?|subjects?|participants?)|(women|females)|(men|males))\b", s)
    if atom is not None and m:  # "Women with haemoglobin < 12 g/dl": the subject restricts the sex too
        atom.rule = _all(_f("sex", "=", "female" if m.group(1) == "female" or m.group(2) else "male"), atom.rule)
    return atom


def _lab_any_sex(s: str, mode: str) -> _Atom | None:
    result = _lab_result(s, mode)
    if result is not None:
        return result
    t, descriptor = _prepare(s)
    atom = _lab_body(t, descriptor, mode)
    # "renal failure (creatinine < 1.5)": a bracket on the normal side does not define the condition (h-judge8)
    if atom is not None and descriptor is not None and not descriptor_sides.agrees(s, t, descriptor, atom.rule):
        return None
    return atom


def _lab_body(t: str, descriptor: tuple[str, ...] | None, mode: str) -> _Atom | None:
    looser = lab_exceptions.with_liver_metastases(t, mode, _lab_any_sex) if descriptor is None else None
    if looser is not None:
        return looser
    t, restated = _restated(t)
    t = _or_more(t)
    if descriptor and mode == "cond" and re.search(r"\bor\b|,", t):
        return _descriptor_list(t, descriptor)
    normal = _normal(t, mode) if descriptor is None else None
    if normal is not None:
        return normal
    sexed = _sex_specific(t, mode)
    if sexed is not None:
        return sexed
    bp = _blood_pressure(t, mode)
    if bp is not None:
        return bp
    bounded = _range(t)
    if bounded is not None:
        return bounded
    m = re.search(rf"\s*{_OPS}\s*", t)
    if not m or m.start() == 0:
        return None
    head = re.sub(rf"{_LEAD}$", "", t[: m.start()]).strip()
    vm = re.fullmatch(_VALUE, t[m.start():].strip())
    if not vm or not head:
        return None
    names = _lab_names(head)
    if names is None:
        return None
    found, join = names
    if descriptor and not set(found) <= set(descriptor):
        return None
    op = vm.group(1)
    value = float(vm.group(2)) if vm.group(2) else None
    unit = (vm.group(3) or vm.group(4) or "").strip()
    rules = []
    for lab in found:
        rule = _threshold(lab, op, value, unit)
        if rule is None:
            return None
        rules.append(rule)
    abnormal = unit in ("x uln", "uln") and op in (">", ">=") or unit == "lln" and op in ("<", "<=")
    rule = _combine(rules, join, mode, found, abnormal)
    if rule is None:
        return None
    inferred = unit == "" and value is not None
    if restated is not None and not (len(found) == 1 and _same_value(found[0], rule, *restated)):
        return None
    return _Atom(rule, "lab:" + "+".join(found), confidence=0.8 if inferred else 0.9)


_RESTATED = re.compile(rf"(.+?\d(?:\.\d+)?\s*{_UNIT})\s*\(\s*(?P<op>{_OPS}\s*)?(\d+(?:\.\d+)?)\s*{_UNIT}\s*\)")


def _restated(t: str) -> tuple[str, tuple[float, str] | None]:
    """"Bilirubin <= 1.1 mg/dl (20 umol/l)", "platelet count >= 50,000/ul (>= 50 x 10^9/l)": the same threshold
    written again in another unit (with the same comparator, if any), dropped (and checked against the first by
    ``_same_value``); any other bracket is kept, and then not understood."""
    m = _RESTATED.fullmatch(t)
    if not m or m.group(2).strip() == m.group(6).strip() or m.group(6).strip() in ("x uln", "uln", "lln"):
        return t, None
    if m.group("op") and re.findall(_OPS, m.group(1))[-1:] != [m.group("op").strip()]:
        return t, None  # "(<= 5 x 10^9/l)" after ">=": not the same threshold
    return m.group(1), (float(m.group(5)), m.group(6).strip())


def _same_value(lab: str, rule: dict, value: float, unit: str) -> bool:
    """Whether ``value unit`` is the rule's threshold in another unit (within rounding: 1.1 mg/dl is 18.8 umol/l,
    written "20")."""
    if "fact" not in rule or isinstance(rule.get("value"), bool):
        return False
    try:
        canonical = vocab_units.convert(lab, value, unit)
    except (KeyError, ValueError):
        return False
    return abs(canonical - rule["value"]) <= 0.1 * abs(rule["value"])


_RANGE = re.compile(rf"(.+?)\s*(?:of |is |are |must be |between |from |in the range (?:of )?)?(\d+(?:\.\d+)?)"
                    rf"\s*{_UNIT}?\s*(?:-|to|and)\s*(\d+(?:\.\d+)?)\s*{_UNIT}?(?:,? inclusive)?")
_BOUNDS = re.compile(rf"(.+?)\s*(>=|>)\s*(\d+(?:\.\d+)?)\s*{_UNIT}?\s*(?:and|,|but)\s*(<=|<)\s*(\d+(?:\.\d+)?)"
                     rf"\s*{_UNIT}?")


def _range(t: str) -> _Atom | None:
    """"CD4 count 200-500 cells/mm3", "HbA1c between 7% and 10%", "HbA1c >= 7.0% and <= 10.5%": one analyte, both
    bounds (the unit written once applies to both; two units must be the same)."""
    m = _RANGE.fullmatch(t)
    if m:
        head, op1, v1, u1, op2, v2, u2 = m.group(1), ">=", m.group(2), m.group(3), "<=", m.group(4), m.group(5)
    else:
        m = _BOUNDS.fullmatch(t)
        if not m:
            return None
        head, op1, v1, u1, op2, v2, u2 = m.groups()
    head = re.sub(rf"{_LEAD}$", "", head).strip()
    names = _lab_names(head) if head else None
    if names is None or len(names[0]) != 1:
        return None
    u1, u2 = (u1 or "").strip(), (u2 or "").strip()
    if u1 and u2 and u1 != u2 or not (u1 or u2) or float(v1) >= float(v2):
        return None  # no unit at all: a range is too easily a count of something else
    unit = u2 or u1
    lab = names[0][0]
    lo, hi = _threshold(lab, op1, float(v1), unit), _threshold(lab, op2, float(v2), unit)
    if lo is None or hi is None:
        return None
    return _Atom(_all(lo, hi), f"lab:{lab}", confidence=0.85)


def _or_more(t: str) -> str:
    """"CD4 count of 200 cells/mm3 or greater", "... of 200 or more cells/mm3": the comparator in front."""
    m = re.fullmatch(rf"(.+?)(?: of| is| are)? (\d+(?:\.\d+)?)(?:\s*{_UNIT})? or (more|greater|higher|above|less|lower"
                     rf"|below)(?: {_UNIT})?", t)
    if not m or m.group(3) and m.group(5):
        return t
    op = ">=" if m.group(4) in ("more", "greater", "higher", "above") else "<="
    return f"{m.group(1)} {op} {m.group(2)} {m.group(3) or m.group(5) or ''}".strip()


def _descriptor_list(t: str, descriptor: tuple[str, ...]) -> _Atom | None:
    """"Hypertension (systolic > 160 mmHg or diastolic > 100 mmHg)": any of the thresholds, each about
    an analyte the descriptor names."""
    parts = [p for p in re.split(r"\s*(?:,\s*(?:or\s+|and/or\s+)?|\bor\b|\band/or\b)\s*", t) if p]
    atoms = [_lab(p, "cond") for p in parts]
    if len(atoms) < 2 or any(a is None for a in atoms):
        return None
    labs = {lab for a in atoms for lab in a.name.removeprefix("lab:").replace("blood_pressure",
                                                                            "systolic_bp+diastolic_bp").split("+")}
    if not labs <= set(descriptor):
        return None
    return _Atom(_any(*[a.rule for a in atoms]), "lab:" + "+".join(sorted(labs)), confidence=0.85)


# Analytes whose only abnormal direction criteria mean is high: "bilirubin normal" is at most the ULN. (A low
# platelet or haemoglobin is abnormal too, so "platelet count normal" is two bounds and is not read.)
_HIGH_ONLY = frozenset({"bilirubin", "creatinine", "ast", "alt", "alp", "ggt", "prothrombin_time", "aptt", "inr", "ck"})


def _normal(t: str, mode: str) -> _Atom | None:
    """"Bilirubin normal", "PT and PTT normal", "normal serum creatinine" (a requirement): each at most 1 x ULN.
    Not "normal for age" or "within normal limits" (refused before: a range of the laboratory's own)."""
    if mode != "req":
        return None
    m = re.fullmatch(r"(.+?) (?:(?:is|are|must be|should be) )?(?:<= )?normal|normal (.+)", t)  # "no greater than"
    if not m:
        return None
    head = m.group(1) or m.group(2)
    names = _lab_names(head)
    both = ("one", "and", "group") + (("or",) if "/" in head and not re.search(r"\bor\b", head) else ())  # "PT/PTT"
    if names is None or names[1] not in both or not set(names[0]) <= _HIGH_ONLY:
        return None
    rules = [_threshold(lab, "<=", 1.0, "x uln") for lab in names[0]]
    if None in rules:
        return None
    return _Atom(_all(*rules), "lab:" + "+".join(names[0]), confidence=0.85)


_MEN = r"(?:males?|men|man)"
_WOMEN = r"(?:females?|women|woman)"


def _sex_specific(t: str, mode: str) -> _Atom | None:
    """"qtcf <= 450 ms in males or <= 470 ms in females", "hemoglobin < 12 g/dl (women) / 13 (men)"."""
    m = re.fullmatch(rf"(.+?)\s*{_OPS}\s*(\d+(?:\.\d+)?)\s*{_UNIT}?\s*(?:in |for |\()({_MEN}|{_WOMEN})\)?\s*(?:,|or"
                     rf"|and|/|;)?\s*(?:{_OPS}\s*)?(\d+(?:\.\d+)?)\s*{_UNIT}?\s*(?:in |for |\()({_MEN}|{_WOMEN})\)?",
                     t)
    if not m:
        return None
    head = re.sub(rf"{_LEAD}$", "", m.group(1)).strip()
    names = _lab_names(head)
    if names is None or len(names[0]) != 1:
        return None
    lab = names[0][0]
    op1, v1, u1, who1, op2, v2, u2, who2 = m.groups()[1:]
    if bool(re.fullmatch(_MEN, who1)) == bool(re.fullmatch(_MEN, who2)):
        return None
    op2 = op2 or op1
    if op2 != op1:
        return None
    u1, u2 = (u1 or "").strip(), (u2 or "").strip()
    u1, u2 = u1 or u2, u2 or u1
    parts = []
    for op, v, u, who in ((op1, v1, u1, who1), (op2, v2, u2, who2)):
        rule = _threshold(lab, op, float(v), u)
        if rule is None:
            return None
        sex = "male" if re.fullmatch(_MEN, who) else "female"
        parts.append(_all(_f("sex", "=", sex), rule))
    return _Atom(_any(*parts), f"lab:{lab}+sex", confidence=0.85)


def _blood_pressure(t: str, mode: str) -> _Atom | None:
    """"blood pressure > 160/100 mmhg": either over excludes; "< 140/90" to include: both under."""
    m = re.fullmatch(rf"(?:(?:resting |seated |sitting )?(?:arterial )?blood pressure|bp)(?: \(sbp/dbp\))?\s*{_OPS}"
                     rf"\s*(\d{{2,3}})\s*/\s*(\d{{2,3}})\s*(?:mm ?hg)?", t)
    if not m:
        return None
    op, sys_v, dia_v = m.group(1), float(m.group(2)), float(m.group(3))
    if not (60 <= sys_v <= 260 and 30 <= dia_v <= 160 and dia_v < sys_v):
        return None
    rules = [_f("lab:systolic_bp", op, _num(sys_v)), _f("lab:diastolic_bp", op, _num(dia_v))]
    rule = _any(*rules) if mode == "cond" else _all(*rules)
    return _Atom(rule, "blood_pressure", confidence=0.85)
