"""Authoring helpers for hand labels (compact constructors -> JSON lines)."""
import json, sys
OUT = []
def _row(i, cat, fams, mod, reading, note):
    OUT.append({"id": i, "category": cat, "families": list(fams), "modifiable": mod, "reading": reading, "note": note})
def N(i, note=""): _row(i, "non_criterion", [], False, None, note)
def J(i, fams, note="", mod=False): _row(i, "judgement", fams, mod, None, note)
def X(i, fams, reading, mod=False, note=""): _row(i, "expressible", fams, mod, reading, note)
def NE(i, fams, note, mod=False): _row(i, "not_expressible", fams, mod, None, note)
def A(*xs): return {"all": list(xs)}
def O(*xs): return {"any": list(xs)}
def NOT(x): return {"not": x}
def age(op, v, unit="years"): return {"age": {"op": op, "value": v, "unit": unit}}
def sex(s): return {"sex": s}
def C(name, time=None, narrower=None, exc=None, cls=None):
    d = {"condition": name}
    if narrower is not None: d["narrower"] = narrower
    if exc: d["except"] = exc
    if time is not None: d["time"] = time
    if cls: d["classification"] = cls
    return d
def D(name, cls=False, time=None, stable=None, dose=None, resp=None, count=None):
    d = {"drug": name, "class": cls}
    if time is not None: d["time"] = time
    if stable: d["stable_dose"] = stable
    if dose: d["dose"] = dose
    if resp: d["response"] = resp
    if count: d["count"] = count
    return d
def W(n, unit): return {"within": [n, unit]}
def FAL(n, unit): return {"for_at_least": [n, unit]}
def L(name, op=None, v=None, unit=None, result=None):
    if result: return {"lab": name, "result": result}
    return {"lab": name, "op": op, "value": v, "unit": unit}
def S(name, op, v): return {"score": name, "op": op, "value": v}
PREG = {"pregnant": True}; LACT = {"lactating": True}; CONTRA = {"contraception": "agrees"}
CBP = {"childbearing_potential": True}; CONSENT = {"consent": True}
def OT(n, unit): return {"other_trial": {"within": [n, unit]}}
def P(name, time=None):
    d = {"procedure": name}
    if time is not None: d["time"] = time
    return d
def ALG(x): return {"allergy": x}
def F(text, value=True, op=None, unit=None):
    d = {"fact": text, "value": value}
    if op: d["op"] = op
    if unit: d["unit"] = unit
    return d
WOCBP_CONTRA = O(NOT(CBP), CONTRA)
def write(path):
    ids = [r["id"] for r in OUT]
    assert len(ids) == len(set(ids)), "duplicate"
    with open(path, "w", encoding="utf-8") as f:
        for r in OUT: f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(OUT), "labels ->", path)
